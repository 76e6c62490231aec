// Records: what a run samples, as columns over trials, then units (or [pre, post] pairs for a
// synapse's per-connection variables such as Wdyn): every step ("at": "steps"), or only at the steps
// where a column's presynaptic unit spikes ("at": "spikes": events). Which variables a component has,
// and how each is read, comes from its model (src/models/); this file turns a request into columns,
// once, for the layout (src/network/layout.ts) and for the results (src/simulation.ts).
import { fail, knownKeys, num, oneOf } from "../core/checks.js";
import type { Component, NetworkContext, Variable } from "../models/model.js";

/** What to record. Columns run over trials, then units (or pairs). */
export interface RecordRequest {
  /** A population or synapse name. */
  name: string;
  /** Variables of that population or synapse (e.g. sources: spikes; LIF: v, spikes, rfr; synapses: u, x, wdyn). */
  vars: string[];
  /** Unit indices (presynaptic units for a synapse's u and x); default all. */
  units?: number[];
  /** [pre, post] index pairs for a synapse's per-pair variables (wdyn; u and x with per-connection state); default all. */
  pairs?: [number, number][];
  /** Trial indices; default all. */
  trials?: number[];
  /**
   * "steps" (default): one row per step. "spikes": a synapse's variables only at its presynaptic
   * spikes, as events (step, trial, unit, value): memory in proportion to the spikes.
   */
  at?: "steps" | "spikes";
}

/** One recorded variable, resolved: its columns within a trial, repeated for every trial listed. */
export interface RecordSpec {
  /** The name asked for (the record's key in the results). */
  name: string;
  variable: string;
  /** Events at presynaptic spikes instead of one row per step. */
  events: boolean;
  /** The component that holds it, and how it is read. */
  component: number;
  read: Variable;
  /** Units per trial of the sampled index (the component's n unless the variable says). */
  unitsPerTrial: number;
  trials: number[];
  /** Per column within a trial: the unit (first index), the kernel's second index, and for pairs the postsynaptic unit. */
  units: number[];
  seconds: number[] | null;
  posts: number[] | null;
  /** Values per row (per trial's columns times the trials). */
  columns: number;
}

/** One recorded variable's columns: the trial and unit (and postsynaptic unit) of each. */
export interface Columns {
  trials: number[];
  units: number[];
  /** Per-pair variables: the postsynaptic unit of each column. */
  posts?: number[];
}

const REC_KEYS = ["name", "vars", "units", "pairs", "trials", "at"] as const;

/** A component's variables by name, a synapse's including its target channel's (with that component's index). */
export function variablesOf(spec: Omit<NetworkContext, "threads">, index: number): Record<string, Variable | string> {
  const net = { ...spec, threads: 1 };
  const c = spec.components[index];
  const own = c.model.variables(c, net);
  const target = c.model.role === "synapse" ? spec.components[c.post] : null;
  if (!target || target.model.role !== "channel") return own;
  const extra = Object.fromEntries(Object.entries(target.model.variables(target, net)).map(([k, v]) => [k, typeof v === "string" ? v : { ...v, component: c.post }]));
  return { ...own, ...extra };
}

/** The columns (per trial) of a per-pair variable: the pairs asked for, or all there are. */
function pairColumns(where: string, r: RecordRequest, v: Variable, unitsPerTrial: number, variable: string): Pick<RecordSpec, "units" | "seconds" | "posts"> {
  const second = v.second ?? 1;
  if (r.units !== undefined) fail(`${where}.units`, r.units, `pairs: [[pre, post], ...] for ${variable}`, `${variable} is recorded per pair, not per unit`);
  const units: number[] = [];
  const seconds: number[] = [];
  const posts: number[] = [];
  if (r.pairs !== undefined) {
    if (!Array.isArray(r.pairs) || r.pairs.length === 0) fail(`${where}.pairs`, r.pairs, "a non-empty list of [pre, post] index pairs");
    r.pairs.forEach((pair, m) => {
      if (!Array.isArray(pair) || pair.length !== 2) fail(`${where}.pairs[${m}]`, pair, "[pre, post]");
      const j = num(`${where}.pairs[${m}][0]`, pair[0], { min: 0, max: unitsPerTrial - 1, integer: true });
      const k = num(`${where}.pairs[${m}][1]`, pair[1], { min: 0, integer: true, ...(v.pairs ? {} : { max: second - 1 }) });
      const s = v.pairs ? v.pairs.indexOf(j, k) : k;
      if (s < 0) fail(`${where}.pairs[${m}]`, pair, "a pair the synapse connects", `no connection from ${j} to ${k}`);
      units.push(j);
      seconds.push(s);
      posts.push(k);
    });
  } else if (v.pairs) {
    for (let c = 0; c < v.pairs.count; c++) {
      const [j, k] = v.pairs.pairAt(c);
      units.push(j);
      seconds.push(c);
      posts.push(k);
    }
  } else {
    for (let j = 0; j < unitsPerTrial; j++) for (let k = 0; k < second; k++) { units.push(j); seconds.push(k); posts.push(k); }
  }
  return { units, seconds, posts };
}

/** Resolve the `record` option against the network's components (`indexOf` maps a user name to a component). */
export function resolveRecords(
  requests: RecordRequest[] | undefined, net: NetworkContext & { components: Component[] }, indexOf: (name: string) => number | undefined,
): RecordSpec[] {
  const records: RecordSpec[] = [];
  const list = requests ?? [];
  if (!Array.isArray(list)) fail("record", list, "an array of {name, vars, units?, pairs?, trials?, at?}");
  const named = net.components.map((c) => c.name).filter((name) => indexOf(name) !== undefined);
  list.forEach((r, i) => {
    const where = `record[${i}]`;
    if (r === null || typeof r !== "object") fail(where, r, "an object {name, vars, units?, pairs?, trials?, at?}");
    knownKeys(where, r, REC_KEYS);
    const index = typeof r.name === "string" ? indexOf(r.name) : undefined;
    if (index === undefined) fail(`${where}.name`, r.name, `a population or synapse name: ${named.map((k) => JSON.stringify(k)).join(", ")}`);
    const events = oneOf(`${where}.at`, r.at ?? "steps", ["steps", "spikes"] as const) === "spikes";
    const all = variablesOf(net, index);
    const vars = events
      ? Object.fromEntries(Object.entries(all).filter(([, v]) => typeof v !== "string" && v.spikes).map(([k, v]) => [k, (v as Variable).spikes!] as const))
      : all;
    const available = Object.keys(vars).filter((v) => typeof vars[v] !== "string");
    if (events && available.length === 0) fail(`${where}.at`, "spikes", `"steps" for "${r.name}"`, "only a synapse's variables can be recorded at its presynaptic spikes");
    if (!Array.isArray(r.vars) || r.vars.length === 0) fail(`${where}.vars`, r.vars, `a non-empty list of ${available.join(", ")}`);
    const trialList = r.trials ?? Array.from({ length: net.trials }, (_, k) => k);
    if (!Array.isArray(trialList) || trialList.length === 0) fail(`${where}.trials`, r.trials, `a non-empty list of trial indices in [0, ${net.trials - 1}]`);
    trialList.forEach((k, m) => num(`${where}.trials[${m}]`, k, { min: 0, max: net.trials - 1, integer: true }));
    for (const variable of r.vars) {
      const read = Object.hasOwn(vars, variable) ? vars[variable] : undefined;
      if (typeof read === "string") fail(`${where}.vars`, variable, `${available.join(", ")} on "${r.name}"`, read);
      if (read === undefined) oneOf(`${where}.vars`, variable, available);
      const v = read as Variable;
      const component = v.component ?? index;
      const unitsPerTrial = v.units ?? net.components[component].n;
      let columns: Pick<RecordSpec, "units" | "seconds" | "posts">;
      if (v.pairs || v.second !== undefined) {
        columns = pairColumns(where, r, v, unitsPerTrial, variable);
      } else {
        if (r.pairs !== undefined) fail(`${where}.pairs`, r.pairs, `units: [...] for ${variable}`, `${variable} is recorded per unit`);
        let units = Array.from({ length: unitsPerTrial }, (_, j) => j);
        if (r.units !== undefined) {
          if (!Array.isArray(r.units) || r.units.length === 0) fail(`${where}.units`, r.units, `a non-empty list of unit indices in [0, ${unitsPerTrial - 1}]`);
          r.units.forEach((j, m) => num(`${where}.units[${m}]`, j, { min: 0, max: unitsPerTrial - 1, integer: true }));
          units = r.units.slice();
        }
        columns = { units, seconds: v.kind === "derived" || v.kind === "event" ? units.map(() => 0) : null, posts: null };
      }
      records.push({
        name: r.name, variable, events, component, read: v, unitsPerTrial, trials: trialList.slice(), ...columns,
        columns: trialList.length * columns.units.length,
      });
    }
  });
  return records;
}

/** The record's columns: trial and unit (and postsynaptic unit) of each, in order. */
export function columnsOf(r: RecordSpec): Columns {
  const trials: number[] = [];
  const units: number[] = [];
  const posts: number[] = [];
  for (const t of r.trials) {
    for (let c = 0; c < r.units.length; c++) {
      trials.push(t);
      units.push(r.units[c]);
      if (r.posts) posts.push(r.posts[c]);
    }
  }
  return r.posts ? { trials, units, posts } : { trials, units };
}
