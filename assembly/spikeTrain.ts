// Explicit spike-train source: unit j spikes on the steps listed for it (strictly increasing
// step indices; the host maps a time T in ms to the step whose t equals T). Every trial sees the
// same train.
import { SRC_N, SRC_SPIKES, SRC_COUNTS, SRC_OFFSETS, SRC_TIMES, SRC_CURSOR } from "./abi";

/** One step of a spike-train source record at `src`. */
export function stepTrain(src: usize, step: i32, trials: i32): void {
  const n = load<i32>(src + SRC_N);
  const spikes = load<usize>(src + SRC_SPIKES);
  const counts = load<usize>(src + SRC_COUNTS);
  const offsets = load<usize>(src + SRC_OFFSETS);
  const times = load<usize>(src + SRC_TIMES);
  const cursors = load<usize>(src + SRC_CURSOR);
  for (let j = 0; j < n; j++) {
    const cp = cursors + (<usize>j << 2);
    const first = load<i32>(offsets + (<usize>j << 2));
    const end = load<i32>(offsets + (<usize>(j + 1) << 2));
    let c = first + load<i32>(cp); // the cursor counts unit j's spikes already delivered
    // entries before this step are skipped (a run may start at a later step after init)
    while (c < end && load<i32>(times + (<usize>c << 2)) < step) c++;
    let s: f32 = 0;
    if (c < end && load<i32>(times + (<usize>c << 2)) == step) {
      s = 1;
      c++;
    }
    store<i32>(cp, c - first);
    for (let t = 0; t < trials; t++) {
      const g = <usize>(t * n + j) << 2;
      store<f32>(spikes + g, s);
      if (s != 0) store<i32>(counts + g, load<i32>(counts + g) + 1);
    }
  }
}
