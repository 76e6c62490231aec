// The Tsodyks-Markram synapse's equations, per presynaptic row: u (the release fraction, U the
// resources) and x (the available resources), updated once per step; docs/MODEL.md gives them with
// their float32 operation order. Each function here is that order, written once. The Euler map is
// generic over T (f32 or a v128 of four rows: engine/lanes.ts), so the SIMD loop and the scalar loop
// of step.ts call the same code; the exact relaxation is scalar (its exponentials do not vectorise).
import { add, mul, pick, splat, sub } from "../../engine/lanes";

// ---- Euler (ngc-learn's map): every u and x on a right-hand side is the value before the step, -------
// except that x's release term uses the new u.

/** u after one Euler step from u0: relaxes towards 0 (or to U with uRestU), then a spike adds U (1 - u0). */
@inline export function eulerU<T>(u0: T, U: T, dtTauF: T, uRestU: bool, spiked: T): T {
  const u = uRestU ? add(u0, mul(sub(U, u0), dtTauF)) : sub(u0, mul(u0, dtTauF));
  return pick(spiked, add(u, mul(U, sub(splat<T>(1), u0))), u);
}

/** x after one Euler step from x0: recovers towards 1, then a spike releases u x0 (u the new u). */
@inline export function eulerX<T>(x0: T, u: T, dtTauD: T, spiked: T): T {
  const x = add(x0, mul(sub(splat<T>(1), x0), dtTauD));
  return pick(spiked, sub(x, mul(u, x0)), x);
}

// ---- exact: the state relaxes from its anchor (the state right after the row's last spike) over the --
// n steps since then, never step by step, so float32 rounding does not compound between spikes.
// Each exponential is evaluated in float64 and rounded to float32 once.

/** u relaxed from the anchor uA towards uR over n steps: uR + (uA - uR) f32(exp(-(n dt/tauF))). */
@inline export function relaxU(uA: f32, uR: f32, n: f64, dtTauF: f64): f32 {
  const eF = <f32>Math.exp(-(n * dtTauF));
  return uR + (uA - uR) * eF;
}

/** u at a spike: u + U (1 - u) (the relaxed u; Euler's map uses the u before the step instead). */
@inline export function facilitate(u: f32, U: f32): f32 {
  return u + U * (<f32>1 - u);
}

/** Two-state x relaxed from the anchor xA over n steps: 1 - (1 - xA) f32(exp(-(n dt/tauD))). */
@inline export function recoverX(xA: f32, n: f64, dtTauD: f64): f32 {
  const eD = <f32>Math.exp(-(n * dtTauD));
  return <f32>1 - (<f32>1 - xA) * eD;
}

/** Three-state: active resources y relaxed from yA over n steps: yA f32(exp(-(n dt/tauInact))). */
@inline export function relaxY(yA: f32, n: f64, dtTauI: f64): f32 {
  return yA * <f32>Math.exp(-(n * dtTauI));
}

/**
 * Three-state: inactive resources z from the anchor (yA, zA) over n steps: zA f32(eD) + yA f32(pZY),
 * eD = exp(-(n dt/tauD)), and pZY, the inactive fraction fed by one unit of active resources
 * (exp(-tD) - exp(-tI)) / hTauI, in float64 in a form that neither cancels nor overflows:
 *   hTauI == 0 (tauInact == tauD):  eD (n dt/tauInact)
 *   hTauI > 0 (tauInact < tauD):    eD (-expm1(-(n dtH)) / hTauI)
 *   hTauI < 0 (tauInact > tauD):    exp(-(n dt/tauInact)) (expm1(n dtH) / hTauI)
 * (the second form with hTauI < 0 would multiply exp(-tD) -> 0 by expm1 -> infinity after a long
 * silence: NaN).
 */
@inline export function relaxZ(yA: f32, zA: f32, n: f64, dtTauD: f64, dtTauI: f64, dtH: f64, hTauI: f32): f32 {
  const eD64 = Math.exp(-(n * dtTauD));
  const h = <f64>hTauI;
  let pZY: f64;
  if (hTauI == 0) pZY = eD64 * (n * dtTauI);
  else if (hTauI > 0) pZY = eD64 * (-Math.expm1(-(n * dtH)) / h);
  else pZY = Math.exp(-(n * dtTauI)) * (Math.expm1(n * dtH) / h);
  return zA * <f32>eD64 + yA * <f32>pZY;
}

/**
 * Three-state x: (1 - y) - z, at least 0. y and z are rounded apart, so y + z can pass 1 by a few
 * ulps where x is near 0 (with a tauInact of some 1e5 dt or more: y hardly decays in float32 while z
 * grows), which would leave x slightly below 0.
 */
@inline export function threeStateX(y: f32, z: f32): f32 {
  return max<f32>((<f32>1 - y) - z, 0);
}
