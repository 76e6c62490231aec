// A conductance target: a synapse with `target: "conductance"` adds its output into a conductance g
// per postsynaptic unit instead of a current; g decays with tauSyn, and drives the LIF with the
// current g (eRev - v) (docs/MODEL.md, "Conductance target"). On the kernel's side it is a channel
// component between the synapse and its LIF (assembly/models/conductance/).
import * as A from "../../assembly/abi.js";
import { fail, num } from "../core/checks.js";
import type { LifParams } from "./lif.js";
import { perUnit, type Component, type ModelDef } from "./model.js";

/** The synapse options of a conductance target. */
export interface ConductanceOptions {
  /** Reversal potential in mV (default 0, an excitatory synapse; e.g. -80 for an inhibitory one). */
  eRev?: number;
  /** Decay time constant of the conductance in ms, > 0 (default 5). */
  tauSyn?: number;
}

export const CONDUCTANCE_DEFAULTS = { eRev: 0, tauSyn: 5 };

export interface ConductanceParams {
  eRev: number;
  tauSyn: number;
}

/** A synapse target model: the options it adds to a synapse, and its channel component. */
export interface TargetModel<O, P> extends ModelDef<P> {
  role: "channel";
  keys: readonly string[];
  /** Check its options for a synapse (`where` names its options) onto the LIF `lif`. */
  resolve(options: O, where: string, lif: Component<LifParams>): P;
}

export const conductance: TargetModel<ConductanceOptions, ConductanceParams> = {
  type: "conductance",
  kind: A.KIND_COND,
  bytes: A.COND_BYTES,
  role: "channel",
  keys: Object.keys(CONDUCTANCE_DEFAULTS),

  resolve(s, where, lif) {
    if (lif.params.integration !== "euler") {
      fail(`${where}.target`, "conductance", `"current" onto a LIF whose integration is "${lif.params.integration}", or "conductance" onto one with integration "euler"`,
        `the conductance's current g (eRev - v) is taken at the start of each step, a forward-Euler term, so the LIF "${lif.name}" must integrate by forward Euler too`);
    }
    return {
      eRev: num(`${where}.eRev`, s.eRev ?? CONDUCTANCE_DEFAULTS.eRev),
      tauSyn: num(`${where}.tauSyn`, s.tauSyn ?? CONDUCTANCE_DEFAULTS.tauSyn, { min: 0, minExclusive: true }),
    };
  },

  arrays: (c, net) => [{ field: A.COND_G, bytes: perUnit(net.trials, c.n), place: "state" }],

  fields: (c, net) => [[A.COND_E_REV, "f32", c.params.eRev], [A.COND_DECAY, "f32", Math.exp(-net.dt / c.params.tauSyn)]],

  variables: () => ({ g: { kind: "f32", field: A.COND_G } }),

  // what the synapses add into g this step: a host may add into it too (no array of its own)
  port: () => ({ field: A.COMP_INPUT, kind: "conductance" }),
};
