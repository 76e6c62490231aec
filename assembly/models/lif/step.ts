// One step of a LIF population for this pass's units (engine/schedule.ts): integrate v with this
// step's drive, spike (v > thr + theta), refractory clock, reset, adaptive threshold, floor vMin.
// The drive is R * j while the unit is not refractory (rfr >= refractTime), where j is this step's
// synaptic input (a one-step pulse, the lesson's), or with LIF_FLAG_SYN the synaptic current, which
// decays with tauSyn and receives the input at the end of the step (iaf_psc_exp's order: an input
// that arrives in step i acts on v from step i + 1 on); with LIF_FLAG_DIRECT plus the direct current
// (what the host wrote into the current port and conductance channels added, this step). Inputs are
// cleared after use. The exact method with a synaptic current propagates the direct current apart,
// with the propagator of a drive constant over the step (LIF_P21_DIRECT).
import {
  COMP_N, COMP_INPUT, COMP_SPIKES, COMP_COUNTS, LIF_V, LIF_RFR, LIF_THETA, LIF_ISYN, LIF_DIRECT,
  LIF_INV_TAU_M, LIF_R, LIF_V_REST, LIF_V_RESET, LIF_THR, LIF_REFRACT, LIF_THETA_DECAY, LIF_THETA_PLUS,
  LIF_G_L, LIF_V_MIN, LIF_FLAGS, LIF_METHOD, LIF_FLAG_THETA, LIF_FLAG_VMIN, LIF_FLAG_SYN, LIF_FLAG_DIRECT,
  LIF_METHOD_MIDPOINT, LIF_METHOD_EXACT, LIF_SYN_DECAY, LIF_SYN_DECAY_HALF, LIF_P22, LIF_P21, LIF_P21_DIRECT,
} from "../../abi";
import { first, end } from "../../engine/schedule";
import { add, mul, pick, splat, ld, st, ge, gt, lt, ones, width } from "../../engine/lanes";
import { eulerV, midpointV, exactV, decayCurrent, adaptTheta } from "./equations";

/** Add 1 to the spike counts (i32) of the units whose mask is true. */
@inline function count<T>(counts: usize, o: usize, spiked: T): void {
  if (isVector<T>()) v128.store(counts + o, i32x4.sub(v128.load(counts + o), spiked)); // a true lane is -1
  else if (spiked != 0) store<i32>(counts + o, load<i32>(counts + o) + 1);
}

/** Units [g0, g1) of the LIF at `lif`, width<T>() at a time (g1 - g0 a multiple of it). */
@inline function units<T>(lif: usize, g0: i32, g1: i32, dt: f32): void {
  const flags = load<i32>(lif + LIF_FLAGS);
  const method = load<i32>(lif + LIF_METHOD);
  const synCurrent = (flags & LIF_FLAG_SYN) != 0;
  const direct = (flags & LIF_FLAG_DIRECT) != 0;
  // exact with a synaptic current: the direct current has its own propagator (not the decaying current's)
  const apart = synCurrent && direct && method == LIF_METHOD_EXACT;
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
  for (let g = g0; g < g1; g += width<T>()) {
    const o = <usize>g << 2;
    let v = ld<T>(vArr + o);
    const rfr = ld<T>(rfrArr + o);
    const open = ge<T>(rfr, refract);
    const inp = ld<T>(input + o);
    const iSyn = synCurrent ? ld<T>(iSynArr + o) : zero;
    const dir = direct ? ld<T>(directArr + o) : zero;
    const base = synCurrent ? iSyn : inp;
    const drive = pick<T>(open, mul(direct && !apart ? add(base, dir) : base, R), zero);
    if (method == LIF_METHOD_EXACT) {
      v = exactV<T>(v, drive, vRest, p22, p21);
      if (apart) v = add(v, mul(pick<T>(open, mul(dir, R), zero), p21Direct));
    } else if (method == LIF_METHOD_MIDPOINT) {
      // LIF_FLAG_SYN: the current at mid-step, iSyn * exp(-dt / (2 tauSyn))
      let driveHalf = drive;
      if (synCurrent) {
        const mid = mul(iSyn, synDecayHalf);
        driveHalf = pick<T>(open, mul(direct ? add(mid, dir) : mid, R), zero);
      }
      v = midpointV<T>(v, drive, driveHalf, vRest, gL, invTauM, halfDt, dtT);
    } else {
      v = eulerV<T>(v, drive, vRest, gL, invTauM, dtT);
    }
    if (synCurrent) st<T>(iSynArr + o, decayCurrent<T>(iSyn, synDecay, inp));
    const theta = adaptive ? ld<T>(thetaArr + o) : zero;
    const spiked = gt<T>(v, adaptive ? add(thr, theta) : thr);
    st<T>(rfrArr + o, pick<T>(spiked, zero, add(rfr, dtT)));
    v = pick<T>(spiked, vReset, v);
    if (adaptive) st<T>(thetaArr + o, adaptTheta<T>(theta, thetaDecay, thetaPlus, spiked));
    if (clamp) v = pick<T>(lt<T>(v, vMin), vMin, v);
    st<T>(vArr + o, v);
    st<T>(spikes + o, ones<T>(spiked));
    count<T>(counts, o, spiked);
    st<T>(input + o, zero);
    if (direct) st<T>(directArr + o, zero);
  }
}

/** One step of the LIF at `lif` for this pass's units; dt in ms. */
export function stepLif(lif: usize, dt: f32): void {
  const n = load<i32>(lif + COMP_N);
  const g0 = first(n);
  const g1 = end(n);
  let g = g0;
  if (ASC_FEATURE_SIMD) {
    g = g0 + ((g1 - g0) & ~3);
    units<v128>(lif, g0, g, dt);
  }
  units<f32>(lif, g, g1, dt);
}
