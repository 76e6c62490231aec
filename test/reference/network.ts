// The reference network: one reference per component (this folder, one file per model), stepped in
// the kernel's phase order: sources, synapses (rows and output), channels, neurons. Used only by
// tests, which compare the kernel to it with tolerance 0.
import type { NetworkSpec } from "../../src/network/options.js";
import type { Component } from "../../src/models/model.js";
import { seedKey } from "../../src/core/seed.js";
import { PoissonRef } from "./poisson.js";
import { SpikeTrainRef } from "./spikeTrain.js";
import { TmRef } from "./tm.js";
import { LifRef } from "./lif.js";
import { ConductanceRef } from "./conductance.js";
import type { ComponentRef } from "./types.js";

type AnyRef = PoissonRef | SpikeTrainRef | TmRef | LifRef | ConductanceRef;

/** Every component's values after each step: [step][component][variable]. */
export type ReferenceTrace = Record<string, number[] | number[][]>[][];

function create(spec: NetworkSpec, c: Component, refs: AnyRef[], key: [number, number]): AnyRef {
  const K = spec.trials;
  switch (c.model.type) {
    case "poisson": return new PoissonRef(c as never, K, spec.dt, key);
    case "spikeTrain": return new SpikeTrainRef(c as never, K);
    case "tm": return new TmRef(c as never, K, spec.dt, spec.seed, { dt: spec.dt, seed: spec.seed, trials: K, threads: 1, components: spec.components });
    case "lif": return new LifRef(c as never, K, spec.dt, spec.seed);
    case "conductance": return new ConductanceRef(c as never, K, spec.dt, refs[c.post] as LifRef);
    default: throw new Error(`no reference for model ${c.model.type}`);
  }
}

/**
 * What a host writes into the input ports before a step: K x units values (trial-major) by name, a
 * population's (a source's spikes, a LIF's current) or a conductance-target synapse's (its channel's
 * conductance input).
 */
export type PortValues = Record<string, ArrayLike<number>>;

/** Write `values` into the references' ports, as Simulation.inject does into the kernel's. */
function writePorts(spec: NetworkSpec, refs: AnyRef[], values: PortValues): void {
  for (const [name, v] of Object.entries(values)) {
    const i = spec.components.findIndex((c) => c.name === name && c.model.role !== "channel");
    const c = spec.components[i];
    const target = c.model.role === "synapse" ? c.post : i;
    const r = refs[target];
    const port = r instanceof LifRef ? r.direct : r instanceof ConductanceRef ? r.input : (r as PoissonRef | SpikeTrainRef).inject;
    for (let g = 0; g < port.length; g++) port[g] = Math.fround(v[g]);
  }
}

/** Run `spec` for `steps` steps in the reference; `ports(step)` gives the values written into the ports before a step. */
export function referenceRun(spec: NetworkSpec, steps: number, ports?: (step: number) => PortValues | undefined): ReferenceTrace {
  const key = seedKey(spec.seed);
  const refs: AnyRef[] = [];
  // neurons first, so that a channel can hold its LIF's reference
  spec.components.forEach((c, i) => { if (c.model.role === "neuron") refs[i] = create(spec, c, refs, key); });
  spec.components.forEach((c, i) => { if (c.model.role !== "neuron") refs[i] = create(spec, c, refs, key); });
  const byRole = (role: string) => spec.components.map((c, i) => [c, refs[i]] as const).filter(([c]) => c.model.role === role);
  const out: ReferenceTrace = [];
  for (let step = 0; step < steps; step++) {
    const values = ports?.(step);
    if (values) writePorts(spec, refs, values);
    for (const [, r] of byRole("source")) (r as PoissonRef | SpikeTrainRef).step(step);
    for (const [c, r] of byRole("synapse")) (r as TmRef).step((refs[c.pre] as ComponentRef).spikes!, (refs[c.post] as ComponentRef).input!, step);
    for (const [, r] of byRole("channel")) (r as ConductanceRef).step();
    for (const [, r] of byRole("neuron")) (r as LifRef).step();
    out.push(refs.map((r) => r.values()));
  }
  return out;
}
