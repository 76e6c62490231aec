// Threads under each of V8's two WebAssembly compilers. Node 20's baseline compiler (Liftoff) does
// not keep floating-point registers across memory.atomic.wait, which the barrier uses to sleep:
// a float held in a local across a barrier came back as 0 (dt, once: the host's share then never
// advanced). The kernel keeps no float live across a barrier; this test runs the threads with
// barriers that sleep at once, compiled only by Liftoff and only by TurboFan, in child processes,
// and requires every thread count to give the single-thread results, identical under both.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const script = join(__dirname, "..", "fixtures", "threads-digest.mjs");
const digests = (flags: string[]): Record<string, string> =>
  JSON.parse(execFileSync(process.execPath, [...flags, script], { encoding: "utf8" }));

describe("threads under Liftoff and TurboFan", () => {
  it("every thread count equals one thread, with either compiler, and the compilers agree", () => {
    const liftoff = digests(["--liftoff-only"]);
    const turbofan = digests(["--no-liftoff"]);
    expect(Object.keys(liftoff).length).toBe(54);
    expect(liftoff).toEqual(turbofan);
    for (const [key, hash] of Object.entries(liftoff)) {
      expect(hash, key).toBe(liftoff[key.replace(/threads \d$/, "threads 1")]);
    }
  }, 120_000);
});
