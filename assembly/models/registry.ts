// The kernel's registry of component kinds: for each KIND_* its role (when it steps), its
// descriptor's size, and its model's hooks. Adding a model is one line in each switch below (and its
// folder under models/); the engine (engine/) calls nothing else of a model.
import {
  KIND_POISSON, KIND_TRAIN, KIND_TM, KIND_LIF, KIND_COND, ROLE_SOURCE, ROLE_SYNAPSE, ROLE_CHANNEL, ROLE_NEURON,
  POI_BYTES, TRAIN_BYTES, TM_BYTES, LIF_BYTES, COND_BYTES, COMP_SPIKES, TM_UVAR, TM_XVAR, LIF_V, LIF_RFR,
  LIF_THETA, LIF_ISYN, LIF_FLAGS, LIF_FLAG_THETA, LIF_FLAG_SYN, COND_G, REC_KIND_F32, REC_KIND_SPIKE, OK,
  TM_MODE, TM_MODE_EULER,
} from "../abi";
import { stepPoisson, checkPoisson, poissonRegions, initPoisson } from "./poisson";
import { stepTrain, trainRegions, checkTrainData, initTrain } from "./spikeTrain";
import { stepTm } from "./tm/step";
import { checkTm, tmRegions, checkTmData } from "./tm/validate";
import { initTm } from "./tm/init";
import { tmDerived, tmDerivedRange, tmHasDerived, tmLastSpikes } from "./tm/record";
import { stepLif } from "./lif/step";
import { checkLif, lifRegions } from "./lif/validate";
import { initLif } from "./lif/init";
import { stepConductance } from "./conductance/step";
import { checkConductance, conductanceRegions } from "./conductance/validate";
import { initConductance } from "./conductance/init";

/** The role (ROLE_*) of a kind, or 0 for an unknown kind. */
export function roleOf(kind: i32): i32 {
  switch (kind) {
    case KIND_POISSON: case KIND_TRAIN: return ROLE_SOURCE;
    case KIND_TM: return ROLE_SYNAPSE;
    case KIND_COND: return ROLE_CHANNEL;
    case KIND_LIF: return ROLE_NEURON;
    default: return 0;
  }
}

/** Bytes of a kind's descriptor. */
export function bytesOf(kind: i32): i32 {
  switch (kind) {
    case KIND_POISSON: return POI_BYTES;
    case KIND_TRAIN: return TRAIN_BYTES;
    case KIND_TM: return TM_BYTES;
    case KIND_LIF: return LIF_BYTES;
    case KIND_COND: return COND_BYTES;
    default: return 0;
  }
}

/** The model's own fields (kinds, modes, flags, parameters), before its regions are known. */
export function checkModel(c: usize, kind: i32): i32 {
  switch (kind) {
    case KIND_POISSON: return checkPoisson(c);
    case KIND_TM: return checkTm(c);
    case KIND_LIF: return checkLif(c);
    case KIND_COND: return checkConductance(c);
    default: return OK;
  }
}

/** Report the model's regions (engine/regions.ts). */
export function modelRegions(c: usize, kind: i32, trials: i64): i32 {
  switch (kind) {
    case KIND_POISSON: return poissonRegions(c, trials);
    case KIND_TRAIN: return trainRegions(c, trials);
    case KIND_TM: return tmRegions(c, trials);
    case KIND_LIF: return lifRegions(c, trials);
    case KIND_COND: return conductanceRegions(c, trials);
    default: return OK;
  }
}

/** Contents of the model's index and parameter arrays, once its regions are known to be in memory. */
export function checkModelData(c: usize, kind: i32, trials: i64, forRun: bool): i32 {
  if (kind == KIND_TRAIN) return checkTrainData(c, trials, forRun);
  if (kind == KIND_TM) return checkTmData(c, forRun);
  return OK;
}

/** Reset the model's own state (the engine resets the header's arrays). */
export function initModel(c: usize, kind: i32, trials: i32): void {
  switch (kind) {
    case KIND_POISSON: initPoisson(c, trials); break;
    case KIND_TRAIN: initTrain(c, trials); break;
    case KIND_TM: initTm(c, trials); break;
    case KIND_LIF: initLif(c, trials); break;
    case KIND_COND: initConductance(c, trials); break;
  }
}

/** Step a source; (k0, k1) is the run's Philox key. */
export function stepSource(c: usize, kind: i32, step: i32, k0: u32, k1: u32): void {
  if (kind == KIND_POISSON) stepPoisson(c, step, k0, k1);
  else stepTrain(c, step);
}

/** Step a synapse's model (phase 1: its rows); the output is its delivery's (delivery/index.ts). */
export function stepSynapse(c: usize, kind: i32, trials: i32, step: i32, k0: u32, k1: u32): void {
  stepTm(c, trials, step, k0, k1);
}

/** Step a channel. */
export function stepChannel(c: usize, kind: i32): void {
  stepConductance(c);
}

/** Step a neuron population; dt in ms. */
export function stepNeuron(c: usize, kind: i32, dt: f32): void {
  stepLif(c, dt);
}

/**
 * Whether the array whose pointer is at c + field may be recorded as `recKind` (REC_KIND_F32 or
 * REC_KIND_SPIKE): a per-unit array of K N floats that the configuration uses.
 */
export function recordable(c: usize, kind: i32, field: i32, recKind: i32): bool {
  const role = roleOf(kind);
  if (recKind == REC_KIND_SPIKE) return field == COMP_SPIKES && (role == ROLE_SOURCE || role == ROLE_NEURON);
  if (recKind != REC_KIND_F32) return false;
  switch (kind) {
    case KIND_TM: return (field == TM_UVAR || field == TM_XVAR) && load<i32>(c + TM_MODE) == TM_MODE_EULER; // (the Euler map's arrays: exact rows are lazy)
    case KIND_COND: return field == COND_G;
    case KIND_LIF: {
      const flags = load<i32>(c + LIF_FLAGS);
      return field == LIF_V || field == LIF_RFR || (field == LIF_THETA && (flags & LIF_FLAG_THETA) != 0) ||
        (field == LIF_ISYN && (flags & LIF_FLAG_SYN) != 0);
    }
    default: return false;
  }
}

/** Whether a component of kind `kind` has derived variable `variable`; reads no array. */
export function hasDerived(kind: i32, variable: i32): bool {
  return kind == KIND_TM && tmHasDerived(variable);
}

/** The bound of a derived variable's second index, or -1 when the kind has no such variable. */
export function derivedRange(c: usize, kind: i32, variable: i32): i32 {
  return kind == KIND_TM ? tmDerivedRange(c, variable) : -1;
}

/** A derived variable's value at (i, k) (checked by derivedRange). */
export function derived(c: usize, kind: i32, variable: i32, i: i32, k: i32): f32 {
  return tmDerived(c, variable, i, k);
}

/**
 * For records at presynaptic spikes: the i32 array of the step of each row's last spike (K N values,
 * N = the component's n), or 0 when the kind has none.
 */
export function lastSpikes(c: usize, kind: i32): usize {
  return kind == KIND_TM ? tmLastSpikes(c) : 0;
}
