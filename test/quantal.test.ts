// Quantal release (docs/MODEL.md, "Quantal release"): the kernel against the float32 reference
// (tolerance 0: the same Philox draws, compared in the same order) on every build and thread count;
// the efficacy's mean and variance over trials against the exact distribution of the sites' Markov
// chain; that chain's mean against the deterministic exact-mode TM; and the options' refusals.
import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulation.js";
import { validateNetwork, type NetworkOptions } from "../src/network/options.js";
import { resolveLesson, PRESETS } from "../src/experiments/lesson.js";
import { efficacyAtSpikes } from "../src/experiments/efficacy.js";
import { StpOptionError } from "../src/core/errors.js";
import { referenceRun } from "./reference/network.js";
import { expectRecords } from "./expect-records.js";

const BUILDS = [
  { mode: "shared" as const, simd: true }, { mode: "shared" as const, simd: false },
  { mode: "plain" as const, simd: true }, { mode: "plain" as const, simd: false },
];

/** Poisson input onto a LIF population that also excites itself, every synapse quantal in another configuration. */
function quantalNetwork(): NetworkOptions {
  const vars = ["u", "x", "wdyn"];
  return {
    dt: 0.5, seed: "quantal", trials: 3,
    populations: [
      { type: "poisson", name: "in", n: 12, rateHz: 60 },
      { type: "lif", name: "out", n: 6, tauM: 10, resistM: 5, thr: -58 },
    ],
    synapses: [
      // varying tauD per connection, STF with u resting at U, delays of 0 to 3 ms
      { name: "A", pre: "in", post: "out", connect: { p: 0.5 }, release: "quantal", sites: 4, weights: 0.6, resources: { dist: "uniform", low: 0.2, high: 0.6 },
        tauF: 100, tauD: { dist: "uniform", low: 20, high: 200 }, uRest: "U", delay: { dist: "uniform", low: 0, high: 3 } },
      // STD off: every released site is back at the next spike
      { name: "B", pre: "in", post: "out", connect: { inDegree: 3 }, release: "quantal", sites: 7, weights: 0.3, resources: 0.5, tauF: 50, tauD: 0 },
      // recurrent, one site, STF off (u = U)
      { name: "C", pre: "out", post: "out", connect: { p: 0.4 }, release: "quantal", sites: 1, weights: 0.8, resources: 0.7, tauF: 0, tauD: 30, delay: 1 },
    ],
    record: [
      { name: "out", vars: ["v", "spikes"] },
      ...["A", "B", "C"].flatMap((name) => [{ name, vars }, { name, vars, at: "spikes" as const }]),
    ],
  };
}

describe("quantal release: kernel versus reference, tolerance 0", () => {
  const network = quantalNetwork();
  const steps = 400;
  const spec = validateNetwork(network, steps);
  const ref = referenceRun(spec, steps);

  it("on the four builds, with 1 and 2 threads: every u, x, wdyn (also at spikes), v and spike", async () => {
    for (const build of BUILDS) {
      for (const threads of build.mode === "shared" ? [1, 2] : [1]) {
        const res = await simulate({ ...network, steps }, { ...build, threads });
        expectRecords(spec, ref, res, steps, `${build.mode}${build.simd ? "-simd" : ""}, ${threads} thread(s): `);
      }
    }
  }, 60_000);

  it("two identical synapses draw their own streams: each releases Binomial(7, 1/2) / 7, and they agree only as often as chance", async () => {
    // STF and STD off: every spike releases k of 7 sites with probability C(7, k) / 2^7, independently
    const syn = (name: string) => ({ name, pre: "in", post: "out", release: "quantal" as const, sites: 7, weights: 1, resources: 0.5, tauF: 0, tauD: 0 });
    const res = await simulate({
      dt: 1, seed: 5, trials: 20, steps: 500,
      populations: [{ type: "poisson", name: "in", n: 4, rateHz: 100 }, { type: "lif", name: "out", n: 1 }],
      synapses: [syn("S1"), syn("S2")],
      record: [{ name: "S1", vars: ["wdyn"], at: "spikes" }, { name: "S2", vars: ["wdyn"], at: "spikes" }],
    });
    const k1 = Array.from(res.events.S1.wdyn.values, (v) => v * 7);
    const k2 = Array.from(res.events.S2.wdyn.values, (v) => v * 7);
    const n = k1.length;
    expect(n).toBeGreaterThan(3000);
    expect(k2.length).toBe(n);
    for (const k of [...k1, ...k2]) expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-5);
    // mean 3.5, variance 7/4 per event: |z| < 4 over 2n events
    const mean = [...k1, ...k2].reduce((s, k) => s + k, 0) / (2 * n);
    expect(Math.abs(mean - 3.5) / Math.sqrt(1.75 / (2 * n))).toBeLessThan(4);
    // P(equal) = sum_k C(7,k)^2 / 4^7 = 3432 / 16384: the fraction of equal pairs within 4 standard errors
    const p = 3432 / 16384;
    const equal = k1.filter((k, i) => Math.round(k) === Math.round(k2[i])).length / n;
    expect(Math.abs(equal - p) / Math.sqrt((p * (1 - p)) / n)).toBeLessThan(4);
  });
});

/**
 * The exact distribution of the released count at each spike of a regular train onto one
 * connection with N sites (float64): the available sites' distribution, advanced by binomial
 * recovery with p = 1 - exp(-D/tauD) and binomial release with the TM's u at that spike.
 */
function siteChain(times: number[], N: number, U: number, tauF: number, tauD: number): { mean: number[]; variance: number[]; m4: number[]; uk: number[] } {
  // P(k of n succeed), each with probability p
  const binom = (n: number, p: number) => {
    let out = [1];
    for (let i = 0; i < n; i++) out = [...out, 0].map((q, k) => q * (1 - p) + (k > 0 ? out[k - 1] * p : 0));
    return out;
  };
  let avail = new Array(N + 1).fill(0);
  avail[N] = 1;
  let u = 0;
  const res = { mean: [] as number[], variance: [] as number[], m4: [] as number[], uk: [] as number[] };
  times.forEach((t, k) => {
    const D = k === 0 ? Infinity : t - times[k - 1];
    // u: the lesson's TM with u resting at 0 (STF on) or U (STF off), incremented before use
    u = tauF > 0 ? u * Math.exp(-D / tauF) + U * (1 - u * Math.exp(-D / tauF)) : U;
    res.uk.push(u);
    const pRec = tauD > 0 ? 1 - Math.exp(-D / tauD) : 1;
    const before = new Array(N + 1).fill(0);
    avail.forEach((p, a) => { if (p) binom(N - a, pRec).forEach((q, r) => { before[a + r] += p * q; }); });
    const released = new Array(N + 1).fill(0);
    const after = new Array(N + 1).fill(0);
    before.forEach((p, a) => { if (p) binom(a, u).forEach((q, r) => { released[r] += p * q; after[a - r] += p * q; }); });
    avail = after;
    const mean = released.reduce((s, p, r) => s + p * (r / N), 0);
    res.mean.push(mean);
    res.variance.push(released.reduce((s, p, r) => s + p * (r / N - mean) ** 2, 0));
    res.m4.push(released.reduce((s, p, r) => s + p * (r / N - mean) ** 4, 0));
  });
  return res;
}

describe("quantal release: the efficacy over trials against the sites' exact distribution", () => {
  const TIMES = [50, 70, 90, 110, 130, 150, 170, 190, 400, 900];
  const K = 20000;
  // Per spike, mean and variance each: |z| < 4 (two-sided p = 6.3e-5 each; over the 2 x 2 x 10 = 40
  // tests below the chance of a false alarm is below 0.3%, i.e. 99.7% confidence). z of the mean:
  // (m - mu) / (sigma / sqrt K); of the variance: (s^2 - sigma^2) / sqrt((mu4 - sigma^4) / K).
  it.each([["std", 3], ["stf", 5]] as const)("preset %s, %d sites, 20,000 trials: mean and variance at every spike within 4 standard errors", async (preset, sites) => {
    const p = PRESETS[preset];
    const steps = 1000;
    const quantal = await efficacyAtSpikes(resolveLesson({ preset, spikeTimes: TIMES, steps, trials: K, release: "quantal", sites }));
    const exact = siteChain(TIMES, sites, p.resources as number, p.tauF as number, p.tauD as number);
    TIMES.forEach((t, k) => {
      const zMean = (quantal!.mean[k] - exact.mean[k]) / Math.sqrt(exact.variance[k] / K);
      const s2 = quantal!.sd[k] ** 2;
      const zVar = (s2 - exact.variance[k]) / Math.sqrt((exact.m4[k] - exact.variance[k] ** 2) / K);
      expect(Math.abs(zMean), `spike at ${t} ms: mean ${quantal!.mean[k]} vs ${exact.mean[k]}`).toBeLessThan(4);
      expect(Math.abs(zVar), `spike at ${t} ms: variance ${s2} vs ${exact.variance[k]}`).toBeLessThan(4);
    });
    // the variance is not a deterministic synapse's: the first spike's is the binomial N U (1 - U) / N^2
    const U = p.resources as number;
    expect(exact.variance[0]).toBeCloseTo((U * (1 - U)) / sites, 12);
  }, 60_000);

  it.each(["std", "stf"] as const)("preset %s: the chain's mean is the deterministic exact-mode TM (1e-12), which the kernel gives within float32 (1e-6)", async (preset) => {
    const p = PRESETS[preset];
    const exact = siteChain(TIMES, 4, p.resources as number, p.tauF as number, p.tauD as number);
    // the classic recursion (issue 9's fit model): u_{k+1} = U + u_k (1 - U) e^(-D/tauF), R_{k+1} = 1 + (R_k - u_k R_k - 1) e^(-D/tauD)
    let u = p.resources as number;
    let R = 1;
    const det = await efficacyAtSpikes(resolveLesson({ preset, spikeTimes: TIMES, steps: 1000, integration: "exact" }));
    TIMES.forEach((t, k) => {
      expect(Math.abs(exact.mean[k] - u * R), `spike ${k}`).toBeLessThan(1e-12);
      expect(Math.abs(det!.mean[k] - u * R), `spike ${k}`).toBeLessThan(1e-6);
      const D = TIMES[k + 1] - t;
      R = 1 + (R - u * R - 1) * Math.exp(-D / (p.tauD as number));
      u = (p.resources as number) + u * (1 - (p.resources as number)) * Math.exp(-D / (p.tauF as number));
    });
  });
});

describe("quantal release: options", () => {
  const base = (s: Record<string, unknown>): NetworkOptions => ({
    populations: [{ type: "poisson", name: "z0", n: 2, rateHz: 10 }, { type: "lif", name: "z1", n: 2 }],
    synapses: [{ name: "W", pre: "z0", post: "z1", ...s }],
    record: [],
  });
  it.each([
    [{ sites: 3 }, /synapses\[0\]\.sites = 3 .*no sites with release "deterministic"/],
    [{ release: "quantal", sites: 0 }, /synapses\[0\]\.sites = 0 .*an integer >= 1 <= 65535/],
    [{ release: "quantal", sites: 2.5 }, /synapses\[0\]\.sites = 2\.5/],
    [{ release: "quantal", sites: 70000 }, /synapses\[0\]\.sites = 70000/],
    [{ release: "quantal", integration: "euler" }, /synapses\[0\]\.integration = "euler" .*"exact" with release "quantal"/],
    [{ release: "quantal", stpState: "presynaptic" }, /synapses\[0\]\.stpState = "presynaptic" .*"connection" with release "quantal"/],
    [{ release: "quantal", tauInact: 5 }, /synapses\[0\]\.tauInact = 5 .*0 with release "quantal"/],
    [{ release: "binomial" }, /synapses\[0\]\.release = "binomial"/],
  ])("%j is refused, naming the option", (s, message) => {
    expect(() => validateNetwork(base(s), 10)).toThrow(StpOptionError);
    expect(() => validateNetwork(base(s), 10)).toThrow(message);
  });

  it("quantal alone implies per-connection state and exact integration", () => {
    const spec = validateNetwork(base({ release: "quantal", sites: 2 }), 10);
    const p = spec.components.find((c) => c.name === "W")!.params as { state: string; integration: string; sites: number };
    expect([p.state, p.integration, p.sites]).toEqual(["connection", "exact", 2]);
  });
});
