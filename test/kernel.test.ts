// The kernel against the readable float32 references of docs/MODEL.md (test/reference/, one per
// model) on random networks, every recorded variable of every component.
// Tolerance: none. The reference performs the same float32 operations in the same order
// (Math.fround after each), and IEEE-754 rounds each of them identically, so every value must be
// equal (compared as numbers, so +0 and -0 count as the same value: the dense reference adds
// W*u*x*0 to Wdyn where the event-driven kernel leaves the row alone); a single differing ulp is a
// bug in one of the two.
import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulation.js";
import { validateNetwork } from "../src/network/options.js";
import { referenceRun } from "./reference/network.js";
import { expectRecords, expectSame } from "./expect-records.js";
import { BUILDS, kernelMatchesReference } from "./kernel-property.js";
import { blockNetwork } from "./arbitraries.js";
import { rowBlocks } from "../src/delivery/dense.js";

describe("kernel versus reference", () => {
  it.each(BUILDS)("the %s build agrees exactly on random networks (every recorded variable: u, x, wdyn, g, v, isyn, all spikes)", async (_name, build) => {
    await kernelMatchesReference(build, 30, 20261125); // (200 more per build, other networks: test/long/kernel.test.ts)
  }, 120_000);
});

describe("row blocks (8195 presynaptic rows: the output sums two blocks, then adds them)", () => {
  // the reference sums the same blocks the same way; every build, one trial and two
  it.each([[60, 1], [0.2, 2]])("at %d Hz, %d trial(s): every v and spike equals the reference's on every build", async (rateHz, trials) => {
    const network = blockNetwork(trials, rateHz);
    const steps = 12;
    const spec = validateNetwork(network, steps);
    expect(rowBlocks(spec.components.find((c) => c.name === "W")!.n)).toBe(2);
    const ref = referenceRun(spec, steps);
    for (const [name, build] of BUILDS) {
      const res = await simulate({ ...network, steps }, build);
      expectRecords(spec, ref, res, steps, `${name}: `);
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
  const want = referenceRun(validateNetwork(network, steps), steps).map((s) => s[0].spikes as number[]);

  it.each([[1, "shared-simd"], [1, "plain"], [2, "shared-simd"], [3, "shared-simd"], [2, "shared"]] as const)("%d thread(s), %s build: every spike equals the reference's", async (threads, build) => {
    const res = await simulate({ ...network, steps }, { threads, mode: build.startsWith("shared") ? "shared" : "plain", simd: build.endsWith("simd") });
    const tr = res.records.p.spikes;
    for (let step = 0; step < steps; step++) expectSame(tr.data.subarray(step * tr.columns, (step + 1) * tr.columns), want[step], `step ${step}`);
  });
});
