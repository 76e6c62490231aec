// ngc-learn's short-term plasticity lesson: PoissonCell -> STPDenseSynapse -> LIFCell, with its
// meta-parameters and its STF / STD presets, run as one network of `trials` independent copies.
import { StpOptionError } from "../core/errors.js";
import { offGrid, wholeSteps } from "./stepGrid.js";
import { num, unknownOption } from "../core/checks.js";
import { validateNetwork, type NetworkOptions } from "../network/options.js";
import { simulate, type RunOptions, type SimulationOptions } from "../simulation.js";
import { CONDUCTANCE_DEFAULTS } from "../models/conductance.js";
import { LESSON_DEFAULTS, LESSON_KEYS, PRESETS, type Preset } from "./lessonDefaults.js";

export { LESSON_DEFAULTS, LESSON_KEYS, PRESETS, type Preset };

/** The lesson's meta-parameters; every one has the lesson's value as default. */
export interface LessonOptions {
  /** "stf" (facilitation-dominated, default) or "std" (depression-dominated). */
  preset?: Preset;
  /** Poisson input rate in Hz (default 2). */
  rateHz?: number;
  /** Steps (default 5000). */
  steps?: number;
  /** Step in ms (default 1). */
  dt?: number;
  /** Run seed, number or string (default 231, the lesson's PRNGKey). */
  seed?: number | string;
  /** Independent copies (default 1). */
  trials?: number;
  /** Resources U (default from the preset). */
  resources?: number;
  /** Facilitation time constant in ms (default from the preset). */
  tauF?: number;
  /** Depression time constant in ms (default from the preset). */
  tauD?: number;
  /** Maximal efficacy W (default 2.5). */
  weight?: number;
  /** Membrane time constant in ms (default 20). */
  tauM?: number;
  /** The lesson's R_m: the LIF resistance is tauM / dt * rM (default 12). */
  rM?: number;
  /** Resting potential in mV (default -60). */
  vRest?: number;
  /** Reset potential in mV (default -70). */
  vReset?: number;
  /** Threshold in mV (default -50). */
  thr?: number;
  /** Refractory period in ms (default 0). */
  refractTime?: number;
  /** Explicit presynaptic spike times in ms, replacing the Poisson source (default none). */
  spikeTimes?: number[] | null;
  /** Synapse integration, "euler" (the lesson's map, default) or "exact". */
  integration?: "euler" | "exact";
  /** u's resting value: 0 (the lesson's, default) or "U" (u relaxes to U). */
  uRest?: 0 | "U";
  /** Inactivation time constant in ms, three-state resources (default 0: off; needs "exact"). */
  tauInact?: number;
  /**
   * Synaptic time constant in ms: of the LIF's synaptic current with target "current" (default 0:
   * one-step pulses, the lesson's), of the conductance with target "conductance" (default 5, > 0).
   */
  tauSyn?: number;
  /** What the synapse drives: "current" (the lesson's, default) or "conductance" (g decaying with tauSyn, current g (eRev - v)). */
  target?: "current" | "conductance";
  /** Reversal potential in mV of a conductance target (default 0 there; none with target "current"). */
  eRev?: number | null;
  /** LIF integration: "euler" (the lesson's, default), "midpoint" or "exact". */
  lifIntegration?: "euler" | "midpoint" | "exact";
  /** "deterministic" (default: W u x per spike) or "quantal" (`sites` sites releasing with probability u; the synapse's integration then defaults to "exact"). */
  release?: "deterministic" | "quantal";
  /** Release sites with release "quantal" (default 1). */
  sites?: number | null;
}

/** Every lesson option resolved to a value. */
export type ResolvedLesson = Required<Omit<LessonOptions, "spikeTimes">> & { spikeTimes: number[] | null };

/** Where the network's option paths come from in the lesson's options. */
export const LESSON_OPTION_NAMES: Record<string, string> = {
  dt: "dt", seed: "seed", trials: "trials", steps: "steps",
  "populations[0].rateHz": "rateHz", "populations[0].times": "spikeTimes",
  "populations[1].tauM": "tauM", "populations[1].vRest": "vRest", "populations[1].vReset": "vReset",
  "populations[1].thr": "thr", "populations[1].refractTime": "refractTime",
  "synapses[0].weights": "weight", "synapses[0].resources": "resources", "synapses[0].tauF": "tauF",
  "synapses[0].tauD": "tauD", "synapses[0].integration": "integration",
  "synapses[0].uRest": "uRest", "synapses[0].tauInact": "tauInact", "populations[1].tauSyn": "tauSyn",
  "populations[1].integration": "lifIntegration", "synapses[0].target": "target", "synapses[0].eRev": "eRev",
  "synapses[0].tauSyn": "tauSyn", "synapses[0].release": "release", "synapses[0].sites": "sites",
};

/** Resolve defaults and check every lesson option (errors name the lesson's option). */
export function resolveLesson(options: LessonOptions = {}): ResolvedLesson {
  if (options === null || typeof options !== "object") throw new StpOptionError("options", options, "an object of lesson options");
  for (const key of Object.keys(options)) {
    if (!LESSON_KEYS.includes(key)) unknownOption("", key, (options as Record<string, unknown>)[key], LESSON_KEYS);
  }
  const preset = options.preset ?? LESSON_DEFAULTS.preset;
  if (!(preset in PRESETS)) throw new StpOptionError("preset", preset, `"stf" or "std"`);
  const p = PRESETS[preset];
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o = { ...LESSON_DEFAULTS, resources: p.resources, tauF: p.tauF, tauD: p.tauD, ...defined, preset } as ResolvedLesson;
  // the conductance's time constant has its own default (the lesson's one-step pulses are a current's)
  if (o.target === "conductance") {
    o.tauSyn = options.tauSyn ?? CONDUCTANCE_DEFAULTS.tauSyn;
    o.eRev = options.eRev ?? CONDUCTANCE_DEFAULTS.eRev;
  } else if (o.eRev != null) throw new StpOptionError("eRev", options.eRev, `no eRev with target "${o.target}"`, `eRev is the reversal potential of a conductance target (target: "conductance")`);
  // quantal release updates each connection at its spikes: the exact relaxation unless asked otherwise
  if (o.release === "quantal" && options.integration === undefined) o.integration = "exact";
  num("rM", o.rM, { min: 0 });
  if (o.spikeTimes !== null && !Array.isArray(o.spikeTimes)) throw new StpOptionError("spikeTimes", o.spikeTimes, "null or an increasing list of times in ms");
  try {
    validateNetwork(lessonNetwork(o), o.steps);
  } catch (err) {
    throw err instanceof StpOptionError ? err.renamed(LESSON_OPTION_NAMES) : err;
  }
  // as in the protocols, a spike time must be a step's t (the network itself would move it to the next step)
  o.spikeTimes?.forEach((t, i) => {
    if (wholeSteps(t, o.dt) === undefined) throw new StpOptionError(`spikeTimes[${i}]`, t, `a multiple of dt = ${o.dt} ms`, offGrid(t, o.dt));
  });
  return o;
}

/** The lesson's network: z0 (Poisson or spike train) -> W (STP) -> z1 (LIF), recording trial 0. */
export function lessonNetwork(o: ResolvedLesson): NetworkOptions {
  const conductance = o.target === "conductance";
  const z0 = o.spikeTimes
    ? { type: "spikeTrain" as const, name: "z0", times: o.spikeTimes }
    : { type: "poisson" as const, name: "z0", n: 1, rateHz: o.rateHz };
  return {
    dt: o.dt, seed: o.seed, trials: o.trials,
    populations: [
      z0,
      {
        type: "lif", name: "z1", n: 1, tauM: o.tauM, resistM: (o.tauM / o.dt) * o.rM, vRest: o.vRest,
        vReset: o.vReset, thr: o.thr, tauTheta: 0, thetaPlus: 0, refractTime: o.refractTime,
        tauSyn: conductance ? 0 : o.tauSyn, integration: o.lifIntegration,
      },
    ],
    synapses: [{
      name: "W", pre: "z0", post: "z1", weights: o.weight, resources: o.resources, tauF: o.tauF, tauD: o.tauD,
      integration: o.integration, uRest: o.uRest, tauInact: o.tauInact,
      ...(o.release !== "deterministic" || o.sites !== null ? { release: o.release, ...(o.sites !== null ? { sites: o.sites } : {}) } : {}),
      ...(conductance ? { target: "conductance" as const, eRev: o.eRev ?? CONDUCTANCE_DEFAULTS.eRev, tauSyn: o.tauSyn } : {}),
    }],
    record: [
      { name: "z0", vars: ["spikes"], trials: [0] },
      { name: "W", vars: ["u", "x", "wdyn"], trials: [0] },
      { name: "z1", vars: ["v", "spikes"], trials: [0] },
    ],
  };
}

/** One lesson run: trial 0's traces and every trial's counts. */
export interface LessonRun {
  options: ResolvedLesson;
  /** Time of each step in ms, (i + 1) * dt. */
  t: Float64Array;
  pre: Uint8Array;
  u: Float32Array;
  x: Float32Array;
  wdyn: Float32Array;
  v: Float32Array;
  post: Uint8Array;
  /** Per trial. */
  preSpikes: number[];
  postSpikes: number[];
  /** post / pre per trial (NaN where pre = 0). */
  transmissionRatio: number[];
}

/**
 * Run the lesson (validated before anything runs). `runOptions` streams or stops it (see
 * Simulation.run); with `keep: false` the returned traces are empty and only the counts remain.
 */
export async function runLesson(options: LessonOptions = {}, settings: SimulationOptions = {}, runOptions: RunOptions = {}): Promise<LessonRun> {
  const o = resolveLesson(options);
  const res = await simulate({ ...lessonNetwork(o), steps: o.steps }, settings, runOptions);
  const preSpikes = Array.from(res.spikeCounts.z0);
  const postSpikes = Array.from(res.spikeCounts.z1);
  return {
    options: o,
    t: Float64Array.from({ length: res.records.W.u.data.length }, (_, i) => (i + 1) * o.dt),
    pre: res.records.z0.spikes.data as Uint8Array,
    u: res.records.W.u.data as Float32Array,
    x: res.records.W.x.data as Float32Array,
    wdyn: res.records.W.wdyn.data as Float32Array,
    v: res.records.z1.v.data as Float32Array,
    post: res.records.z1.spikes.data as Uint8Array,
    preSpikes,
    postSpikes,
    transmissionRatio: postSpikes.map((p, k) => (preSpikes[k] > 0 ? p / preSpikes[k] : NaN)),
  };
}
