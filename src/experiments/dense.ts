// The dense benchmark network: nPre Poisson inputs at 20 Hz onto nPost LIF neurons, all to all
// through one STP synapse (the STF preset's U, tauF, tauD; weights uniform on [0, 0.02]). The
// benchmarks' dense-1k and dense-10k (bench/scenarios.ts) and the demo's live large network.
import type { NetworkOptions } from "../network/options.js";

/** The dense network's LIF parameters (the lesson's, with R = 240). */
export const DENSE_LIF = { tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, thetaPlus: 0, refractTime: 0 };

export function denseNetwork(nPre: number, nPost: number): NetworkOptions {
  return {
    seed: 1, dt: 1,
    populations: [
      { type: "poisson", name: "z0", n: nPre, rateHz: 20 },
      { type: "lif", name: "z1", n: nPost, ...DENSE_LIF },
    ],
    synapses: [{
      name: "W", pre: "z0", post: "z1", weights: { dist: "uniform", low: 0, high: 0.02 },
      resources: 0.15, tauF: 750, tauD: 50,
    }],
  };
}
