// Runs on several threads against one thread, shared by test/threads.test.ts and the long ones in
// test/long/threads.test.ts: random networks, the 8195-row block network, and a dense 203 x 97
// network with a recurrent synapse over chunks.
import { expect } from "vitest";
import fc from "fast-check";
import { Simulation, simulate } from "../src/simulation.js";
import type { NetworkOptions } from "../src/network/options.js";
import { blockNetwork, networkArb } from "./arbitraries.js";

/** The first value where two runs differ, for the failure message (or "" when none). */
function firstDifference(a: ReturnType<typeof flat>, b: ReturnType<typeof flat>): string {
  for (const [k, v] of Object.entries(a.records)) {
    const i = v.findIndex((x, m) => !Object.is(x, b.records[k]?.[m]));
    if (i >= 0) return `${k}[${i}]: ${v[i]} vs ${b.records[k]?.[i]}`;
  }
  for (const [k, v] of Object.entries(a.counts)) if (v.join() !== b.counts[k]?.join()) return `spike counts of ${k}`;
  return "";
}

export const flat = (r: Awaited<ReturnType<typeof simulate>>) => ({
  records: Object.fromEntries(Object.entries(r.records).flatMap(([name, vars]) => Object.entries(vars).map(([v, t]) => [`${name}.${v}`, Array.from(t.data)]))),
  counts: Object.fromEntries(Object.entries(r.spikeCounts).map(([k, v]) => [k, Array.from(v)])),
});

/** `numRuns` random networks (fast-check seed 7): 2, 3 and 4 threads equal 1 thread, bit for bit. */
export async function threadsEqualOnRandomNetworks(numRuns: number): Promise<void> {
  await fc.assert(fc.asyncProperty(networkArb, async ({ network, steps }) => {
    const one = flat(await simulate({ ...network, steps }));
    for (const threads of [2, 3, 4]) {
      const other = flat(await simulate({ ...network, steps }, { threads }));
      expect(firstDifference(one, other), `${threads} threads, ${network.trials} trials`).toBe("");
      expect(other).toEqual(one);
    }
  }), { numRuns, seed: 7 });
}

/** The 8195-row network with `trials` at `rateHz`: 1, 2, 3 and 4 threads identical over 40 steps. */
export async function rowBlocksAgree(trials: number, rateHz: number): Promise<void> {
  const network = blockNetwork(trials, rateHz);
  const one = flat(await simulate({ ...network, steps: 40 }));
  for (const threads of [2, 3, 4]) {
    const other = flat(await simulate({ ...network, steps: 40 }, { threads }));
    expect(firstDifference(one, other), `${threads} threads`).toBe("");
    expect(other).toEqual(one);
  }
  if (rateHz > 1) expect(one.records["out.v"].some((v, i) => v !== one.records["out.v"][i % 23])).toBe(true); // the input moves v
}

export const dense = (trials: number): NetworkOptions => ({
  seed: "dense", trials,
  populations: [
    { type: "poisson", name: "in", n: 203, rateHz: 40 },
    { type: "lif", name: "out", n: 97, tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, refractTime: 2 },
  ],
  synapses: [
    { name: "W", pre: "in", post: "out", weights: { dist: "uniform", low: 0, high: 0.05 }, resources: 0.2, tauF: 300, tauD: 100 },
    // recurrent: the previous step's spikes of the same trial, whichever tile holds it
    { name: "R", pre: "out", post: "out", weights: { dist: "uniform", low: -0.02, high: 0.01 }, resources: 0.3, tauF: 0, tauD: 200 },
  ],
  record: [{ name: "out", vars: ["v", "spikes"] }, { name: "W", vars: ["u", "x"], units: [0, 101, 202] }, { name: "W", vars: ["wdyn"], pairs: [[0, 0], [202, 96]] }, { name: "R", vars: ["x"] }],
});

/** `trials` of the dense network: identical records and counts for 1, 2 and 4 threads, over chunks (the workers reused). */
export async function threadsAgree(trials: number): Promise<void> {
  const runs = [];
  for (const threads of [1, 2, 4]) {
    const sim = await Simulation.create(dense(trials), { threads, chunkSteps: 150 });
    expect(sim.threads).toBe(threads);
    const a = sim.run(400); // several chunks: the workers are reused
    const b = sim.run(333);
    runs.push([a, b].map((r) => Object.values(r.records).flatMap((v) => Object.values(v).map((t) => Array.from(t.data)))).concat([[Array.from(sim.spikeCounts("out"))]]));
    sim.dispose();
    expect(() => sim.run(1)).toThrow(/disposed/);
  }
  expect(runs[1]).toEqual(runs[0]);
  expect(runs[2]).toEqual(runs[0]);
  expect(runs[0][2][0].reduce((x: number, y: number) => x + y, 0)).toBeGreaterThan(0); // the network does spike
}
