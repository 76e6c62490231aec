// Fitting the TM model to PSC trains (src/fit/fit.ts): known parameters recovered from synthetic data
// in three regimes with 5% noise (the truth inside the 95% intervals about as often as it should be,
// with stated confidence; the long calibration is test/long/fit-calibration.test.ts), missing
// amplitudes, data that cannot identify the model, fixed parameters and ranges, refusals.
import { beforeAll, describe, expect, it } from "vitest";
import { StpOptionError } from "../src/core/errors.js";
import { FIT_PARAMS, fitTm, type FitParam, type FitResult } from "../src/fit/fit.js";
import { Kernel } from "../src/runtime/kernel.js";
import { REGIMES, synthetic, type Truth } from "./fitSynthetic.js";

let kernel: Kernel;
beforeAll(async () => {
  kernel = await Kernel.load({ mode: "plain" });
});

const inside = (r: FitResult, p: FitParam, v: number) => r.ci95[p][0] <= v && v <= r.ci95[p][1];

describe("fitTm recovers known parameters (5% noise, 3 sweeps, 30 spikes)", () => {
  // 10 noise draws per regime; per parameter, over the 30 draws, a calibrated 95% interval holds the
  // truth 28.5 times on average and 24 times or fewer with probability 0.003 (binomial(30, 0.95)):
  // at least 25 of 30 is the test (all five parameters: a false alarm 1.6% of the time).
  const DRAWS = 10;
  const counts = Object.fromEntries(FIT_PARAMS.map((p) => [p, 0])) as Record<FitParam, number>;
  const fits: Record<string, FitResult[]> = {};

  it.each(Object.entries(REGIMES))("%s: every parameter identified, the best fit close to the truth", async (name, truth) => {
    fits[name] = [];
    for (let seed = 1; seed <= DRAWS; seed++) {
      const { data, sigma } = synthetic(truth, seed);
      const r = await fitTm(data, {}, { kernel });
      fits[name].push(r);
      const all = { ...truth, sigma } as Record<FitParam, number>;
      for (const p of FIT_PARAMS) if (inside(r, p, all[p])) counts[p]++;
      expect(r.warnings, `seed ${seed}`).toEqual([]);
      expect(Object.values(r.identified).every(Boolean), `seed ${seed}`).toBe(true);
      expect(r.data).toEqual({ sweeps: 3, spikes: 30, amplitudes: 30, missing: 0 });
      // the best fit lies within its own interval's span of the truth (a loose check of "recovered")
      for (const p of ["U", "tauF", "tauD", "A"] as const) {
        const span = r.ci95[p][1] - r.ci95[p][0];
        expect(Math.abs(r[p]! - truth[p]), `${p}, seed ${seed}`).toBeLessThan(1.5 * span);
      }
    }
  });

  it("the truth lies inside the 95% intervals at least 25 times in 30 draws, for each parameter", () => {
    expect(Object.keys(fits).length).toBe(3);
    for (const p of FIT_PARAMS) expect(counts[p], p).toBeGreaterThanOrEqual(25);
  });
});

describe("fitTm with missing amplitudes", () => {
  it("leaves them out of the likelihood but not out of the dynamics", async () => {
    const missing: [number, number][] = [[0, 1], [0, 5], [1, 2], [1, 9], [2, 0], [2, 4]];
    const truth = REGIMES.mixed;
    const full = synthetic(truth, 3);
    const part = synthetic(truth, 3, { missing });
    const r = await fitTm(part.data, {}, { kernel });
    expect(r.data).toEqual({ sweeps: 3, spikes: 30, amplitudes: 24, missing: 6 });
    for (const p of ["U", "tauF", "tauD", "A"] as const) expect(inside(r, p, truth[p]), p).toBe(true);
    expect(r.sweeps[2].amplitude[0]).toBeNull();
    // the fitted curve has a value at every spike, the missing ones included
    expect(r.sweeps.every((s) => s.model.length === 10 && s.model.every(Number.isFinite))).toBe(true);
    // a missing amplitude is not a zero: the same data with zeros there fit much worse
    const zeros = { sweeps: part.data.sweeps.map((w) => ({ ...w, amplitude: w.amplitude.map((a) => (Number.isNaN(a) ? 0 : a)) })) };
    const z = await fitTm(zeros, {}, { kernel });
    expect(z.sigma).toBeGreaterThan(5 * r.sigma);
    // and fewer amplitudes give wider intervals than all of them
    const all = await fitTm(full.data, {}, { kernel });
    expect(r.ci95.tauF[1] - r.ci95.tauF[0]).toBeGreaterThan(all.ci95.tauF[1] - all.ci95.tauF[0]);
  });
});

describe("fitTm says when the data cannot identify the model", () => {
  it("one pulse per sweep: no best fit of U, tauF, tauD or A; only A U, with its interval", async () => {
    const truth: Truth = { U: 0.3, tauF: 100, tauD: 300, A: 50 };
    const { data } = synthetic(truth, 5, { times: Array.from({ length: 12 }, () => [0]) });
    const r = await fitTm(data, {}, { kernel });
    expect([r.U, r.tauF, r.tauD, r.A]).toEqual([null, null, null, null]);
    expect(r.identified).toEqual({ U: false, tauF: false, tauD: false, A: false, sigma: true });
    expect(r.warnings[0]).toMatch(/^not identifiable: every amplitude is a sweep's first \(one pulse per sweep\)/);
    expect(r.AU!.ci95[0]).toBeLessThan(truth.A * truth.U);
    expect(r.AU!.ci95[1]).toBeGreaterThan(truth.A * truth.U);
    // tauF and tauD: the posterior is the prior (uniform in ln tau on [1, 5000]): its 95% interval
    for (const p of ["tauF", "tauD"] as const) {
      expect(r.ci95[p][0]).toBeCloseTo(Math.exp(0.025 * Math.log(5000)), 1);
      expect(r.ci95[p][1]).toBeCloseTo(Math.exp(0.975 * Math.log(5000)), -1);
    }
  });

  it("a depressing synapse driven too slowly to show facilitation: tauF flagged as not determined", async () => {
    const truth: Truth = { U: 0.7, tauF: 5, tauD: 800, A: 100 };
    const times = [[0, 200, 400, 600, 800, 1000, 1200, 1400], [0, 300, 600, 900, 1200, 1500], [0, 500, 1000, 1500, 2500, 4000]];
    const { data } = synthetic(truth, 2, { times });
    const r = await fitTm(data, {}, { kernel });
    expect(r.identified.tauF).toBe(false);
    expect(r.identified.tauD).toBe(true);
    expect(r.warnings.some((w) => /^tauF is not determined by these data: its 95% interval \[.*\] covers \d+% of its prior range/.test(w))).toBe(true);
    expect(inside(r, "tauD", truth.tauD)).toBe(true);
  });
});

describe("fitTm's options", () => {
  it("--fix tauF=0: depression only; the fixed value is reported as such", async () => {
    const truth: Truth = { U: 0.45, tauF: 0, tauD: 400, A: 80 };
    const { data, sigma } = synthetic(truth, 4);
    const r = await fitTm(data, { fixed: { tauF: 0 } }, { kernel });
    expect(r.tauF).toBe(0);
    expect(r.ci95.tauF).toEqual([0, 0]);
    expect(r.grid.cells.tauF).toBe(1);
    expect(r.marginals.tauF).toBeUndefined();
    for (const [p, v] of [["U", truth.U], ["tauD", truth.tauD], ["A", truth.A], ["sigma", sigma]] as const) expect(inside(r, p, v), p).toBe(true);
  });

  it("fixed A and sigma, and a narrower range: the truth recovered, the grid within the range", async () => {
    const truth = REGIMES.depressing;
    const { data, sigma } = synthetic(truth, 6);
    const r = await fitTm(data, { fixed: { A: truth.A, sigma }, ranges: { tauD: [100, 2000] } }, { kernel });
    expect([r.A, r.sigma]).toEqual([truth.A, sigma]);
    expect(r.ci95.A).toEqual([truth.A, truth.A]);
    expect(r.grid.box.tauD[0]).toBeGreaterThanOrEqual(100);
    expect(r.grid.box.tauD[1]).toBeLessThanOrEqual(2000 * (1 + 1e-12));
    for (const p of ["U", "tauF", "tauD"] as const) expect(inside(r, p, truth[p]), p).toBe(true);
  });

  it("U, tauF and tauD all fixed: one candidate; A and sigma still fitted with their intervals", async () => {
    const truth = REGIMES.mixed;
    const { data, sigma } = synthetic(truth, 9);
    const r = await fitTm(data, { fixed: { U: truth.U, tauF: truth.tauF, tauD: truth.tauD } }, { kernel });
    expect(r.grid.candidates).toBe(1);
    expect([r.U, r.tauF, r.tauD]).toEqual([truth.U, truth.tauF, truth.tauD]);
    // with the dynamics known, A's best fit is least squares on 30 amplitudes: within 3% here (5% noise)
    expect(Math.abs(r.A! / truth.A - 1)).toBeLessThan(0.03);
    expect(inside(r, "A", truth.A)).toBe(true);
    expect(inside(r, "sigma", sigma)).toBe(true);
  });

  it("is deterministic: the same data and seed give the same numbers", async () => {
    const { data } = synthetic(REGIMES.mixed, 8);
    const a = await fitTm(data, {}, { kernel });
    const b = await fitTm(data, {});
    expect(b).toEqual(a);
  });

  it.each([
    [{ ranges: { U: [0.5, 0.2] } }, "ranges.U", /\[lo, hi\] with lo < hi/],
    [{ ranges: { U: [0, 2] } }, "ranges.U", /U is a fraction/],
    [{ ranges: { tauF: [0, 100] } }, "ranges.tauF", /uniform in ln tauF; to switch the term off fix tauF at 0/],
    [{ ranges: { A: [1, 2] } }, "ranges.A", /A is integrated over all of \(0, infinity\); fix it instead/],
    [{ ranges: { tauD: [10, 100] }, fixed: { tauD: 50 } }, "ranges.tauD", /a range or a fixed value, not both/],
    [{ fixed: { U: 1.5 } }, "fixed.U", /U in \[0, 1\]/],
    [{ fixed: { sigma: 0 } }, "fixed.sigma", /sigma > 0/],
    [{ fixed: { W: 1 } }, "fixed.W", /one of U, tauF, tauD, A, sigma/],
    [{ draws: 10 }, "draws", /\[1000, 10000000\]/],
  ])("refuses %j naming %s, before anything runs", async (options, option, message) => {
    const { data } = synthetic(REGIMES.mixed, 1);
    const e = await fitTm(data, options as never, { kernel }).catch((err) => err);
    expect(e).toBeInstanceOf(StpOptionError);
    expect((e as StpOptionError).option).toBe(option);
    expect((e as Error).message).toMatch(message);
  });

  it("refuses amplitudes that are negative on the whole, and fewer than 3 amplitudes", async () => {
    const neg = { sweeps: [{ name: "1", t: [0, 10, 20], amplitude: [-1, -0.8, -0.7] }] };
    await expect(fitTm(neg, {}, { kernel })).rejects.toThrow(/give the PSCs' sizes \(e.g. minus an inward current\)/);
    const few = { sweeps: [{ name: "1", t: [0, 10], amplitude: [1, 0.8] }] };
    await expect(fitTm(few, {}, { kernel })).rejects.toThrow(/at least 3 amplitudes/);
  });
});
