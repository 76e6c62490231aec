// Self-contained HTML reports: uPlot (script and stylesheet) and the figures' module (chart.ts) are
// inlined, the data embedded as JSON, so a report opens offline from disk with no network request.
// Node only (uPlot is read from disk): reached through stp-wasm/node and the CLI.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chartScript, PALETTE, histogram, type LessonFigureData, type XYChartData } from "./chart.js";
import { presetKind, sweepChartData } from "./sweepFigure.js";
import type { LessonRun } from "../experiments/lesson.js";
import { sweepLabel, sweepTable, type RateSweepResult, type RateSweepRow } from "../experiments/sweep.js";

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
  const out = new Array<number>(a.length);
  let last = NaN;
  let short = NaN;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    // a trace holds long runs of equal values (x at 1, v at rest, Wdyn between spikes): each is shortened once
    if (v !== last) {
      last = v;
      short = Number(v.toPrecision(7));
    }
    out[i] = short;
  }
  return out;
}

// Every rule is scoped to the report's own classes (uPlot's markup is left alone).
const STYLE = `
body.stp-report { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 12px; max-width: 1180px; color: #1a1a1a; background: #fff; }
.stp-report h1 { font-size: 1.3em; margin: 0.2em 0 0.1em; }
.stp-report h2 { font-size: 1.08em; margin: 1.2em 0 0.3em; }
.stp-report .stp-lede { margin: 0 0 8px; color: #444; }
.stp-main { display: flex; gap: 18px; align-items: flex-start; }
.stp-fig { flex: 1 1 auto; min-width: 0; align-self: stretch; }
.stp-summary { flex: 0 0 150px; margin: 24px 0 0; }
.stp-summary div { margin: 0 0 10px; }
.stp-summary dt { color: #555; font-size: 0.88em; }
.stp-summary dd { margin: 0; font-size: 1.35em; font-weight: 600; font-variant-numeric: tabular-nums; }
.stp-report .stp-note { color: #555; font-size: 0.9em; margin: 0.4em 0; }
.stp-report details { margin: 0.8em 0; }
.stp-report summary { cursor: pointer; font-weight: 600; }
.stp-report table.stp-table { border-collapse: collapse; margin: 0.4em 0 1em; font-variant-numeric: tabular-nums; }
.stp-report table.stp-table td, .stp-report table.stp-table th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
.stp-report table.stp-results td { text-align: right; }
.stp-report .stp-scroll { overflow-x: auto; }
.stp-report figure.stp-panel { margin: 0 0 6px; }
.stp-report .stp-row { display: flex; flex-wrap: wrap; gap: 8px 24px; }
.stp-report .stp-row > div { flex: 1 1 320px; min-width: 0; }
@media (max-width: 720px) {
  body.stp-report { padding: 8px; font-size: 14px; }
  .stp-main { flex-direction: column; gap: 0; }
  .stp-summary { order: -1; margin: 0 0 4px; flex: none; }
  .stp-summary dl { display: flex; gap: 20px; margin: 0; }
  .stp-summary div { margin: 0; }
  .stp-summary dd { font-size: 1.15em; }
  .stp-report table.stp-results { font-size: 11.5px; }
  .stp-report table.stp-results td, .stp-report table.stp-results th { padding: 2px 3px; }
}
`;

/** A table with a header row, cells escaped. */
export function tableHtml(header: string[], rows: string[][], className = "stp-results"): string {
  const line = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join("")}</tr>`;
  // a header may break after a slash ("post/pre"), so that narrow screens fit more columns
  const head = header.map((h) => escapeHtml(h).replaceAll("/", "/<wbr>"));
  return `<div class="stp-scroll"><table class="stp-table ${className}"><thead>${line(head, "th")}</thead><tbody>\n${rows.map((r) => line(r.map(escapeHtml), "td")).join("\n")}\n</tbody></table></div>`;
}

/** Key/value rows folded into <details> (closed: the figure comes first). */
export function parametersHtml(rows: [string, string][], title = "Parameters"): string {
  const body = rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("\n");
  return `<details class="stp-params"><summary>${escapeHtml(title)}</summary><div class="stp-scroll"><table class="stp-table">${body}</table></div></details>`;
}

export const notesHtml = (notes: string[]) => notes.map((n) => `<p class="stp-note">${escapeHtml(n)}</p>`).join("\n");

/** A whole HTML page: the body's HTML, then uPlot and the figures' module, then `script`. */
export function htmlPage(title: string, body: string, script: string): string {
  const { js, css } = assets();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}\n${STYLE}</style></head>
<body class="stp-report">
${body}
<script>${scriptSafe(js)}</script>
<script>${scriptSafe(chartScript())}
${scriptSafe(script)}</script>
</body></html>
`;
}

/** The figure's data for a lesson run (trial 1). */
export function lessonFigureData(run: LessonRun): LessonFigureData {
  const o = run.options;
  return {
    dt: o.dt, steps: run.u.length, u: compact(run.u), x: compact(run.x), wdyn: compact(run.wdyn), v: compact(run.v),
    pre: Array.from(run.pre), post: Array.from(run.post), thr: o.thr, vRest: o.vRest, vReset: o.vReset, weight: o.weight,
  };
}

const ratioText = (post: number, pre: number) => (pre > 0 ? (post / pre).toFixed(4) : "n/a");

/** Mean and sample standard deviation. */
function meanSd(a: number[]): [number, number] {
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  return [m, a.length > 1 ? Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1)) : NaN];
}

/** Histograms of post spikes and post/pre over the trials of a run (shown when it ran several). */
function trialsSection(run: LessonRun): { html: string; charts: XYChartData[] } {
  const K = run.postSpikes.length;
  const ratios = run.transmissionRatio.filter((r) => Number.isFinite(r));
  const [postMean, postSd] = meanSd(run.postSpikes);
  const [preMean, preSd] = meanSd(run.preSpikes);
  const [rMean, rSd] = ratios.length ? meanSd(ratios) : [NaN, NaN];
  const posts = histogram(run.postSpikes, true);
  const rs = histogram(ratios, false, Math.min(20, Math.max(5, Math.ceil(Math.sqrt(ratios.length)))));
  const stat = (m: number, sd: number, d: number) => (Number.isFinite(sd) ? `${m.toFixed(d)} \u00b1 ${sd.toFixed(d)} (SD)` : m.toFixed(d));
  const html = `<h2>All ${K} trials</h2>
<p class="stp-lede">The figure shows trial 1; the ${K} trials are independent copies of the run (their own Poisson inputs).
Pre spikes ${stat(preMean, preSd, 2)}, post spikes ${stat(postMean, postSd, 2)}, post/pre ${Number.isFinite(rMean) ? stat(rMean, rSd, 4) : "n/a"} per trial
(${ratios.length < K ? `${K - ratios.length} trial(s) without a pre spike left out of post/pre; ` : ""}trial 1: ${run.postSpikes[0]} post spikes, post/pre ${ratioText(run.postSpikes[0], run.preSpikes[0])}).</p>
<div class="stp-row"><div id="trials-post"></div><div id="trials-ratio"></div></div>`;
  return {
    html,
    charts: [
      { title: "post spikes per trial", x: posts.x, xLabel: "post spikes", yLabel: "trials", integerX: true, integerY: true,
        series: [{ label: `trials (of ${K}${posts.width > 1 ? `; bins of ${posts.width} counts` : ""})`, values: posts.counts.map((c) => c || null), stroke: PALETTE.counts, style: "bars" }] },
      { title: "post/pre per trial", x: rs.x, xLabel: "post/pre", yLabel: "trials", integerY: true,
        series: [{ label: `trials (bins of ${Number(rs.width.toPrecision(2))})`, values: rs.counts.map((c) => c || null), stroke: PALETTE.counts, style: "bars" }] },
    ],
  };
}

/** The report of one lesson run: the figure (trial 1) with its counts, notes, parameters, and every trial's counts. */
export function lessonReportHtml(run: LessonRun, title: string): string {
  const o = run.options;
  const pre = run.preSpikes[0];
  const post = run.postSpikes[0];
  const rows: [string, string][] = [
    ["regime", `${o.preset.toUpperCase()}-dominated: U = ${o.resources}, tauF = ${o.tauF} ms, tauD = ${o.tauD} ms`],
    ["input", o.spikeTimes ? `spike train of ${o.spikeTimes.length} spikes` : `Poisson, ${o.rateHz} Hz`],
    ["run", `${o.steps} steps of dt = ${o.dt} ms, seed ${JSON.stringify(o.seed)}, ${o.trials} trial(s), synapse integration "${o.integration}", LIF integration "${o.lifIntegration}"`],
    ["neuron", `LIF tauM = ${o.tauM} ms, R = tauM/dt * ${o.rM} = ${(o.tauM / o.dt) * o.rM}, vRest = ${o.vRest} mV, vReset = ${o.vReset} mV, thr = ${o.thr} mV, refractory ${o.refractTime} ms, ` +
      (o.tauSyn > 0 ? `synaptic current decaying with tauSyn = ${o.tauSyn} ms` : "one-step current pulses")],
    ["synapse", `W = ${o.weight}, uRest = ${o.uRest}${o.tauInact > 0 ? `, tauInact = ${o.tauInact} ms` : ""}`],
  ];
  const summary = `<aside class="stp-summary" aria-label="trial 1's spike counts"><dl>
<div><dt>pre spikes</dt><dd>${pre}</dd></div>
<div><dt>post spikes</dt><dd>${post}</dd></div>
<div><dt>post / pre</dt><dd>${ratioText(post, pre)}</dd></div>
</dl></aside>`;
  const notes = [
    "Transmission ratio = post spikes / pre spikes. (ngc-learn's lesson titles its plot \"post_spikes / rate_Hz\", which is not a ratio.)",
    `u: release fraction (facilitation); x: available resources (depression); Wdyn = W u x at the synapse's last presynaptic spike, drawn on [0, W] = [0, ${o.weight}]: it changes only on spike steps, hence the staircase.`,
    "v is recorded after the step's reset, so a postsynaptic spike is drawn as a stroke from the threshold up, above the drop to the reset. Spike rasters: one tick per spike.",
    "Drag across a panel to zoom into a time range (all panels follow); double-click to zoom out. The line above the panels reads the values under the cursor.",
  ];
  const trials = o.trials > 1 ? trialsSection(run) : null;
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="stp-lede">${escapeHtml(`${o.preset.toUpperCase()} synapse (U = ${o.resources}, tauF = ${o.tauF} ms, tauD = ${o.tauD} ms), ${o.spikeTimes ? `a ${o.spikeTimes.length}-spike train` : `${o.rateHz} Hz Poisson input`}, ${o.steps * o.dt} ms${o.trials > 1 ? `; trial 1 of ${o.trials}` : ""}.`)}</p>
<section class="stp-main"><div id="figure" class="stp-fig"></div>${summary}</section>
${notesHtml(notes)}
${parametersHtml(rows)}
${trials ? trials.html : ""}`;
  const script = `renderLessonFigure(uPlot, document.getElementById("figure"), ${JSON.stringify(lessonFigureData(run))});` +
    (trials ? `\nconst trialCharts = ${JSON.stringify(trials.charts)};
const half = (id) => Math.max(280, Math.min(560, document.getElementById(id).clientWidth || 520));
renderXYChart(uPlot, document.getElementById("trials-post"), trialCharts[0], { width: half("trials-post"), height: 240 });
renderXYChart(uPlot, document.getElementById("trials-ratio"), trialCharts[1], { width: half("trials-ratio"), height: 240 });` : "");
  return htmlPage(title, body, script);
}

/**
 * What the sweep shows, in words, from its rows: where post/pre and the efficacy per spike are
 * highest, and whether they rise, fall or peak along the rates.
 */
export function sweepShape(rows: RateSweepRow[], pick: (r: RateSweepRow) => number): string {
  const pts = rows.filter((r) => Number.isFinite(pick(r)));
  if (pts.length < 2) return "too few rates to describe";
  const values = pts.map(pick);
  const top = values.indexOf(Math.max(...values));
  const first = pts[0];
  const last = pts[pts.length - 1];
  const f = (v: number) => v.toFixed(3);
  if (top === 0) return `falls as the rate rises (${f(pick(first))} at ${first.rateHz} Hz, ${f(pick(last))} at ${last.rateHz} Hz)`;
  if (top === pts.length - 1) return `rises with the rate (${f(pick(first))} at ${first.rateHz} Hz, ${f(pick(last))} at ${last.rateHz} Hz)`;
  return `rises to a peak of ${f(values[top])} at ${pts[top].rateHz} Hz and falls beyond it (${f(pick(first))} at ${first.rateHz} Hz, ${f(pick(last))} at ${last.rateHz} Hz)`;
}

/** The report of a rate sweep: its chart (post/pre and efficacy against rate, +-1 SEM), what it shows, parameters, the table. */
export function sweepReportHtml(result: RateSweepResult, title: string): string {
  const o = result.options;
  const rows: [string, string][] = [
    ["synapse", `${sweepLabel(o)}, W = ${o.weight}, integration "${o.integration}"`],
    ["input", `Poisson at ${o.rates.join(", ")} Hz; ${o.trials} trials per rate`],
    ["run", `${o.steps} steps of dt = ${o.dt} ms per trial, seed ${JSON.stringify(o.seed)} (the same seed at every rate)`],
    ["neuron", `LIF tauM = ${o.tauM} ms, R = tauM/dt * ${o.rM} = ${(o.tauM / o.dt) * o.rM}, vRest = ${o.vRest} mV, vReset = ${o.vReset} mV, thr = ${o.thr} mV, refractory ${o.refractTime} ms`],
  ];
  const notes = [
    `Here the efficacy per spike ${sweepShape(result.rows, (r) => r.efficacyPerSpike)}, and post/pre ${sweepShape(result.rows, (r) => r.transmissionRatio)}.`,
    "Efficacy per spike = the mean of u x over every presynaptic spike (Wdyn / W at the spike): the fraction of W each input spike delivers. " +
      "As the rate rises, facilitation (u) raises it and depression (x) lowers it; which one wins can change along the rates, so the curve may rise, fall, or peak.",
    "post/pre = all post spikes / all pre spikes over the trials of a rate (the transmission ratio). " +
      `Bands: \u00b11 SEM over the ${o.trials} trials (jackknife standard error of the ratio over trials).`,
  ];
  const data = sweepChartData([{ label: sweepLabel(o), kind: presetKind(o), rates: o.rates, rows: result.rows }], "post/pre and efficacy per spike against the input rate");
  const table = sweepTable(result);
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="stp-lede">${escapeHtml(`${o.trials} trials of ${o.steps * o.dt} ms at each of ${o.rates.length} input rates.`)}</p>
<div id="charts"></div>
${notesHtml(notes)}
${parametersHtml(rows)}
<h2>The numbers</h2>
${tableHtml(table.header, table.rows)}`;
  const script = `renderXYChart(uPlot, document.getElementById("charts"), ${JSON.stringify(data)}, { height: 340 });`;
  return htmlPage(title, body, script);
}
