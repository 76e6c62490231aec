// The protocols from the API and the command line: their files, their tables, and bad input refused
// before anything runs with an error naming the option (or flag), the value and what is allowed.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./cli-helper.js";
import { StpOptionError } from "../src/core/errors.js";
import { pairedPulse } from "../src/experiments/protocols/pairedPulse.js";
import { trainRecovery } from "../src/experiments/protocols/trainRecovery.js";


describe("protocol API: bad input", () => {
  it.each([
    ["an empty interval list", () => pairedPulse({ intervals: [] }), "intervals", /a list of 1 to 200 durations/],
    ["an interval off the step grid", () => pairedPulse({ intervals: [5, 2.55] }), "intervals[1]", /2.55 .*a positive multiple of dt = 0.1 ms/],
    ["a negative interval", () => pairedPulse({ intervals: [-5] }), "intervals[0]", /> 0/],
    ["an unknown option", () => pairedPulse({ isi: [5] } as never), "isi", /unknown option.*intervals/],
    ["a bad preset", () => pairedPulse({ preset: "xyz" as never }), "preset", /"stf" or "std"/],
    ["resources above 1", () => pairedPulse({ resources: 1.5 }), "resources", /<= 1/],
    ["three-state resources with Euler", () => pairedPulse({ tauInact: 3, integration: "euler", dt: 1 }), "tauInact", /need integration "exact"/],
    ["a bad resting value", () => pairedPulse({ uRest: 1 as never }), "uRest", /0 \(u relaxes to 0, the lesson's\) or "U"/],
    ["a zero dt", () => pairedPulse({ dt: 0 }), "dt", /> 0/],
    ["a rate above one spike per step", () => trainRecovery({ rateHz: 20000 }), "rateHz", /<= 10000/],
    ["no spikes", () => trainRecovery({ spikes: 0 }), "spikes", /integer >= 1/],
    ["a run too long to record", () => trainRecovery({ delays: [500000], dt: 0.01 }), "delays", /too long.*at most 25000000 recorded values/],
  ])("%s", async (_what, call, option, message) => {
    const err = await call().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StpOptionError);
    expect((err as StpOptionError).option).toBe(option);
    expect((err as Error).message).toMatch(message);
  });
});

describe("stp-wasm protocol", () => {
  it("paired-pulse prints its table and writes paired-pulse.html and paired-pulse.json (the API's numbers)", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-pp-"));
    const r = await cli(["protocol", "paired-pulse", "--preset", "std", "--intervals=10,50,200", "--out", out]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["paired-pulse.html", "paired-pulse.json"]);
    const api = await pairedPulse({ preset: "std", intervals: [10, 50, 200] });
    const json = JSON.parse(readFileSync(join(out, "paired-pulse.json"), "utf8"));
    expect(json.rows).toEqual(api.rows);
    const lines = r.out.split("\n").filter((l) => /^\s*(10|50|200)\s/.test(l));
    expect(lines.length).toBe(3);
    lines.forEach((l, i) => expect(Number(l.trim().split(/\s+/)[3])).toBeCloseTo(api.rows[i].ratio, 6));
    const html = readFileSync(join(out, "paired-pulse.html"), "utf8");
    expect(html).toContain("uPlot");
    expect(html).toContain("renderXYChart");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/); // opens offline
  });

  it("train-recovery writes its report and numbers", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-tr-"));
    const r = await cli(["protocol", "train-recovery", "--preset=stf", "--rate=40", "--spikes=5", "--delays=100,1000", "--integration=euler", "--dt=1", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(readFileSync(join(out, "train-recovery.json"), "utf8"));
    expect(json.options).toMatchObject({ rateHz: 40, spikes: 5, delays: [100, 1000], integration: "euler", dt: 1 });
    expect(json.train.timeMs).toEqual([0, 25, 50, 75, 100]);
    expect(json.rows.map((w: { delayMs: number }) => w.delayMs)).toEqual([100, 1000]);
    for (const w of json.rows) expect(Math.abs(w.efficacy - w.efficacyTheory)).toBeLessThan(1e-5);
    expect(r.out).toMatch(/5 spikes at 40 Hz/);
  });

  it("tsodyks1998 writes the figure's report with NEST's values", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-tpm-"));
    const r = await cli(["protocol", "tsodyks1998", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(readFileSync(join(out, "tsodyks1998.json"), "utf8"));
    expect(json.map((p: { name: string }) => p.name)).toEqual(["A", "B"]);
    for (const p of json) expect(p.maxAbsError).toBeLessThan(2.5e-4);
    expect(r.out).toMatch(/test_tsodyks_depressing\.sli/);
    expect(readFileSync(join(out, "tsodyks1998.html"), "utf8")).toContain("Fig. 1B: facilitating synapse");
  });

  it("help, and the protocol list", async () => {
    const list = await cli(["protocol", "--help"]);
    expect(list.code).toBe(0);
    for (const name of ["paired-pulse", "train-recovery", "tsodyks1998"]) expect(list.out).toContain(name);
    expect((await cli(["protocol"])).code).toBe(2);
    const pp = await cli(["protocol", "paired-pulse", "--help"]);
    expect(pp.code).toBe(0);
    for (const flag of ["--preset", "--resources", "--tau-f", "--tau-d", "--u-rest", "--tau-inact", "--integration", "--dt", "--intervals", "--out"]) expect(pp.out).toContain(flag);
    expect((await cli(["--help"])).out).toContain("protocol paired-pulse");
  });

  it.each([
    [["protocol", "nope"], /unknown protocol "nope"; allowed: paired-pulse, train-recovery/],
    [["protocol", "paired-pulse", "--intervals=5,2.55"], /--intervals\[1\] = 2.55 is not allowed.*multiple of dt = 0.1 ms/],
    [["protocol", "paired-pulse", "--u-rest=2"], /--u-rest = "2" is not allowed.*0 or U/],
    [["protocol", "paired-pulse", "--rate=2"], /unknown option --rate/],
    [["protocol", "train-recovery", "--tau-inact=3", "--integration=euler", "--dt=1"], /--tau-inact = 3 is not allowed.*"exact"/],
    [["protocol", "tsodyks1998", "--dt=0.3"], /--dt = 0.3 is not allowed/],
  ])("bad usage %j: exit code 2, the flag named", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});

describe("stp-wasm run with the new options", () => {
  it("--integration=exact: u and x relax exactly between spikes (1e-6)", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-exact-"));
    const r = await cli(["run", "--preset=stf", "--steps=600", "--spike-times=10,500", "--integration=exact", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const rows = readFileSync(join(out, "trace.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
    const U = 0.15;
    for (const [t, , u, x] of rows.filter(([t]) => t >= 10 && t < 500)) {
      expect(Math.abs(u - U * Math.exp(-(t - 10) / 750))).toBeLessThan(1e-6);
      expect(Math.abs(x - (1 - U * Math.exp(-(t - 10) / 50)))).toBeLessThan(1e-6);
    }
  });

  it("--tau-syn, --lif-integration, --u-rest and --tau-inact reach the model and summary.json", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-syn-"));
    const r = await cli(["run", "--preset=std", "--steps=300", "--spike-times=10", "--integration=exact", "--tau-inact=3", "--u-rest=U", "--tau-syn=5", "--lif-integration=exact", "--weight=0.5", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(s.parameters).toMatchObject({ integration: "exact", tauInact: 3, uRest: "U", tauSyn: 5, lifIntegration: "exact" });
    const rows = readFileSync(join(out, "trace.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
    // uRest U: the first spike uses u = U (2 - U); the current then lifts v only from the next step on
    expect(rows[9][2]).toBeCloseTo(0.45 * (2 - 0.45), 6);
    expect(rows[9][5]).toBe(-60);
    expect(rows[10][5]).toBeGreaterThan(-60);
  });
});
