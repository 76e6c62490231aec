// The command line: files, formats, and agreement of `run --spike-times` with docs/MODEL.md
// computed independently here, written from the equations: in float32 (MODEL.md: all state is
// float32), within 1e-6 on u, x and wdyn, 1e-4 mV on v, identical post-spike steps; and in float64,
// where float32 rounding accumulated over thousands of steps is allowed (1e-5, 1e-3 mV).
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { cli } from "./cli-helper.js";


type Params = { U: number; tauF: number; tauD: number; W: number; tauM: number; R: number; vRest: number; vReset: number; thr: number; dt: number };

/**
 * docs/MODEL.md (sections 4 and 5) for the lesson's single synapse, written from the equations; `r` rounds every
 * intermediate (Math.fround for float32, identity for float64).
 */
function lessonByHand(times: number[], steps: number, p: Params, r: (v: number) => number) {
  let u = 0, x = 1, wdyn = 0, v = r(p.vRest);
  const [U, W, R, vRest, vReset, thr, dt] = [p.U, p.W, p.R, p.vRest, p.vReset, p.thr, p.dt].map(r);
  const aF = r(p.dt / p.tauF), aD = r(p.dt / p.tauD), invTauM = r(1 / p.tauM);
  const rows: { u: number; x: number; wdyn: number; v: number; post: number }[] = [];
  const spikeSteps = new Set(times.map((t) => Math.round(t / p.dt) - 1));
  for (let i = 0; i < steps; i++) {
    const s = spikeSteps.has(i) ? 1 : 0;
    const uNew = r(r(u - r(u * aF)) + r(r(U * r(1 - u)) * s)); // u - u dt/tau_f + U (1 - u) s
    if (s) wdyn = r(r(W * uNew) * x); // W u x: new u, old x
    x = r(r(x + r(r(1 - x) * aD)) - r(r(uNew * x) * s)); // x + (1 - x) dt/tau_d - u x s
    u = uNew;
    const current = r(s * wdyn); // out = g * s * Wdyn with g = 1, no bias
    v = r(v + r(r(r(r(vRest - v) + r(current * R)) * invTauM) * dt)); // v + dt/tau_m ((v_rest - v) + j R)
    const post = v > thr ? 1 : 0;
    if (post) v = vReset;
    rows.push({ u, x, wdyn, v, post });
  }
  return rows;
}

describe("stp-wasm CLI", () => {
  it("run --spike-times writes trace.csv, summary.json and plot.html that agree with the equations", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-run-"));
    const times = [100, 102, 104, 106, 108, 110, 300, 301, 302, 303, 304, 900, 905, 910, 915, 920, 925, 1800];
    const r = await cli(["run", "--preset", "stf", "--steps", "2000", `--spike-times=${times.join(",")}`, "--out", out]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["plot.html", "summary.json", "trace.csv"]);

    const lines = readFileSync(join(out, "trace.csv"), "utf8").trim().split("\n");
    expect(lines[0]).toBe("t,pre,u,x,wdyn,v,post");
    expect(lines.length).toBe(2001);
    const rows = lines.slice(1).map((l) => l.split(",").map(Number));
    expect(rows[0][0]).toBe(1); // first row t = dt
    expect(rows[1999][0]).toBe(2000);
    // 9 significant digits at most
    for (const l of lines.slice(1, 200)) for (const cell of l.split(",")) expect(cell.replace(/^-|\.|e.*$/g, "").replace(/^0+/, "").length).toBeLessThanOrEqual(9);

    const params: Params = { U: 0.15, tauF: 750, tauD: 50, W: 2.5, tauM: 20, R: 240, vRest: -60, vReset: -70, thr: -50, dt: 1 };
    const pre = rows.map((row) => row[1]);
    expect(pre.reduce((a, b) => a + b, 0)).toBe(times.length);
    times.forEach((t) => expect(pre[t - 1]).toBe(1));
    for (const [label, round, tol, tolV] of [["float32", Math.fround, 1e-6, 1e-4], ["float64", (v: number) => v, 1e-5, 1e-3]] as const) {
      const want = lessonByHand(times, 2000, params, round);
      for (let i = 0; i < 2000; i++) {
        const [, , u, x, wdyn, v, post] = rows[i];
        expect(Math.abs(u - want[i].u), `${label} u at step ${i}`).toBeLessThan(tol);
        expect(Math.abs(x - want[i].x), `${label} x at step ${i}`).toBeLessThan(tol);
        expect(Math.abs(wdyn - want[i].wdyn), `${label} wdyn at step ${i}`).toBeLessThan(tol);
        expect(Math.abs(v - want[i].v), `${label} v at step ${i}`).toBeLessThan(tolV);
        expect(post, `${label} post at step ${i}`).toBe(want[i].post);
      }
    }
    const postSteps = rows.flatMap((row, i) => (row[6] ? [i] : []));
    expect(postSteps.length).toBeGreaterThanOrEqual(2); // the bursts do drive the neuron across threshold

    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.preSpikes).toEqual([times.length]);
    expect(summary.postSpikes).toEqual([postSteps.length]);
    expect(summary.transmissionRatio[0]).toBeCloseTo(postSteps.length / times.length, 12);
    expect(summary.parameters).toMatchObject({ preset: "stf", resources: 0.15, tauF: 750, tauD: 50, weight: 2.5, resistM: 240, spikeTimes: times });

    const html = readFileSync(join(out, "plot.html"), "utf8");
    expect(html).toContain("uPlot");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/); // nothing fetched: opens offline
  });

  it("run --trials reports per-trial arrays with post/pre", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-trials-"));
    const r = await cli(["run", "--preset=std", "--rate=20", "--trials=40", "--seed=abc", "--out", out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/over 40 trials/);
    const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(s.preSpikes).toHaveLength(40);
    expect(s.postSpikes).toHaveLength(40);
    s.transmissionRatio.forEach((q: number, k: number) => expect(q).toBeCloseTo(s.postSpikes[k] / s.preSpikes[k], 12));
    expect(s.parameters.seed).toBe("abc");
    // 20 Hz for 5 s: about 100 presynaptic spikes per trial (5 sd of the binomial is about 50)
    const mean = s.preSpikes.reduce((a: number, b: number) => a + b, 0) / 40;
    expect(Math.abs(mean - 100)).toBeLessThan(5 * Math.sqrt(5000 * 0.02 * 0.98 / 40));
  });

  it("negative values pass as --name=value and --name value", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-neg-"));
    const r = await cli(["run", "--steps=100", "--v-rest=-65", "--v-reset", "-75", "--thr=-55", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(s.parameters).toMatchObject({ vRest: -65, vReset: -75, thr: -55 });
    expect(readFileSync(join(out, "trace.csv"), "utf8").split("\n")[1]).toMatch(/,-65,0$/);
  });

  it("tutorial prints the four-row table and writes four reports", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-tut-"));
    const r = await cli(["tutorial", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const rows = r.out.split("\n").filter((l) => /^(STF|STD)\s/.test(l));
    expect(rows.map((l) => l.split(/\s{2,}/).slice(0, 2).join(" "))).toEqual(["STF 2 Hz", "STF 20 Hz", "STD 2 Hz", "STD 20 Hz"]);
    for (const row of rows) {
      const [, , pre, post, ratio] = row.split(/\s{2,}/);
      expect(Number(ratio)).toBeCloseTo(Number(post) / Number(pre), 4);
    }
    expect(readdirSync(out).sort()).toEqual(["std-20hz.html", "std-2hz.html", "stf-20hz.html", "stf-2hz.html"]);
  });

  it("--help on every command, exit code 0", async () => {
    for (const cmd of ["tutorial", "run"]) {
      const r = await cli([cmd, "--help"]);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`usage: stp-wasm ${cmd}`);
    }
    const run = await cli(["run", "--help"]);
    for (const flag of ["--preset", "--rate", "--steps", "--dt", "--seed", "--trials", "--resources", "--tau-f", "--tau-d", "--weight", "--tau-m", "--r-m", "--v-rest", "--v-reset", "--thr", "--refract", "--spike-times", "--out"]) {
      expect(run.out).toContain(flag);
    }
    expect((await cli(["--help"])).code).toBe(0);
  });

  it("the installed bin runs (built dist/)", () => {
    const text = execFileSync(process.execPath, [join(__dirname, "..", "bin", "stp-wasm.js"), "run", "--help"], { encoding: "utf8" });
    expect(text).toContain("usage: stp-wasm run");
  });
});
