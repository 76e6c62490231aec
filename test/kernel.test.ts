// The kernel against the pure-TS reference of DESIGN section 1 on random networks.
// Tolerance: none. The reference performs the same float32 operations in the same order
// (Math.fround after each), and IEEE-754 rounds each of them identically, so every value must be
// equal (compared as numbers, so +0 and -0 count as the same value: the dense reference adds
// W*u*x*0 to Wdyn where the event-driven kernel leaves the row alone); a single differing ulp is a
// bug in one of the two.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simulate } from "../src/simulation.js";
import { validateNetwork } from "../src/network/options.js";
import { referenceRun } from "./reference.js";
import { blockNetwork, networkArb } from "./arbitraries.js";
import { rowBlocks } from "../src/network/layout.js";

/** Element-wise numeric equality (+0 == -0), reporting the first difference. */
function expectSame(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    if (got[i] !== want[i]) expect(got[i], `${what}, column ${i}`).toBe(want[i]);
  }
}

const BUILDS: [string, { mode: "shared" | "plain"; simd: boolean }][] = [
  ["shared-simd", { mode: "shared", simd: true }],
  ["shared", { mode: "shared", simd: false }],
  ["plain-simd", { mode: "plain", simd: true }],
  ["plain", { mode: "plain", simd: false }],
];

describe("kernel versus reference", () => {
  it.each(BUILDS)("the %s build agrees exactly on random networks (u, x, wdyn, v, all spikes)", async (_name, build) => {
    await fc.assert(fc.asyncProperty(networkArb, async ({ network, steps }) => {
      const spec = validateNetwork(network, steps);
      const ref = referenceRun(spec, steps);
      const res = await simulate({ ...network, steps }, build);
      for (let step = 0; step < steps; step += 1) {
        spec.sources.forEach((s, i) => {
          const tr = res.records[s.name].spikes;
          expectSame(tr.data.subarray(step * tr.columns, (step + 1) * tr.columns), ref.sourceSpikes[step][i], `${s.name} spikes, step ${step}`);
        });
        spec.lifs.forEach((l, i) => {
          for (const [v, want] of [["v", ref.lifV[step][i]], ["spikes", ref.lifSpikes[step][i]]] as const) {
            const tr = res.records[l.name][v];
            expectSame(tr.data.subarray(step * tr.columns, (step + 1) * tr.columns), want, `${l.name} ${v}, step ${step}`);
          }
        });
        spec.synapses.forEach((s, i) => {
          for (const [v, want] of [["u", ref.u[step][i]], ["x", ref.x[step][i]], ["wdyn", ref.wdyn[step][i].flat()]] as const) {
            const tr = res.records[s.name][v];
            expectSame(tr.data.subarray(step * tr.columns, (step + 1) * tr.columns), want, `${s.name} ${v}, step ${step}`);
          }
        });
      }
    }), { numRuns: 60, seed: 20261125 });
  }, 120_000);
});

describe("row blocks (8195 presynaptic rows: the output sums two blocks, then adds them)", () => {
  // the reference sums the same blocks the same way; every build, one trial and two
  it.each([[60, 1], [0.2, 2]])("at %d Hz, %d trial(s): every v and spike equals the reference's on every build", async (rateHz, trials) => {
    const network = blockNetwork(trials, rateHz);
    const steps = 12;
    const spec = validateNetwork(network, steps);
    expect(rowBlocks(spec.synapses[0].nPre)).toBe(2);
    const ref = referenceRun(spec, steps);
    for (const [name, build] of BUILDS) {
      const res = await simulate({ ...network, steps }, build);
      for (let step = 0; step < steps; step++) {
        for (const [v, want] of [["v", ref.lifV[step][0]], ["spikes", ref.lifSpikes[step][0]]] as const) {
          const tr = res.records.out[v];
          expectSame(tr.data.subarray(step * tr.columns, (step + 1) * tr.columns), want, `${name}: out ${v}, step ${step}`);
        }
      }
    }
  }, 60_000);
});

describe("Poisson draws on every path", () => {
  // 203 units x 3 trials: SIMD groups of 32 and 16 units, scalar blocks, a partial last block, and
  // with 2 or 3 threads shares that start inside a block
  const network = {
    seed: "paths", trials: 3,
    populations: [{ type: "poisson" as const, name: "p", n: 203, rateHz: 300 }, { type: "lif" as const, name: "l", n: 1 }],
    record: [{ name: "p", vars: ["spikes"] }],
  };
  const steps = 25;
  const want = referenceRun(validateNetwork(network, steps), steps).sourceSpikes.map((s) => s[0]);

  it.each([[1, "shared-simd"], [1, "plain"], [2, "shared-simd"], [3, "shared-simd"], [2, "shared"]] as const)("%d thread(s), %s build: every spike equals the reference's", async (threads, build) => {
    const res = await simulate({ ...network, steps }, { threads, mode: build.startsWith("shared") ? "shared" : "plain", simd: build.endsWith("simd") });
    const tr = res.records.p.spikes;
    for (let step = 0; step < steps; step++) expectSame(tr.data.subarray(step * tr.columns, (step + 1) * tr.columns), want[step], `step ${step}`);
  });
});
