// The real terminal as the CLI's Io: stdout and stderr that survive a reader going away (`| head -1`:
// EPIPE ends the writing to that stream, not the command, whose files are still written), the
// progress bar only on a terminal, signals from the process, free space from statfs.
import { statfsSync } from "node:fs";
import type { Io } from "./args.js";

/**
 * A writer to `stream` that stops quietly once the stream fails (EPIPE: the reader left); other
 * failures are told once on stderr. Its error listener is added at once, before any worker thread
 * pipes its own output into the stream.
 */
function guarded(stream: NodeJS.WriteStream, name: string): (text: string) => void {
  let failed = false;
  stream.on("error", (err: NodeJS.ErrnoException) => {
    failed = true;
    if (err.code !== "EPIPE" && stream !== process.stderr) process.stderr.write(`stp-wasm: writing to ${name} failed (${err.code ?? err.message}); nothing more is written there\n`);
  });
  return (text) => {
    if (failed) return;
    try {
      stream.write(text);
    } catch {
      failed = true; // a stream already destroyed
    }
  };
}

/** Bytes the file system holding `dir` has free for this process (statfs: available blocks). */
export function statfsFreeBytes(dir: string): number {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/** The process's own stdout, stderr, signals and file systems. */
export function terminal(): Io {
  return {
    out: guarded(process.stdout, "stdout"),
    err: guarded(process.stderr, "stderr"),
    errIsTTY: process.stderr.isTTY === true,
    signals: process,
    freeBytes: statfsFreeBytes,
  };
}
