// The rate sweep's chart: post/pre (solid) and the efficacy per spike (dashed, hollow markers)
// against the input rate on a log axis ticked 1-2-5, each with a +-1 SEM band over the trials, one
// hue per synapse (STF, STD, a custom one), and the reference line at ratio 1. A grid's charts: the
// same two quantities in two panels, one line per combination of the varied values.
import { PALETTE, type XYChartData } from "./chart.js";
import { PRESETS } from "../experiments/lesson.js";
import type { RateSweepRow } from "../experiments/sweep.js";

/** "stf" or "std" when a synapse has that preset's U, tauF and tauD, else "custom": its colour. */
export function presetKind(o: { resources: number; tauF: number; tauD: number }): "stf" | "std" | "custom" {
  for (const [name, p] of Object.entries(PRESETS)) {
    if (p.resources === o.resources && p.tauF === o.tauF && p.tauD === o.tauD) return name as "stf" | "std";
  }
  return "custom";
}

/** One sweep to draw: a label and its rows so far (rows of rates not yet run are left out). */
export interface SweepChartSet {
  label: string;
  /** A short name for the legend when several sets are drawn, e.g. "STF" (default: label). */
  name?: string;
  /** Which synapse, for its colour: the STF or STD preset's parameters, or others (default custom). */
  kind?: "stf" | "std" | "custom";
  rates: number[];
  rows: RateSweepRow[];
}

/** The sweep chart's data, for renderXYChart. */
export function sweepChartData(sets: SweepChartSet[], title = "rate sweep"): XYChartData {
  const x = [...new Set(sets.flatMap((s) => s.rates))].sort((a, b) => a - b);
  const at = (rows: RateSweepRow[], pick: (r: RateSweepRow) => number) =>
    x.map((rate) => {
      const row = rows.find((r) => r.rateHz === rate);
      return row && Number.isFinite(pick(row)) ? pick(row) : null;
    });
  const band = (rows: RateSweepRow[], mean: (r: RateSweepRow) => number, sem: (r: RateSweepRow) => number, sign: number) =>
    at(rows, (r) => (Number.isFinite(sem(r)) ? mean(r) + sign * sem(r) : NaN));
  return {
    title, x, xLabel: "input rate (Hz)", yLabel: "fraction", logX: x[0] > 0, yRange: [0, 1],
    refLines: [{ y: 1, label: "ratio 1" }],
    series: sets.flatMap((s) => {
      const stroke = PALETTE[s.kind ?? "custom"];
      const of = sets.length > 1 ? `, ${s.name ?? s.label}` : "";
      const ratio = (r: RateSweepRow) => r.transmissionRatio;
      const ratioSem = (r: RateSweepRow) => r.transmissionRatioSem;
      const eff = (r: RateSweepRow) => r.efficacyPerSpike;
      const effSem = (r: RateSweepRow) => r.efficacyPerSpikeSem;
      return [
        { label: `post/pre${of}`, values: at(s.rows, ratio), stroke, band: { lo: band(s.rows, ratio, ratioSem, -1), hi: band(s.rows, ratio, ratioSem, 1), label: `\u00b11 SEM${of}` } },
        { label: `efficacy u\u00b7x per spike${of}`, values: at(s.rows, eff), stroke, dash: [6, 4], hollow: true, band: { lo: band(s.rows, eff, effSem, -1), hi: band(s.rows, eff, effSem, 1), label: "" } },
      ];
    }),
  };
}

/** Lines a grid's charts draw at most: each hue of PALETTE.sets solid, then dashed. */
export const GRID_LINES = 2 * PALETTE.sets.length;

/** A grid line's colour and dash: the set's own hue when it has a kind, else PALETTE.sets in order. */
export function gridLineStyle(index: number, kind?: "stf" | "std" | "custom"): { stroke: string; dash?: number[] } {
  if (kind) return { stroke: PALETTE[kind] };
  const n = PALETTE.sets.length;
  return { stroke: PALETTE.sets[index % n], ...(Math.floor(index / n) % 2 === 1 ? { dash: [6, 4] } : {}) };
}

/**
 * A grid's two charts, post/pre (with the line at ratio 1) and the efficacy per spike, against the
 * input rate on a log axis: one line per set (the first GRID_LINES sets; its label names the set's
 * varied values), each with a +-1 SEM band. Sets with a kind take its hue (a grid that varies the
 * preset alone); others the hues of PALETTE.sets.
 */
export function gridChartData(sets: SweepChartSet[]): [XYChartData, XYChartData] {
  const shown = sets.slice(0, GRID_LINES);
  const x = [...new Set(shown.flatMap((s) => s.rates))].sort((a, b) => a - b);
  const at = (rows: RateSweepRow[], pick: (r: RateSweepRow) => number) =>
    x.map((rate) => {
      const row = rows.find((r) => r.rateHz === rate);
      return row && Number.isFinite(pick(row)) ? pick(row) : null;
    });
  const hasSem = (sem: (r: RateSweepRow) => number) => shown.some((s) => s.rows.some((r) => Number.isFinite(sem(r))));
  const chart = (title: string, yLabel: string, mean: (r: RateSweepRow) => number, sem: (r: RateSweepRow) => number): XYChartData => {
    const bands = hasSem(sem);
    return {
      title, x, xLabel: "input rate (Hz)", yLabel, logX: x[0] > 0, yRange: [0, 1],
      series: shown.map((s, i) => ({
        label: s.name ?? s.label, values: at(s.rows, mean), ...gridLineStyle(i, s.kind),
        ...(bands ? { band: {
          lo: at(s.rows, (r) => (Number.isFinite(sem(r)) ? mean(r) - sem(r) : NaN)),
          hi: at(s.rows, (r) => (Number.isFinite(sem(r)) ? mean(r) + sem(r) : NaN)),
          label: "",
        } } : {}),
      })),
      ...(bands ? { bandKey: "shaded: \u00b11 SEM" } : {}),
    };
  };
  const ratio = chart("post/pre (transmission ratio)", "post/pre", (r) => r.transmissionRatio, (r) => r.transmissionRatioSem);
  ratio.refLines = [{ y: 1, label: "ratio 1" }];
  return [ratio, chart("efficacy u\u00b7x per spike", "u\u00b7x per spike", (r) => r.efficacyPerSpike, (r) => r.efficacyPerSpikeSem)];
}
