// The report of a rate sweep over a grid (src/experiments/grid.ts): what the grid varies and what
// every row shares, a chart of post/pre and efficacy per spike against the rate (one pair of lines
// per combination of the varied values) and the table. Nothing run-specific goes in (no time, no
// path, no shard): the same grid gives the same page, whichever machines ran its rows.
import { renderXYChart } from "./chart.js";
import { htmlPage, tableHtml } from "./report.js";
import { gridTable, withUnit, type SweepGridResult } from "../experiments/grid.js";
import { sweepChartData, type SweepChartSet } from "../experiments/sweep.js";

/** "varied" for an option the grid varies, else its value as text. */
function shown(o: SweepGridResult["options"], key: keyof SweepGridResult["options"] & string, unit = ""): string {
  if (key in o.vary) return `varied`;
  const v = o[key];
  return v === undefined ? "from each row's preset" : `${typeof v === "string" ? JSON.stringify(v) : String(v)}${unit}`;
}

/** The grid's report (a grid that varies something, or runs per-row seeds). */
export function gridReportHtml(result: SweepGridResult, title: string): string {
  const o = result.options;
  const axes = Object.entries(o.vary);
  const perPoint = o.rates.length;
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
  const notes = [
    "post/pre = all post spikes / all pre spikes over the trials of a row (the transmission ratio).",
    "Efficacy per spike = the mean of u x over every presynaptic spike (Wdyn / W at the spike): the fraction of W each input spike delivers.",
    "Each combination of the varied values is one pair of lines: post/pre solid, efficacy per spike dashed.",
  ];
  const sets: SweepChartSet[] = [];
  for (let p = 0; p * perPoint < result.rows.length; p++) {
    const slice = result.rows.slice(p * perPoint, (p + 1) * perPoint);
    const label = axes.length > 0 ? Object.entries(slice[0].values).map(([k, v]) => `${k} = ${String(v)}`).join(", ") : "all rows";
    sets.push({ label, rates: o.rates, rows: slice });
  }
  const data = sweepChartData(sets, title);
  const script = `(${renderXYChart.toString()})(uPlot, document.getElementById("charts"), ${JSON.stringify(data)});`;
  const table = gridTable(result);
  return htmlPage(title, rows, notes, script, tableHtml(table.header, table.rows));
}
