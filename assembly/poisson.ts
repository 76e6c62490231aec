// PoissonCell: each unit spikes on a step with probability p = inputs * rateHz * dt / 1000.
// Unit g (g = trial * n + j) draws from Philox word g & 3 of counter (step, g >> 2, stream, 0).
import { philox, out0, out1, out2, out3, uniform01 } from "./philox";
import {
  SRC_N, SRC_STREAM, SRC_SPIKES, SRC_COUNTS, SRC_INPUTS, SRC_PRATE,
} from "./abi";

@inline function spikeAt(spikes: usize, counts: usize, inputs: usize, pRate: f32, g: i32, word: u32): void {
  const p = load<f32>(inputs + (<usize>g << 2)) * pRate;
  const s: f32 = uniform01(word) < p ? 1 : 0;
  store<f32>(spikes + (<usize>g << 2), s);
  if (s != 0) {
    const c = counts + (<usize>g << 2);
    store<i32>(c, load<i32>(c) + 1);
  }
}

/** One step of a Poisson source record at `src` for `total` = trials * n units. */
export function stepPoisson(src: usize, step: i32, trials: i32, k0: u32, k1: u32): void {
  const total = load<i32>(src + SRC_N) * trials;
  const stream = load<u32>(src + SRC_STREAM);
  const spikes = load<usize>(src + SRC_SPIKES);
  const counts = load<usize>(src + SRC_COUNTS);
  const inputs = load<usize>(src + SRC_INPUTS);
  const pRate = load<f32>(src + SRC_PRATE);
  for (let g = 0; g < total; g += 4) {
    philox(<u32>step, <u32>(g >>> 2), stream, 0, k0, k1);
    spikeAt(spikes, counts, inputs, pRate, g, out0);
    if (g + 1 < total) spikeAt(spikes, counts, inputs, pRate, g + 1, out1);
    if (g + 2 < total) spikeAt(spikes, counts, inputs, pRate, g + 2, out2);
    if (g + 3 < total) spikeAt(spikes, counts, inputs, pRate, g + 3, out3);
  }
}
