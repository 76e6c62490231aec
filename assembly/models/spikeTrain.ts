// Explicit spike-train source: unit j spikes on the steps listed for it (strictly increasing
// step indices; the host maps a time T in ms to the step whose t equals T). Every trial sees the
// same train; each (trial, unit) keeps its own cursor so that trials can be stepped apart.
import { SRC_N, SRC_SPIKES, SRC_COUNTS, SRC_OFFSETS, SRC_TIMES, SRC_CURSOR } from "../abi";

/** One step of a spike-train source record at `src`, for g = trial * n + j in [gStart, gEnd). */
export function stepTrain(src: usize, step: i32, gStart: i32, gEnd: i32): void {
  const n = load<i32>(src + SRC_N);
  const spikes = load<usize>(src + SRC_SPIKES);
  const counts = load<usize>(src + SRC_COUNTS);
  const offsets = load<usize>(src + SRC_OFFSETS);
  const times = load<usize>(src + SRC_TIMES);
  const cursors = load<usize>(src + SRC_CURSOR);
  for (let g = gStart; g < gEnd; g++) {
    const j = g % n;
    const o = <usize>g << 2;
    const first = load<i32>(offsets + (<usize>j << 2));
    const end = load<i32>(offsets + (<usize>(j + 1) << 2));
    let c = first + load<i32>(cursors + o); // the cursor counts unit j's spikes already passed
    // entries before this step are skipped (a run may start at a later step after init)
    while (c < end && load<i32>(times + (<usize>c << 2)) < step) c++;
    let s: f32 = 0;
    if (c < end && load<i32>(times + (<usize>c << 2)) == step) {
      s = 1;
      c++;
      store<i32>(counts + o, load<i32>(counts + o) + 1);
    }
    store<i32>(cursors + o, c - first);
    store<f32>(spikes + o, s);
  }
}
