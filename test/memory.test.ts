// Memory per synapse: the kernel stores a full weight matrix at 4 bytes per synapse (float32) and
// everything else per unit, and a constant weight needs no matrix at all.
import { describe, expect, it } from "vitest";
import { planLayout } from "../src/network/layout.js";
import { validateNetwork, type Init } from "../src/network/options.js";

const layoutBytes = (nPre: number, nPost: number, weights: Init, trials = 1) => planLayout(validateNetwork({
  trials,
  populations: [{ type: "poisson", name: "z0", n: nPre, rateHz: 20 }, { type: "lif", name: "z1", n: nPost }],
  synapses: [{ name: "W", pre: "z0", post: "z1", weights, resources: 0.15 }],
}), 1).end;

describe("memory per synapse", () => {
  it("arbitrary weights: 4 bytes per synapse for W, and the whole layout adds only per-unit state", () => {
    const uniform: Init = { dist: "uniform", low: 0, high: 0.02 };
    const small = layoutBytes(1000, 1000, uniform);
    const big = layoutBytes(10000, 1000, uniform);
    // 9 million more synapses cost 36 MB for W plus per-unit state of the 9000 more presynaptic units
    const perUnit = (big - small - 4 * 9e6) / 9000;
    expect(perUnit).toBeGreaterThan(0);
    expect(perUnit).toBeLessThan(160); // u, x, spike copies, lists, anchors, source arrays: ~124 bytes
    expect(big / 1e7).toBeLessThan(4.15); // 10 million synapses: 4.11 bytes each in all
  });

  it("constant weight: memory grows with n_pre + n_post, not with n_pre x n_post", () => {
    const a = layoutBytes(1000, 1000, 0.01);
    const b = layoutBytes(10000, 1000, 0.01);
    const c = layoutBytes(10000, 10000, 0.01);
    // growing n_pre by 9000 and then n_post by 9000 costs about the same, far below 4 bytes per synapse
    expect(b - a).toBeLessThan(160 * 9000);
    expect(c - b).toBeLessThan(160 * 9000);
    expect(c).toBeLessThan(0.02 * 1e8); // 100 million synapses in under 2 MB
  });

  it("trials share the weights: 100 trials of a 1000 x 1000 network are far below 100 matrices", () => {
    const one = layoutBytes(1000, 1000, { dist: "uniform", low: 0, high: 1 });
    const hundred = layoutBytes(1000, 1000, { dist: "uniform", low: 0, high: 1 }, 100);
    expect(hundred).toBeLessThan(one + 100 * 100 * 2000);
  });
});
