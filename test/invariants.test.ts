// Invariants under load (issue 5): u and x stay in [0, 1] and v stays finite, on random networks
// and over ten million steps of synapses driven as hard as validation allows (Poisson units
// spiking on every step or every other; Euler at its limit dt / tau = 1 with U = 1). Every
// recorded value of every step is checked, chunk by chunk as the run streams its records.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Simulation, simulate } from "../src/simulation.js";
import type { SynapseOptions } from "../src/network/options.js";
import { networkArb } from "./arbitraries.js";
import { inactivated } from "../src/science/theory.js";

/** Values outside [lo, hi] (NaN included) in `data`. */
function outside(data: ArrayLike<number>, lo: number, hi: number): number {
  let bad = 0;
  for (let i = 0; i < data.length; i++) if (!(data[i] >= lo && data[i] <= hi)) bad++;
  return bad;
}

describe("invariants", () => {
  it("random networks: every recorded u and x in [0, 1], every v and isyn finite", async () => {
    await fc.assert(fc.asyncProperty(networkArb, async ({ network, steps }) => {
      const res = await simulate({ ...network, steps });
      for (const [name, vars] of Object.entries(res.records)) {
        for (const v of ["u", "x"]) if (vars[v]) expect(outside(vars[v].data, 0, 1), `${name}.${v}`).toBe(0);
        for (const v of ["v", "isyn"]) if (vars[v]) expect(outside(vars[v].data, -Number.MAX_VALUE, Number.MAX_VALUE), `${name}.${v}`).toBe(0);
      }
    }), { numRuns: 40, seed: 515 });
  });

  /**
   * Two Poisson units at 1000 Hz (dt = 1 ms) with intensities 1 and 0.5: the first spikes on
   * every step. Resources U = 1 and 0.5. One LIF (exact, synaptic current, adaptive threshold).
   */
  async function drive(steps: number, synapses: [string, Partial<SynapseOptions>][]) {
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

  it("ten million steps of Euler synapses at the stability limit, with u resting at U, and the lesson's STD", async () => {
    const synapses: [string, Partial<SynapseOptions>][] = [
      ["limit", { tauF: 1, tauD: 1 }], // dt / tauF = dt / tauD = 1
      ["limitU", { tauF: 1, tauD: 3, uRest: "U" }],
      ["std", { tauF: 50, tauD: 750 }],
    ];
    const r = await drive(10_000_000, synapses);
    expect(r.steps).toBe(10_000_000);
    expect(r.checked).toBe(10_000_000 * (3 * 2 * 2 + 1)); // u and x of 2 rows per synapse, and v, every step
    expect(r.bad).toBe(0);
    expect(r.pre[0]).toBe(10_000_000); // driven on every step
    expect(Math.abs(r.pre[1] - 5_000_000)).toBeLessThan(5 * Math.sqrt(2_500_000)); // 5 sd of Binomial(1e7, 0.5)
    expect(r.post).toBeGreaterThan(1000);
  });

  it("a million steps of exact synapses: three-state resources and u resting at U", async () => {
    const r = await drive(1_000_000, [
      ["inact", { tauF: 1, tauD: 1, integration: "exact", tauInact: 0.5 }],
      ["restU", { tauF: 7, tauD: 2, integration: "exact", uRest: "U" }],
    ]);
    expect(r.checked).toBe(1_000_000 * (2 * 2 * 2 + 1));
    expect(r.bad).toBe(0);
    expect(r.post).toBeGreaterThan(100);
  });
});

describe("three-state resources after long silences", () => {
  // tauInact > tauD (h < 0): relaxing the inactive resources over many steps must neither cancel nor
  // overflow (an earlier form gave 0 * infinity = NaN after 1065 silent steps here). x equals the
  // closed form 1 - y - z of one release of U from rest (docs/theory.md section 6) to 1e-6.
  it("x stays finite and equals the closed form over 2998 silent steps (tauInact 3 ms > tauD 1 ms)", async () => {
    const U = 0.5;
    const tauInact = 3;
    const tauD = 1;
    const res = await simulate({
      steps: 3000, dt: 1,
      populations: [{ type: "spikeTrain", name: "pre", times: [1, 3000] }, { type: "lif", name: "post" }],
      synapses: [{ name: "W", pre: "pre", post: "post", weights: 1, resources: U, tauF: 0, tauD, tauInact, integration: "exact" }],
      record: [{ name: "W", vars: ["x"] }],
    });
    const x = res.records.W.x.data;
    expect(outside(x, 0, 1)).toBe(0);
    for (const step of [1, 5, 20, 100, 1064, 1065, 1066, 2998]) {
      const t = step; // ms since the spike on step 0
      const y = U * Math.exp(-t / tauInact);
      const z = U * inactivated(t, tauInact, tauD);
      expect(Math.abs(x[step] - (1 - y - z)), `step ${step}`).toBeLessThan(1e-6);
    }
  });
});
