// An output folder written all or nothing: every file is written under a temporary name in the
// folder and renamed over its real name only when all of them are complete (commit). A command that
// fails or is refused leaves the previous results as they were; only the lock (lock.ts) and the
// temporary files, removed at the end, are ever touched before then.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { StpOptionError } from "../core/errors.js";
import { acquireLock } from "./lock.js";

/** Temporary names: `.stp-wasm-tmp.PID.NAME` (the name last, so that a browser still sees an .html file). */
const TEMP = /^\.stp-wasm-tmp\.\d+\./;

/** A failure to write an output: names the file and the folder, and says the previous results are unchanged. */
export class OutputWriteError extends Error {
  readonly code?: string;
  constructor(dir: string, file: string, cause: unknown) {
    const e = cause as NodeJS.ErrnoException;
    super(`writing ${file} in ${dir} failed: ${describeErrno(e)}; the previous results in ${dir} are unchanged`);
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
    // holding the lock, any temporary file here is a leftover of a process that was killed
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
   * this one did not write (e.g. a plot.png), so the folder holds one run's results.
   */
  commit(stale: string[] = []): void {
    for (const [name, temp] of this.pending) {
      try {
        renameSync(temp, this.path(name));
      } catch (err) {
        throw new OutputWriteError(this.dir, name, err);
      }
      this.pending.delete(name);
    }
    for (const name of stale) try { unlinkSync(this.path(name)); } catch { /* not there */ }
    try {
      const fd = openSync(this.dir, "r");
      try { fsyncSync(fd); } finally { closeSync(fd); }
    } catch { /* a folder cannot be synced everywhere */ }
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
