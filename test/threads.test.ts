// Threads: a network stepped by 2, 3 or 4 workers over the one shared memory gives exactly the
// single-thread results (both ways of splitting: whole trials per worker when there are at least
// as many trials as workers, slices of one trial otherwise), and the workers are reused and ended.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Simulation, simulate } from "../src/simulation.js";
import { blockNetwork, networkArb } from "./arbitraries.js";
import type { NetworkOptions } from "../src/network/options.js";

/** The first value where two runs differ, for the failure message (or "" when none). */
function firstDifference(a: ReturnType<typeof flat>, b: ReturnType<typeof flat>): string {
  for (const [k, v] of Object.entries(a.records)) {
    const i = v.findIndex((x, m) => !Object.is(x, b.records[k]?.[m]));
    if (i >= 0) return `${k}[${i}]: ${v[i]} vs ${b.records[k]?.[i]}`;
  }
  for (const [k, v] of Object.entries(a.counts)) if (v.join() !== b.counts[k]?.join()) return `spike counts of ${k}`;
  return "";
}

const flat = (r: Awaited<ReturnType<typeof simulate>>) => ({
  records: Object.fromEntries(Object.entries(r.records).flatMap(([name, vars]) => Object.entries(vars).map(([v, t]) => [`${name}.${v}`, Array.from(t.data)]))),
  counts: Object.fromEntries(Object.entries(r.spikeCounts).map(([k, v]) => [k, Array.from(v)])),
});

describe("threads", () => {
  it("2, 3 and 4 threads equal 1 thread, bit for bit, on random networks", async () => {
    await fc.assert(fc.asyncProperty(networkArb, async ({ network, steps }) => {
      const one = flat(await simulate({ ...network, steps }));
      for (const threads of [2, 3, 4]) {
        const other = flat(await simulate({ ...network, steps }, { threads }));
        expect(firstDifference(one, other), `${threads} threads, ${network.trials} trials`).toBe("");
        expect(other).toEqual(one);
      }
    }), { numRuns: 12, seed: 7 });
  });

  // 8195 rows in two blocks: with fewer trials than threads the threads split the output by blocks
  // of rows (2 threads: one block each; 3 and 4: shares that cut blocks by columns), otherwise by trials
  it.each([[1, 60], [1, 0.2], [3, 60]])("row blocks, %d trial(s) at %d Hz: identical for 1, 2, 3 and 4 threads", async (trials, rateHz) => {
    const network = blockNetwork(trials, rateHz);
    const one = flat(await simulate({ ...network, steps: 40 }));
    for (const threads of [2, 3, 4]) {
      const other = flat(await simulate({ ...network, steps: 40 }, { threads }));
      expect(firstDifference(one, other), `${threads} threads`).toBe("");
      expect(other).toEqual(one);
    }
    if (rateHz > 1) expect(one.records["out.v"].some((v, i) => v !== one.records["out.v"][i % 23])).toBe(true); // the input moves v
  }, 60_000);

  const dense = (trials: number): NetworkOptions => ({
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

  // 40 trials: on 2 threads each runs its share in tiles of 16 trials (every step of a tile, then the next)
  it.each([1, 3, 8, 40])("a 203 x 97 network with %d trials: identical for 1, 2 and 4 threads, over chunks", async (trials) => {
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
  });

  it("run(n, { threads }) uses fewer of the simulation's threads: the same results; a bad count is refused", async () => {
    const sim = await Simulation.create(blockNetwork(1, 60), { threads: 3 });
    const results = [];
    for (const threads of [undefined, 1, 2, 3]) {
      sim.reset();
      const r = sim.run(30, { threads });
      results.push([Array.from(r.records.out.v.data), Array.from(sim.spikeCounts("out"))]);
    }
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
    for (const bad of [0, 4, 1.5]) expect(() => sim.run(5, { threads: bad })).toThrow(new RegExp(`threads.*${bad}.*an integer >= 1 <= 3`));
    expect(sim.step).toBe(30); // nothing ran
    sim.dispose();
  });

  it("refuses threads where shared memory is not used", async () => {
    await expect(Simulation.create(dense(1), { threads: 2, mode: "plain" })).rejects.toThrow(/threads = 2 is not allowed.*shared memory/);
    await expect(Simulation.create(dense(1), { threads: 0 })).rejects.toThrow(/threads = 0/);
  });
});
