// The rate sweep: its counts are the lesson's (same seed, same trials), its efficacy per spike is
// u x at the spikes computed independently from recorded traces, it does not depend on W or on
// chunking, the lesson's STF / STD contrast shows, and bad options are refused before any run. Its
// standard errors are the jackknife's over trials, computed here apart from the counts of runLesson
// and the recorded traces, and they predict the spread of the ratios over independent seeds.
import { describe, expect, it } from "vitest";
import { lessonNetwork, resolveLesson, runLesson } from "../src/experiments/lesson.js";
import { simulate } from "../src/simulation.js";
import { jackknifeRatioSem, rateSweep, resolveRateSweep, sweepTable, DEFAULT_SWEEP_RATES, type RateSweepRow } from "../src/experiments/sweep.js";
import { sweepChartData } from "../src/present/sweepFigure.js";
import { PALETTE } from "../src/present/chart.js";

const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);

/** u x at every presynaptic spike, from recorded u, x and spikes of every trial (euler: new u, old x). */
async function efficacyByHand(options: Parameters<typeof resolveLesson>[0]): Promise<{ sum: number; spikes: number; perTrial: number[]; spikesPerTrial: number[] }> {
  const o = resolveLesson(options);
  const net = { ...lessonNetwork(o), record: [{ name: "z0", vars: ["spikes"] }, { name: "W", vars: ["u", "x"] }] };
  const res = await simulate({ ...net, steps: o.steps });
  const K = o.trials;
  const s = res.records.z0.spikes.data;
  const u = res.records.W.u.data;
  const x = res.records.W.x.data;
  let total = 0;
  let spikes = 0;
  const perTrial = new Array<number>(K).fill(0);
  const spikesPerTrial = new Array<number>(K).fill(0);
  for (let i = 0; i < o.steps; i++) {
    for (let k = 0; k < K; k++) {
      if (!s[i * K + k]) continue;
      const xBefore = i === 0 ? 1 : x[(i - 1) * K + k];
      const e = Math.fround(u[i * K + k] * xBefore);
      total += e;
      perTrial[k] += e;
      spikesPerTrial[k]++;
      spikes++;
    }
  }
  return { sum: total, spikes, perTrial, spikesPerTrial };
}

describe("rateSweep", () => {
  it("each row's counts are runLesson's for the same seed, rate and trials, exactly", async () => {
    const options = { preset: "std" as const, seed: 7, trials: 6, steps: 3000, rates: [1, 20, 80] };
    const { rows } = await rateSweep(options);
    expect(rows.map((r) => r.rateHz)).toEqual([1, 20, 80]);
    for (const row of rows) {
      const run = await runLesson({ preset: "std", seed: 7, trials: 6, steps: 3000, rateHz: row.rateHz });
      expect(row.trials).toBe(6);
      expect(row.preSpikes).toBe(sum(run.preSpikes) / 6);
      expect(row.postSpikes).toBe(sum(run.postSpikes) / 6);
      expect(row.transmissionRatio).toBe(sum(run.postSpikes) / sum(run.preSpikes));
    }
  });

  it.each(["stf", "std"] as const)("%s: efficacy per spike is the mean of u x at the spikes (new u, old x), over all trials", async (preset) => {
    const { rows } = await rateSweep({ preset, seed: "eff", trials: 5, steps: 4000, rates: [5, 40] });
    for (const row of rows) {
      const hand = await efficacyByHand({ preset, seed: "eff", trials: 5, steps: 4000, rateHz: row.rateHz });
      expect(hand.spikes).toBe(row.preSpikes * 5);
      expect(row.efficacyPerSpike).toBeCloseTo(hand.sum / hand.spikes, 12);
    }
  });

  it("exact integration: efficacy per spike is Wdyn / W at the spikes (to 1e-6)", async () => {
    const { rows } = await rateSweep({ preset: "std", integration: "exact", trials: 1, rates: [30] });
    const run = await runLesson({ preset: "std", integration: "exact", trials: 1, rateHz: 30 });
    const atSpikes = Array.from(run.wdyn).filter((_, i) => run.pre[i]).map((w) => w / 2.5);
    expect(atSpikes.length).toBe(run.preSpikes[0]);
    expect(rows[0].efficacyPerSpike).toBeCloseTo(sum(atSpikes) / atSpikes.length, 6);
  });

  it("efficacy per spike does not depend on W; W = 0 transmits nothing", async () => {
    const base = { preset: "stf" as const, trials: 4, rates: [10, 50] };
    const [w0, w25] = [await rateSweep({ ...base, weight: 0 }), await rateSweep(base)];
    expect(w0.rows.map((r) => r.efficacyPerSpike)).toEqual(w25.rows.map((r) => r.efficacyPerSpike));
    expect(w0.rows.map((r) => r.postSpikes)).toEqual([0, 0]);
    expect(w25.rows.every((r) => r.postSpikes > 0)).toBe(true);
  });

  it("results do not depend on the chunk size", async () => {
    const options = { preset: "stf" as const, trials: 3, steps: 2500, rates: [20] };
    const whole = await rateSweep(options);
    const chunked = await rateSweep(options, { chunkSteps: 7 });
    expect(chunked.rows).toEqual(whole.rows);
  });

  it("shows the lesson's contrast: STD efficacy falls with rate, STF efficacy first rises", async () => {
    const rates = [1, 10, 100];
    const std = (await rateSweep({ preset: "std", rates })).rows.map((r) => r.efficacyPerSpike);
    const stf = (await rateSweep({ preset: "stf", rates })).rows.map((r) => r.efficacyPerSpike);
    expect(std[0]).toBeGreaterThan(std[1]);
    expect(std[1]).toBeGreaterThan(std[2]);
    expect(stf[1]).toBeGreaterThan(stf[0]);
  });

  it("defaults: the nine rates, 20 trials, the lesson's parameters", () => {
    const { options, lessons } = resolveRateSweep();
    expect(options.rates).toEqual([...DEFAULT_SWEEP_RATES]);
    expect(options.trials).toBe(20);
    expect(options).toMatchObject({ preset: "stf", steps: 5000, dt: 1, seed: 231, weight: 2.5, resources: 0.15 });
    expect(lessons.map((l) => l.rateHz)).toEqual([...DEFAULT_SWEEP_RATES]);
  });

  /** The jackknife over trials of sum(a) / sum(b), written out (the test's own). */
  function jackknife(a: number[], b: number[]): number {
    const K = a.length;
    const A = sum(a);
    const B = sum(b);
    const r = a.map((ak, k) => (A - ak) / (B - b[k]));
    const m = sum(r) / K;
    return Math.sqrt(((K - 1) / K) * sum(r.map((v) => (v - m) ** 2)));
  }

  it.each(["stf", "std"] as const)("%s: the SEMs are the jackknife's over trials, from runLesson's counts and the recorded u x", async (preset) => {
    const { rows } = await rateSweep({ preset, seed: "sem", trials: 7, steps: 3000, rates: [4, 30] });
    for (const row of rows) {
      const run = await runLesson({ preset, seed: "sem", trials: 7, steps: 3000, rateHz: row.rateHz });
      expect(row.transmissionRatioSem).toBeCloseTo(jackknife(run.postSpikes, run.preSpikes), 12);
      const hand = await efficacyByHand({ preset, seed: "sem", trials: 7, steps: 3000, rateHz: row.rateHz });
      expect(hand.spikesPerTrial).toEqual(run.preSpikes);
      expect(row.efficacyPerSpikeSem).toBeCloseTo(jackknife(hand.perTrial, hand.spikesPerTrial), 10);
      expect(row.transmissionRatioSem).toBeGreaterThan(0);
    }
    // the jackknife of a plain mean (b = 1 for every trial) is the textbook SEM, sd / sqrt(K)
    const a = [3, 1, 4, 1, 5, 9, 2, 6];
    const sd = Math.sqrt(sum(a.map((v) => (v - sum(a) / 8) ** 2)) / 7);
    expect(jackknifeRatioSem(a, a.map(() => 1))).toBeCloseTo(sd / Math.sqrt(8), 12);
    expect(jackknifeRatioSem([1], [2])).toBeNaN();
    expect(jackknifeRatioSem([1, 2], [0, 3])).toBeNaN(); // leaving trial 2 out leaves no pre spike
  });

  // 40 independent sweeps (seeds 0..39) of 20 trials: the spread of their ratios is what the SEM
  // says it is. With 40 estimates, s / sigma lies in [0.6, 1.5] but with probability below 2e-4
  // (chi-square, 39 degrees of freedom); the SEM used is the root mean square of the 40.
  it("the SEM predicts the spread of post/pre and efficacy over independent seeds (STF, 10 Hz, 20 trials)", async () => {
    const ratios: number[] = [];
    const effs: number[] = [];
    const ratioSems: number[] = [];
    const effSems: number[] = [];
    for (let seed = 0; seed < 40; seed++) {
      const [row] = (await rateSweep({ preset: "stf", seed, trials: 20, rates: [10] })).rows;
      ratios.push(row.transmissionRatio);
      effs.push(row.efficacyPerSpike);
      ratioSems.push(row.transmissionRatioSem);
      effSems.push(row.efficacyPerSpikeSem);
    }
    const sd = (a: number[]) => Math.sqrt(sum(a.map((v) => (v - sum(a) / a.length) ** 2)) / (a.length - 1));
    const rms = (a: number[]) => Math.sqrt(sum(a.map((v) => v * v)) / a.length);
    for (const [spread, sem] of [[sd(ratios), rms(ratioSems)], [sd(effs), rms(effSems)]]) {
      expect(spread / sem).toBeGreaterThan(0.6);
      expect(spread / sem).toBeLessThan(1.5);
    }
  }, 60_000);

  it("a rate with no spike gives NaN ratios, not a division error", async () => {
    const { rows } = await rateSweep({ rates: [1], steps: 1, trials: 1, seed: 1 });
    expect(rows[0].preSpikes).toBe(0);
    expect(rows[0].transmissionRatio).toBeNaN();
    expect(rows[0].efficacyPerSpike).toBeNaN();
    expect(rows[0].transmissionRatioSem).toBeNaN();
    expect(sweepTable({ rows }).rows[0].slice(4)).toEqual(["n/a", "n/a", "n/a", "n/a"]);
  });

  it.each([
    [{ rates: [] }, /^rates = \[\] is not allowed.*a list of 1 to 1000 rates/],
    [{ rates: [2, 0] }, /^rates\[1\] = 0 is not allowed.*> 0/],
    [{ rates: [5, 2000] }, /^rates\[1\] = 2000 is not allowed.*rateHz \* dt \/ 1000 <= 1/],
    [{ rates: [5], dt: 2, steps: 10 }, null],
    [{ rates: [600], dt: 2 }, /^rates\[0\] = 600 is not allowed/],
    [{ rates: "10" }, /^rates = "10"/],
    [{ trials: 0 }, /^trials = 0 is not allowed/],
    [{ trials: 2.5 }, /^trials = 2.5 is not allowed/],
    [{ rateHz: 20 }, /^rateHz = 20 is not allowed: the sweep sets the input itself/],
    [{ spikeTimes: [1, 2] }, /^spikeTimes = \[1, 2\] is not allowed/],
    [{ tauF: -1 }, /^tauF = -1 is not allowed/],
    [{ rate: 5 }, /^rate = 5 is not allowed: unknown option/],
  ])("refuses %j before running anything", async (options, message) => {
    const seen: RateSweepRow[] = [];
    const job = rateSweep(options as never, { onRow: (r) => seen.push(r) });
    if (message === null) {
      await expect(job).resolves.toBeTruthy();
      return;
    }
    await expect(job).rejects.toThrow(message);
    expect(seen).toEqual([]);
  });
});

describe("sweepChartData", () => {
  it("aligns every set on the union of rates, with gaps where a set has no row or no value; +-1 SEM bands; hues by synapse", () => {
    const row = (rateHz: number, ratio: number, eff: number, sem = 0.01): RateSweepRow => ({
      rateHz, trials: 1, preSpikes: 1, postSpikes: ratio, transmissionRatio: ratio, efficacyPerSpike: eff, transmissionRatioSem: sem, efficacyPerSpikeSem: sem / 2,
    });
    const data = sweepChartData([
      { label: "A long", name: "A", kind: "stf", rates: [10, 1], rows: [row(10, 0.5, 0.25), row(1, NaN, NaN)] },
      { label: "B long", name: "B", kind: "std", rates: [5, 10], rows: [row(5, 0.75, 0.125, NaN)] },
    ]);
    expect(data.x).toEqual([1, 5, 10]);
    expect(data.logX).toBe(true);
    expect(data.refLines).toEqual([{ y: 1, label: "ratio 1" }]);
    expect(data.series.map((s) => s.label)).toEqual(["post/pre, A", "efficacy u\u00b7x per spike, A", "post/pre, B", "efficacy u\u00b7x per spike, B"]);
    expect(data.series.map((s) => s.values)).toEqual([[null, null, 0.5], [null, null, 0.25], [null, 0.75, null], [null, 0.125, null]]);
    expect(data.series.map((s) => s.stroke)).toEqual([PALETTE.stf, PALETTE.stf, PALETTE.std, PALETTE.std]);
    expect(data.series.map((s) => s.dash ?? null)).toEqual([null, [6, 4], null, [6, 4]]);
    expect(data.series[0].band).toEqual({ lo: [null, null, 0.49], hi: [null, null, 0.51], label: "\u00b11 SEM, A" });
    expect(data.series[1].band!.hi).toEqual([null, null, 0.255]);
    expect(data.series[2].band!.lo).toEqual([null, null, null]); // no SEM, no band
    expect(sweepChartData([{ label: "only", rates: [1], rows: [] }]).series.map((s) => s.label)).toEqual(["post/pre", "efficacy u\u00b7x per spike"]);
  });
});
