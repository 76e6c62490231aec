// Connectivity rules, delays and per-connection draws (docs/MODEL.md section 4.5): exact degrees,
// connection probabilities within stated confidence, reproducibility, explicit lists, and a spike of
// step i reaching its target in step i + d.
import { describe, expect, it } from "vitest";
import { connectionsOf, type Connect } from "../src/network/connect.js";
import { fillInit } from "../src/core/init.js";
import { simulate } from "../src/simulation.js";
import type { NetworkOptions } from "../src/network/options.js";

const indegrees = (rows: Int32Array, posts: Int32Array, nPost: number) => {
  const d = new Array(nPost).fill(0);
  for (let c = 0; c < rows[rows.length - 1]; c++) d[posts[c]]++;
  return d;
};

/** Every row's posts strictly ascending (no repeated pair from a random rule), none j -> j when excluded. */
function expectWellFormed(rows: Int32Array, posts: Int32Array, nPre: number, nPost: number, noAutapses: boolean) {
  expect(rows[0]).toBe(0);
  const bad: string[] = [];
  for (let j = 0; j < nPre && bad.length < 5; j++) {
    if (rows[j + 1] < rows[j]) bad.push(`rows[${j + 1}] < rows[${j}]`);
    for (let c = rows[j]; c < rows[j + 1]; c++) {
      if (!(posts[c] >= 0 && posts[c] < nPost)) bad.push(`post ${posts[c]} of connection ${c}`);
      if (c > rows[j] && !(posts[c] > posts[c - 1])) bad.push(`row ${j} not ascending at ${c}`);
      if (noAutapses && posts[c] === j) bad.push(`autapse ${j}`);
    }
  }
  expect(bad).toEqual([]);
}

describe("connectivity rules", () => {
  it("inDegree: every post has exactly K distinct pres (none itself without autapses)", () => {
    for (const noAutapses of [false, true]) {
      const { rows, posts } = connectionsOf({ inDegree: 17 }, 300, 300, noAutapses, 7, "in");
      expectWellFormed(rows, posts, 300, 300, noAutapses);
      expect(indegrees(rows, posts, 300)).toEqual(new Array(300).fill(17));
    }
  });

  it("outDegree: every pre has exactly K distinct posts", () => {
    const { rows, posts } = connectionsOf({ outDegree: 9 }, 250, 40, false, "s", "out");
    expectWellFormed(rows, posts, 250, 40, false);
    for (let j = 0; j < 250; j++) expect(rows[j + 1] - rows[j]).toBe(9);
  });

  it("p: the number of connections is Binomial(pairs, p), within 4.5 standard deviations (false alarm < 7e-6)", () => {
    for (const [p, nPre, nPost, noAutapses] of [[0.1, 400, 500, false], [0.2, 1000, 1000, true], [0.02, 3000, 200, false], [0.9, 100, 100, true]] as const) {
      const { rows, posts } = connectionsOf({ p }, nPre, nPost, noAutapses, 11, `p${p}`);
      expectWellFormed(rows, posts, nPre, nPost, noAutapses);
      const pairs = nPre * nPost - (noAutapses ? nPre : 0);
      const sd = Math.sqrt(pairs * p * (1 - p));
      expect(Math.abs(rows[nPre] - pairs * p), `p = ${p}`).toBeLessThan(4.5 * sd);
      // and uniform over posts: in-degrees' mean and a chi-square bound (df = nPost - 1, 4.5 sd of its normal approximation)
      const d = indegrees(rows, posts, nPost);
      const mean = rows[nPre] / nPost;
      const chi = d.reduce((s, v) => s + (v - mean) ** 2 / mean, 0) / (1 - p);
      expect(Math.abs(chi - (nPost - 1)), `p = ${p} chi-square`).toBeLessThan(4.5 * Math.sqrt(2 * (nPost - 1)));
    }
  });

  it("p = 0 connects nothing, p = 1 everything (minus j -> j)", () => {
    expect(connectionsOf({ p: 0 }, 50, 60, false, 1, "z").rows[50]).toBe(0);
    expect(connectionsOf({ p: 1 }, 50, 50, true, 1, "o").rows[50]).toBe(50 * 49);
  });

  it("reproducible: the same seed and name give the same connections, another seed or name others", () => {
    const rule: Connect = { p: 0.1 };
    const a = connectionsOf(rule, 200, 200, false, 3, "W");
    expect(connectionsOf(rule, 200, 200, false, 3, "W")).toEqual(a);
    expect(connectionsOf(rule, 200, 200, false, 4, "W").posts).not.toEqual(a.posts);
    expect(connectionsOf(rule, 200, 200, false, 3, "V").posts).not.toEqual(a.posts);
  });

  it("explicit lists: CSR by pre, posts ascending, repeated pairs kept, values in the lists' order", () => {
    const { rows, posts, given } = connectionsOf({ pre: [2, 0, 2, 1, 0, 2], post: [1, 3, 0, 2, 3, 1] }, 3, 4, false, 0, "x");
    expect(Array.from(rows)).toEqual([0, 2, 3, 6]);
    expect(Array.from(posts)).toEqual([3, 3, 2, 0, 1, 1]);
    expect(Array.from(given!)).toEqual([1, 4, 3, 2, 0, 5]);
  });
});

describe("truncated normal draws", () => {
  it("stay inside [low, high] and have the truncated normal's mean (5 standard errors)", () => {
    const mean = 0.5;
    const std = 0.25;
    const low = 0.1;
    const high = 0.9;
    const v = fillInit(new Float32Array(20000), { dist: "normal", mean, std, low, high }, 9, "tn");
    expect(Math.min(...v)).toBeGreaterThanOrEqual(Math.fround(low));
    expect(Math.max(...v)).toBeLessThanOrEqual(Math.fround(high));
    // symmetric bounds around the mean: the truncated mean is the mean; its sd is below std
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    expect(Math.abs(m - mean)).toBeLessThan(5 * std / Math.sqrt(v.length));
  });
});

describe("delays", () => {
  /** One spike at 5 ms from unit 0 to posts 0..3 with the delays given, over `steps` steps of 0.5 ms. */
  const network = (delay: NetworkOptions["synapses"] extends (infer S)[] | undefined ? S extends { delay?: infer D } ? D : never : never, steps = 60): NetworkOptions & { steps: number } => ({
    dt: 0.5, steps,
    populations: [
      { type: "spikeTrain", name: "pre", times: [5] },
      { type: "lif", name: "post", n: 4, tauM: 1e6, resistM: 1, vRest: 0, vReset: 0, thr: 1e6, refractTime: 0, tauTheta: 0 },
    ],
    synapses: [{ name: "W", pre: "pre", post: "post", connect: { pre: [0, 0, 0, 0], post: [0, 1, 2, 3] }, weights: 1, resources: 1, tauF: 0, tauD: 0, delay }],
    record: [{ name: "post", vars: ["v"] }],
  });

  it("a spike of step i reaches each target in step i + round(delay / dt), per connection", async () => {
    const res = await simulate(network([0, 1, 2.5, 7]));
    const v = res.records.post.v.data;
    const spikeStep = 5 / 0.5 - 1;
    for (const [k, d] of [[0, 0], [1, 2], [2, 5], [3, 14]]) {
      const first = Array.from({ length: 60 }, (_, i) => v[i * 4 + k]).findIndex((x) => x !== 0);
      expect(first, `post ${k}`).toBe(spikeStep + d);
    }
  });

  it("delays past 255 steps (two bytes per connection): 0, 2, 260 and 400 steps", async () => {
    const res = await simulate(network([0, 1, 130, 200], 420));
    const v = res.records.post.v.data;
    for (const [k, d] of [[0, 0], [1, 2], [2, 260], [3, 400]]) {
      const first = Array.from({ length: 420 }, (_, i) => v[i * 4 + k]).findIndex((x) => x !== 0);
      expect(first, `post ${k}`).toBe(9 + d);
    }
  });

  it("one delay for every connection, and rounding to the nearest step (0.74 ms at dt 0.5: 1 step; 0.76: 2)", async () => {
    for (const [delay, steps] of [[3, 6], [0.74, 1], [0.76, 2]]) {
      const v = (await simulate(network(delay))).records.post.v.data;
      const first = Array.from({ length: 60 }, (_, i) => v[i * 4]).findIndex((x) => x !== 0);
      expect(first, `delay ${delay}`).toBe(9 + steps);
    }
  });
});

describe("one-to-one", () => {
  /** A Poisson source of n units onto n LIFs, j -> j, as "oneToOne" or as the same pairs listed. */
  const network = (connect: NetworkOptions["synapses"] extends (infer S)[] | undefined ? S extends { connect?: infer C } ? C : never : never, delay: number, trials: number): NetworkOptions & { steps: number } => ({
    dt: 0.25, steps: 400, trials, seed: 17,
    populations: [
      { type: "poisson", name: "noise", n: 37, rateHz: 300 },
      { type: "lif", name: "post", n: 37, tauM: 10, resistM: 10, vRest: -65, vReset: -65, thr: -60, refractTime: 1, tauTheta: 0, integration: "exact", tauSyn: 3 },
    ],
    synapses: [{
      name: "W", pre: "noise", post: "post", connect, delay, integration: "exact", tauF: 50, tauD: 200, resources: { dist: "uniform", low: 0.1, high: 0.6 },
      weights: { dist: "uniform", low: 5, high: 20 }, biases: { dist: "uniform", low: -0.01, high: 0.02 },
    }],
    record: [{ name: "post", vars: ["v", "spikes"] }, { name: "W", vars: ["u", "x", "wdyn"] }],
  });
  const identity = { pre: Array.from({ length: 37 }, (_, j) => j), post: Array.from({ length: 37 }, (_, j) => j) };

  // one-to-one delivery reads each row's copies instead of a spike list, with the sparse ring's
  // operations: the same bits as the listed pairs through sparse delivery (numbers compared, +0 == -0)
  it.each([[0, 1, 1], [1.5, 3, 1], [0, 5, 2]])("delay %d ms, %d trial(s), %d thread(s): equal to the pairs listed, to the bit", async (delay, trials, threads) => {
    const a = await simulate(network("oneToOne", delay, trials), { threads });
    const b = await simulate(network(identity, delay, trials), { threads: 1 });
    for (const [name, v] of [["post", "v"], ["post", "spikes"], ["W", "u"], ["W", "x"], ["W", "wdyn"]]) {
      expect(Array.from(a.records[name][v].data), `${name} ${v}`).toEqual(Array.from(b.records[name][v].data));
    }
    expect(Array.from(a.records.post.spikes.data).some((s) => s !== 0)).toBe(true);
  });

  it("refused naming the option: unequal sizes, or onto its own population without autapses", async () => {
    const unequal: NetworkOptions = { ...network("oneToOne", 0, 1), populations: [{ type: "poisson", name: "noise", n: 5, rateHz: 10 }, { type: "lif", name: "post", n: 4 }] };
    await expect(simulate({ ...unequal, steps: 1 })).rejects.toThrow(/synapses\[0\]\.connect.*5 presynaptic and 4 postsynaptic units/s);
    const own: NetworkOptions = { populations: [{ type: "lif", name: "E", n: 4 }], synapses: [{ name: "EE", pre: "E", post: "E", connect: "oneToOne" }] };
    await expect(simulate({ ...own, steps: 1 })).rejects.toThrow(/synapses\[0\]\.connect.*autapses: true/s);
    const ok = await simulate({ ...own, synapses: [{ name: "EE", pre: "E", post: "E", connect: "oneToOne", autapses: true }], steps: 1 });
    expect(ok.steps).toBe(1);
  });
});
