// The soak of test/kernel.test.ts's property (`npm run test:long`): the kernel against the float32
// references on 200 more random networks per build, every recorded variable, tolerance none.
import { describe, it } from "vitest";
import fc from "fast-check";
import { simulate } from "../../src/simulation.js";
import { validateNetwork } from "../../src/network/options.js";
import { referenceRun } from "../reference/network.js";
import { expectRun } from "../expect-records.js";
import { networkArb } from "../arbitraries.js";

const BUILDS: [string, { mode: "shared" | "plain"; simd: boolean }][] = [
  ["shared-simd", { mode: "shared", simd: true }],
  ["shared", { mode: "shared", simd: false }],
  ["plain-simd", { mode: "plain", simd: true }],
  ["plain", { mode: "plain", simd: false }],
];

describe("kernel versus reference, at length", () => {
  it.each(BUILDS)("the %s build agrees exactly on 200 more random networks", async (_name, build) => {
    await fc.assert(fc.asyncProperty(networkArb, async ({ network, steps }) => {
      const spec = validateNetwork(network, steps);
      const ref = referenceRun(spec, steps);
      // a network whose explicit step diverges stops where the reference's state is non-finite too
      await expectRun(spec, ref, () => simulate({ ...network, steps }, build), steps);
    }), { numRuns: 200, seed: 20261201 });
  }, 300_000);
});
