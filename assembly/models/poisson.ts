// The Poisson source (ngc-learn's PoissonCell): each unit spikes on a step with probability
// p = inputs * rateHz * dt / 1000. Its state is the header's SPIKES and COUNTS (the engine resets them).
// Unit g (g = trial * n + j) draws from Philox word g & 3 of counter (step, g >> 2, stream, 0).
// With a spike port (POI_INJECT not 0) a unit also spikes when its port holds a value other than 0;
// the port is cleared as it is read. The draw is made either way.
import {
  philox, out0, out1, out2, out3, uniform01, philoxX8, block0, block1, block2, block3, block4, block5, block6, block7,
  uniform01x4,
} from "../rng/philox";
import { COMP_N, COMP_SPIKES, COMP_COUNTS, POI_STREAM, POI_INPUTS, POI_PRATE, POI_INJECT, OK } from "../abi";
import { first, end } from "../engine/schedule";
import { param, region, REG_READ, REG_WRITTEN } from "../engine/regions";

@inline function spikeAt(spikes: usize, counts: usize, inputs: usize, inject: usize, pRate: f32, g: i32, word: u32): void {
  const p = load<f32>(inputs + (<usize>g << 2)) * pRate;
  let s: f32 = uniform01(word) < p ? 1 : 0;
  if (inject != 0) {
    if (load<f32>(inject + (<usize>g << 2)) != 0) s = 1;
    store<f32>(inject + (<usize>g << 2), 0);
  }
  store<f32>(spikes + (<usize>g << 2), s);
  if (s != 0) {
    const c = counts + (<usize>g << 2);
    store<i32>(c, load<i32>(c) + 1);
  }
}

/** Units g .. g + 3 from one block of four words (SIMD). */
@inline function spikesX4(spikes: usize, counts: usize, inputs: usize, inject: usize, pRate: v128, g: i32, words: v128): void {
  const o = <usize>g << 2;
  const p = f32x4.mul(v128.load(inputs + o), pRate);
  let m = f32x4.lt(uniform01x4(words), p);
  if (inject != 0) {
    m = v128.or(m, f32x4.ne(v128.load(inject + o), f32x4.splat(0)));
    v128.store(inject + o, f32x4.splat(0));
  }
  v128.store(spikes + o, v128.and(m, f32x4.splat(1)));
  v128.store(counts + o, i32x4.sub(v128.load(counts + o), m)); // a true lane is -1
}

/** One step of the Poisson source at `src` for this pass's units g of trials * n; (k0, k1) the run's key. */
export function stepPoisson(src: usize, step: i32, k0: u32, k1: u32): void {
  const n = load<i32>(src + COMP_N);
  const gEnd = end(n);
  const stream = load<u32>(src + POI_STREAM);
  const spikes = load<usize>(src + COMP_SPIKES);
  const counts = load<usize>(src + COMP_COUNTS);
  const inputs = load<usize>(src + POI_INPUTS);
  const pRate = load<f32>(src + POI_PRATE);
  const inject = load<usize>(src + POI_INJECT);
  let g = first(n);
  if (g & 3) {
    // a share that starts inside a block: its first units use the block's later words
    philox(<u32>step, <u32>(g >>> 2), stream, 0, k0, k1);
    for (; (g & 3) != 0 && g < gEnd; g++) {
      const lane = g & 3;
      spikeAt(spikes, counts, inputs, inject, pRate, g, lane == 1 ? out1 : lane == 2 ? out2 : out3);
    }
  }
  if (ASC_FEATURE_SIMD) {
    const pRate4 = f32x4.splat(pRate);
    for (; g + 32 <= gEnd; g += 32) {
      philoxX8(<u32>step, <u32>(g >>> 2), stream, k0, k1);
      spikesX4(spikes, counts, inputs, inject, pRate4, g, block0);
      spikesX4(spikes, counts, inputs, inject, pRate4, g + 4, block1);
      spikesX4(spikes, counts, inputs, inject, pRate4, g + 8, block2);
      spikesX4(spikes, counts, inputs, inject, pRate4, g + 12, block3);
      spikesX4(spikes, counts, inputs, inject, pRate4, g + 16, block4);
      spikesX4(spikes, counts, inputs, inject, pRate4, g + 20, block5);
      spikesX4(spikes, counts, inputs, inject, pRate4, g + 24, block6);
      spikesX4(spikes, counts, inputs, inject, pRate4, g + 28, block7);
    }
  }
  for (; g < gEnd; g += 4) {
    philox(<u32>step, <u32>(g >>> 2), stream, 0, k0, k1);
    spikeAt(spikes, counts, inputs, inject, pRate, g, out0);
    if (g + 1 < gEnd) spikeAt(spikes, counts, inputs, inject, pRate, g + 1, out1);
    if (g + 2 < gEnd) spikeAt(spikes, counts, inputs, inject, pRate, g + 2, out2);
    if (g + 3 < gEnd) spikeAt(spikes, counts, inputs, inject, pRate, g + 3, out3);
  }
}

/** Its parameter: the spike probability at intensity 1, in [0, 1]. */
export function checkPoisson(src: usize): i32 {
  return param(src + POI_PRATE, 0, 1);
}

/** Its arrays: the input intensities, K n floats, read; the spike port (when not 0), K n floats, written. */
export function poissonRegions(src: usize, trials: i64): i32 {
  const bytes = <u64>(<i64>load<i32>(src + COMP_N) * trials) << 2;
  let err = region(src + POI_INPUTS, bytes, REG_READ);
  if (err == OK && load<u32>(src + POI_INJECT) != 0) err = region(src + POI_INJECT, bytes, REG_WRITTEN);
  return err;
}

/** The spike port (when there is one) cleared. */
export function initPoisson(src: usize, trials: i32): void {
  const inject = load<usize>(src + POI_INJECT);
  if (inject != 0) memory.fill(inject, 0, <usize>(load<i32>(src + COMP_N) * trials) << 2);
}
