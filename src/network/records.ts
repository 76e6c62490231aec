// Records: what a run samples every step, as columns over trials, then units (or [first, second]
// index pairs for derived variables such as a synapse's Wdyn). Which variables a component has, and
// how each is read, comes from its model (src/models/); this file turns a request into columns,
// once, for the layout (src/network/layout.ts) and for the results (src/simulation.ts).
import { fail, knownKeys, num, oneOf } from "../core/checks.js";
import type { Component, NetworkContext, Variable } from "../models/model.js";

/** What to record every step. Columns run over trials, then units (or pairs). */
export interface RecordRequest {
  /** A population or synapse name. */
  name: string;
  /** Variables of that population or synapse (e.g. sources: spikes; LIF: v, spikes, rfr; synapses: u, x, wdyn). */
  vars: string[];
  /** Unit indices (presynaptic units for a synapse's u and x); default all. */
  units?: number[];
  /** [pre, post] index pairs for wdyn; default all. */
  pairs?: [number, number][];
  /** Trial indices; default all. */
  trials?: number[];
}

/** One recorded variable, resolved. */
export interface RecordSpec {
  /** The name asked for (the record's key in the results). */
  name: string;
  variable: string;
  /** The component that holds it, and how it is read. */
  component: number;
  read: Variable;
  /** Units per trial of the sampled index (the component's n unless the variable says). */
  unitsPerTrial: number;
  trials: number[];
  /** Unit indices, or null for all units in order. */
  units: number[] | null;
  /** [first, second] pairs of a derived variable, or null for all pairs (row-major). */
  pairs: [number, number][] | null;
  /** Values per row. */
  columns: number;
}

/** One recorded variable's columns: the trial and unit (and second index) of each. */
export interface Columns {
  trials: number[];
  units: number[];
  /** Derived variables: the second index of each column (for Wdyn the postsynaptic unit). */
  posts?: number[];
}

const REC_KEYS = ["name", "vars", "units", "pairs", "trials"] as const;

/** Resolve the `record` option against the network's components (`indexOf` maps a user name to a component). */
export function resolveRecords(
  requests: RecordRequest[] | undefined, net: NetworkContext & { components: Component[] }, indexOf: (name: string) => number | undefined,
): RecordSpec[] {
  const records: RecordSpec[] = [];
  const list = requests ?? [];
  if (!Array.isArray(list)) fail("record", list, "an array of {name, vars, units?, pairs?, trials?}");
  const named = net.components.map((c) => c.name).filter((name) => indexOf(name) !== undefined);
  list.forEach((r, i) => {
    const where = `record[${i}]`;
    if (r === null || typeof r !== "object") fail(where, r, "an object {name, vars, units?, pairs?, trials?}");
    knownKeys(where, r, REC_KEYS);
    const index = typeof r.name === "string" ? indexOf(r.name) : undefined;
    if (index === undefined) fail(`${where}.name`, r.name, `a population or synapse name: ${named.map((k) => JSON.stringify(k)).join(", ")}`);
    const vars = variablesOf(net, index);
    const available = Object.keys(vars).filter((v) => typeof vars[v] !== "string");
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
      let units: number[] | null = null;
      let pairs: [number, number][] | null = null;
      if (v.kind === "derived") {
        const second = v.second ?? 1;
        if (r.units !== undefined) fail(`${where}.units`, r.units, `pairs: [[first, second], ...] for ${variable}`, `${variable} is recorded per pair, not per unit`);
        if (r.pairs !== undefined) {
          if (!Array.isArray(r.pairs) || r.pairs.length === 0) fail(`${where}.pairs`, r.pairs, "a non-empty list of [pre, post] index pairs");
          r.pairs.forEach((pair, m) => {
            if (!Array.isArray(pair) || pair.length !== 2) fail(`${where}.pairs[${m}]`, pair, "[pre, post]");
            num(`${where}.pairs[${m}][0]`, pair[0], { min: 0, max: unitsPerTrial - 1, integer: true });
            num(`${where}.pairs[${m}][1]`, pair[1], { min: 0, max: second - 1, integer: true });
          });
          pairs = r.pairs.map((pair) => [pair[0], pair[1]]);
        }
      } else if (r.units !== undefined) {
        if (!Array.isArray(r.units) || r.units.length === 0) fail(`${where}.units`, r.units, `a non-empty list of unit indices in [0, ${unitsPerTrial - 1}]`);
        r.units.forEach((j, m) => num(`${where}.units[${m}]`, j, { min: 0, max: unitsPerTrial - 1, integer: true }));
        units = r.units.slice();
      }
      const perTrial = v.kind === "derived" ? (pairs?.length ?? unitsPerTrial * (v.second ?? 1)) : (units?.length ?? unitsPerTrial);
      records.push({ name: r.name, variable, component, read: v, unitsPerTrial, trials: trialList.slice(), units, pairs, columns: trialList.length * perTrial });
    }
  });
  return records;
}

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

/** The [first, second] pair of column c within a trial of a derived record. */
function pairOf(r: RecordSpec, c: number): [number, number] {
  const second = r.read.second ?? 1;
  return r.pairs ? r.pairs[c] : [Math.floor(c / second), c % second];
}

/** The record's columns: trial and unit (and, derived, second index) of each, in order. */
export function columnsOf(r: RecordSpec): Columns {
  const trials: number[] = [];
  const units: number[] = [];
  const posts: number[] = [];
  const perTrial = r.columns / r.trials.length;
  for (const t of r.trials) {
    for (let c = 0; c < perTrial; c++) {
      trials.push(t);
      if (r.read.kind !== "derived") units.push(r.units ? r.units[c] : c);
      else {
        const [j, k] = pairOf(r, c);
        units.push(j);
        posts.push(k);
      }
    }
  }
  return r.read.kind === "derived" ? { trials, units, posts } : { trials, units };
}
