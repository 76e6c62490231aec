// Explicit spike-train source: unit j spikes on the steps listed for it (strictly increasing
// step indices; the host maps a time T in ms to the step whose t equals T). Every trial sees the
// same train; each (trial, unit) keeps its own cursor so that trials can be stepped apart. With a
// spike port (TRAIN_INJECT not 0) a unit also spikes when its port holds a value other than 0; the
// port is cleared as it is read, and the cursors do not see it.
import { COMP_N, COMP_SPIKES, COMP_COUNTS, TRAIN_OFFSETS, TRAIN_TIMES, TRAIN_CURSOR, TRAIN_INJECT, OK, ERR_BAD_TRAIN } from "../abi";
import { first, end } from "../engine/schedule";
import { fail, region, REG_DESCRIPTOR, REG_READ, REG_WRITTEN, REG_INDEX } from "../engine/regions";

/** One step of the spike-train source at `src`, for this pass's units g = trial * n + j. */
export function stepTrain(src: usize, step: i32): void {
  const n = load<i32>(src + COMP_N);
  const spikes = load<usize>(src + COMP_SPIKES);
  const counts = load<usize>(src + COMP_COUNTS);
  const offsets = load<usize>(src + TRAIN_OFFSETS);
  const times = load<usize>(src + TRAIN_TIMES);
  const cursors = load<usize>(src + TRAIN_CURSOR);
  const inject = load<usize>(src + TRAIN_INJECT);
  const gEnd = end(n);
  for (let g = first(n); g < gEnd; g++) {
    const j = g % n;
    const o = <usize>g << 2;
    const start = load<i32>(offsets + (<usize>j << 2));
    const stop = load<i32>(offsets + (<usize>(j + 1) << 2));
    let c = start + load<i32>(cursors + o); // the cursor counts unit j's spikes already passed
    // entries before this step are skipped (a run may start at a later step after init)
    while (c < stop && load<i32>(times + (<usize>c << 2)) < step) c++;
    let s: f32 = 0;
    if (c < stop && load<i32>(times + (<usize>c << 2)) == step) {
      s = 1;
      c++;
    }
    if (inject != 0) {
      if (load<f32>(inject + o) != 0) s = 1;
      store<f32>(inject + o, 0);
    }
    if (s != 0) store<i32>(counts + o, load<i32>(counts + o) + 1);
    store<i32>(cursors + o, c - start);
    store<f32>(spikes + o, s);
  }
}

/**
 * Its regions: OFFSETS (n + 1 indices, read as structure), TIMES (OFFSETS[n] steps), CURSOR (K n, an
 * index the kernel keeps), the spike port (K n, when not 0). OFFSETS[n] sizes TIMES, so it is read here, once OFFSETS is known in memory.
 */
export function trainRegions(src: usize, trials: i64): i32 {
  const n = <i64>load<i32>(src + COMP_N);
  let err = region(src + TRAIN_OFFSETS, <u64>(n + 1) << 2, REG_DESCRIPTOR);
  if (err != OK) return err;
  const last = load<i32>(load<usize>(src + TRAIN_OFFSETS) + (<usize>n << 2));
  if (last < 0) return fail(ERR_BAD_TRAIN, load<usize>(src + TRAIN_OFFSETS) + (<usize>n << 2));
  err = region(src + TRAIN_TIMES, <u64>last << 2, REG_READ);
  if (err == OK) err = region(src + TRAIN_CURSOR, <u64>(n * trials) << 2, REG_INDEX);
  if (err == OK && load<u32>(src + TRAIN_INJECT) != 0) err = region(src + TRAIN_INJECT, <u64>(n * trials) << 2, REG_WRITTEN);
  return err;
}

/**
 * Its index arrays (in memory by now): offsets >= 0 and non-decreasing; at init each unit's steps
 * strictly increase from >= 0 (runs do not re-read them all); for runs every cursor within its unit's list.
 */
export function checkTrainData(src: usize, trials: i64, forRun: bool): i32 {
  const n = load<i32>(src + COMP_N);
  const offsets = load<usize>(src + TRAIN_OFFSETS);
  let prev = load<i32>(offsets);
  if (prev < 0) return fail(ERR_BAD_TRAIN, offsets);
  for (let j = 1; j <= n; j++) {
    const o = load<i32>(offsets + (<usize>j << 2));
    if (o < prev) return fail(ERR_BAD_TRAIN, offsets + (<usize>j << 2));
    prev = o;
  }
  if (!forRun) {
    const times = load<usize>(src + TRAIN_TIMES);
    for (let j = 0; j < n; j++) {
      let last = -1;
      const stop = load<i32>(offsets + (<usize>(j + 1) << 2));
      for (let c = load<i32>(offsets + (<usize>j << 2)); c < stop; c++) {
        const t = load<i32>(times + (<usize>c << 2));
        if (t <= last) return fail(ERR_BAD_TRAIN, times + (<usize>c << 2));
        last = t;
      }
    }
    return OK;
  }
  const cursors = load<usize>(src + TRAIN_CURSOR);
  const total = <i32>(<i64>n * trials);
  for (let g = 0; g < total; g++) {
    const j = g % n;
    const len = load<i32>(offsets + (<usize>(j + 1) << 2)) - load<i32>(offsets + (<usize>j << 2));
    const c = load<i32>(cursors + (<usize>g << 2));
    if (c < 0 || c > len) return fail(ERR_BAD_TRAIN, cursors + (<usize>g << 2));
  }
  return OK;
}

/** Every cursor at the start of its unit's list; the spike port (when there is one) cleared. */
export function initTrain(src: usize, trials: i32): void {
  const bytes = <usize>(load<i32>(src + COMP_N) * trials) << 2;
  memory.fill(load<usize>(src + TRAIN_CURSOR), 0, bytes);
  const inject = load<usize>(src + TRAIN_INJECT);
  if (inject != 0) memory.fill(inject, 0, bytes);
}
