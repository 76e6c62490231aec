// The closed forms of docs/theory.md (src/theory.ts) against the models' own definitions evaluated
// independently in float64: the continuous model event by event, the Euler map step by step, and
// the linear ODEs behind the three-state resources and the PSP by fourth-order Runge-Kutta.
// Tolerances are float64 rounding (1e-12 on quantities of order 1) or the RK4 error at its step.
import { describe, expect, it } from "vitest";
import {
  eulerFixedPoint, expIntegral, inactivated, pairedPulseRatio, pairedPulseRatioEuler, pspExp, steadyState,
  trainStates, trainStatesEuler, type StpParams,
} from "../src/science/theory.js";

const STF = { U: 0.15, tauF: 750, tauD: 50 };
const STD = { U: 0.45, tauF: 50, tauD: 750 };
const VARIANTS: [string, StpParams][] = [
  ["STF", STF], ["STD", STD],
  ["STF, uRest U", { ...STF, uRest: "U" }], ["STD, uRest U", { ...STD, uRest: "U" }],
  ["STF, three-state", { ...STF, tauInact: 3 }], ["STD, three-state", { ...STD, tauInact: 3 }],
  ["STF, tauInact = tauD", { ...STF, tauInact: 50 }], ["STD, STF off", { ...STD, tauF: 0 }], ["STF, STD off", { ...STF, tauD: 0 }],
];
const RATES = [2, 20, 50];

/** Spikes enough for every deviation from the steady state to decay below 1e-15. */
const spikesFor = (p: StpParams, periodMs: number) => Math.ceil((40 * Math.max(p.tauF, p.tauD, p.tauInact ?? 0)) / periodMs) + 100;

/** dy/dt = f(t, y) integrated by RK4 from 0 to t in n steps. */
function rk4(f: (t: number, y: number[]) => number[], y0: number[], t: number, n: number): number[] {
  const h = t / n;
  let y = y0.slice();
  for (let i = 0; i < n; i++) {
    const s = i * h;
    const add = (a: number[], b: number[], c: number) => a.map((v, k) => v + c * b[k]);
    const k1 = f(s, y);
    const k2 = f(s + h / 2, add(y, k1, h / 2));
    const k3 = f(s + h / 2, add(y, k2, h / 2));
    const k4 = f(s + h, add(y, k3, h));
    y = y.map((v, k) => v + (h / 6) * (k1[k] + 2 * k2[k] + 2 * k3[k] + k4[k]));
  }
  return y;
}

describe("closed forms against the continuous model's recurrence (float64, 1e-12)", () => {
  it.each(VARIANTS)("steady state of a regular train: %s at 2, 20, 50 Hz", (_name, p) => {
    for (const rate of RATES) {
      const T = 1000 / rate;
      const states = trainStates(p, Array.from({ length: spikesFor(p, T) }, (_, k) => k * T));
      const last = states[states.length - 1];
      const want = steadyState(p, T);
      expect(Math.abs(last.u - want.u)).toBeLessThan(1e-12);
      expect(Math.abs(last.x - want.x)).toBeLessThan(1e-12);
      expect(Math.abs(last.efficacy - want.efficacy)).toBeLessThan(1e-12);
    }
  });

  it.each(VARIANTS)("paired-pulse ratio: %s", (_name, p) => {
    for (const interval of [1, 5, 20, 50, 100, 500, 2000, 10000]) {
      const [a, b] = trainStates(p, [100, 100 + interval]);
      expect(Math.abs(pairedPulseRatio(p, interval) - b.efficacy / a.efficacy)).toBeLessThan(1e-12);
    }
  });

  it("first response after silence: U with uRest 0, U (2 - U) with uRest U", () => {
    for (const p of [STF, STD]) {
      expect(trainStates(p, [5])[0].efficacy).toBeCloseTo(p.U, 15);
      expect(trainStates({ ...p, uRest: "U" }, [5])[0].efficacy).toBeCloseTo(p.U * (2 - p.U), 15);
    }
  });

  it("three-state resources tend to the two-state model as tauInact -> 0 (error of order tauInact / tauD)", () => {
    for (const p of [STF, STD]) {
      for (const rate of RATES) {
        const two = steadyState(p, 1000 / rate);
        const three = steadyState({ ...p, tauInact: 1e-4 }, 1000 / rate);
        expect(Math.abs(three.x - two.x)).toBeLessThan((10 * 1e-4) / p.tauD);
      }
    }
  });
});

describe("closed forms against the Euler map iterated step by step (float64, 1e-12)", () => {
  it.each(VARIANTS.filter(([, p]) => !p.tauInact))("fixed point: %s at 2, 20, 50 Hz, dt = 1 and 0.5", (_name, p) => {
    for (const rate of RATES) {
      for (const dt of [1, 0.5]) {
        const m = Math.round(1000 / rate / dt);
        const n = spikesFor(p, 1000 / rate);
        const states = trainStatesEuler(p, Array.from({ length: n }, (_, k) => (k + 1) * m - 1), dt);
        const last = states[n - 1];
        const want = eulerFixedPoint(p, m, dt);
        expect(Math.abs(last.u - want.u)).toBeLessThan(1e-12);
        expect(Math.abs(last.x - want.x)).toBeLessThan(1e-12);
      }
    }
  });

  it.each(VARIANTS.filter(([, p]) => !p.tauInact))("paired-pulse ratio: %s", (_name, p) => {
    for (const m of [1, 2, 5, 20, 100, 1000]) {
      const [a, b] = trainStatesEuler(p, [3, 3 + m], 1);
      expect(Math.abs(pairedPulseRatioEuler(p, m, 1) - b.efficacy / a.efficacy)).toBeLessThan(1e-12);
    }
  });

  it("the map tends to the continuous model as dt -> 0 (first order)", () => {
    const err = (dt: number) => Math.abs(eulerFixedPoint(STD, Math.round(50 / dt), dt).efficacy - steadyState(STD, 50).efficacy);
    const ratio = err(0.02) / err(0.01);
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
  });
});

describe("the degenerate time constants, by their ODEs (RK4)", () => {
  it("inactivated(t): dz/dt = y / tauInact - z / tauD with y = exp(-t / tauInact), on both sides of tauInact = tauD and at it", () => {
    for (const [tauI, tauD] of [[3, 800], [50, 50], [50 * (1 + 1e-9), 50], [800, 3]]) {
      for (const t of [0.5, 10, 100]) {
        const [, z] = rk4((s, [y, zz]) => [-y / tauI, y / tauI - zz / tauD], [1, 0], t, 4000);
        expect(Math.abs(inactivated(t, tauI, tauD) - z)).toBeLessThan(1e-10);
      }
    }
    // the limit form is the continuous extension: no jump at tauInact = tauD
    expect(Math.abs(inactivated(30, 50 * (1 + 1e-9), 50) - inactivated(30, 50, 50))).toBeLessThan(1e-9);
  });

  it("pspExp: the exact LIF's response to a decaying current, tauSyn = tauM / gL included", () => {
    const cases = [
      { resistM: 1, tauM: 40, tauSyn: 3 }, { resistM: 2, tauM: 20, tauSyn: 20 },
      { resistM: 1, tauM: 20, tauSyn: 40, conductLeak: 0.5 }, { resistM: 1, tauM: 20, tauSyn: 5, conductLeak: 0 },
    ];
    for (const l of cases) {
      const a = (l.conductLeak ?? 1) / l.tauM;
      for (const s of [0.3, 5, 60]) {
        const [v] = rk4((_t, [vv, i]) => [(-vv * a * l.tauM + l.resistM * i) / l.tauM, -i / l.tauSyn], [0, 100], s, 4000);
        expect(Math.abs(pspExp(s, 100, l) - v)).toBeLessThan(1e-9 * Math.max(1, Math.abs(v)));
      }
    }
    expect(expIntegral(2, 0)).toBe(2);
    expect(Math.abs(expIntegral(2, 1e-12) - 2)).toBeLessThan(1e-11);
  });
});
