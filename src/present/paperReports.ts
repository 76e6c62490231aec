// The reports of `stp-wasm paper NAME`: a terminal summary and a self-contained HTML page (raster,
// population rates with the detected events, mean u x of the synapses), drawn by paperCharts.ts.
import { renderPaperCharts, type PaperChartData, type PaperPanel, type RasterGroup } from "./paperCharts.js";
import { htmlPage, tableHtml, notesHtml, parametersHtml, escapeHtml } from "./report.js";
import { table } from "./table.js";
import type { SpikeList, PopulationEvent } from "../experiments/papers/activity.js";
import { TUM2000, type Tum2000Result } from "../experiments/papers/tum2000.js";
import { MBT2008, SELECTIVE_N, selectiveName, type Mongillo2008Result } from "../experiments/papers/mongillo2008.js";

export interface PaperReport {
  text: string;
  html: string;
}

const COLORS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"];
const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** Raster rows of a population: its units [from, from + count) drawn as rows [rowStart, rowStart + count). */
function rasterGroup(label: string, color: string, spikes: SpikeList, dt: number, from: number, count: number, rowStart: number): RasterGroup {
  const times: number[] = [];
  const rowOf: number[] = [];
  for (let i = 0; i < spikes.count; i++) {
    const u = spikes.units[i];
    if (u < from || u >= from + count) continue;
    times.push(round((spikes.steps[i] + 1) * dt, 3));
    rowOf.push(rowStart + u - from);
  }
  return { label, color, rowStart, rows: count, times, rowOf };
}

/** Bin centres (ms) of `bins` bins of binMs, and the bin ends. */
const centres = (bins: number, binMs: number) => Array.from({ length: bins }, (_, b) => round((b + 0.5) * binMs, 3));
const ends = (bins: number, binMs: number) => Array.from({ length: bins }, (_, b) => round((b + 1) * binMs, 3));

/** Mean of every `per` consecutive values (the rate in bins `per` times wider). */
function rebin(rates: Float64Array, per: number): number[] {
  return Array.from({ length: Math.floor(rates.length / per) }, (_, b) => {
    let sum = 0;
    for (let i = b * per; i < (b + 1) * per; i++) sum += rates[i];
    return sum / per;
  });
}

/** Markers at events' peak bins, aligned with the bins (null elsewhere). */
function markers(events: PopulationEvent[], bins: number, binMs: number): (number | null)[] {
  const out: (number | null)[] = new Array(bins).fill(null);
  for (const e of events) out[Math.floor(e.timeMs / binMs)] = round(e.peakHz, 1);
  return out;
}

function page(title: string, rows: [string, string][], notes: string[], charts: PaperChartData, after: string): string {
  const script = `(${renderPaperCharts.toString()})(uPlot, document.getElementById("charts"), ${JSON.stringify(charts)});`;
  const body = `<h1>${escapeHtml(title)}</h1>
<div id="charts"></div>
${after}
${notesHtml([...notes, "Drag on a chart to zoom (all panels follow); double-click to reset."])}
${parametersHtml(rows, "Parameters and values")}`;
  return htmlPage(title, body, script);
}

export function tum2000Report(r: Tum2000Result): PaperReport {
  const o = r.options;
  const s = r.summary;
  const { E, I } = TUM2000.populations;
  const bins = r.rates.all.length;
  const rule = TUM2000.burst;
  const rateLine = `E ${s.meanRateHz.E.toFixed(2)} Hz, I ${s.meanRateHz.I.toFixed(2)} Hz`;
  const text = `Tsodyks, Uziel & Markram (2000): ${E.n} E + ${I.n} I LIF neurons, p = ${TUM2000.p}, per-connection truncated-normal A, U, tau_rec, tau_facil\n` +
    `seed ${JSON.stringify(o.seed)}, dt = ${o.dt} ms, ${o.burnInMs} ms burn-in + ${o.durationMs} ms analysed, ${r.seconds.toFixed(1)} s\n\n` +
    table(["after the burn-in", "value"], [
      ["bursts", String(s.burstTimesMs.length)],
      ["bursts per second", s.burstsPerSecond.toFixed(3)],
      ["mean rate E (Hz)", s.meanRateHz.E.toFixed(3)],
      ["mean rate I (Hz)", s.meanRateHz.I.toFixed(3)],
    ]) + `\nburst times (ms): ${s.burstTimesMs.map((t) => round(t, 1)).join(", ") || "none"}\n`;
  const synColors: Record<string, string> = { EE: COLORS[1], EI: COLORS[2], IE: COLORS[0], II: COLORS[3] };
  const panels: PaperPanel[] = [
    {
      title: `population rate in ${rule.binMs} ms bins; bursts (dots): >= ${rule.thresholdHz} Hz over all ${E.n + I.n} neurons`, yLabel: "Hz", t: centres(bins, r.binMs),
      series: [
        { label: `all ${E.n + I.n}`, values: Array.from(r.rates.all, (v) => round(v, 1)), stroke: "#222" },
        { label: "E", values: Array.from(r.rates.E, (v) => round(v, 1)), stroke: COLORS[1], show: false },
        { label: "I", values: Array.from(r.rates.I, (v) => round(v, 1)), stroke: COLORS[0], show: false },
        { label: "threshold", values: new Array(bins).fill(rule.thresholdHz), stroke: "#888", dash: [6, 4] },
        { label: "bursts", values: markers(r.bursts, bins, r.binMs), stroke: "#e377c2", style: "points" },
      ],
    },
    {
      title: `mean u x (the fraction of A a spike would deliver now) of ${Object.values(r.uxConnections)[0]} connections per synapse, every ${r.binMs} ms`,
      yLabel: "u x", t: ends(bins, r.binMs), yRange: [0, 0.3],
      series: TUM2000.synapses.map((syn) => ({ label: `${syn.pre} -> ${syn.post}`, values: Array.from(r.ux[syn.name], (v) => round(v, 4)), stroke: synColors[syn.name] })),
    },
  ];
  const charts: PaperChartData = {
    tEndMs: o.burnInMs + o.durationMs,
    raster: {
      title: `spikes: E neurons 0-${E.n - 1} (bottom), I neurons (top); background current rising with the index`, rows: E.n + I.n,
      groups: [rasterGroup("E", COLORS[1], r.spikes.E, o.dt, 0, E.n, 0), rasterGroup("I", COLORS[0], r.spikes.I, o.dt, 0, I.n, E.n)],
    },
    panels,
    windows: o.burnInMs > 0 ? [{ label: "burn-in (not analysed)", startMs: 0, endMs: o.burnInMs, color: "rgba(0,0,0,0.07)" }] : [],
  };
  const rows: [string, string][] = [
    ["network", `${E.n} E + ${I.n} I LIF (tauM ${E.tauM} ms, threshold ${E.thr} mV, reset ${E.vReset} mV, refractory ${E.refractTime} / ${I.refractTime} ms); every pair connected with p = ${TUM2000.p}; current synapses with tau_inact = ${TUM2000.tauSyn} ms`],
    ["synapses", TUM2000.synapses.map((syn) => `${syn.pre} -> ${syn.post}: A ${syn.A.mean} mV, U ${syn.U.mean}, tau_rec ${syn.tauRec.mean} ms${syn.tauFacil ? `, tau_facil ${syn.tauFacil.mean} ms` : ""}`).join("; ") +
      ` (each per connection from a normal of SD ${TUM2000.sdFraction} x mean, truncated)`],
    ["background current", `${TUM2000.bias.low} to ${TUM2000.bias.high} mV, rising with the neuron index`],
    ["run", `seed ${JSON.stringify(o.seed)}, dt = ${o.dt} ms, ${o.burnInMs} ms burn-in, then ${o.durationMs} ms analysed; ${r.seconds.toFixed(1)} s on ${o.threads} thread${o.threads > 1 ? "s" : ""}`],
    ["bursts (after the burn-in)", `${s.burstTimesMs.length}: ${s.burstsPerSecond.toFixed(3)} per second`],
    ["mean rates (after the burn-in)", rateLine],
  ];
  const notes = [
    `A burst: a run of ${rule.binMs} ms bins in which the rate of all ${E.n + I.n} neurons is at least ${rule.thresholdHz} Hz (${(rule.thresholdHz * rule.binMs / 1000 * 100).toFixed(0)} % of the network firing within ${rule.binMs} ms); runs less than ${rule.mergeMs} ms apart are one burst, timed at its fullest bin.`,
    "u x is recorded every step for a sample of connections evenly spaced through each synapse's connection list (u and x per connection), and averaged at the end of each bin; depression of E -> E (u x falling at each burst, recovering with tau_rec) is what ends a burst and times the next.",
    "The rates of E and I alone are hidden at first: a click on their legend entries shows them.",
    "Parameters from the public reproductions of the paper (Brian2's and NEST's examples, ANNarchy's); sources of each number in the README and in src/experiments/papers/tum2000.ts.",
  ];
  const after = `<h2 style="font-size:1.1em">Bursts after the burn-in</h2>` +
    tableHtml(["time (ms)", "peak rate (Hz)", "from (ms)", "to (ms)"], r.bursts.filter((b) => b.timeMs > o.burnInMs).map((b) => [String(round(b.timeMs, 1)), b.peakHz.toFixed(0), String(b.startMs), String(b.endMs)]));
  return { text, html: page("Tsodyks, Uziel & Markram (2000): population bursts", rows, notes, charts, after) };
}

export function mongillo2008Report(r: Mongillo2008Result): PaperReport {
  const o = r.options;
  const s = r.summary;
  const { E, I } = MBT2008.populations;
  const P = MBT2008.selective.count;
  const bins = r.rates.I.length;
  const rule = MBT2008.populationSpike;
  const names = Array.from({ length: P }, (_, k) => selectiveName(k));
  const text = `Mongillo, Barak & Tsodyks (2008): ${E.n} E + ${I.n} I LIF neurons, c = ${MBT2008.c}, ${P} selective populations of ${SELECTIVE_N}, ` +
    `E -> E STP U = ${o.U}, tauF ${MBT2008.stp.tauF} ms, tauD ${MBT2008.stp.tauD} ms\n` +
    `seed ${JSON.stringify(o.seed)}, dt = ${o.dt} ms, ${o.durationMs} ms, mu_E = ${o.muE} mV; cue to ${s.cue.population} from ${s.cue.startMs} to ${s.cue.endMs} ms; ` +
    `build ${r.seconds.build.toFixed(1)} s, run ${r.seconds.run.toFixed(1)} s\n\n` +
    table(["population", "population spikes after the cue", "times (ms)"], names.map((n) => [n + (n === s.cue.population ? " (cued)" : ""), String(s.populationSpikesMs[n].length), s.populationSpikesMs[n].map((t) => round(t, 1)).join(", ") || "-"])) +
    `\nmean rates over the run: E ${s.meanRateHz.E.toFixed(3)} Hz, I ${s.meanRateHz.I.toFixed(3)} Hz\n`;
  const shown = 100;
  const groups: RasterGroup[] = names.map((n, k) => rasterGroup(n, COLORS[k], r.spikes.E, o.dt, k * SELECTIVE_N, shown, k * shown));
  const nonSel = 200;
  groups.push(rasterGroup("non-selective", "#7f7f7f", r.spikes.E, o.dt, P * SELECTIVE_N, nonSel, P * shown));
  groups.push(rasterGroup("I", "#000", r.spikes.I, o.dt, 0, 200, P * shown + nonSel));
  const coarse = 20;
  const per = Math.round(coarse / r.binMs);
  const rateSeries = names.map((n, k) => ({ label: n, values: Array.from(r.rates[n], (v) => round(v, 1)), stroke: COLORS[k] }));
  const panels: PaperPanel[] = [
    {
      title: `population rates in ${rule.binMs} ms bins; population spikes (dots): >= ${rule.thresholdHz} Hz in a selective population`, yLabel: "Hz", t: centres(bins, r.binMs),
      series: [
        ...rateSeries,
        { label: "non-selective", values: Array.from(r.rates["non-selective"], (v) => round(v, 1)), stroke: "#7f7f7f" },
        { label: "I", values: Array.from(r.rates.I, (v) => round(v, 1)), stroke: "#000", dash: [2, 2] },
        { label: "threshold", values: new Array(bins).fill(rule.thresholdHz), stroke: "#888", dash: [6, 4] },
        ...names.map((n, k) => ({ label: `${n} PS`, values: markers(r.populationSpikes[n], bins, r.binMs), stroke: COLORS[k], style: "points" as const })),
      ],
    },
    {
      title: `the same rates in ${coarse} ms bins, log scale: the uncued populations stay at their spontaneous rate`, yLabel: "Hz", t: centres(Math.floor(bins / per), coarse), logY: true,
      series: names.map((n, k) => ({ label: n, values: rebin(r.rates[n], per).map((v) => (v > 0 ? round(v, 2) : null)), stroke: COLORS[k] })),
    },
    {
      title: `mean u x of the E -> E synapses from each selective population (u, x per presynaptic neuron), every ${r.binMs} ms`, yLabel: "u x", t: ends(bins, r.binMs), yRange: [0, 0.4],
      series: names.map((n, k) => ({ label: n, values: Array.from(r.ux[n], (v) => round(v, 4)), stroke: COLORS[k] })),
    },
  ];
  const charts: PaperChartData = {
    tEndMs: o.durationMs,
    raster: { title: `spikes: the first ${shown} neurons of each selective population, ${nonSel} non-selective, 200 inhibitory`, rows: P * shown + nonSel + 200, groups },
    panels,
    windows: [{ label: `cue to ${s.cue.population}`, startMs: s.cue.startMs, endMs: s.cue.endMs, color: "rgba(214,39,40,0.12)" }],
  };
  const J = MBT2008.J;
  const rows: [string, string][] = [
    ["network", `${E.n} E (tauM ${E.tauM} ms, reset ${E.vReset} mV) + ${I.n} I (tauM ${I.tauM} ms, reset ${I.vReset} mV) LIF, threshold ${E.thr} mV, refractory ${E.refractTime} ms; every pair connected with c = ${MBT2008.c}; delta synapses, delays ${MBT2008.delayMs.low}-${MBT2008.delayMs.high} ms`],
    ["synapses", `E -> E J_b ${J.EEb} mV, J_p ${J.EEp} mV within a selective population (and with probability ${MBT2008.gamma0} from non-selective neurons), STP U ${o.U}, tauF ${MBT2008.stp.tauF} ms, tauD ${MBT2008.stp.tauD} ms; E -> I ${J.EI}, I -> E ${J.IE}, I -> I ${J.II} mV, static`],
    ["external input", `mean ${o.muE} mV onto E, ${MBT2008.external.muI} mV onto I, membrane SD ${MBT2008.external.sigma} mV (Bernoulli shot noise, p = ${MBT2008.noiseP} per step, plus a bias current)`],
    ["cue", `${s.cue.population}'s external mean x ${MBT2008.cue.amplitude} from ${s.cue.startMs} to ${s.cue.endMs} ms`],
    ["run", `seed ${JSON.stringify(o.seed)}, dt = ${o.dt} ms, ${o.durationMs} ms; build ${r.seconds.build.toFixed(1)} s, run ${r.seconds.run.toFixed(1)} s on ${o.threads} thread${o.threads > 1 ? "s" : ""}`],
    ...names.map((n): [string, string] => [`${n}${n === s.cue.population ? " (cued)" : ""}: population spikes after the cue`, `${s.populationSpikesMs[n].length}${s.populationSpikesMs[n].length ? `: ${s.populationSpikesMs[n].map((t) => round(t, 1)).join(", ")} ms` : ""}`]),
    ["mean rates over the run", `E ${s.meanRateHz.E.toFixed(3)} Hz, I ${s.meanRateHz.I.toFixed(3)} Hz`],
  ];
  const notes = [
    `A population spike: a run of ${rule.binMs} ms bins in which a selective population's rate is at least ${rule.thresholdHz} Hz (${(rule.thresholdHz * rule.binMs / 1000 * 100).toFixed(0)} % of its ${SELECTIVE_N} neurons firing within ${rule.binMs} ms); runs less than ${rule.mergeMs} ms apart are one, timed at the fullest bin. Counted after the cue's end.`,
    "u x is recorded every step for every neuron of the selective populations (u and x per presynaptic neuron, shared by its E -> E synapses) and averaged per population at the end of each bin: the cued population's u stays high between its population spikes (facilitation, tauF 1.5 s), each spike depletes x (tauD 0.2 s) and refreshes u.",
    "Parameters from the public reproductions of the paper (Tiddia et al. 2022's NEST model, a MATLAB and two GeNN ports); sources of each number, and our own choices, in the README and in src/experiments/papers/mongillo2008.ts.",
  ];
  const after = `<h2 style="font-size:1.1em">Population spikes after the cue</h2>` +
    tableHtml(["population", "count", "times (ms)"], names.map((n) => [n + (n === s.cue.population ? " (cued)" : ""), String(s.populationSpikesMs[n].length), s.populationSpikesMs[n].map((t) => round(t, 1)).join(", ") || "none"]));
  return { text, html: page("Mongillo, Barak & Tsodyks (2008): working memory in facilitating synapses", rows, notes, charts, after) };
}
