// How the threads of a Simulation share a step's work when they split trials (fewer trials than
// threads): the `balance` option, written into the kernel's barrier block (docs/ABI.md section 8,
// assembly/engine/balance.ts), and the shares the kernel has reached, read back.
import * as A from "../../assembly/abi.js";
import { StpOptionError } from "../core/errors.js";

/**
 * "adaptive" (default): equal shares at first, then every 64 steps the kernel moves work from the
 * thread that arrived last at most barriers to the one that did so least (cores of unequal speed).
 * "even": equal shares throughout (for timings that compare like with like). An array of one
 * positive weight per thread: fixed shares in those proportions on runs that use every thread
 * (runs on fewer threads use equal ones).
 */
export type Balance = "adaptive" | "even" | readonly number[];

/** `value` as a Balance for `threads` threads, or an StpOptionError naming it. */
export function checkBalance(value: unknown, threads: number): Balance {
  if (value === undefined) return "adaptive";
  if (value === "adaptive" || value === "even") return value;
  const allowed = `"adaptive", "even", or ${threads} positive finite weights (one per thread)`;
  if (!Array.isArray(value)) throw new StpOptionError("balance", value, allowed);
  if (value.length !== threads) throw new StpOptionError("balance", value, allowed, `${value.length} weight${value.length === 1 ? "" : "s"} for ${threads} threads`);
  value.forEach((w, i) => {
    if (typeof w !== "number" || !Number.isFinite(w) || w <= 0) throw new StpOptionError(`balance[${i}]`, w, "a positive finite number");
  });
  return value as number[];
}

/** Barrier words at `bar` of `buffer`. */
const words = (buffer: ArrayBufferLike, bar: number) => new Int32Array(buffer, bar, A.BARRIER_BYTES / 4);

/**
 * Write `balance` into the barrier at `bar` before a run on `threads` of the simulation's `all`
 * threads: fixed shares for an array of weights on a run with every thread, and whether the kernel
 * may move them.
 */
export function writeBalance(buffer: ArrayBufferLike, bar: number, balance: Balance, threads: number, all: number): void {
  const b = words(buffer, bar);
  b[A.BARRIER_FIXED / 4] = balance === "adaptive" ? 0 : 1;
  if (typeof balance === "string" || threads !== all) return;
  const total = balance.reduce((s, w) => s + w, 0);
  let sum = 0;
  const starts = A.BARRIER_STARTS / 4;
  for (let w = 0; w < threads; w++) {
    b[starts + w] = Math.round((sum / total) * A.SHARE_ONE);
    sum += balance[w];
  }
  b[starts + threads] = A.SHARE_ONE;
  b[A.BARRIER_WORKERS / 4] = threads;
}

/** The fractions of the work each thread took at the last run that split trials, or null if none did. */
export function sharesOf(buffer: ArrayBufferLike, bar: number): number[] | null {
  const b = words(buffer, bar);
  const n = b[A.BARRIER_WORKERS / 4];
  if (n < 2) return null;
  const starts = A.BARRIER_STARTS / 4;
  return Array.from({ length: n }, (_, w) => (b[starts + w + 1] - b[starts + w]) / A.SHARE_ONE);
}
