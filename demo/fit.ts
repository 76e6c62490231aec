// The fit page: a CSV pasted, dropped or opened, fitted in a worker (fitWorker.ts); the result as the
// command line's table, its warnings, and the report's charts (each sweep against the fit, each
// parameter's marginal posterior), drawn with the shared chart module.
import "uplot/dist/uPlot.min.css";
import uPlot from "uplot";
import { renderXYChart } from "../src/present/chart.js";
import { fitNotes, fitPanels, fitTable } from "../src/present/fitReport.js";
import type { FitOptions, FitResult } from "../src/fit/fit.js";
import exampleCsv from "./fit-example.csv?raw";
import type { FitReply, FitRequest } from "./fitProtocol.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $<HTMLParagraphElement>("kernel-status");
const form = $<HTMLFormElement>("fit-form");
const csv = $<HTMLTextAreaElement>("csv");
const errorBox = $<HTMLParagraphElement>("fit-error");
const fitStatus = $<HTMLSpanElement>("fit-status");

/** What the page holds, for people poking at it in the console (and for the browser tests). */
const state = {
  mode: null as string | null,
  build: null as string | null,
  /** idle, running, done or error */
  phase: "idle",
  result: null as FitResult | null,
  error: null as string | null,
  ms: 0,
  errors: [] as string[],
  example: exampleCsv,
};
(globalThis as unknown as { stpFit: typeof state }).stpFit = state;

let worker: Worker | null = null;
let nextId = 1;
let current = 0;

function showStatus(text: string, kind: "ok" | "warn" | "error"): void {
  status.textContent = text;
  status.className = `status ${kind}`;
}

function showError(text: string): void {
  errorBox.textContent = text;
  errorBox.hidden = false;
  state.phase = "error";
  state.error = text;
  fitStatus.textContent = "";
}

try {
  worker = new Worker(new URL("./fitWorker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (e: MessageEvent<FitReply>) => onReply(e.data);
  worker.onerror = (e) => {
    state.errors.push(e.message);
    showStatus(`The fit worker failed: ${e.message || "it could not be started"}.`, "error");
  };
} catch (err) {
  showStatus(`This browser cannot start the fit worker (${err instanceof Error ? err.message : String(err)}); the page needs module Web Workers.`, "error");
}

function onReply(m: FitReply): void {
  if (m.type === "ready") {
    state.mode = m.mode;
    state.build = m.build;
    showStatus(`Kernel: the ${m.build} WebAssembly build, in a Web Worker.`, "ok");
    return;
  }
  if (m.type === "error" && m.id === 0) {
    state.errors.push(m.message);
    showStatus(m.message, "error");
    return;
  }
  if (m.id !== current) return; // superseded by a newer fit
  if (m.type === "error") {
    showError(m.message);
    return;
  }
  state.result = m.result;
  state.ms = m.ms;
  state.phase = "done";
  fitStatus.textContent = `fitted in ${(m.ms / 1000).toFixed(2)} s: ${m.result.grid.candidates} candidates in ${m.result.grid.rounds} grid rounds`;
  draw(m.result);
}

/** The form's options: the ranges, and tauF fixed at 0 for depression only. */
function options(): FitOptions {
  const value = (id: string) => Number(($<HTMLInputElement>(id)).value);
  const depressionOnly = $<HTMLInputElement>("depression-only").checked;
  const ranges: FitOptions["ranges"] = { U: [value("r-U-lo"), value("r-U-hi")], tauD: [value("r-tauD-lo"), value("r-tauD-hi")] };
  if (!depressionOnly) ranges.tauF = [value("r-tauF-lo"), value("r-tauF-hi")];
  return { ranges, fixed: depressionOnly ? { tauF: 0 } : {} };
}

function fit(): void {
  errorBox.hidden = true;
  if (!worker) return;
  current = nextId++;
  state.phase = "running";
  state.error = null;
  fitStatus.textContent = "fitting…";
  const request: FitRequest = { type: "fit", id: current, csv: csv.value, options: options() };
  worker.postMessage(request);
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function draw(r: FitResult): void {
  const t = fitTable(r);
  $("fit-table").innerHTML = `<table class="results" id="fit-results"><thead><tr>${t.header.map((h) => `<th>${escape(h)}</th>`).join("")}</tr></thead><tbody>` +
    t.rows.map((row) => `<tr>${row.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`).join("") +
    `</tbody></table>` + (r.AU ? `<p>A U = ${r.AU.median.toPrecision(4)}, 95% interval [${r.AU.ci95.map((v) => v.toPrecision(4)).join(", ")}]</p>` : "");
  $("warnings").innerHTML = r.warnings.map((w) => `<p class="warning" role="alert">${escape(w)}</p>`).join("");
  $("fit-notes").textContent = `${fitNotes(r).filter((n) => !n.startsWith("Warning")).join(" ")} Log-likelihood at the best fit: ${r.logLikelihood.toFixed(3)}.`;
  const charts = $("fit-charts");
  charts.textContent = "";
  for (const panel of fitPanels(r)) renderXYChart(uPlot, charts, panel, { height: 240 });
}

function load(text: string): void {
  csv.value = text;
  errorBox.hidden = true;
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  fit();
});
$("example").addEventListener("click", () => {
  load(exampleCsv);
  fit();
});
$<HTMLInputElement>("file").addEventListener("change", async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (file) {
    load(await file.text());
    fit();
  }
});
const drop = $("drop");
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", async (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  const file = e.dataTransfer?.files?.[0];
  if (file) {
    load(await file.text());
    fit();
  }
});

// a first picture without a click: the example, fitted
load(exampleCsv);
fit();
