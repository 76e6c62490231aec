// Input ports (docs/ABI.md, "Ports"): arrays of K x units floats a host writes between runs and the
// kernel reads in the next step, then clears. Which component has which port is its model's
// (ModelDef.port); this file finds a name's port and checks the values given for it.
import { fail, isArrayLike, num } from "../core/checks.js";
import type { Component, NetworkContext, Port } from "../models/model.js";

/** A component's port, a synapse's being its target channel's (with that component's index); a string says why there is none. */
export function portOf(spec: Omit<NetworkContext, "threads">, index: number): Port | string {
  const net = { ...spec, threads: 1 };
  const c = spec.components[index];
  const target = c.model.role === "synapse" ? spec.components[c.post] : null;
  if (target && target.model.role === "channel" && target.model.port) {
    const p = target.model.port(target, net);
    return typeof p === "string" ? p : { ...p, component: c.post };
  }
  if (c.model.port) return c.model.port(c, net);
  return c.model.role === "synapse" ? `a synapse has a port only with target "conductance" (its conductance)` : `a ${c.model.type} component has no port`;
}

const ALLOWED: Record<Port["kind"], string> = {
  spikes: "0 (no spike) or 1 (a spike)",
  current: "finite currents (input units; R times a current is in mV)",
  conductance: "finite conductances in nS (added to g)",
};

/**
 * The values for a port of `units` units per trial in K trials, trial-major (K * units floats): one
 * value for every unit of every trial, `units` values (the same in every trial) or K * units values.
 */
export function portValues(port: Port, values: unknown, units: number, trials: number, option = "values"): Float32Array {
  const allowed = ALLOWED[port.kind];
  const check = (o: string, v: unknown): number => {
    if (port.kind === "spikes") {
      if (v !== 0 && v !== 1) fail(o, v, allowed);
      return v as number;
    }
    return num(o, v);
  };
  const out = new Float32Array(trials * units);
  if (typeof values === "number") return out.fill(check(option, values));
  if (!isArrayLike(values) || (values.length !== units && values.length !== trials * units)) {
    fail(option, values, `one value, ${units} (one per unit) or ${trials * units} (trial-major, one per unit of every trial) of ${allowed}`);
  }
  const checked = Float32Array.from({ length: values.length }, (_, i) => check(`${option}[${i}]`, values[i]));
  for (let t = 0; t < trials; t++) out.set(values.length === units ? checked : checked.subarray(t * units, (t + 1) * units), t * units);
  return out;
}

/** The names that have a port, for an error message. */
export function portNames(spec: Omit<NetworkContext, "threads">): string[] {
  return spec.components
    .map((c: Component, i) => [c, i] as const)
    .filter(([c, i]) => c.model.role !== "channel" && typeof portOf(spec, i) !== "string")
    .map(([c]) => JSON.stringify(c.name));
}
