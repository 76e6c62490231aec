// The workers' shares of a step's work when they split one trial (engine/schedule.ts, split mode).
// Worker w takes the part of every index space from STARTS[w] / SHARE_ONE to STARTS[w + 1] /
// SHARE_ONE of it (in blocks of 16), kept in the barrier block (BARRIER_*), so that every worker reads
// the same cut. Equal at first; then every BALANCE_STEPS steps the workers meet once more at the end
// of a step and the last to arrive moves a part of the share of the worker that arrived last at the
// most barriers of those steps (the slowest) to the one that did so at the fewest (a count, not a
// time: one long wait, a core taken away for a moment, weighs as one barrier). On a machine whose cores run at different
// speeds (a core shared with another tenant, a laptop's efficiency cores) the step then takes the
// slower core's time for a smaller part, not for half. The move doubles while it keeps its direction
// and halves when it turns back, between MOVE_MIN and MOVE_MAX. Shares change only while every
// worker waits at that barrier, and no result depends on them: every element is computed the same way
// whichever worker computes it.
import {
  MAX_WORKERS, SHARE_ONE, BARRIER_WORKERS, BARRIER_FIXED, BARRIER_MOVE, BARRIER_LAST, BARRIER_STARTS, BARRIER_LASTS,
  OK, ERR_BAD_VALUE,
} from "../abi";
import { fail } from "./regions";

/** Steps between two rebalancings. */
export const BALANCE_STEPS = 64;
/** The smallest and largest move, and the first, in SHARE_ONE units (1/1024, 1/16 and 1/128 of the work). */
const MOVE_MIN = SHARE_ONE >> 10;
const MOVE_MAX = SHARE_ONE >> 4;
const MOVE_FIRST = SHARE_ONE >> 7;

/** Address of STARTS[w] of the barrier at `bar`. */
@inline function startAt(bar: usize, w: i32): usize {
  return bar + BARRIER_STARTS + (<usize>w << 2);
}

/** STARTS[w] of the barrier at `bar`. */
@inline export function shareStart(bar: usize, w: i32): i32 {
  return load<i32>(startAt(bar, w));
}

/** Address of LASTS[w] of the barrier at `bar`: the barriers of the last window worker w arrived at last. */
@inline function lastsAt(bar: usize, w: i32): usize {
  return bar + BARRIER_LASTS + (<usize>w << 2);
}

/** LASTS[w] of the barrier at `bar`. */
@inline function lastsOf(bar: usize, w: i32): i32 {
  return load<i32>(lastsAt(bar, w));
}

/** Worker w, at the end of a window: how many of its barriers it arrived at last. */
@inline export function reportLasts(bar: usize, w: i32, lasts: i32): void {
  store<i32>(lastsAt(bar, w), lasts);
}

/** Whether the shares stay as they are (BARRIER_FIXED). */
@inline export function fixedShares(bar: usize): bool {
  return load<i32>(bar + BARRIER_FIXED) != 0;
}

/**
 * Run by the last worker to arrive at a call's first barrier: equal shares for `n` workers when the
 * barrier's are for another count (STARTS[w] = ceil(w SHARE_ONE / n)).
 */
export function sharesFor(bar: usize, n: i32): void {
  if (load<i32>(bar + BARRIER_WORKERS) == n) return;
  for (let w = 0; w <= n; w++) store<i32>(startAt(bar, w), <i32>((<i64>w * SHARE_ONE + n - 1) / n));
  store<i32>(bar + BARRIER_MOVE, MOVE_FIRST);
  store<i32>(bar + BARRIER_LAST, 0);
  store<i32>(bar + BARRIER_WORKERS, n);
}

/** Smallest share a worker keeps: 1/16 of an equal share. */
@inline function floorShare(n: i32): i32 {
  return SHARE_ONE / (16 * n);
}

/**
 * Run by the last of n >= 2 workers to arrive at the end of a window (only when the shares are not
 * fixed: engine/loop.ts): from LASTS (how many of the window's barriers each worker arrived at
 * last), move work from the worker that arrived last most often to the one that did least often.
 * Nothing moves when those counts are equal.
 */
export function rebalance(bar: usize, n: i32): void {
  let slow = 0;
  let fast = 0;
  let most = lastsOf(bar, 0);
  let fewest = most;
  for (let w = 1; w < n; w++) {
    const lasts = lastsOf(bar, w);
    if (lasts > most) {
      most = lasts;
      slow = w;
    }
    if (lasts < fewest) {
      fewest = lasts;
      fast = w;
    }
  }
  if (most == fewest) return;
  const pair = slow * MAX_WORKERS + fast + 1;
  const last = load<i32>(bar + BARRIER_LAST);
  let move = min(max(load<i32>(bar + BARRIER_MOVE), MOVE_MIN), MOVE_MAX);
  if (last == fast * MAX_WORKERS + slow + 1) move = max(move >> 1, MOVE_MIN);
  else if (last == pair) move = min(move << 1, MOVE_MAX);
  store<i32>(bar + BARRIER_MOVE, move);
  store<i32>(bar + BARRIER_LAST, pair);
  move = min(move, shareStart(bar, slow + 1) - shareStart(bar, slow) - floorShare(n));
  if (move <= 0) return;
  // the starts between the two workers shift by `move` towards the slow one
  if (slow < fast) {
    for (let w = slow + 1; w <= fast; w++) store<i32>(startAt(bar, w), shareStart(bar, w) - move);
  } else {
    for (let w = fast + 1; w <= slow; w++) store<i32>(startAt(bar, w), shareStart(bar, w) + move);
  }
}

/**
 * The barrier's shares, for a call with `n` workers: when they are for n workers (BARRIER_WORKERS),
 * STARTS[0] = 0, STARTS[n] = SHARE_ONE and non-decreasing between; otherwise the call sets equal
 * ones. Returns OK or ERR_BAD_VALUE (at the first wrong word).
 */
export function checkShares(bar: usize, n: i32): i32 {
  if (load<i32>(bar + BARRIER_WORKERS) != n) return OK;
  if (shareStart(bar, 0) != 0) return fail(ERR_BAD_VALUE, startAt(bar, 0));
  for (let w = 1; w <= n; w++) {
    if (shareStart(bar, w) < shareStart(bar, w - 1) || shareStart(bar, w) > SHARE_ONE) return fail(ERR_BAD_VALUE, startAt(bar, w));
  }
  if (shareStart(bar, n) != SHARE_ONE) return fail(ERR_BAD_VALUE, startAt(bar, n));
  return OK;
}
