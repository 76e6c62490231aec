// The longer child-process cases of test/cli-process.test.ts (npm run test:long): a real SIGINT,
// and a tighter virtual-memory limit (ulimit -v 2000000 KiB, where a 4 GiB shared memory is granted
// too small to grow).
import { beforeAll, describe, it } from "vitest";
import { assertFreshDist } from "../dist.js";
import { signalStopsRun, underUlimit } from "../cli-child.js";

beforeAll(() => assertFreshDist());

describe("the CLI as a process, long", () => {
  it("a second process on the same --out is refused; SIGINT stops the first at a chunk's end (exit 130)", () => signalStopsRun("SIGINT", 130), 60_000);
  it("under ulimit -v 2000000 (KiB) run, run --threads 2 and sweep complete", () => underUlimit(2_000_000), 60_000);
});
