// A reusable barrier for the workers of runSlice, on two i32 in shared memory: arrivals and a
// generation. The last worker to arrive resets the count and bumps the generation; the others poll
// `spins` times (NET_SPINS), then sleep on the generation word (memory.atomic.wait32). Compiled to
// nothing in builds without the threads feature, where runSlice accepts a single worker only.
// Callers keep no floating-point value in a local across a barrier: V8's baseline compiler
// (Liftoff, Node 20) does not preserve floating-point registers across memory.atomic.wait.
import { BARRIER_COUNT, BARRIER_GEN } from "../abi";

export function barrier(bar: usize, n: i32, spins: i32): void {
  if (!ASC_FEATURE_THREADS || n <= 1) return;
  const gen = atomic.load<i32>(bar + BARRIER_GEN);
  if (atomic.add<i32>(bar + BARRIER_COUNT, 1) == n - 1) {
    atomic.store<i32>(bar + BARRIER_COUNT, 0);
    atomic.add<i32>(bar + BARRIER_GEN, 1);
    atomic.notify(bar + BARRIER_GEN);
    return;
  }
  for (let i = 0; i < spins; i++) {
    if (atomic.load<i32>(bar + BARRIER_GEN) != gen) return;
  }
  while (atomic.load<i32>(bar + BARRIER_GEN) == gen) atomic.wait<i32>(bar + BARRIER_GEN, gen);
}
