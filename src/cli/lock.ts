// A lock on an output folder: one stp-wasm process writes to a folder at a time. The lock is a file
// in the folder naming its holder (pid, host, command, start); it is made whole (written aside, then
// linked into place, which fails when a lock exists), so it is never seen half-written. A lock whose
// process no longer runs on this host (a crash, kill -9) is stale and taken over.
import { linkSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, closeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { StpBusyError } from "../core/errors.js";

export const LOCK_NAME = ".stp-wasm.lock";

/** What a lock file holds. */
export interface LockInfo {
  pid: number;
  host: string;
  /** The command line, e.g. "stp-wasm run". */
  command: string;
  /** When it was taken (ISO 8601). */
  started: string;
  /** Linux: the process's start time in clock ticks after boot (/proc/PID/stat), to tell a reused pid. */
  procStart?: string;
}

/** The start time of process `pid` from /proc (Linux), or undefined. */
function procStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** Whether the lock's holder may still run: yes unless it is on this host and gone (or its pid now names another process). */
export function holderRuns(info: LockInfo): boolean {
  if (info.host !== hostname()) return true; // cannot tell: assume it runs
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const start = procStart(info.pid);
  return !(start !== undefined && info.procStart !== undefined && start !== info.procStart);
}

function readLock(path: string): { text: string; info: LockInfo | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    return { text, info: Number.isInteger(info.pid) && typeof info.host === "string" ? info : undefined };
  } catch {
    return { text, info: undefined };
  }
}

/** The holder, for a message: "process 1234 (stp-wasm run, since 2025-...)". */
export function describeHolder(info: LockInfo): string {
  return `process ${info.pid}${info.host !== hostname() ? ` on ${info.host}` : ""} (${info.command}, since ${info.started})`;
}

/** Place `text` at `path` only if nothing is there (link where the file system allows, else an exclusive create). */
function placeNew(path: string, text: string): boolean {
  const aside = `${path}.${process.pid}.new`;
  writeFileSync(aside, text);
  try {
    linkSync(aside, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw err;
    // no hard links here: an exclusive create (a reader may then see it empty for an instant)
    let fd: number;
    try {
      fd = openSync(path, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw e;
    }
    try { writeFileSync(fd, text); } finally { closeSync(fd); }
    return true;
  } finally {
    try { unlinkSync(aside); } catch { /* gone already */ }
  }
}

/**
 * Take the lock on folder `dir` for `command`, or throw StpBusyError naming its holder. A stale lock
 * (its process gone) is taken over. Returns the release, which removes the lock if it is still ours.
 */
export function acquireLock(dir: string, command: string): () => void {
  const path = join(dir, LOCK_NAME);
  const mine: LockInfo = { pid: process.pid, host: hostname(), command, started: new Date().toISOString(), procStart: procStart(process.pid) };
  const text = JSON.stringify(mine) + "\n";
  for (let attempt = 0; attempt < 8; attempt++) {
    if (placeNew(path, text)) {
      return () => {
        try {
          if (readFileSync(path, "utf8") === text) unlinkSync(path);
        } catch { /* already gone */ }
      };
    }
    const held = readLock(path);
    if (held === undefined) continue; // released meanwhile
    if (held.info && holderRuns(held.info)) {
      const holder = describeHolder(held.info);
      throw new StpBusyError(`--out ${dir} is in use by ${holder}; wait for it to finish or choose another --out ` +
        `(if that process is not stp-wasm, remove ${path})`, holder);
    }
    // stale: move it aside, and remove it only if it is still the stale lock we read (another
    // process may have taken it over meanwhile: then its lock goes back)
    const aside = `${path}.${process.pid}.stale`;
    try {
      renameSync(path, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    const moved = readLock(aside);
    if (moved !== undefined && moved.text !== held.text) {
      try { linkSync(aside, path); } catch { /* a third process holds it now */ }
    }
    try { unlinkSync(aside); } catch { /* gone */ }
  }
  throw new StpBusyError(`--out ${dir}: could not take its lock ${path} (other processes keep taking it); try again`, "another process");
}
