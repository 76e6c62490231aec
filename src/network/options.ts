// A network's options and their validation. validateNetwork() checks every option (each model checks
// its own: src/models/) and returns a resolved NetworkSpec: components in kernel table order, their
// wiring, and the records; nothing is allocated before it has returned.
import { checkSeed, fail, knownKeys, num, oneOf } from "../core/checks.js";
import type { Init } from "../core/init.js";
import type { Component } from "../models/model.js";
import type { PoissonOptions } from "../models/poisson.js";
import type { SpikeTrainOptions } from "../models/spikeTrain.js";
import type { LifOptions, LifParams } from "../models/lif.js";
import type { TmOptions } from "../models/tm.js";
import type { ConductanceOptions } from "../models/conductance.js";
import { POPULATIONS, SYNAPSES, TARGETS } from "../models/registry.js";
import { resolveRecords, type RecordRequest, type RecordSpec } from "./records.js";

export type { Init } from "../core/init.js";
export type { PoissonOptions } from "../models/poisson.js";
export type { SpikeTrainOptions } from "../models/spikeTrain.js";
export type { LifOptions } from "../models/lif.js";
export type { RecordRequest, RecordSpec } from "./records.js";

/**
 * A synapse (a Tsodyks-Markram synapse, shape n_pre x n_post) and its target: "current" (default:
 * its output is an input current of the LIF) or "conductance" (its output raises a conductance that
 * decays with tauSyn and drives the LIF with g (eRev - v); options eRev, tauSyn).
 */
export interface SynapseOptions extends TmOptions, ConductanceOptions {
  /** What the output drives: "current" (default) or "conductance". */
  target?: keyof typeof TARGETS;
}

/** A whole network. */
export interface NetworkOptions {
  /** Step length in ms (default 1). */
  dt?: number;
  /** Run seed: a number or a string (hashed by seedrandom) (default 0). */
  seed?: number | string;
  /** Independent copies run side by side, each with its own random streams (default 1). */
  trials?: number;
  /** The populations, in the order given (sources and LIF neurons; names unique among populations and synapses). */
  populations: (PoissonOptions | SpikeTrainOptions | LifOptions)[];
  /** The synapses, each from a population onto a LIF population (default none). */
  synapses?: SynapseOptions[];
  /** What to record every step (default nothing; spike counts are always kept). */
  record?: RecordRequest[];
}

export const NETWORK_DEFAULTS = { dt: 1, seed: 0 as number | string, trials: 1 };

/** A validated network: every option resolved, the components in the kernel's table order. */
export interface NetworkSpec {
  dt: number;
  seed: number | string;
  trials: number;
  /** Populations in the order given, then per synapse the synapse and (conductance target) its channel. */
  components: Component[];
  records: RecordSpec[];
}

const NET_KEYS = ["dt", "seed", "trials", "populations", "synapses", "record"] as const;
const TARGET_KEYS = [...new Set(Object.values(TARGETS).flatMap((t) => (t ? t.keys : [])))];

/** Check every option of a network; returns the resolved spec or throws StpOptionError. */
export function validateNetwork(options: NetworkOptions, steps?: number): NetworkSpec {
  if (options === null || typeof options !== "object") fail("network", options, "an object with populations, synapses and record");
  knownKeys("network", options, NET_KEYS);
  const dt = num("dt", options.dt ?? NETWORK_DEFAULTS.dt, { min: 0, minExclusive: true, max: 1000 });
  const seed = checkSeed("seed", options.seed ?? NETWORK_DEFAULTS.seed);
  const trials = num("trials", options.trials ?? NETWORK_DEFAULTS.trials, { min: 1, max: 2 ** 24, integer: true });
  if (steps !== undefined) num("steps", steps, { min: 1, max: 2 ** 31 - 1, integer: true });
  if (!Array.isArray(options.populations) || options.populations.length === 0) {
    fail("populations", options.populations, `a non-empty array of {type: ${Object.keys(POPULATIONS).map((t) => JSON.stringify(t)).join(" | ")}, name, ...}`);
  }
  const components: Component[] = [];
  /** Index of each user name (populations and synapses). */
  const names = new Map<string, { index: number }>();
  const claim = (option: string, name: unknown, index: number) => {
    if (typeof name !== "string" || name.length === 0) fail(option, name, "a non-empty string");
    if (names.has(name)) fail(option, name, "a name not used by another population or synapse", "duplicate name");
    names.set(name, { index });
  };
  let sources = 0;
  options.populations.forEach((pop, i) => {
    const where = `populations[${i}]`;
    if (pop === null || typeof pop !== "object") fail(where, pop, "an object with type and name");
    const type = oneOf(`${where}.type`, (pop as { type?: unknown }).type, Object.keys(POPULATIONS) as (keyof typeof POPULATIONS)[]);
    const model = POPULATIONS[type];
    knownKeys(where, pop, ["type", "name", ...model.keys]);
    const { n, params } = (model.resolve as (o: unknown, w: string, c: object) => { n: number; params: unknown })(pop, where, { dt, trials, steps, sources });
    if (model.role === "source") sources++;
    claim(`${where}.name`, pop.name, components.length);
    components.push({ model, name: pop.name, n, n2: 0, pre: -1, post: -1, params });
  });

  const synOptions = options.synapses ?? [];
  if (!Array.isArray(synOptions)) fail("synapses", synOptions, "an array of synapse options");
  synOptions.forEach((s, i) => {
    const where = `synapses[${i}]`;
    if (s === null || typeof s !== "object") fail(where, s, "an object with name, pre and post");
    const model = SYNAPSES.tm;
    knownKeys(where, s, ["name", "pre", "post", "target", ...model.keys, ...TARGET_KEYS]);
    const populations = [...names].filter(([, e]) => components[e.index].model.role !== "synapse");
    const pre = names.get(s.pre as string);
    if (typeof s.pre !== "string" || !pre || components[pre.index].model.role === "synapse") {
      fail(`${where}.pre`, s.pre, `the name of a population: ${populations.map(([k]) => JSON.stringify(k)).join(", ")}`);
    }
    const post = names.get(s.post as string);
    const lifs = populations.filter(([, e]) => components[e.index].model.role === "neuron");
    if (typeof s.post !== "string" || !post || components[post.index].model.role !== "neuron") {
      fail(`${where}.post`, s.post, `the name of a LIF population: ${lifs.map(([k]) => JSON.stringify(k)).join(", ") || "(none defined)"}`);
    }
    const nPre = components[pre.index].n;
    const nPost = components[post.index].n;
    const params = model.resolve(s, where, { nPre, nPost, dt, seed, recurrent: pre.index === post.index }, s.name);
    const targetName = oneOf(`${where}.target`, s.target ?? "current", Object.keys(TARGETS) as (keyof typeof TARGETS)[]);
    const target = TARGETS[targetName];
    for (const key of TARGET_KEYS) {
      const value = (s as unknown as Record<string, unknown>)[key];
      if (value !== undefined && !target?.keys.includes(key)) {
        fail(`${where}.${key}`, value, `no ${key} with target "${targetName}"`, `${key} belongs to a target that uses it (${Object.entries(TARGETS).filter(([, t]) => t?.keys.includes(key)).map(([k]) => `"${k}"`).join(", ")})`);
      }
    }
    claim(`${where}.name`, s.name, components.length);
    const synapse: Component = { model, name: s.name, n: nPre, n2: nPost, pre: pre.index, post: post.index, params };
    components.push(synapse);
    if (target) {
      const lif = components[post.index] as Component<LifParams>;
      const channel = target.resolve(s, where, lif);
      synapse.post = components.length;
      components.push({ model: target, name: `${s.name}:${targetName}`, n: nPost, n2: 0, pre: -1, post: post.index, params: channel });
    }
  });

  const net = { dt, seed, trials, threads: 1, components };
  const records = resolveRecords(options.record, net, (name) => names.get(name)?.index);
  return { dt, seed, trials, components, records };
}
