// Calibration of the fit's 95% intervals: on synthetic data from known parameters (three regimes,
// 5% noise, the 30-spike protocol of test/fitSynthetic.ts), how often does each interval hold the
// truth? A calibrated interval holds it with probability 0.95, so over N independent draws the count
// is binomial(N, 0.95). The test: each count lies in the two-sided 99.9% acceptance region of that
// binomial, per regime (N = 200) and pooled over the regimes (N = 600); 20 tests at 0.1% each, so a
// calibrated fit fails one of them by chance at most 2% of the time. Printed: the table of counts.
import { beforeAll, describe, expect, it } from "vitest";
import { FIT_PARAMS, fitTm, type FitParam } from "../../src/fit/fit.js";
import { Kernel } from "../../src/runtime/kernel.js";
import { REGIMES, synthetic } from "../fitSynthetic.js";

const N = 200;

/** ln of the binomial(n, p) probability of k. */
function logPmf(n: number, k: number, p: number): number {
  let lg = 0;
  for (let i = 1; i <= k; i++) lg += Math.log((n - k + i) / i);
  return lg + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** The two-sided acceptance region [lo, hi] of binomial(n, p) at level 1 - alpha (alpha/2 or less in each tail). */
export function acceptance(n: number, p: number, alpha: number): [number, number] {
  const pmf = Array.from({ length: n + 1 }, (_, k) => Math.exp(logPmf(n, k, p)));
  let lo = 0;
  for (let tail = 0; lo <= n && tail + pmf[lo] <= alpha / 2; lo++) tail += pmf[lo];
  let hi = n;
  for (let tail = 0; hi >= 0 && tail + pmf[hi] <= alpha / 2; hi--) tail += pmf[hi];
  return [lo, hi];
}

const counts: Record<string, Record<FitParam, number>> = {};
let kernel: Kernel;
beforeAll(async () => {
  kernel = await Kernel.load({ mode: "plain" });
});

describe("the fit's 95% intervals are calibrated", () => {
  it("the acceptance region helper: binomial(200, 0.95) at 99.9%", () => {
    const [lo, hi] = acceptance(200, 0.95, 0.001);
    // the mean 190, sd 3.08: the region is about 190 -+ 3.3 sd, cut at 200
    expect(lo).toBeGreaterThan(177);
    expect(lo).toBeLessThan(182);
    expect(hi).toBe(198); // P(199) + P(200) = 4e-4 < 5e-4: both outside
  });

  it.each(Object.keys(REGIMES))(`%s: ${N} draws`, async (name) => {
    const truth = REGIMES[name];
    const c = Object.fromEntries(FIT_PARAMS.map((p) => [p, 0])) as Record<FitParam, number>;
    for (let d = 0; d < N; d++) {
      const { data, sigma } = synthetic(truth, 100_000 + d);
      const r = await fitTm(data, {}, { kernel });
      const all = { ...truth, sigma } as Record<FitParam, number>;
      for (const p of FIT_PARAMS) if (r.ci95[p][0] <= all[p] && all[p] <= r.ci95[p][1]) c[p]++;
    }
    counts[name] = c;
    const [lo, hi] = acceptance(N, 0.95, 0.001);
    console.log(`${name}: truth inside the 95% interval in ${FIT_PARAMS.map((p) => `${p} ${c[p]}`).join(", ")} of ${N} draws (accepted: ${lo} to ${hi})`);
    for (const p of FIT_PARAMS) {
      expect(c[p], `${name} ${p}`).toBeGreaterThanOrEqual(lo);
      expect(c[p], `${name} ${p}`).toBeLessThanOrEqual(hi);
    }
  });

  it("pooled over the three regimes (600 draws per parameter)", () => {
    expect(Object.keys(counts).length).toBe(3);
    const [lo, hi] = acceptance(3 * N, 0.95, 0.001);
    const pooled = FIT_PARAMS.map((p) => Object.values(counts).reduce((s, c) => s + c[p], 0));
    console.log(`pooled: ${FIT_PARAMS.map((p, i) => `${p} ${pooled[i]} (${((100 * pooled[i]) / (3 * N)).toFixed(1)}%)`).join(", ")} of ${3 * N} (accepted: ${lo} to ${hi})`);
    pooled.forEach((k, i) => {
      expect(k, FIT_PARAMS[i]).toBeGreaterThanOrEqual(lo);
      expect(k, FIT_PARAMS[i]).toBeLessThanOrEqual(hi);
    });
  });
});
