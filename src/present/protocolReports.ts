// The protocols' outputs: a plain-text table for the terminal and a self-contained HTML report
// (uPlot inlined, one x-y chart per panel drawn by chart.ts's renderXYChart).
import { renderXYChart, type XYChartData } from "./chart.js";
import { htmlPage } from "./report.js";
import { table } from "./table.js";
import type { PairedPulseResult } from "../experiments/protocols/pairedPulse.js";
import type { ResolvedSynapseProtocol } from "../experiments/protocols/synapse.js";
import type { TrainRecoveryResult } from "../experiments/protocols/trainRecovery.js";
import type { Tpm1998Panel } from "../experiments/protocols/tsodyks1998.js";

/** A protocol's printed table and its HTML report. */
export interface ProtocolReport {
  text: string;
  html: string;
}

const SIM = "#1f77b4";
const THEORY = "#d62728";
const f6 = (v: number) => v.toFixed(6);
const e2 = (v: number) => v.toExponential(2);

/** The synapse in one line. */
export function describeSynapse(o: ResolvedSynapseProtocol): string {
  return `${o.preset.toUpperCase()} preset: U = ${o.resources}, tauF = ${o.tauF} ms, tauD = ${o.tauD} ms, uRest = ${o.uRest}` +
    `${o.tauInact > 0 ? `, tauInact = ${o.tauInact} ms` : ""}; integration "${o.integration}", dt = ${o.dt} ms`;
}

const theoryName = (o: ResolvedSynapseProtocol) => (o.integration === "exact"
  ? "theory: the continuous model's closed form (docs/theory.md)"
  : "theory: the Euler map's closed form (docs/theory.md)");

/** A protocol's HTML page: key/value rows, notes, and x-y panels. */
export function protocolPage(title: string, rows: [string, string][], notes: string[], panels: XYChartData[]): string {
  return htmlPage(title, rows, notes, `const renderXYChart = (${renderXYChart.toString()});
` +
    `for (const panel of ${JSON.stringify(panels)}) renderXYChart(uPlot, document.getElementById("charts"), panel, { height: 260 });`);
}

export function pairedPulseReport(r: PairedPulseResult): ProtocolReport {
  const o = r.options;
  const header = ["interval (ms)", "efficacy 1", "efficacy 2", "PPR", "PPR theory", "difference"];
  const cells = r.rows.map((w) => [String(w.intervalMs), f6(w.efficacy1), f6(w.efficacy2), f6(w.ratio), f6(w.ratioTheory), e2(w.ratio - w.ratioTheory)]);
  const text = `paired pulse: two spikes after rest; PPR = efficacy 2 / efficacy 1 (efficacy = u x; the response is W u x)\n` +
    `${describeSynapse(o)}\n\n${table(header, cells, 0)}\n${theoryName(o)}\n`;
  const x = r.rows.map((w) => w.intervalMs);
  const html = protocolPage("Paired-pulse ratio against inter-spike interval", [
    ["synapse", describeSynapse(o)],
    ...r.rows.map((w): [string, string] => [`${w.intervalMs} ms`, `PPR ${f6(w.ratio)} (theory ${f6(w.ratioTheory)})`]),
  ], [
    "PPR = second response / first response of two spikes after rest; the response of a spike is W u x, u taken after its increment, x before its release.",
    theoryName(o) + ".",
  ], [{
    title: "paired-pulse ratio", x, xLabel: "inter-spike interval (ms)", yLabel: "PPR", logX: true,
    series: [
      { label: "theory", values: r.rows.map((w) => w.ratioTheory), stroke: THEORY, style: "line", dash: [6, 4] },
      { label: "simulated", values: r.rows.map((w) => w.ratio), stroke: SIM, style: "points" },
    ],
  }]);
  return { text, html };
}

export function trainRecoveryReport(r: TrainRecoveryResult): ProtocolReport {
  const o = r.options;
  const header = ["delay (ms)", "efficacy", "theory", "/ first", "/ last"];
  const cells = r.rows.map((w) => [String(w.delayMs), f6(w.efficacy), f6(w.efficacyTheory), w.ratioToFirst.toFixed(4), w.ratioToLast.toFixed(4)]);
  const trainCells = r.train.efficacy.map((e, k) => [String(k + 1), r.train.timeMs[k].toFixed(1), f6(e), f6(r.train.efficacyTheory[k])]);
  const text = `train recovery: ${o.spikes} spikes at ${o.rateHz} Hz after rest, then one spike after each delay\n${describeSynapse(o)}\n\n` +
    table(["spike", "t (ms)", "efficacy", "theory"], trainCells, 0) + "\n" + table(header, cells, 0) +
    `\n/ first, / last: the recovery spike's efficacy over the train's first and last spike's; ${theoryName(o)}\n`;
  const html = protocolPage(`Recovery after a ${o.rateHz} Hz train of ${o.spikes} spikes`, [
    ["synapse", describeSynapse(o)],
    ["train", `${o.spikes} spikes at ${o.rateHz} Hz (spike times on the step grid)`],
    ...r.rows.map((w): [string, string] => [`delay ${w.delayMs} ms`, `efficacy ${f6(w.efficacy)} (theory ${f6(w.efficacyTheory)}), ${w.ratioToFirst.toFixed(4)} of the first`]),
  ], [
    "Efficacy = u x at a spike (the response is W times it). The recovery ratio is the recovery spike's efficacy over the train's first.",
    theoryName(o) + ".",
  ], [{
    title: "efficacy of each spike of the train", x: r.train.efficacy.map((_, k) => k + 1), xLabel: "spike", yLabel: "u x",
    series: [
      { label: "theory", values: r.train.efficacyTheory, stroke: THEORY, style: "line", dash: [6, 4] },
      { label: "simulated", values: r.train.efficacy, stroke: SIM, style: "points" },
    ],
  }, {
    title: "recovery spike / first spike of the train", x: r.rows.map((w) => w.delayMs), xLabel: "delay after the train (ms)", yLabel: "ratio", logX: true,
    series: [
      { label: "theory", values: r.rows.map((w) => w.efficacyTheory / r.train.efficacyTheory[0]), stroke: THEORY, style: "line", dash: [6, 4] },
      { label: "simulated", values: r.rows.map((w) => w.ratioToFirst), stroke: SIM, style: "points" },
    ],
  }]);
  return { text, html };
}

export function tsodyks1998Report(panels: Tpm1998Panel[], dt: number): ProtocolReport {
  const lines = panels.map((p) => {
    const q = p.params;
    return `${p.title}: tauM = ${q.tauM} ms, R = ${q.resistM} GOhm, tauSyn = tauInact = ${q.tauSyn} ms, tauRec = ${q.tauRec} ms, ` +
      `tauFacil = ${q.tauFacil} ms, U = ${q.U}, A = ${q.A} pA, ${q.times.length} spikes; largest |ours - NEST| = ${e2(p.maxAbsError)} mV`;
  });
  const header = ["t (ms)", ...panels.flatMap((p) => [`${p.name}: NEST (mV)`, `${p.name}: ours (mV)`])];
  const cells = panels[0].sampleT.map((t, i) => [String(t), ...panels.flatMap((p) => [String(p.nestV[i]), p.ourV[i].toPrecision(6)])]);
  const source = "NEST's regression values for this figure (nest-simulator testsuite/unittests/test_tsodyks_depressing.sli and test_tsodyks_facilitating.sli)";
  const text = `Tsodyks, Pawelzik & Markram (1998), Fig. 1, at dt = ${dt} ms, against ${source}\n${lines.join("\n")}\n\n${table(header, cells, 0)}`;
  const step = Math.max(1, Math.round(0.5 / dt)); // draw every 0.5 ms: plenty for the eye, a small page
  const html = protocolPage("Tsodyks, Pawelzik & Markram (1998), Fig. 1", [
    ...panels.map((p): [string, string] => [p.name, lines[panels.indexOf(p)]]),
    ["run", `dt = ${dt} ms; synapse "exact" with three-state resources; LIF "exact" with an exponential synaptic current`],
  ], [
    `Dots: ${source}, sampled every 25 ms. Lines: this simulation.`,
    "A 20 Hz train through a depressing (A) and a facilitating (B) synapse onto a subthreshold LIF neuron (threshold 15 mV).",
  ], panels.map((p) => {
    const idx = Array.from({ length: Math.floor(p.v.length / step) }, (_, k) => (k + 1) * step - 1);
    const sample = new Map(p.sampleT.map((t, i) => [Math.round(t / dt) - 1, p.nestV[i]]));
    return {
      title: p.title, x: idx.map((i) => Number(p.t[i].toFixed(6))), xLabel: "time (ms)", yLabel: "v (mV)",
      series: [
        { label: "v, this simulation", values: idx.map((i) => Number(p.v[i].toPrecision(6))), stroke: SIM, style: "line" },
        { label: "v, NEST", values: idx.map((i) => sample.get(i) ?? null), stroke: THEORY, style: "points" },
      ],
    };
  }));
  return { text, html };
}
