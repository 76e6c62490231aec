// The rate-sweep protocol: steady-state efficacy per spike and post/pre against the input rate.
// The sweep itself has one home, rateSweep in src/sweep.ts (issue 4); this file forwards to it and
// draws its rows.
//
// MERGE (issue 6 was built before src/sweep.ts existed): replace loadRateSweep() by
//   import { rateSweep, type RateSweepOptions, type RateSweepResult } from "../sweep.js";
// and delete the three types below, which restate the interface agreed with issue 4.
import { StpOptionError } from "../errors.js";
import type { LessonOptions } from "../lesson.js";
import { table } from "../table.js";
import { protocolPage, type ProtocolReport } from "./report.js";

/** rateSweep's options: the lesson's, less rateHz and spikeTimes, plus the rates (Hz) and trials. */
export type RateSweepOptions = Omit<LessonOptions, "rateHz" | "spikeTimes"> & { rates?: number[]; trials?: number };
/** One rate: spikes over its trials, post / pre, and the mean u x over every presynaptic spike. */
export interface RateSweepRow {
  rateHz: number;
  trials: number;
  preSpikes: number;
  postSpikes: number;
  transmissionRatio: number;
  efficacyPerSpike: number;
}
export interface RateSweepResult {
  rows: RateSweepRow[];
}

/** rateSweep from src/sweep.ts, loaded when first asked for. */
export async function loadRateSweep(): Promise<(options: RateSweepOptions) => Promise<RateSweepResult>> {
  const path = "../sweep.js"; // a variable, so that this build compiles without the file
  try {
    return ((await import(path)) as { rateSweep: (options: RateSweepOptions) => Promise<RateSweepResult> }).rateSweep;
  } catch {
    throw new StpOptionError("protocol", "rate-sweep", "paired-pulse, train-recovery or tsodyks1998 in this build",
      "the rate sweep is rateSweep in src/sweep.ts (issue 4), which this build does not contain");
  }
}

export function rateSweepReport(r: RateSweepResult): ProtocolReport {
  const header = ["rate (Hz)", "trials", "pre spikes", "post spikes", "post/pre", "u x per spike"];
  const cells = r.rows.map((w) => [String(w.rateHz), String(w.trials), String(w.preSpikes), String(w.postSpikes), w.transmissionRatio.toFixed(4), w.efficacyPerSpike.toFixed(6)]);
  const text = `rate sweep: post/pre and the mean efficacy u x per presynaptic spike against the input rate\n\n${table(header, cells, 0)}`;
  const x = r.rows.map((w) => w.rateHz);
  const html = protocolPage("Efficacy and transmission against input rate", r.rows.map((w): [string, string] => [
    `${w.rateHz} Hz`, `post/pre ${w.transmissionRatio.toFixed(4)}, u x per spike ${w.efficacyPerSpike.toFixed(6)} (${w.trials} trials)`,
  ]), ["post/pre = post spikes / pre spikes; u x per spike is the mean over every presynaptic spike of every trial."], [
    { title: "efficacy per presynaptic spike", x, xLabel: "input rate (Hz)", yLabel: "mean u x", logX: true, series: [{ label: "u x", y: r.rows.map((w) => w.efficacyPerSpike), color: "#1f77b4", style: "both" }] },
    { title: "transmission: post / pre", x, xLabel: "input rate (Hz)", yLabel: "post / pre", logX: true, series: [{ label: "post / pre", y: r.rows.map((w) => w.transmissionRatio), color: "#d62728", style: "both" }] },
  ]);
  return { text, html };
}
