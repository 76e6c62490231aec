// Work split between the workers of runSlice. Every array is indexed trial * units + unit. With at
// least as many trials as workers, worker w takes whole trials (then a step needs no barrier: all a
// trial's work stays on one worker); otherwise it takes a contiguous slice of each index space in
// blocks of 4. Ranges depend only on (trials, units, w, n); every element is computed the same way
// whichever worker does it, so results do not depend on n.

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

/** First index of worker w's share of an array of trials * units. */
@inline export function rangeStart(trials: i32, units: i32, w: i32, n: i32): i32 {
  return byTrials(trials, n) ? sliceStart(trials, w, n, trialAlign(trials, n)) * units : sliceStart(trials * units, w, n, 4);
}
