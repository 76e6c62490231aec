// The protocols' outputs: a plain-text table for the terminal and a self-contained HTML report. In
// the charts the closed forms (science/theory.ts) are dense curves in dark grey, evaluated on a
// fine grid of their own, and the simulation's points are markers in the synapse's hue; ratios get
// the reference line at 1.
import { PALETTE, type XYChartData } from "./chart.js";
import { htmlPage, notesHtml, parametersHtml, escapeHtml } from "./report.js";
import { presetKind } from "./sweepFigure.js";
import { table } from "./table.js";
import { pairedPulseRatio, pairedPulseRatioEuler, trainStates, trainStatesEuler, type StpParams } from "../science/theory.js";
import type { PairedPulseResult } from "../experiments/protocols/pairedPulse.js";
import type { ResolvedSynapseProtocol } from "../experiments/protocols/synapse.js";
import type { TrainRecoveryResult } from "../experiments/protocols/trainRecovery.js";
import type { Tpm1998Panel } from "../experiments/protocols/tsodyks1998.js";

/** A protocol's printed table and its HTML report. */
export interface ProtocolReport {
  text: string;
  html: string;
}

const f6 = (v: number) => v.toFixed(6);
const e2 = (v: number) => v.toExponential(2);
/** Points of a dense theory curve. */
const DENSE = 240;

/** The synapse in one line. */
export function describeSynapse(o: ResolvedSynapseProtocol): string {
  return `${o.preset.toUpperCase()} preset: U = ${o.resources}, tauF = ${o.tauF} ms, tauD = ${o.tauD} ms, uRest = ${o.uRest}` +
    `${o.tauInact > 0 ? `, tauInact = ${o.tauInact} ms` : ""}; integration "${o.integration}", dt = ${o.dt} ms`;
}

const theoryName = (o: ResolvedSynapseProtocol) => (o.integration === "exact"
  ? "theory: the continuous model's closed form (docs/theory.md)"
  : "theory: the Euler map's closed form (docs/theory.md)");

const paramsOf = (o: ResolvedSynapseProtocol): StpParams => ({ U: o.resources, tauF: o.tauF, tauD: o.tauD, uRest: o.uRest, tauInact: o.tauInact });

/**
 * Durations from `lo` to `hi` ms, log-spaced, DENSE of them (for the Euler map: whole numbers of
 * steps of dt, each once, since the map is defined on the step grid only).
 */
export function denseDurations(lo: number, hi: number, dt: number, grid: boolean): number[] {
  const out = Array.from({ length: DENSE }, (_, k) => lo * (hi / lo) ** (k / (DENSE - 1)));
  if (!grid) return out;
  return [...new Set(out.map((ms) => Math.max(1, Math.round(ms / dt))))].map((m) => Number((m * dt).toPrecision(12)));
}

/** A protocol's HTML page: heading, a line of context, charts, notes, the parameters folded. */
export function protocolPage(title: string, lede: string, rows: [string, string][], notes: string[], panels: XYChartData[]): string {
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="stp-lede">${escapeHtml(lede)}</p>
<div id="charts"></div>
${notesHtml(notes)}
${parametersHtml(rows, "Parameters and values")}`;
  return htmlPage(title, body, `for (const panel of ${JSON.stringify(panels)}) renderXYChart(uPlot, document.getElementById("charts"), panel, { height: 280 });`);
}

/** The simulation's hue: the synapse's preset, or the custom hue. */
const simHue = (o: ResolvedSynapseProtocol) => PALETTE[presetKind(o)];

export function pairedPulseReport(r: PairedPulseResult): ProtocolReport {
  const o = r.options;
  const header = ["interval (ms)", "efficacy 1", "efficacy 2", "PPR", "PPR theory", "difference"];
  const cells = r.rows.map((w) => [String(w.intervalMs), f6(w.efficacy1), f6(w.efficacy2), f6(w.ratio), f6(w.ratioTheory), e2(w.ratio - w.ratioTheory)]);
  const text = `paired pulse: two spikes after rest; PPR = efficacy 2 / efficacy 1 (efficacy = u x; the response is W u x)\n` +
    `${describeSynapse(o)}\n\n${table(header, cells, 0)}\n${theoryName(o)}\n`;
  const x = r.rows.map((w) => w.intervalMs);
  const p = paramsOf(o);
  const euler = o.integration !== "exact";
  const dense = denseDurations(Math.min(...x), Math.max(...x), o.dt, euler);
  const theory = dense.map((ms) => (euler ? pairedPulseRatioEuler(p, Math.round(ms / o.dt), o.dt) : pairedPulseRatio(p, ms)));
  const html = protocolPage("Paired-pulse ratio against inter-spike interval",
    `${o.preset.toUpperCase()} synapse: two spikes after rest, ${x.length} intervals from ${Math.min(...x)} to ${Math.max(...x)} ms.`, [
      ["synapse", describeSynapse(o)],
      ...r.rows.map((w): [string, string] => [`${w.intervalMs} ms`, `PPR ${f6(w.ratio)} (theory ${f6(w.ratioTheory)})`]),
    ], [
      "PPR = second response / first response of two spikes after rest; the response of a spike is W u x, u taken after its increment, x before its release. Above 1: facilitation wins; below 1: depression.",
      `${theoryName(o)}, drawn at ${dense.length} intervals; the markers are the simulation.`,
    ], [{
      title: "paired-pulse ratio", x, xLabel: "inter-spike interval (ms)", yLabel: "PPR", logX: true,
      refLines: [{ y: 1, label: "ratio 1" }],
      series: [
        { label: "theory (closed form)", x: dense, values: theory, stroke: PALETTE.theory, style: "line" },
        { label: "simulated", values: r.rows.map((w) => w.ratio), stroke: simHue(o), style: "points" },
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
  // the recovery spike's efficacy in closed form at dense delays (on the step grid for the Euler map)
  const p = paramsOf(o);
  const euler = o.integration !== "exact";
  const trainSteps = r.train.timeMs.map((t) => Math.round(t / o.dt));
  const last = trainSteps[trainSteps.length - 1];
  const delays = r.rows.map((w) => w.delayMs);
  const dense = denseDurations(Math.min(...delays), Math.max(...delays), o.dt, euler);
  const first = r.train.efficacyTheory[0];
  const recovery = dense.map((ms) => {
    const states = euler
      ? trainStatesEuler(p, [...trainSteps, last + Math.round(ms / o.dt)], o.dt)
      : trainStates(p, [...r.train.timeMs, r.train.timeMs[trainSteps.length - 1] + ms]);
    return states[states.length - 1].efficacy / first;
  });
  const hue = simHue(o);
  const html = protocolPage(`Recovery after a ${o.rateHz} Hz train of ${o.spikes} spikes`,
    `${o.preset.toUpperCase()} synapse: ${o.spikes} spikes at ${o.rateHz} Hz after rest, then one recovery spike at each of ${delays.length} delays.`, [
      ["synapse", describeSynapse(o)],
      ["train", `${o.spikes} spikes at ${o.rateHz} Hz (spike times on the step grid)`],
      ...r.rows.map((w): [string, string] => [`delay ${w.delayMs} ms`, `efficacy ${f6(w.efficacy)} (theory ${f6(w.efficacyTheory)}), ${w.ratioToFirst.toFixed(4)} of the first`]),
    ], [
      "Efficacy = u x at a spike (the response is W times it). The recovery ratio is the recovery spike's efficacy over the train's first.",
      `${theoryName(o)}: at each spike of the train (hollow rings: it exists at spikes only), and for the recovery spike as a curve over ${dense.length} delays; filled markers: the simulation.`,
    ], [{
      title: "efficacy of each spike of the train", x: r.train.efficacy.map((_, k) => k + 1), xLabel: "spike of the train", yLabel: "u x", integerX: true,
      series: [
        { label: "theory (closed form)", values: r.train.efficacyTheory, stroke: PALETTE.theory, style: "points", hollow: true },
        { label: "simulated", values: r.train.efficacy, stroke: hue, style: "points" },
      ],
    }, {
      title: "recovery spike / first spike of the train", x: delays, xLabel: "delay after the train (ms)", yLabel: "ratio", logX: true,
      refLines: [{ y: 1, label: "ratio 1 (fully recovered)" }],
      series: [
        { label: "theory (closed form)", x: dense, values: recovery, stroke: PALETTE.theory, style: "line" },
        { label: "simulated", values: r.rows.map((w) => w.ratioToFirst), stroke: hue, style: "points" },
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
  const html = protocolPage("Tsodyks, Pawelzik & Markram (1998), Fig. 1",
    "A 20 Hz train through a depressing (A) and a facilitating (B) synapse onto a subthreshold LIF neuron, against NEST.", [
      ...panels.map((p): [string, string] => [p.name, lines[panels.indexOf(p)]]),
      ["run", `dt = ${dt} ms; synapse "exact" with three-state resources; LIF "exact" with an exponential synaptic current`],
    ], [
      `Markers: ${source}, every 25 ms. Lines: this simulation (depressing synapse in the STD hue, facilitating in the STF hue).`,
      `Largest difference: ${panels.map((p) => `${p.name} ${e2(p.maxAbsError)} mV`).join(", ")}.`,
    ], panels.map((p) => {
      const idx = Array.from({ length: Math.floor(p.v.length / step) }, (_, k) => (k + 1) * step - 1);
      const sample = new Map(p.sampleT.map((t, i) => [Math.round(t / dt) - 1, p.nestV[i]]));
      const hue = p.params.tauFacil > 0 ? PALETTE.stf : PALETTE.std;
      return {
        title: p.title, x: idx.map((i) => Number(p.t[i].toFixed(6))), xLabel: "time (ms)", yLabel: "v (mV)",
        series: [
          { label: "v, this simulation", values: idx.map((i) => Number(p.v[i].toPrecision(6))), stroke: hue, style: "line" },
          { label: "v, NEST", values: idx.map((i) => sample.get(i) ?? null), stroke: PALETTE.peer, style: "points", hollow: true },
        ],
      };
    }));
  return { text, html };
}
