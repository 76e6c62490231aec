// stp-wasm kernel: the exports of the raw ABI (docs/ABI.md; assembly/abi.ts is the memory layout,
// also exported here as immutable i32 globals: the layout queries).
// The host owns the imported memory and writes a network header plus its records; `init`
// resets every state variable and `run` advances the whole network nSteps steps in order:
// all sources, then all synapses, then all LIF populations, then the records. Every call first
// validates the whole descriptor (assembly/validate.ts) and returns a code instead of trapping.
import {
  ABI_VERSION, NET_TRIALS, NET_STEP, NET_DT, NET_SEED0,
  NET_SEED1, NET_NSRC, NET_SRC, NET_NSYN, NET_SYN, NET_NLIF, NET_LIF, NET_NREC, NET_REC,
  NET_REC_CAP, NET_REC_ROW, NET_BARRIER, NET_SPINS, SRC_BYTES, SRC_KIND, SRC_KIND_POISSON, SRC_KIND_TRAIN, SRC_N,
  SRC_SPIKES, SRC_COUNTS, SRC_CURSOR, SYN_BYTES, SYN_NPRE, SYN_NPOST, SYN_UVAR, SYN_XVAR, SYN_USPK,
  SYN_XSPK, SYN_SPIKED, SYN_CU, SYN_CX, SYN_LIST, SYN_ACC, LIF_BYTES, LIF_N, LIF_INPUT, LIF_V, LIF_RFR,
  LIF_THETA, LIF_SPIKES, LIF_COUNTS, LIF_V_REST, LIF_REFRACT,
  SYN_FLAGS, SYN_FLAG_UREST_U, SYN_RESOURCES, SYN_UANCH, SYN_XANCH, SYN_YANCH, SYN_ZANCH,
  SYN_NSINCE, LIF_ISYN,
  OK, ERR_BAD_STEPS, ERR_RECORD_FULL, ERR_BAD_THREADS, ERR_BAD_POINTER,
} from "./abi";
import { validate, errorWord, fail } from "./engine/validate";
import { stepPoisson } from "./models/poisson";
import { byTrials, rangeStart } from "./engine/schedule";
import { barrier } from "./engine/barrier";
import { stepTrain } from "./models/spikeTrain";
import { stepSynapseState, stepSynapseOutput, stepSynapseBlocks, byBlocks, halfLength, scratchWords } from "./models/tm/step";
import { stepLif } from "./models/lif/step";
import { recordRow } from "./engine/monitor";
import { philox, out0, out1, out2, out3 } from "./rng/philox";

// the layout queries: every constant of abi.ts (offsets, sizes, kinds, flags, codes) as a global
export * from "./abi";

/** The layout version this module reads. */
export function abiVersion(): i32 {
  return ABI_VERSION;
}

/**
 * First byte past the module's own static data (Math.exp's and Math.expm1's tables, used by the
 * exact modes). The host must lay nothing out below it; src/kernel.ts checks this at load.
 */
export function heapBase(): usize {
  return __heap_base;
}

@inline function fill(ptr: usize, count: i32, value: f32): void {
  for (let i = 0; i < count; i++) store<f32>(ptr + (<usize>i << 2), value);
}

/**
 * Address of the word the last failing call refused (a header or record field, or an element of an
 * index array); 0 when it refused an argument, or when the last call succeeded.
 */
export function errorAt(): usize {
  return errorWord;
}

/** Reset every state variable of the network at `net` to its initial value; step = 0. */
export function init(net: usize): i32 {
  const err = validate(net, false, 1);
  if (err != OK) return err;
  const trials = load<i32>(net + NET_TRIALS);
  store<i32>(net + NET_STEP, 0);
  store<i32>(net + NET_REC_ROW, 0);
  const nSrc = load<i32>(net + NET_NSRC);
  for (let i = 0; i < nSrc; i++) {
    const src = load<usize>(net + NET_SRC) + <usize>(i * SRC_BYTES);
    const n = load<i32>(src + SRC_N);
    fill(load<usize>(src + SRC_SPIKES), n * trials, 0);
    memory.fill(load<usize>(src + SRC_COUNTS), 0, <usize>(n * trials) << 2);
    if (load<i32>(src + SRC_KIND) == SRC_KIND_TRAIN) memory.fill(load<usize>(src + SRC_CURSOR), 0, <usize>(n * trials) << 2);
  }
  const nSyn = load<i32>(net + NET_NSYN);
  for (let i = 0; i < nSyn; i++) {
    const syn = load<usize>(net + NET_SYN) + <usize>(i * SYN_BYTES);
    const nPre = load<i32>(syn + SYN_NPRE);
    const rows = nPre * trials;
    // u starts at its resting value: 0, or U_j with SYN_FLAG_UREST_U; x starts at 1
    if ((load<i32>(syn + SYN_FLAGS) & SYN_FLAG_UREST_U) != 0) {
      const resources = load<usize>(syn + SYN_RESOURCES);
      for (let r = 0; r < rows; r++) store<f32>(load<usize>(syn + SYN_UVAR) + (<usize>r << 2), load<f32>(resources + (<usize>(r % nPre) << 2)));
    } else fill(load<usize>(syn + SYN_UVAR), rows, 0);
    fill(load<usize>(syn + SYN_XVAR), rows, 1);
    memory.copy(load<usize>(syn + SYN_UANCH), load<usize>(syn + SYN_UVAR), <usize>rows << 2);
    fill(load<usize>(syn + SYN_XANCH), rows, 1);
    fill(load<usize>(syn + SYN_YANCH), rows, 0);
    fill(load<usize>(syn + SYN_ZANCH), rows, 0);
    memory.fill(load<usize>(syn + SYN_NSINCE), 0, <usize>rows << 2);
    fill(load<usize>(syn + SYN_USPK), rows, 0);
    fill(load<usize>(syn + SYN_XSPK), rows, 0);
    const halves = 2 * halfLength(rows);
    fill(load<usize>(syn + SYN_SPIKED), halves, 0);
    fill(load<usize>(syn + SYN_CU), halves, 0);
    memory.fill(load<usize>(syn + SYN_LIST), 0, <usize>(3 * halves) << 2);
    fill(load<usize>(syn + SYN_CX), halves, 0);
    // the slots, then the block marks (i32 0: the same bits as f32 0)
    fill(load<usize>(syn + SYN_ACC), <i32>scratchWords(syn, trials), 0);
  }
  const nLif = load<i32>(net + NET_NLIF);
  for (let i = 0; i < nLif; i++) {
    const lif = load<usize>(net + NET_LIF) + <usize>(i * LIF_BYTES);
    const total = load<i32>(lif + LIF_N) * trials;
    fill(load<usize>(lif + LIF_INPUT), total, 0);
    fill(load<usize>(lif + LIF_V), total, load<f32>(lif + LIF_V_REST));
    fill(load<usize>(lif + LIF_RFR), total, load<f32>(lif + LIF_REFRACT));
    fill(load<usize>(lif + LIF_THETA), total, 0);
    fill(load<usize>(lif + LIF_ISYN), total, 0);
    fill(load<usize>(lif + LIF_SPIKES), total, 0);
    memory.fill(load<usize>(lif + LIF_COUNTS), 0, <usize>total << 2);
  }
  return OK;
}

/** Advance the network at `net` by nSteps steps on one thread; returns OK or an ERR_* code. */
export function run(net: usize, nSteps: i32): i32 {
  return runSlice(net, nSteps, 0, 1);
}

/**
 * Worker `worker` of `workers` advancing the network at `net` by nSteps steps. Every worker calls it
 * with the same net and nSteps. With at least as many trials as workers each takes whole trials
 * (stepped tile by tile, no barrier); otherwise each step's phases (sources, synapse state, synapse
 * output, LIF) are cut into contiguous slices and the workers meet at the barrier at NET_BARRIER
 * (stepOnce). Each worker records the values it computed; worker 0 moves the step counter on. The
 * results do not depend on `workers`. Returns OK or an ERR_* code (then no state has changed).
 */
export function runSlice(net: usize, nSteps: i32, worker: i32, workers: i32): i32 {
  if (workers < 1 || worker < 0 || worker >= workers) return fail(ERR_BAD_THREADS, 0); // an argument
  const err = validate(net, true, workers);
  if (err != OK) return err;
  const bar = load<usize>(net + NET_BARRIER);
  if (workers > 1 && (!ASC_FEATURE_THREADS || bar == 0)) return fail(ERR_BAD_THREADS, net + NET_BARRIER);
  const step0 = load<i32>(net + NET_STEP);
  if (nSteps < 0) return fail(ERR_BAD_STEPS, 0);
  if (step0 > i32.MAX_VALUE - nSteps) return fail(ERR_BAD_STEPS, net + NET_STEP);
  const nRec = load<i32>(net + NET_NREC);
  const row = load<i32>(net + NET_REC_ROW);
  if (nRec > 0 && row > load<i32>(net + NET_REC_CAP) - nSteps) return fail(ERR_RECORD_FULL, net + NET_REC_ROW);
  const trials = load<i32>(net + NET_TRIALS);
  const w = worker;
  const n = workers;
  const spins = load<i32>(net + NET_SPINS);
  barrier(bar, n, spins); // everyone has read the header before worker 0 moves the step counter on
  if (!byTrials(trials, n)) {
    // slices of one trial: the workers meet once per step (twice when the output goes by blocks of
    // rows, 3a)
    for (let s = 0; s < nSteps; s++) stepOnce(net, step0 + s, row + s, -1, -1, w, n);
  } else {
    // whole trials per worker: trials are independent, so each worker runs its trials tile by tile,
    // every step of a tile before the next tile. A tile's state stays in cache over its steps, and
    // workers never write neighbouring lines at the same time (no barrier is needed).
    const t0 = rangeStart(trials, 1, w, n);
    const t1 = rangeStart(trials, 1, w + 1, n);
    const tile = tileTrials(t1 - t0, n);
    for (let a = t0; a < t1; a += tile) {
      const b = min(t1, a + tile);
      for (let s = 0; s < nSteps; s++) stepOnce(net, step0 + s, row + s, a, b, w, n);
    }
  }
  if (w == 0) {
    store<i32>(net + NET_STEP, step0 + nSteps);
    if (nRec > 0) store<i32>(net + NET_REC_ROW, row + nSteps);
  }
  return OK;
}

/** First index of a pass's range of an array of trials * units: trials [a, b) when a >= 0, else worker w's slice. */
@inline function from(trials: i32, units: i32, w: i32, n: i32, a: i32): i32 {
  return a >= 0 ? a * units : rangeStart(trials, units, w, n);
}

/** End of a pass's range of an array of trials * units (see `from`). */
@inline function to(trials: i32, units: i32, w: i32, n: i32, b: i32): i32 {
  return b >= 0 ? b * units : rangeStart(trials, units, w + 1, n);
}

/**
 * Trials per tile when `n` workers take whole trials, of a share of `share` trials: one tile on one
 * worker (no boundary, no extra pass); otherwise a quarter of the share, in multiples of 16 trials
 * (a 64-byte line of a one-unit array). A worker's last tile, next to the following share, then
 * runs three tiles' time after that share's first tile, so the two cores do not write (nor their
 * prefetchers read ahead into) each other's lines at the same time. (Measured on the lesson with
 * 1000 trials on 2 threads: 1.25 times one thread's speed untiled, about 1.8 times tiled.)
 */
@inline function tileTrials(share: i32, n: i32): i32 {
  if (n == 1) return max(share, 1);
  return max(16, ((share + 3) / 4 + 15) & ~15);
}

/**
 * One step of the network at `net` for trials [a, b) (a >= 0: whole trials, no barrier), or for
 * worker w's slice of every population (a = b = -1: the workers share trials and meet at the
 * barrier). Record row `recRow`. Every value is computed the same way in either case.
 */
function stepOnce(net: usize, step: i32, recRow: i32, a: i32, b: i32, w: i32, n: i32): void {
  const trials = load<i32>(net + NET_TRIALS);
  const nSrc = load<i32>(net + NET_NSRC);
  const srcs = load<usize>(net + NET_SRC);
  const nSyn = load<i32>(net + NET_NSYN);
  const syns = load<usize>(net + NET_SYN);
  const nLif = load<i32>(net + NET_NLIF);
  const lifs = load<usize>(net + NET_LIF);
  const split = a < 0;
  // 1. sources
  for (let i = 0; i < nSrc; i++) {
    const src = srcs + <usize>(i * SRC_BYTES);
    const units = load<i32>(src + SRC_N);
    const g0 = from(trials, units, w, n, a);
    const g1 = to(trials, units, w, n, b);
    if (load<i32>(src + SRC_KIND) == SRC_KIND_POISSON) stepPoisson(src, step, load<u32>(net + NET_SEED0), load<u32>(net + NET_SEED1), g0, g1);
    else stepTrain(src, step, g0, g1);
  }
  // 2. synapse state (u, x) per presynaptic row: the same range as the presynaptic population's
  for (let i = 0; i < nSyn; i++) {
    const syn = syns + <usize>(i * SYN_BYTES);
    const units = load<i32>(syn + SYN_NPRE);
    stepSynapseState(syn, trials, step, from(trials, units, w, n, a), to(trials, units, w, n, b));
  }
  if (split) barrier(load<usize>(net + NET_BARRIER), n, load<i32>(net + NET_SPINS)); // output reads every spiking row of a trial
  // 3a. several workers on one trial: each sums the spiking rows of its blocks of rows
  let blocks = false;
  for (let i = 0; split && i < nSyn; i++) {
    const syn = syns + <usize>(i * SYN_BYTES);
    if (!byBlocks(syn, trials, n)) continue;
    stepSynapseBlocks(syn, trials, step, w, n);
    blocks = true;
  }
  if (blocks) barrier(load<usize>(net + NET_BARRIER), n, load<i32>(net + NET_SPINS)); // the blocks' sums are complete
  // 3b. synapse output per (trial, postsynaptic unit), in synapse order: the target LIF's range
  for (let i = 0; i < nSyn; i++) {
    const syn = syns + <usize>(i * SYN_BYTES);
    const units = load<i32>(syn + SYN_NPOST);
    stepSynapseOutput(syn, trials, step, from(trials, units, w, n, a), to(trials, units, w, n, b), w, n);
  }
  // 4. LIF populations
  for (let i = 0; i < nLif; i++) {
    const lif = lifs + <usize>(i * LIF_BYTES);
    const units = load<i32>(lif + LIF_N);
    // dt is read here, not held in a local across the barriers (see barrier.ts)
    stepLif(lif, load<f32>(net + NET_DT), from(trials, units, w, n, a), to(trials, units, w, n, b));
  }
  // 5. the values this pass computed, into record row recRow
  const nRec = load<i32>(net + NET_NREC);
  if (nRec > 0) recordRow(load<usize>(net + NET_REC), nRec, recRow, trials, w, n, a, b);
  // (no barrier at the end: the next step writes the other half of the double buffers that outputs
  // read, and nobody passes the next step's barrier before everyone has finished this step's outputs)
}

/**
 * Append one row to every record entry from the current state, without stepping (e.g. the state
 * after init, as a row before the first step); NET_REC_ROW += 1. Returns OK or an ERR_* code.
 */
export function record(net: usize): i32 {
  const err = validate(net, true, 1);
  if (err != OK) return err;
  const nRec = load<i32>(net + NET_NREC);
  if (nRec == 0) return OK;
  const row = load<i32>(net + NET_REC_ROW);
  if (row >= load<i32>(net + NET_REC_CAP)) return fail(ERR_RECORD_FULL, net + NET_REC_ROW);
  recordRow(load<usize>(net + NET_REC), nRec, row, load<i32>(net + NET_TRIALS), 0, 1, -1, -1);
  store<i32>(net + NET_REC_ROW, row + 1);
  return OK;
}

/**
 * Philox4x32-10 of counter (c0..c3) and key (k0, k1): four u32 words written at `out` (16 bytes,
 * 4-byte aligned, above heapBase()). Returns OK or ERR_BAD_POINTER (then nothing is written).
 */
export function philox4x32(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32, out: usize): i32 {
  if ((out & 3) != 0 || out < __heap_base || <u64>out + 16 > (<u64>memory.size() << 16)) return fail(ERR_BAD_POINTER, 0);
  fail(OK, 0);
  philox(c0, c1, c2, c3, k0, k1);
  store<u32>(out, out0);
  store<u32>(out + 4, out1);
  store<u32>(out + 8, out2);
  store<u32>(out + 12, out3);
  return OK;
}
