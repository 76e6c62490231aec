// The Poisson source (ngc-learn's PoissonCell): each unit spikes on a step with probability
// p = inputs * rateHz * dt / 1000. Its state is the header's SPIKES and COUNTS (the engine resets them).
// Unit g (g = trial * n + j) draws from Philox word g & 3 of counter (step, g >> 2, stream, 0).
import {
  philox, out0, out1, out2, out3, uniform01, philoxX8, block0, block1, block2, block3, block4, block5, block6, block7,
  uniform01x4,
} from "../rng/philox";
import { COMP_N, COMP_SPIKES, COMP_COUNTS, POI_STREAM, POI_INPUTS, POI_PRATE, OK } from "../abi";
import { first, end } from "../engine/schedule";
import { param, region, REG_READ } from "../engine/regions";

@inline function spikeAt(spikes: usize, counts: usize, inputs: usize, pRate: f32, g: i32, word: u32): void {
  const p = load<f32>(inputs + (<usize>g << 2)) * pRate;
  const s: f32 = uniform01(word) < p ? 1 : 0;
  store<f32>(spikes + (<usize>g << 2), s);
  if (s != 0) {
    const c = counts + (<usize>g << 2);
    store<i32>(c, load<i32>(c) + 1);
  }
}

/** Units g .. g + 3 from one block of four words (SIMD). */
@inline function spikesX4(spikes: usize, counts: usize, inputs: usize, pRate: v128, g: i32, words: v128): void {
  const o = <usize>g << 2;
  const p = f32x4.mul(v128.load(inputs + o), pRate);
  const m = f32x4.lt(uniform01x4(words), p);
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
  let g = first(n);
  if (g & 3) {
    // a share that starts inside a block: its first units use the block's later words
    philox(<u32>step, <u32>(g >>> 2), stream, 0, k0, k1);
    for (; (g & 3) != 0 && g < gEnd; g++) {
      const lane = g & 3;
      spikeAt(spikes, counts, inputs, pRate, g, lane == 1 ? out1 : lane == 2 ? out2 : out3);
    }
  }
  if (ASC_FEATURE_SIMD) {
    const pRate4 = f32x4.splat(pRate);
    for (; g + 32 <= gEnd; g += 32) {
      philoxX8(<u32>step, <u32>(g >>> 2), stream, k0, k1);
      spikesX4(spikes, counts, inputs, pRate4, g, block0);
      spikesX4(spikes, counts, inputs, pRate4, g + 4, block1);
      spikesX4(spikes, counts, inputs, pRate4, g + 8, block2);
      spikesX4(spikes, counts, inputs, pRate4, g + 12, block3);
      spikesX4(spikes, counts, inputs, pRate4, g + 16, block4);
      spikesX4(spikes, counts, inputs, pRate4, g + 20, block5);
      spikesX4(spikes, counts, inputs, pRate4, g + 24, block6);
      spikesX4(spikes, counts, inputs, pRate4, g + 28, block7);
    }
  }
  for (; g < gEnd; g += 4) {
    philox(<u32>step, <u32>(g >>> 2), stream, 0, k0, k1);
    spikeAt(spikes, counts, inputs, pRate, g, out0);
    if (g + 1 < gEnd) spikeAt(spikes, counts, inputs, pRate, g + 1, out1);
    if (g + 2 < gEnd) spikeAt(spikes, counts, inputs, pRate, g + 2, out2);
    if (g + 3 < gEnd) spikeAt(spikes, counts, inputs, pRate, g + 3, out3);
  }
}

/** Its parameter: the spike probability at intensity 1, in [0, 1]. */
export function checkPoisson(src: usize): i32 {
  return param(src + POI_PRATE, 0, 1);
}

/** Its array: the input intensities, K n floats, read. */
export function poissonRegions(src: usize, trials: i64): i32 {
  return region(src + POI_INPUTS, <u64>(<i64>load<i32>(src + COMP_N) * trials) << 2, REG_READ);
}
