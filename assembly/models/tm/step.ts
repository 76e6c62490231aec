// STPDenseSynapse (Tsodyks-Markram) for any nPre x nPost, event-driven, in two phases per step.
// Per presynaptic unit j (and trial): u_j (release fraction, starts 0) and x_j (available
// resources, starts 1). A row's dynamic weight is Wdyn_jk = W_jk * uSpk_j * xSpk_j with u and x
// taken at the row's last spike, so only rows that spike this step are read:
// cost O(nPre + spiking rows * nPost) per step.
//   phase 1, stepSynapseState: u and x of rows r = trial * nPre + j in a worker's range, and (for a
//            1 x 1 synapse) a copy of its presynaptic spikes and of the u and x a spike uses, in the half of the
//            double buffers that belongs to this step's parity (phase 2 reads those, so a worker
//            may already write the next step's half while others still read this one: one barrier
//            per step suffices, two in rows mode). Each worker also lists its spiking rows, ascending, as entries
//            (row, u, x) of 3 words from word 3 * rStart of the list's half, ended by row -1 where
//            the share has room: the output reads a few list entries, not every row's flag (which
//            another core has just written, an expensive read);
//   phase 2, stepSynapseOutput: out = g * (sum over spiking rows, in blocks of rows: see below)
//            + b for the (trial, k) pairs in a worker's range, added into the target LIF's input;
//            with several workers on one trial, stepSynapseBlocks first sums each worker's blocks.
// Every value is computed by the same float32 operations whichever worker and whichever path
// (scalar or SIMD) computes it.
import { rangeStart, byTrials, sliceStart } from "../../engine/schedule";
import {
  SYN_NPRE, SYN_NPOST, SYN_PRE_SPIKES, SYN_POST_INPUT, SYN_W, SYN_W_CONST, SYN_RESOURCES,
  SYN_DT_TAUF, SYN_DT_TAUD, SYN_BLOCKS, SYN_ACC_SLOTS, SYN_G, SYN_BIAS, SYN_UVAR, SYN_XVAR,
  SYN_USPK, SYN_XSPK, SYN_ACC, SYN_MODE, SYN_FLAGS, SYN_MODE_EXACT, SYN_FLAG_STF, SYN_FLAG_STD,
  SYN_SPIKED, SYN_CU, SYN_CX, SYN_LIST, SYN_FLAG_UREST_U, SYN_FLAG_INACT, SYN_UANCH, SYN_XANCH, SYN_YANCH, SYN_ZANCH, SYN_NSINCE,
  SYN_DT_TAUI, SYN_DT_H, SYN_H_TAUI,
} from "../../abi";

@inline function f32at(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}
@inline function setF32(base: usize, i: i32, v: f32): void {
  store<f32>(base + (<usize>i << 2), v);
}

/**
 * Floats per half of a double buffer of trials * nPre rows: rounded up to 16, so that the second
 * half starts on a 64-byte line too and workers' shares of it share no line.
 */
@inline export function halfLength(rows: i32): i32 {
  return (rows + 15) & ~15;
}

/** Byte offset of step `step`'s half of a double buffer of trials * nPre rows. */
@inline function half(syn: usize, trials: i32, step: i32): usize {
  return <usize>((step & 1) * halfLength(trials * load<i32>(syn + SYN_NPRE))) << 2;
}

/** One presynaptic and one postsynaptic unit: phase 2 takes trials as SIMD lanes from the copies. */
@inline function oneToOne(syn: usize): bool {
  return load<i32>(syn + SYN_NPRE) == 1 && load<i32>(syn + SYN_NPOST) == 1;
}

/** Append entry (r, u, x) at `at` (bytes) of a spike list; returns the next entry's address. */
@inline function listed(at: usize, r: i32, u: f32, x: f32): usize {
  store<i32>(at, r);
  store<f32>(at, u, 4);
  store<f32>(at, x, 8);
  return at + 12;
}

/** Phase 1: u and x of rows [rStart, rEnd) of trials * nPre at step `step`. */
export function stepSynapseState(syn: usize, trials: i32, step: i32, rStart: i32, rEnd: i32): void {
  const h = half(syn, trials, step);
  const copy = load<usize>(syn + SYN_SPIKED) + h;
  const cu = load<usize>(syn + SYN_CU) + h;
  const cx = load<usize>(syn + SYN_CX) + h;
  const list = load<usize>(syn + SYN_LIST) + h * 3 + <usize>rStart * 12;
  const end = load<i32>(syn + SYN_MODE) == SYN_MODE_EXACT
    ? stepExactRows(syn, copy, cu, cx, list, rStart, rEnd)
    : stepEulerRows(syn, copy, cu, cx, list, rStart, rEnd);
  if (end < list + <usize>(rEnd - rStart) * 12) store<i32>(end, -1);
}

/**
 * Euler (ngc-learn's map): every u and x on a right-hand side is the value before this step,
 * except that x's release term uses the new u:
 *   u = u0 - u0 dt/tauF (or u0 + (U - u0) dt/tauF with SYN_FLAG_UREST_U); spike: u += U (1 - u0)
 *   spike: uSpk = u, xSpk = x0;  x = x0 + (1 - x0) dt/tauD; spike: x -= u x0
 */
function stepEulerRows(syn: usize, copy: usize, cu: usize, cx: usize, list: usize, rStart: i32, rEnd: i32): usize {
  const nPre = load<i32>(syn + SYN_NPRE);
  const lanes = oneToOne(syn);
  const pre = load<usize>(syn + SYN_PRE_SPIKES);
  const resources = load<usize>(syn + SYN_RESOURCES);
  const flags = load<i32>(syn + SYN_FLAGS);
  const stf = (flags & SYN_FLAG_STF) != 0;
  const std = (flags & SYN_FLAG_STD) != 0;
  const uRestU = (flags & SYN_FLAG_UREST_U) != 0;
  const aF = load<f32>(syn + SYN_DT_TAUF);
  const aD = load<f32>(syn + SYN_DT_TAUD);
  const uVar = load<usize>(syn + SYN_UVAR);
  const xVar = load<usize>(syn + SYN_XVAR);
  const uSpk = load<usize>(syn + SYN_USPK);
  const xSpk = load<usize>(syn + SYN_XSPK);
  let r = rStart;
  if (ASC_FEATURE_SIMD) {
    const one = f32x4.splat(1);
    const aF4 = f32x4.splat(aF);
    const aD4 = f32x4.splat(aD);
    for (; r + 4 <= rEnd; r += 4) {
      const o = <usize>r << 2;
      const j = r % nPre;
      let U: v128;
      if (nPre == 1) U = v128.load_splat<f32>(resources);
      else if (j + 4 <= nPre) U = v128.load(resources + (<usize>j << 2));
      else {
        U = f32x4.splat(f32at(resources, j));
        U = f32x4.replace_lane(U, 1, f32at(resources, (r + 1) % nPre));
        U = f32x4.replace_lane(U, 2, f32at(resources, (r + 2) % nPre));
        U = f32x4.replace_lane(U, 3, f32at(resources, (r + 3) % nPre));
      }
      const s4 = v128.load(pre + o);
      if (lanes) v128.store(copy + o, s4);
      const spiked = f32x4.ne(s4, f32x4.splat(0));
      const u0 = v128.load(uVar + o);
      const x0 = v128.load(xVar + o);
      let u = U;
      let x = x0;
      if (stf) {
        u = uRestU ? f32x4.add(u0, f32x4.mul(f32x4.sub(U, u0), aF4)) : f32x4.sub(u0, f32x4.mul(u0, aF4));
        u = v128.bitselect(f32x4.add(u, f32x4.mul(U, f32x4.sub(one, u0))), u, spiked);
      }
      v128.store(uSpk + o, v128.bitselect(u, v128.load(uSpk + o), spiked));
      v128.store(xSpk + o, v128.bitselect(x0, v128.load(xSpk + o), spiked));
      if (lanes) {
        v128.store(cu + o, u);
        v128.store(cx + o, x0);
      }
      const bits = i32x4.bitmask(spiked);
      if (bits != 0) {
        if (bits & 1) list = listed(list, r, f32x4.extract_lane(u, 0), f32x4.extract_lane(x0, 0));
        if (bits & 2) list = listed(list, r + 1, f32x4.extract_lane(u, 1), f32x4.extract_lane(x0, 1));
        if (bits & 4) list = listed(list, r + 2, f32x4.extract_lane(u, 2), f32x4.extract_lane(x0, 2));
        if (bits & 8) list = listed(list, r + 3, f32x4.extract_lane(u, 3), f32x4.extract_lane(x0, 3));
      }
      if (std) {
        x = f32x4.add(x0, f32x4.mul(f32x4.sub(one, x0), aD4));
        x = v128.bitselect(f32x4.sub(x, f32x4.mul(u, x0)), x, spiked);
      }
      v128.store(uVar + o, u);
      v128.store(xVar + o, x);
    }
  }
  for (; r < rEnd; r++) {
    const s = f32at(pre, r);
    if (lanes) setF32(copy, r, s);
    const spiked = s != 0;
    const U = f32at(resources, r % nPre);
    let u = f32at(uVar, r);
    let x = f32at(xVar, r);
    if (stf) {
      const u0 = u;
      if (uRestU) u = u + (U - u0) * aF; // relaxes to U
      else u = u - u0 * aF;
      if (spiked) u = u + U * (<f32>1 - u0);
    } else u = U;
    if (spiked) {
      setF32(uSpk, r, u);
      setF32(xSpk, r, x);
      list = listed(list, r, u, x);
    }
    if (lanes) {
      setF32(cu, r, u);
      setF32(cx, r, x);
    }
    if (std) {
      const x0 = x;
      x = x + (<f32>1 - x0) * aD;
      if (spiked) x = x - u * x0;
    }
    setF32(uVar, r, u);
    setF32(xVar, r, x);
  }
  return list;
}

/**
 * Exact: relax from the anchor (the state right after the row's last spike) over the n steps
 * since then, then apply this step's spike. Order (float32 unless said):
 *   n = nSince + 1;  eF = f32(exp(-(f64(n) * f64(dtTauF))))        (f64 exp, rounded once)
 *   u = uR + (uA - uR) * eF  (uR = U with SYN_FLAG_UREST_U, else 0);  spike: u = u + U * (1 - u)
 *   two-state:   eD = f32(exp(-(n * dtTauD)));  x = 1 - (1 - xA) * eD
 *   three-state: eI = f32(exp(-(n * dtTauI)));  y = yA * eI
 *                pZY = f32(exp(-(n * dtTauD)) * g), g = hTauI == 0 ? n * dtTauI
 *                      : -expm1(-(n * dtH)) / hTauI                  (all f64)
 *                z = zA * eD + yA * pZY;  x = (1 - y) - z
 *   spike: uSpk = u, xSpk = x; rel = u * x; x = x - rel; y = y + rel (three-state);
 *          anchor = (u, x, y, z); n = 0.  No spike: nSince = n.
 * (Scalar only: the exponentials do not vectorise.)
 */
function stepExactRows(syn: usize, copy: usize, cu: usize, cx: usize, list: usize, rStart: i32, rEnd: i32): usize {
  const nPre = load<i32>(syn + SYN_NPRE);
  const lanes = oneToOne(syn);
  const pre = load<usize>(syn + SYN_PRE_SPIKES);
  const resources = load<usize>(syn + SYN_RESOURCES);
  const flags = load<i32>(syn + SYN_FLAGS);
  const stf = (flags & SYN_FLAG_STF) != 0;
  const std = (flags & SYN_FLAG_STD) != 0;
  const uRestU = (flags & SYN_FLAG_UREST_U) != 0;
  const inact = (flags & SYN_FLAG_INACT) != 0;
  const dtTauF = <f64>load<f32>(syn + SYN_DT_TAUF);
  const dtTauD = <f64>load<f32>(syn + SYN_DT_TAUD);
  const dtTauI = <f64>load<f32>(syn + SYN_DT_TAUI);
  const dtH = <f64>load<f32>(syn + SYN_DT_H);
  const hTauI = load<f32>(syn + SYN_H_TAUI);
  const uVar = load<usize>(syn + SYN_UVAR);
  const xVar = load<usize>(syn + SYN_XVAR);
  const uSpk = load<usize>(syn + SYN_USPK);
  const xSpk = load<usize>(syn + SYN_XSPK);
  const uAnch = load<usize>(syn + SYN_UANCH);
  const xAnch = load<usize>(syn + SYN_XANCH);
  const yAnch = load<usize>(syn + SYN_YANCH);
  const zAnch = load<usize>(syn + SYN_ZANCH);
  const nSince = load<usize>(syn + SYN_NSINCE);
  for (let r = rStart; r < rEnd; r++) {
    const s = f32at(pre, r);
    if (lanes) setF32(copy, r, s);
    const spiked = s != 0;
    const U = f32at(resources, r % nPre);
    let u = f32at(uVar, r);
    let x = f32at(xVar, r);
    const n = load<i32>(nSince + (<usize>r << 2)) + 1;
    const nf = <f64>n;
    if (stf) {
      const uR: f32 = uRestU ? U : 0;
      const eF = <f32>Math.exp(-(nf * dtTauF));
      u = uR + (f32at(uAnch, r) - uR) * eF;
      if (spiked) u = u + U * (<f32>1 - u);
    } else u = U;
    let y: f32 = 0;
    let z: f32 = 0;
    if (inact) {
      const tD = nf * dtTauD;
      const tI = nf * dtTauI;
      const eD64 = Math.exp(-tD);
      const eD = <f32>eD64;
      const eI = <f32>Math.exp(-tI);
      const g: f64 = hTauI == 0 ? tI : -Math.expm1(-(nf * dtH)) / <f64>hTauI;
      const pZY = <f32>(eD64 * g);
      const yA = f32at(yAnch, r);
      y = yA * eI;
      z = f32at(zAnch, r) * eD + yA * pZY;
      x = (<f32>1 - y) - z;
    } else if (std) {
      const eD = <f32>Math.exp(-(nf * dtTauD));
      x = <f32>1 - (<f32>1 - f32at(xAnch, r)) * eD;
    }
    if (lanes) {
      setF32(cu, r, u);
      setF32(cx, r, x);
    }
    if (spiked) {
      setF32(uSpk, r, u);
      setF32(xSpk, r, x);
      list = listed(list, r, u, x);
      if (std) {
        const rel = u * x;
        x = x - rel;
        if (inact) y = y + rel;
      }
      setF32(uAnch, r, u);
      setF32(xAnch, r, x);
      if (inact) {
        setF32(yAnch, r, y);
        setF32(zAnch, r, z);
      }
      store<i32>(nSince + (<usize>r << 2), 0);
    } else store<i32>(nSince + (<usize>r << 2), n);
    setF32(uVar, r, u);
    setF32(xVar, r, x);
  }
  return list;
}

// ---- phase 2: the output --------------------------------------------------------------------------
// The sum over spiking rows has one order, whatever the number of workers. The presynaptic rows are
// cut into G = SYN_BLOCKS blocks (block b: rows [floor(b nPre / G), floor((b + 1) nPre / G))); each
// block's terms W_jk * uSpk_j * xSpk_j are summed in ascending j, and the blocks' sums are added in
// ascending b, leaving out blocks without a spiking row:
//   T_k = ((S_0k + S_1k) + S_2k) + ...;   out_k += T_k * g (+ b_k)
// With G = 1 this is the plain ascending sum. Blocks let several workers share one trial by rows
// ("rows mode": each reads whole rows of W, of its own blocks, then each folds its own columns)
// instead of by columns (each would read a piece of every spiking row, which costs a worker more
// than its share of the bytes: every row read has a fixed cost).
// Scratch at SYN_ACC: S = SYN_ACC_SLOTS slots of nPost floats per trial (slot s of trial t at
// (t S + s) nPost), then one i32 per (trial, block) after all K S slots: whether the block had a
// spiking row (rows mode). Columns mode uses slot 0 for T and slot 1 for a block's running sum.

/** Words of the scratch at SYN_ACC for `trials` trials: K (S nPost + G) (fields checked by validate). */
@inline export function scratchWords(syn: usize, trials: i64): i64 {
  return (<i64>load<i32>(syn + SYN_ACC_SLOTS) * load<i32>(syn + SYN_NPOST) + load<i32>(syn + SYN_BLOCKS)) * trials;
}

// spiking rows waiting to be added (up to four) and the block fold; module state, one per worker
let held = 0;
let hp0: usize = 0, hp1: usize = 0, hp2: usize = 0, hp3: usize = 0;
let hu0: f32 = 0, hu1: f32 = 0, hu2: f32 = 0, hu3: f32 = 0;
let hx0: f32 = 0, hx1: f32 = 0, hx2: f32 = 0, hx3: f32 = 0;
let inBlock = 0; // rows of the current block added so far
let folded = false; // T holds the sum of the blocks finished so far

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
  const G = load<i32>(syn + SYN_BLOCKS);
  return !byTrials(trials, n) && G >= 2 && load<i32>(syn + SYN_ACC_SLOTS) >= G && load<usize>(syn + SYN_W) != 0;
}

/**
 * Phase 2a, rows mode: worker wk of nw sums its share of the space q = (trial G + block) nPost + k
 * (contiguous, in blocks of 16 columns) into slot b of trial t, and marks each block's spiking.
 */
export function stepSynapseBlocks(syn: usize, trials: i32, step: i32, wk: i32, nw: i32): void {
  const nPre = load<i32>(syn + SYN_NPRE);
  const nPost = load<i32>(syn + SYN_NPOST);
  const G = load<i32>(syn + SYN_BLOCKS);
  const S = load<i32>(syn + SYN_ACC_SLOTS);
  const w = load<usize>(syn + SYN_W);
  const h = half(syn, trials, step);
  const lists = load<usize>(syn + SYN_LIST) + h * 3;
  const accAll = load<usize>(syn + SYN_ACC);
  const marks = accAll + (<usize>(trials * S * nPost) << 2);
  const total = trials * G * nPost;
  let q = sliceStart(total, wk, nw, 16);
  const qEnd = sliceStart(total, wk + 1, nw, 16);
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
export function stepSynapseOutput(syn: usize, trials: i32, step: i32, cStart: i32, cEnd: i32, wk: i32, nw: i32): void {
  const nPre = load<i32>(syn + SYN_NPRE);
  const nPost = load<i32>(syn + SYN_NPOST);
  const G = load<i32>(syn + SYN_BLOCKS);
  const S = load<i32>(syn + SYN_ACC_SLOTS);
  const h = half(syn, trials, step);
  const pre = load<usize>(syn + SYN_SPIKED) + h;
  const post = load<usize>(syn + SYN_POST_INPUT);
  const w = load<usize>(syn + SYN_W);
  const wConst = load<f32>(syn + SYN_W_CONST);
  const g = load<f32>(syn + SYN_G);
  const bias = load<usize>(syn + SYN_BIAS);
  const uSpk = load<usize>(syn + SYN_CU) + h; // u and x as this step's spikes used them
  const xSpk = load<usize>(syn + SYN_CX) + h;
  const accAll = load<usize>(syn + SYN_ACC);
  let c = cStart;
  if (ASC_FEATURE_SIMD && oneToOne(syn)) {
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
  const lists = load<usize>(syn + SYN_LIST) + h * 3;
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

/** Materialise Wdyn for row r = trial * nPre + j, column k. */
export function wdynAt(syn: usize, r: i32, k: i32): f32 {
  const nPre = load<i32>(syn + SYN_NPRE);
  const nPost = load<i32>(syn + SYN_NPOST);
  const w = load<usize>(syn + SYN_W);
  const j = r % nPre;
  const wjk = w == 0 ? load<f32>(syn + SYN_W_CONST) : f32at(w, j * nPost + k);
  return wjk * f32at(load<usize>(syn + SYN_USPK), r) * f32at(load<usize>(syn + SYN_XSPK), r);
}
