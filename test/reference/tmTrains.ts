// The classic Tsodyks-Markram recursion at the spikes of PSC trains, in float64, as the fit's kernel
// (assembly/fit/trains.ts) states it, operation for operation; with Math.exp for the exponentials.
// Used only by tests.
import type { TrainData } from "../../src/fit/data.js";

/** Predicted amplitudes p_k (A = 1) of every spike of every sweep, one after another. */
export function tmTrainAmplitudes(data: TrainData, U: number, tauF: number, tauD: number): number[] {
  const out: number[] = [];
  for (const w of data.sweeps) {
    let u = 0;
    let R = 1;
    w.t.forEach((t, k) => {
      const D = k === 0 ? Infinity : t - w.t[k - 1];
      const eF = Math.exp(-(D / tauF));
      const eD = Math.exp(-(D / tauD));
      const q = 1 - u;
      u = U + ((u * (1 - U)) * eF);
      R = (R * (q * eD)) + (1 - eD);
      out.push(u * R);
    });
  }
  return out;
}

/** The form: u_1 = U, R_1 = 1, u_{k+1} = U + u_k (1 - U) e^(-D/tauF), R_{k+1} = 1 + (R_k - u_k R_k - 1) e^(-D/tauD). */
export function tmTrainAmplitudesTextbook(data: TrainData, U: number, tauF: number, tauD: number): number[] {
  const out: number[] = [];
  for (const w of data.sweeps) {
    let u = U;
    let R = 1;
    w.t.forEach((t, k) => {
      if (k > 0) {
        const D = t - w.t[k - 1];
        const eF = tauF > 0 ? Math.exp(-D / tauF) : 0;
        const eD = tauD > 0 ? Math.exp(-D / tauD) : 0;
        const uNext = U + u * (1 - U) * eF;
        R = 1 + (R - u * R - 1) * eD;
        u = uNext;
      }
      out.push(u * R);
    });
  }
  return out;
}
