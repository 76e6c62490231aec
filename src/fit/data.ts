// A data set to fit: sweeps of presynaptic spike times (ms) and the PSC amplitude each evoked
// (NaN = missing). Each sweep starts from rest. Checked here when given as objects; the CSV reader
// (csv.ts) checks the file and names its lines and columns.
import { StpOptionError } from "../core/errors.js";

/** One sweep: spike times in ms, strictly increasing, >= 0; one amplitude per spike (NaN = missing). */
export interface Sweep {
  /** The sweep's label (the CSV's `sweep` column). */
  name: string;
  t: number[];
  amplitude: number[];
  /** For a sweep read from a CSV: the file's line of each spike (1-based). */
  lines?: number[];
}

export interface TrainData {
  sweeps: Sweep[];
}

/** The spikes of every sweep one after another, as the kernel reads them. */
export interface FlatTrains {
  /** ms since the sweep's previous spike; +Infinity at a sweep's first spike (rest). */
  dts: Float64Array;
  /** Amplitudes, NaN where missing. */
  amps: Float64Array;
  /** The sweep (index into TrainData.sweeps) of each spike. */
  sweepOf: Int32Array;
}

/** The spikes one after another; dts from the times. */
export function flatten(data: TrainData): FlatTrains {
  const n = data.sweeps.reduce((s, w) => s + w.t.length, 0);
  const dts = new Float64Array(n);
  const amps = new Float64Array(n);
  const sweepOf = new Int32Array(n);
  let k = 0;
  data.sweeps.forEach((w, i) => {
    w.t.forEach((t, j) => {
      dts[k] = j === 0 ? Infinity : t - w.t[j - 1];
      amps[k] = w.amplitude[j];
      sweepOf[k] = i;
      k++;
    });
  });
  return { dts, amps, sweepOf };
}

/** Amplitudes that are numbers (not missing). */
export function presentCount(data: TrainData): number {
  return data.sweeps.reduce((s, w) => s + w.amplitude.filter((a) => !Number.isNaN(a)).length, 0);
}

/**
 * Check a data set given as objects (errors name `sweeps[i].t[k]` and the like): at least one
 * sweep; each with a name, at least one spike, times finite, >= 0 and strictly increasing,
 * amplitudes finite or NaN (missing), at least one amplitude per sweep.
 */
export function checkTrainData(data: unknown): TrainData {
  const bad = (option: string, value: unknown, allowed: string, detail?: string): never => { throw new StpOptionError(option, value, allowed, detail); };
  if (data === null || typeof data !== "object" || !Array.isArray((data as TrainData).sweeps)) bad("data", data, "an object { sweeps: [{ name, t, amplitude }, ...] }");
  const sweeps = (data as TrainData).sweeps;
  if (sweeps.length === 0) bad("data.sweeps", sweeps, "at least one sweep");
  sweeps.forEach((w, i) => {
    const at = `data.sweeps[${i}]`;
    if (w === null || typeof w !== "object") bad(at, w, "{ name, t, amplitude }");
    if (typeof w.name !== "string" || w.name === "") bad(`${at}.name`, w.name, "a non-empty label");
    if (!Array.isArray(w.t) || w.t.length === 0) bad(`${at}.t`, w.t, "a non-empty list of spike times in ms");
    if (!Array.isArray(w.amplitude) || w.amplitude.length !== w.t.length) bad(`${at}.amplitude`, w.amplitude, `a list of ${w.t.length} amplitudes (NaN = missing), one per spike`);
    w.t.forEach((t, k) => {
      if (typeof t !== "number" || !Number.isFinite(t) || t < 0) bad(`${at}.t[${k}]`, t, "a time in ms, finite and >= 0");
      if (k > 0 && !(t > w.t[k - 1])) bad(`${at}.t[${k}]`, t, `a time after the previous one, ${w.t[k - 1]} ms`, "times within a sweep must increase");
    });
    w.amplitude.forEach((a, k) => {
      if (typeof a !== "number" || (!Number.isFinite(a) && !Number.isNaN(a))) bad(`${at}.amplitude[${k}]`, a, "a finite number, or NaN for a missing amplitude");
    });
    if (w.amplitude.every((a) => Number.isNaN(a))) bad(`${at}.amplitude`, w.amplitude, "at least one amplitude that is not missing", "a sweep with no amplitude tells nothing");
  });
  return data as TrainData;
}
