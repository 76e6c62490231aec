// The sweep grid's figure and report (issue 13's conventions applied to issue 16's grids): two
// charts (post/pre with the line at ratio 1, efficacy per spike), one line per combination of the
// varied values in the grid's hues (then dashed), +-1 SEM bands equal to the rows' SEMs, a preset
// grid in the STF and STD hues, parameters folded, CSS scoped, and the charts' data equal to the rows.
import { describe, expect, it } from "vitest";
import { PALETTE, type XYChartData } from "../src/present/chart.js";
import { GRID_LINES, gridChartData, gridLineStyle, type SweepChartSet } from "../src/present/sweepFigure.js";
import { gridReportHtml, gridSets } from "../src/present/gridReport.js";
import { sweepGrid } from "../src/experiments/grid.js";
import type { RateSweepRow } from "../src/experiments/sweep.js";

const row = (rateHz: number, ratio: number, eff: number, sem: number): RateSweepRow => ({
  rateHz, trials: 2, preSpikes: 1, postSpikes: ratio, transmissionRatio: ratio, efficacyPerSpike: eff, transmissionRatioSem: sem, efficacyPerSpikeSem: sem / 4,
});

/** The charts a grid report embeds. */
function chartsOf(html: string): XYChartData[] {
  return JSON.parse(/const gridCharts = (\[.*\]);/.exec(html)![1]);
}

describe("gridChartData", () => {
  it("post/pre and efficacy in two charts, one line per set in the grid's hues (solid, then dashed), bands of +-1 SEM", () => {
    const sets: SweepChartSet[] = Array.from({ length: 14 }, (_, i) => ({
      label: `tauF = ${100 * (i + 1)}`, rates: [5, 50], rows: [row(5, i / 20, i / 40, 0.01), row(50, 1 - i / 20, 0.5, NaN)],
    }));
    const [ratio, eff] = gridChartData(sets);
    expect(GRID_LINES).toBe(2 * PALETTE.sets.length);
    for (const c of [ratio, eff]) {
      expect(c.series.length).toBe(GRID_LINES); // the first 12 of 14
      expect(c.series.map((s) => s.label)).toEqual(sets.slice(0, GRID_LINES).map((s) => s.label));
      expect(c.series.map((s) => s.stroke)).toEqual([...PALETTE.sets, ...PALETTE.sets]);
      expect(c.series.map((s) => s.dash ?? null)).toEqual([...PALETTE.sets.map(() => null), ...PALETTE.sets.map(() => [6, 4])]);
      expect(c.logX).toBe(true);
      expect(c.x).toEqual([5, 50]);
      expect(c.bandKey).toBe("shaded: \u00b11 SEM");
      expect(c.series.every((s) => s.band?.label === "")).toBe(true);
    }
    expect(ratio.refLines).toEqual([{ y: 1, label: "ratio 1" }]);
    expect(eff.refLines).toBeUndefined();
    expect(ratio.series[3].values).toEqual([3 / 20, 1 - 3 / 20]);
    expect(ratio.series[3].band).toEqual({ lo: [3 / 20 - 0.01, null], hi: [3 / 20 + 0.01, null], label: "" }); // no SEM at 50 Hz: a gap
    expect(eff.series[3].values).toEqual([3 / 40, 0.5]);
    expect(eff.series[3].band!.hi[0]).toBeCloseTo(3 / 40 + 0.0025, 15);
  });

  it("no band and no band key when no row has a standard error (one trial per row)", () => {
    const [ratio] = gridChartData([{ label: "a", rates: [1], rows: [row(1, 0.5, 0.5, NaN)] }]);
    expect(ratio.series[0].band).toBeUndefined();
    expect(ratio.bandKey).toBeUndefined();
  });

  it("a set with a kind takes its synapse's hue", () => {
    expect(gridLineStyle(0, "std")).toEqual({ stroke: PALETTE.std });
    expect(gridLineStyle(1, "stf")).toEqual({ stroke: PALETTE.stf });
    expect(gridLineStyle(7)).toEqual({ stroke: PALETTE.sets[1], dash: [6, 4] });
  });
});

describe("the grid's report", () => {
  it("its charts hold the rows' numbers, one line per combination in row order; counts, notes, parameters folded, table", async () => {
    const result = await sweepGrid({ trials: 3, steps: 400, seed: 9, vary: { tauF: [100, 1000], resources: [0.1, 0.5] }, rates: [5, 20, 50] });
    const html = gridReportHtml(result, "grid");
    const [ratio, eff] = chartsOf(html);
    expect(ratio.series.map((s) => s.label)).toEqual(["tauF = 100, resources = 0.1", "tauF = 100, resources = 0.5", "tauF = 1000, resources = 0.1", "tauF = 1000, resources = 0.5"]);
    const finite = (v: number) => (Number.isFinite(v) ? v : null);
    for (let p = 0; p < 4; p++) {
      const rows = result.rows.slice(3 * p, 3 * p + 3);
      expect(ratio.series[p].values).toEqual(rows.map((r) => finite(r.transmissionRatio)));
      expect(eff.series[p].values).toEqual(rows.map((r) => finite(r.efficacyPerSpike)));
      expect(ratio.series[p].band!.hi).toEqual(rows.map((r) => (Number.isFinite(r.transmissionRatioSem) ? r.transmissionRatio + r.transmissionRatioSem : null)));
      expect(ratio.series[p].stroke).toBe(PALETTE.sets[p]);
    }
    expect(html).toContain("12 rows: 4 combinations of tauF, resources at 3 input rates, 3 trials per row.");
    expect(html).toContain("Shaded: \u00b11 SEM over the trials of a row");
    expect(html).toMatch(/<details class="stp-params"><summary>The grid and its parameters<\/summary>/);
    expect(html).toContain("<h2>The numbers</h2>");
    expect(html.match(/<tr><td>/g)?.length).toBe(12);
    // the report's own CSS is scoped to its classes (the same stylesheet as every report)
    const style = html.slice(html.indexOf("body.stp-report"), html.indexOf("</style>"));
    for (const rule of style.split("}").map((r) => r.replace(/^\s*@media[^{]*\{/, "").trim()).filter((r) => r.includes("{"))) {
      for (const sel of rule.slice(0, rule.indexOf("{")).split(",")) expect(sel.trim(), rule).toMatch(/^(body\.stp-report|\.stp-)/);
    }
  });

  it("a grid of the preset alone draws STF and STD in their hues; one trial per row draws no band and says why", async () => {
    const result = await sweepGrid({ trials: 1, steps: 300, seed: 3, vary: { preset: ["std", "stf"] }, rates: [5, 40] });
    expect(gridSets(result).map((s) => s.kind)).toEqual(["std", "stf"]);
    const html = gridReportHtml(result, "presets");
    const [ratio] = chartsOf(html);
    expect(ratio.series.map((s) => [s.label, s.stroke])).toEqual([["preset = std", PALETTE.std], ["preset = stf", PALETTE.stf]]);
    expect(ratio.series.every((s) => s.band === undefined)).toBe(true);
    expect(html).toContain("No bands: a row of one trial has no standard error.");
    // the preset with U given: no longer the preset's synapse, the custom hue
    const custom = await sweepGrid({ trials: 1, steps: 300, seed: 3, resources: 0.3, vary: { preset: ["std", "stf"] }, rates: [5] });
    expect(gridSets(custom).map((s) => s.kind)).toEqual(["custom", "custom"]);
  });

  it("more combinations than lines: the charts draw the first ones and say so; the table holds every row", async () => {
    const result = await sweepGrid({ trials: 2, steps: 100, seed: 1, vary: { tauF: Array.from({ length: 14 }, (_, i) => 50 * (i + 1)) }, rates: [10] });
    const html = gridReportHtml(result, "many");
    expect(chartsOf(html)[0].series.length).toBe(GRID_LINES);
    expect(html).toContain(`The charts draw the first ${GRID_LINES} of the 14 combinations; the table below holds every row.`);
    expect(html).toContain("after six colours, the same colours dashed");
    expect(html.match(/<tr><td>/g)?.length).toBe(14);
  });
});
