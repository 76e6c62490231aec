// The kernel against the float32 references on random networks (test/kernel.test.ts, and at length
// test/long/kernel.test.ts): the four builds, and the property each runs.
import fc from "fast-check";
import { simulate } from "../src/simulation.js";
import { validateNetwork } from "../src/network/options.js";
import { referenceRun } from "./reference/network.js";
import { expectRun } from "./expect-records.js";
import { networkArb } from "./arbitraries.js";

export const BUILDS: [string, { mode: "shared" | "plain"; simd: boolean }][] = [
  ["shared-simd", { mode: "shared", simd: true }],
  ["shared", { mode: "shared", simd: false }],
  ["plain-simd", { mode: "plain", simd: true }],
  ["plain", { mode: "plain", simd: false }],
];

/**
 * `numRuns` random networks (fast-check seed `seed`) on `build`: every recorded variable equal to the
 * reference's; a network whose explicit step diverges stops where the reference is non-finite too.
 */
export async function kernelMatchesReference(build: { mode: "shared" | "plain"; simd: boolean }, numRuns: number, seed: number): Promise<void> {
  await fc.assert(fc.asyncProperty(networkArb, async ({ network, steps }) => {
    const spec = validateNetwork(network, steps);
    const ref = referenceRun(spec, steps);
    await expectRun(spec, ref, () => simulate({ ...network, steps }, build), steps);
  }), { numRuns, seed });
}
