// One step of a LIF population for this pass's units (engine/schedule.ts): integrate v with this
// step's drive, spike (v > thr + theta), refractory clock, reset, adaptive threshold, floor vMin.
// The drive is R * j while the unit is not refractory (rfr >= refractTime), where j is this step's
// synaptic input (a one-step pulse, the lesson's), or with LIF_FLAG_SYN the synaptic current, which
// decays with tauSyn and receives the input at the end of the step (iaf_psc_exp's order: an input
// that arrives in step i acts on v from step i + 1 on); with LIF_FLAG_DIRECT plus the direct current
// (what the host wrote into the current port and conductance channels added, this step), and with
// LIF_FLAG_BIAS plus the unit's bias current. Inputs are cleared after use. The exact method with a
// synaptic current propagates the direct and bias currents apart, with the propagator of a drive
// constant over the step (LIF_P21_DIRECT). Non-finite state: where v after the integration, or the
// input, is NaN or infinite, v is stored NaN (so neither a reset nor vMin hides it) and the step
// notes the first such unit (engine/fault.ts); finite values are untouched (v - 0 is v).
import {
  COMP_N, COMP_INPUT, COMP_SPIKES, COMP_COUNTS, LIF_V, LIF_RFR, LIF_THETA, LIF_ISYN, LIF_DIRECT,
  LIF_INV_TAU_M, LIF_R, LIF_V_REST, LIF_V_RESET, LIF_THR, LIF_REFRACT, LIF_THETA_DECAY, LIF_THETA_PLUS,
  LIF_G_L, LIF_V_MIN, LIF_FLAGS, LIF_METHOD, LIF_FLAG_THETA, LIF_FLAG_VMIN, LIF_FLAG_SYN, LIF_FLAG_DIRECT,
  LIF_METHOD_EULER, LIF_METHOD_MIDPOINT, LIF_METHOD_EXACT, LIF_SYN_DECAY, LIF_SYN_DECAY_HALF, LIF_P22, LIF_P21, LIF_P21_DIRECT,
  LIF_FLAG_BIAS, LIF_BIAS,
} from "../../abi";
import { first, end } from "../../engine/schedule";
import { noteNonFinite } from "../../engine/fault";
import { add, sub, mul, pick, splat, ld, st, ge, gt, lt, ones, width, perUnit } from "../../engine/lanes";
import { eulerV, midpointV, exactV, decayCurrent, adaptTheta } from "./equations";

/** Add 1 to the spike counts (i32) of the units whose mask is true. */
@inline function count<T>(counts: usize, o: usize, spiked: T): void {
  if (isVector<T>()) v128.store(counts + o, i32x4.sub(v128.load(counts + o), spiked)); // a true lane is -1
  else if (spiked != 0) store<i32>(counts + o, load<i32>(counts + o) + 1);
}

/** The current plus the unit's bias current where there is one. */
@inline function withBias<T>(current: T, bias: T, biased: bool): T {
  return biased ? add(current, bias) : current;
}

/**
 * Units [g0, g1) of the LIF at `lif`, width<T>() at a time (g1 - g0 a multiple of it). Returns the
 * sum of (x - x) over their new v and input: 0, or NaN where one of them was not finite.
 */
@inline function units<T>(lif: usize, g0: i32, g1: i32, dt: f32, flags: i32, method: i32): T {
  const synCurrent = (flags & LIF_FLAG_SYN) != 0;
  const direct = (flags & LIF_FLAG_DIRECT) != 0;
  const biased = (flags & LIF_FLAG_BIAS) != 0;
  const n = load<i32>(lif + COMP_N);
  const biasArr = load<usize>(lif + LIF_BIAS);
  // exact with a synaptic current: the direct and bias currents have their own propagator (not the decaying current's)
  const apart = synCurrent && (direct || biased) && method == LIF_METHOD_EXACT;
  const adaptive = (flags & LIF_FLAG_THETA) != 0;
  const clamp = (flags & LIF_FLAG_VMIN) != 0;
  const zero = splat<T>(0);
  const R = splat<T>(load<f32>(lif + LIF_R));
  const vRest = splat<T>(load<f32>(lif + LIF_V_REST));
  const vReset = splat<T>(load<f32>(lif + LIF_V_RESET));
  const thr = splat<T>(load<f32>(lif + LIF_THR));
  const refract = splat<T>(load<f32>(lif + LIF_REFRACT));
  const gL = splat<T>(load<f32>(lif + LIF_G_L));
  const invTauM = splat<T>(load<f32>(lif + LIF_INV_TAU_M));
  const thetaDecay = splat<T>(load<f32>(lif + LIF_THETA_DECAY));
  const thetaPlus = splat<T>(load<f32>(lif + LIF_THETA_PLUS));
  const vMin = splat<T>(load<f32>(lif + LIF_V_MIN));
  const synDecay = splat<T>(load<f32>(lif + LIF_SYN_DECAY));
  const synDecayHalf = splat<T>(load<f32>(lif + LIF_SYN_DECAY_HALF));
  const p22 = splat<T>(load<f32>(lif + LIF_P22));
  const p21 = splat<T>(load<f32>(lif + LIF_P21));
  const p21Direct = splat<T>(load<f32>(lif + LIF_P21_DIRECT));
  const dtT = splat<T>(dt);
  const halfDt = splat<T>(dt * <f32>0.5);
  const input = load<usize>(lif + COMP_INPUT);
  const spikes = load<usize>(lif + COMP_SPIKES);
  const counts = load<usize>(lif + COMP_COUNTS);
  const vArr = load<usize>(lif + LIF_V);
  const rfrArr = load<usize>(lif + LIF_RFR);
  const thetaArr = load<usize>(lif + LIF_THETA);
  const iSynArr = load<usize>(lif + LIF_ISYN);
  const directArr = load<usize>(lif + LIF_DIRECT);
  let bad = zero;
  for (let g = g0; g < g1; g += width<T>()) {
    const o = <usize>g << 2;
    let v = ld<T>(vArr + o);
    const rfr = ld<T>(rfrArr + o);
    const open = ge<T>(rfr, refract);
    const inp = ld<T>(input + o);
    const iSyn = synCurrent ? ld<T>(iSynArr + o) : zero;
    const dir = direct ? ld<T>(directArr + o) : zero;
    const bias = biased ? perUnit<T>(biasArr, g, n) : zero;
    const base = synCurrent ? iSyn : inp;
    // the currents constant over the step: the direct input, and the bias
    const steady = withBias<T>(dir, bias, biased);
    const drive = pick<T>(open, mul(apart ? base : withBias<T>(direct ? add(base, dir) : base, bias, biased), R), zero);
    if (method == LIF_METHOD_EXACT) {
      v = exactV<T>(v, drive, vRest, p22, p21);
      if (apart) v = add(v, mul(pick<T>(open, mul(steady, R), zero), p21Direct));
    } else if (method == LIF_METHOD_MIDPOINT) {
      // LIF_FLAG_SYN: the current at mid-step, iSyn * exp(-dt / (2 tauSyn))
      let driveHalf = drive;
      if (synCurrent) {
        const mid = mul(iSyn, synDecayHalf);
        driveHalf = pick<T>(open, mul(withBias<T>(direct ? add(mid, dir) : mid, bias, biased), R), zero);
      }
      v = midpointV<T>(v, drive, driveHalf, vRest, gL, invTauM, halfDt, dtT);
    } else {
      v = eulerV<T>(v, drive, vRest, gL, invTauM, dtT);
    }
    // 0, or NaN where the new v or the input is not finite
    const nonFinite = add(sub(v, v), sub(inp, inp));
    bad = add(bad, nonFinite);
    if (synCurrent) st<T>(iSynArr + o, decayCurrent<T>(iSyn, synDecay, inp));
    const theta = adaptive ? ld<T>(thetaArr + o) : zero;
    const spiked = gt<T>(v, adaptive ? add(thr, theta) : thr);
    st<T>(rfrArr + o, pick<T>(spiked, zero, add(rfr, dtT)));
    v = pick<T>(spiked, vReset, v);
    if (adaptive) st<T>(thetaArr + o, adaptTheta<T>(theta, thetaDecay, thetaPlus, spiked));
    if (clamp) v = pick<T>(lt<T>(v, vMin), vMin, v);
    st<T>(vArr + o, sub(v, nonFinite));
    st<T>(spikes + o, ones<T>(spiked));
    count<T>(counts, o, spiked);
    st<T>(input + o, zero);
    if (direct) st<T>(directArr + o, zero);
  }
  return bad;
}

/** One step of the LIF at `lif` for this pass's units; dt in ms. */
export function stepLif(lif: usize, dt: f32): void {
  const n = load<i32>(lif + COMP_N);
  const g0 = first(n);
  const g1 = end(n);
  const flags = load<i32>(lif + LIF_FLAGS);
  const method = load<i32>(lif + LIF_METHOD);
  // the plain Euler LIF (no flag: the lesson's) compiled on its own, its flags' branches folded away
  const plain = flags == 0 && method == LIF_METHOD_EULER;
  let g = g0;
  let bad = false;
  if (ASC_FEATURE_SIMD) {
    g = g0 + ((g1 - g0) & ~3);
    const lanes = plain ? units<v128>(lif, g0, g, dt, 0, LIF_METHOD_EULER) : units<v128>(lif, g0, g, dt, flags, method);
    bad = v128.any_true(f32x4.ne(lanes, lanes));
  }
  const rest = plain ? units<f32>(lif, g, g1, dt, 0, LIF_METHOD_EULER) : units<f32>(lif, g, g1, dt, flags, method);
  if (bad || rest != rest) {
    // the first unit whose v was stored NaN
    const vArr = load<usize>(lif + LIF_V);
    for (let k = g0; k < g1; k++) {
      const at = vArr + (<usize>k << 2);
      const v = load<f32>(at);
      if (v != v) {
        noteNonFinite(at);
        break;
      }
    }
  }
}
