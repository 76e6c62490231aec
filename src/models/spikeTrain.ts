// Explicit spike trains: spike times in ms per unit; a spike at T lands on the step whose t = T
// (docs/MODEL.md). The kernel's half: assembly/models/spikeTrain.ts.
import * as A from "../../assembly/abi.js";
import { bool, fail, isArrayLike, num } from "../core/checks.js";
import { perUnit, type ArrayPlan, type PopulationModel } from "./model.js";

/** Explicit spike trains: spike times in ms per unit; a spike at T lands on the step whose t = T. */
export interface SpikeTrainOptions {
  /** Explicit spike trains. */
  type: "spikeTrain";
  /** The population's name: the key of its records, spike counts, ports, and of synapses' pre and post. */
  name: string;
  /** Times in ms: one increasing list (n = 1) or one list per unit. */
  times: ArrayLike<number> | ArrayLike<number>[];
  /** A spike port: Simulation.inject(name, spikes) adds spikes in the next step (default false). */
  inject?: boolean;
}

export interface SpikeTrainParams {
  /** The trains as CSR: unit j's steps are steps[offsets[j] .. offsets[j+1]). */
  offsets: Int32Array;
  steps: Int32Array;
  /** Latest spike time in ms. */
  lastTime: number;
  /** Whether it has a spike port. */
  inject: boolean;
}

/** The largest step index a run can reach. */
const MAX_STEPS = 2 ** 31 - 1;

/** Map spike times (ms) to step indices: T lands on step i = ceil(T / dt) - 1, whose t = (i + 1) dt. */
export function timeToStep(time: number, dt: number): number {
  return Math.ceil(time / dt - 1e-9) - 1;
}

export const spikeTrain: PopulationModel<SpikeTrainOptions, SpikeTrainParams> = {
  type: "spikeTrain",
  kind: A.KIND_TRAIN,
  bytes: A.TRAIN_BYTES,
  role: "source",
  keys: ["times", "inject"],

  resolve(p, where, { dt, steps }) {
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
    return { n, params: { offsets, steps: Int32Array.from(all), lastTime, inject: bool(`${where}.inject`, p.inject ?? false) } };
  },

  arrays(c, net) {
    const { offsets, steps } = c.params;
    const plans: ArrayPlan[] = [
      { field: A.TRAIN_OFFSETS, bytes: 4 * offsets.length, place: "descriptor", fill: (b, p) => new Int32Array(b, p, offsets.length).set(offsets) },
      { field: A.TRAIN_TIMES, bytes: 4 * steps.length, place: "descriptor", fill: (b, p) => new Int32Array(b, p, steps.length).set(steps) },
      { field: A.TRAIN_CURSOR, bytes: perUnit(net.trials, c.n), place: "state" },
    ];
    if (c.params.inject) plans.push({ field: A.TRAIN_INJECT, bytes: perUnit(net.trials, c.n), place: "state" });
    return plans;
  },

  fields: () => [],

  variables: () => ({ spikes: { kind: "spike", field: A.COMP_SPIKES } }),

  port: (c) => (c.params.inject ? { field: A.TRAIN_INJECT, kind: "spikes" } : "a spike port needs the population option inject: true"),
};
