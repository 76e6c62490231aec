// The fit's outputs: its table (terminal and page), the charts' data (each sweep's recorded amplitudes
// against the fitted model, and each parameter's marginal posterior) and fit.html, a self-contained
// report (uPlot inlined, one x-y chart per panel drawn by chart.ts's renderXYChart).
import { PALETTE, type XYChartData } from "./chart.js";
import type { FitParam, FitResult } from "../fit/fit.js";

const UNITS: Record<FitParam, string> = { U: "", tauF: " ms", tauD: " ms", A: "", sigma: "" };

/** A number for the table: 4 significant digits. */
export const sig4 = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));

/** The fit as a table: parameter, best fit, 95% interval, median, determined by the data. */
export function fitTable(r: FitResult): { header: string[]; rows: string[][] } {
  const rows = (["U", "tauF", "tauD", "A", "sigma"] as const).map((p) => {
    const fixed = p in r.fixed;
    const value = r[p];
    return [
      `${p}${UNITS[p] ? ` (${UNITS[p].trim()})` : ""}`,
      value === null ? "not identified" : sig4(value),
      fixed ? "fixed" : `[${sig4(r.ci95[p][0])}, ${sig4(r.ci95[p][1])}]`,
      fixed ? "-" : sig4(r.median[p]),
      fixed ? "fixed" : r.identified[p] ? "yes" : "no",
    ];
  });
  return { header: ["parameter", "best fit", "95% interval", "median", "determined"], rows };
}

/** The report's panels: one per sweep (data and fit), then one per free parameter (its marginal posterior). */
export function fitPanels(r: FitResult): XYChartData[] {
  const panels: XYChartData[] = r.sweeps.map((s) => ({
    title: `sweep ${s.name}: recorded amplitudes and the best fit A\u00a0u\u00a0R`,
    x: s.t, xLabel: "spike time (ms)", yLabel: "amplitude",
    series: [
      { label: "recorded", values: s.amplitude, stroke: PALETTE.recorded, style: "points" as const },
      { label: "best fit", values: s.model, stroke: PALETTE.fit, style: "both" as const, hollow: true },
    ],
    yRange: [0, 0],
  }));
  for (const p of ["U", "tauF", "tauD", "A", "sigma"] as const) {
    const m = r.marginals[p];
    if (!m) continue;
    const [lo, hi] = r.ci95[p];
    panels.push({
      title: `${p}: marginal posterior${m.perLog ? ` (density per unit of ln ${p})` : ""}, 95% interval [${sig4(lo)}, ${sig4(hi)}]${UNITS[p]}`,
      // a log axis where the posterior spans more than a decade (a linear one shows a narrow peak better)
      x: m.x, xLabel: `${p}${UNITS[p] ? ` (${UNITS[p].trim()})` : ""}`, yLabel: "density", logX: m.perLog && m.x[m.x.length - 1] > 10 * m.x[0],
      series: [
        {
          label: "posterior", values: m.density, stroke: PALETTE.fit, style: "line" as const,
          band: { lo: m.x.map((x) => (x >= lo && x <= hi ? 0 : null)), hi: m.x.map((x, i) => (x >= lo && x <= hi ? m.density[i] : null)), label: "95% interval" },
        },
      ],
      yRange: [0, 0],
    });
  }
  return panels;
}

/** The key/value rows at the top of the report. */
export function fitRows(r: FitResult, source: string): [string, string][] {
  const d = r.data;
  const value = (p: FitParam) => (r[p] === null ? "not identified" : `${sig4(r[p]!)}${UNITS[p]}`);
  const rows: [string, string][] = [
    ["data", `${source}: ${d.sweeps} sweep${d.sweeps === 1 ? "" : "s"}, ${d.spikes} spikes, ${d.amplitudes} amplitudes${d.missing ? ` (${d.missing} missing)` : ""}`],
    ["model", "PSC_k = A u_k R_k; u_1 = U, R_1 = 1 at each sweep's start; u_{k+1} = U + u_k (1 - U) exp(-D/tauF), R_{k+1} = 1 + (R_k - u_k R_k - 1) exp(-D/tauD); Gaussian noise sigma"],
    ...(["U", "tauF", "tauD", "A", "sigma"] as const).map((p): [string, string] => [p, p in r.fixed
      ? `${sig4(r.fixed[p]!)}${UNITS[p]} (fixed)`
      : `${value(p)}, 95% interval [${sig4(r.ci95[p][0])}, ${sig4(r.ci95[p][1])}]${UNITS[p]}${r.identified[p] ? "" : " (not determined by these data)"}`]),
    ...(r.AU ? [["A U", `${sig4(r.AU.median)}, 95% interval [${sig4(r.AU.ci95[0])}, ${sig4(r.AU.ci95[1])}] (all these data determine)`] as [string, string]] : []),
    ["log-likelihood", `${r.logLikelihood.toFixed(3)} at the best fit`],
    ["priors", `U uniform on [${r.ranges.U.join(", ")}], tauF and tauD uniform in ln tau on [${r.ranges.tauF.join(", ")}] and [${r.ranges.tauD.join(", ")}] ms; A flat on A > 0; sigma as 1/sigma`],
    ["grid", `${r.grid.rounds} rounds, ${r.grid.candidates} candidates evaluated; final grid ${r.grid.cells.U} x ${r.grid.cells.tauF} x ${r.grid.cells.tauD} (kernel build ${r.grid.build})`],
  ];
  return rows;
}

/** The notes under the rows: the warnings first, then the method. */
export function fitNotes(r: FitResult): string[] {
  return [...r.warnings.map((w) => `Warning: ${w}.`), `Method: ${r.method}.`,
    "Best fit = maximum likelihood (least squares); the intervals are the posterior's, not the best fit's.",
    "Drag on a chart to zoom; double-click to reset."];
}
