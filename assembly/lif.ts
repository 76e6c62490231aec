// LIFCell (ngc-learn's leaky integrate-and-fire): forward Euler or explicit midpoint (RK2) on
//   dv/dt = ((vRest - v) * gL + j * R * mask) / tauM,   mask = (rfr >= refractTime)
// then spike (v > thr + theta), refractory clock, reset, adaptive threshold, optional floor vMin.
import {
  LIF_N, LIF_INPUT, LIF_V, LIF_RFR, LIF_THETA, LIF_SPIKES, LIF_COUNTS, LIF_INV_TAU_M, LIF_R,
  LIF_V_REST, LIF_V_RESET, LIF_THR, LIF_REFRACT, LIF_THETA_DECAY, LIF_THETA_PLUS, LIF_G_L,
  LIF_V_MIN, LIF_FLAGS, LIF_METHOD, LIF_FLAG_THETA, LIF_FLAG_VMIN, LIF_METHOD_MIDPOINT,
} from "./abi";

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
      const j = f32x4.mul(v128.load(input + o), f32x4.splat(R));
      const drive = v128.bitselect(j, zero, f32x4.ge(rfr, f32x4.splat(refract)));
      const dv = f32x4.mul(f32x4.add(f32x4.mul(f32x4.sub(vRest4, v), gL4), drive), inv4);
      if (midpoint) {
        const vh = f32x4.add(v, f32x4.mul(dv, half4));
        const dvh = f32x4.mul(f32x4.add(f32x4.mul(f32x4.sub(vRest4, vh), gL4), drive), inv4);
        v = f32x4.add(v, f32x4.mul(dvh, dt4));
      } else {
        v = f32x4.add(v, f32x4.mul(dv, dt4));
      }
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
    const j = load<f32>(input + o) * R;
    const drive: f32 = rfr >= refract ? j : 0;
    if (midpoint) {
      const vh = v + dvdt(v, drive, vRest, gL, invTauM) * halfDt;
      v = v + dvdt(vh, drive, vRest, gL, invTauM) * dt;
    } else {
      v = v + dvdt(v, drive, vRest, gL, invTauM) * dt;
    }
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
