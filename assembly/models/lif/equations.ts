// The LIF neuron's equations (docs/MODEL.md), generic over T (f32, or a v128 of four units:
// engine/lanes.ts) so that the SIMD and the scalar loops of step.ts share them:
//   tauM dv/dt = (vRest - v) * gL + drive,   drive = R * (input or current) while not refractory
// integrated by forward Euler, the explicit midpoint method (RK2) or exact propagators.
import { add, mul, pick, sub } from "../../engine/lanes";

/** dv/dt in mV/ms: ((vRest - v) * gL + drive) * (1 / tauM). */
@inline export function dvdt<T>(v: T, drive: T, vRest: T, gL: T, invTauM: T): T {
  return mul(add(mul(sub(vRest, v), gL), drive), invTauM);
}

/** Forward Euler: v + dvdt(v) * dt. */
@inline export function eulerV<T>(v: T, drive: T, vRest: T, gL: T, invTauM: T, dt: T): T {
  return add(v, mul(dvdt<T>(v, drive, vRest, gL, invTauM), dt));
}

/** Explicit midpoint: vh = v + dvdt(v) * (dt / 2); v + dvdt(vh, the mid-step drive) * dt. */
@inline export function midpointV<T>(v: T, drive: T, driveHalf: T, vRest: T, gL: T, invTauM: T, halfDt: T, dt: T): T {
  const vh = add(v, mul(dvdt<T>(v, drive, vRest, gL, invTauM), halfDt));
  return add(v, mul(dvdt<T>(vh, driveHalf, vRest, gL, invTauM), dt));
}

/** Exact propagators: (vRest + (v - vRest) * p22) + drive * p21 (the host computes p22 and p21). */
@inline export function exactV<T>(v: T, drive: T, vRest: T, p22: T, p21: T): T {
  return add(add(vRest, mul(sub(v, vRest), p22)), mul(drive, p21));
}

/** The synaptic current at the end of the step: it decays, then this step's input arrives. */
@inline export function decayCurrent<T>(iSyn: T, decay: T, input: T): T {
  return add(mul(iSyn, decay), input);
}

/** The adaptive threshold after the step: theta * decay, plus thetaPlus where the unit spiked. */
@inline export function adaptTheta<T>(theta: T, decay: T, plus: T, spiked: T): T {
  const decayed = mul(theta, decay);
  return pick(spiked, add(decayed, plus), decayed);
}
