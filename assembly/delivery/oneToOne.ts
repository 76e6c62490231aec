// One-to-one delivery: nPre = nPost = n, connection j -> j with weight W_j (or one constant), all
// with the delay d = DLV_DELAY in steps, through the ring of D slots that sparse delivery uses. The
// model keeps each row's spike and factors (delivery/rowCopies.ts), so the output reads row k for
// column k, four at a time where SIMD is built in, and no spike list is kept. Per column, in step i:
//   slot (i + d) mod D: slot_k = slot_k + (W_k * a_k) * b_k    where row k spiked
//   slot i mod D:       out_k = out_k + ((slot_k * g) (+ bias_k)),  slot_k = 0
// the operations sparse delivery performs for the same connections (so the two give the same bits).
// Cost O(n) per step, whatever the rate: for inputs such as one noise source per neuron.
import {
  COMP_N, COMP_N2, COMP_POST, COMP_INPUT, DLV_W, DLV_W_CONST, DLV_G, DLV_BIAS, DLV_DELAY, DLV_SLOTS,
  DLV_RING, DLV_SPIKED, DLV_CA, DLV_CB, DLV_FA, DLV_FB, OK, ERR_BAD_VALUE, ERR_OVERFLOW,
} from "../abi";
import { first, end } from "../engine/schedule";
import { f32at, setF32 } from "../engine/arrays";
import { half } from "./spikeList";
import { rowCopyRegions, initRowCopies } from "./rowCopies";
import { region, REG_WRITTEN, REG_READ, fail, param, BIG, I32_MAX } from "../engine/regions";

/** Check the one-to-one block's own fields. */
export function checkOneToOne(syn: usize, trials: i64): i32 {
  const n = <i64>load<i32>(syn + COMP_N);
  if (<i64>load<i32>(syn + COMP_N2) != n) return fail(ERR_BAD_VALUE, syn + COMP_N2);
  const D = <i64>load<i32>(syn + DLV_SLOTS);
  if (D < 1 || D > 65536) return fail(ERR_BAD_VALUE, syn + DLV_SLOTS);
  if (trials * D * n > I32_MAX) return fail(ERR_OVERFLOW, syn + DLV_SLOTS);
  const d = load<i32>(syn + DLV_DELAY);
  if (d < 0 || <i64>d >= D) return fail(ERR_BAD_VALUE, syn + DLV_DELAY);
  // factors per connection are sparse delivery's: they must not be given
  if (load<u32>(syn + DLV_FA) != 0 || load<u32>(syn + DLV_FB) != 0) return fail(ERR_BAD_VALUE, syn + DLV_FA);
  let err = param(syn + DLV_W_CONST, -BIG, BIG);
  if (err == OK) err = param(syn + DLV_G, -BIG, BIG);
  return err;
}

/** Report the one-to-one block's regions: the weights, biases, ring and row copies. */
export function oneToOneRegions(syn: usize, trials: i64): i32 {
  const n = <u64>load<i32>(syn + COMP_N);
  let err = load<u32>(syn + DLV_W) != 0 ? region(syn + DLV_W, n << 2, REG_READ) : OK;
  if (err == OK && load<u32>(syn + DLV_BIAS) != 0) err = region(syn + DLV_BIAS, n << 2, REG_READ);
  if (err == OK) err = region(syn + DLV_RING, <u64>(<i64>load<i32>(syn + DLV_SLOTS) * trials) * n << 2, REG_WRITTEN);
  if (err == OK) err = rowCopyRegions(syn, trials);
  return err;
}

/** Zero the block's state: the ring and the row copies. */
export function initOneToOne(syn: usize, trials: i32): void {
  memory.fill(load<usize>(syn + DLV_RING), 0, (<usize>(trials * load<i32>(syn + DLV_SLOTS)) * <usize>load<i32>(syn + COMP_N)) << 2);
  initRowCopies(syn, trials);
}

/** The output of step `step` for this pass's (trial, unit) pairs. */
export function oneToOneOutput(syn: usize, trials: i32, step: i32): void {
  const n = load<i32>(syn + COMP_N2);
  const cStart = first(n);
  const cEnd = end(n);
  const h = half(syn, trials, step);
  const spiked = load<usize>(syn + DLV_SPIKED) + h;
  const fa = load<usize>(syn + DLV_CA) + h;
  const fb = load<usize>(syn + DLV_CB) + h;
  const w = load<usize>(syn + DLV_W);
  const wConst = load<f32>(syn + DLV_W_CONST);
  const g = load<f32>(syn + DLV_G);
  const bias = load<usize>(syn + DLV_BIAS);
  const post = load<usize>(load<usize>(syn + COMP_POST) + COMP_INPUT);
  const ring = load<usize>(syn + DLV_RING);
  const D = load<i32>(syn + DLV_SLOTS);
  const slot = step % D;
  const into = slot + load<i32>(syn + DLV_DELAY);
  const later = into >= D ? into - D : into;
  let c = cStart;
  while (c < cEnd) {
    const t = c / n;
    const k0 = c - t * n;
    const k1 = min(n, k0 + (cEnd - c));
    const ringT = ring + (<usize>(t * D) * <usize>n << 2);
    const write = ringT + (<usize>later * <usize>n << 2);
    const read = ringT + (<usize>slot * <usize>n << 2);
    const rows = <usize>(t * n) << 2; // row copies of trial t
    const out = post + rows;
    let k = k0;
    if (ASC_FEATURE_SIMD) {
      const w4 = f32x4.splat(wConst);
      const g4 = f32x4.splat(g);
      for (; k + 4 <= k1; k += 4) {
        const o = <usize>k << 2;
        const r = rows + o;
        const s = f32x4.ne(v128.load(spiked + r), f32x4.splat(0));
        const term = f32x4.mul(f32x4.mul(w != 0 ? v128.load(w + o) : w4, v128.load(fa + r)), v128.load(fb + r));
        const now = v128.load(write + o);
        v128.store(write + o, v128.bitselect(f32x4.add(now, term), now, s));
        let v = f32x4.mul(v128.load(read + o), g4);
        if (bias != 0) v = f32x4.add(v, v128.load(bias + o));
        v128.store(out + o, f32x4.add(v128.load(out + o), v));
        v128.store(read + o, f32x4.splat(0));
      }
    }
    for (; k < k1; k++) {
      const r = <usize>(t * n + k) << 2;
      if (load<f32>(spiked + r) != 0) {
        const term = ((w != 0 ? f32at(w, k) : wConst) * load<f32>(fa + r)) * load<f32>(fb + r);
        setF32(write, k, f32at(write, k) + term);
      }
      let v = f32at(read, k) * g;
      if (bias != 0) v += f32at(bias, k);
      setF32(out, k, f32at(out, k) + v);
      setF32(read, k, 0);
    }
    c += k1 - k0;
  }
}

/** W of connection j (j -> j). */
export function oneToOneWeight(syn: usize, j: i32): f32 {
  const w = load<usize>(syn + DLV_W);
  return w == 0 ? load<f32>(syn + DLV_W_CONST) : f32at(w, j);
}
