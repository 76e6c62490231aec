// The soak of test/kernel.test.ts's property (`npm run test:long`): the kernel against the float32
// references on 200 more random networks per build, every recorded variable, tolerance none.
import { describe, it } from "vitest";
import { BUILDS, kernelMatchesReference } from "../kernel-property.js";

describe("kernel versus reference, at length", () => {
  it.each(BUILDS)("the %s build agrees exactly on 200 more random networks", async (_name, build) => {
    await kernelMatchesReference(build, 200, 20261201);
  }, 300_000);
});
