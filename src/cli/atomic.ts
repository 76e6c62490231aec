// An output folder written all or nothing: every file is written under a temporary name in the
// folder and renamed over its real name only when all of them are complete (commit). A command that
// fails or is refused leaves the previous results as they were; only the lock (lock.ts) and the
// temporary files, removed at the end, are ever touched before then. The renames of a commit are
// journaled: the list is written (and synced) to `.stp-wasm-commit` first, and a process killed in
// the middle of them leaves that list, which the next command to open the folder carries out before
// anything else (roll forward), so the folder never keeps a mix of two runs' files.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { StpOptionError } from "../core/errors.js";
import { acquireLock } from "./lock.js";

/** Temporary names: `.stp-wasm-tmp.PID.NAME` (the name last, so that a browser still sees an .html file). */
const TEMP = /^\.stp-wasm-tmp\.\d+\./;
/** The journal of a commit in progress: JSON {renames: [temporary name, name][], stale: name[]}. */
const JOURNAL = ".stp-wasm-commit";

interface Journal {
  renames: [string, string][];
  stale: string[];
}

/** Sync the folder's entries (renames, removals) to the disk where the platform allows. */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try { fsyncSync(fd); } finally { closeSync(fd); }
  } catch { /* a folder cannot be synced everywhere */ }
}

/**
 * Carry out the journal's renames and removals in `dir` (each at most once: a temporary file already
 * renamed is gone), then remove the journal. `stopAfter` (tests only) stops after that many renames,
 * leaving the journal, as a process killed there would.
 */
function applyJournal(dir: string, journal: Journal, stopAfter = Infinity): void {
  let done = 0;
  for (const [temp, name] of journal.renames) {
    if (done === stopAfter) return;
    if (existsSync(join(dir, temp))) renameSync(join(dir, temp), join(dir, name));
    done++;
  }
  if (done === stopAfter) return;
  for (const name of journal.stale) try { unlinkSync(join(dir, name)); } catch { /* not there */ }
  syncFolder(dir);
  unlinkSync(join(dir, JOURNAL));
  syncFolder(dir);
}

/** A commit that a killed process left half done in `dir`: finish it (nothing to do without a journal). */
function rollForward(dir: string): void {
  const path = join(dir, JOURNAL);
  if (!existsSync(path)) return;
  applyJournal(dir, JSON.parse(readFileSync(path, "utf8")) as Journal);
}

/** A failure to write an output: names the file and the folder, and says the previous results are unchanged. */
export class OutputWriteError extends Error {
  readonly code?: string;
  /** `decided`: the failure came after the commit's journal was written (the new results are kept). */
  constructor(dir: string, file: string, cause: unknown, decided = false) {
    const e = cause as NodeJS.ErrnoException;
    super(decided
      ? `renaming ${file} in ${dir} into place failed: ${describeErrno(e)}; the new results are complete, and the next stp-wasm command that writes to ${dir} finishes the renames (listed in ${dir}/${JOURNAL})`
      : `writing ${file} in ${dir} failed: ${describeErrno(e)}; the previous results in ${dir} are unchanged`);
    this.name = "OutputWriteError";
    this.code = e?.code;
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: "no space left on the device", EDQUOT: "disk quota exceeded", EFBIG: "file too large for this file system or limit",
  EACCES: "permission denied", EPERM: "operation not permitted", EROFS: "read-only file system", EIO: "input/output error",
  ENOTDIR: "a part of the path is a file, not a folder", EEXIST: "it exists and is not a folder", ENOENT: "no such file or folder",
  EISDIR: "it is a folder", ENAMETOOLONG: "name too long",
};

/** "no space left on the device (ENOSPC)", or the error's message. */
export function describeErrno(err: NodeJS.ErrnoException | undefined): string {
  if (!err || typeof err !== "object") return String(err);
  return err.code && REASONS[err.code] ? `${REASONS[err.code]} (${err.code})` : err.message;
}

export class OutputFolder {
  /** final name -> temporary path, for files written and not yet committed */
  private readonly pending = new Map<string, string>();
  private readonly fds = new Set<number>();

  private constructor(readonly dir: string, private readonly release: () => void) {}

  /**
   * Make folder `dir` (option `option`, e.g. "out") if needed and take its lock for `command`.
   * A path that is a file, or a folder that cannot be made or written, is refused as an option error.
   */
  static open(dir: string, command: string, option = "out"): OutputFolder {
    const refuse = (err: unknown): never => {
      throw new StpOptionError(option, dir, "a folder this process can make and write to", describeErrno(err as NodeJS.ErrnoException));
    };
    try {
      if (!statSync(dir).isDirectory()) refuse({ code: "EEXIST" });
    } catch (err) {
      if (err instanceof StpOptionError) throw err;
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") refuse(err);
      try { mkdirSync(dir, { recursive: true }); } catch (e) { refuse(e); }
    }
    let release: () => void;
    try {
      release = acquireLock(dir, command);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code) refuse(err);
      throw err;
    }
    // holding the lock: a commit a killed process left half done is finished, then any temporary
    // file here is a leftover of a process that was killed before its commit
    try {
      rollForward(dir);
    } catch (err) {
      release();
      throw new OutputWriteError(dir, "an earlier run's files", err, true);
    }
    for (const name of readdirSync(dir)) if (TEMP.test(name)) try { unlinkSync(join(dir, name)); } catch { /* gone */ }
    return new OutputFolder(dir, release);
  }

  /** The temporary path of `name`, written and not yet committed (undefined if none). */
  pendingPath(name: string): string | undefined {
    return this.pending.get(name);
  }

  /** Where `name` ends up. */
  path(name: string): string {
    return join(this.dir, name);
  }

  /** The temporary path `name` is written under until commit(). */
  tempPath(name: string): string {
    const temp = join(this.dir, `.stp-wasm-tmp.${process.pid}.${name}`);
    this.pending.set(name, temp);
    return temp;
  }

  /** Open `name` for writing (under its temporary name); write with write() and end with close(). */
  open(name: string): number {
    try {
      const fd = openSync(this.tempPath(name), "w");
      this.fds.add(fd);
      return fd;
    } catch (err) {
      throw new OutputWriteError(this.dir, name, err);
    }
  }

  /** Drop `name` from the files to commit (its temporary file is removed). */
  forget(name: string): void {
    const temp = this.pending.get(name);
    if (temp !== undefined) try { unlinkSync(temp); } catch { /* never written */ }
    this.pending.delete(name);
  }

  /** Append `text` to an open file. */
  write(fd: number, name: string, text: string | Uint8Array): void {
    try {
      // a write may take only part of the bytes (a disk filling up): write the rest until it fails
      const bytes = typeof text === "string" ? Buffer.from(text) : text;
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (err) {
      throw new OutputWriteError(this.dir, name, err);
    }
  }

  /** Flush an open file to the disk and close it. */
  close(fd: number, name: string): void {
    this.fds.delete(fd);
    try {
      fsyncSync(fd);
    } catch (err) {
      try { closeSync(fd); } catch { /* closed */ }
      throw new OutputWriteError(this.dir, name, err);
    }
    closeSync(fd);
  }

  /** Write the whole file `name` (under its temporary name). */
  writeFile(name: string, data: string | Uint8Array): void {
    const fd = this.open(name);
    try {
      this.write(fd, name, data);
    } catch (err) {
      this.fds.delete(fd);
      closeSync(fd);
      throw err;
    }
    this.close(fd, name);
  }

  /**
   * Rename every file written over its real name, and remove `stale`: outputs of an earlier run that
   * this one did not write (e.g. a plot.png), so the folder holds one run's results. The journal is
   * written first (under a temporary name, synced, then renamed into place), so a kill during the
   * renames is finished by the next open. `stopAfter`: tests only (see applyJournal).
   */
  commit(stale: string[] = [], stopAfter = Infinity): void {
    const temps = [...this.pending.values()].map((t) => t.slice(this.dir.length + 1));
    const journal: Journal = { renames: [...this.pending.keys()].map((name, i) => [temps[i], name]), stale };
    const journalTemp = `.stp-wasm-tmp.${process.pid}.${JOURNAL}`;
    try {
      const fd = openSync(join(this.dir, journalTemp), "w");
      try {
        writeSync(fd, JSON.stringify(journal));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(join(this.dir, journalTemp), join(this.dir, JOURNAL));
      syncFolder(this.dir);
    } catch (err) {
      try { unlinkSync(join(this.dir, journalTemp)); } catch { /* not written */ }
      throw new OutputWriteError(this.dir, JOURNAL, err);
    }
    // from here the new results are decided: the renames go through now or at the next open
    try {
      applyJournal(this.dir, journal, stopAfter);
    } catch (err) {
      throw new OutputWriteError(this.dir, "the new files", err, true);
    } finally {
      if (stopAfter === Infinity) this.pending.clear();
    }
  }

  /** Remove what was not committed and release the lock. */
  dispose(): void {
    for (const fd of this.fds) try { closeSync(fd); } catch { /* closed */ }
    this.fds.clear();
    for (const temp of this.pending.values()) try { unlinkSync(temp); } catch { /* gone */ }
    this.pending.clear();
    this.release();
  }
}

/** Run `body` with the output folder `dir` open (made, locked); whatever it did not commit is removed, and the lock released. */
export async function withOutput<T>(dir: string, command: string, body: (folder: OutputFolder) => Promise<T>): Promise<T> {
  const folder = OutputFolder.open(dir, command);
  try {
    return await body(folder);
  } finally {
    folder.dispose();
  }
}
