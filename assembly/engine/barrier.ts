// A reusable barrier for the workers of runSlice, on two i32 in shared memory: arrivals and a
// generation. The last worker to arrive runs the call's `last` task (engine/balance.ts: the shares
// for this worker count, or a rebalancing), resets the count and bumps the generation; the others
// poll `spins` times (NET_SPINS), then sleep on the generation word (memory.atomic.wait32). Each
// worker learns whether it was the last to arrive (the balance's measure of who is slowest). Compiled
// to nothing in builds without the threads feature, where runSlice accepts a single worker only.
// Callers keep no floating-point value in a local across a barrier: V8's baseline compiler
// (Liftoff, Node 20) does not preserve floating-point registers across memory.atomic.wait.
import { BARRIER_COUNT, BARRIER_GEN } from "../abi";
import { sharesFor, rebalance } from "./balance";

/** What the last worker to arrive does before it releases the others. */
export const LAST_NOTHING = 0;
/** ... equal shares when the barrier's are for another worker count (a call's first barrier). */
export const LAST_SHARES = 1;
/** ... move work between the workers (the end of a window). */
export const LAST_REBALANCE = 2;

/** Meet the other workers of `n`; returns 1 when this worker was the last to arrive, else 0. */
export function barrier(bar: usize, n: i32, spins: i32, last: i32 = LAST_NOTHING): i32 {
  if (!ASC_FEATURE_THREADS || n <= 1) return 1;
  const gen = atomic.load<i32>(bar + BARRIER_GEN);
  if (atomic.add<i32>(bar + BARRIER_COUNT, 1) == n - 1) {
    if (last == LAST_SHARES) sharesFor(bar, n);
    else if (last == LAST_REBALANCE) rebalance(bar, n);
    atomic.store<i32>(bar + BARRIER_COUNT, 0);
    atomic.add<i32>(bar + BARRIER_GEN, 1);
    atomic.notify(bar + BARRIER_GEN);
    return 1;
  }
  for (let i = 0; i < spins; i++) {
    if (atomic.load<i32>(bar + BARRIER_GEN) != gen) return 0;
  }
  while (atomic.load<i32>(bar + BARRIER_GEN) == gen) atomic.wait<i32>(bar + BARRIER_GEN, gen);
  return 0;
}
