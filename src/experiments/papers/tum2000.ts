// Tsodyks, Uziel & Markram (2000), "Synchrony generation in recurrent networks with
// frequency-dependent synapses", J Neurosci 20:RC50: 400 excitatory and 100 inhibitory LIF neurons,
// randomly connected (p = 0.1), every connection with its own strength A, utilisation U and time
// constants drawn from truncated normals; depressing synapses from E onto E and from I onto E,
// facilitating ones onto I. A constant background current spread around threshold makes the
// network fire irregularly, interrupted by population bursts in which nearly every neuron fires
// within a few ms; depression of the E -> E synapses ends each burst and their recovery times the
// next.
//
// The paper's methods text was not available to us; every number below comes from three public
// reproductions, which agree on all of them where they overlap (source keys used in the comments):
//   B2-TUM   Brian2's example examples/frompapers/Tsodyks_Uziel_Markram_2000.py (S. Schmitt 2022),
//   NEST-sli NEST's example examples/nest/tsodyks_shortterm_bursts.sli (M. Helias 2006),
//   ANN-py   ANNarchy's STP example (J. Vitay, H. Dinkelbach).
// Directions are written source -> target (B2-TUM's order; NEST-sli and ANN-py name their
// projections target first).
import { fail, num } from "../../core/checks.js";
import { validateNetwork, type NetworkOptions, type SynapseOptions } from "../../network/options.js";
import type { LifOptions } from "../../models/lif.js";
import type { TmParams } from "../../models/tm.js";
import { Simulation, type RunResult } from "../../simulation.js";
import { MAX_THREADS } from "../../runtime/cores.js";
import { binCounts, meanRateHz, populationEvents, ratesHz, SpikeCollector, type EventRule, type PopulationEvent, type SpikeList } from "./activity.js";

/** A normal distribution of a per-connection parameter: mean, and bounds (either optional); SD = sdFraction * |mean|. */
export interface TruncatedNormal {
  mean: number;
  low?: number;
  high?: number;
}

/** One direction of connections, by its parameters' distributions. */
export interface Tum2000Synapse {
  name: string;
  pre: "E" | "I";
  post: "E" | "I";
  /** Absolute strength A (mV: the current's jump times R = 1 GOhm). */
  A: TruncatedNormal;
  /** Utilisation U. */
  U: TruncatedNormal;
  /** Recovery time constant tau_rec (ms): stp-wasm's tauD. */
  tauRec: TruncatedNormal;
  /** Facilitation time constant (ms): stp-wasm's tauF; null for a depressing synapse (u = U). */
  tauFacil: TruncatedNormal | null;
}

const A_EE = 1.8; // mV, B2-TUM (A), NEST-sli (A), ANN-py
const TAU_MIN = 5; // ms, the least tau_rec and tau_facil: NEST-sli (Tau_min), B2-TUM (tau_min)
/** A's bounds: 0.2 A and 2 A, ordered (B2-TUM A_min, A_max; NEST-sli low, high). */
const strength = (mean: number): TruncatedNormal => ({ mean, low: Math.min(0.2 * mean, 2 * mean), high: Math.max(0.2 * mean, 2 * mean) });
/** U of depressing synapses (E -> E, I -> E): 0.5 within [0.1, 0.9]; of facilitating ones (E -> I, I -> I): 0.04 within [0.001, 0.07] (B2-TUM, NEST-sli U_ee, U_ii). */
const U_DEP: TruncatedNormal = { mean: 0.5, low: 0.1, high: 0.9 };
const U_FAC: TruncatedNormal = { mean: 0.04, low: 0.001, high: 0.07 };

/** The network's parameters (sources in the comments). */
export const TUM2000 = {
  populations: {
    // N, tau_mem, threshold, reset: B2-TUM, NEST-sli (Ne, Ni, Tau, Theta, Vreset), ANN-py;
    // refractory 3 ms (E) and 2 ms (I): B2-TUM, NEST-sli (tau_ref_abs_e, tau_ref_abs_i)
    E: { n: 400, tauM: 30, thr: 15, vReset: 13.5, vRest: 0, refractTime: 3 },
    I: { n: 100, tauM: 30, thr: 15, vReset: 13.5, vRest: 0, refractTime: 2 },
  },
  /** Time constant (ms) of the synaptic current, which is also the synapses' tau_inact: B2-TUM (tau_I), NEST-sli (Tau_psc "=Tau_inact=Tau_I"), ANN-py. */
  tauSyn: 3,
  /**
   * Background current (mV with R = 1): uniform on threshold +- 2.5 %, [14.625, 15.375], sorted
   * ascending by neuron index (NEST-sli: deltaI = 0.025 * 2 * Theta; ANN-py). B2-TUM widens it to
   * [14.5, 15.5]. We take the evenly spaced quantiles of that uniform (what a sorted draw
   * approximates), the same in every run.
   */
  bias: { low: 14.625, high: 15.375 },
  /** Connection probability of every direction: B2-TUM (connect(p=0.1)), ANN-py; NEST-sli draws a fixed in-degree of about 50 (40 E + 10 I), the same mean. */
  p: 0.1,
  /** Every parameter's SD as a fraction of its mean: B2-TUM (0.5 * mean), NEST-sli (sigma = 0.5 * mu). */
  sdFraction: 0.5,
  synapses: [
    // depressing onto E, facilitating onto I; A of E -> I = 4 A, I -> E = -3 A, I -> I = -4 A;
    // tau_rec 800 ms (onto E) and 100 ms (onto I), tau_facil 1000 ms (onto I):
    // B2-TUM (ee/ei/ie/ii_synapses), NEST-sli (A_ie = 4 A for E -> I, A_ei = -3 A for I -> E)
    { name: "EE", pre: "E", post: "E", A: strength(A_EE), U: U_DEP, tauRec: { mean: 800, low: TAU_MIN }, tauFacil: null },
    { name: "EI", pre: "E", post: "I", A: strength(4 * A_EE), U: U_FAC, tauRec: { mean: 100, low: TAU_MIN }, tauFacil: { mean: 1000, low: TAU_MIN } },
    { name: "IE", pre: "I", post: "E", A: strength(-3 * A_EE), U: U_DEP, tauRec: { mean: 800, low: TAU_MIN }, tauFacil: null },
    { name: "II", pre: "I", post: "I", A: strength(-4 * A_EE), U: U_FAC, tauRec: { mean: 100, low: TAU_MIN }, tauFacil: { mean: 1000, low: TAU_MIN } },
  ] as Tum2000Synapse[],
  /** Step (ms): NEST-sli (h = 0.25) and ANN-py; B2-TUM runs at 1 ms. */
  dt: 0.25,
  /** Simulated time after the burn-in (ms): NEST-sli (Tend = 10000). */
  durationMs: 10_000,
  /**
   * Burn-in (ms), simulated and left out of the statistics: every v starts at 0 (as in B2-TUM, which
   * burns in 900 ms; NEST-sli and ANN-py start v uniform in [0, threshold]), so the first
   * crossings are synchronised by the start alone.
   */
  burnInMs: 1000,
  /**
   * A burst (our rule; no source defines one): the rate of all 500 neurons in 1 ms bins (B2-TUM's
   * "net activity" bins) at least 50 Hz, i.e. 5 % of the network firing within 1 ms, runs of such
   * bins less than 20 ms apart counted as one.
   */
  burst: { binMs: 1, thresholdHz: 50, mergeMs: 20 } as EventRule,
};

export interface Tum2000Options {
  /** Run seed: connections and parameters are drawn from it (default 1). */
  seed?: number | string;
  /** Simulated time after the burn-in, ms (default 10000). */
  durationMs?: number;
  /** Burn-in, ms (default 1000). */
  burnInMs?: number;
  /** Threads (default 1); results do not depend on it. */
  threads?: number;
  /** Connections per synapse whose u and x are recorded every step for the mean u x (default 200). */
  uxSample?: number;
}

export type ResolvedTum2000 = Required<Tum2000Options> & { dt: number };

/** Check the options; defaults from TUM2000. */
export function resolveTum2000(o: Tum2000Options = {}): ResolvedTum2000 {
  const seed = o.seed ?? 1;
  if (typeof seed !== "number" && typeof seed !== "string") fail("seed", seed, "a number or a string");
  const dt = TUM2000.dt;
  const ms = (key: "durationMs" | "burnInMs", min: number) => {
    const v = num(key, o[key] ?? TUM2000[key], { min, max: 1e7 });
    if (Math.abs(Math.round(v / dt) * dt - v) > 1e-9) fail(key, v, `a multiple of dt = ${dt} ms`);
    return v;
  };
  return {
    seed, dt, durationMs: ms("durationMs", 1000), burnInMs: ms("burnInMs", 0),
    threads: num("threads", o.threads ?? 1, { min: 1, max: MAX_THREADS, integer: true }),
    uxSample: num("uxSample", o.uxSample ?? 200, { min: 1, max: 100_000, integer: true }),
  };
}

/** The background current of population n units: the evenly spaced quantiles of TUM2000.bias. */
export function tum2000Bias(n: number): number[] {
  const { low, high } = TUM2000.bias;
  return Array.from({ length: n }, (_, k) => low + ((high - low) * (k + 0.5)) / n);
}

/** A truncated normal as stp-wasm's initialiser {dist: "normal"} (SD = sdFraction * |mean|). */
export function normalInit(d: TruncatedNormal) {
  return { dist: "normal" as const, mean: d.mean, std: TUM2000.sdFraction * Math.abs(d.mean), ...(d.low !== undefined ? { low: d.low } : {}), ...(d.high !== undefined ? { high: d.high } : {}) };
}

/** The network in stp-wasm's options (no records). */
export function tum2000Network(o: ResolvedTum2000): NetworkOptions {
  const lif = (name: "E" | "I"): LifOptions => {
    const p = TUM2000.populations[name];
    return {
      type: "lif", name, n: p.n, tauM: p.tauM, vRest: p.vRest, vReset: p.vReset, thr: p.thr, refractTime: p.refractTime,
      tauTheta: 0, thetaPlus: 0, resistM: 1, conductLeak: 1, tauSyn: TUM2000.tauSyn, bias: tum2000Bias(p.n),
      // "midpoint", not "exact": the exact propagator of a LIF with tauSyn > 0 lets the bias decay
      // like the synaptic current (p21), which lowers its steady state by 4 % here
      integration: "midpoint",
    };
  };
  const synapse = (s: Tum2000Synapse): SynapseOptions => ({
    name: s.name, pre: s.pre, post: s.post, connect: { p: TUM2000.p },
    weights: normalInit(s.A), resources: normalInit(s.U), tauD: normalInit(s.tauRec),
    tauF: s.tauFacil ? normalInit(s.tauFacil) : 0,
    // the current is A y: the synapse delivers A u x at each spike into the LIF's current, which
    // decays with tauSyn = tau_inact exactly as y does; tauInact gives x the three-state recovery
    tauInact: TUM2000.tauSyn, uRest: 0, stpState: "connection", integration: "exact",
  });
  return {
    dt: o.dt, seed: o.seed,
    populations: [lif("E"), lif("I")],
    synapses: TUM2000.synapses.map(synapse),
  };
}

/** summary.json of `stp-wasm paper tum2000`. */
export interface Tum2000Summary {
  /** Times (ms from the start of the run) of the bursts after the burn-in. */
  burstTimesMs: number[];
  /** Bursts after the burn-in per second of it. */
  burstsPerSecond: number;
  /** Mean firing rates (Hz) after the burn-in. */
  meanRateHz: { E: number; I: number };
}

export interface Tum2000Result {
  options: ResolvedTum2000;
  /** Steps run (burn-in included). */
  steps: number;
  spikes: { E: SpikeList; I: SpikeList };
  /** Bin width (ms) of the rates and the mean u x. */
  binMs: number;
  /** Population rates (Hz) in bins of binMs, from the start: E, I and all 500 neurons. */
  rates: { E: Float64Array; I: Float64Array; all: Float64Array };
  /** Every burst of the run, burn-in included. */
  bursts: PopulationEvent[];
  /** Mean u x of the sampled connections of each synapse, at the end of each bin. */
  ux: Record<string, Float64Array>;
  /** Connections sampled per synapse. */
  uxConnections: Record<string, number>;
  summary: Tum2000Summary;
  /** Wall-clock seconds of the simulation (create + run). */
  seconds: number;
}

/** The summary of spike counts and bursts over the window after the burn-in. */
export function tum2000Summary(bursts: PopulationEvent[], spikes: { E: SpikeList; I: SpikeList }, o: ResolvedTum2000): Tum2000Summary {
  const from = o.burnInMs;
  const inWindow = (s: SpikeList) => {
    let c = 0;
    for (let i = 0; i < s.count; i++) if ((s.steps[i] + 1) * o.dt > from + 1e-9) c++;
    return c;
  };
  const times = bursts.map((b) => b.timeMs).filter((t) => t > from);
  return {
    burstTimesMs: times,
    burstsPerSecond: times.length / (o.durationMs / 1000),
    meanRateHz: {
      E: meanRateHz(inWindow(spikes.E), TUM2000.populations.E.n, o.durationMs),
      I: meanRateHz(inWindow(spikes.I), TUM2000.populations.I.n, o.durationMs),
    },
  };
}

/** Bursts and rates of the two populations' spikes over `bins` bins of the burst rule. */
export function tum2000Activity(spikes: { E: SpikeList; I: SpikeList }, dt: number, bins: number) {
  const { binMs } = TUM2000.burst;
  const cE = binCounts(spikes.E, dt, binMs, bins);
  const cI = binCounts(spikes.I, dt, binMs, bins);
  const nE = TUM2000.populations.E.n;
  const nI = TUM2000.populations.I.n;
  const all = ratesHz(cE.map((c, b) => c + cI[b]), nE + nI, binMs);
  return { rates: { E: ratesHz(cE, nE, binMs), I: ratesHz(cI, nI, binMs), all }, bursts: populationEvents(all, TUM2000.burst) };
}

/** Run the network: spikes of every neuron, u and x of a sample of connections, bursts and the summary. */
export async function tum2000(options: Tum2000Options = {}): Promise<Tum2000Result> {
  const o = resolveTum2000(options);
  const net = tum2000Network(o);
  const steps = Math.round((o.burnInMs + o.durationMs) / o.dt);
  // the sample: connections evenly spaced through each synapse's list (CSR order)
  const spec = validateNetwork(net);
  const pairs: Record<string, [number, number][]> = {};
  for (const s of TUM2000.synapses) {
    const c = spec.components.find((x) => x.name === s.name)!;
    const conns = (c.params as TmParams).sparse!.connections;
    const nnz = conns.rows[c.n];
    const count = Math.min(o.uxSample, nnz);
    const list: [number, number][] = [];
    let j = 0;
    for (let m = 0; m < count; m++) {
      const q = Math.floor((m * nnz) / count);
      while (conns.rows[j + 1] <= q) j++;
      list.push([j, conns.posts[q]]);
    }
    pairs[s.name] = list;
  }
  net.record = [
    { name: "E", vars: ["spikes"] }, { name: "I", vars: ["spikes"] },
    ...TUM2000.synapses.map((s) => ({ name: s.name, vars: ["u", "x"], pairs: pairs[s.name] })),
  ];
  const binMs = TUM2000.burst.binMs;
  const bins = Math.round((o.burnInMs + o.durationMs) / binMs);
  const stepsPerBin = Math.round(binMs / o.dt);
  const ux: Record<string, Float64Array> = Object.fromEntries(TUM2000.synapses.map((s) => [s.name, new Float64Array(bins)]));
  const collector = new SpikeCollector(["E", "I"]);
  const t0 = performance.now();
  const sim = await Simulation.create(net, { threads: o.threads, steps });
  try {
    sim.run(steps, {
      keep: false,
      onRecords: (chunk: RunResult) => {
        collector.add(chunk);
        for (const s of TUM2000.synapses) {
          const u = chunk.records[s.name].u;
          const x = chunk.records[s.name].x;
          const n = u.columns;
          for (let i = 0; i < chunk.steps; i++) {
            const step = chunk.firstStep + i;
            if ((step + 1) % stepsPerBin !== 0) continue; // the last step of a bin
            let sum = 0;
            for (let k = 0; k < n; k++) sum += u.data[i * n + k] * x.data[i * n + k];
            ux[s.name][(step + 1) / stepsPerBin - 1] = sum / n;
          }
        }
      },
    });
  } finally {
    sim.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  const spikes = { E: collector.spikes("E"), I: collector.spikes("I") };
  const { rates, bursts } = tum2000Activity(spikes, o.dt, bins);
  return {
    options: o, steps, spikes, binMs, rates, bursts, ux,
    uxConnections: Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, v.length])),
    summary: tum2000Summary(bursts, spikes, o), seconds,
  };
}
