// A conductance channel's equations (docs/MODEL.md), generic over T (engine/lanes.ts): the
// conductance g (nS) of each unit of its LIF drives the current g (eRev - v), and decays with tauSyn
// (exactly: g * exp(-dt / tauSyn) per step) while the synapses' output raises it.
import { add, mul, sub } from "../../engine/lanes";

/** The current the conductance drives into the unit: g * (eRev - v). */
@inline export function current<T>(g: T, eRev: T, v: T): T {
  return mul(g, sub(eRev, v));
}

/** g after the step: it decays, then this step's input (the synapses' summed output) arrives. */
@inline export function decayG<T>(g: T, decay: T, input: T): T {
  return add(mul(g, decay), input);
}
