// Room on the disk for `run`'s trace.csv: refused before the run when even the shortest rows cannot
// fit, and after the first chunk when the rows written so far project past the free space (the run
// then stops there; nothing is replaced). A large trace.csv that fits is announced.
import { StpOptionError } from "../core/errors.js";
import { formatBytes } from "../runtime/guard.js";

/** Characters of the integer part of t > 0 (1 for t < 10). */
const intDigits = (t: number) => (t < 10 ? 1 : Math.floor(Math.log10(t)) + 1);

/**
 * The fewest bytes `steps` rows of t and `values` other columns can take: each value at least one
 * character, commas, a newline, and t = (i + 1) dt at least as many characters as its integer part.
 */
export function csvLowerBound(steps: number, dt: number, values: number): number {
  let bytes = steps * (1 + values + values + 1); // t's first digit, values, commas, newline
  for (let k = 1; 10 ** k <= steps * dt; k++) bytes += Math.max(0, steps - Math.ceil(10 ** k / dt - 1e-9) + 1);
  return bytes;
}

/** Refuse `steps` (option "steps") when `needed` bytes exceed `free`. */
export function checkRoom(what: string, needed: number, free: number, dir: string, steps: number): void {
  if (needed <= free) return;
  throw new StpOptionError("steps", steps, "fewer steps, or --out on a disk with more room",
    `${what} needs ${formatBytes(needed)} and the disk holding ${dir} has ${formatBytes(free)} free`);
}

/** Bytes still to come for the rows after `done` of `steps`, at the rate written so far (t's growing width counted). */
export function projectRemaining(written: number, done: number, steps: number, dt: number): number {
  const perRow = written / done;
  return Math.ceil((steps - done) * (perRow + intDigits(steps * dt) - intDigits(done * dt)));
}

/** Size from which a trace.csv is announced before it is written. */
export const ANNOUNCE_BYTES = 1e9;
