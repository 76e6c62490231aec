// Mongillo, Barak & Tsodyks (2008), "Synaptic theory of working memory", Science 319:1543-1546:
// 8000 excitatory and 2000 inhibitory LIF neurons, randomly connected (c = 0.2); five selective
// populations of 800 E neurons each (coding level f = 0.1) are strongly connected among themselves
// (J_p), and the E -> E synapses facilitate (U small, tauF 1.5 s) and depress (tauD 0.2 s). A cue
// raises one population's external input for 350 ms; afterwards its facilitated synapses let it
// reactivate in brief population spikes, each of which refreshes the facilitation, while the other
// populations stay at their spontaneous rate: the item is held in u, not in persistent firing.
//
// The SOM's parameter table was not available to us; the numbers come from public reproductions
// (source keys in the comments):
//   TID       Tiddia et al. (2022), Front. Integr. Neurosci. 16:972055, NEST reproduction,
//             gmtiddia/working_memory_spiking_network model/default_params.py,
//   MATLAB    a MATLAB delta-synapse reproduction (H. Wehry 2018, "MATH 3370 final project"),
//   GENN      pygenn ports of TID's model (delta-current variant and STP variant).
// Where we depart from them (our choices, each said where it is made): the external input's
// noise realised as Bernoulli shot noise of the same mean and membrane SD, its mean mu_E set
// where this network shows population spikes, delays rounded to whole steps.
import { fail, num } from "../../core/checks.js";
import { hostRng } from "../../core/seed.js";
import { connectionsOf } from "../../network/connect.js";
import type { NetworkOptions, SynapseOptions } from "../../network/options.js";
import type { LifOptions } from "../../models/lif.js";
import { Simulation, type RunResult } from "../../simulation.js";
import { MAX_THREADS } from "../../runtime/cores.js";
import { binCounts, meanRateHz, populationEvents, ratesHz, SpikeCollector, type EventRule, type PopulationEvent, type SpikeList } from "./activity.js";

/** The network's parameters (sources in the comments). */
export const MBT2008 = {
  populations: {
    // N, tau_m, threshold, reset, refractory, rest 0: TID (N_exc, N_inh, tau, V_th, V_reset, t_ref, E_L), MATLAB, GENN
    E: { n: 8000, tauM: 15, thr: 20, vReset: 16, vRest: 0, refractTime: 2 },
    I: { n: 2000, tauM: 10, thr: 20, vReset: 13, vRest: 0, refractTime: 2 },
  },
  /** Connection probability, every direction: TID (c), MATLAB, GENN. */
  c: 0.2,
  /** Selective populations and the fraction f of E neurons in each (non-overlapping; units [k f N_E, (k + 1) f N_E)): TID (p, f), GENN. */
  selective: { count: 5, f: 0.1 },
  /**
   * PSP jumps in mV, by direction: E -> E baseline J_b and potentiated J_p, E -> I 0.135, I -> E
   * 0.25, I -> I 0.2 (TID J_b, J_p, J_IE "E->I", J_EI "I->E", J_II; MATLAB).
   */
  J: { EEb: 0.1, EEp: 0.45, EI: 0.135, IE: 0.25, II: 0.2 },
  /**
   * E -> E structure (GENN and MATLAB, in their code comments): within a selective population J_p;
   * from a selective population to any other E neuron J_b; from a non-selective neuron J_p with
   * probability gamma0 = 0.1, else J_b (TID gamma_0).
   */
  gamma0: 0.1,
  /**
   * STP of the E -> E synapses only (E -> I, I -> E, I -> I are static: TID, GENN, MATLAB): U 0.19
   * (TID-final, GENN; TID's earlier version and MATLAB use 0.2), tauF 1500 ms, tauD 200 ms (all);
   * u relaxes to U and starts at U (TID u0 = U), x starts at 1; at a spike u rises first, the PSP
   * is J u x, then x drops (TID, GENN, MATLAB): stp-wasm's uRest "U".
   */
  stp: { U: 0.19, tauF: 1500, tauD: 200 },
  /**
   * External input (mV): mean mu_I = 21.0 onto I (MATLAB and GENN's delta-synapse variant), SD of
   * the membrane potential it causes sigma = 1 mV onto both (TID Sigma_exc, Sigma_inh, taken as
   * the free membrane's SD as TID's noise generator scales it). mu_E: ours. MATLAB and GENN-delta
   * give 23.10 for the delta-synapse network, TID 22.70 / 23.70 / 24.10 for its three regimes
   * (exponential currents). With our noise (seed 1, 4 s, cue at 1 s): at 23.5 the cued population
   * fires no population spike after the cue, at 23.8 four at irregular intervals, from 24.0 to 24.5
   * one every 300-400 ms, and at 25.0 uncued populations fire their own. 24.0 is in the synchronous
   * working-memory regime of the paper's Fig. 2B.
   */
  external: { muE: 24.0, muI: 21.0, sigma: 1 },
  /**
   * The noise: one Bernoulli input per neuron that spikes with probability 0.5 each step, of
   * jump J = sigma sqrt((1 - a^2) / (p (1 - p))), a = exp(-dt / tau_m): the stationary SD of v is
   * sigma exactly; a bias current supplies the rest of the mean (our realisation of the white
   * noise of the reproductions).
   */
  noiseP: 0.5,
  /** Delays (ms), uniform: TID (delay [0.1, 1.0]); MATLAB's comment says 0.1-1 ms. */
  delayMs: { low: 0.1, high: 1.0 },
  /** The cue: the external mean of one population times 1.15 for 350 ms (TID A_cue, T_cue; MATLAB). */
  cue: { amplitude: 1.15, durationMs: 350 },
  /** Step (ms): GENN and TID's earlier version (TID-final: 0.05, MATLAB 0.01). */
  dt: 0.1,
  /** Cue onset (ms): MATLAB (1000 ms; TID: 2000 after its pre-simulation). */
  cueStartMs: 1000,
  /** Run length (ms). */
  durationMs: 4000,
  /**
   * A population spike (our rule; no source defines one): the population's rate in 1 ms bins at
   * least 50 Hz, i.e. 5 % of its 800 neurons firing within 1 ms, runs less than 20 ms apart one
   * event (the rule of the tum2000 bursts).
   */
  populationSpike: { binMs: 1, thresholdHz: 50, mergeMs: 20 } as EventRule,
};

export interface Mongillo2008Options {
  /** Run seed: connections, potentiated synapses and the noise (default 1). */
  seed?: number | string;
  /** Run length in ms (default 4000). */
  durationMs?: number;
  /** Cue onset in ms (default 1000); the cue lasts 350 ms. */
  cueStartMs?: number;
  /** The cued selective population, 1 to 5: "S1" to "S5" (default 1). */
  cuePopulation?: number;
  /** Mean external input onto E in mV (default 24.0). */
  muE?: number;
  /** U of the E -> E synapses (default 0.19). */
  U?: number;
  /** Threads (default 1); results do not depend on it. */
  threads?: number;
}

export type ResolvedMongillo2008 = Required<Mongillo2008Options> & { dt: number };

/** Check the options; defaults from MBT2008. */
export function resolveMongillo2008(o: Mongillo2008Options = {}): ResolvedMongillo2008 {
  const seed = o.seed ?? 1;
  if (typeof seed !== "number" && typeof seed !== "string") fail("seed", seed, "a number or a string");
  const dt = MBT2008.dt;
  const onGrid = (key: string, v: number) => {
    if (Math.abs(Math.round(v / dt) * dt - v) > 1e-9) fail(key, v, `a multiple of dt = ${dt} ms`);
    return v;
  };
  const durationMs = onGrid("durationMs", num("durationMs", o.durationMs ?? MBT2008.durationMs, { min: 1, max: 1e6 }));
  const cueStartMs = onGrid("cueStartMs", num("cueStartMs", o.cueStartMs ?? MBT2008.cueStartMs, { min: 0 }));
  if (cueStartMs + MBT2008.cue.durationMs > durationMs) {
    fail("cueStartMs", cueStartMs, `at most durationMs - ${MBT2008.cue.durationMs} = ${durationMs - MBT2008.cue.durationMs} ms`, "the cue must end within the run");
  }
  return {
    seed, dt, durationMs, cueStartMs,
    cuePopulation: num("cuePopulation", o.cuePopulation ?? 1, { min: 1, max: MBT2008.selective.count, integer: true }),
    muE: num("muE", o.muE ?? MBT2008.external.muE, { min: 0, max: 1000 }),
    U: num("U", o.U ?? MBT2008.stp.U, { min: 0, max: 1, minExclusive: true }),
    threads: num("threads", o.threads ?? 1, { min: 1, max: MAX_THREADS, integer: true }),
  };
}

/** Neurons per selective population. */
export const SELECTIVE_N = MBT2008.selective.f * MBT2008.populations.E.n;

/** The selective population of E unit e (0 to 4), or -1 for a non-selective unit. */
export function selectiveOf(e: number): number {
  return e < MBT2008.selective.count * SELECTIVE_N ? Math.floor(e / SELECTIVE_N) : -1;
}

/** Names of the selective populations in reports and summary.json: "S1" to "S5". */
export const selectiveName = (k: number) => `S${k + 1}`;

/** The jump J (mV) of a step's input spike that moves v of a LIF (tauM) by J: the exact LIF's p21 = 1 - exp(-dt / tauM). */
function stepGain(tauM: number, dt: number): number {
  return -Math.expm1(-dt / tauM);
}

/** The external input onto a population: weight of its Bernoulli input (one step's current) and its bias current. */
export function externalInput(tauM: number, mu: number, dt: number): { weight: number; bias: number; jump: number } {
  const p = MBT2008.noiseP;
  const a = Math.exp(-dt / tauM);
  const jump = MBT2008.external.sigma * Math.sqrt((1 - a * a) / (p * (1 - p)));
  const gain = stepGain(tauM, dt);
  // stationary mean of v: bias + weight p (the exact LIF's steady state of a constant drive is the drive)
  return { weight: jump / gain, bias: mu - (jump / gain) * p, jump };
}

/** The E -> E weights in connection order (CSR order of the synapse "EE"), as currents of one step. */
export function eeWeights(seed: number | string, dt: number): Float32Array {
  const nE = MBT2008.populations.E.n;
  const conns = connectionsOf({ p: MBT2008.c }, nE, nE, true, seed, "EE");
  const gain = stepGain(MBT2008.populations.E.tauM, dt);
  const { EEb, EEp } = MBT2008.J;
  const rng = hostRng(seed, "mongillo2008:potentiated");
  const nnz = conns.rows[nE];
  const w = new Float32Array(nnz);
  const base = EEb / gain;
  const potentiated = EEp / gain;
  for (let j = 0; j < nE; j++) {
    const pj = selectiveOf(j);
    for (let q = conns.rows[j]; q < conns.rows[j + 1]; q++) {
      w[q] = pj >= 0 ? (selectiveOf(conns.posts[q]) === pj ? potentiated : base) : rng() < MBT2008.gamma0 ? potentiated : base;
    }
  }
  return w;
}

const indices = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/** The network in stp-wasm's options (no records): E, I, their noise sources and the cue's source (off). */
export function mongillo2008Network(o: ResolvedMongillo2008): NetworkOptions {
  const { E, I } = MBT2008.populations;
  const dt = o.dt;
  const extE = externalInput(E.tauM, o.muE, dt);
  const extI = externalInput(I.tauM, MBT2008.external.muI, dt);
  const lif = (name: "E" | "I", bias: number): LifOptions => {
    const p = MBT2008.populations[name];
    return {
      type: "lif", name, n: p.n, tauM: p.tauM, vRest: p.vRest, vReset: p.vReset, thr: p.thr, refractTime: p.refractTime,
      tauTheta: 0, thetaPlus: 0, resistM: 1, conductLeak: 1, tauSyn: 0, integration: "exact", bias,
    };
  };
  const fixed = { resources: 1, tauF: 0, tauD: 0 };
  // a LIF's spike reaches a synapse one step later, so stp-wasm's delay d acts after d + dt:
  // uniform on [0.1, 1.0] ms - dt, rounded to whole steps
  const delay = { dist: "uniform" as const, low: MBT2008.delayMs.low - dt, high: MBT2008.delayMs.high - dt };
  const gE = stepGain(E.tauM, dt);
  const gI = stepGain(I.tauM, dt);
  const { J } = MBT2008;
  // each noise unit onto its neuron; the cue's unit i onto neuron i of the cued population
  const shifted = (n: number, offset: number) => ({ pre: indices(n), post: Int32Array.from({ length: n }, (_, i) => i + offset) });
  const synapses: SynapseOptions[] = [
    { name: "noiseE->E", pre: "noiseE", post: "E", connect: "oneToOne", weights: extE.weight, ...fixed },
    { name: "noiseI->I", pre: "noiseI", post: "I", connect: "oneToOne", weights: extI.weight, ...fixed },
    // the cue: a constant current (a source spiking every step) of (A_cue - 1) mu_E onto the cued population
    { name: "cue->E", pre: "cue", post: "E", connect: shifted(SELECTIVE_N, (o.cuePopulation - 1) * SELECTIVE_N), weights: (MBT2008.cue.amplitude - 1) * o.muE, ...fixed },
    {
      name: "EE", pre: "E", post: "E", connect: { p: MBT2008.c }, weights: eeWeights(o.seed, dt),
      resources: o.U, tauF: MBT2008.stp.tauF, tauD: MBT2008.stp.tauD, uRest: "U", integration: "exact", delay,
    },
    { name: "EI", pre: "E", post: "I", connect: { p: MBT2008.c }, weights: J.EI / gI, ...fixed, delay },
    { name: "IE", pre: "I", post: "E", connect: { p: MBT2008.c }, weights: -J.IE / gE, ...fixed, delay },
    { name: "II", pre: "I", post: "I", connect: { p: MBT2008.c }, weights: -J.II / gI, ...fixed, delay },
  ];
  const rateHz = (MBT2008.noiseP * 1000) / dt;
  return {
    dt, seed: o.seed,
    populations: [
      { type: "poisson", name: "noiseE", n: E.n, rateHz },
      { type: "poisson", name: "noiseI", n: I.n, rateHz },
      { type: "poisson", name: "cue", n: SELECTIVE_N, rateHz: 1000 / dt, inputs: 0 },
      lif("E", extE.bias), lif("I", extI.bias),
    ],
    synapses,
  };
}

/** summary.json of `stp-wasm paper mongillo2008`. */
export interface Mongillo2008Summary {
  cue: { population: string; startMs: number; endMs: number };
  /** Population spikes of each selective population after the cue's end (ms from the start of the run). */
  populationSpikesMs: Record<string, number[]>;
  /** Mean firing rates (Hz) over the whole run. */
  meanRateHz: { E: number; I: number };
}

export interface Mongillo2008Result {
  options: ResolvedMongillo2008;
  steps: number;
  spikes: { E: SpikeList; I: SpikeList };
  binMs: number;
  /** Rates (Hz) in bins of binMs: each selective population ("S1".."S5"), "non-selective" E, "I". */
  rates: Record<string, Float64Array>;
  /** Every population spike of each selective population, the cue's time included. */
  populationSpikes: Record<string, PopulationEvent[]>;
  /** Mean u x of the E -> E synapses from each selective population (u, x per presynaptic unit), at the end of each bin. */
  ux: Record<string, Float64Array>;
  summary: Mongillo2008Summary;
  /** Wall-clock seconds: building the network (connections, weights, layout) and running it. */
  seconds: { build: number; run: number };
}

/** Run the network with the cue: spikes, rates, population spikes, mean u x, summary. */
export async function mongillo2008(options: Mongillo2008Options = {}): Promise<Mongillo2008Result> {
  const o = resolveMongillo2008(options);
  const { E, I } = MBT2008.populations;
  const P = MBT2008.selective.count;
  const t0 = performance.now();
  const net = mongillo2008Network(o);
  const selectiveUnits = P * SELECTIVE_N;
  net.record = [
    { name: "E", vars: ["spikes"] }, { name: "I", vars: ["spikes"] },
    // presynaptic state: the u and x of unit j are those of all its E -> E synapses
    { name: "EE", vars: ["u", "x"], units: Array.from({ length: selectiveUnits }, (_, j) => j) },
  ];
  const steps = Math.round(o.durationMs / o.dt);
  const binMs = MBT2008.populationSpike.binMs;
  const bins = Math.round(o.durationMs / binMs);
  const stepsPerBin = Math.round(binMs / o.dt);
  const ux: Record<string, Float64Array> = {};
  for (let k = 0; k < P; k++) ux[selectiveName(k)] = new Float64Array(bins);
  const collector = new SpikeCollector(["E", "I"]);
  const sim = await Simulation.create(net, { threads: o.threads, steps });
  const t1 = performance.now();
  const take = (chunk: RunResult) => {
    collector.add(chunk);
    const u = chunk.records.EE.u;
    const x = chunk.records.EE.x;
    const n = u.columns;
    for (let i = 0; i < chunk.steps; i++) {
      const step = chunk.firstStep + i;
      if ((step + 1) % stepsPerBin !== 0) continue;
      const b = (step + 1) / stepsPerBin - 1;
      for (let k = 0; k < P; k++) {
        let sum = 0;
        for (let j = k * SELECTIVE_N; j < (k + 1) * SELECTIVE_N; j++) sum += u.data[i * n + j] * x.data[i * n + j];
        ux[selectiveName(k)][b] = sum / SELECTIVE_N;
      }
    }
  };
  const cueStart = Math.round(o.cueStartMs / o.dt);
  const cueEnd = Math.round((o.cueStartMs + MBT2008.cue.durationMs) / o.dt);
  try {
    const run = (n: number) => { if (n > 0) sim.run(n, { keep: false, onRecords: take }); };
    run(cueStart);
    sim.setInputs("cue", 1);
    run(cueEnd - cueStart);
    sim.setInputs("cue", 0);
    run(steps - cueEnd);
  } finally {
    sim.dispose();
  }
  const t2 = performance.now();
  const spikes = { E: collector.spikes("E"), I: collector.spikes("I") };
  const rates: Record<string, Float64Array> = {};
  const populationSpikes: Record<string, PopulationEvent[]> = {};
  for (let k = 0; k < P; k++) {
    const name = selectiveName(k);
    rates[name] = ratesHz(binCounts(spikes.E, o.dt, binMs, bins, (e) => selectiveOf(e) === k), SELECTIVE_N, binMs);
    populationSpikes[name] = populationEvents(rates[name], MBT2008.populationSpike);
  }
  rates["non-selective"] = ratesHz(binCounts(spikes.E, o.dt, binMs, bins, (e) => selectiveOf(e) < 0), E.n - selectiveUnits, binMs);
  rates.I = ratesHz(binCounts(spikes.I, o.dt, binMs, bins), I.n, binMs);
  const cueEndMs = o.cueStartMs + MBT2008.cue.durationMs;
  const summary: Mongillo2008Summary = {
    cue: { population: selectiveName(o.cuePopulation - 1), startMs: o.cueStartMs, endMs: cueEndMs },
    populationSpikesMs: Object.fromEntries(Object.entries(populationSpikes).map(([k, ev]) => [k, ev.map((e) => e.timeMs).filter((t) => t > cueEndMs)])),
    meanRateHz: { E: meanRateHz(spikes.E.count, E.n, o.durationMs), I: meanRateHz(spikes.I.count, I.n, o.durationMs) },
  };
  return { options: o, steps, spikes, binMs, rates, populationSpikes, ux, summary, seconds: { build: (t1 - t0) / 1000, run: (t2 - t1) / 1000 } };
}
