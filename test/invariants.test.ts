// Invariants under load (issue 5): u and x stay in [0, 1] and v stays finite, on random networks
// and over a million steps of exact synapses driven as hard as validation allows (Poisson units
// spiking on every step or every other). Every recorded value of every step is checked, chunk by
// chunk as the run streams its records. Ten million steps of Euler synapses: test/long/.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simulate } from "../src/simulation.js";
import { networkArb } from "./arbitraries.js";
import { inactivated } from "../src/science/theory.js";
import { drive, outside } from "./drive.js";

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
