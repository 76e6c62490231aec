// Synapses driven as hard as validation allows, every recorded value checked as the run streams
// its records (test/invariants.test.ts, test/long/invariants.test.ts).
import { Simulation } from "../src/simulation.js";
import type { SynapseOptions } from "../src/network/options.js";

/** Values outside [lo, hi] (NaN included) in `data`. */
export function outside(data: ArrayLike<number>, lo: number, hi: number): number {
  let bad = 0;
  for (let i = 0; i < data.length; i++) if (!(data[i] >= lo && data[i] <= hi)) bad++;
  return bad;
}

/**
 * Two Poisson units at 1000 Hz (dt = 1 ms) with intensities 1 and 0.5: the first spikes on
 * every step. Resources U = 1 and 0.5. One LIF (exact, synaptic current, adaptive threshold).
 */
export async function drive(steps: number, synapses: [string, Partial<SynapseOptions>][]) {
  const sim = await Simulation.create({
    dt: 1, seed: "invariants",
    populations: [
      { type: "poisson", name: "z0", n: 2, rateHz: 1000, inputs: [1, 0.5] },
      { type: "lif", name: "z1", n: 1, tauM: 20, resistM: 50, vRest: -60, vReset: -70, thr: -50, refractTime: 2, tauTheta: 100, thetaPlus: 1, integration: "exact", tauSyn: 5 },
    ],
    synapses: synapses.map(([name, o]) => ({ name, pre: "z0", post: "z1", weights: 0.8, resources: [1, 0.5], ...o })),
    record: [...synapses.map(([name]) => ({ name, vars: ["u", "x"] })), { name: "z1", vars: ["v"] }],
  }, { chunkSteps: 100_000 });
  let checked = 0;
  let bad = 0;
  const result = sim.run(steps, {
    keep: false,
    onRecords: (chunk) => {
      for (const [name, vars] of Object.entries(chunk.records)) {
        if (name === "z1") bad += outside(vars.v.data, -Number.MAX_VALUE, Number.MAX_VALUE);
        else bad += outside(vars.u.data, 0, 1) + outside(vars.x.data, 0, 1);
        checked += Object.values(vars).reduce((n, t) => n + t.data.length, 0);
      }
    },
  });
  return { steps: result.steps, checked, bad, pre: sim.spikeCounts("z0"), post: sim.spikesPerTrial("z1")[0] };
}
