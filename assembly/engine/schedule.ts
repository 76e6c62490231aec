// The work split between the workers of runSlice: the only place that decides which worker
// computes what. Every array is indexed trial * units + unit. With at least as many trials as
// workers, worker w takes whole trials (then a step needs no barrier: all a trial's work stays on
// one worker) and runs them tile by tile; otherwise it takes a contiguous slice of each index space
// in blocks of 16 (a 64-byte line of floats: the workers' slices of an array that starts on a line
// share no line, which two cores would otherwise pass to and fro every step), its share of the
// space set by engine/balance.ts (equal at first, then moved towards the faster workers). Every
// element is computed the same way whichever worker does it, so results depend on neither the
// number of workers nor their shares.
//
// A pass is what one call of the step loop covers: whole trials [trial0, trial1) ("trials mode"),
// or worker w's slice of every index space ("split mode", when workers share trials). The engine
// opens a pass with beginTrials / beginSplit; models ask first(units) / end(units) for their range.
import { SHARE_ONE } from "../abi";
import { shareStart } from "./balance";

/** First index of worker w's share of [0, total) in blocks of `align`. */
@inline export function sliceStart(total: i32, w: i32, n: i32, align: i32): i32 {
  const blocks = (<i64>total + align - 1) / align;
  const start = <i32>((blocks * w / n) * align);
  return start < total ? start : total;
}

/** Whether worker shares are whole trials. */
@inline export function byTrials(trials: i32, n: i32): bool {
  return trials >= n;
}

/**
 * Trials per block of a worker's share: 16 when there are many trials per worker, so that shares
 * of every array start on a 64-byte line (16 floats) and no line is written by two cores each
 * step; 1 otherwise (a block of 16 would unbalance a few trials).
 */
@inline function trialAlign(trials: i32, n: i32): i32 {
  return trials >= 256 * n ? 16 : 1;
}

/** First index of the share from `at` / SHARE_ONE on of [0, total), in blocks of `align`. */
@inline function shareFrom(total: i32, at: i32, align: i32): i32 {
  const blocks = (<i64>total + align - 1) / align;
  const start = <i32>((blocks * at / SHARE_ONE) * align);
  return start < total ? start : total;
}

/**
 * First index of worker w's share of [0, total) in blocks of `align`: its share of this pass's
 * barrier in split mode, an equal share otherwise.
 */
@inline export function splitStart(total: i32, w: i32, n: i32, align: i32): i32 {
  return passSplit ? shareFrom(total, shareStart(passBar, w), align) : sliceStart(total, w, n, align);
}

/** First index of worker w's share of an array of trials * units. */
@inline export function rangeStart(trials: i32, units: i32, w: i32, n: i32): i32 {
  return byTrials(trials, n) ? sliceStart(trials, w, n, trialAlign(trials, n)) * units : splitStart(trials * units, w, n, 16);
}

/**
 * Trials per tile when `n` workers take whole trials, of a share of `share` trials: one tile on one
 * worker (no boundary, no extra pass); otherwise a quarter of the share, in multiples of 16 trials
 * (a 64-byte line of a one-unit array). A worker's last tile, next to the following share, then
 * runs three tiles' time after that share's first tile, so the two cores do not write (nor their
 * prefetchers read ahead into) each other's lines at the same time. (Measured on the lesson with
 * 1000 trials on 2 threads: 1.25 times one thread's speed untiled, about 1.8 times tiled.)
 */
@inline export function tileTrials(share: i32, n: i32): i32 {
  if (n == 1) return max(share, 1);
  return max(16, ((share + 3) / 4 + 15) & ~15);
}

// ---- the current pass (module state: each worker has its own instance) ----------------------------
let passTrials = 0; // K
let passWorker = 0; // w
let passWorkers = 1; // n
let passSplit = false; // workers share trials: ranges are slices
let passTrial0 = 0; // trials mode: [passTrial0, passTrial1)
let passTrial1 = 0;
let passBar: usize = 0; // split mode: the barrier, whose BARRIER_STARTS are the workers' shares

/** Open a pass over whole trials [t0, t1) for worker w of n. */
export function beginTrials(trials: i32, t0: i32, t1: i32, w: i32, n: i32): void {
  passTrials = trials;
  passWorker = w;
  passWorkers = n;
  passSplit = false;
  passTrial0 = t0;
  passTrial1 = t1;
}

/** Open a pass over worker w's slice of every index space (workers share trials), shares at barrier `bar`. */
export function beginSplit(trials: i32, w: i32, n: i32, bar: usize): void {
  passTrials = trials;
  passWorker = w;
  passWorkers = n;
  passSplit = true;
  passBar = bar;
}

/** First index of this pass's range of an array of trials * units. */
@inline export function first(units: i32): i32 {
  return passSplit ? rangeStart(passTrials, units, passWorker, passWorkers) : passTrial0 * units;
}

/** End of this pass's range of an array of trials * units. */
@inline export function end(units: i32): i32 {
  return passSplit ? rangeStart(passTrials, units, passWorker + 1, passWorkers) : passTrial1 * units;
}

/** Whether the workers of this pass share trials (and meet at barriers within a step). */
@inline export function split(): bool {
  return passSplit;
}

/** This pass's worker index. */
@inline export function worker(): i32 {
  return passWorker;
}

/** Workers of this pass. */
@inline export function workers(): i32 {
  return passWorkers;
}

/** Trials of this pass's network. */
@inline export function trials(): i32 {
  return passTrials;
}
