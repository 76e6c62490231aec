// Validation of a network descriptor, once per init / run / runSlice / record call (never per
// step): every word the kernel will use as a count, a pointer, an index, a kind or a parameter is
// checked before anything is written, so that bad input gets a code and never a trap. The address
// of the refused word is kept for errorAt(). Rules (docs/ABI.md, "Validation"):
//   - every non-empty region (pointer + size) is 4-byte aligned and inside [heapBase, memory end);
//   - sizes are computed in 64 bits; element counts (trials * units, rows * columns) must fit
//     32-bit indexing;
//   - the descriptors (header, record tables, spike-train offsets, record index arrays) are read
//     during a run, so no array the kernel writes may fall in the span from their lowest to their
//     highest byte; nor on a spike-train cursor (an index) or, with several workers, the barrier.
import {
  ABI_VERSION, NET_MAGIC_VALUE, NET_MAGIC, NET_VERSION, NET_TRIALS, NET_STEP, NET_DT, NET_NSRC,
  NET_SRC, NET_NSYN, NET_SYN, NET_NLIF, NET_LIF, NET_NREC, NET_REC, NET_REC_CAP, NET_REC_ROW,
  NET_BARRIER, NET_SPINS, NET_BYTES, BARRIER_BYTES,
  SRC_BYTES, SRC_KIND, SRC_KIND_POISSON, SRC_KIND_TRAIN, SRC_N, SRC_SPIKES, SRC_COUNTS, SRC_INPUTS,
  SRC_PRATE, SRC_OFFSETS, SRC_TIMES, SRC_CURSOR,
  SYN_BYTES, SYN_NPRE, SYN_NPOST, SYN_PRE_SPIKES, SYN_POST_INPUT, SYN_W, SYN_W_CONST, SYN_RESOURCES,
  SYN_DT_TAUF, SYN_DT_TAUD, SYN_BLOCKS, SYN_ACC_SLOTS, SYN_G, SYN_BIAS, SYN_UVAR, SYN_XVAR, SYN_USPK, SYN_XSPK, SYN_ACC,
  SYN_MODE, SYN_MODE_EXACT, SYN_FLAGS, SYN_FLAG_STF, SYN_FLAG_STD, SYN_FLAG_UREST_U, SYN_FLAG_INACT,
  SYN_SPIKED, SYN_CU, SYN_CX, SYN_LIST, SYN_UANCH, SYN_XANCH, SYN_YANCH, SYN_ZANCH, SYN_NSINCE, SYN_DT_TAUI, SYN_DT_H, SYN_H_TAUI,
  LIF_BYTES, LIF_N, LIF_INPUT, LIF_V, LIF_RFR, LIF_THETA, LIF_SPIKES, LIF_COUNTS, LIF_INV_TAU_M, LIF_R,
  LIF_V_REST, LIF_V_RESET, LIF_THR, LIF_REFRACT, LIF_THETA_DECAY, LIF_THETA_PLUS, LIF_G_L, LIF_V_MIN,
  LIF_FLAGS, LIF_FLAG_THETA, LIF_FLAG_VMIN, LIF_FLAG_SYN, LIF_METHOD, LIF_METHOD_EXACT, LIF_ISYN,
  LIF_SYN_DECAY, LIF_SYN_DECAY_HALF, LIF_P22, LIF_P21,
  REC_BYTES, REC_KIND, REC_KIND_SPIKE, REC_KIND_WDYN, REC_SRC, REC_IDX, REC_IDX2, REC_COUNT, REC_DST,
  REC_UNITS,
  OK, ERR_BAD_HEADER, ERR_BAD_RECORD, ERR_BAD_KIND, ERR_BAD_POINTER, ERR_OVERFLOW, ERR_BAD_VALUE,
  ERR_OVERLAP, ERR_BAD_TRAIN, ERR_BAD_COUNT,
} from "../abi";
import { scratchWords } from "../models/tm/step";

const I32_MAX: i64 = 2147483647;

/** Address of the word the last failed check refused (0: an argument, or no failure). */
export let errorWord: usize = 0;

let memEnd: u64 = 0; // bytes of memory at the start of the call
let spanLo: u64 = 0; // the descriptors' span [spanLo, spanHi)
let spanHi: u64 = 0;
let banLo: u64 = 0; // what the current pass over the written arrays must not touch
let banHi: u64 = 0;
let exempt: usize = 0; // the pointer field of the region protected by the current pass
let firstPass = true;

/** Refuse with `code`, the word at `at` (0 for an argument) being the one refused. */
export function fail(code: i32, at: usize): i32 {
  errorWord = at;
  return code;
}

@inline function finite(v: f32): bool {
  return v - v == 0; // false for NaN and +-Infinity
}

/** The region of `bytes` bytes whose address is stored in `field`: aligned, inside memory. */
function inMemory(field: usize, bytes: u64): i32 {
  if (bytes == 0) return OK;
  const p = <u64>load<u32>(field);
  if ((p & 3) != 0 || p < <u64>__heap_base || p + bytes > memEnd) return fail(ERR_BAD_POINTER, field);
  return OK;
}

/** A descriptor region (read during runs): in memory, and part of the span. */
function descriptor(field: usize, bytes: u64): i32 {
  if (bytes == 0) return OK;
  const err = inMemory(field, bytes);
  if (err != OK) return err;
  const p = <u64>load<u32>(field);
  if (p < spanLo) spanLo = p;
  if (p + bytes > spanHi) spanHi = p + bytes;
  return OK;
}

/** A region the kernel writes: on the first pass in memory; on every pass clear of [banLo, banHi). */
function written(field: usize, bytes: u64): i32 {
  if (bytes == 0 || field == exempt) return OK;
  if (firstPass) {
    const err = inMemory(field, bytes);
    if (err != OK) return err;
  }
  const p = <u64>load<u32>(field);
  if (p < banHi && banLo < p + bytes) return fail(ERR_OVERLAP, field);
  return OK;
}

const BIG = f32.MAX_VALUE;

/** A parameter that must lie within [lo, hi] (NaN never does; infinities only where a bound is one). */
@inline function param(field: usize, lo: f32, hi: f32): i32 {
  const v = load<f32>(field);
  if (!(v >= lo && v <= hi)) return fail(ERR_BAD_VALUE, field);
  return OK;
}

/** A parameter that must be finite and > 0. */
@inline function positive(field: usize): i32 {
  const v = load<f32>(field);
  if (!finite(v) || !(v > 0)) return fail(ERR_BAD_VALUE, field);
  return OK;
}

/** A unit count >= 1 whose product with `trials` fits 32-bit indexing; returns -code on failure. */
function units(field: usize, trials: i64): i64 {
  const n = load<i32>(field);
  if (n < 1) return -fail(ERR_BAD_COUNT, field);
  if (<i64>n * trials > I32_MAX) return -fail(ERR_OVERFLOW, field);
  return n;
}

// ---- one record each --------------------------------------------------------------------------

function checkSource(src: usize, trials: i64, forRun: bool): i32 {
  const kind = load<i32>(src + SRC_KIND);
  if (kind != SRC_KIND_POISSON && kind != SRC_KIND_TRAIN) return fail(ERR_BAD_KIND, src + SRC_KIND);
  const n = units(src + SRC_N, trials);
  if (n < 0) return <i32>-n;
  if (kind == SRC_KIND_POISSON) {
    let err = inMemory(src + SRC_INPUTS, <u64>(n * trials) << 2);
    if (err == OK) err = param(src + SRC_PRATE, 0, 1);
    return err;
  }
  // spike train: offsets (an index array, a descriptor), times (read), cursors (checked in run)
  let err = descriptor(src + SRC_OFFSETS, <u64>(n + 1) << 2);
  if (err != OK) return err;
  const offsets = load<usize>(src + SRC_OFFSETS);
  let prev = load<i32>(offsets);
  if (prev < 0) return fail(ERR_BAD_TRAIN, offsets);
  for (let j = 1; j <= <i32>n; j++) {
    const o = load<i32>(offsets + (<usize>j << 2));
    if (o < prev) return fail(ERR_BAD_TRAIN, offsets + (<usize>j << 2));
    prev = o;
  }
  err = inMemory(src + SRC_TIMES, <u64>prev << 2);
  if (err != OK) return err;
  const times = load<usize>(src + SRC_TIMES);
  if (!forRun) {
    // at init: each unit's steps strictly increase from >= 0 (run does not re-read them all)
    for (let j = 0; j < <i32>n; j++) {
      let last = -1;
      const end = load<i32>(offsets + (<usize>(j + 1) << 2));
      for (let c = load<i32>(offsets + (<usize>j << 2)); c < end; c++) {
        const t = load<i32>(times + (<usize>c << 2));
        if (t <= last) return fail(ERR_BAD_TRAIN, times + (<usize>c << 2));
        last = t;
      }
    }
  }
  return OK;
}

/** A spike train's cursors (run only): in memory, each within its unit's list. */
function checkCursors(src: usize, trials: i64): i32 {
  const n = <i32>load<i32>(src + SRC_N);
  const err = inMemory(src + SRC_CURSOR, <u64>(<i64>n * trials) << 2);
  if (err != OK) return err;
  const offsets = load<usize>(src + SRC_OFFSETS);
  const cursors = load<usize>(src + SRC_CURSOR);
  const total = <i32>(<i64>n * trials);
  for (let g = 0; g < total; g++) {
    const j = g % n;
    const len = load<i32>(offsets + (<usize>(j + 1) << 2)) - load<i32>(offsets + (<usize>j << 2));
    const c = load<i32>(cursors + (<usize>g << 2));
    if (c < 0 || c > len) return fail(ERR_BAD_TRAIN, cursors + (<usize>g << 2));
  }
  return OK;
}

function checkSynapse(syn: usize, trials: i64): i32 {
  const nPre = units(syn + SYN_NPRE, trials);
  if (nPre < 0) return <i32>-nPre;
  const nPost = units(syn + SYN_NPOST, trials);
  if (nPost < 0) return <i32>-nPost;
  // (nPre * nPost only indexes W, whose region must fit in memory: below 2^30 values)
  const mode = load<u32>(syn + SYN_MODE);
  if (mode > <u32>SYN_MODE_EXACT) return fail(ERR_BAD_KIND, syn + SYN_MODE);
  const flags = load<i32>(syn + SYN_FLAGS);
  const known = SYN_FLAG_STF | SYN_FLAG_STD | SYN_FLAG_UREST_U | SYN_FLAG_INACT;
  if ((flags & ~known) != 0 || ((flags & SYN_FLAG_INACT) != 0 && mode != SYN_MODE_EXACT)) return fail(ERR_BAD_KIND, syn + SYN_FLAGS);
  let err = inMemory(syn + SYN_PRE_SPIKES, <u64>(nPre * trials) << 2);
  if (err == OK && load<u32>(syn + SYN_W) != 0) err = inMemory(syn + SYN_W, <u64>(nPre * nPost) << 2);
  if (err == OK) err = inMemory(syn + SYN_RESOURCES, <u64>nPre << 2);
  if (err == OK && load<u32>(syn + SYN_BIAS) != 0) err = inMemory(syn + SYN_BIAS, <u64>nPost << 2);
  if (err != OK) return err;
  // G blocks of rows, 1 to min(nPre, 64); S slots per trial, min(G, 2) to G
  const blocks = load<i32>(syn + SYN_BLOCKS);
  if (blocks < 1 || blocks > 64 || <i64>blocks > nPre) return fail(ERR_BAD_VALUE, syn + SYN_BLOCKS);
  const slots = load<i32>(syn + SYN_ACC_SLOTS);
  if (slots < min(blocks, 2) || slots > blocks) return fail(ERR_BAD_VALUE, syn + SYN_ACC_SLOTS);
  // (the scratch's size, K (S nPost + G), must index below 2^31)
  if ((<i64>slots * nPost + blocks) * trials > I32_MAX) return fail(ERR_OVERFLOW, syn + SYN_ACC_SLOTS);
  // rates: dt/tau in [0, 1] for the Euler map (beyond 1 it leaves [0, 1]); when exact, >= 0 up to
  // +Infinity (tau -> 0: instant relaxation, the limit of a valid time constant), never NaN
  const exact = mode == <u32>SYN_MODE_EXACT;
  const maxRate: f32 = exact ? f32.POSITIVE_INFINITY : 1;
  if ((flags & SYN_FLAG_STF) != 0) err = param(syn + SYN_DT_TAUF, 0, maxRate);
  if (err == OK && (flags & SYN_FLAG_STD) != 0) err = param(syn + SYN_DT_TAUD, 0, maxRate);
  if (err == OK) err = param(syn + SYN_W_CONST, -BIG, BIG);
  if (err == OK) err = param(syn + SYN_G, -BIG, BIG);
  if (err == OK && (flags & SYN_FLAG_INACT) != 0) {
    err = param(syn + SYN_DT_TAUI, 0, f32.POSITIVE_INFINITY);
    if (err == OK) err = param(syn + SYN_DT_H, f32.NEGATIVE_INFINITY, f32.POSITIVE_INFINITY);
    if (err == OK) err = param(syn + SYN_H_TAUI, f32.NEGATIVE_INFINITY, f32.POSITIVE_INFINITY);
  }
  return err;
}

function checkLif(lif: usize, trials: i64): i32 {
  const n = units(lif + LIF_N, trials);
  if (n < 0) return <i32>-n;
  const method = load<u32>(lif + LIF_METHOD);
  if (method > <u32>LIF_METHOD_EXACT) return fail(ERR_BAD_KIND, lif + LIF_METHOD);
  const flags = load<i32>(lif + LIF_FLAGS);
  if ((flags & ~(LIF_FLAG_THETA | LIF_FLAG_VMIN | LIF_FLAG_SYN)) != 0) return fail(ERR_BAD_KIND, lif + LIF_FLAGS);
  const big = BIG;
  // 1 / tauM > 0; +Infinity is the limit of a tiny tauM (the exact method does not use it)
  let err = load<f32>(lif + LIF_INV_TAU_M) > 0 ? OK : fail(ERR_BAD_VALUE, lif + LIF_INV_TAU_M);
  if (err == OK) err = param(lif + LIF_R, -big, big);
  if (err == OK) err = param(lif + LIF_V_REST, -big, big);
  if (err == OK) err = param(lif + LIF_V_RESET, -big, big);
  if (err == OK) err = param(lif + LIF_THR, -big, big);
  if (err == OK) err = param(lif + LIF_REFRACT, 0, big);
  if (err == OK) err = param(lif + LIF_G_L, 0, big);
  if (err == OK && (flags & LIF_FLAG_THETA) != 0) {
    err = param(lif + LIF_THETA_DECAY, 0, 1);
    if (err == OK) err = param(lif + LIF_THETA_PLUS, -big, big);
  }
  if (err == OK && (flags & LIF_FLAG_VMIN) != 0) err = param(lif + LIF_V_MIN, -big, big);
  if (err == OK && (flags & LIF_FLAG_SYN) != 0) {
    err = param(lif + LIF_SYN_DECAY, 0, 1);
    if (err == OK) err = param(lif + LIF_SYN_DECAY_HALF, 0, 1);
  }
  if (err == OK && method == <u32>LIF_METHOD_EXACT) {
    err = param(lif + LIF_P22, 0, 1);
    if (err == OK) err = param(lif + LIF_P21, f32.NEGATIVE_INFINITY, f32.POSITIVE_INFINITY);
  }
  return err;
}

function checkRecord(rec: usize, trials: i64, cap: i64, syns: usize, nSyn: i32): i32 {
  const kind = load<u32>(rec + REC_KIND);
  if (kind > <u32>REC_KIND_WDYN) return fail(ERR_BAD_RECORD, rec + REC_KIND);
  const count = <i64>load<i32>(rec + REC_COUNT);
  if (count < 0) return fail(ERR_BAD_RECORD, rec + REC_COUNT);
  if (count * cap > I32_MAX) return fail(ERR_OVERFLOW, rec + REC_COUNT);
  const unitsPerTrial = load<i32>(rec + REC_UNITS);
  if (unitsPerTrial < 1) return fail(ERR_BAD_RECORD, rec + REC_UNITS);
  if (<i64>unitsPerTrial * trials > I32_MAX) return fail(ERR_OVERFLOW, rec + REC_UNITS);
  const err = descriptor(rec + REC_IDX, <u64>count << 2);
  if (err != OK) return err;
  if (kind != <u32>REC_KIND_WDYN) return inMemory(rec + REC_SRC, <u64>(<i64>unitsPerTrial * trials) << 2);
  // WDYN samples one of this network's synapses: SRC is its record, UNITS its nPre
  const syn = <u64>load<u32>(rec + REC_SRC);
  if (nSyn == 0 || syn < <u64>syns || (syn - <u64>syns) % SYN_BYTES != 0 || (syn - <u64>syns) / SYN_BYTES >= <u64>nSyn) {
    return fail(ERR_BAD_RECORD, rec + REC_SRC);
  }
  if (unitsPerTrial != load<i32>(<usize>syn + SYN_NPRE)) return fail(ERR_BAD_RECORD, rec + REC_UNITS);
  const err2 = descriptor(rec + REC_IDX2, <u64>count << 2);
  if (err2 != OK) return err2;
  const idx2 = load<usize>(rec + REC_IDX2);
  const nPost = load<i32>(<usize>syn + SYN_NPOST);
  for (let m = 0; m < <i32>count; m++) {
    const k = load<i32>(idx2 + (<usize>m << 2));
    if (k < 0 || k >= nPost) return fail(ERR_BAD_RECORD, idx2 + (<usize>m << 2));
  }
  return OK;
}

// ---- every written array ------------------------------------------------------------------------

/**
 * The arrays the kernel writes: a synapse's per presynaptic row (K nPre), its double buffers per
 * row (2 K nPre: one half per step parity) and per column (K nPost); a LIF's per unit (K n).
 */
const SYN_PER_ROW: StaticArray<i32> = [SYN_UVAR, SYN_XVAR, SYN_USPK, SYN_XSPK, SYN_UANCH, SYN_XANCH, SYN_YANCH, SYN_ZANCH, SYN_NSINCE];
const SYN_PER_ROW_TWICE: StaticArray<i32> = [SYN_SPIKED, SYN_CU, SYN_CX];
const SYN_PER_COLUMN: StaticArray<i32> = [SYN_POST_INPUT];
const LIF_PER_UNIT: StaticArray<i32> = [LIF_INPUT, LIF_V, LIF_RFR, LIF_THETA, LIF_SPIKES, LIF_COUNTS, LIF_ISYN];

/** `written` for each of `fields` of the record at `rec`, every region `bytes` long. */
function allWritten(rec: usize, fields: StaticArray<i32>, bytes: u64): i32 {
  for (let i = 0; i < fields.length; i++) {
    const err = written(rec + <usize>fields[i], bytes);
    if (err != OK) return err;
  }
  return OK;
}

/** One pass over every array the kernel writes (counts were checked before the first pass). */
function writtenPass(net: usize, trials: i64): i32 {
  const nSrc = load<i32>(net + NET_NSRC);
  for (let i = 0; i < nSrc; i++) {
    const src = load<usize>(net + NET_SRC) + <usize>(i * SRC_BYTES);
    const bytes = <u64>(<i64>load<i32>(src + SRC_N) * trials) << 2;
    let err = written(src + SRC_SPIKES, bytes);
    if (err == OK) err = written(src + SRC_COUNTS, bytes);
    if (err == OK && load<i32>(src + SRC_KIND) == SRC_KIND_TRAIN) err = written(src + SRC_CURSOR, bytes);
    if (err != OK) return err;
  }
  const nSyn = load<i32>(net + NET_NSYN);
  for (let i = 0; i < nSyn; i++) {
    const syn = load<usize>(net + NET_SYN) + <usize>(i * SYN_BYTES);
    const rows = <u64>(<i64>load<i32>(syn + SYN_NPRE) * trials) << 2;
    let err = allWritten(syn, SYN_PER_ROW, rows);
    // double buffers: two halves of H = K nPre rounded up to 16 (lists: 3 words per row)
    const halves = <u64>(((<i64>load<i32>(syn + SYN_NPRE) * trials + 15) & ~15) * 2) << 2;
    if (err == OK) err = allWritten(syn, SYN_PER_ROW_TWICE, halves);
    if (err == OK) err = written(syn + SYN_LIST, halves * 3);
    if (err == OK) err = allWritten(syn, SYN_PER_COLUMN, <u64>(<i64>load<i32>(syn + SYN_NPOST) * trials) << 2);
    // the scratch: K S slots of nPost floats, then K G block marks
    if (err == OK) err = written(syn + SYN_ACC, <u64>scratchWords(syn, trials) << 2);
    if (err != OK) return err;
  }
  const nLif = load<i32>(net + NET_NLIF);
  for (let i = 0; i < nLif; i++) {
    const lif = load<usize>(net + NET_LIF) + <usize>(i * LIF_BYTES);
    const err = allWritten(lif, LIF_PER_UNIT, <u64>(<i64>load<i32>(lif + LIF_N) * trials) << 2);
    if (err != OK) return err;
  }
  const nRec = load<i32>(net + NET_NREC);
  const cap = <u64>load<i32>(net + NET_REC_CAP);
  for (let i = 0; i < nRec; i++) {
    const rec = load<usize>(net + NET_REC) + <usize>(i * REC_BYTES);
    const elem: u64 = load<i32>(rec + REC_KIND) == REC_KIND_SPIKE ? 1 : 4;
    const err = written(rec + REC_DST, cap * <u64>load<i32>(rec + REC_COUNT) * elem);
    if (err != OK) return err;
  }
  return OK;
}

/** Every written array against [lo, hi), except the one whose pointer is in `field`. */
function clearOf(net: usize, trials: i64, lo: u64, hi: u64, field: usize): i32 {
  banLo = lo;
  banHi = hi;
  exempt = field;
  return writtenPass(net, trials);
}

// ---- the whole network --------------------------------------------------------------------------

/**
 * Check the network at `net` for init (`forRun` false) or for a run / record call (`forRun` true:
 * also the step, the record row and the spike-train cursors, which are state), and with `workers`
 * workers the barrier. Returns OK or an ERR_* code; reads only.
 */
export function validate(net: usize, forRun: bool, workers: i32): i32 {
  errorWord = 0;
  memEnd = <u64>memory.size() << 16;
  if ((net & 3) != 0 || <u64>net < <u64>__heap_base || <u64>net + NET_BYTES > memEnd) return fail(ERR_BAD_POINTER, net);
  if (load<u32>(net + NET_MAGIC) != NET_MAGIC_VALUE) return fail(ERR_BAD_HEADER, net + NET_MAGIC);
  if (load<i32>(net + NET_VERSION) != ABI_VERSION) return fail(ERR_BAD_HEADER, net + NET_VERSION);
  const trials = <i64>load<i32>(net + NET_TRIALS);
  if (trials < 1) return fail(ERR_BAD_HEADER, net + NET_TRIALS);
  if (positive(net + NET_DT) != OK) return ERR_BAD_VALUE;
  const nSrc = load<i32>(net + NET_NSRC);
  const nSyn = load<i32>(net + NET_NSYN);
  const nLif = load<i32>(net + NET_NLIF);
  const nRec = load<i32>(net + NET_NREC);
  if (nSrc < 0) return fail(ERR_BAD_HEADER, net + NET_NSRC);
  if (nSyn < 0) return fail(ERR_BAD_HEADER, net + NET_NSYN);
  if (nLif < 0) return fail(ERR_BAD_HEADER, net + NET_NLIF);
  if (nRec < 0) return fail(ERR_BAD_HEADER, net + NET_NREC);
  const cap = <i64>load<i32>(net + NET_REC_CAP);
  if (cap < 0) return fail(ERR_BAD_HEADER, net + NET_REC_CAP);
  if (load<i32>(net + NET_SPINS) < 0) return fail(ERR_BAD_HEADER, net + NET_SPINS);
  if (forRun) {
    if (load<i32>(net + NET_STEP) < 0) return fail(ERR_BAD_HEADER, net + NET_STEP);
    const row = load<i32>(net + NET_REC_ROW);
    if (row < 0 || (nRec > 0 && <i64>row > cap)) return fail(ERR_BAD_HEADER, net + NET_REC_ROW);
  }
  spanLo = <u64>net;
  spanHi = <u64>net + NET_BYTES;
  let err = descriptor(net + NET_SRC, <u64>nSrc * SRC_BYTES);
  if (err == OK) err = descriptor(net + NET_SYN, <u64>nSyn * SYN_BYTES);
  if (err == OK) err = descriptor(net + NET_LIF, <u64>nLif * LIF_BYTES);
  if (err == OK) err = descriptor(net + NET_REC, <u64>nRec * REC_BYTES);
  if (err != OK) return err;

  const srcs = load<usize>(net + NET_SRC);
  for (let i = 0; i < nSrc; i++) {
    err = checkSource(srcs + <usize>(i * SRC_BYTES), trials, forRun);
    if (err != OK) return err;
  }
  const syns = load<usize>(net + NET_SYN);
  for (let i = 0; i < nSyn; i++) {
    err = checkSynapse(syns + <usize>(i * SYN_BYTES), trials);
    if (err != OK) return err;
  }
  const lifs = load<usize>(net + NET_LIF);
  for (let i = 0; i < nLif; i++) {
    err = checkLif(lifs + <usize>(i * LIF_BYTES), trials);
    if (err != OK) return err;
  }
  const recs = load<usize>(net + NET_REC);
  for (let i = 0; i < nRec; i++) {
    err = checkRecord(recs + <usize>(i * REC_BYTES), trials, cap, syns, nSyn);
    if (err != OK) return err;
  }

  // the written arrays: in memory and clear of the descriptors' span ...
  firstPass = true;
  err = clearOf(net, trials, spanLo, spanHi, 0);
  firstPass = false;
  if (err != OK) return err;
  // ... of every spike-train cursor (an index), whose values run checks ...
  for (let i = 0; i < nSrc; i++) {
    const src = srcs + <usize>(i * SRC_BYTES);
    if (load<i32>(src + SRC_KIND) != SRC_KIND_TRAIN) continue;
    const cursor = <u64>load<u32>(src + SRC_CURSOR);
    err = clearOf(net, trials, cursor, cursor + (<u64>(<i64>load<i32>(src + SRC_N) * trials) << 2), src + SRC_CURSOR);
    if (err == OK && forRun) err = checkCursors(src, trials);
    if (err != OK) return err;
  }
  // ... and, with several workers, of the barrier, which must also be clear of the descriptors
  // (a missing barrier is the caller's ERR_BAD_THREADS)
  const field = net + NET_BARRIER;
  const bar = <u64>load<u32>(field);
  if (workers > 1 && bar != 0) {
    err = inMemory(field, BARRIER_BYTES);
    if (err == OK && (bar < spanHi && spanLo < bar + BARRIER_BYTES)) err = fail(ERR_OVERLAP, field);
    if (err == OK) err = clearOf(net, trials, bar, bar + BARRIER_BYTES, 0);
    if (err != OK) return err;
  }
  return OK;
}
