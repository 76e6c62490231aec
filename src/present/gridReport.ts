// The report of a rate sweep over a grid (src/experiments/grid.ts), in the reports' common form
// (report.ts): a title and a line of context, two charts (post/pre and the efficacy per spike
// against the rate, one line per combination of the varied values, +-1 SEM bands), notes, what the
// grid varies and what every row shares folded in <details>, and the table. Nothing run-specific
// goes in (no time, no path, no shard): the same grid gives the same page, whichever machines ran
// its rows.
import { escapeHtml, htmlPage, notesHtml, parametersHtml, tableHtml } from "./report.js";
import { GRID_LINES, gridChartData, presetKind, type SweepChartSet } from "./sweepFigure.js";
import { gridTable, withUnit, type SweepGridResult } from "../experiments/grid.js";
import { PRESETS, type Preset } from "../experiments/lesson.js";

/** "varied" for an option the grid varies, else its value as text. */
function shown(o: SweepGridResult["options"], key: keyof SweepGridResult["options"] & string, unit = ""): string {
  if (key in o.vary) return `varied`;
  const v = o[key];
  return v === undefined ? "from each row's preset" : `${typeof v === "string" ? JSON.stringify(v) : String(v)}${unit}`;
}

/**
 * The grid's lines: one per combination of the varied values (rows in index order, the rates
 * fastest). A grid that varies the preset alone draws each preset in its hue (STF, STD, or the
 * custom hue where U, tauF or tauD are given too).
 */
export function gridSets(result: SweepGridResult): SweepChartSet[] {
  const o = result.options;
  const perPoint = o.rates.length;
  const axes = Object.keys(o.vary);
  const presetOnly = axes.length === 1 && axes[0] === "preset";
  const sets: SweepChartSet[] = [];
  for (let p = 0; p * perPoint < result.rows.length; p++) {
    const slice = result.rows.slice(p * perPoint, (p + 1) * perPoint);
    const values = slice[0].values;
    const label = axes.length > 0 ? Object.entries(values).map(([k, v]) => `${k} = ${String(v)}`).join(", ") : "all rows";
    const preset = PRESETS[values.preset as Preset];
    const kind = presetOnly && preset
      ? presetKind({ resources: o.resources ?? preset.resources, tauF: o.tauF ?? preset.tauF, tauD: o.tauD ?? preset.tauD })
      : undefined;
    sets.push({ label, kind, rates: o.rates, rows: slice });
  }
  return sets;
}

/** The grid's report (a grid that varies something, or runs per-row seeds). */
export function gridReportHtml(result: SweepGridResult, title: string): string {
  const o = result.options;
  const axes = Object.entries(o.vary);
  const axisText = [...axes.map(([k, values]) => `${withUnit(k)}: ${values.map(String).join(", ")}`), `rate (Hz): ${o.rates.join(", ")}`];
  const seedVaried = "seed" in o.vary;
  const seeds = o.seeds === "per-row"
    ? `row i runs with the seed "${seedVaried ? "S" : String(o.seed)}/i" (per-row seeds${seedVaried ? "; S is the row's varied seed" : ""})`
    : seedVaried ? "each row runs with its varied seed" : `seed ${JSON.stringify(o.seed)} in every row (shared seeds)`;
  const r = "tauM" in o.vary || "dt" in o.vary || "rM" in o.vary ? "varied" : String((o.tauM! / o.dt!) * o.rM!);
  const rows: [string, string][] = [
    ["grid", `${result.rowCount} rows, the cartesian product of ${axisText.join(" x ")} (the first varies slowest, the rate fastest)`],
    ["synapse", `preset ${shown(o, "preset")}, U = ${shown(o, "resources")}, tauF = ${shown(o, "tauF", " ms")}, tauD = ${shown(o, "tauD", " ms")}, W = ${shown(o, "weight")}, ` +
      `integration ${shown(o, "integration")}, uRest = ${shown(o, "uRest")}, tauInact = ${shown(o, "tauInact", " ms")}`],
    ["input", `Poisson at ${o.rates.join(", ")} Hz; ${shown(o, "trials")} trials per row`],
    ["run", `${shown(o, "steps")} steps of dt = ${shown(o, "dt", " ms")} per trial, ${seeds}`],
    ["neuron", `LIF tauM = ${shown(o, "tauM", " ms")}, R = tauM/dt * ${shown(o, "rM")} = ${r}, vRest = ${shown(o, "vRest", " mV")}, vReset = ${shown(o, "vReset", " mV")}, ` +
      `thr = ${shown(o, "thr", " mV")}, refractory ${shown(o, "refractTime", " ms")}, tauSyn = ${shown(o, "tauSyn", " ms")}, LIF integration ${shown(o, "lifIntegration")}`],
  ];
  const sets = gridSets(result);
  const charts = gridChartData(sets);
  const bands = charts.some((c) => c.series.some((s) => s.band));
  const notes = [
    "post/pre = all post spikes / all pre spikes over the trials of a row (the transmission ratio).",
    "Efficacy per spike = the mean of u x over every presynaptic spike (Wdyn / W at the spike): the fraction of W each input spike delivers.",
    `Each line is one combination of the varied values (the legend names it), the same colour in both charts${sets.length > 6 ? "; after six colours, the same colours dashed" : ""}. ` +
      (bands ? "Shaded: \u00b11 SEM over the trials of a row (jackknife standard error of the ratio)." : "No bands: a row of one trial has no standard error."),
    ...(sets.length > GRID_LINES ? [`The charts draw the first ${GRID_LINES} of the ${sets.length} combinations; the table below holds every row.`] : []),
  ];
  const table = gridTable(result);
  const trials = shown(o, "trials");
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="stp-lede">${escapeHtml(`${result.rowCount} rows: ${sets.length} combination${sets.length === 1 ? "" : "s"} of ${axes.map(([k]) => k).join(", ") || "the options"} at ${o.rates.length} input rate${o.rates.length === 1 ? "" : "s"}, ${trials === "varied" ? "the varied number of" : trials} trials per row.`)}</p>
<div class="stp-row"><div id="chart-ratio"></div><div id="chart-efficacy"></div></div>
${notesHtml(notes)}
${parametersHtml(rows, "The grid and its parameters")}
<h2>The numbers</h2>
${tableHtml(table.header, table.rows)}`;
  const script = `const gridCharts = ${JSON.stringify(charts)};
renderXYChart(uPlot, document.getElementById("chart-ratio"), gridCharts[0], { height: 300 });
renderXYChart(uPlot, document.getElementById("chart-efficacy"), gridCharts[1], { height: 300 });`;
  return htmlPage(title, body, script);
}
