// Sparse delivery: a synapse's connections in CSR order (row j's connections are
// [ROWS[j], ROWS[j + 1]), posts ascending within a row), each with a weight and a delay in steps.
// At step i every connection c of a spiking row adds its term (W_c * a) * b into slot (i + d_c) mod D
// of the ring of its trial; then the slot of step i is delivered, out_k = g * slot_k (+ bias_k) into
// the target's INPUT, and cleared. Terms reach a slot in the order of their spikes' steps, and within
// a step in row order, then connection order: the same order for any number of workers (a worker
// that shares trials with others takes its range of postsynaptic units, and finds each row's
// connections into that range by binary search). Cost O(spiking rows * their connections + nPost).
import {
  COMP_N, COMP_N2, COMP_POST, COMP_INPUT, DLV_KIND, DLV_SPARSE, DLV_W, DLV_W_CONST, DLV_G, DLV_BIAS, DLV_LIST,
  DLV_ROWS, DLV_POSTS, DLV_WIDTHS, DLV_WIDE_POSTS, DLV_WIDE_DELAYS, DLV_DELAYS, DLV_DELAY, DLV_SLOTS, DLV_RING, DLV_FA, DLV_FB,
  OK, ERR_BAD_KIND, ERR_BAD_VALUE, ERR_OVERFLOW, ERR_BAD_CONNECTIONS, ERR_BAD_POINTER,
} from "../abi";
import { rangeStart, byTrials, first, end, worker, workers } from "../engine/schedule";
import { f32at, setF32 } from "../engine/arrays";
import { half, halfLength, listOf } from "./spikeList";
import { region, REG_WRITTEN, REG_READ, REG_DESCRIPTOR, fail, param, BIG, I32_MAX } from "../engine/regions";

/** Connections of the synapse: ROWS[nPre]. */
@inline export function connections(syn: usize): i32 {
  return load<i32>(load<usize>(syn + DLV_ROWS) + (<usize>load<i32>(syn + COMP_N) << 2));
}

/** Whether the posts are u32 (else u16). */
@inline function widePosts(syn: usize): bool {
  return (load<i32>(syn + DLV_WIDTHS) & DLV_WIDE_POSTS) != 0;
}

/** Whether the delays are u16 (else u8). */
@inline function wideDelays(syn: usize): bool {
  return (load<i32>(syn + DLV_WIDTHS) & DLV_WIDE_DELAYS) != 0;
}

/** The delay of connection q (u8 or u16 delays). */
@inline function delayAt(delays: usize, wide: bool, q: i32): i32 {
  return wide ? <i32>load<u16>(delays + (<usize>q << 1)) : <i32>load<u8>(delays + <usize>q);
}

/** The postsynaptic unit of connection c. */
@inline export function postOf(syn: usize, c: i32): i32 {
  return <i32>postAt(load<usize>(syn + DLV_POSTS), widePosts(syn), c);
}

/** First connection of [c0, c1) (posts ascending) whose post is >= k. */
function lowerBound(posts: usize, wide: bool, c0: i32, c1: i32, k: i32): i32 {
  while (c0 < c1) {
    const mid = (c0 + c1) >>> 1;
    const p = wide ? load<i32>(posts + (<usize>mid << 2)) : <i32>load<u16>(posts + (<usize>mid << 1));
    if (p < k) c0 = mid + 1;
    else c1 = mid;
  }
  return c0;
}

/** s mod D for s in [0, 2 D). */
@inline function wrap(s: i32, D: i32): i32 {
  return s >= D ? s - D : s;
}

/** The post of connection q (u16 or u32 posts). */
@inline function postAt(posts: usize, wide: bool, q: i32): usize {
  return wide ? <usize>load<u32>(posts + (<usize>q << 2)) : <usize>load<u16>(posts + (<usize>q << 1));
}

/** slot[post_q] += term for the connections [c0, c1) of a row: one weight, one delay. */
@inline function scatterSame(slot: usize, posts: usize, wide: bool, c0: i32, c1: i32, term: f32): void {
  for (let q = c0; q < c1; q++) {
    const at = slot + (postAt(posts, wide, q) << 2);
    store<f32>(at, load<f32>(at) + term);
  }
}

/** slot[post_q] += (W_q * a) * b for the connections [c0, c1) of a row: one delay. */
@inline function scatterRow(slot: usize, posts: usize, wide: bool, w: usize, c0: i32, c1: i32, a: f32, b: f32): void {
  for (let q = c0; q < c1; q++) {
    const at = slot + (postAt(posts, wide, q) << 2);
    store<f32>(at, load<f32>(at) + (f32at(w, q) * a) * b);
  }
}

/**
 * ring[(slot + d_q) mod D][post_q] += (W_q * a_q) * b_q for the connections [c0, c1) of a row; the
 * flags say which of delay, weight and factors vary per connection (constants in each call, so each
 * case compiles to its own loop).
 */
@inline function scatter(
  ringT: usize, ringSlot: usize, nPost: i32, D: i32, slot: i32, posts: usize, wide: bool, delays: usize, delay0: i32,
  w: usize, wConst: f32, fa: usize, fb: usize, perConn: i32, c0: i32, c1: i32, a: f32, b: f32,
  perDelay: bool, perWeight: bool, perFactors: bool, wideD: bool,
): void {
  const fixed = ringT + (<usize>wrap(slot + delay0, D) * <usize>nPost << 2);
  for (let q = c0; q < c1; q++) {
    const wq = perWeight ? f32at(w, q) : wConst;
    // (b = 1 when the model gives no factor b: (W a) 1 is W a exactly)
    const term = perFactors ? (fb != 0 ? (wq * f32at(fa, perConn + q)) * f32at(fb, perConn + q) : wq * f32at(fa, perConn + q)) : (wq * a) * b;
    const base = perDelay ? ringT + (<usize>wrap(slot + delayAt(delays, wideD, q), D) * <usize>nPost << 2) : fixed;
    const at = base + (postAt(posts, wide, q) << 2);
    store<f32>(at, load<f32>(at) + term);
  }
}

/** scatter for a row whose connections each have their delay (u16 delays with `wideD`, else u8). */
@inline function delayed(
  ringT: usize, ringSlot: usize, nPost: i32, D: i32, slot: i32, posts: usize, wide: bool, delays: usize,
  w: usize, wConst: f32, fa: usize, fb: usize, perConn: i32, c0: i32, c1: i32, a: f32, b: f32, wideD: bool,
): void {
  if (fa == 0) {
    if (w == 0) {
      if (wide) scatter(ringT, ringSlot, nPost, D, slot, posts, true, delays, 0, 0, wConst, 0, 0, 0, c0, c1, a, b, true, false, false, wideD);
      else scatter(ringT, ringSlot, nPost, D, slot, posts, false, delays, 0, 0, wConst, 0, 0, 0, c0, c1, a, b, true, false, false, wideD);
    } else if (wide) scatter(ringT, ringSlot, nPost, D, slot, posts, true, delays, 0, w, 0, 0, 0, 0, c0, c1, a, b, true, true, false, wideD);
    else scatter(ringT, ringSlot, nPost, D, slot, posts, false, delays, 0, w, 0, 0, 0, 0, c0, c1, a, b, true, true, false, wideD);
  } else if (w == 0) scatter(ringT, ringSlot, nPost, D, slot, posts, wide, delays, 0, 0, wConst, fa, fb, perConn, c0, c1, 0, 0, true, false, true, wideD);
  else scatter(ringT, ringSlot, nPost, D, slot, posts, wide, delays, 0, w, 0, fa, fb, perConn, c0, c1, 0, 0, true, true, true, wideD);
}

/**
 * The output of step `step` for this pass's (trial, postsynaptic unit) pairs: this step's spiking rows
 * into the ring, then the slot of this step into the target's INPUT.
 */
export function sparseOutput(syn: usize, trials: i32, step: i32): void {
  const wk = worker();
  const nw = workers();
  const nPre = load<i32>(syn + COMP_N);
  const nPost = load<i32>(syn + COMP_N2);
  const cStart = first(nPost);
  const cEnd = end(nPost);
  const nnz = connections(syn);
  const rows = load<usize>(syn + DLV_ROWS);
  const posts = load<usize>(syn + DLV_POSTS);
  const wide = widePosts(syn);
  const wideD = wideDelays(syn);
  const delays = load<usize>(syn + DLV_DELAYS);
  const delay0 = load<i32>(syn + DLV_DELAY);
  const D = load<i32>(syn + DLV_SLOTS);
  const ring = load<usize>(syn + DLV_RING);
  const w = load<usize>(syn + DLV_W);
  const wConst = load<f32>(syn + DLV_W_CONST);
  const fa = load<usize>(syn + DLV_FA);
  const fb = load<usize>(syn + DLV_FB);
  const g = load<f32>(syn + DLV_G);
  const bias = load<usize>(syn + DLV_BIAS);
  const post = load<usize>(load<usize>(syn + COMP_POST) + COMP_INPUT);
  const lists = listOf(syn, half(syn, trials, step));
  const slot = step % D;
  // whole trials (a pass over trials [cStart, cEnd) / nPost): phase 1 listed their rows from the first
  // one's row on; read that list with one cursor
  const own = byTrials(trials, nw);
  let cursor = own ? first(nPre) : 0;
  const ownEnd = own ? end(nPre) : 0;
  let c = cStart;
  while (c < cEnd) {
    const t = c / nPost;
    const k0 = c - t * nPost;
    const k1 = min(nPost, k0 + (cEnd - c));
    const lo = t * nPre;
    const hi = lo + nPre;
    const ringT = ring + (<usize>(t * D) * <usize>nPost << 2);
    const perConn = t * nnz; // this trial's connection states (DLV_FA, DLV_FB)
    // this step's spiking rows of trial t, ascending: the lists of the shares that hold its rows
    const vEnd = own ? wk + 1 : nw;
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
        const j = r - lo;
        let c0 = load<i32>(rows + (<usize>j << 2));
        let c1 = load<i32>(rows + (<usize>(j + 1) << 2));
        if (k0 > 0) c0 = lowerBound(posts, wide, c0, c1, k0);
        if (k1 < nPost) c1 = lowerBound(posts, wide, c0, c1, k1);
        const a = load<f32>(e, 4);
        const b = load<f32>(e, 8);
        // each case compiled on its own (the flags are constants in each call): the loop has no branch
        const ringSlot = ringT + (<usize>slot * <usize>nPost << 2);
        const d0 = wrap(slot + delay0, D);
        if (delays == 0) {
          const base = ringT + (<usize>d0 * <usize>nPost << 2);
          if (fa == 0 && w == 0) {
            if (wide) scatterSame(base, posts, true, c0, c1, (wConst * a) * b);
            else scatterSame(base, posts, false, c0, c1, (wConst * a) * b);
          } else if (fa == 0) {
            if (wide) scatterRow(base, posts, true, w, c0, c1, a, b);
            else scatterRow(base, posts, false, w, c0, c1, a, b);
          } else if (w == 0) scatter(ringT, ringSlot, nPost, D, slot, posts, wide, 0, delay0, 0, wConst, fa, fb, perConn, c0, c1, 0, 0, false, false, true, false);
          else scatter(ringT, ringSlot, nPost, D, slot, posts, wide, 0, delay0, w, wConst, fa, fb, perConn, c0, c1, 0, 0, false, true, true, false);
        } else if (wideD) delayed(ringT, ringSlot, nPost, D, slot, posts, wide, delays, w, wConst, fa, fb, perConn, c0, c1, a, b, true);
        else delayed(ringT, ringSlot, nPost, D, slot, posts, wide, delays, w, wConst, fa, fb, perConn, c0, c1, a, b, false);
      }
    }
    // deliver this step's slot for [k0, k1), and clear it
    const slotAt = ringT + (<usize>slot * <usize>nPost << 2);
    const out = post + (<usize>(t * nPost) << 2);
    let k = k0;
    if (ASC_FEATURE_SIMD) {
      const g4 = f32x4.splat(g);
      for (; k + 4 <= k1; k += 4) {
        const o = <usize>k << 2;
        let v = f32x4.mul(v128.load(slotAt + o), g4);
        if (bias != 0) v = f32x4.add(v, v128.load(bias + o));
        v128.store(out + o, f32x4.add(v128.load(out + o), v));
        v128.store(slotAt + o, f32x4.splat(0));
      }
    }
    for (; k < k1; k++) {
      let v = f32at(slotAt, k) * g;
      if (bias != 0) v += f32at(bias, k);
      setF32(out, k, f32at(out, k) + v);
      setF32(slotAt, k, 0);
    }
    c += k1 - k0;
  }
}

// ---- the block's checks, regions and initial state ------------------------------------------------

/** Check the sparse block's own fields (the arrays' contents: checkSparseData). */
export function checkSparse(syn: usize, trials: i64): i32 {
  const nPost = <i64>load<i32>(syn + COMP_N2);
  const widths = load<i32>(syn + DLV_WIDTHS);
  if ((widths & ~(DLV_WIDE_POSTS | DLV_WIDE_DELAYS)) != 0) return fail(ERR_BAD_KIND, syn + DLV_WIDTHS);
  if ((widths & DLV_WIDE_POSTS) == 0 && nPost > 65536) return fail(ERR_BAD_VALUE, syn + DLV_WIDTHS);
  const D = <i64>load<i32>(syn + DLV_SLOTS);
  if (D < 1 || D > 65536) return fail(ERR_BAD_VALUE, syn + DLV_SLOTS);
  if (trials * D * nPost > I32_MAX) return fail(ERR_OVERFLOW, syn + DLV_SLOTS);
  const d = load<i32>(syn + DLV_DELAY);
  if (load<u32>(syn + DLV_DELAYS) == 0 && (d < 0 || <i64>d >= D)) return fail(ERR_BAD_VALUE, syn + DLV_DELAY);
  if (load<u32>(syn + DLV_FA) == 0 && load<u32>(syn + DLV_FB) != 0) return fail(ERR_BAD_POINTER, syn + DLV_FB);
  let err = param(syn + DLV_W_CONST, -BIG, BIG);
  if (err == OK) err = param(syn + DLV_G, -BIG, BIG);
  return err;
}

/** Report the sparse block's regions (ROWS first: its last entry sizes the others). */
export function sparseRegions(syn: usize, trials: i64): i32 {
  const nPre = <u64>load<i32>(syn + COMP_N);
  const nPost = <u64>load<i32>(syn + COMP_N2);
  let err = region(syn + DLV_ROWS, (nPre + 1) << 2, REG_DESCRIPTOR);
  if (err != OK) return err;
  const nnz = load<i32>(load<usize>(syn + DLV_ROWS) + (<usize>nPre << 2));
  if (nnz < 0 || <i64>nnz * trials > I32_MAX) return fail(ERR_BAD_CONNECTIONS, load<usize>(syn + DLV_ROWS) + (<usize>nPre << 2));
  const n = <u64>nnz;
  err = region(syn + DLV_POSTS, widePosts(syn) ? n << 2 : n << 1, REG_DESCRIPTOR);
  if (err == OK && load<u32>(syn + DLV_DELAYS) != 0) err = region(syn + DLV_DELAYS, wideDelays(syn) ? n << 1 : n, REG_DESCRIPTOR);
  if (err == OK && load<u32>(syn + DLV_W) != 0) err = region(syn + DLV_W, n << 2, REG_READ);
  if (err == OK && load<u32>(syn + DLV_BIAS) != 0) err = region(syn + DLV_BIAS, nPost << 2, REG_READ);
  if (err == OK) err = region(syn + DLV_RING, <u64>(<i64>load<i32>(syn + DLV_SLOTS) * trials) * nPost << 2, REG_WRITTEN);
  if (err == OK) err = region(syn + DLV_LIST, <u64>(2 * ((<i64>nPre * trials + 15) & ~15)) * 12, REG_WRITTEN);
  if (err == OK && load<u32>(syn + DLV_FA) != 0) {
    err = region(syn + DLV_FA, <u64>(<i64>nnz * trials) << 2, REG_WRITTEN);
    if (err == OK && load<u32>(syn + DLV_FB) != 0) err = region(syn + DLV_FB, <u64>(<i64>nnz * trials) << 2, REG_WRITTEN);
  }
  return err;
}

/**
 * The structure's contents (in memory by now): row starts from 0, non-decreasing; at init also every
 * post below nPost, ascending within its row, and every delay below D (runs do not re-read them all:
 * a host that changes them calls init again).
 */
export function checkSparseData(syn: usize, forRun: bool): i32 {
  const nPre = load<i32>(syn + COMP_N);
  const nPost = load<i32>(syn + COMP_N2);
  const rows = load<usize>(syn + DLV_ROWS);
  if (load<i32>(rows) != 0) return fail(ERR_BAD_CONNECTIONS, rows);
  for (let j = 1; j <= nPre; j++) {
    if (load<i32>(rows + (<usize>j << 2)) < load<i32>(rows + (<usize>(j - 1) << 2))) return fail(ERR_BAD_CONNECTIONS, rows + (<usize>j << 2));
  }
  if (forRun) return OK;
  const posts = load<usize>(syn + DLV_POSTS);
  const wide = widePosts(syn);
  const wideD = wideDelays(syn);
  const delays = load<usize>(syn + DLV_DELAYS);
  const D = load<i32>(syn + DLV_SLOTS);
  for (let j = 0; j < nPre; j++) {
    let prev = 0;
    const c1 = load<i32>(rows + (<usize>(j + 1) << 2));
    for (let c = load<i32>(rows + (<usize>j << 2)); c < c1; c++) {
      const k = <i32>postAt(posts, wide, c);
      if (k < prev || k >= nPost) return fail(ERR_BAD_CONNECTIONS, wide ? posts + (<usize>c << 2) : posts + (<usize>c << 1));
      prev = k;
      if (delays != 0 && delayAt(delays, wideD, c) >= D) return fail(ERR_BAD_CONNECTIONS, wideD ? delays + (<usize>c << 1) : delays + <usize>c);
    }
  }
  return OK;
}

/** Zero the block's state: the lists and the ring. */
export function initSparse(syn: usize, trials: i32): void {
  const halves = <usize>(2 * halfLength(trials * load<i32>(syn + COMP_N))) << 2;
  memory.fill(load<usize>(syn + DLV_LIST), 0, halves * 3);
  memory.fill(load<usize>(syn + DLV_RING), 0, (<usize>(trials * load<i32>(syn + DLV_SLOTS)) * <usize>load<i32>(syn + COMP_N2)) << 2);
}

/** W of connection c. */
export function sparseWeight(syn: usize, c: i32): f32 {
  const w = load<usize>(syn + DLV_W);
  return w == 0 ? load<f32>(syn + DLV_W_CONST) : f32at(w, c);
}
