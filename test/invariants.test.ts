// Invariants under load (issue 5): u and x stay in [0, 1] and v stays finite, on random networks
// and over a million steps of exact synapses driven as hard as validation allows (Poisson units
// spiking on every step or every other). Every recorded value of every step is checked, chunk by
// chunk as the run streams its records. Ten million steps of Euler synapses: test/long/.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simulate } from "../src/simulation.js";
import { networkArb } from "./arbitraries.js";
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
