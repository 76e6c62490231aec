// The kernel's synapse against the closed forms of docs/theory.md (src/theory.ts, themselves
// checked against the models' recurrences in theory.test.ts).
// Tolerances, and why:
// - exact mode, 1e-6 (the issue's): u and x are relaxed from the last spike's values with a float64
//   exponential rounded once, so each value carries a few float32 roundings (2^-24 ~ 6e-8 each),
//   never compounded over the steps between spikes; measured <= 2.3e-7.
// - Euler mode, 2e-6: the map itself is iterated in float32 every step, and a rounding made at one
//   step decays only by (1 - dt/tau) per step, so errors add up over ~tau/dt steps; measured
//   <= 9.3e-7 for the lesson's parameters at dt = 1. The map's fixed point differs from the
//   continuous steady state by 2.8e-5 to 1.7e-3 in u x for these settings (checked below), so the
//   Euler tests do tell the map from the model.
import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulation.js";
import { pairedPulse } from "../src/experiments/protocols/pairedPulse.js";
import { trainRecovery } from "../src/experiments/protocols/trainRecovery.js";
import {
  eulerFixedPoint, pairedPulseRatio, pairedPulseRatioEuler, steadyState, trainStates, type StpParams,
} from "../src/science/theory.js";

const STF = { U: 0.15, tauF: 750, tauD: 50 };
const STD = { U: 0.45, tauF: 50, tauD: 750 };
const PRESETS: [string, StpParams][] = [["STF", STF], ["STD", STD]];
const RATES = [2, 20, 50];
const EXACT_TOL = 1e-6;
const EULER_TOL = 2e-6;

/** A regular train of n spikes at t = T, 2T, ..., nT through one synapse (W = 1); u, x, wdyn every step. */
async function regularTrain(p: StpParams, T: number, n: number, dt: number, integration: "euler" | "exact") {
  const steps = Math.round((n * T) / dt);
  const res = await simulate({
    steps, dt,
    populations: [
      { type: "spikeTrain", name: "pre", times: Array.from({ length: n }, (_, k) => (k + 1) * T) },
      { type: "lif", name: "post", resistM: 0 },
    ],
    synapses: [{
      name: "W", pre: "pre", post: "post", weights: 1, resources: p.U, tauF: p.tauF, tauD: p.tauD,
      uRest: p.uRest ?? 0, tauInact: p.tauInact ?? 0, integration,
    }],
    record: [{ name: "W", vars: ["u", "x", "wdyn"] }],
  });
  const { u, x, wdyn } = res.records.W;
  return { u: u.data as Float32Array, x: x.data as Float32Array, wdyn: wdyn.data as Float32Array, last: steps - 1 };
}

/** Spikes enough for the deviation from the steady state to fall below exp(-25) ~ 1e-11. */
const spikesFor = (p: StpParams, T: number) => Math.ceil((25 * Math.max(p.tauF, p.tauD, p.tauInact ?? 0)) / T) + 20;

describe("exact mode: regular trains reach the continuous model's steady state (1e-6)", () => {
  for (const [name, p] of PRESETS) {
    for (const rate of RATES) {
      it.each([0.1, 1])(`${name} at ${rate} Hz, dt = %s ms: u, x and u x at the spike, x after it`, async (dt) => {
        const T = 1000 / rate;
        const run = await regularTrain(p, T, spikesFor(p, T), dt, "exact");
        const want = steadyState(p, T);
        const u = run.u[run.last]; // the spike step's u: after its increment, the value the spike used
        const efficacy = run.wdyn[run.last]; // W u x with W = 1
        expect(Math.abs(u - want.u)).toBeLessThan(EXACT_TOL);
        expect(Math.abs(efficacy - want.efficacy)).toBeLessThan(EXACT_TOL);
        expect(Math.abs(efficacy / u - want.x)).toBeLessThan(EXACT_TOL); // x before the release
        expect(Math.abs(run.x[run.last] - want.x * (1 - want.u))).toBeLessThan(EXACT_TOL); // after it
      });
    }
  }

  it.each([
    ["STF, uRest U", { ...STF, uRest: "U" as const }], ["STD, uRest U", { ...STD, uRest: "U" as const }],
    ["STF, three-state (tauInact 3 ms)", { ...STF, tauInact: 3 }], ["STD, three-state (tauInact 3 ms)", { ...STD, tauInact: 3 }],
    ["STF, tauInact = tauD (the limit form)", { ...STF, tauInact: 50 }],
  ])("%s at 2, 20 and 50 Hz", async (_name, p) => {
    for (const rate of RATES) {
      const T = 1000 / rate;
      const run = await regularTrain(p, T, spikesFor(p, T), 0.1, "exact");
      const want = steadyState(p, T);
      expect(Math.abs(run.u[run.last] - want.u)).toBeLessThan(EXACT_TOL);
      expect(Math.abs(run.wdyn[run.last] - want.efficacy)).toBeLessThan(EXACT_TOL);
    }
  });

  it("between spikes, u and x do not depend on dt: dt = 0.1 and dt = 1 agree at every whole ms (1e-6)", async () => {
    // an irregular train on the 1 ms grid: bursts, pauses, a long silence
    const times = [5, 6, 7, 20, 45, 46, 90, 140, 141, 142, 143, 400, 401, 1400, 1420, 1440, 1460];
    for (const p of [STF, STD, { ...STF, uRest: "U" as const }, { ...STD, tauInact: 3 }]) {
      const traces = await Promise.all([0.1, 1].map((dt) => simulate({
        steps: Math.round(1500 / dt), dt,
        populations: [{ type: "spikeTrain", name: "pre", times }, { type: "lif", name: "post", resistM: 0 }],
        synapses: [{ name: "W", pre: "pre", post: "post", weights: 1, resources: p.U, tauF: p.tauF, tauD: p.tauD, uRest: p.uRest ?? 0, tauInact: p.tauInact ?? 0, integration: "exact" }],
        record: [{ name: "W", vars: ["u", "x"] }],
      })));
      const [fine, coarse] = traces.map((r) => r.records.W);
      let worst = 0;
      for (let ms = 1; ms <= 1500; ms++) {
        worst = Math.max(worst, Math.abs(fine.u.data[ms * 10 - 1] - coarse.u.data[ms - 1]), Math.abs(fine.x.data[ms * 10 - 1] - coarse.x.data[ms - 1]));
      }
      expect(worst).toBeLessThan(EXACT_TOL);
    }
  });
});

describe("Euler mode (the lesson's map): regular trains reach the map's fixed point (2e-6)", () => {
  for (const [name, p] of PRESETS) {
    it.each(RATES)(`${name} at %s Hz, dt = 1 ms`, async (rate) => {
      const T = 1000 / rate;
      const run = await regularTrain(p, T, spikesFor(p, T), 1, "euler");
      const want = eulerFixedPoint(p, T, 1);
      expect(Math.abs(run.u[run.last] - want.u)).toBeLessThan(EULER_TOL);
      expect(Math.abs(run.x[run.last - 1] - want.x)).toBeLessThan(EULER_TOL); // the map uses the previous step's x
      expect(Math.abs(run.wdyn[run.last] - want.efficacy)).toBeLessThan(EULER_TOL);
    });
  }

  it("the fixed point differs from the continuous steady state by more than 10 times the tolerance", () => {
    // else the tests above could not tell the lesson's map from the continuous model
    for (const [, p] of PRESETS) {
      for (const rate of RATES) expect(Math.abs(eulerFixedPoint(p, 1000 / rate, 1).efficacy - steadyState(p, 1000 / rate).efficacy)).toBeGreaterThan(10 * EULER_TOL);
    }
  });
});

describe("paired pulses and recovery after a train, through the protocol API", () => {
  it.each([
    ["STF", { preset: "stf" as const }, STF], ["STD", { preset: "std" as const }, STD],
    ["STD, uRest U", { preset: "std" as const, uRest: "U" as const }, { ...STD, uRest: "U" as const }],
    ["STD, three-state", { preset: "std" as const, tauInact: 3 }, { ...STD, tauInact: 3 }],
  ])("exact: %s PPR against the closed form (1e-6)", async (_name, options, p) => {
    const r = await pairedPulse(options);
    expect(r.rows.length).toBe(15);
    for (const row of r.rows) expect(Math.abs(row.ratio - pairedPulseRatio(p, row.intervalMs))).toBeLessThan(EXACT_TOL);
  });

  it.each([["STF", "stf" as const, STF], ["STD", "std" as const, STD]])("euler at dt = 1: %s PPR against the map's closed form (1e-5)", async (_name, preset, p) => {
    // 1e-5: a ratio of two responses, the second after up to 2000 float32 steps of the map
    const r = await pairedPulse({ preset, integration: "euler", dt: 1 });
    for (const row of r.rows) expect(Math.abs(row.ratio - pairedPulseRatioEuler(p, row.intervalMs, 1))).toBeLessThan(1e-5);
  });

  it("STF facilitates and STD depresses at short intervals; both recover by 2 s", async () => {
    const [stf, std] = await Promise.all([pairedPulse({ preset: "stf" }), pairedPulse({ preset: "std" })]);
    expect(stf.rows[0].ratio).toBeGreaterThan(1.5);
    expect(std.rows[0].ratio).toBeLessThan(0.85);
    expect(Math.abs(stf.rows[stf.rows.length - 1].ratio - 1)).toBeLessThan(0.07);
    expect(Math.abs(std.rows[std.rows.length - 1].ratio - 1)).toBeLessThan(0.04);
  });

  it.each([["stf" as const, STF], ["std" as const, STD]])("train recovery (%s): every train and recovery spike against the continuous model (1e-6)", async (preset, p) => {
    const r = await trainRecovery({ preset, rateHz: 20, spikes: 10 });
    const train = Array.from({ length: 10 }, (_, k) => k * 50);
    trainStates(p, train).forEach((s, k) => expect(Math.abs(r.train.efficacy[k] - s.efficacy)).toBeLessThan(EXACT_TOL));
    for (const row of r.rows) {
      const want = trainStates(p, [...train, 450 + row.delayMs])[10].efficacy;
      expect(Math.abs(row.efficacy - want)).toBeLessThan(EXACT_TOL);
      expect(row.ratioToFirst).toBeCloseTo(row.efficacy / r.train.efficacy[0], 12);
    }
    // full recovery after 5 s: back to the first response within 1%
    expect(Math.abs(r.rows[r.rows.length - 1].ratioToFirst - 1)).toBeLessThan(0.01);
  });
});

describe("u's resting value and the first response after silence", () => {
  it.each([["exact", 0.1], ["euler", 1]] as const)("%s: W U with uRest 0, W U (2 - U) with uRest U (1e-6)", async (integration, dt) => {
    for (const p of [STF, STD]) {
      for (const uRest of [0, "U"] as const) {
        const r = await pairedPulse({ resources: p.U, tauF: p.tauF, tauD: p.tauD, uRest, integration, dt, intervals: [100] });
        expect(Math.abs(r.rows[0].efficacy1 - (uRest === 0 ? p.U : p.U * (2 - p.U)))).toBeLessThan(1e-6);
      }
    }
  });
});
