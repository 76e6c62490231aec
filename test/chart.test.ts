// The figures' pieces that need no browser (issue 13): the reduction of a trace to its pixel
// columns (every column's smallest and largest sample, read incrementally, at most 2 per column),
// the ticks (1-2-5 per decade on log axes, at least 3 on linear ones, labels without float noise),
// the histograms of multi-trial runs, and the reports' HTML: the parameters folded, the counts beside
// the figure, every trial's distribution, no unscoped CSS, and a sweep note that says what the
// numbers show (its facilitating curve peaks, it does not grow).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  chartScript, columnIndices, histogram, INTEGER_BINS, linearTicks, logTicks125, newColumns, PALETTE, scanColumns, tickLabel, xyLegendKeys,
} from "../src/present/chart.js";
import { lessonReportHtml, sweepReportHtml, sweepShape, tableHtml } from "../src/present/report.js";
import { runLesson } from "../src/experiments/lesson.js";
import { rateSweep, type RateSweepRow } from "../src/experiments/sweep.js";
import { pairedPulseReport } from "../src/present/protocolReports.js";
import { pairedPulse } from "../src/experiments/protocols/pairedPulse.js";

describe("pixel columns", () => {
  it("keep every column's smallest and largest sample, in time order, at most 2 per column, read in any chunks", () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 400 }),
      fc.integer({ min: 1, max: 60 }),
      fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
      (y, columns, cuts) => {
        const whole = newColumns(0, y.length, columns);
        scanColumns(whole, y, y.length);
        // the same samples arriving in chunks
        const parts = newColumns(0, y.length, columns);
        let done = 0;
        for (const c of [...cuts, y.length]) {
          done = Math.min(y.length, done + c);
          scanColumns(parts, y, done);
        }
        const idx = columnIndices(whole);
        expect(columnIndices(parts)).toEqual(idx);
        expect(idx.length).toBeLessThanOrEqual(2 * columns);
        expect([...idx].sort((a, b) => a - b)).toEqual(idx); // time order
        // column k holds samples [floor(k n / columns), floor((k + 1) n / columns)): its min and max are drawn
        for (let k = 0; k < columns; k++) {
          const a = Math.ceil((k * y.length) / columns);
          const b = Math.ceil(((k + 1) * y.length) / columns);
          if (a >= b) continue;
          const slice = y.slice(a, b);
          const drawn = idx.filter((i) => i >= a && i < b).map((i) => y[i]);
          expect(drawn).toContain(Math.min(...slice));
          expect(drawn).toContain(Math.max(...slice));
          expect(drawn.length).toBeLessThanOrEqual(2);
        }
      },
    ), { numRuns: 200, seed: 13 });
  });

  it("spikes: the first spike of each column, one per column", () => {
    const s = new Uint8Array(100);
    for (const i of [3, 7, 8, 55, 99]) s[i] = 1;
    const c = newColumns(0, 100, 10, true);
    scanColumns(c, s, 100);
    expect(columnIndices(c)).toEqual([3, 55, 99]);
    const d = newColumns(20, 60, 4, true); // a zoomed view: samples 20..59 only
    scanColumns(d, s, 100);
    expect(columnIndices(d)).toEqual([55]);
  });
});

describe("ticks", () => {
  it("log axes: 1, 2 and 5 in each decade within the range", () => {
    expect(logTicks125(1, 100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks125(4, 2400)).toEqual([5, 10, 20, 50, 100, 200, 500, 1000, 2000]);
    expect(logTicks125(0.02, 0.3)).toEqual([0.02, 0.05, 0.1, 0.2]);
    expect(logTicks125(0, 10)).toEqual([]);
  });

  it("linear axes: at least 3 ticks on nice steps; labels without float noise, with a minus sign", () => {
    expect(linearTicks(-70, -50)).toEqual([-70, -60, -50]);
    expect(linearTicks(0, 1)).toEqual([0, 0.5, 1]);
    expect(linearTicks(-70, -50, 4, 6)).toEqual([-70, -65, -60, -55, -50]);
    fc.assert(fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (lo, span) => {
      const ticks = linearTicks(lo, lo + span);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
    }), { numRuns: 300, seed: 5 });
    expect(tickLabel(0.1 + 0.2)).toBe("0.3");
    expect(tickLabel(-60)).toBe("\u221260");
    expect(tickLabel(null)).toBe("");
  });
});

describe("histograms", () => {
  it("whole numbers one bin each; otherwise equal bins whose counts add up", () => {
    expect(histogram([3, 5, 5, 4, 5], true)).toEqual({ x: [3, 4, 5], counts: [1, 1, 3], width: 1 });
    const h = histogram([0.1, 0.2, 0.25, 0.9, NaN], false, 4);
    expect(h.counts).toEqual([3, 0, 0, 1]);
    expect(h.width).toBeCloseTo(0.2, 12);
    expect(h.x.map((v) => Number(v.toFixed(9)))).toEqual([0.2, 0.4, 0.6, 0.8]); // bin centres
  });

  it("whole numbers over a wide span: bins of a whole number of values, each value counted once in the bin around it", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -500, max: 5000 }), { minLength: 1, maxLength: 300 }), (values) => {
      const h = histogram(values, true);
      const lo = Math.min(...values);
      const span = Math.max(...values) - lo + 1;
      expect(h.x.length).toBeLessThanOrEqual(INTEGER_BINS);
      expect(Number.isInteger(h.width)).toBe(true);
      expect(h.width).toBe(span <= INTEGER_BINS ? 1 : Math.ceil(span / INTEGER_BINS));
      expect(h.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
      // bin k holds lo + k w ... lo + k w + w - 1, its centre halfway
      const expected = h.x.map(() => 0);
      for (const v of values) expected[Math.floor((v - lo) / h.width)]++;
      expect(h.counts).toEqual(expected);
      h.x.forEach((x, k) => expect(x).toBe(lo + k * h.width + (h.width - 1) / 2));
    }), { numRuns: 200, seed: 17 });
  });

  it("200,000 trials: no value spread onto the stack (a run of 130,000 trials once overflowed it)", () => {
    const values = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 1201);
    const h = histogram(values, true);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(200_000);
    expect(h.width).toBe(Math.ceil(1201 / INTEGER_BINS));
    const r = histogram(values.map((v) => v / 1200), false, 20);
    expect(r.counts.reduce((a, b) => a + b, 0)).toBe(200_000);
  });
});

describe("legends and palette", () => {
  it("legend keys show the dash pattern, markers (filled or hollow), bands and reference lines", () => {
    const keys = xyLegendKeys({
      title: "t", x: [1], xLabel: "x", yLabel: "y", refLines: [{ y: 1, label: "ratio 1" }],
      series: [
        { label: "theory", values: [1], stroke: PALETTE.theory, style: "line" },
        { label: "sim", values: [1], stroke: PALETTE.std, style: "points", band: { lo: [0], hi: [2], label: "\u00b11 SEM" } },
        { label: "eff", values: [1], stroke: PALETTE.std, dash: [6, 4], hollow: true },
      ],
    });
    expect(keys).toEqual([
      { label: "theory", stroke: PALETTE.theory, dash: undefined, line: true, marker: undefined, bars: false },
      { label: "sim", stroke: PALETTE.std, dash: undefined, line: false, marker: "filled", bars: false },
      { label: "\u00b11 SEM", stroke: PALETTE.std, band: true },
      { label: "eff", stroke: PALETTE.std, dash: [6, 4], line: true, marker: "hollow", bars: false },
      { label: "ratio 1", stroke: PALETTE.reference, dash: [2, 3], line: true },
    ]);
  });

  it("one colour per meaning: u, x, Wdyn, STF, STD, theory, peers all differ; a grid's hues are none of u, x, Wdyn, STF, STD", () => {
    const meanings = [PALETTE.u, PALETTE.x, PALETTE.wdyn, PALETTE.stf, PALETTE.std, PALETTE.custom, PALETTE.theory, PALETTE.peer];
    expect(new Set(meanings).size).toBe(meanings.length);
    expect(new Set(PALETTE.sets).size).toBe(PALETTE.sets.length);
    for (const hue of PALETTE.sets) expect([PALETTE.u, PALETTE.x, PALETTE.wdyn, PALETTE.stf, PALETTE.std]).not.toContain(hue);
  });

  it("a shared band key comes once, in grey, after the series and before the reference lines", () => {
    const keys = xyLegendKeys({
      title: "t", x: [1], xLabel: "x", yLabel: "y", refLines: [{ y: 1, label: "ratio 1" }], bandKey: "shaded: \u00b11 SEM",
      series: [0, 1].map((i) => ({ label: `s${i}`, values: [1], stroke: PALETTE.sets[i], band: { lo: [0], hi: [2], label: "" } })),
    });
    expect(keys.map((k) => k.label)).toEqual(["s0", "s1", "shaded: \u00b11 SEM", "ratio 1"]);
    expect(keys[2]).toEqual({ label: "shaded: \u00b11 SEM", stroke: PALETTE.counts, band: true });
  });

  it("the reports' script defines every function the figures call", () => {
    const script = chartScript();
    for (const name of ["renderLessonFigure", "renderXYChart", "newColumns", "scanColumns", "columnIndices", "logTicks125", "linearTicks", "tickLabel", "legendElement", "ensureFigureStyle", "xyLegendKeys", "histogram"]) {
      expect(script).toMatch(new RegExp(`const ${name} = `));
    }
    // it parses as a script, and defining it touches no browser API
    expect(() => new Function(script)()).not.toThrow();
  });
});

describe("reports", () => {
  it("a lesson report: counts beside the figure, parameters folded, every trial's distribution when there are several", async () => {
    const one = lessonReportHtml(await runLesson({ preset: "stf", rateHz: 20 }), "STF");
    expect(one).toMatch(/<aside class="stp-summary"[^>]*><dl>\s*<div><dt>pre spikes<\/dt><dd>101<\/dd><\/div>\s*<div><dt>post spikes<\/dt><dd>60<\/dd><\/div>\s*<div><dt>post \/ pre<\/dt><dd>0.5941<\/dd>/);
    expect(one).toMatch(/<details class="stp-params"><summary>Parameters<\/summary>/);
    expect(one).not.toContain("All 1 trials");
    const many = await runLesson({ preset: "stf", rateHz: 20, trials: 12 });
    const html = lessonReportHtml(many, "STF, 12 trials");
    expect(html).toContain("<h2>All 12 trials</h2>");
    expect(html).toContain('"title":"post spikes per trial"');
    expect(html).toContain('"integerX":true');
    const posts = many.postSpikes;
    const mean = posts.reduce((a, b) => a + b, 0) / 12;
    expect(html).toContain(`post spikes ${mean.toFixed(2)} \u00b1 `);
    // CSS: every rule of the report's own stylesheet is scoped to its classes
    const style = html.slice(html.indexOf("body.stp-report"), html.indexOf("</style>"));
    const rules = style.split("}").map((r) => r.replace(/^\s*@media[^{]*\{/, "").trim()).filter((r) => r.includes("{"));
    expect(rules.length).toBeGreaterThan(20);
    for (const rule of rules) {
      for (const sel of rule.slice(0, rule.indexOf("{")).split(",")) expect(sel.trim(), rule).toMatch(/^(body\.stp-report|\.stp-)/);
    }
  });

  it("the sweep note describes the curves as they are: the STF efficacy peaks, the STD efficacy falls", async () => {
    const stf = await rateSweep({ preset: "stf", trials: 6 });
    const std = await rateSweep({ preset: "std", trials: 6 });
    const peak = stf.rows.reduce((a, b) => (b.efficacyPerSpike > a.efficacyPerSpike ? b : a));
    expect(peak.rateHz).toBeGreaterThan(1);
    expect(peak.rateHz).toBeLessThan(100);
    expect(sweepShape(stf.rows, (r) => r.efficacyPerSpike)).toMatch(new RegExp(`^rises to a peak of ${peak.efficacyPerSpike.toFixed(3)} at ${peak.rateHz} Hz and falls beyond it`));
    expect(sweepShape(std.rows, (r) => r.efficacyPerSpike)).toMatch(/^falls as the rate rises/);
    const html = sweepReportHtml(stf, "sweep");
    expect(html).toContain(`Here the efficacy per spike rises to a peak of ${peak.efficacyPerSpike.toFixed(3)} at ${peak.rateHz} Hz`);
    expect(html).not.toMatch(/makes it grow with the rate/);
    const row = (rateHz: number, e: number) => ({ rateHz, efficacyPerSpike: e }) as RateSweepRow;
    expect(sweepShape([row(1, 0.1), row(2, 0.2), row(5, 0.3)], (r) => r.efficacyPerSpike)).toMatch(/^rises with the rate/);
  });

  it("tables: cells escaped, headers free to break after a slash", () => {
    const html = tableHtml(["post/pre", "a<b"], [["1/2", "<x>"]]);
    expect(html).toContain("<th>post/<wbr>pre</th><th>a&lt;b</th>");
    expect(html).toContain("<td>1/2</td><td>&lt;x&gt;</td>");
  });

  it("protocol reports draw the closed form densely, apart from the simulated points, with the line at ratio 1", async () => {
    const html = pairedPulseReport(await pairedPulse({ preset: "std", intervals: [10, 100, 1000] })).html;
    const panels = JSON.parse(/for \(const panel of (\[.*\])\) renderXYChart/.exec(html)![1]);
    const [theory, sim] = panels[0].series;
    expect(theory.style).toBe("line");
    expect(theory.x.length).toBeGreaterThan(200);
    expect(sim.values.length).toBe(3);
    expect(sim.stroke).toBe(PALETTE.std);
    expect(panels[0].refLines).toEqual([{ y: 1, label: "ratio 1" }]);
  });
});
