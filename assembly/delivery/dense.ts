// Dense delivery: a synapse's output from this step's spiking rows (delivery/spikeList.ts) and a full
// nPre x nPost weight matrix W (or one constant weight):
//   out_k = g * (sum over spiking rows j of (W_jk * a_j) * b_j, in blocks of rows) (+ bias_k)
// added into the target's INPUT, for the (trial, k) pairs of this pass (engine/schedule.ts). Cost
// O(spiking rows * nPost) per step: a silent row is never read.
import {
  COMP_N, COMP_N2, COMP_POST, COMP_INPUT, DLV_W, DLV_W_CONST, DLV_G, DLV_BIAS,
  DLV_BLOCKS, DLV_ACC_SLOTS, DLV_ACC, DLV_LIST, DLV_SPIKED, DLV_CA, DLV_CB, DLV_FA, DLV_FB,
  OK, ERR_BAD_VALUE, ERR_OVERFLOW,
} from "../abi";
import { rangeStart, byTrials, splitStart, first, end, worker, workers } from "../engine/schedule";
import { f32at, setF32 } from "../engine/arrays";
import { half, halfLength, listOf, entryRow } from "./spikeList";
import { trialLanes, rowCopyRegions, initRowCopies } from "./rowCopies";
import { region, REG_WRITTEN, REG_READ, fail, param, BIG, I32_MAX } from "../engine/regions";


// ---- phase 2: the output --------------------------------------------------------------------------
// The sum over spiking rows has one order, whatever the number of workers. The presynaptic rows are
// cut into G = DLV_BLOCKS blocks (block b: rows [floor(b nPre / G), floor((b + 1) nPre / G))); each
// block's terms W_jk * uSpk_j * xSpk_j are summed in ascending j, and the blocks' sums are added in
// ascending b, leaving out blocks without a spiking row:
//   T_k = ((S_0k + S_1k) + S_2k) + ...;   out_k += T_k * g (+ b_k)
// With G = 1 this is the plain ascending sum. Blocks let several workers share one trial by rows
// ("rows mode": each reads whole rows of W, of its own blocks, then each folds its own columns)
// instead of by columns (each would read a piece of every spiking row, which costs a worker more
// than its share of the bytes: every row read has a fixed cost).
// Scratch at DLV_ACC: S = DLV_ACC_SLOTS slots of nPost floats per trial (slot s of trial t at
// (t S + s) nPost), then one i32 per (trial, block) after all K S slots: whether the block had a
// spiking row (rows mode). Columns mode uses slot 0 for T and slot 1 for a block's running sum.

/** Words of the scratch at DLV_ACC for `trials` trials: K (S nPost + G) (fields checked by validate). */
@inline export function scratchWords(syn: usize, trials: i64): i64 {
  return (<i64>load<i32>(syn + DLV_ACC_SLOTS) * load<i32>(syn + COMP_N2) + load<i32>(syn + DLV_BLOCKS)) * trials;
}

// spiking rows waiting to be added (up to four) and the block fold; module state, one per worker
let held = 0;
let hp0: usize = 0, hp1: usize = 0, hp2: usize = 0, hp3: usize = 0;
let hu0: f32 = 0, hu1: f32 = 0, hu2: f32 = 0, hu3: f32 = 0;
let hx0: f32 = 0, hx1: f32 = 0, hx2: f32 = 0, hx3: f32 = 0;
let inBlock = 0; // rows of the current block added so far
let folded = false; // T holds the sum of the blocks finished so far

/** Words read by touchRows, kept so that its loads are kept (module state, one per worker). */
let touched: i32 = 0;

/**
 * Read one word of each 4 KiB page of the columns [k0, k1) of W's rows for the spiking rows in
 * [rLo, rHi) of trial rows [lo, lo + nPre): those listed in the shares of the workers [v0, v1) (from
 * entry `from` when `own`, this worker's cursor). A row's columns span one or two pages; with W larger
 * than the processor's TLB reach, each page first costs a page-table walk, which the sum would meet
 * one row after another. Reading all of a step's pages first lets the processor walk them at once
 * (dense-10k: the output takes 0.85 of its time). No value changes.
 */
function touchRows(
  lists: usize, trials: i32, nPre: i32, v0: i32, v1: i32, nw: i32, own: bool, from: i32, ownEnd: i32,
  rLo: i32, rHi: i32, lo: i32, w: usize, nPost: i32, k0: i32, k1: i32,
): void {
  const bytes = <usize>(k1 - k0) << 2;
  let sink = touched;
  for (let v = v0; v < v1; v++) {
    const rs = own ? from : rangeStart(trials, nPre, v, nw);
    const re = own ? ownEnd : rangeStart(trials, nPre, v + 1, nw);
    if (re <= rLo || rs >= rHi) continue;
    for (let m = rs; m < re; m++) {
      const r = entryRow(lists, m);
      if (r < rLo) {
        if (r < 0) break;
        continue;
      }
      if (r >= rHi) break;
      const row = w + (<usize>((r - lo) * nPost + k0) << 2);
      sink ^= load<i32>(row);
      const next = (row + 4096) & ~(<usize>4095);
      if (next < row + bytes) sink ^= load<i32>(next);
    }
  }
  touched = sink;
}

/** First row of block b of G blocks of nPre rows. */
@inline function blockStart(b: i32, nPre: i32, G: i32): i32 {
  return <i32>(<i64>b * nPre / G);
}

/** Hold spiking row `row` (its W row's address) with the u and x its spike used. */
@inline function take(row: usize, u: f32, x: f32): void {
  if (held == 0) { hp0 = row; hu0 = u; hx0 = x; }
  else if (held == 1) { hp1 = row; hu1 = u; hx1 = x; }
  else if (held == 2) { hp2 = row; hu2 = u; hx2 = x; }
  else { hp3 = row; hu3 = u; hx3 = x; }
  held++;
}

/**
 * For k in [k0, k1): s = base[k] + t0 + t1 + ... (from t0 when !hasBase), the terms t = W[k] * u * x of
 * the first h held rows in row order; then dst[k] = s, or into[k] = into[k] + s when `fuse`.
 */
@inline function sumRows(dst: usize, base: usize, into: usize, k0: i32, k1: i32, h: i32, hasBase: bool, fuse: bool): void {
  const r0 = hp0, r1 = hp1, r2 = hp2, r3 = hp3;
  const u0 = hu0, u1 = hu1, u2 = hu2, u3 = hu3, x0 = hx0, x1 = hx1, x2 = hx2, x3 = hx3;
  let k = k0;
  if (ASC_FEATURE_SIMD) {
    const u0v = f32x4.splat(u0), x0v = f32x4.splat(x0), u1v = f32x4.splat(u1), x1v = f32x4.splat(x1);
    const u2v = f32x4.splat(u2), x2v = f32x4.splat(x2), u3v = f32x4.splat(u3), x3v = f32x4.splat(x3);
    // two vectors per pass (8 columns): half the loop's own work per column
    for (; k + 8 <= k1; k += 8) {
      const o = <usize>k << 2;
      const t0 = f32x4.mul(f32x4.mul(v128.load(r0 + o), u0v), x0v);
      const t0b = f32x4.mul(f32x4.mul(v128.load(r0 + o, 16), u0v), x0v);
      let s = hasBase ? f32x4.add(v128.load(base + o), t0) : t0;
      let sb = hasBase ? f32x4.add(v128.load(base + o, 16), t0b) : t0b;
      if (h > 1) {
        s = f32x4.add(s, f32x4.mul(f32x4.mul(v128.load(r1 + o), u1v), x1v));
        sb = f32x4.add(sb, f32x4.mul(f32x4.mul(v128.load(r1 + o, 16), u1v), x1v));
      }
      if (h > 2) {
        s = f32x4.add(s, f32x4.mul(f32x4.mul(v128.load(r2 + o), u2v), x2v));
        sb = f32x4.add(sb, f32x4.mul(f32x4.mul(v128.load(r2 + o, 16), u2v), x2v));
      }
      if (h > 3) {
        s = f32x4.add(s, f32x4.mul(f32x4.mul(v128.load(r3 + o), u3v), x3v));
        sb = f32x4.add(sb, f32x4.mul(f32x4.mul(v128.load(r3 + o, 16), u3v), x3v));
      }
      if (fuse) {
        v128.store(into + o, f32x4.add(v128.load(into + o), s));
        v128.store(into + o, f32x4.add(v128.load(into + o, 16), sb), 16);
      } else {
        v128.store(dst + o, s);
        v128.store(dst + o, sb, 16);
      }
    }
    for (; k + 4 <= k1; k += 4) {
      const o = <usize>k << 2;
      const t0 = f32x4.mul(f32x4.mul(v128.load(r0 + o), u0v), x0v);
      let s = hasBase ? f32x4.add(v128.load(base + o), t0) : t0;
      if (h > 1) s = f32x4.add(s, f32x4.mul(f32x4.mul(v128.load(r1 + o), u1v), x1v));
      if (h > 2) s = f32x4.add(s, f32x4.mul(f32x4.mul(v128.load(r2 + o), u2v), x2v));
      if (h > 3) s = f32x4.add(s, f32x4.mul(f32x4.mul(v128.load(r3 + o), u3v), x3v));
      if (fuse) v128.store(into + o, f32x4.add(v128.load(into + o), s));
      else v128.store(dst + o, s);
    }
  }
  for (; k < k1; k++) {
    const t0 = f32at(r0, k) * u0 * x0;
    let s = hasBase ? f32at(base, k) + t0 : t0;
    if (h > 1) s += f32at(r1, k) * u1 * x1;
    if (h > 2) s += f32at(r2, k) * u2 * x2;
    if (h > 3) s += f32at(r3, k) * u3 * x3;
    if (fuse) setF32(into, k, f32at(into, k) + s);
    else setF32(dst, k, s);
  }
}

/** Add the held rows (sumRows with base, into 0 when absent) and count them into the block. */
function addHeld(dst: usize, base: usize, into: usize, k0: i32, k1: i32): void {
  if (held == 4) {
    // the hot case, each variant compiled on its own
    if (into != 0) {
      if (base != 0) sumRows(0, base, into, k0, k1, 4, true, true);
      else sumRows(0, 0, into, k0, k1, 4, false, true);
    } else if (base != 0) sumRows(dst, base, 0, k0, k1, 4, true, false);
    else sumRows(dst, 0, 0, k0, k1, 4, false, false);
  } else sumRows(dst, base, into, k0, k1, held, base != 0, into != 0);
  inBlock += held;
  held = 0;
}

/**
 * Columns mode: add the held rows as a group of the current block, into T (the first block with a
 * spiking row) or into tmp, the block's running sum, whose `last` group goes on into T.
 */
function addGroup(T: usize, tmp: usize, k0: i32, k1: i32, last: bool): void {
  if (!folded) addHeld(T, inBlock > 0 ? T : 0, 0, k0, k1);
  else if (!last) addHeld(tmp, inBlock > 0 ? tmp : 0, 0, k0, k1);
  else addHeld(0, inBlock > 0 ? tmp : 0, T, k0, k1);
}

/** Columns mode: the current block is over; T now includes it. */
function endBlock(T: usize, tmp: usize, k0: i32, k1: i32): void {
  if (held > 0) addGroup(T, tmp, k0, k1, true);
  if (inBlock > 0) folded = true;
  inBlock = 0;
}

/** a[k] += b[k] for k in [k0, k1). */
@inline function addInto(a: usize, b: usize, k0: i32, k1: i32): void {
  let k = k0;
  if (ASC_FEATURE_SIMD) {
    for (; k + 4 <= k1; k += 4) {
      const o = <usize>k << 2;
      v128.store(a + o, f32x4.add(v128.load(a + o), v128.load(b + o)));
    }
  }
  for (; k < k1; k++) setF32(a, k, f32at(a, k) + f32at(b, k));
}

/** out[k] += sum[k] * g (+ bias[k]) for k in [k0, k1); `sum` is acc, or the scalar `same` when acc is 0. */
@inline function flush(out: usize, acc: usize, same: f32, g: f32, bias: usize, k0: i32, k1: i32): void {
  let k = k0;
  if (ASC_FEATURE_SIMD) {
    const g4 = f32x4.splat(g);
    const same4 = f32x4.splat(same);
    for (; k + 4 <= k1; k += 4) {
      const o = <usize>k << 2;
      let v = f32x4.mul(acc != 0 ? v128.load(acc + o) : same4, g4);
      if (bias != 0) v = f32x4.add(v, v128.load(bias + o));
      v128.store(out + o, f32x4.add(v128.load(out + o), v));
    }
  }
  for (; k < k1; k++) {
    let v = (acc != 0 ? f32at(acc, k) : same) * g;
    if (bias != 0) v += f32at(bias, k);
    setF32(out, k, f32at(out, k) + v);
  }
}

/**
 * Whether phase 2 runs in rows mode for worker count n: the workers share trials (fewer trials
 * than workers), W is a matrix, G >= 2, and every block has its slot (S = G).
 */
export function byBlocks(syn: usize, trials: i32, n: i32): bool {
  const G = load<i32>(syn + DLV_BLOCKS);
  return !byTrials(trials, n) && G >= 2 && load<i32>(syn + DLV_ACC_SLOTS) >= G && load<usize>(syn + DLV_W) != 0;
}

/**
 * Phase 2a, rows mode: worker wk of nw sums its share of the space q = (trial G + block) nPost + k
 * (contiguous, in blocks of 16 columns) into slot b of trial t, and marks each block's spiking.
 */
export function denseBlocks(syn: usize, trials: i32, step: i32): void {
  const wk = worker();
  const nw = workers();
  const nPre = load<i32>(syn + COMP_N);
  const nPost = load<i32>(syn + COMP_N2);
  const G = load<i32>(syn + DLV_BLOCKS);
  const S = load<i32>(syn + DLV_ACC_SLOTS);
  const w = load<usize>(syn + DLV_W);
  const h = half(syn, trials, step);
  const lists = listOf(syn, h);
  const accAll = load<usize>(syn + DLV_ACC);
  const marks = accAll + (<usize>(trials * S * nPost) << 2);
  const total = trials * G * nPost;
  let q = splitStart(total, wk, nw, 16);
  const qEnd = splitStart(total, wk + 1, nw, 16);
  while (q < qEnd) {
    const tb = q / nPost;
    const t = tb / G;
    const b = tb - t * G;
    const k0 = q - tb * nPost;
    const k1 = min(nPost, k0 + (qEnd - q));
    const lo = t * nPre;
    const jLo = lo + blockStart(b, nPre, G);
    const jHi = lo + blockStart(b + 1, nPre, G);
    const slot = accAll + (<usize>((t * S + b) * nPost) << 2);
    held = 0;
    inBlock = 0;
    touchRows(lists, trials, nPre, 0, nw, nw, false, 0, 0, jLo, jHi, lo, w, nPost, k0, k1);
    // the block's spiking rows, ascending: the lists of the shares that hold them, in order
    for (let v = 0; v < nw; v++) {
      const rs = rangeStart(trials, nPre, v, nw);
      const re = rangeStart(trials, nPre, v + 1, nw);
      if (re <= jLo || rs >= jHi) continue;
      for (let m = rs; m < re; m++) {
        const e = lists + <usize>m * 12;
        const r = load<i32>(e);
        if (r < jLo) {
          if (r < 0) break;
          continue;
        }
        if (r >= jHi) break;
        if (held == 4) addHeld(slot, inBlock > 0 ? slot : 0, 0, k0, k1);
        take(w + (<usize>((r - lo) * nPost) << 2), load<f32>(e, 4), load<f32>(e, 8));
      }
    }
    if (held > 0) addHeld(slot, inBlock > 0 ? slot : 0, 0, k0, k1);
    if (k0 == 0) store<i32>(marks + (<usize>tb << 2), inBlock > 0 ? 1 : 0);
    q += k1 - k0;
  }
}

/**
 * Phase 2: output at step `step` for the (trial, k) pairs c = trial * nPost + k in [cStart, cEnd),
 * worker wk of nw (to find the workers' spike lists). In rows mode (byBlocks) it folds the slots
 * that phase 2a filled; otherwise it sums the spiking rows itself, block by block.
 */
export function denseOutput(syn: usize, trials: i32, step: i32): void {
  const wk = worker();
  const nw = workers();
  const cStart = first(load<i32>(syn + COMP_N2));
  const cEnd = end(load<i32>(syn + COMP_N2));
  const nPre = load<i32>(syn + COMP_N);
  const nPost = load<i32>(syn + COMP_N2);
  const G = load<i32>(syn + DLV_BLOCKS);
  const S = load<i32>(syn + DLV_ACC_SLOTS);
  const h = half(syn, trials, step);
  const pre = load<usize>(syn + DLV_SPIKED) + h;
  const post = load<usize>(load<usize>(syn + COMP_POST) + COMP_INPUT);
  const w = load<usize>(syn + DLV_W);
  const wConst = load<f32>(syn + DLV_W_CONST);
  const g = load<f32>(syn + DLV_G);
  const bias = load<usize>(syn + DLV_BIAS);
  const uSpk = load<usize>(syn + DLV_CA) + h; // u and x as this step's spikes used them
  const xSpk = load<usize>(syn + DLV_CB) + h;
  const accAll = load<usize>(syn + DLV_ACC);
  let c = cStart;
  if (ASC_FEATURE_SIMD && trialLanes(syn)) {
    // one synapse per trial (the lesson): trials as SIMD lanes
    const w4 = f32x4.splat(w == 0 ? wConst : load<f32>(w));
    const g4 = f32x4.splat(g);
    for (; c + 4 <= cEnd; c += 4) {
      const o = <usize>c << 2;
      const spiked = f32x4.ne(v128.load(pre + o), f32x4.splat(0));
      const term = f32x4.mul(f32x4.mul(w4, v128.load(uSpk + o)), v128.load(xSpk + o));
      let v = f32x4.mul(v128.bitselect(term, f32x4.splat(0), spiked), g4);
      const now = v128.load(post + o);
      if (bias != 0) {
        v = f32x4.add(v, v128.load_splat<f32>(bias));
        v128.store(post + o, f32x4.add(now, v));
      } else {
        v128.store(post + o, v128.bitselect(f32x4.add(now, v), now, spiked));
      }
    }
  }
  if (byBlocks(syn, trials, nw)) {
    // rows mode: T = the marked slots added in block order, into the first marked slot
    const marks = accAll + (<usize>(trials * S * nPost) << 2);
    while (c < cEnd) {
      const t = c / nPost;
      const k0 = c - t * nPost;
      const k1 = min(nPost, k0 + (cEnd - c));
      let T: usize = 0;
      for (let b = 0; b < G; b++) {
        if (load<i32>(marks + (<usize>(t * G + b) << 2)) == 0) continue;
        const slot = accAll + (<usize>((t * S + b) * nPost) << 2);
        if (T == 0) T = slot;
        else addInto(T, slot, k0, k1);
      }
      if (T != 0 || bias != 0) flush(post + (<usize>(t * nPost) << 2), T, 0, g, bias, k0, k1);
      c += k1 - k0;
    }
    return;
  }
  const lists = listOf(syn, h);
  // whole trials (a pass over trials [cStart, cEnd) / nPost): phase 1 listed their rows from the
  // first one's row on; read that list with one cursor
  const own = byTrials(trials, nw);
  let cursor = own ? (cStart / nPost) * nPre : 0;
  const ownEnd = own ? (cEnd / nPost) * nPre : 0;
  while (c < cEnd) {
    const t = c / nPost;
    const k0 = c - t * nPost;
    const k1 = min(nPost, k0 + (cEnd - c));
    const lo = t * nPre;
    const hi = lo + nPre;
    const T = accAll + (<usize>(t * S * nPost) << 2);
    const tmp = T + (<usize>nPost << 2); // (slot 1: used only when G >= 2, and then S >= 2)
    held = 0;
    inBlock = 0;
    folded = false;
    let blockSum: f32 = 0; // constant weight: every column has the same sums
    let rowSum: f32 = 0;
    let b = 0;
    let bEnd = lo + blockStart(1, nPre, G);
    // the spiking rows of trial t, ascending: the lists of the shares that hold its rows, in order
    const vEnd = own ? wk + 1 : nw;
    if (w != 0) touchRows(lists, trials, nPre, own ? wk : 0, vEnd, nw, own, cursor, ownEnd, lo, hi, lo, w, nPost, k0, k1);
    for (let v = own ? wk : 0; v < vEnd; v++) {
      const rs = own ? cursor : rangeStart(trials, nPre, v, nw);
      const re = own ? ownEnd : rangeStart(trials, nPre, v + 1, nw);
      if (re <= lo || rs >= hi) continue;
      for (let m = rs; m < re; m++) {
        const e = lists + <usize>m * 12;
        const r = load<i32>(e);
        if (r < lo) {
          if (r < 0) break;
          continue;
        }
        if (r >= hi) break;
        if (own) cursor = m + 1;
        if (r >= bEnd) {
          // a later block: the current one is over
          if (w != 0) endBlock(T, tmp, k0, k1);
          else if (inBlock > 0) {
            rowSum = folded ? rowSum + blockSum : blockSum;
            folded = true;
            inBlock = 0;
          }
          do {
            b++;
            bEnd = lo + blockStart(b + 1, nPre, G);
          } while (r >= bEnd);
        }
        const uS = load<f32>(e, 4);
        const xS = load<f32>(e, 8);
        if (w == 0) {
          const term = wConst * uS * xS;
          blockSum = inBlock > 0 ? blockSum + term : term;
          inBlock++;
          continue;
        }
        if (held == 4) addGroup(T, tmp, k0, k1, false);
        take(w + (<usize>((r - lo) * nPost) << 2), uS, xS);
      }
    }
    if (w != 0) endBlock(T, tmp, k0, k1);
    else if (inBlock > 0) {
      rowSum = folded ? rowSum + blockSum : blockSum;
      folded = true;
    }
    if (folded || bias != 0) flush(post + (<usize>(t * nPost) << 2), folded && w != 0 ? T : 0, rowSum, g, bias, k0, k1);
    c += k1 - k0;
  }
}

/** W_jk (the constant weight when there is no matrix). */
export function weightAt(syn: usize, j: i32, k: i32): f32 {
  const w = load<usize>(syn + DLV_W);
  return w == 0 ? load<f32>(syn + DLV_W_CONST) : f32at(w, j * load<i32>(syn + COMP_N2) + k);
}

// ---- the block's checks, regions and initial state ------------------------------------------------

/** Check the dense block's own fields (its regions: denseRegions). */
export function checkDense(syn: usize, trials: i64): i32 {
  const nPre = load<i32>(syn + COMP_N);
  const nPost = load<i32>(syn + COMP_N2);
  // G blocks of rows, 1 to min(nPre, 64); S slots per trial, min(G, 2) to G
  const blocks = load<i32>(syn + DLV_BLOCKS);
  if (blocks < 1 || blocks > 64 || blocks > nPre) return fail(ERR_BAD_VALUE, syn + DLV_BLOCKS);
  const slots = load<i32>(syn + DLV_ACC_SLOTS);
  if (slots < min(blocks, 2) || slots > blocks) return fail(ERR_BAD_VALUE, syn + DLV_ACC_SLOTS);
  // (the scratch's size, K (S nPost + G), must index below 2^31)
  if ((<i64>slots * nPost + blocks) * trials > I32_MAX) return fail(ERR_OVERFLOW, syn + DLV_ACC_SLOTS);
  let err = param(syn + DLV_W_CONST, -BIG, BIG);
  if (err == OK) err = param(syn + DLV_G, -BIG, BIG);
  // the sparse block's per-connection factors are not read: they must not be given
  if (err == OK && (load<u32>(syn + DLV_FA) != 0 || load<u32>(syn + DLV_FB) != 0)) err = fail(ERR_BAD_VALUE, syn + DLV_FA);
  return err;
}

/** Report the dense block's regions (engine/regions.ts). */
export function denseRegions(syn: usize, trials: i64): i32 {
  const nPre = <u64>load<i32>(syn + COMP_N);
  const nPost = <u64>load<i32>(syn + COMP_N2);
  // double buffers: two halves of H = K nPre rounded up to 16 (the list: 3 words per row)
  const halves = <u64>(2 * ((<i64>nPre * trials + 15) & ~15)) << 2;
  let err = load<u32>(syn + DLV_W) != 0 ? region(syn + DLV_W, (nPre * nPost) << 2, REG_READ) : OK;
  if (err == OK && load<u32>(syn + DLV_BIAS) != 0) err = region(syn + DLV_BIAS, nPost << 2, REG_READ);
  if (err == OK) err = region(syn + DLV_ACC, <u64>scratchWords(syn, trials) << 2, REG_WRITTEN);
  if (err == OK) err = region(syn + DLV_LIST, halves * 3, REG_WRITTEN);
  if (err == OK) err = rowCopyRegions(syn, trials);
  return err;
}

/** Zero the block's state: the lists, the lane copies (1 x 1) and the scratch. */
export function initDense(syn: usize, trials: i32): void {
  const halves = <usize>(2 * halfLength(trials * load<i32>(syn + COMP_N))) << 2;
  memory.fill(load<usize>(syn + DLV_LIST), 0, halves * 3);
  initRowCopies(syn, trials);
  // the slots, then the block marks (i32 0: the same bits as f32 0)
  memory.fill(load<usize>(syn + DLV_ACC), 0, <usize>scratchWords(syn, trials) << 2);
}
