// The kernel's fitTrains (assembly/fit/trains.ts) against (1) the float64 recursion written out in
// TypeScript (test/reference/tmTrains.ts: the same operations in the same order, and the issue's
// textbook form), (2) the exact-mode synapse's Wdyn at the spikes (docs/MODEL.md section 4.2, in
// float32), and (3) itself across the four builds (SIMD lanes and scalar code, bit for bit); and its
// refusals of bad arguments, which write nothing.
import { describe, expect, it } from "vitest";
import * as A from "../assembly/abi.js";
import { flatten, type TrainData } from "../src/fit/data.js";
import { TrainGrid } from "../src/fit/trains.js";
import { simulate } from "../src/simulation.js";
import { BUILDS, instantiate } from "./embed/rawNetwork.js";
import { tmTrainAmplitudes, tmTrainAmplitudesTextbook } from "./reference/tmTrains.js";

/** Three sweeps, 30 spikes: trains at 10, 20 and 50 Hz, each followed by two recovery spikes (ms, on a 0.5 ms grid). */
function trains(amplitude: (sweep: number, k: number) => number = () => 1): TrainData {
  return {
    sweeps: [10, 20, 50].map((rate, s) => {
      const t = Array.from({ length: 8 }, (_, k) => 10 + (k * 1000) / rate);
      t.push(t[7] + 250, t[7] + 1000.5);
      return { name: `s${s}`, t, amplitude: t.map((_, k) => amplitude(s, k)) };
    }),
  };
}

/** Noisy amplitudes of a known synapse (a fixed pseudo-random pattern; NaN where asked). */
function noisy(U: number, tauF: number, tauD: number, missing: [number, number][] = []): TrainData {
  const base = trains();
  const p = tmTrainAmplitudes(base, U, tauF, tauD);
  let k = 0;
  for (const [s, w] of base.sweeps.entries()) {
    w.amplitude = w.t.map((_, j) => {
      const a = 2 * p[k] * (1 + 0.05 * Math.sin(7.3 * k));
      k++;
      return missing.some(([x, y]) => x === s && y === j) ? NaN : a;
    });
  }
  return base;
}

const GRID = {
  us: [0.03, 0.2, 0.45, 0.8, 1],
  tauFs: [0, 3, 50, 400, 3000, 1e5],
  tauDs: [0, 1, 7, 20, 90, 300, 900, 2500, 6000, 20000, 1e6], // 11: blocks of 8, then 2, then 1 (SIMD) or 4 then 1 (scalar)
};

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("fitTrains against the float64 recursion", () => {
  const data = noisy(0.3, 200, 400, [[0, 3], [2, 9]]);
  const n = 30;

  it.each(BUILDS)("%s: every p within 1e-13 of the recursion in TypeScript (1e-13 of the largest against the textbook form), the sums within 1e-13", async (build) => {
    const g = await TrainGrid.create(flatten(data), { mode: build.startsWith("shared") ? "shared" : "plain", simd: build.endsWith("simd") });
    expect(g.build).toBe(build);
    const s = g.evaluate(GRID, true);
    const [nU, nF, nD] = [GRID.us.length, GRID.tauFs.length, GRID.tauDs.length];
    expect(s.yp.length).toBe(nU * nF * nD);
    const amps = flatten(data).amps;
    let worst = 0;
    for (let i = 0; i < nU; i++) for (let f = 0; f < nF; f++) for (let d = 0; d < nD; d++) {
      const c = (i * nF + f) * nD + d;
      const ref = tmTrainAmplitudes(data, GRID.us[i], GRID.tauFs[f], GRID.tauDs[d]);
      const book = tmTrainAmplitudesTextbook(data, GRID.us[i], GRID.tauFs[f], GRID.tauDs[d]);
      let yp = 0;
      let pp = 0;
      const largest = Math.max(...book);
      for (let k = 0; k < n; k++) {
        const p = s.pred![c * n + k];
        worst = Math.max(worst, rel(p, ref[k]));
        // another order of operations: equal to rounding, relative to the train's largest amplitude
        expect(Math.abs(p - book[k]) / largest, `textbook form, candidate ${c} spike ${k}`).toBeLessThan(1e-13);
        if (!Number.isNaN(amps[k])) {
          yp += amps[k] * ref[k];
          pp += ref[k] * ref[k];
        }
      }
      expect(rel(s.yp[c], yp), `sum(y p) of candidate ${c}`).toBeLessThan(1e-13);
      expect(rel(s.pp[c], pp), `sum(p p) of candidate ${c}`).toBeLessThan(1e-13);
    }
    // the same operations in the same order: only Math.exp may differ (by an ulp) between the kernel and V8
    expect(worst).toBeLessThan(1e-13);
  });

  it("the four builds give the same bits, and the sums do not depend on asking for p", async () => {
    const results = [];
    for (const build of BUILDS) {
      const g = await TrainGrid.create(flatten(data), { mode: build.startsWith("shared") ? "shared" : "plain", simd: build.endsWith("simd") });
      const withP = g.evaluate(GRID, true);
      const copy = { yp: withP.yp.slice(), pp: withP.pp.slice(), pred: withP.pred!.slice() };
      const without = g.evaluate(GRID);
      expect(Array.from(without.yp)).toEqual(Array.from(copy.yp));
      expect(Array.from(without.pp)).toEqual(Array.from(copy.pp));
      results.push(copy);
    }
    for (const r of results.slice(1)) {
      expect(Array.from(r.yp)).toEqual(Array.from(results[0].yp));
      expect(Array.from(r.pp)).toEqual(Array.from(results[0].pp));
      expect(Array.from(r.pred)).toEqual(Array.from(results[0].pred));
    }
  });

  it("tau = 0 switches a term off: tauF = 0 gives u = U at every spike, tauD = 0 gives R = 1", async () => {
    const g = await TrainGrid.create(flatten(data));
    const s = g.evaluate({ us: [0.35], tauFs: [0], tauDs: [0] }, true);
    for (let k = 0; k < n; k++) expect(s.pred![k]).toBe(0.35);
    const d = g.evaluate({ us: [0.35], tauFs: [0], tauDs: [500] }, true);
    const depressionOnly = tmTrainAmplitudesTextbook(data, 0.35, 0, 500);
    for (let k = 0; k < n; k++) expect(rel(d.pred![k], depressionOnly[k])).toBeLessThan(1e-13);
  });
});

describe("fitTrains against the exact-mode synapse's Wdyn at the spikes", () => {
  it.each([
    [0.5, 20, 500], [0.05, 700, 50], [0.2, 150, 300], [0.9, 5, 2000],
  ])("U = %f, tauF = %f ms, tauD = %f ms: equal within 1e-6 of the largest amplitude (float32)", async (U, tauF, tauD) => {
    const data = trains();
    const dt = 0.5;
    // one presynaptic unit per sweep (rows are independent and start at rest), W = 1: Wdyn = u x at each spike
    const res = await simulate({
      dt, steps: Math.ceil(Math.max(...data.sweeps.map((w) => w.t[w.t.length - 1])) / dt) + 1,
      populations: [{ type: "spikeTrain", name: "pre", times: data.sweeps.map((w) => w.t) }, { type: "lif", name: "post", resistM: 0 }],
      synapses: [{ name: "W", pre: "pre", post: "post", weights: [[1], [1], [1]], resources: U, tauF, tauD, integration: "exact" }],
      record: [{ name: "W", vars: ["wdyn"] }],
    });
    const wdyn = res.records.W.wdyn;
    const g = await TrainGrid.create(flatten(data));
    const p = g.evaluate({ us: [U], tauFs: [tauF], tauDs: [tauD] }, true).pred!;
    let k = 0;
    let worst = 0;
    const largest = Math.max(...p);
    data.sweeps.forEach((w, s) => {
      for (const t of w.t) {
        const step = Math.round(t / dt) - 1;
        const kernel = wdyn.data[step * wdyn.columns + s];
        worst = Math.max(worst, Math.abs(kernel - p[k++]) / largest);
      }
    });
    expect(k).toBe(30);
    expect(worst).toBeLessThan(1e-6);
    expect(worst).toBeGreaterThan(0); // float32 against float64: they do differ, by rounding only
  });
});

describe("fitTrains refuses bad arguments and then writes nothing", () => {
  /** A raw kernel with a valid call's arguments laid out; `call(overrides)` calls it with some replaced. */
  async function setUp() {
    const k = await instantiate("plain-simd", 4);
    const fn = (k.instance.exports as unknown as { fitTrains: (...a: number[]) => number }).fitTrains;
    const f = new Float64Array(k.memory.buffer);
    const base = 65536;
    const n = 3;
    const at = { dts: base, amps: base + 64, us: base + 128, tauFs: base + 192, tauDs: base + 256, scratch: base + 320, sums: base + 1024 };
    f.set([Infinity, 10, 20], at.dts / 8);
    f.set([1, NaN, 0.5], at.amps / 8);
    f.set([0.5], at.us / 8);
    f.set([100], at.tauFs / 8);
    f.set([200], at.tauDs / 8);
    f.fill(-7, at.sums / 8, at.sums / 8 + 16);
    const args = { n, dts: at.dts, amps: at.amps, nU: 1, us: at.us, nF: 1, tauFs: at.tauFs, nD: 1, tauDs: at.tauDs, scratch: at.scratch, sums: at.sums, pred: 0 };
    const call = (o: Partial<typeof args> = {}) => {
      const a = { ...args, ...o };
      return fn(a.n, a.dts, a.amps, a.nU, a.us, a.nF, a.tauFs, a.nD, a.tauDs, a.scratch, a.sums, a.pred);
    };
    const errorAt = () => (k.instance.exports as unknown as { errorAt: () => number }).errorAt();
    return { f, at, call, errorAt, memory: k.memory };
  }

  it("a valid call succeeds and writes the sums", async () => {
    const { f, at, call } = await setUp();
    expect(call()).toBe(A.OK);
    expect(f[at.sums / 8]).not.toBe(-7);
  });

  it.each([
    ["no spikes", { n: 0 }, A.ERR_BAD_COUNT, "arg"],
    ["no U", { nU: 0 }, A.ERR_BAD_COUNT, "arg"],
    ["a pointer below heapBase()", { dts: 8 }, A.ERR_BAD_POINTER, "arg"],
    ["a pointer not 8-byte aligned", { amps: 65536 + 68 }, A.ERR_BAD_POINTER, "arg"],
    ["sums past the memory's end", { sums: 4 * 65536 - 8 }, A.ERR_BAD_POINTER, "arg"],
    ["a grid of more than 4 GiB of sums", { nU: 65536, nF: 65536, nD: 2 }, A.ERR_OVERFLOW, "arg"],
  ] as const)("%s: refused with its code, errorAt() 0", async (_name, o, code) => {
    const { f, at, call, errorAt } = await setUp();
    expect(call(o)).toBe(code);
    expect(errorAt()).toBe(0);
    expect(f[at.sums / 8]).toBe(-7);
  });

  it.each([
    ["a first interval that is not +Infinity (a sweep starts at rest)", "dts", 0, 5],
    ["an interval of 0", "dts", 2, 0],
    ["a negative interval", "dts", 1, -1],
    ["U above 1", "us", 0, 1.5],
    ["U NaN", "us", 0, NaN],
    ["a negative tauF", "tauFs", 0, -1],
    ["an infinite tauD", "tauDs", 0, Infinity],
    ["an infinite amplitude", "amps", 2, -Infinity],
  ] as const)("%s: ERR_BAD_VALUE at the value's address", async (_name, array, index, value) => {
    const { f, at, call, errorAt } = await setUp();
    const where = at[array] + 8 * index;
    f[where / 8] = value;
    expect(call()).toBe(A.ERR_BAD_VALUE);
    expect(errorAt()).toBe(where);
    expect(f[at.sums / 8]).toBe(-7);
    // and the call after it succeeds once the value is right again (errorAt back to 0)
    f[where / 8] = array === "dts" ? (index === 0 ? Infinity : 10) : array === "us" ? 0.5 : array === "amps" ? 1 : 100;
    expect(call()).toBe(A.OK);
    expect(errorAt()).toBe(0);
  });
});
