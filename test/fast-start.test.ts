// A fast start (issue 17): the CLI's entry loads only its option tables and plumbing, each command's
// module being imported when it runs; and the shortcuts taken while writing a run's files give the
// same text as the plain definitions (trace.csv's fmt, the report's 7-digit samples).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { columnFormat, fmt } from "../src/cli/args.js";
import { lessonFigureData } from "../src/present/report.js";
import { runLesson } from "../src/experiments/lesson.js";
import { main } from "../src/cli/main.js";
import { reachable } from "./imports.js";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Our modules `entry` loads at run time (static imports; type-only ones and import() left out). */
const loadedAtStart = (entry: string) => reachable(join(root, entry), true).map((f) => relative(root, f)).sort();

/** fmt as first defined: 9 significant digits, read back and printed shortest. */
const reference = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(9))) : String(v));

describe("a fast start", () => {
  it("the CLI's entry loads no command, simulation, kernel, experiment or report module at start", () => {
    const files = loadedAtStart("src/cli/main.ts");
    expect(files).toContain("src/cli/options.ts");
    expect(files).toContain("src/experiments/lessonDefaults.ts");
    const heavy = files.filter((f) => f.startsWith("src/cli/commands/") || f === "src/simulation.ts" || f.startsWith("src/runtime/") ||
      f.startsWith("src/network/") || f.startsWith("src/models/") || f.startsWith("src/fit/") ||
      (f.startsWith("src/experiments/") && f !== "src/experiments/lessonDefaults.ts") || (f.startsWith("src/present/") && f !== "src/present/png.ts"));
    expect(heavy).toEqual([]);
    // the search does follow imports: the run command reaches the simulation
    expect(loadedAtStart("src/cli/commands/run.ts")).toContain("src/simulation.ts");
  });

  it("fmt's shortcuts (whole numbers; trailing zeros cut from toPrecision) give the defining text for any number", () => {
    const special = [0, -0, 1, -1, 999_999_999, -999_999_999, 1e9, -1e9, 1e9 + 1, 123_456_789_012, 2 ** 53, NaN, Infinity, -Infinity, 0.5, 1e-7, 5000,
      123_456_780.2, -123_456_780.4, 999_999_999.7, 0.99999999995, -0.5, 0.0000012, 0.00000099999999999, 1e-6, 120.000000004, Math.fround(0.15), Math.fround(-60.1)];
    for (const v of special) expect(fmt(v)).toBe(reference(v));
    fc.assert(fc.property(fc.oneof(fc.double(), fc.integer({ min: -3e9, max: 3e9 }), fc.float().map(Math.fround), fc.integer({ min: 0, max: 1e7 }).map((k) => k * 0.1),
      fc.double({ min: -2e9, max: 2e9 }), fc.double({ min: -1e-5, max: 1e-5 })),
      (v) => fmt(v) === reference(v)), { numRuns: 20_000 });
  });

  it("a column formatter gives fmt's text for every value, runs of equal values (0 and -0, NaN) included", () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(0, -0, 1, NaN, -60, 0.15), fc.float().map(Math.fround)), { maxLength: 60 }), (values) => {
      const f = columnFormat();
      return values.every((v) => f(v) === reference(v));
    }), { numRuns: 2000 });
  });

  it("the report's samples are each trace value to 7 significant digits", async () => {
    const run = await runLesson({ rateHz: 20, steps: 3000 });
    const data = lessonFigureData(run);
    const seven = (a: Float32Array) => Array.from(a, (v) => Number(v.toPrecision(7)));
    expect(data.u).toEqual(seven(run.u));
    expect(data.x).toEqual(seven(run.x));
    expect(data.wdyn).toEqual(seven(run.wdyn));
    expect(data.v).toEqual(seven(run.v));
    // the trace has the runs of equal values the shortcut skips
    expect(new Set(data.wdyn).size).toBeLessThan(data.wdyn.length / 10);
  });

  it("a lazily loaded command's --help and a bad option answer as before, without running it", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => { out.push(s); }, err: (s: string) => { err.push(s); } };
    expect(await main(["run", "--help"], io)).toBe(0);
    expect(out.join("")).toMatch(/^usage: stp-wasm run \[options\]\n\nrun one setting of the lesson; write trace.csv, summary.json and plot.html\.\n/);
    expect(await main(["paper", "tum2000", "--tau-m", "5"], io)).toBe(2);
    expect(err.join("")).toMatch(/^stp-wasm paper tum2000: unknown option --tau-m; allowed: --duration, --burn-in, --seed, --threads, --out, --png, --help\n/);
  });
});
