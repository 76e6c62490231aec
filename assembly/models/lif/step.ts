// LIFCell (ngc-learn's leaky integrate-and-fire): forward Euler, explicit midpoint (RK2) or exact
// exponential propagators on
//   dv/dt = ((vRest - v) * gL + j * R * mask) / tauM,   mask = (rfr >= refractTime)
// then spike (v > thr + theta), refractory clock, reset, adaptive threshold, optional floor vMin.
// j is this step's synaptic input (a one-step pulse, the lesson's), or with LIF_FLAG_SYN the
// synaptic current iSyn, which decays with tauSyn and receives the input at the end of the step
// (iaf_psc_exp's order: an input that arrives in step i acts on v from step i + 1 on).
import {
  LIF_N, LIF_INPUT, LIF_V, LIF_RFR, LIF_THETA, LIF_SPIKES, LIF_COUNTS, LIF_INV_TAU_M, LIF_R,
  LIF_V_REST, LIF_V_RESET, LIF_THR, LIF_REFRACT, LIF_THETA_DECAY, LIF_THETA_PLUS, LIF_G_L,
  LIF_V_MIN, LIF_FLAGS, LIF_METHOD, LIF_FLAG_THETA, LIF_FLAG_VMIN, LIF_METHOD_MIDPOINT,
  LIF_METHOD_EXACT, LIF_FLAG_SYN, LIF_ISYN, LIF_SYN_DECAY, LIF_SYN_DECAY_HALF, LIF_P22, LIF_P21,
} from "../../abi";

/** dv/dt in mV/ms. */
@inline function dvdt(v: f32, drive: f32, vRest: f32, gL: f32, invTauM: f32): f32 {
  return ((vRest - v) * gL + drive) * invTauM;
}

/** One step of the LIF record at `lif` for units [gStart, gEnd) of trials * n (gStart % 4 == 0); dt in ms. */
export function stepLif(lif: usize, dt: f32, gStart: i32, gEnd: i32): void {
  const input = load<usize>(lif + LIF_INPUT);
  const vArr = load<usize>(lif + LIF_V);
  const rfrArr = load<usize>(lif + LIF_RFR);
  const thetaArr = load<usize>(lif + LIF_THETA);
  const spikes = load<usize>(lif + LIF_SPIKES);
  const counts = load<usize>(lif + LIF_COUNTS);
  const invTauM = load<f32>(lif + LIF_INV_TAU_M);
  const R = load<f32>(lif + LIF_R);
  const vRest = load<f32>(lif + LIF_V_REST);
  const vReset = load<f32>(lif + LIF_V_RESET);
  const thr = load<f32>(lif + LIF_THR);
  const refract = load<f32>(lif + LIF_REFRACT);
  const thetaDecay = load<f32>(lif + LIF_THETA_DECAY);
  const thetaPlus = load<f32>(lif + LIF_THETA_PLUS);
  const gL = load<f32>(lif + LIF_G_L);
  const vMin = load<f32>(lif + LIF_V_MIN);
  const flags = load<i32>(lif + LIF_FLAGS);
  const adaptive = (flags & LIF_FLAG_THETA) != 0;
  const clamp = (flags & LIF_FLAG_VMIN) != 0;
  const midpoint = load<i32>(lif + LIF_METHOD) == LIF_METHOD_MIDPOINT;
  const exact = load<i32>(lif + LIF_METHOD) == LIF_METHOD_EXACT;
  const synCurrent = (flags & LIF_FLAG_SYN) != 0;
  const iSynArr = load<usize>(lif + LIF_ISYN);
  const synDecay = load<f32>(lif + LIF_SYN_DECAY);
  const synDecayHalf = load<f32>(lif + LIF_SYN_DECAY_HALF);
  const p22 = load<f32>(lif + LIF_P22);
  const p21 = load<f32>(lif + LIF_P21);
  const halfDt = dt * <f32>0.5;

  let g = gStart;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0);
    const vRest4 = f32x4.splat(vRest);
    const gL4 = f32x4.splat(gL);
    const inv4 = f32x4.splat(invTauM);
    const dt4 = f32x4.splat(dt);
    const half4 = f32x4.splat(halfDt);
    const thr4 = f32x4.splat(thr);
    const vReset4 = f32x4.splat(vReset);
    for (; g + 4 <= gEnd; g += 4) {
      const o = <usize>g << 2;
      let v = v128.load(vArr + o);
      const rfr = v128.load(rfrArr + o);
      let theta = v128.load(thetaArr + o);
      const open = f32x4.ge(rfr, f32x4.splat(refract));
      const inp = v128.load(input + o);
      const iSyn = synCurrent ? v128.load(iSynArr + o) : zero;
      const j = f32x4.mul(synCurrent ? iSyn : inp, f32x4.splat(R));
      const drive = v128.bitselect(j, zero, open);
      if (exact) {
        v = f32x4.add(f32x4.add(vRest4, f32x4.mul(f32x4.sub(v, vRest4), f32x4.splat(p22))), f32x4.mul(drive, f32x4.splat(p21)));
      } else if (midpoint) {
        const dv = f32x4.mul(f32x4.add(f32x4.mul(f32x4.sub(vRest4, v), gL4), drive), inv4);
        const vh = f32x4.add(v, f32x4.mul(dv, half4));
        const driveHalf = synCurrent
          ? v128.bitselect(f32x4.mul(f32x4.mul(iSyn, f32x4.splat(synDecayHalf)), f32x4.splat(R)), zero, open)
          : drive;
        const dvh = f32x4.mul(f32x4.add(f32x4.mul(f32x4.sub(vRest4, vh), gL4), driveHalf), inv4);
        v = f32x4.add(v, f32x4.mul(dvh, dt4));
      } else {
        const dv = f32x4.mul(f32x4.add(f32x4.mul(f32x4.sub(vRest4, v), gL4), drive), inv4);
        v = f32x4.add(v, f32x4.mul(dv, dt4));
      }
      if (synCurrent) v128.store(iSynArr + o, f32x4.add(f32x4.mul(iSyn, f32x4.splat(synDecay)), inp));
      const spiked = f32x4.gt(v, f32x4.add(thr4, theta));
      v128.store(rfrArr + o, v128.bitselect(zero, f32x4.add(rfr, dt4), spiked));
      v = v128.bitselect(vReset4, v, spiked);
      if (adaptive) {
        theta = f32x4.mul(theta, f32x4.splat(thetaDecay));
        theta = v128.bitselect(f32x4.add(theta, f32x4.splat(thetaPlus)), theta, spiked);
      }
      if (clamp) {
        const vMin4 = f32x4.splat(vMin);
        v = v128.bitselect(vMin4, v, f32x4.lt(v, vMin4));
      }
      v128.store(vArr + o, v);
      v128.store(thetaArr + o, theta);
      v128.store(spikes + o, v128.and(spiked, f32x4.splat(1)));
      v128.store(counts + o, i32x4.sub(v128.load(counts + o), spiked)); // a true lane is -1
      v128.store(input + o, zero);
    }
  }
  for (; g < gEnd; g++) {
    const o = <usize>g << 2;
    let v = load<f32>(vArr + o);
    let rfr = load<f32>(rfrArr + o);
    let theta = load<f32>(thetaArr + o);
    const open = rfr >= refract;
    const iSyn: f32 = synCurrent ? load<f32>(iSynArr + o) : 0;
    const j = (synCurrent ? iSyn : load<f32>(input + o)) * R;
    const drive: f32 = open ? j : 0;
    if (exact) {
      // v = (vRest + (v - vRest) * P22) + drive * P21; the host computes P22 = exp(-dt gL / tauM)
      // and P21 for a drive constant over the step, or decaying with tauSyn (FLAG_SYN)
      v = (vRest + (v - vRest) * p22) + drive * p21;
    } else if (midpoint) {
      const vh = v + dvdt(v, drive, vRest, gL, invTauM) * halfDt;
      // FLAG_SYN: the current at mid-step, (iSyn * exp(-dt / (2 tauSyn))) * R
      const driveHalf: f32 = synCurrent ? (open ? (iSyn * synDecayHalf) * R : 0) : drive;
      v = v + dvdt(vh, driveHalf, vRest, gL, invTauM) * dt;
    } else {
      v = v + dvdt(v, drive, vRest, gL, invTauM) * dt;
    }
    // FLAG_SYN: the current decays over the step, then this step's input arrives
    if (synCurrent) store<f32>(iSynArr + o, iSyn * synDecay + load<f32>(input + o));
    const spiked = v > thr + theta;
    if (spiked) {
      rfr = 0;
      v = vReset;
      store<i32>(counts + o, load<i32>(counts + o) + 1);
    } else {
      rfr = rfr + dt;
    }
    if (adaptive) theta = spiked ? theta * thetaDecay + thetaPlus : theta * thetaDecay;
    if (clamp && v < vMin) v = vMin;
    store<f32>(vArr + o, v);
    store<f32>(rfrArr + o, rfr);
    store<f32>(thetaArr + o, theta);
    store<f32>(spikes + o, spiked ? <f32>1 : <f32>0);
    store<f32>(input + o, 0);
  }
}
