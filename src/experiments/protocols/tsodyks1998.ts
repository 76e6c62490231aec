// Tsodyks, Pawelzik & Markram (1998), "Neural networks with dynamic synapses", Neural Computation
// 10:821-835, Fig. 1: a 20 Hz train through a depressing (A) and a facilitating (B) synapse onto a
// subthreshold LIF neuron with exponential synaptic currents; the paper's three-state resources
// (recovered x, active y, inactive z; tau_inact = the current's time constant).
//
// Comparison numbers: NEST's regression values for this figure, the membrane potential every
// 25 ms, from nest-simulator testsuite/unittests/test_tsodyks_depressing.sli (Fig. 1A) and
// test_tsodyks_facilitating.sli (Fig. 1B) (M. Diesmann, M. Helias 2006; revised by H. E. Plesser
// 2016), printed there to 6 significant digits. The parameters are the ones those tests state; they
// use R = 1 GOhm in both panels (Brian2's example of this figure gives the paper's R_in = 100 MOhm
// for panel A). Spikes reach the neuron 1.1 ms after the generator's times (1 ms to a parrot
// neuron, 0.1 ms to the target), which is when our spike trains deliver them.
import { StpOptionError } from "../../core/errors.js";
import { num } from "../../core/checks.js";
import { simulate } from "../../simulation.js";

export interface Tpm1998Params {
  /** Membrane time constant (ms), input resistance (GOhm: pA -> mV). */
  tauM: number;
  resistM: number;
  /** Current and inactivation time constant (ms). */
  tauSyn: number;
  /** Recovery and facilitation time constants (ms), utilisation U, absolute strength A (pA). */
  tauRec: number;
  tauFacil: number;
  U: number;
  A: number;
  /** Arrival times at the neuron (ms). */
  times: number[];
}

/** Spike times on NEST's 0.1 ms grid, in tenths of a ms: first + k * step, k < n. */
const tenths = (first: number, step: number, n: number) => Array.from({ length: n }, (_, k) => (first + k * step) / 10);

export const TPM1998_PANELS: Record<"A" | "B", { title: string; params: Tpm1998Params; nestV: number[] }> = {
  A: {
    title: "Fig. 1A: depressing synapse, 20 Hz",
    // generator at 98, 148, ..., 1048 ms; + 1.1 ms delay
    params: { tauM: 40, resistM: 1, tauSyn: 3, tauRec: 800, tauFacil: 0, U: 0.5, A: 250, times: tenths(991, 500, 20) },
    nestV: [
      0, 0, 0, 2.40135, 5.30244, 4.10833, 4.32217, 3.05339, 2.87124, 2.02864, 1.90802, 1.39696, 1.37585, 1.05778,
      1.10349, 0.886569, 0.969353, 0.802876, 0.904671, 0.762688, 0.873855, 0.743588, 0.859278, 0.734567,
      0.852412, 0.730321, 0.849186, 0.728328, 0.847673, 0.727393, 0.846964, 0.726955, 0.846632, 0.72675,
      0.846476, 0.726654, 0.846403, 0.726609, 0.846369, 0.726588, 0.846353, 0.726578, 0.846346, 0.453126,
      0.242541, 0.129823, 0.0694892,
    ],
  },
  B: {
    title: "Fig. 1B: facilitating synapse, 20 Hz",
    // generator at 98.1 + 50.1 k ms, k = 0..19; + 1.1 ms delay
    params: { tauM: 60, resistM: 1, tauSyn: 1.5, tauRec: 130, tauFacil: 530, U: 0.03, A: 1540, times: tenths(992, 501, 20) },
    nestV: [
      0, 0, 0, 0.473975, 0.770603, 1.29712, 1.75799, 2.11442, 2.71449, 2.78553, 3.54615, 3.27271, 4.23324,
      3.58307, 4.78813, 3.73956, 5.23385, 3.76723, 5.59389, 3.68772, 5.88827, 3.88179, 6.13258, 4.04285,
      6.33843, 4.17855, 6.51425, 4.29446, 6.66616, 4.3946, 6.79862, 4.48193, 6.91499, 4.55864, 7.01783,
      4.62644, 7.10916, 4.68665, 7.19062, 4.74035, 7.26356, 4.78843, 7.32911, 4.83165, 3.18522, 2.09983,
      1.38429,
    ],
  },
};

/** NEST samples v every 25 ms, from 25 to 1175 ms; the run lasts 1200 ms. */
export const TPM1998_SAMPLE_MS = 25;
export const TPM1998_DURATION_MS = 1200;

export interface Tpm1998Panel {
  name: "A" | "B";
  title: string;
  params: Tpm1998Params;
  /** Every step: t (ms), v (mV), synaptic current (pA), x (recovered resources). */
  t: Float64Array;
  v: Float32Array;
  iSyn: Float32Array;
  x: Float32Array;
  /** NEST's samples and ours at the same times, and the largest difference (mV). */
  sampleT: number[];
  nestV: number[];
  ourV: number[];
  maxAbsError: number;
}

/** Reproduce Fig. 1A and 1B at step dt (ms; a divisor of 0.1 ms, default 0.1). */
export async function tsodyks1998(options: { dt?: number } = {}): Promise<Tpm1998Panel[]> {
  if (options === null || typeof options !== "object") throw new StpOptionError("options", options, "an object {dt?}");
  for (const key of Object.keys(options)) if (key !== "dt") throw new StpOptionError(key, (options as Record<string, unknown>)[key], "dt", "unknown option");
  const dt = num("dt", options.dt ?? 0.1, { min: 0, minExclusive: true, max: 0.1 });
  const k = Math.round(0.1 / dt);
  if (Math.abs(k * dt - 0.1) > 1e-12) throw new StpOptionError("dt", dt, "0.1 / k ms for a whole k (0.1, 0.05, 0.025, ...)", "NEST's spike times lie on a 0.1 ms grid");
  const steps = Math.round(TPM1998_DURATION_MS / dt);
  return Promise.all((["A", "B"] as const).map(async (name) => {
    const { title, params: p, nestV } = TPM1998_PANELS[name];
    const res = await simulate({
      steps, dt,
      populations: [
        { type: "spikeTrain", name: "pre", times: p.times },
        {
          type: "lif", name: "post", tauM: p.tauM, resistM: p.resistM, vRest: 0, vReset: 0, thr: 15, refractTime: 2,
          tauTheta: 0, thetaPlus: 0, conductLeak: 1, integration: "exact", tauSyn: p.tauSyn,
        },
      ],
      synapses: [{
        name: "W", pre: "pre", post: "post", weights: p.A, resources: p.U, tauF: p.tauFacil, tauD: p.tauRec,
        tauInact: p.tauSyn, integration: "exact",
      }],
      record: [{ name: "post", vars: ["v", "isyn"] }, { name: "W", vars: ["x"] }],
    });
    const v = res.records.post.v.data as Float32Array;
    const sampleT = nestV.map((_, i) => (i + 1) * TPM1998_SAMPLE_MS);
    const ourV = sampleT.map((t) => v[Math.round(t / dt) - 1]);
    return {
      name, title, params: p,
      t: Float64Array.from({ length: steps }, (_, i) => (i + 1) * dt),
      v, iSyn: res.records.post.isyn.data as Float32Array, x: res.records.W.x.data as Float32Array,
      sampleT, nestV, ourV, maxAbsError: Math.max(...ourV.map((o, i) => Math.abs(o - nestV[i]))),
    };
  }));
}
