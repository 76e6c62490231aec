// The rate sweep: the lesson's network run at several Poisson input rates, `trials` copies each, and
// reduced to one row per rate: spikes in and out, the transmission ratio (post / pre) and the mean
// efficacy per presynaptic spike (u x at the spike, i.e. Wdyn / W). Used by `stp-wasm sweep`, the
// demo's sweep panel (in its Web Worker) and `stp-wasm protocol rate-sweep`. Each ratio comes with
// its standard error over the trials (jackknife: the spread of the ratio with one trial left out).
import { StpOptionError } from "../core/errors.js";
import { Kernel } from "../runtime/kernel.js";
import { lessonNetwork, resolveLesson, type LessonOptions, type ResolvedLesson } from "./lesson.js";
import { num } from "../core/checks.js";
import type { NetworkOptions } from "../network/options.js";
import { Simulation, type SimulationOptions } from "../simulation.js";

/** The rates swept when none are given, in Hz. */
export const DEFAULT_SWEEP_RATES: readonly number[] = [1, 2, 5, 10, 20, 30, 50, 70, 100];
/** Trials per rate when not given. */
export const DEFAULT_SWEEP_TRIALS = 20;
/** At most this many rates in one sweep. */
export const MAX_SWEEP_RATES = 1000;

/** The lesson's options (except the input, which the sweep sets) plus the rates and trials. */
export interface RateSweepOptions extends Omit<LessonOptions, "rateHz" | "spikeTimes" | "trials"> {
  /** Poisson input rates in Hz, each > 0 with rate * dt / 1000 <= 1 (default DEFAULT_SWEEP_RATES). */
  rates?: number[];
  /** Independent trials per rate (default 20). */
  trials?: number;
}

/** The options a sweep ran with, every one resolved. */
export type ResolvedRateSweep = Omit<ResolvedLesson, "rateHz" | "spikeTimes"> & { rates: number[] };

/** One rate's result, over all its trials. */
export interface RateSweepRow {
  /** Input rate in Hz. */
  rateHz: number;
  trials: number;
  /** Presynaptic (input) spikes, mean per trial. */
  preSpikes: number;
  /** Postsynaptic (LIF) spikes, mean per trial. */
  postSpikes: number;
  /** Total post spikes / total pre spikes over all trials (NaN when there was no pre spike). */
  transmissionRatio: number;
  /**
   * Mean of u x over every presynaptic spike of every trial, with u and x as the synapse used them
   * at the spike (dimensionless, in [0, 1]; Wdyn / W at the spike). NaN when there was no pre spike.
   */
  efficacyPerSpike: number;
  /**
   * Standard errors (SEM) of transmissionRatio and efficacyPerSpike over the trials: the jackknife's,
   * sqrt((K - 1) / K * sum_k (R_-k - mean R_-k)^2) with R_-k the ratio of the sums without trial k
   * (both are ratios of sums over trials). NaN for one trial, or where a trial holds every pre spike.
   */
  transmissionRatioSem: number;
  efficacyPerSpikeSem: number;
}

export interface RateSweepResult {
  options: ResolvedRateSweep;
  /** One row per rate, in the order of options.rates. */
  rows: RateSweepRow[];
}

/** Kernel settings for a sweep, and a progress callback. */
export interface RateSweepSettings extends Pick<SimulationOptions, "mode" | "wasm" | "maxBytes" | "kernel"> {
  /** Called after each rate with its row and index. */
  onRow?: (row: RateSweepRow, index: number) => void;
  /** Steps run per chunk while reducing (default: records of about 16 MiB); results do not depend on it. */
  chunkSteps?: number;
}

const SWEEP_KEYS = ["rates", "trials"];

/**
 * Resolve and check a sweep's options (errors name the sweep's option, e.g. `rates[3]`), before
 * anything runs. Each rate is checked as the lesson's rateHz (> 0 here, and rate * dt / 1000 <= 1).
 */
export function resolveRateSweep(options: RateSweepOptions = {}): { options: ResolvedRateSweep; lessons: ResolvedLesson[] } {
  if (options === null || typeof options !== "object") throw new StpOptionError("options", options, "an object of rate-sweep options");
  const { rates = [...DEFAULT_SWEEP_RATES], trials = DEFAULT_SWEEP_TRIALS, ...rest } = options;
  for (const key of ["rateHz", "spikeTimes"]) {
    if (key in rest) throw new StpOptionError(key, (rest as Record<string, unknown>)[key], `one of the lesson's options other than rateHz and spikeTimes, or ${SWEEP_KEYS.join(", ")}`, "the sweep sets the input itself; give rates instead");
  }
  if (!Array.isArray(rates) || rates.length === 0 || rates.length > MAX_SWEEP_RATES) {
    throw new StpOptionError("rates", rates, `a list of 1 to ${MAX_SWEEP_RATES} rates in Hz`);
  }
  const lessons: ResolvedLesson[] = [];
  rates.forEach((rateHz, i) => {
    if (typeof rateHz !== "number" || !(rateHz > 0)) throw new StpOptionError(`rates[${i}]`, rateHz, "a rate in Hz > 0");
    try {
      lessons.push(resolveLesson({ ...rest, rateHz, trials }));
    } catch (err) {
      throw err instanceof StpOptionError ? err.renamed({ rateHz: `rates[${i}]` }) : err;
    }
  });
  const { rateHz: _r, spikeTimes: _s, ...resolved } = lessons[0];
  return { options: { ...resolved, rates: [...rates] }, lessons };
}

/**
 * The lesson's network for one rate, plus a shadow synapse "E" (W = 1, g = 0: it adds exactly 0 to
 * the LIF's input) whose recorded Wdyn is u x at each spike, whatever W is; records every trial.
 */
function sweepNetwork(o: ResolvedLesson): NetworkOptions {
  const net = lessonNetwork(o);
  const main = net.synapses![0];
  return {
    ...net,
    synapses: [main, { ...main, name: "E", weights: 1, gConduct: 0 }],
    record: [{ name: "z0", vars: ["spikes"] }, { name: "E", vars: ["wdyn"] }],
  };
}

/**
 * Run the lesson at each rate of `options.rates` with `options.trials` trials and reduce each to a
 * row. Every rate runs with the same seed, so a row's spike counts are exactly those of
 * `runLesson({ ...options, rateHz, trials })`. Options are checked before anything runs.
 */
export async function rateSweep(options: RateSweepOptions = {}, settings: RateSweepSettings = {}): Promise<RateSweepResult> {
  const { options: resolved, lessons } = resolveRateSweep(options);
  const { onRow, chunkSteps, ...kernelSettings } = settings;
  if (chunkSteps !== undefined) num("chunkSteps", chunkSteps, { min: 1, integer: true });
  // the first rate's Simulation loads a kernel holding what one rate needs (every rate needs the
  // same); the next rates reuse it
  let kernel = kernelSettings.kernel;
  const rows: RateSweepRow[] = [];
  for (const [index, o] of lessons.entries()) {
    const { row, kernel: used } = await sweepRow(o, { ...kernelSettings, kernel }, chunkSteps);
    kernel = used;
    rows.push(row);
    onRow?.(row, index);
  }
  return { options: resolved, rows };
}

/** Records stay within about 16 MiB per chunk, whatever the trial count. */
const CHUNK_BYTES = 1 << 24;

/**
 * The jackknife standard error over trials of the ratio sum(a) / sum(b), from per-trial a_k, b_k.
 * NaN for fewer than two trials or where leaving a trial out leaves sum(b) = 0.
 */
export function jackknifeRatioSem(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const K = a.length;
  if (K < 2) return NaN;
  let sa = 0;
  let sb = 0;
  for (let k = 0; k < K; k++) {
    sa += a[k];
    sb += b[k];
  }
  const leaveOut = Array.from({ length: K }, (_, k) => (sa - a[k]) / (sb - b[k]));
  if (leaveOut.some((r) => !Number.isFinite(r))) return NaN;
  const mean = leaveOut.reduce((s, r) => s + r, 0) / K;
  return Math.sqrt(((K - 1) / K) * leaveOut.reduce((s, r) => s + (r - mean) ** 2, 0));
}

/**
 * One resolved lesson (one rate) run and reduced to a row; `chunkSteps` as in RateSweepSettings.
 * Returns the kernel it ran on, for the next row to reuse.
 */
export async function sweepRow(o: ResolvedLesson, settings: SimulationOptions, chunkSteps?: number): Promise<{ row: RateSweepRow; kernel: Kernel }> {
  const chunk = Math.max(1, Math.min(o.steps, chunkSteps ?? Math.floor(CHUNK_BYTES / (5 * o.trials))));
  const sim = await Simulation.create(sweepNetwork(o), { ...settings, steps: o.steps, chunkSteps: chunk });
  // u x summed over each trial's spikes (records are rows of steps, one column per trial)
  const efficacy = new Float64Array(o.trials);
  try {
    for (let done = 0; done < o.steps; done += chunk) {
      const res = sim.run(Math.min(chunk, o.steps - done));
      const spikes = res.records.z0.spikes.data;
      const ux = res.records.E.wdyn.data;
      for (let i = 0; i < spikes.length; i++) if (spikes[i]) efficacy[i % o.trials] += ux[i];
    }
    const preK = sim.spikesPerTrial("z0");
    const postK = sim.spikesPerTrial("z1");
    const pre = preK.reduce((a, b) => a + b, 0);
    const post = postK.reduce((a, b) => a + b, 0);
    const efficacySum = efficacy.reduce((a, b) => a + b, 0);
    const row = {
      rateHz: o.rateHz,
      trials: o.trials,
      preSpikes: pre / o.trials,
      postSpikes: post / o.trials,
      transmissionRatio: pre > 0 ? post / pre : NaN,
      efficacyPerSpike: pre > 0 ? efficacySum / pre : NaN,
      transmissionRatioSem: jackknifeRatioSem(postK, preK),
      efficacyPerSpikeSem: jackknifeRatioSem(efficacy, preK),
    };
    return { row, kernel: sim.kernel };
  } finally {
    sim.dispose();
  }
}

/** The sweep's table as text cells: one header and one row of cells per rate. */
export function sweepTable(result: { rows: RateSweepRow[] }): { header: string[]; rows: string[][] } {
  const f = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : "n/a");
  return {
    header: ["rate (Hz)", "trials", "pre / trial", "post / trial", "post/pre", "± SEM", "efficacy / spike", "± SEM"],
    rows: result.rows.map((r) => [String(r.rateHz), String(r.trials), f(r.preSpikes, 2), f(r.postSpikes, 2),
      f(r.transmissionRatio, 4), f(r.transmissionRatioSem, 4), f(r.efficacyPerSpike, 4), f(r.efficacyPerSpikeSem, 4)]),
  };
}

/** A short label of a sweep's synapse parameters, e.g. "STD: U = 0.45, tauF = 50 ms, tauD = 750 ms". */
export function sweepLabel(o: Pick<ResolvedRateSweep, "preset" | "resources" | "tauF" | "tauD">, name = o.preset.toUpperCase()): string {
  return `${name}: U = ${o.resources}, tauF = ${o.tauF} ms, tauD = ${o.tauD} ms`;
}
