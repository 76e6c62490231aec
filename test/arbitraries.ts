// fast-check generators of random (valid) networks, used by the kernel-versus-reference tests.
import fc from "fast-check";
import type { NetworkOptions, RecordRequest } from "../src/network/options.js";

/** Uniform on [min, max] (fc.double spreads over the bit patterns, piling draws near 0). */
const unitFloat = (min: number, max: number) => fc.integer({ min: 0, max: 1 << 20 }).map((i) => min + (max - min) * (i / (1 << 20)));

/** A time constant for the synapse: off, or >= dt (Euler needs it). */
const tau = (dt: number) => fc.oneof(fc.constant(0), unitFloat(dt, 2000));

const initOf = (lo: number, hi: number) => fc.oneof(
  unitFloat(lo, hi),
  fc.record({ dist: fc.constant("uniform" as const), low: fc.constant(lo), high: fc.constant(hi) }),
);

/**
 * A random network of 1-2 sources, 1-2 LIF populations and 1-3 synapses (current or conductance
 * targets), recording everything.
 * Unbiased (fc.noBias) so that draws are spread over the ranges rather than piled on their ends:
 * the ranges are chosen so that most networks drive their LIFs across threshold.
 */
export const networkArb = fc.noBias(fc.record({
  dt: fc.constantFrom(0.25, 0.5, 1, 2),
  trials: fc.integer({ min: 1, max: 9 }),
  seed: fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.string({ maxLength: 6 })),
  steps: fc.integer({ min: 20, max: 250 }),
}).chain(({ dt, trials, seed, steps }) => {
  const poisson = fc.record({
    type: fc.constant("poisson" as const),
    n: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 9 })),
    rateHz: unitFloat(0, 500 / dt),
    inputs: unitFloat(0.2, 1),
  });
  const train = fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 5 })).chain((n) => fc.record({
    type: fc.constant("spikeTrain" as const),
    times: fc.array(fc.uniqueArray(fc.integer({ min: 1, max: steps }), { maxLength: 30 }).map((a) => a.sort((p, q) => p - q).map((i) => i * dt)), { minLength: n, maxLength: n }),
  }));
  const lif = fc.record({
    type: fc.constant("lif" as const),
    n: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 9 })),
    tauM: unitFloat(Math.max(2 * dt, 2), 60),
    resistM: unitFloat(0, 300),
    vRest: unitFloat(-70, -55),
    thrAbove: unitFloat(2, 15),
    vReset: unitFloat(-75, -60),
    refractTime: unitFloat(0, 5),
    tauTheta: fc.oneof(fc.constant(0), unitFloat(10, 1e4)),
    thetaPlus: unitFloat(0, 2),
    conductLeak: unitFloat(0, 1.5),
    vMin: fc.oneof(fc.constant(null), unitFloat(-80, -65)),
    integration: fc.constantFrom("euler" as const, "midpoint" as const, "exact" as const),
    // 0 (one-step pulses), a time constant, or the degenerate tauSyn = tauM / conductLeak (set below)
    tauSyn: fc.oneof(fc.constant(0), unitFloat(0.2, 30), fc.constant(-1)),
    // a bias current per unit: none, one value, or drawn
    bias: fc.oneof(fc.constant(0), unitFloat(-0.02, 0.05), fc.constant(-1)),
  }).map(({ thrAbove, bias, ...l }) => ({ ...l, thr: l.vRest + thrAbove, bias: bias < 0 ? { dist: "uniform" as const, low: -0.02, high: 0.05 } : bias }));
  return fc.record({
    dt: fc.constant(dt), trials: fc.constant(trials), seed: fc.constant(seed), steps: fc.constant(steps),
    sources: fc.array(fc.oneof(poisson, train), { minLength: 1, maxLength: 2 }),
    lifs: fc.array(lif, { minLength: 1, maxLength: 2 }),
    synapses: fc.array(fc.record({
      pre: fc.nat(), post: fc.nat(),
      weights: fc.oneof(initOf(-0.5, 3), fc.record({ dist: fc.constant("gaussian" as const), mean: unitFloat(0, 2), std: unitFloat(0, 1) })),
      resources: initOf(0.05, 0.9),
      tauF: tau(dt), tauD: tau(dt),
      gConduct: unitFloat(0.1, 2),
      biases: fc.oneof(fc.constant(null), unitFloat(-0.05, 0.05)),
      integration: fc.constantFrom("euler" as const, "exact" as const),
      uRest: fc.constantFrom(0 as const, "U" as const),
      // 0 (two-state), a time constant, or the degenerate tauInact = tauD (-1, set below)
      tauInact: fc.oneof(fc.constant(0), unitFloat(0.5, 20), fc.constant(-1)),
      // connectivity: a rule and its parameter (a fraction, mapped below), autapses, delays
      connect: fc.constantFrom("all", "oneToOne", "p", "inDegree", "outDegree", "lists"),
      fraction: unitFloat(0, 1),
      autapses: fc.boolean(),
      delay: fc.oneof(fc.constant(0), unitFloat(0, 4), fc.constant(-1)),
      // u and x per connection (exact only); time constants varying by unit or connection
      perConnection: fc.boolean(),
      varyTaus: fc.boolean(),
      // quantal release (per connection, two-state): its sites, or 0 for deterministic release
      sites: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 })),
      // a conductance target where the LIF allows it (Euler integration): eRev in mV, tauSyn in ms
      conductance: fc.boolean(),
      eRev: unitFloat(-80, 10),
      tauSyn: unitFloat(0.3, 20),
    }), { minLength: 1, maxLength: 3 }),
  });
}).map((c) => {
  const sources = c.sources.map((s, i) => ({ ...s, name: `src${i}` }));
  const lifs = c.lifs.map((l, i) => ({ ...l, name: `lif${i}` }));
  // keep the LIF's explicit step stable: conductLeak * dt / tauM <= 1
  for (const l of lifs) {
    l.conductLeak = Math.min(l.conductLeak, l.tauM / c.dt);
    if (l.tauSyn < 0) l.tauSyn = l.conductLeak > 0 ? l.tauM / l.conductLeak : 5; // tauSyn = tauM / gL: the limit form
  }
  const pres = [...sources.map((s) => s.name), ...lifs.map((l) => l.name)];
  const sizes = new Map<string, number>([...sources.map((s) => [s.name, "n" in s ? s.n : s.times.length] as const), ...lifs.map((l) => [l.name, l.n] as const)]);
  const synapses = c.synapses.map(({ conductance, eRev, tauSyn, connect, fraction, autapses, delay, perConnection, varyTaus, sites, ...s }, i) => {
    const quantal = sites > 0 && perConnection && s.integration === "exact";
    // three-state resources need exact integration and tauD > 0 (and deterministic release); -1 asks for tauInact = tauD (the limit form)
    const tauInact = s.integration !== "exact" || s.tauD === 0 || quantal ? 0 : s.tauInact < 0 ? s.tauD : s.tauInact;
    const post = lifs[s.post % lifs.length];
    const pre = pres[s.pre % pres.length];
    const nPre = sizes.get(pre)!;
    const recurrent = pre === post.name;
    const noAutapses = recurrent && !autapses;
    const target = conductance && post.integration === "euler" ? { target: "conductance" as const, eRev, tauSyn } : {};
    // one-to-one where the sizes match (and j -> j is allowed), else each pair with probability `fraction`
    const rule = connect === "all" ? "all" as const
      : connect === "oneToOne" ? (nPre === post.n && !noAutapses ? "oneToOne" as const : { p: fraction })
      : connect === "p" ? { p: fraction }
      : connect === "inDegree" ? { inDegree: Math.floor(fraction * (noAutapses ? nPre - 1 : nPre)) }
      : connect === "outDegree" ? { outDegree: Math.floor(fraction * (noAutapses ? post.n - 1 : post.n)) }
      : lists(nPre, post.n, Math.floor(fraction * 12), noAutapses, i);
    const state = perConnection && s.integration === "exact" ? "connection" as const : "presynaptic" as const;
    // time constants varying by unit or connection (> 0, and >= dt for Euler)
    const vary = (tau: number) => (varyTaus && tau > 0 ? { dist: "uniform" as const, low: Math.max(c.dt, tau / 2), high: tau * 1.5 + c.dt } : tau);
    return {
      ...s, ...target, tauInact: vary(tauInact), tauF: vary(s.tauF), tauD: vary(s.tauD), name: `syn${i}`, pre, post: post.name,
      connect: rule, stpState: state, ...(recurrent ? { autapses } : {}), ...(quantal ? { release: "quantal" as const, sites } : {}),
      // weights: dense shapes are for "all"; other rules take one per connection or a number/distribution
      weights: rule === "all" || !Array.isArray(s.weights) ? s.weights : 0.7,
      delay: delay < 0 ? { dist: "uniform" as const, low: 0, high: 3 * c.dt } : delay * c.dt,
    };
  });
  const record: RecordRequest[] = [
    ...sources.map((s) => ({ name: s.name, vars: ["spikes"] })),
    ...lifs.map((l) => ({ name: l.name, vars: ["v", "spikes", "rfr", ...(l.tauSyn > 0 ? ["isyn"] : []), ...(l.tauTheta > 0 ? ["theta"] : [])] })),
    ...synapses.map((s) => ({ name: s.name, vars: ["u", "x", "wdyn", ...("target" in s ? ["g"] : [])] })),
    ...synapses.map((s) => ({ name: s.name, vars: ["u", "x", "wdyn"], at: "spikes" as const })),
  ];
  const network: NetworkOptions = { dt: c.dt, trials: c.trials, seed: c.seed, populations: [...sources, ...lifs], synapses, record };
  return { network, steps: c.steps };
}));

/** `count` explicit connections (pre, post) drawn from a fixed generator (repeats allowed), no j -> j when `noAutapses`. */
function lists(nPre: number, nPost: number, count: number, noAutapses: boolean, salt: number): { pre: number[]; post: number[] } {
  let state = 12345 + 97 * salt + 31 * count;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const pre: number[] = [];
  const post: number[] = [];
  if (noAutapses && nPre === 1) return { pre, post }; // no pair but 0 -> 0
  while (pre.length < count) {
    const j = next(nPre);
    const k = next(nPost);
    if (noAutapses && j === k) continue;
    pre.push(j);
    post.push(k);
  }
  return { pre, post };
}

/**
 * A synapse wide enough for row blocks (src/delivery/dense.ts rowBlocks(8195) = 2, blocks of 4097 and 4098
 * rows; 23 columns, not a multiple of the kernel's 16-column shares) from a Poisson source at
 * `rateHz`: at 60 Hz every block has hundreds of spiking rows per step, at 0.2 Hz most blocks have
 * none. A matrix-weight synapse (with biases, and a negative weight range) and a constant-weight
 * one, exact integration on the second, both onto one LIF.
 */
export function blockNetwork(trials: number, rateHz: number): NetworkOptions {
  return {
    seed: `blocks-${rateHz}`, trials,
    populations: [
      { type: "poisson", name: "in", n: 8195, rateHz },
      { type: "lif", name: "out", n: 23, tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, refractTime: 2 },
    ],
    synapses: [
      { name: "W", pre: "in", post: "out", weights: { dist: "uniform", low: -0.002, high: 0.004 }, biases: { dist: "uniform", low: 0, high: 0.01 }, resources: 0.2, tauF: 300, tauD: 100 },
      { name: "C", pre: "in", post: "out", weights: 0.0005, resources: 0.3, tauF: 50, tauD: 500, integration: "exact" },
    ],
    record: [{ name: "out", vars: ["v", "spikes"] }, { name: "W", vars: ["wdyn"], pairs: [[0, 0], [4097, 22], [8194, 5]] }],
  };
}
