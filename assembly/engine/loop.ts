// The engine's step loop: init, and runSlice (run = one worker). Every step runs, in this order:
//   1. every source (table order), 2. every synapse's rows (its model: u, x, the spike list),
//   3. every synapse's output (its delivery) into its target's INPUT, 4. every channel,
//   5. every neuron population, 6. one row of every record entry.
// A synapse whose presynaptic population is a neuron therefore sees that population's spikes of the
// previous step (ngc-learn's order z0, W, z1). Which worker computes what is engine/schedule.ts's.
// Every call checks the descriptor in full first (engine/validate.ts), except `step` on the network
// prepared before, of the same generation (engine/prepared.ts).
import {
  NET_TRIALS, NET_STEP, NET_DT, NET_SEED0, NET_SEED1, NET_NCOMP, NET_NREC, NET_REC, NET_REC_CAP, NET_REC_ROW,
  NET_BARRIER, NET_SPINS, MAX_WORKERS, COMP_KIND, COMP_N, COMP_SPIKES, COMP_COUNTS, COMP_INPUT,
  ROLE_SOURCE, ROLE_SYNAPSE, ROLE_CHANNEL, ROLE_NEURON,
  OK, ERR_BAD_STEPS, ERR_RECORD_FULL, ERR_BAD_THREADS, ERR_NON_FINITE,
} from "../abi";
import { beginFaults, takeFault, faultStep, faultAt } from "./fault";
import { fail, component, checkEventCounts } from "./validate";
import { check, checkPrepared } from "./prepared";
import { byTrials, rangeStart, tileTrials, beginTrials, beginSplit, split, workers } from "./schedule";
import { barrier, LAST_SHARES, LAST_REBALANCE } from "./barrier";
import { BALANCE_STEPS, fixedShares, reportLasts } from "./balance";
import { recordRow, clearEventCounts } from "./monitor";
import { roleOf, initModel, stepSource, stepSynapse, stepChannel, stepNeuron } from "../models/registry";
import { initDelivery, sumsByBlocks, deliverBlocks, deliver } from "../delivery/index";

/** Reset every state variable of the network at `net` to its initial value; step = 0. */
export function init(net: usize): i32 {
  const err = check(net, false, 1);
  if (err != OK) return err;
  const trials = load<i32>(net + NET_TRIALS);
  store<i32>(net + NET_STEP, 0);
  store<i32>(net + NET_REC_ROW, 0);
  clearEventCounts(net);
  const nComp = load<i32>(net + NET_NCOMP);
  for (let i = 0; i < nComp; i++) {
    const c = component(net, i);
    const kind = load<i32>(c + COMP_KIND);
    const role = roleOf(kind);
    const bytes = <usize>(load<i32>(c + COMP_N) * trials) << 2;
    if (role == ROLE_SOURCE || role == ROLE_NEURON) {
      memory.fill(load<usize>(c + COMP_SPIKES), 0, bytes);
      memory.fill(load<usize>(c + COMP_COUNTS), 0, bytes);
    }
    if (role == ROLE_NEURON || role == ROLE_CHANNEL) memory.fill(load<usize>(c + COMP_INPUT), 0, bytes);
    if (role == ROLE_SYNAPSE) initDelivery(c, trials);
    initModel(c, kind, trials);
  }
  return OK;
}

/**
 * Worker `worker` of `workers` advancing the network at `net` by nSteps steps. Every worker calls it
 * with the same net and nSteps. With at least as many trials as workers each takes whole trials
 * (stepped tile by tile, no barrier); otherwise each step's phases are cut into slices and the
 * workers meet at the barrier at NET_BARRIER (stepOnce). Each worker records the values it computed;
 * worker 0 moves the step counter on. The results do not depend on `workers`. Returns OK or an
 * ERR_* code (then no state has changed; except ERR_NON_FINITE, returned after all the steps:
 * engine/fault.ts).
 */
export function runSlice(net: usize, nSteps: i32, worker: i32, workerCount: i32): i32 {
  if (workerCount < 1 || workerCount > MAX_WORKERS || worker < 0 || worker >= workerCount) return fail(ERR_BAD_THREADS, 0); // an argument
  const err = check(net, true, workerCount);
  if (err != OK) return err;
  return advance(net, nSteps, worker, workerCount);
}

/**
 * Check the network at `net` in full, as a run does, and remember it (with its NET_GEN) for `step`.
 * Returns OK or an ERR_* code; changes no byte of memory.
 */
export function prepare(net: usize): i32 {
  return check(net, true, 1);
}

/**
 * Advance the network at `net` by nSteps steps on one thread, as run(net, nSteps) does, after a
 * check in full only when `net` is not the network this instance last checked in full or its
 * NET_GEN has changed since (otherwise only the step index and the record row are checked).
 */
export function step(net: usize, nSteps: i32): i32 {
  const err = checkPrepared(net);
  if (err != OK) return err;
  return advance(net, nSteps, 0, 1);
}

/** runSlice once the descriptor is known good: the call's own checks, then the steps. */
function advance(net: usize, nSteps: i32, worker: i32, workerCount: i32): i32 {
  const bar = load<usize>(net + NET_BARRIER);
  if (workerCount > 1 && (!ASC_FEATURE_THREADS || bar == 0)) return fail(ERR_BAD_THREADS, net + NET_BARRIER);
  const step0 = load<i32>(net + NET_STEP);
  if (nSteps < 0) return fail(ERR_BAD_STEPS, 0);
  if (step0 > i32.MAX_VALUE - nSteps) return fail(ERR_BAD_STEPS, net + NET_STEP);
  const nRec = load<i32>(net + NET_NREC);
  const row = load<i32>(net + NET_REC_ROW);
  if (nRec > 0 && row > load<i32>(net + NET_REC_CAP) - nSteps) return fail(ERR_RECORD_FULL, net + NET_REC_ROW);
  const events = checkEventCounts(net, row);
  if (events != OK) return events;
  const trials = load<i32>(net + NET_TRIALS);
  const w = worker;
  const n = workerCount;
  // everyone has read the header before worker 0 moves the step counter on (and the shares are for n workers)
  barrier(bar, n, load<i32>(net + NET_SPINS), LAST_SHARES);
  beginFaults();
  if (!byTrials(trials, n)) {
    // slices of one trial: the workers meet once per step (twice when the output goes by blocks of
    // rows), and once more at the end of every BALANCE_STEPS-th step to move work between them
    beginSplit(trials, w, n, bar);
    lastArrivals = 0;
    const balancing = !fixedShares(bar);
    for (let s = 0; s < nSteps; s++) {
      stepOnce(net, step0 + s, row + s);
      if (balancing && (step0 + s) % BALANCE_STEPS == BALANCE_STEPS - 1) {
        reportLasts(bar, w, lastArrivals);
        lastArrivals = 0;
        barrier(bar, n, load<i32>(net + NET_SPINS), LAST_REBALANCE);
      }
    }
  } else {
    // whole trials per worker: trials are independent, so each worker runs its trials tile by tile,
    // every step of a tile before the next tile. A tile's state stays in cache over its steps, and
    // workers never write neighbouring lines at the same time (no barrier is needed).
    const t0 = rangeStart(trials, 1, w, n);
    const t1 = rangeStart(trials, 1, w + 1, n);
    const tile = tileTrials(t1 - t0, n);
    for (let a = t0; a < t1; a += tile) {
      beginTrials(trials, a, min(t1, a + tile), w, n);
      for (let s = 0; s < nSteps; s++) stepOnce(net, step0 + s, row + s);
    }
  }
  if (w == 0) {
    store<i32>(net + NET_STEP, step0 + nSteps);
    if (nRec > 0) store<i32>(net + NET_REC_ROW, row + nSteps);
  }
  // a value that became non-finite: reported once all the steps ran (engine/fault.ts)
  if (faultStep >= 0) return fail(ERR_NON_FINITE, faultAt);
  return OK;
}

/** Barriers this worker arrived at last since the last rebalancing (engine/balance.ts). */
let lastArrivals = 0;

/** Meet the other workers (split mode only). dt and other floats are never held across it (barrier.ts). */
@inline function meet(net: usize): void {
  lastArrivals += barrier(load<usize>(net + NET_BARRIER), workers(), load<i32>(net + NET_SPINS));
}

/** One step of this pass (engine/schedule.ts), writing record row `recRow`. */
function stepOnce(net: usize, step: i32, recRow: i32): void {
  const trials = load<i32>(net + NET_TRIALS);
  const nComp = load<i32>(net + NET_NCOMP);
  // 1. sources
  for (let i = 0; i < nComp; i++) {
    const c = component(net, i);
    const kind = load<i32>(c + COMP_KIND);
    if (roleOf(kind) == ROLE_SOURCE) stepSource(c, kind, step, load<u32>(net + NET_SEED0), load<u32>(net + NET_SEED1));
  }
  // 2. synapse rows, over the presynaptic population's range
  for (let i = 0; i < nComp; i++) {
    const c = component(net, i);
    const kind = load<i32>(c + COMP_KIND);
    if (roleOf(kind) == ROLE_SYNAPSE) stepSynapse(c, kind, trials, step, load<u32>(net + NET_SEED0), load<u32>(net + NET_SEED1));
  }
  if (split()) {
    meet(net); // the output reads every spiking row of a trial
    // 3a. several workers on one trial: each first sums the spiking rows of its blocks of rows
    let blocks = false;
    for (let i = 0; i < nComp; i++) {
      const c = component(net, i);
      if (roleOf(load<i32>(c + COMP_KIND)) != ROLE_SYNAPSE || !sumsByBlocks(c, trials, workers())) continue;
      deliverBlocks(c, trials, step);
      blocks = true;
    }
    if (blocks) meet(net); // the blocks' sums are complete
  }
  // 3b. synapse outputs, in table order, over the target's range
  for (let i = 0; i < nComp; i++) {
    const c = component(net, i);
    if (roleOf(load<i32>(c + COMP_KIND)) == ROLE_SYNAPSE) deliver(c, trials, step);
  }
  // 4. channels, then 5. neurons (dt is read here, not held in a local across the barriers)
  for (let i = 0; i < nComp; i++) {
    const c = component(net, i);
    const kind = load<i32>(c + COMP_KIND);
    if (roleOf(kind) == ROLE_CHANNEL) stepChannel(c, kind);
  }
  for (let i = 0; i < nComp; i++) {
    const c = component(net, i);
    const kind = load<i32>(c + COMP_KIND);
    if (roleOf(kind) == ROLE_NEURON) stepNeuron(c, kind, load<f32>(net + NET_DT));
  }
  takeFault(step);
  // 6. the values this pass computed, into record row recRow
  const nRec = load<i32>(net + NET_NREC);
  if (nRec > 0) recordRow(load<usize>(net + NET_REC), nRec, recRow, step, true);
  // (no barrier at the end: the next step writes the other half of the double buffers that outputs
  // read, and nobody passes the next step's barrier before everyone has finished this step's outputs)
}

/**
 * Append one row to every record entry from the current state, without stepping (e.g. the state
 * after init, as a row before the first step); NET_REC_ROW += 1. Returns OK or an ERR_* code.
 */
export function record(net: usize): i32 {
  const err = check(net, true, 1);
  if (err != OK) return err;
  const nRec = load<i32>(net + NET_NREC);
  if (nRec == 0) return OK;
  const row = load<i32>(net + NET_REC_ROW);
  if (row >= load<i32>(net + NET_REC_CAP)) return fail(ERR_RECORD_FULL, net + NET_REC_ROW);
  beginSplit(load<i32>(net + NET_TRIALS), 0, 1, 0);
  recordRow(load<usize>(net + NET_REC), nRec, row, 0, false); // (no step: no events)
  store<i32>(net + NET_REC_ROW, row + 1);
  return OK;
}
