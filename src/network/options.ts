// Public option types, their defaults (ngc-learn's, where ngc-learn has one) and their validation.
// validateNetwork() checks every option and returns a fully resolved NetworkSpec; nothing is
// allocated before it has returned.
import { StpOptionError } from "../core/errors.js";

/** A value initialiser: a constant, a seeded distribution, or explicit values. */
export type Init =
  | number
  | { dist: "constant"; value: number }
  | { dist: "uniform"; low: number; high: number; seed?: number | string }
  | { dist: "gaussian"; mean: number; std: number; seed?: number | string }
  | ArrayLike<number>
  | ArrayLike<number>[];

/** PoissonCell: n units, each spiking with probability inputs * rateHz * dt / 1000 per step. */
export interface PoissonOptions {
  type: "poisson";
  name: string;
  /** Units (default 1). */
  n?: number;
  /** Target firing rate in Hz at input intensity 1 (default 63.75, ngc-learn's target_freq). */
  rateHz?: number;
  /** Input intensity in [0, 1], one value or one per unit (default 1). */
  inputs?: number | ArrayLike<number>;
}

/** Explicit spike trains: spike times in ms per unit; a spike at T lands on the step whose t = T. */
export interface SpikeTrainOptions {
  type: "spikeTrain";
  name: string;
  /** Times in ms: one increasing list (n = 1) or one list per unit. */
  times: ArrayLike<number> | ArrayLike<number>[];
}

/** LIFCell, ngc-learn's meanings and defaults. */
export interface LifOptions {
  type: "lif";
  name: string;
  /** Units (default 1). */
  n?: number;
  /** Membrane time constant in ms (default 20, the lesson's; ngc-learn has none). */
  tauM?: number;
  /** Membrane resistance: input current is multiplied by it (default 1). */
  resistM?: number;
  /** Resting potential in mV (default -65). */
  vRest?: number;
  /** Reset potential in mV (default -60). */
  vReset?: number;
  /** Base spike threshold in mV (default -52). */
  thr?: number;
  /** Refractory period in ms (default 5). */
  refractTime?: number;
  /** Adaptive-threshold time constant in ms; 0 turns adaptation off (default 1e7). */
  tauTheta?: number;
  /** Threshold increment per spike in mV (default 0.05). */
  thetaPlus?: number;
  /** Leak conductance factor g_L, dimensionless (default 1). */
  conductLeak?: number;
  /** Lower bound on v in mV, or null for none (default null). */
  vMin?: number | null;
  /**
   * "euler" (default), "midpoint" (RK2) or "exact" (exponential propagators, iaf_psc_exp style:
   * exact for an input constant over the step, or for the decaying current of tauSyn > 0).
   */
  integration?: "euler" | "midpoint" | "exact";
  /**
   * Synaptic current time constant in ms. 0 (default, the lesson's): each step's synaptic input
   * is a one-step current pulse. > 0: the input feeds a current that decays with tauSyn; input that
   * arrives in a step raises the current at the end of that step (iaf_psc_exp's convention).
   */
  tauSyn?: number;
}

/** STPDenseSynapse (Tsodyks-Markram), shape n_pre x n_post. */
export interface SynapseOptions {
  name: string;
  /** Presynaptic population: a source or a LIF population (its spikes of the previous step). */
  pre: string;
  /** Postsynaptic LIF population. */
  post: string;
  /** Maximal efficacies W, n_pre x n_post (default uniform on [0.025, 0.8], ngc-learn's). */
  weights?: Init;
  /** Resources U per presynaptic unit, in [0, 1] (default uniform on [0.125, 0.175], ngc-learn's). */
  resources?: Init;
  /** Facilitation time constant in ms; 0 turns STF off (u = U) (default 750). */
  tauF?: number;
  /** Depression time constant in ms; 0 turns STD off (x = 1) (default 50). */
  tauD?: number;
  /** Conductance factor g applied to the output (default 1). */
  gConduct?: number;
  /** Bias per postsynaptic unit added to the output every step (default none). */
  biases?: Init | null;
  /** "euler" (ngc-learn's map, default) or "exact" (exact relaxation between spikes). */
  integration?: "euler" | "exact";
  /**
   * The value u relaxes to between spikes, and starts at: 0 (default, the lesson's and Tsodyks,
   * Pawelzik & Markram 1998's) or "U" (u relaxes to U_j, as in Mongillo, Barak & Tsodyks 2008).
   * Either way u is incremented before it is used, so after a long silence the first response
   * is W * U with 0, and W * U * (2 - U) with "U".
   */
  uRest?: 0 | "U";
  /**
   * Inactivation time constant in ms (Tsodyks, Pawelzik & Markram 1998's tau_inact; NEST's
   * tsodyks_synapse tau_psc). 0 (default): released resources start recovering at once (x alone).
   * > 0: they stay active for tauInact, then inactive until they recover with tauD, x = 1 - y - z.
   * Needs integration "exact" and tauD > 0.
   */
  tauInact?: number;
}

/** What to record every step. Columns run over trials, then units (or pairs). */
export interface RecordRequest {
  /** A population or synapse name. */
  name: string;
  /** Sources: spikes; LIF: v, spikes, rfr, theta; synapses: u, x, wdyn. */
  vars: string[];
  /** Unit indices (presynaptic units for u and x); default all. */
  units?: number[];
  /** [pre, post] index pairs for wdyn; default all. */
  pairs?: [number, number][];
  /** Trial indices; default all. */
  trials?: number[];
}

/** A whole network. */
export interface NetworkOptions {
  /** Step length in ms (default 1). */
  dt?: number;
  /** Run seed: a number or a string (hashed by seedrandom) (default 0). */
  seed?: number | string;
  /** Independent copies run side by side, each with its own random streams (default 1). */
  trials?: number;
  populations: (PoissonOptions | SpikeTrainOptions | LifOptions)[];
  synapses?: SynapseOptions[];
  record?: RecordRequest[];
}

export const LIF_DEFAULTS = {
  n: 1, tauM: 20, resistM: 1, vRest: -65, vReset: -60, thr: -52, refractTime: 5, tauTheta: 1e7,
  thetaPlus: 0.05, conductLeak: 1, vMin: null as number | null, integration: "euler" as "euler" | "midpoint" | "exact",
  tauSyn: 0,
};
export const SYNAPSE_DEFAULTS = {
  weights: { dist: "uniform", low: 0.025, high: 0.8 } as Init,
  resources: { dist: "uniform", low: 0.125, high: 0.175 } as Init,
  tauF: 750, tauD: 50, gConduct: 1, biases: null as Init | null, integration: "euler" as "euler" | "exact",
  uRest: 0 as 0 | "U", tauInact: 0,
};
export const POISSON_DEFAULTS = { n: 1, rateHz: 63.75, inputs: 1 as number | ArrayLike<number> };
export const NETWORK_DEFAULTS = { dt: 1, seed: 0 as number | string, trials: 1 };

/** Variables each kind of component can record. */
export const RECORDABLE = {
  poisson: ["spikes"],
  spikeTrain: ["spikes"],
  lif: ["v", "spikes", "rfr", "theta", "isyn"],
  synapse: ["u", "x", "wdyn"],
} as const;

// ---- resolved spec ------------------------------------------------------------------------------

export interface SourceSpec {
  kind: "poisson" | "spikeTrain";
  name: string;
  n: number;
  rateHz: number;
  /** Intensity (Poisson): one value for every unit, or one per unit. */
  inputs: number | Float32Array;
  /** Spike trains as CSR: unit j's steps are steps[offsets[j] .. offsets[j+1]) (empty for Poisson). */
  offsets: Int32Array;
  steps: Int32Array;
  /** Latest spike time in ms (spike trains), for the "beyond the run" check. */
  lastTime: number;
}
export interface LifSpec {
  name: string; n: number; tauM: number; resistM: number; vRest: number; vReset: number; thr: number;
  refractTime: number; tauTheta: number; thetaPlus: number; conductLeak: number; vMin: number | null;
  integration: "euler" | "midpoint" | "exact";
  /** ms; 0 = one-step pulses. */
  tauSyn: number;
}
export interface SynapseSpec {
  name: string;
  pre: { kind: "source" | "lif"; index: number };
  post: number;
  nPre: number;
  nPost: number;
  weights: Init;
  resources: Init;
  tauF: number; tauD: number; gConduct: number;
  biases: Init | null;
  integration: "euler" | "exact";
  uRest: 0 | "U";
  /** ms; 0 = two-state resources. */
  tauInact: number;
}
export interface RecordSpec {
  name: string;
  target: { kind: "source" | "lif" | "synapse"; index: number };
  variable: string;
  trials: number[];
  /** Unit indices, or null for all units in order. */
  units: number[] | null;
  /** [pre, post] pairs for wdyn, or null for all pairs (row-major). */
  pairs: [number, number][] | null;
  /** Values per row. */
  columns: number;
}
export interface NetworkSpec {
  dt: number;
  seed: number | string;
  trials: number;
  sources: SourceSpec[];
  lifs: LifSpec[];
  synapses: SynapseSpec[];
  records: RecordSpec[];
}

// ---- checks ---------------------------------------------------------------------------------------

function fail(option: string, value: unknown, allowed: string, detail?: string): never {
  throw new StpOptionError(option, value, allowed, detail);
}

/** The largest finite float32, 3.4028234663852886e38. */
const F32_MAX = 3.4028234663852886e38;

/** A finite number (within float32's range) within [min, max] (either bound optional, exclusive where said). */
export function num(
  option: string, value: unknown,
  range: { min?: number; max?: number; minExclusive?: boolean; integer?: boolean } = {},
): number {
  const { min, max, minExclusive, integer } = range;
  const parts: string[] = [integer ? "an integer" : "a finite number"];
  if (min !== undefined) parts.push(`${minExclusive ? ">" : ">="} ${min}`);
  if (max !== undefined) parts.push(`<= ${max}`);
  const allowed = parts.join(" ");
  if (typeof value !== "number" || !Number.isFinite(value)) fail(option, value, allowed);
  // the kernel computes in float32: a value beyond its range would become Infinity there
  if (Math.abs(value) > F32_MAX) fail(option, value, allowed, `beyond float32's range, |value| <= ${F32_MAX}`);
  if (integer && !Number.isInteger(value)) fail(option, value, allowed);
  if (min !== undefined && (minExclusive ? !(value > min) : !(value >= min))) fail(option, value, allowed);
  if (max !== undefined && !(value <= max)) fail(option, value, allowed);
  return value;
}

function oneOf<T extends string>(option: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== "string" || !choices.includes(value as T)) {
    fail(option, value, choices.map((c) => JSON.stringify(c)).join(" or "));
  }
  return value as T;
}

function knownKeys(where: string, obj: object, keys: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!keys.includes(key)) fail(`${where}.${key}`, (obj as Record<string, unknown>)[key], `one of the options ${keys.join(", ")}`, "unknown option");
  }
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** Check an initialiser's form and shape (n values, or rows x cols); each value through `check`. */
export function checkInit(
  option: string, init: unknown, rows: number, cols: number | null,
  check: (option: string, v: unknown) => void,
): Init {
  if (typeof init === "number") {
    check(option, init);
    return init;
  }
  const shape = cols === null ? `${rows}` : `${rows} x ${cols}`;
  const forms = `a number, {dist: "constant", value}, {dist: "uniform", low, high}, {dist: "gaussian", mean, std} or ${cols === null ? `${rows} values` : `${rows * cols} values (row-major) or ${rows} rows of ${cols}`}`;
  if (isArrayLike(init)) {
    const arr = init as ArrayLike<unknown>;
    if (cols !== null && arr.length === rows && arr.length > 0 && isArrayLike(arr[0])) {
      for (let r = 0; r < rows; r++) {
        const row = arr[r];
        if (!isArrayLike(row) || row.length !== cols) fail(`${option}[${r}]`, row, `${cols} values`, `row ${r} has the wrong length for shape ${shape}`);
        for (let c = 0; c < cols; c++) check(`${option}[${r}][${c}]`, (row as ArrayLike<unknown>)[c]);
      }
      return init as Init;
    }
    const want = rows * (cols ?? 1);
    if (arr.length !== want) fail(option, init, forms, `${arr.length} values do not match shape ${shape}`);
    for (let i = 0; i < want; i++) check(`${option}[${i}]`, arr[i]);
    return init as Init;
  }
  if (init === null || typeof init !== "object") fail(option, init, forms);
  const spec = init as Record<string, unknown>;
  switch (spec.dist) {
    case "constant":
      knownKeys(option, spec, ["dist", "value"]);
      check(`${option}.value`, spec.value);
      break;
    case "uniform": {
      knownKeys(option, spec, ["dist", "low", "high", "seed"]);
      const low = num(`${option}.low`, spec.low);
      num(`${option}.high`, spec.high, { min: low });
      check(`${option}.low`, low);
      check(`${option}.high`, spec.high);
      break;
    }
    case "gaussian":
      knownKeys(option, spec, ["dist", "mean", "std", "seed"]);
      num(`${option}.mean`, spec.mean);
      num(`${option}.std`, spec.std, { min: 0 });
      break;
    default:
      fail(`${option}.dist`, spec.dist, `"constant", "uniform" or "gaussian"`);
  }
  if (spec.seed !== undefined) checkSeed(`${option}.seed`, spec.seed);
  return init as Init;
}

export function checkSeed(option: string, seed: unknown): number | string {
  if (typeof seed === "string") return seed;
  if (typeof seed === "number" && Number.isFinite(seed)) return seed;
  fail(option, seed, "a finite number or a string");
}

/** Map spike times (ms) to step indices: T lands on step i = ceil(T / dt) - 1, whose t = (i + 1) dt. */
export function timeToStep(time: number, dt: number): number {
  return Math.ceil(time / dt - 1e-9) - 1;
}

const MAX_STEPS = 2 ** 31 - 1;

// ---- the validation -----------------------------------------------------------------------------

const POISSON_KEYS = ["type", "name", "n", "rateHz", "inputs"] as const;
const TRAIN_KEYS = ["type", "name", "times"] as const;
const LIF_KEYS = ["type", "name", ...Object.keys(LIF_DEFAULTS)] as const;
const SYN_KEYS = ["name", "pre", "post", ...Object.keys(SYNAPSE_DEFAULTS)] as const;
const NET_KEYS = ["dt", "seed", "trials", "populations", "synapses", "record"] as const;
const REC_KEYS = ["name", "vars", "units", "pairs", "trials"] as const;

/** Check every option of a network; returns the resolved spec or throws StpOptionError. */
export function validateNetwork(options: NetworkOptions, steps?: number): NetworkSpec {
  if (options === null || typeof options !== "object") fail("network", options, "an object with populations, synapses and record");
  knownKeys("network", options, NET_KEYS);
  const dt = num("dt", options.dt ?? NETWORK_DEFAULTS.dt, { min: 0, minExclusive: true, max: 1000 });
  const seed = checkSeed("seed", options.seed ?? NETWORK_DEFAULTS.seed);
  const trials = num("trials", options.trials ?? NETWORK_DEFAULTS.trials, { min: 1, max: 2 ** 24, integer: true });
  if (steps !== undefined) num("steps", steps, { min: 1, max: MAX_STEPS, integer: true });
  if (!Array.isArray(options.populations) || options.populations.length === 0) {
    fail("populations", options.populations, "a non-empty array of {type: \"poisson\" | \"spikeTrain\" | \"lif\", name, ...}");
  }
  const names = new Map<string, { kind: "source" | "lif" | "synapse"; index: number; n: number; type: string }>();
  const claim = (option: string, name: unknown, entry: { kind: "source" | "lif" | "synapse"; index: number; n: number; type: string }) => {
    if (typeof name !== "string" || name.length === 0) fail(option, name, "a non-empty string");
    if (names.has(name)) fail(option, name, "a name not used by another population or synapse", "duplicate name");
    names.set(name, entry);
  };
  const sources: SourceSpec[] = [];
  const lifs: LifSpec[] = [];
  options.populations.forEach((pop, i) => {
    const where = `populations[${i}]`;
    if (pop === null || typeof pop !== "object") fail(where, pop, "an object with type and name");
    const type = oneOf(`${where}.type`, (pop as { type?: unknown }).type, ["poisson", "spikeTrain", "lif"] as const);
    if (type === "poisson") {
      const p = pop as PoissonOptions;
      knownKeys(where, p, POISSON_KEYS);
      const n = num(`${where}.n`, p.n ?? POISSON_DEFAULTS.n, { min: 1, integer: true, max: 2 ** 30 });
      const rateHz = num(`${where}.rateHz`, p.rateHz ?? POISSON_DEFAULTS.rateHz, { min: 0 });
      if (rateHz * dt / 1000 > 1) {
        fail(`${where}.rateHz`, rateHz, `rateHz * dt / 1000 <= 1, i.e. rateHz <= ${1000 / dt} at dt = ${dt} ms`,
          `the spike probability per step rateHz * dt / 1000 = ${rateHz * dt / 1000} exceeds 1`);
      }
      const raw = p.inputs ?? POISSON_DEFAULTS.inputs;
      let inputs: number | Float32Array;
      if (typeof raw === "number") inputs = num(`${where}.inputs`, raw, { min: 0, max: 1 });
      else {
        if (!isArrayLike(raw) || raw.length !== n) fail(`${where}.inputs`, raw, `a number in [0, 1] or ${n} of them (one per unit)`);
        inputs = Float32Array.from({ length: n }, (_, j) => num(`${where}.inputs[${j}]`, raw[j], { min: 0, max: 1 }));
      }
      claim(`${where}.name`, p.name, { kind: "source", index: sources.length, n, type });
      sources.push({ kind: "poisson", name: p.name, n, rateHz, inputs, offsets: new Int32Array(0), steps: new Int32Array(0), lastTime: 0 });
    } else if (type === "spikeTrain") {
      const p = pop as SpikeTrainOptions;
      knownKeys(where, p, TRAIN_KEYS);
      const allowed = "an increasing list of spike times in ms (> 0), or one such list per unit";
      if (!isArrayLike(p.times) || p.times.length === 0) fail(`${where}.times`, p.times, allowed);
      const nested = isArrayLike(p.times[0]);
      const lists = (nested ? Array.from(p.times as ArrayLike<number>[]) : [p.times]) as ArrayLike<unknown>[];
      const n = lists.length;
      const offsets = new Int32Array(n + 1);
      const all: number[] = [];
      let lastTime = 0;
      lists.forEach((list, j) => {
        const o = nested ? `${where}.times[${j}]` : `${where}.times`;
        if (!isArrayLike(list)) fail(o, list, allowed);
        let prevStep = -1;
        let prevTime = 0;
        for (let m = 0; m < list.length; m++) {
          const time = num(`${o}[${m}]`, list[m], { min: 0, minExclusive: true });
          if (m > 0 && !(time > prevTime)) fail(`${o}[${m}]`, time, `a time > ${prevTime} ms (the previous one)`, "spike times must be strictly increasing");
          const step = timeToStep(time, dt);
          if (step === prevStep) fail(`${o}[${m}]`, time, `at most one spike per step of dt = ${dt} ms`, `${prevTime} ms and ${time} ms land on the same step (t = ${(step + 1) * dt} ms)`);
          if (step > MAX_STEPS - 1) fail(`${o}[${m}]`, time, `a time <= ${MAX_STEPS * dt} ms`);
          if (steps !== undefined && step >= steps) fail(`${o}[${m}]`, time, `a time <= ${steps * dt} ms (the run's last step)`, "spike time beyond the run");
          all.push(step);
          prevStep = step;
          prevTime = time;
          lastTime = Math.max(lastTime, time);
        }
        offsets[j + 1] = all.length;
      });
      claim(`${where}.name`, p.name, { kind: "source", index: sources.length, n, type });
      sources.push({ kind: "spikeTrain", name: p.name, n, rateHz: 0, inputs: 0, offsets, steps: Int32Array.from(all), lastTime });
    } else {
      const p = pop as LifOptions;
      knownKeys(where, p, LIF_KEYS);
      const d = LIF_DEFAULTS;
      const n = num(`${where}.n`, p.n ?? d.n, { min: 1, integer: true, max: 2 ** 30 });
      const tauM = num(`${where}.tauM`, p.tauM ?? d.tauM, { min: 0, minExclusive: true });
      const conductLeak = num(`${where}.conductLeak`, p.conductLeak ?? d.conductLeak, { min: 0 });
      const integration = oneOf(`${where}.integration`, p.integration ?? d.integration, ["euler", "midpoint", "exact"] as const);
      if (integration !== "exact" && conductLeak * dt / tauM > 1) {
        fail(`${where}.tauM`, tauM, `tauM >= conductLeak * dt = ${conductLeak * dt} ms`,
          `conductLeak * dt / tauM = ${conductLeak * dt / tauM} > 1 makes the explicit step overshoot v_rest`);
      }
      const vMinRaw = p.vMin === undefined ? d.vMin : p.vMin;
      lifs.push({
        name: p.name, n, tauM,
        resistM: num(`${where}.resistM`, p.resistM ?? d.resistM, { min: 0 }),
        vRest: num(`${where}.vRest`, p.vRest ?? d.vRest),
        vReset: num(`${where}.vReset`, p.vReset ?? d.vReset),
        thr: num(`${where}.thr`, p.thr ?? d.thr),
        refractTime: num(`${where}.refractTime`, p.refractTime ?? d.refractTime, { min: 0 }),
        tauTheta: num(`${where}.tauTheta`, p.tauTheta ?? d.tauTheta, { min: 0 }),
        thetaPlus: num(`${where}.thetaPlus`, p.thetaPlus ?? d.thetaPlus),
        conductLeak,
        vMin: vMinRaw === null ? null : num(`${where}.vMin`, vMinRaw),
        integration,
        tauSyn: num(`${where}.tauSyn`, p.tauSyn ?? d.tauSyn, { min: 0 }),
      });
      claim(`${where}.name`, p.name, { kind: "lif", index: lifs.length - 1, n, type });
    }
  });

  const synapses: SynapseSpec[] = [];
  const synOptions = options.synapses ?? [];
  if (!Array.isArray(synOptions)) fail("synapses", synOptions, "an array of synapse options");
  synOptions.forEach((s, i) => {
    const where = `synapses[${i}]`;
    if (s === null || typeof s !== "object") fail(where, s, "an object with name, pre and post");
    knownKeys(where, s, SYN_KEYS);
    const d = SYNAPSE_DEFAULTS;
    const pre = names.get(s.pre as string);
    if (typeof s.pre !== "string" || !pre || pre.kind === "synapse") fail(`${where}.pre`, s.pre, `the name of a population: ${[...names].filter(([, e]) => e.kind !== "synapse").map(([k]) => JSON.stringify(k)).join(", ")}`);
    const post = names.get(s.post as string);
    if (typeof s.post !== "string" || !post || post.kind !== "lif") fail(`${where}.post`, s.post, `the name of a LIF population: ${[...names].filter(([, e]) => e.kind === "lif").map(([k]) => JSON.stringify(k)).join(", ") || "(none defined)"}`);
    const integration = oneOf(`${where}.integration`, s.integration ?? d.integration, ["euler", "exact"] as const);
    const tau = (key: "tauF" | "tauD") => {
      const v = num(`${where}.${key}`, s[key] ?? d[key], { min: 0 });
      if (integration === "euler" && v > 0 && v < dt) {
        fail(`${where}.${key}`, v, `0 (off) or >= dt = ${dt} ms with integration "euler" (any value >= 0 with "exact")`,
          `dt / ${key} = ${dt / v} > 1 makes the Euler map leave [0, 1]`);
      }
      return v;
    };
    const finite = (o: string, v: unknown) => { num(o, v); };
    const unit = (o: string, v: unknown) => { num(o, v, { min: 0, max: 1 }); };
    const spec: SynapseSpec = {
      name: s.name, pre: { kind: pre.kind as "source" | "lif", index: pre.index }, post: post.index,
      nPre: pre.n, nPost: post.n,
      weights: checkInit(`${where}.weights`, s.weights ?? d.weights, pre.n, post.n, finite),
      resources: checkInit(`${where}.resources`, s.resources ?? d.resources, pre.n, null, unit),
      tauF: tau("tauF"), tauD: tau("tauD"),
      gConduct: num(`${where}.gConduct`, s.gConduct ?? d.gConduct),
      biases: s.biases == null ? null : checkInit(`${where}.biases`, s.biases, post.n, null, finite),
      integration,
      uRest: s.uRest === undefined ? d.uRest : s.uRest === 0 || s.uRest === "U" ? s.uRest
        : fail(`${where}.uRest`, s.uRest, `0 (u relaxes to 0, the lesson's) or "U" (u relaxes to U)`),
      tauInact: num(`${where}.tauInact`, s.tauInact ?? d.tauInact, { min: 0 }),
    };
    if (spec.tauInact > 0 && integration !== "exact") {
      fail(`${where}.tauInact`, spec.tauInact, `0 with integration "${integration}"`, `the three-state resources (tauInact > 0) need integration "exact"`);
    }
    if (spec.tauInact > 0 && spec.tauD === 0) {
      fail(`${where}.tauInact`, spec.tauInact, "0 when tauD = 0", "inactive resources recover with tauD, so tauInact > 0 needs tauD > 0");
    }
    const r = spec.resources;
    if (typeof r === "object" && !isArrayLike(r) && r.dist === "gaussian") {
      fail(`${where}.resources`, r, "constant, uniform within [0, 1], or explicit values in [0, 1]", "a gaussian can leave [0, 1]");
    }
    claim(`${where}.name`, s.name, { kind: "synapse", index: synapses.length, n: 0, type: "synapse" });
    synapses.push(spec);
  });

  const records: RecordSpec[] = [];
  const recOptions = options.record ?? [];
  if (!Array.isArray(recOptions)) fail("record", recOptions, "an array of {name, vars, units?, pairs?, trials?}");
  recOptions.forEach((r, i) => {
    const where = `record[${i}]`;
    if (r === null || typeof r !== "object") fail(where, r, "an object {name, vars, units?, pairs?, trials?}");
    knownKeys(where, r, REC_KEYS);
    const target = names.get(r.name);
    if (typeof r.name !== "string" || !target) fail(`${where}.name`, r.name, `a population or synapse name: ${[...names.keys()].map((k) => JSON.stringify(k)).join(", ")}`);
    const type = target.kind === "synapse" ? "synapse" : target.type as keyof typeof RECORDABLE;
    const allowedVars = RECORDABLE[type] as readonly string[];
    if (!Array.isArray(r.vars) || r.vars.length === 0) fail(`${where}.vars`, r.vars, `a non-empty list of ${allowedVars.join(", ")}`);
    const trialList = r.trials ?? Array.from({ length: trials }, (_, k) => k);
    if (!Array.isArray(trialList) || trialList.length === 0) fail(`${where}.trials`, r.trials, `a non-empty list of trial indices in [0, ${trials - 1}]`);
    trialList.forEach((k, m) => num(`${where}.trials[${m}]`, k, { min: 0, max: trials - 1, integer: true }));
    const syn = target.kind === "synapse" ? synapses[target.index] : null;
    const nUnits = syn ? syn.nPre : target.n;
    for (const variable of r.vars) {
      oneOf(`${where}.vars`, variable, allowedVars);
      if (variable === "isyn" && lifs[target.index].tauSyn === 0) {
        fail(`${where}.vars`, variable, `v, spikes, rfr or theta (isyn needs tauSyn > 0 on "${r.name}")`, "this population has no synaptic current state (tauSyn = 0)");
      }
      let units: number[] | null = null;
      let pairs: [number, number][] | null = null;
      if (variable === "wdyn") {
        if (r.units !== undefined) fail(`${where}.units`, r.units, "pairs: [[pre, post], ...] for wdyn", "wdyn is recorded per synapse, not per unit");
        if (r.pairs !== undefined) {
          if (!Array.isArray(r.pairs) || r.pairs.length === 0) fail(`${where}.pairs`, r.pairs, "a non-empty list of [pre, post] index pairs");
          r.pairs.forEach((pair, m) => {
            if (!Array.isArray(pair) || pair.length !== 2) fail(`${where}.pairs[${m}]`, pair, "[pre, post]");
            num(`${where}.pairs[${m}][0]`, pair[0], { min: 0, max: syn!.nPre - 1, integer: true });
            num(`${where}.pairs[${m}][1]`, pair[1], { min: 0, max: syn!.nPost - 1, integer: true });
          });
          pairs = r.pairs.map((pair) => [pair[0], pair[1]]);
        }
      } else if (r.units !== undefined) {
        if (!Array.isArray(r.units) || r.units.length === 0) fail(`${where}.units`, r.units, `a non-empty list of unit indices in [0, ${nUnits - 1}]`);
        r.units.forEach((j, m) => num(`${where}.units[${m}]`, j, { min: 0, max: nUnits - 1, integer: true }));
        units = r.units.slice();
      }
      const perTrial = variable === "wdyn" ? (pairs?.length ?? syn!.nPre * syn!.nPost) : (units?.length ?? nUnits);
      records.push({
        name: r.name, target: { kind: target.kind, index: target.index }, variable,
        trials: trialList.slice(), units, pairs, columns: trialList.length * perTrial,
      });
    }
  });

  return { dt, seed, trials, sources, lifs, synapses, records };
}
