// Self-contained HTML reports: uPlot (script and stylesheet) and our chart module are inlined, the
// data embedded as JSON, so a report opens offline from disk with no network request.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { renderLessonCharts, renderXYChart, type LessonChartData } from "./chart.js";
import type { LessonRun } from "../experiments/lesson.js";
import { sweepChartData, sweepLabel, sweepTable, type RateSweepResult } from "../experiments/sweep.js";

const require = createRequire(import.meta.url);
let uplotAssets: { js: string; css: string } | null = null;

function assets(): { js: string; css: string } {
  uplotAssets ??= {
    js: readFileSync(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8"),
    css: readFileSync(require.resolve("uplot/dist/uPlot.min.css"), "utf8"),
  };
  return uplotAssets;
}

/** Text safe inside a <script> element. */
function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Float32 samples as short decimals (7 significant digits is all a chart can show). */
function compact(a: ArrayLike<number>): number[] {
  return Array.from(a, (v) => Number(v.toPrecision(7)));
}

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 12px; max-width: 1120px; color: #222; }
h1 { font-size: 1.3em; margin: 0.3em 0; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; font-variant-numeric: tabular-nums; }
figure.stp-panel { margin: 0 0 6px; }
.note { color: #555; font-size: 0.9em; }
table.results td { text-align: right; }
`;

/** A table with a header row, cells escaped. */
export function tableHtml(header: string[], rows: string[][], className = "results"): string {
  const line = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join("")}</tr>`;
  return `<table class="${className}"><thead>${line(header, "th")}</thead><tbody>\n${rows.map((r) => line(r, "td")).join("\n")}\n</tbody></table>`;
}

/**
 * A whole HTML page: heading, a table of key/value rows, notes, the given chart script, and
 * optional HTML (e.g. a results table) after the charts.
 */
export function htmlPage(title: string, rows: [string, string][], notes: string[], chartScript: string, afterCharts = ""): string {
  const { js, css } = assets();
  const table = rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}\n${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<table>${table}</table>
${notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n")}
<div id="charts"></div>
${afterCharts}
<script>${scriptSafe(js)}</script>
<script>${scriptSafe(chartScript)}</script>
</body></html>
`;
}

/** The chart payload of a lesson run (trial 0). */
export function lessonChartData(run: LessonRun, title: string): LessonChartData {
  return {
    title, t: compact(run.t), u: compact(run.u), x: compact(run.x), wdyn: compact(run.wdyn), v: compact(run.v),
    thr: run.options.thr, pre: Array.from(run.pre), post: Array.from(run.post),
  };
}

/** The report of one lesson run. */
export function lessonReportHtml(run: LessonRun, title: string): string {
  const o = run.options;
  const pre = run.preSpikes[0];
  const post = run.postSpikes[0];
  const rows: [string, string][] = [
    ["regime", `${o.preset.toUpperCase()}-dominated: U = ${o.resources}, tauF = ${o.tauF} ms, tauD = ${o.tauD} ms`],
    ["input", o.spikeTimes ? `spike train of ${o.spikeTimes.length} spikes` : `Poisson, ${o.rateHz} Hz`],
    ["run", `${o.steps} steps of dt = ${o.dt} ms, seed ${JSON.stringify(o.seed)}, trial 1 of ${o.trials}, synapse integration "${o.integration}", LIF integration "${o.lifIntegration}"`],
    ["neuron", `LIF tauM = ${o.tauM} ms, R = tauM/dt * ${o.rM} = ${(o.tauM / o.dt) * o.rM}, vRest = ${o.vRest} mV, vReset = ${o.vReset} mV, thr = ${o.thr} mV, refractory ${o.refractTime} ms, ` +
      (o.tauSyn > 0 ? `synaptic current decaying with tauSyn = ${o.tauSyn} ms` : "one-step current pulses")],
    ["synapse", `W = ${o.weight}, uRest = ${o.uRest}${o.tauInact > 0 ? `, tauInact = ${o.tauInact} ms` : ""}`],
    ["pre spikes", String(pre)],
    ["post spikes", String(post)],
    ["post / pre", pre > 0 ? (post / pre).toFixed(4) : "undefined (no pre spikes)"],
  ];
  const notes = [
    "Transmission ratio = post spikes / pre spikes. (ngc-learn's lesson titles its plot \"post_spikes / rate_Hz\", which is not a ratio.)",
    "Wdyn is W u x with u and x taken at the synapse's last presynaptic spike: it changes only on spike steps, hence the staircase.",
    "Drag on a chart to zoom (all panels follow); double-click to reset.",
  ];
  const data = lessonChartData(run, title);
  const script = `(${renderLessonCharts.toString()})(uPlot, document.getElementById("charts"), ${JSON.stringify(data)});`;
  return htmlPage(title, rows, notes, script);
}

/** The report of a rate sweep: its parameters, the chart of post/pre and efficacy against rate, the table. */
export function sweepReportHtml(result: RateSweepResult, title: string): string {
  const o = result.options;
  const rows: [string, string][] = [
    ["synapse", `${sweepLabel(o)}, W = ${o.weight}, integration "${o.integration}"`],
    ["input", `Poisson at ${o.rates.join(", ")} Hz; ${o.trials} trials per rate`],
    ["run", `${o.steps} steps of dt = ${o.dt} ms per trial, seed ${JSON.stringify(o.seed)} (the same seed at every rate)`],
    ["neuron", `LIF tauM = ${o.tauM} ms, R = tauM/dt * ${o.rM} = ${(o.tauM / o.dt) * o.rM}, vRest = ${o.vRest} mV, vReset = ${o.vReset} mV, thr = ${o.thr} mV, refractory ${o.refractTime} ms`],
  ];
  const notes = [
    "post/pre = all post spikes / all pre spikes over the trials of a rate (the transmission ratio).",
    "Efficacy per spike = the mean of u x over every presynaptic spike (Wdyn / W at the spike): the fraction of W each input spike delivers. Facilitation makes it grow with the rate, depression makes it fall.",
  ];
  const data = sweepChartData([{ label: sweepLabel(o), rates: o.rates, rows: result.rows }], title);
  const script = `(${renderXYChart.toString()})(uPlot, document.getElementById("charts"), ${JSON.stringify(data)});`;
  const table = sweepTable(result);
  return htmlPage(title, rows, notes, script, tableHtml(table.header, table.rows));
}
