// docs/ABI.md against the kernel: every constant of assembly/abi.ts appears in the document with
// its value (a table row "| value | `NAME` |" or "| `NAME` | value |", or "`NAME` = value"), the
// exports table lists exactly the module's functions, the static-data floor it states is the built
// kernel's heapBase(), and the code of its section 10 ("The lesson, by hand"), run as it stands on
// each of the four builds, records what the TypeScript API's runLesson records, to the bit, and (its
// second block: ports, one step per call) what the API records when driven through Simulation.inject
// between 1-step runs: the document's example cannot drift from the kernel.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as A from "../assembly/abi.js";
import { lessonNetwork, resolveLesson, runLesson } from "../src/experiments/lesson.js";
import { Simulation } from "../src/simulation.js";
import { BUILDS, instantiate, wasmBytes } from "./embed/rawNetwork.js";

const doc = readFileSync(new URL("../docs/ABI.md", import.meta.url), "utf8");

/** Every value the document gives a name: table rows and inline "`NAME` = value". */
function documented(): Map<string, number[]> {
  const values = new Map<string, number[]>();
  const add = (name: string, value: string) => values.set(name, [...(values.get(name) ?? []), Number(value)]);
  for (const m of doc.matchAll(/^\| (\d+) \| `([A-Z0-9_]+)` \|/gm)) add(m[2], m[1]);
  for (const m of doc.matchAll(/^\| `([A-Z0-9_]+)` \| (\d+) \|/gm)) add(m[1], m[2]);
  for (const m of doc.matchAll(/`([A-Z0-9_]+)` = (0x[0-9a-fA-F]+|\d+)/g)) add(m[1], m[2]);
  return values;
}

/** The text of section `n` (from its "## n." heading to the next "## "). */
function section(n: number): string {
  const start = doc.indexOf(`\n## ${n}. `);
  expect(start, `section ${n}`).toBeGreaterThan(0);
  const end = doc.indexOf("\n## ", start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

describe("docs/ABI.md", () => {
  it("gives every constant of assembly/abi.ts, with its value and no other", () => {
    const values = documented();
    const constants = Object.entries(A).filter(([, v]) => typeof v === "number") as [string, number][];
    expect(constants.length).toBeGreaterThan(140);
    for (const [name, value] of constants) {
      expect(values.get(name), name).toBeDefined();
      expect(new Set(values.get(name)), name).toEqual(new Set([value]));
    }
    for (const name of values.keys()) expect(Object.keys(A), `${name} is documented but not in abi.ts`).toContain(name);
  });

  it("lists exactly the module's functions, and its static-data floor", async () => {
    const k = await instantiate("plain", 1);
    for (const build of BUILDS) expect((await instantiate(build, 1)).fns.heapBase(), build).toBe(k.fns.heapBase());
    const module = await WebAssembly.compile(k.bytes);
    const functions = WebAssembly.Module.exports(module).filter((e) => e.kind !== "global").map((e) => e.name).sort();
    expect([...section(3).matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]).sort()).toEqual(functions);
    expect(Number(/up to `heapBase\(\)`\s+\((\d+) in this version\)/.exec(doc)?.[1])).toBe(k.fns.heapBase());
    expect(doc).toContain(`# The stp-wasm kernel ABI (version ${A.ABI_VERSION})`);
  });

  describe("section 10, the lesson by hand: its two js blocks, run as written", () => {
    const blocks = [...section(10).matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<Record<string, unknown>>;

    it("is two js blocks: the lesson run, then driven step by step through ports", () => {
      expect(blocks.length).toBe(2);
      expect(blocks[0]).toContain("k.run(net, STEPS)");
      expect(blocks[1]).toContain("k.step(net, 1)");
    });

    /** The second block's loop through the API: z0 and z1 with ports, inject, then one step. */
    async function apiStepped(build: string) {
      const network = lessonNetwork(resolveLesson({ rateHz: 20, steps: 5000, seed: 231 }));
      network.populations = network.populations.map((p) => ({ ...p, inject: true }));
      const sim = await Simulation.create(network, { mode: build.startsWith("shared") ? "shared" : "plain", simd: build.endsWith("simd"), steps: 5000 });
      const pre: number[] = [], v: number[] = [], post: number[] = [];
      let last = -1000;
      for (let i = 0; i < 5000; i++) {
        sim.inject("z0", i % 100 === 0 ? 1 : 0);
        sim.inject("z1", i - last > 50 ? 0.02 : 0);
        const r = sim.run(1).records;
        pre.push(r.z0.spikes.data[0]);
        v.push(r.z1.v.data[0]);
        post.push(r.z1.spikes.data[0]);
        if (r.z1.spikes.data[0]) last = i;
      }
      sim.dispose();
      return { pre, v, post };
    }

    it.each(BUILDS)("%s: its records equal runLesson's (20 Hz, seed 231), then the API's through inject, to the bit", async (build) => {
      // the blocks' inputs are the bytes of a build and whether it is shared; their results are named variables
      const run = new AsyncFunction("bytes", "shared", `${blocks[0]}\n${blocks[1]}\nreturn { codes, pre, u, x, wdyn, v, post, heap: k.heapBase(), stepCodes, pre2, v2, post2 };`);
      const got = await run(wasmBytes(build), build.startsWith("shared"));
      expect(got.codes).toEqual([A.OK, A.OK]);
      expect(got.heap as number).toBeLessThanOrEqual(65536); // the block's base is above the static data
      const api = await runLesson({ rateHz: 20, steps: 5000, seed: 231 }, { mode: build.startsWith("shared") ? "shared" : "plain", simd: build.endsWith("simd") });
      const same = (name: string, want: ArrayLike<number>) => {
        const g = got[name] as ArrayLike<number>;
        expect(g.length, name).toBe(5000);
        expect(Array.from(g), name).toEqual(Array.from(want));
      };
      same("pre", api.pre);
      same("u", api.u);
      same("x", api.x);
      same("wdyn", api.wdyn);
      same("v", api.v);
      same("post", api.post);
      // a run that exercised the synapse and the LIF: about 100 input spikes in 5 s at 20 Hz, output spikes, u above U
      expect(api.preSpikes[0]).toBeGreaterThan(60);
      expect(api.postSpikes[0]).toBeGreaterThan(10);
      expect(Math.max(...Array.from(got.u as Float32Array))).toBeGreaterThan(0.3);
      // the second block: every call OK, its records the API's through inject
      expect(new Set(got.stepCodes as number[])).toEqual(new Set([A.OK]));
      expect((got.stepCodes as number[]).length).toBe(5001);
      const stepped = await apiStepped(build);
      same("pre2", stepped.pre);
      same("v2", stepped.v);
      same("post2", stepped.post);
      // the ports acted: 50 injected spikes on top of z0's own, and z1 fired otherwise than in the plain run
      const count = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);
      expect(count(got.pre2 as Uint8Array)).toBeGreaterThanOrEqual(count(got.pre as Uint8Array) + 40);
      expect(count(got.post2 as Uint8Array)).not.toBe(count(got.post as Uint8Array));
    });
  });
});
