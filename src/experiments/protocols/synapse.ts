// What the synapse protocols share: their synapse options (the lesson's presets and names), their
// validation, and one kernel run that drives a synapse with one spike train per presynaptic unit
// and reads the efficacy u * x every spike used.
import { StpOptionError } from "../../core/errors.js";
import { offGrid, wholeSteps } from "../stepGrid.js";
import { PRESETS, type Preset } from "../lesson.js";
import { num, unknownOption } from "../../core/checks.js";
import { validateNetwork, type NetworkOptions } from "../../network/options.js";
import { simulate } from "../../simulation.js";
import type { StpParams } from "../../science/theory.js";

/** The synapse a protocol drives; every option has the lesson's value as default. */
export interface SynapseProtocolOptions {
  /** "stf" (default) or "std": the lesson's U, tauF, tauD. */
  preset?: Preset;
  /** Resources U in [0, 1] (default from the preset). */
  resources?: number;
  /** Facilitation time constant in ms, 0 = off (default from the preset). */
  tauF?: number;
  /** Depression (recovery) time constant in ms, 0 = off (default from the preset). */
  tauD?: number;
  /** u's resting value: 0 (default) or "U". */
  uRest?: 0 | "U";
  /** Inactivation time constant in ms (three-state resources, exact only; default 0). */
  tauInact?: number;
  /** "exact" (default here: the continuous model) or "euler" (the lesson's map). */
  integration?: "euler" | "exact";
  /** Step in ms (default 0.1). */
  dt?: number;
}

export type ResolvedSynapseProtocol = Required<SynapseProtocolOptions>;

export const SYNAPSE_PROTOCOL_DEFAULTS = { preset: "stf" as Preset, uRest: 0 as 0 | "U", tauInact: 0, integration: "exact" as "euler" | "exact", dt: 0.1 };
const SYNAPSE_KEYS = ["preset", "resources", "tauF", "tauD", "uRest", "tauInact", "integration", "dt"];

/** Network option paths -> the protocol's option names, for error messages. */
const NAMES: Record<string, string> = {
  dt: "dt", "synapses[0].resources": "resources", "synapses[0].tauF": "tauF", "synapses[0].tauD": "tauD",
  "synapses[0].uRest": "uRest", "synapses[0].tauInact": "tauInact", "synapses[0].integration": "integration",
};

/** Refuse option names outside `keys` (the protocol's own plus the synapse's). */
export function checkKeys(options: object, own: readonly string[]): void {
  if (options === null || typeof options !== "object") throw new StpOptionError("options", options, "an object of protocol options");
  const keys = [...SYNAPSE_KEYS, ...own];
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) unknownOption("", key, (options as Record<string, unknown>)[key], keys);
  }
}

/** Resolve the synapse options (preset defaults) and validate them as a network would. */
export function resolveSynapse(options: SynapseProtocolOptions): ResolvedSynapseProtocol {
  const preset = options.preset ?? SYNAPSE_PROTOCOL_DEFAULTS.preset;
  if (!(preset in PRESETS)) throw new StpOptionError("preset", preset, `"stf" or "std"`);
  const p = PRESETS[preset];
  const defined = Object.fromEntries(Object.entries(options).filter(([k, v]) => v !== undefined && SYNAPSE_KEYS.includes(k)));
  const o = { ...SYNAPSE_PROTOCOL_DEFAULTS, resources: p.resources, tauF: p.tauF, tauD: p.tauD, ...defined, preset } as ResolvedSynapseProtocol;
  try {
    const { steps, ...network } = trainNetwork(o, [[o.dt]], 1);
    validateNetwork(network, steps);
  } catch (err) {
    throw err instanceof StpOptionError ? err.renamed(NAMES) : err;
  }
  return o;
}

/** The closed forms' parameters of a resolved synapse. */
export function paramsOf(o: ResolvedSynapseProtocol): StpParams {
  return { U: o.resources, tauF: o.tauF, tauD: o.tauD, uRest: o.uRest, tauInact: o.tauInact };
}

/**
 * A duration in ms as a whole number of steps of dt (>= 1), or an error naming `option`: the
 * protocols place spikes on the step grid, so an interval that is not a multiple of dt is refused.
 */
export function stepsOf(option: string, ms: unknown, dt: number, maxMs = 1e6): number {
  const v = num(option, ms, { min: 0, minExclusive: true, max: maxMs });
  const m = wholeSteps(v, dt);
  if (m === undefined || m < 1) throw new StpOptionError(option, v, `a positive multiple of dt = ${dt} ms`, m === undefined ? offGrid(v, dt) : "spikes lie on the step grid");
  return m;
}

/** A non-empty list of durations (ms) as steps, each checked by stepsOf. */
export function stepsList(option: string, list: unknown, dt: number, maxItems = 200): number[] {
  if (!Array.isArray(list) || list.length === 0 || list.length > maxItems) {
    throw new StpOptionError(option, list, `a list of 1 to ${maxItems} durations in ms, each a multiple of dt = ${dt} ms`);
  }
  return list.map((v, i) => stepsOf(`${option}[${i}]`, v, dt));
}

/** One spike train per presynaptic unit (spike steps) -> a synapse with W = 1 onto a silent LIF. */
function trainNetwork(o: ResolvedSynapseProtocol, times: number[][], steps: number): NetworkOptions & { steps: number } {
  return {
    steps, dt: o.dt, seed: 0,
    populations: [
      { type: "spikeTrain", name: "pre", times },
      { type: "lif", name: "post", n: 1, resistM: 0, tauTheta: 0, refractTime: 0 },
    ],
    synapses: [{
      name: "W", pre: "pre", post: "post", weights: 1, resources: o.resources, tauF: o.tauF, tauD: o.tauD,
      uRest: o.uRest, tauInact: o.tauInact, integration: o.integration,
    }],
    record: [{ name: "W", vars: ["wdyn"] }],
  };
}

/** Recorded values a protocol run may hold (steps x trains), 100 MB of float32. */
export const MAX_RECORDED = 25_000_000;

/**
 * Drive the synapse with one train per unit (spike step indices, increasing) and return, per
 * train, the efficacy u * x each spike used (Wdyn with W = 1 on its spike step). `option` names
 * what sets the run's length, for the error when the run would record too much.
 */
export async function trainEfficacies(o: ResolvedSynapseProtocol, trains: number[][], option: string): Promise<number[][]> {
  const steps = Math.max(...trains.map((s) => s[s.length - 1])) + 1;
  if (steps * trains.length > MAX_RECORDED) {
    throw new StpOptionError(option, `${steps} steps x ${trains.length} trains`, `at most ${MAX_RECORDED} recorded values`, "the run is too long at this dt; use shorter durations, fewer of them or a larger dt");
  }
  // a spike at any time in ((i) dt, (i + 1) dt] lands on step i; mid-step is safe from rounding
  const times = trains.map((s) => s.map((i) => (i + 0.5) * o.dt));
  const res = await simulate(trainNetwork(o, times, steps));
  const wdyn = res.records.W.wdyn;
  return trains.map((s, j) => s.map((i) => wdyn.data[i * wdyn.columns + j]));
}
