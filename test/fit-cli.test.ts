// `stp-wasm fit DATA.csv`: the files it writes and what it prints; refusals (a bad CSV with its line
// and column, bad --range and --fix, a missing file) exit 2 and leave the previous results as they were.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./cli-helper.js";
import { REGIMES, synthetic, toCsv } from "./fitSynthetic.js";


const dir = mkdtempSync(join(tmpdir(), "stp-fit-cli-"));
const csv = join(dir, "data.csv");
writeFileSync(csv, toCsv(synthetic(REGIMES.depressing, 21).data));

describe("stp-wasm fit", () => {
  const out = join(dir, "out");

  it("writes fit.json and fit.html and prints the table", async () => {
    const r = await cli(["fit", csv, "--out", out]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["fit.html", "fit.json"]);
    const j = JSON.parse(readFileSync(join(out, "fit.json"), "utf8"));
    for (const key of ["U", "tauF", "tauD", "A", "sigma", "ci95", "logLikelihood", "method"]) expect(j, key).toHaveProperty(key);
    for (const p of ["U", "tauF", "tauD", "A", "sigma"]) {
      expect(j.ci95[p].length).toBe(2);
      expect(j.ci95[p][0]).toBeLessThan(j.ci95[p][1]);
    }
    expect(j.method).toMatch(/^grid posterior with refinement/);
    expect(j.source).toBe(csv);
    expect(j.sweeps.length).toBe(3);
    expect(r.out).toMatch(/fit of .*data\.csv: 3 sweeps, 30 spikes, 30 amplitudes/);
    expect(r.out).toMatch(/parameter\s+best fit\s+95% interval\s+median\s+determined/);
    expect(r.out).toContain(`wrote ${join(out, "fit.json")}, ${join(out, "fit.html")}`);
    const html = readFileSync(join(out, "fit.html"), "utf8");
    expect(html).toContain("<title>Tsodyks-Markram fit of data.csv</title>");
    expect(html).not.toMatch(/<script[^>]+src=/); // self-contained
  });

  it("--fix and --range reach the fit", async () => {
    const o = join(dir, "fixed");
    const r = await cli(["fit", csv, "--fix", "tauF=0", "--range", "tauD=50:3000", "--range=U=0.1:0.9", "--out", o]);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(readFileSync(join(o, "fit.json"), "utf8"));
    expect(j.tauF).toBe(0);
    expect(j.fixed).toEqual({ tauF: 0 });
    expect(j.ranges).toEqual({ U: [0.1, 0.9], tauF: [1, 5000], tauD: [50, 3000] });
  });

  it.each([
    ["sweep,t,amplitude\n1,0,1\n1,5,x\n", "line 3, column 3 (amplitude): \"x\" is not a number"],
    ["", "line 1: the file is empty"],
    ["sweep,time,amplitude\n1,0,1\n", "line 1: no column \"t\" in the header"],
    ["sweep,t,amplitude\n1,0,1\n1,-4,1\n", "line 3, column 2 (t): -4 is negative"],
  ])("refuses a bad CSV naming the line and column, and writes nothing: %j", async (text, message) => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, text);
    const before = readFileSync(join(out, "fit.json"), "utf8");
    const r = await cli(["fit", bad, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`stp-wasm fit: ${bad} ${message}${r.err.slice(`stp-wasm fit: ${bad} ${message}`.length)}`);
    expect(r.err).toMatch(/\nnothing was written\.\n$/);
    expect(readFileSync(join(out, "fit.json"), "utf8")).toBe(before);
  });

  it.each([
    [["--range", "W=1:2"], /--range = "W=1:2" is not allowed; it must be NAME=LO:HI with NAME one of U, tauF, tauD/],
    [["--range", "A=1:2"], /A is integrated over all of \(0, infinity\); --fix A=V holds it/],
    [["--range", "tauD=5"], /NAME=LO:HI with LO and HI numbers/],
    [["--fix", "tauF"], /--fix = "tauF" is not allowed; it must be NAME=V with NAME one of U, tauF, tauD, A, sigma/],
    [["--fix", "U=2"], /--fix U = 2 is not allowed; it must be U in \[0, 1\]/],
    [["--range", "tauF=0:100"], /--range tauF = \[0, 100\] is not allowed: the prior of tauF is uniform in ln tauF; to switch the term off fix tauF at 0/],
  ])("refuses %j with exit code 2", async (args, message) => {
    const r = await cli(["fit", csv, ...args, "--out", join(dir, "never")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(readdirSync(dir)).not.toContain("never");
  });

  it("refuses a missing file, no file and two files", async () => {
    const missing = await cli(["fit", join(dir, "nope.csv"), "--out", join(dir, "never")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read .*nope\.csv: no such file or folder \(ENOENT\)/);
    const none = await cli(["fit"]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/the data file is missing: stp-wasm fit DATA.csv/);
    const two = await cli(["fit", csv, csv]);
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/one data file, not 2/);
  });

  it("--help lists the options", async () => {
    const r = await cli(["fit", "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: stp-wasm fit \[options\] DATA\.csv/);
    for (const flag of ["--range", "--fix", "--seed", "--out", "--png"]) expect(r.out).toContain(flag);
  });
});
