// Issue 17: the README's Recipes, transpiled as tsc emits them (test/types.test.ts type-checks them
// under --strict), "stp-wasm" resolved through the package's exports, and run in a child node; what
// each prints is checked against the API run here.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import ts from "typescript";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./dist.js";
import { readmeBlocks } from "./readme.js";
import { runLesson, simulate, Simulation } from "../src/index.js";

const dir = join(root, "test-output", "recipes");
const recipes = readmeBlocks().filter((b) => b.section === "Recipes");
const out: string[] = [];

describe("the README's recipes", () => {
  it("transpile and run (types.test.ts type-checks them under --strict)", () => {
    expect(recipes.length).toBe(5);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // test/types.test.ts type-checks every ts block of the README under tsc --strict (these too);
    // here each recipe is only transpiled, as tsc would emit it, and run
    mkdirSync(join(dir, "js"), { recursive: true });
    recipes.forEach((b, i) => {
      const js = ts.transpileModule(`${b.code}\nexport {};\n`, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 } }).outputText;
      writeFileSync(join(dir, "js", `recipe-${i + 1}.mjs`), js);
    });
    for (let i = 0; i < recipes.length; i++) out.push(execFileSync(process.execPath, [join(dir, "js", `recipe-${i + 1}.mjs`)], { cwd: dir, encoding: "utf8" }));
  }, 120_000);

  it("streaming: the CSV holds every step, equal to the lesson run whole", async () => {
    const whole = await runLesson({ preset: "std", rateHz: 20, steps: 100_000 });
    expect(out[0]).toBe(`${whole.preSpikes[0]} presynaptic spikes, ${whole.postSpikes[0]} postsynaptic; the trace in ${join(tmpdir(), "stp-recipe-lesson.csv")}\n`);
    const rows = readFileSync(join(tmpdir(), "stp-recipe-lesson.csv"), "utf8").trim().split("\n");
    expect(rows.length).toBe(100_001);
    for (const i of [0, 1, 4999, 50_000, 99_999]) {
      expect(rows[i + 1].split(",").map(Number)).toEqual([i + 1, whole.u[i], whole.x[i], whole.v[i]]);
    }
  });

  it("many trials: the summary of 400 trials", async () => {
    const run = await runLesson({ preset: "stf", rateHz: 20, trials: 400 });
    const m = run.postSpikes.reduce((s, v) => s + v, 0) / 400;
    expect(out[1]).toMatch(new RegExp(`^post spikes per trial: mean ${m.toFixed(3)}, sd [0-9.]+ over 400 trials; post/pre 0\\.\\d{4}\\n$`));
  });

  it("threads: the same count on 1 and 2 threads", () => {
    const [, one, two] = /on 1 thread (\d+), on 2 threads (\d+)/.exec(out[2]) ?? [];
    expect(Number(one)).toBeGreaterThan(0);
    expect(two).toBe(one);
  });

  it("chunked: u after the chunks equals a run driven the same way here", async () => {
    const sim = await Simulation.create({
      seed: 231,
      populations: [{ type: "poisson", name: "z0", n: 1, rateHz: 20, inject: true }, { type: "lif", name: "z1", n: 1, tauM: 20, resistM: 240 }],
      synapses: [{ name: "W", pre: "z0", post: "z1", weights: 2.5, resources: 0.15, tauF: 750, tauD: 50 }],
      record: [{ name: "W", vars: ["u"] }],
    });
    const a = sim.run(1000).records.W.u.data;
    sim.setInputs("z0", 0);
    const b = sim.run(1000).records.W.u.data;
    sim.inject("z0", 1);
    const c = sim.run(1).records.W.u.data;
    sim.dispose();
    expect(out[3]).toBe(`u after 1 s at 20 Hz ${a[999].toFixed(4)}, after 1 s silent ${b[999].toFixed(4)}, after one injected spike ${c[0].toFixed(4)}; step 2001\n`);
    expect(c[0]).toBeGreaterThan(b[999]); // the injected spike facilitates
  });

  it("a custom network: the column looked up by unit is the one simulate records for that unit alone", async () => {
    const [, v] = /v of unit 2 at t = 100 ms: (-?[0-9.]+) mV/.exec(out[4]) ?? [];
    const alone = await simulate({
      steps: 1000, dt: 0.5, seed: "recipe", trials: 2,
      populations: [
        { type: "poisson", name: "input", n: 20, rateHz: 15 },
        { type: "lif", name: "cells", n: 4, tauM: 15, vRest: -65, vReset: -65, thr: -50, refractTime: 2 },
      ],
      synapses: [{ name: "E", pre: "input", post: "cells", target: "conductance", eRev: 0, tauSyn: 5, weights: { dist: "gaussian", mean: 0.4, std: 0.1 }, resources: 0.5, tauF: 50, tauD: 300, integration: "exact" }],
      record: [{ name: "cells", vars: ["v"], trials: [1], units: [2] }],
    });
    expect(v).toBe(alone.records.cells.v.data[199].toFixed(3));
    expect(out[4]).toMatch(/wdyn columns: 2 \(pre 3,3, post 2,2\); spikes per population: input, cells\n$/);
  });
});
