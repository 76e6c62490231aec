// The long soak of test/invariants.test.ts (npm run test:long): ten million steps of Euler synapses
// at their stability limit dt / tau = 1 with U = 1, Poisson units spiking on every step or every
// other; every recorded u, x and v checked.
import { describe, expect, it } from "vitest";
import type { SynapseOptions } from "../../src/network/options.js";
import { drive } from "../drive.js";

describe("invariants, long", () => {
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
});
