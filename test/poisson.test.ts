// The Poisson source's statistics. Every bound is 5 standard deviations of the exact null
// distribution (two-sided false-alarm probability < 6e-7), and chi-square tests use the 1e-4
// critical value; the seeds are fixed, so the tests are reproducible.
import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulation.js";

async function spikes(n: number, steps: number, rateHz: number, inputs = 1, trials = 1, seed: number | string = 7) {
  const res = await simulate({
    steps, seed, trials,
    populations: [{ type: "poisson", name: "z0", n, rateHz, inputs }],
    record: [{ name: "z0", vars: ["spikes"] }],
  });
  return res.records.z0.spikes; // rows = steps, columns = trials * n
}

/** Chi-square statistic of observed counts against equal expected counts. */
function chiSquareUniform(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const e = total / counts.length;
  return counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
}
const CHI2_15DF_1E4 = 44.26; // upper 1e-4 point of chi-square with 15 degrees of freedom

describe("Poisson source", () => {
  it.each([[20, 1], [20, 0.5], [300, 1]])("spike count matches rate %d Hz at intensity %d within 5 sd", async (rateHz, inputs) => {
    const n = 10000, steps = 400;
    const tr = await spikes(n, steps, rateHz, inputs);
    const p = Math.fround(Math.fround(inputs) * Math.fround(rateHz / 1000));
    const N = n * steps;
    const count = tr.data.reduce((a, b) => a + b, 0);
    const sd = Math.sqrt(N * p * (1 - p));
    expect(Math.abs(count - N * p)).toBeLessThan(5 * sd);
  });

  it("rate 0 never spikes and p = 1 always spikes", async () => {
    expect((await spikes(50, 100, 0)).data.every((s) => s === 0)).toBe(true);
    expect((await spikes(50, 100, 1000)).data.every((s) => s === 1)).toBe(true);
  });

  it("consecutive steps of a unit are independent (pair count within 5 sd)", async () => {
    const n = 4000, steps = 250, p = 0.2;
    const tr = await spikes(n, steps, 200);
    let pairs = 0;
    for (let j = 0; j < n; j++) for (let i = 0; i + 1 < steps; i++) pairs += tr.data[i * n + j] & tr.data[(i + 1) * n + j];
    const m = steps;
    // C = sum of m-1 overlapping products s_i s_{i+1}: Var = (m-1)(p^2 - p^4) + 2(m-2)(p^3 - p^4) per unit
    const mean = n * (m - 1) * p * p;
    const sd = Math.sqrt(n * ((m - 1) * (p ** 2 - p ** 4) + 2 * (m - 2) * (p ** 3 - p ** 4)));
    expect(Math.abs(pairs - mean)).toBeLessThan(5 * sd);
  });

  it("4-step patterns of one unit are uniform at p = 1/2 (chi-square, 15 df)", async () => {
    const n = 2000, steps = 200;
    const tr = await spikes(n, steps, 500);
    const counts = new Array(16).fill(0);
    for (let j = 0; j < n; j++) for (let i = 0; i + 3 < steps; i += 4) {
      counts[tr.data[i * n + j] | (tr.data[(i + 1) * n + j] << 1) | (tr.data[(i + 2) * n + j] << 2) | (tr.data[(i + 3) * n + j] << 3)]++;
    }
    expect(chiSquareUniform(counts)).toBeLessThan(CHI2_15DF_1E4);
  });

  it("4 neighbouring units (one Philox block) are independent at p = 1/2 (chi-square, 15 df)", async () => {
    const n = 4000, steps = 100;
    const tr = await spikes(n, steps, 500);
    const counts = new Array(16).fill(0);
    for (let i = 0; i < steps; i++) for (let j = 0; j + 3 < n; j += 4) {
      const r = i * n + j;
      counts[tr.data[r] | (tr.data[r + 1] << 1) | (tr.data[r + 2] << 2) | (tr.data[r + 3] << 3)]++;
    }
    expect(chiSquareUniform(counts)).toBeLessThan(CHI2_15DF_1E4);
  });

  it("the same unit in different trials is independent (pair count within 5 sd)", async () => {
    const n = 1, trials = 4000, steps = 200, p = 0.2;
    const tr = await spikes(n, steps, 200, 1, trials);
    let both = 0;
    for (let i = 0; i < steps; i++) for (let t = 0; t + 1 < trials; t += 2) both += tr.data[i * trials + t] & tr.data[i * trials + t + 1];
    const N = steps * trials / 2;
    expect(Math.abs(both - N * p * p)).toBeLessThan(5 * Math.sqrt(N * p * p * (1 - p * p)));
  });
});
