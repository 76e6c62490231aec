// Reproducibility: seeds, trials, chunking, and the two builds.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { networkArb } from "./arbitraries.js";
import { Simulation, simulate } from "../src/simulation.js";
import { lessonNetwork, resolveLesson } from "../src/experiments/lesson.js";
import type { NetworkOptions } from "../src/network/options.js";

const lesson = (seed: number | string, trials = 1): NetworkOptions => {
  const net = lessonNetwork(resolveLesson({ preset: "stf", rateHz: 20, seed, trials }));
  return { ...net, record: [{ name: "z0", vars: ["spikes"] }, { name: "W", vars: ["u", "x", "wdyn"] }, { name: "z1", vars: ["v", "spikes"] }] };
};
const all = (r: Awaited<ReturnType<typeof simulate>>) => Object.values(r.records).flatMap((vars) => Object.values(vars).map((t) => Array.from(t.data)));

describe("determinism", () => {
  it("the same seed gives identical runs; another seed a different one", async () => {
    const a = await simulate({ ...lesson(5), steps: 3000 });
    const b = await simulate({ ...lesson(5), steps: 3000 });
    const c = await simulate({ ...lesson(6), steps: 3000 });
    expect(all(a)).toEqual(all(b));
    expect(all(a)[0]).not.toEqual(all(c)[0]);
  });

  it("string seeds work and differ from each other and from numbers", async () => {
    const s1 = await simulate({ ...lesson("alpha"), steps: 2000 });
    const s2 = await simulate({ ...lesson("alpha"), steps: 2000 });
    const s3 = await simulate({ ...lesson("beta"), steps: 2000 });
    expect(all(s1)).toEqual(all(s2));
    expect(all(s1)[0]).not.toEqual(all(s3)[0]);
  });

  it("trials are distinct, and trial k does not depend on how many trials run", async () => {
    const r8 = await simulate({ ...lesson(9, 8), steps: 2000 });
    const r3 = await simulate({ ...lesson(9, 3), steps: 2000 });
    const pre8 = r8.records.z0.spikes;
    const pre3 = r3.records.z0.spikes;
    const column = (tr: typeof pre8, k: number) => Array.from({ length: tr.steps }, (_, i) => tr.data[i * tr.columns + k]);
    const trains = Array.from({ length: 8 }, (_, k) => column(pre8, k).join(""));
    expect(new Set(trains).size).toBe(8);
    for (let k = 0; k < 3; k++) expect(column(pre3, k)).toEqual(column(pre8, k));
  });

  it("chunked runs equal one run (records and state)", async () => {
    const whole = await Simulation.create(lesson(3, 2), { steps: 3000 });
    const a = whole.run(3000);
    const chunked = await Simulation.create(lesson(3, 2), { chunkSteps: 7 });
    const parts = [chunked.run(1000), chunked.run(1), chunked.run(1999)];
    for (const name of ["z0", "W", "z1"]) {
      for (const [v, tr] of Object.entries(a.records[name])) {
        const joined = parts.flatMap((p) => Array.from(p.records[name][v].data));
        expect(joined, `${name}.${v}`).toEqual(Array.from(tr.data));
      }
    }
    expect(chunked.spikeCounts("z1")).toEqual(whole.spikeCounts("z1"));
    expect(chunked.step).toBe(3000);
  });

  it("reset() replays the same run", async () => {
    const sim = await Simulation.create(lesson(11), { steps: 1500 });
    const first = sim.run(1500);
    sim.reset();
    expect(sim.step).toBe(0);
    const second = sim.run(1500);
    expect(Array.from(second.records.z1.v.data)).toEqual(Array.from(first.records.z1.v.data));
  });

  it("the shared-memory and plain builds give identical results", async () => {
    const shared = await simulate({ ...lesson(4, 3), steps: 2500 }, { mode: "shared" });
    const plain = await simulate({ ...lesson(4, 3), steps: 2500 }, { mode: "plain" });
    expect(all(shared)).toEqual(all(plain));
  });

  it("random networks: identical on the four builds (shared or plain memory, SIMD or not) and on a second run", async () => {
    await fc.assert(fc.asyncProperty(networkArb, async ({ network, steps }) => {
      const first = all(await simulate({ ...network, steps }, { mode: "shared", simd: true }));
      for (const [mode, simd] of [["shared", true], ["shared", false], ["plain", true], ["plain", false]] as const) {
        expect(all(await simulate({ ...network, steps }, { mode, simd })), `${mode}${simd ? "-simd" : ""}`).toEqual(first);
      }
    }), { numRuns: 20, seed: 2026 });
  });
});
