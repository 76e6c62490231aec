// The recurrent classics (`stp-wasm paper ...`, src/experiments/papers/): the event rule on series
// whose events are known, the Mongillo network's building blocks against their closed forms (the
// noise's mean and SD of v, the E -> E structure), the statistics of the Brian2 comparison against
// SciPy's values, and the commands' outputs and refusals. The long runs (the Brian2 comparison,
// mongillo2008's reactivation) are in test-papers/ (npm run test:papers).
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./cli-helper.js";
import { binCounts, binOf, populationEvents, SpikeCollector } from "../src/experiments/papers/activity.js";
import { eeWeights, externalInput, MBT2008, SELECTIVE_N, selectiveOf } from "../src/experiments/papers/mongillo2008.js";
import { connectionsOf } from "../src/network/connect.js";
import { Simulation, type RunResult } from "../src/simulation.js";
import { incompleteBeta, tTwoSided, welch } from "../bench/stats.js";


describe("population events", () => {
  const rule = { binMs: 1, thresholdHz: 50, mergeMs: 20 };

  it("a run of bins at or above the threshold is one event, timed at its fullest bin's centre", () => {
    const rates = new Array(100).fill(10);
    rates[30] = 50; // inclusive threshold
    rates[31] = 120;
    rates[32] = 80;
    expect(populationEvents(rates, rule)).toEqual([{ timeMs: 31.5, peakHz: 120, startMs: 30, endMs: 33 }]);
  });

  it("runs less than mergeMs apart are one event, runs mergeMs apart or more are two", () => {
    const rates = new Array(200).fill(0);
    rates[10] = 60;
    rates[29] = 70; // gap of 18 bins (11..28): merged
    rates[50] = 60; // gap of 20 bins (30..49): a new event
    rates[51] = 49.9; // below the threshold
    const ev = populationEvents(rates, rule);
    expect(ev.map((e) => [e.timeMs, e.startMs, e.endMs])).toEqual([[29.5, 10, 30], [50.5, 50, 51]]);
  });

  it("binOf puts a step's end time t = (step + 1) dt into the bin (b binMs, (b + 1) binMs]", () => {
    // dt = 0.25: steps 0..3 end at 0.25..1.0 ms (bin 0), step 4 at 1.25 ms (bin 1)
    expect([0, 1, 2, 3, 4, 7, 8].map((s) => binOf(s, 0.25, 1))).toEqual([0, 0, 0, 0, 1, 1, 2]);
    // dt = 0.1: 10 steps per bin, with float times (10 * 0.1 = 1.0000000000000002 stays in bin 0)
    expect([0, 9, 10, 19, 20].map((s) => binOf(s, 0.1, 1))).toEqual([0, 0, 1, 1, 2]);
    const spikes = { count: 4, steps: Int32Array.from([0, 3, 4, 9]), units: Int32Array.from([1, 2, 1, 5]) };
    expect(Array.from(binCounts(spikes, 0.25, 1, 3))).toEqual([2, 1, 1]);
    expect(Array.from(binCounts(spikes, 0.25, 1, 3, (u) => u === 1))).toEqual([1, 1, 0]);
  });

  it("SpikeCollector lists every spike of streamed per-step records in step order", () => {
    const chunk = (firstStep: number, rows: number[][]): RunResult => ({
      firstStep, steps: rows.length, stopped: false, dt: 1, events: {},
      records: { P: { spikes: { data: Uint8Array.from(rows.flat()), steps: rows.length, columns: 3, trials: [0, 0, 0], units: [0, 1, 2] } } },
    });
    const c = new SpikeCollector(["P"]);
    c.add(chunk(0, [[0, 1, 0], [1, 0, 1]]));
    c.add(chunk(2, [[0, 0, 1]]));
    const s = c.spikes("P");
    expect([s.count, Array.from(s.steps), Array.from(s.units)]).toEqual([4, [0, 1, 1, 2], [1, 0, 2, 2]]);
  });
});

describe("mongillo2008's building blocks", () => {
  it("the external input gives v the mean mu and the SD sigma of the reproductions (closed form of the discrete LIF)", async () => {
    // E neurons that never fire, driven by their Bernoulli input and bias alone. Stationary v of the
    // exact LIF (v' = a v + (1 - a) d): mean = bias + weight p, SD = jump sqrt(p (1 - p) / (1 - a^2)).
    // 200 neurons x 1.9 s; v's correlation time is tau_m = 15 ms, so about 25,000 independent
    // samples: SE of the mean ~ 0.006 mV, of the SD ~ 0.5 %. Tolerances: 0.03 mV and 3 % (5 SE).
    const dt = MBT2008.dt;
    const mu = 24;
    const ext = externalInput(15, mu, dt);
    const n = 200;
    const idx = Array.from({ length: n }, (_, i) => i);
    const sim = await Simulation.create({
      dt, seed: 7,
      populations: [
        { type: "poisson", name: "noise", n, rateHz: (MBT2008.noiseP * 1000) / dt },
        { type: "lif", name: "E", n, tauM: 15, vRest: 0, vReset: 16, thr: 1e6, refractTime: 2, tauTheta: 0, thetaPlus: 0, integration: "exact", bias: ext.bias },
      ],
      synapses: [{ name: "in", pre: "noise", post: "E", connect: { pre: idx, post: idx }, weights: ext.weight, resources: 1, tauF: 0, tauD: 0 }],
      record: [{ name: "E", vars: ["v"] }],
    });
    const r = sim.run(20_000);
    sim.dispose();
    const v = r.records.E.v.data;
    let sum = 0, sq = 0, count = 0;
    for (let i = 1000; i < 20_000; i++) for (let k = 0; k < n; k++) { const x = v[i * n + k]; sum += x; sq += x * x; count++; }
    const mean = sum / count;
    const sdev = Math.sqrt(sq / count - mean * mean);
    expect(Math.abs(mean - mu)).toBeLessThan(0.03);
    expect(Math.abs(sdev / MBT2008.external.sigma - 1)).toBeLessThan(0.03);
  });

  it("E -> E weights: J_p within a selective population, J_b from it elsewhere, J_p with probability gamma0 from non-selective neurons", () => {
    const seed = 3;
    const w = eeWeights(seed, MBT2008.dt);
    const nE = MBT2008.populations.E.n;
    const conns = connectionsOf({ p: MBT2008.c }, nE, nE, true, seed, "EE");
    const gain = -Math.expm1(-MBT2008.dt / MBT2008.populations.E.tauM);
    const jb = Math.fround(MBT2008.J.EEb / gain);
    const jp = Math.fround(MBT2008.J.EEp / gain);
    expect(w.length).toBe(conns.rows[nE]);
    let fromNon = 0, potentiatedFromNon = 0, wrong = 0, within = 0;
    for (let j = 0; j < nE; j++) {
      const pj = selectiveOf(j);
      for (let q = conns.rows[j]; q < conns.rows[j + 1]; q++) {
        if (pj >= 0) {
          const same = selectiveOf(conns.posts[q]) === pj;
          if (same) within++;
          if (w[q] !== (same ? jp : jb)) wrong++;
        } else {
          if (w[q] !== jb && w[q] !== jp) wrong++;
          fromNon++;
          if (w[q] === jp) potentiatedFromNon++;
        }
      }
    }
    expect(wrong).toBe(0);
    // within-population connections: 5 x 800 x 799 pairs at c = 0.2: 639,200 expected, binomial SD ~358
    expect(Math.abs(within - 0.2 * 5 * 800 * 799)).toBeLessThan(5 * Math.sqrt(0.16 * 5 * 800 * 799));
    // ~1.28 million connections from non-selective neurons: binomial SE of the fraction 2.7e-4; 5 SE
    expect(Math.abs(potentiatedFromNon / fromNon - MBT2008.gamma0)).toBeLessThan(5 * Math.sqrt(0.09 / fromNon));
    expect(SELECTIVE_N).toBe(800);
  });
});

describe("Welch's t-test (bench/stats.ts)", () => {
  it("matches SciPy 1.10's t distribution and incomplete beta to 1e-9", () => {
    // 2 * scipy.stats.t.sf(|t|, df)
    const cases: [number, number, number][] = [
      [2.0, 10, 0.07338803477074037], [0.5, 3.3, 0.6485350763995584], [-3.1, 17.8, 0.00624082340635268],
      [1.0, 1.0, 0.5000000000000001], [4.5, 40, 5.734466577515794e-05],
    ];
    for (const [t, df, p] of cases) expect(Math.abs(tTwoSided(t, df) - p)).toBeLessThan(1e-9 * Math.max(1, p) + 1e-12);
    // scipy.special.betainc(2.5, 0.5, 0.3)
    expect(incompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 12);
  });

  it("computes Welch's statistic and degrees of freedom (scipy.stats.ttest_ind(a, b, equal_var=False))", () => {
    const r = welch([1, 2, 3, 4, 5], [2, 4, 6, 8, 10, 12]);
    expect(r.t).toBeCloseTo(-2.3763541031440183, 12);
    expect(r.p).toBeCloseTo(0.04928433820673053, 9);
  });
});

describe("stp-wasm paper", () => {
  it("paper tum2000 writes report.html and summary.json with exactly the issue's fields, consistent with each other", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-tum2000-"));
    const r = await cli(["paper", "tum2000", "--duration", "3000", "--burn-in", "500", "--seed", "2", "--out", out]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["report.html", "summary.json"]);
    const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(Object.keys(s).sort()).toEqual(["burstTimesMs", "burstsPerSecond", "meanRateHz"]);
    expect(Object.keys(s.meanRateHz).sort()).toEqual(["E", "I"]);
    // bursts after the burn-in, ascending, and their rate over the 3 s analysed
    expect(s.burstTimesMs.every((t: number, i: number, a: number[]) => t > 500 && t <= 3500 && (i === 0 || t > a[i - 1]))).toBe(true);
    expect(s.burstsPerSecond).toBe(s.burstTimesMs.length / 3);
    // the rates of the Brian2 comparison (E ~6.3, I ~16 Hz over 10 seeds x 10 s); 3 s of one seed: within +-25 %
    expect(s.meanRateHz.E).toBeGreaterThan(4.7);
    expect(s.meanRateHz.E).toBeLessThan(7.9);
    expect(s.meanRateHz.I).toBeGreaterThan(12);
    expect(s.meanRateHz.I).toBeLessThan(20);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("population bursts");
    expect(html).not.toMatch(/<script[^>]+src=/); // self-contained
    expect(r.out).toContain(`bursts per second  ${s.burstsPerSecond.toFixed(3)}`);
  });

  it("refuses bad options naming the flag, before running", async () => {
    const cases: [string[], string][] = [
      [["paper", "mongillo2008", "--cue-population", "6"], "--cue-population"],
      [["paper", "mongillo2008", "--duration", "1200"], "--cue-start"],
      [["paper", "mongillo2008", "--u", "1.5"], "--u"],
      [["paper", "tum2000", "--duration", "1000.1"], "--duration"],
      [["paper", "tum2000", "--threads", "0"], "--threads"],
    ];
    for (const [args, flag] of cases) {
      const r = await cli([...args, "--out", mkdtempSync(join(tmpdir(), "stp-paper-bad-"))]);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(flag);
    }
    const unknown = await cli(["paper", "brunel2000"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown paper \"brunel2000\"; allowed: tum2000, mongillo2008");
  });
});
