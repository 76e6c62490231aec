// Synthetic PSC trains from a known Tsodyks-Markram synapse, for the fit's tests: the protocol (three
// sweeps of 30 spikes in all: 8 spikes at 10, 20 and 50 Hz, then recovery spikes 250 ms and 1000 ms
// after the train) and Gaussian noise of sd `noise` times the mean noiseless amplitude.
import type { TrainData } from "../src/fit/data.js";
import { Random } from "../src/fit/stats.js";
import { tmTrainAmplitudesTextbook } from "./reference/tmTrains.js";

export interface Truth {
  U: number;
  tauF: number;
  tauD: number;
  A: number;
}

/** Spike times in ms of the protocol's sweeps. */
export const PROTOCOL: number[][] = [10, 20, 50].map((rate) => {
  const t = Array.from({ length: 8 }, (_, k) => (k * 1000) / rate);
  return [...t, t[7] + 250, t[7] + 1000];
});

/** The regimes the tests fit: depressing, facilitating, mixed (A in pA, taus in ms). */
export const REGIMES: Record<string, Truth> = {
  depressing: { U: 0.5, tauF: 20, tauD: 500, A: 100 },
  facilitating: { U: 0.05, tauF: 700, tauD: 50, A: 400 },
  mixed: { U: 0.2, tauF: 150, tauD: 300, A: 150 },
};

/**
 * Noisy amplitudes of `truth` on `times` (default PROTOCOL): y = A p + N(0, sigma^2), sigma = noise x
 * the mean of A p; `missing` spikes ([sweep, index]) get NaN. Returns the data and sigma.
 */
export function synthetic(truth: Truth, seed: number, options: { noise?: number; times?: number[][]; missing?: [number, number][] } = {}): { data: TrainData; sigma: number } {
  const times = options.times ?? PROTOCOL;
  const shape: TrainData = { sweeps: times.map((t, i) => ({ name: String(i + 1), t: t.slice(), amplitude: t.map(() => 0) })) };
  const p = tmTrainAmplitudesTextbook(shape, truth.U, truth.tauF, truth.tauD);
  const sigma = (options.noise ?? 0.05) * truth.A * (p.reduce((s, v) => s + v, 0) / p.length);
  const rng = new Random(seed);
  let k = 0;
  shape.sweeps.forEach((w, s) => {
    w.amplitude = w.t.map((_, j) => {
      const y = truth.A * p[k++] + sigma * rng.normal();
      return options.missing?.some(([a, b]) => a === s && b === j) ? NaN : y;
    });
  });
  return { data: shape, sigma };
}

/** A data set as the fit's CSV. */
export function toCsv(data: TrainData): string {
  return "sweep,t,amplitude\n" + data.sweeps.flatMap((w) => w.t.map((t, j) => `${w.name},${t},${Number.isNaN(w.amplitude[j]) ? "" : Number(w.amplitude[j].toPrecision(6))}`)).join("\n") + "\n";
}
