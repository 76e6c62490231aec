// The Poisson source (ngc-learn's PoissonCell): n units, each spiking on a step with probability
// inputs * rateHz * dt / 1000 (docs/MODEL.md). The kernel's half: assembly/models/poisson.ts.
import * as A from "../../assembly/abi.js";
import { bool, fail, isArrayLike, num } from "../core/checks.js";
import { perUnit, type ArrayPlan, type PopulationModel } from "./model.js";

/** PoissonCell: n units, each spiking with probability inputs * rateHz * dt / 1000 per step. */
export interface PoissonOptions {
  /** A Poisson source. */
  type: "poisson";
  /** The population's name: the key of its records, spike counts, ports, and of synapses' pre and post. */
  name: string;
  /** Units (default 1). */
  n?: number;
  /** Target firing rate in Hz at input intensity 1 (default 63.75, ngc-learn's target_freq). */
  rateHz?: number;
  /** Input intensity in [0, 1], one value or one per unit (default 1). */
  inputs?: number | ArrayLike<number>;
  /** A spike port: Simulation.inject(name, spikes) makes units spike in the next step (default false). */
  inject?: boolean;
}

export const POISSON_DEFAULTS = { n: 1, rateHz: 63.75, inputs: 1 as number | ArrayLike<number>, inject: false };

export interface PoissonParams {
  rateHz: number;
  /** Intensity: one value for every unit, or one per unit. */
  inputs: number | Float32Array;
  /** The random stream (Philox counter word 2): the source's index among the network's sources. */
  stream: number;
  /** Whether it has a spike port. */
  inject: boolean;
}

export const poisson: PopulationModel<PoissonOptions, PoissonParams> = {
  type: "poisson",
  kind: A.KIND_POISSON,
  bytes: A.POI_BYTES,
  role: "source",
  keys: ["n", "rateHz", "inputs", "inject"],

  resolve(p, where, ctx) {
    const { dt } = ctx;
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
    return { n, params: { rateHz, inputs, stream: ctx.sources, inject: bool(`${where}.inject`, p.inject ?? POISSON_DEFAULTS.inject) } };
  },

  arrays(c, net) {
    const K = net.trials;
    const plans: ArrayPlan[] = [{
      field: A.POI_INPUTS, bytes: perUnit(K, c.n), place: "data",
      fill: (buffer, ptr) => {
        const view = new Float32Array(buffer, ptr, K * c.n);
        const { inputs } = c.params;
        if (typeof inputs === "number") view.fill(inputs);
        else for (let t = 0; t < K; t++) view.set(inputs, t * c.n);
      },
    }];
    if (c.params.inject) plans.push({ field: A.POI_INJECT, bytes: perUnit(K, c.n), place: "state" });
    return plans;
  },

  fields: (c, net) => [[A.POI_STREAM, "u32", c.params.stream], [A.POI_PRATE, "f32", c.params.rateHz * net.dt / 1000]],

  variables: () => ({ spikes: { kind: "spike", field: A.COMP_SPIKES } }),

  port: (c) => (c.params.inject ? { field: A.POI_INJECT, kind: "spikes" } : "a spike port needs the population option inject: true"),
};
