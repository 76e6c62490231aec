// The sweep panel: one or more rate sweeps drawn with the shared XY chart as their rows arrive, and
// a table per sweep.
import uPlot from "uplot";
import { renderXYChart } from "../src/present/chart.js";
import { presetKind, sweepChartData } from "../src/present/sweepFigure.js";
import { sweepTable, type RateSweepOptions, type RateSweepResult, type RateSweepRow } from "../src/experiments/sweep.js";

/** One sweep on the page. */
export interface PageSweep {
  id: number;
  label: string;
  /** Short name for the chart's legend. */
  name: string;
  options: RateSweepOptions;
  rates: number[];
  rows: RateSweepRow[];
  result: RateSweepResult | null;
}

export class SweepView {
  chart: uPlot | null = null;

  constructor(private readonly chartRoot: HTMLElement, private readonly tableRoot: HTMLElement) {}

  draw(sweeps: PageSweep[]): void {
    this.chart?.destroy();
    this.chartRoot.replaceChildren();
    const width = Math.max(260, Math.min(1100, this.chartRoot.clientWidth - 4));
    const height = window.innerWidth < 600 ? 260 : 340;
    const sets = sweeps.map((s) => ({ ...s, kind: presetKind(s.options as { resources: number; tauF: number; tauD: number }) }));
    this.chart = renderXYChart(uPlot, this.chartRoot, sweepChartData(sets, "post/pre and efficacy per spike against the input rate (bands: \u00b11 SEM over trials)"), { width, height });
    this.tableRoot.replaceChildren(...sweeps.map((s) => table(s)));
  }
}

function table(sweep: PageSweep): HTMLElement {
  const { header, rows } = sweepTable(sweep);
  const wrap = document.createElement("div");
  wrap.className = "table-wrap";
  const t = document.createElement("table");
  t.className = "results";
  t.dataset.sweep = String(sweep.id);
  const caption = t.createCaption();
  caption.textContent = `${sweep.label}${sweep.result ? "" : ` (running: ${sweep.rows.length} of ${sweep.rates.length} rates)`}`;
  const head = t.createTHead().insertRow();
  for (const h of header) {
    const th = document.createElement("th");
    th.scope = "col";
    // may break after a slash ("post/pre"): narrow screens fit more columns
    h.split("/").forEach((part, i) => (i > 0 ? th.append("/", document.createElement("wbr"), part) : th.append(part)));
    head.appendChild(th);
  }
  const body = t.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    for (const cell of r) tr.insertCell().textContent = cell;
  }
  wrap.appendChild(t);
  return wrap;
}
