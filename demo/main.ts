// The demo page: wires the forms, the kernel workers (one for runs, one for sweeps, one for the
// large network), the live explorer's sliders and the views.
import "uplot/dist/uPlot.min.css";
import { PRESETS, type LessonOptions, type Preset } from "../src/experiments/lesson.js";
import { sweepLabel } from "../src/experiments/sweep.js";
import { $, applyPreset, clearErrors, matchingPreset, readLesson, readSweep, showError } from "./form.js";
import { addChunk, LessonView, newRun, wholeRun, type PageRun } from "./lessonView.js";
import { Explorer, mainRunner, SliderPanel, workerRunner, type ExploreWhere } from "./explorer.js";
import type { BigReply, BigRequest, Reply, Request } from "./protocol.js";
import { SweepView, type PageSweep } from "./sweepView.js";
import { addBigReply, BigView, newBigRun, type BigRun } from "./bigView.js";
import { StpOptionError } from "../src/core/errors.js";

/** Chunks per run: the page draws after each one, so a run unfolds over about this many frames. */
const CHUNKS = 50;

const status = $<HTMLParagraphElement>("kernel-status");
const lessonForm = $<HTMLFormElement>("lesson-form");
const sweepForm = $<HTMLFormElement>("sweep-form");
const formError = $<HTMLParagraphElement>("form-error");
const sweepError = $<HTMLParagraphElement>("sweep-error");
const runProgress = $<HTMLProgressElement>("run-progress");
const sweepProgress = $<HTMLProgressElement>("sweep-progress");
const lessonView = new LessonView($("charts"), { pre: $("pre-spikes"), post: $("post-spikes"), ratio: $("post-pre") });
const sweepView = new SweepView($("sweep-chart"), $("sweep-tables"));
const bigView = new BigView($("big-chart"), $("big-stats"));
const bigForm = $<HTMLFormElement>("big-form");
const bigError = $<HTMLParagraphElement>("big-error");
const bigProgress = $<HTMLProgressElement>("big-progress");

/** What the page holds, for people poking at it in the console (and for the browser tests). */
const state = {
  mode: null as string | null,
  isolated: globalThis.crossOriginIsolated === true,
  run: null as PageRun | null,
  sweeps: [] as PageSweep[],
  /** Sweeps still to run, in order. */
  queue: [] as PageSweep[],
  lessonView,
  sweepView,
  /** The large network's run, if one was started. */
  big: null as BigRun | null,
  bigView,
  errors: [] as string[],
  /** The live explorer (its runner, stats and idle flag) and its sliders. */
  explorer: null as Explorer | null,
  sliders: null as SliderPanel | null,
};
(globalThis as unknown as { stpDemo: typeof state }).stpDemo = state;

let preset: Preset = "stf";
let nextId = 1;

function showStatus(text: string, kind: "ok" | "warn" | "error"): void {
  status.textContent = text;
  status.className = `status ${kind}`;
}

function failed(text: string): void {
  state.errors.push(text);
  showStatus(text, "error");
}

function startWorker(onReply: (m: Reply) => void, big = false): Worker | null {
  try {
    const worker = big
      ? new Worker(new URL("./bigWorker.ts", import.meta.url), { type: "module" })
      : new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<Reply>) => onReply(e.data);
    worker.onerror = (e) => failed(`The kernel worker failed: ${e.message || "it could not be started"}.`);
    return worker;
  } catch (err) {
    failed(`This browser cannot start the kernel worker (${err instanceof Error ? err.message : String(err)}); the demo needs module Web Workers.`);
    return null;
  }
}

const send = (worker: Worker | null, m: Request) => worker?.postMessage(m);

// ---- the lesson run ------------------------------------------------------------------------------

const lessonWorker = startWorker((m) => {
  if (exploreInWorker?.onReply(m)) return;
  if (m.type === "ready") {
    state.mode = m.mode;
    document.body.dataset.mode = m.mode;
    if (m.mode === "shared") showStatus("Kernel: shared-memory WebAssembly build (this page is cross-origin isolated).", "ok");
    else {
      showStatus("Kernel: plain WebAssembly build. This page is not cross-origin isolated (its host sends no COOP/COEP headers), " +
        "so shared memory is not available here; the results are the same to the bit.", "warn");
    }
  } else if (m.type === "chunk") {
    const run = state.run;
    if (!run || run.id !== m.id) return;
    addChunk(run, m.chunk, m.preSpikes, m.postSpikes);
    runProgress.value = run.done / run.total;
    requestAnimationFrame(() => {
      if (state.run !== run) return;
      lessonView.draw(run);
      if (m.last) {
        run.finished = true;
        lessonForm.dataset.state = "done";
      } else send(lessonWorker, { type: "ack", id: run.id });
    });
  } else if (m.type === "error") {
    if (m.id === 0) failed(m.message);
    else if (state.run?.id === m.id) showError(formError, m.message);
  }
});

/** The form's lesson options, or null after showing why they were refused. */
function lessonOrError(): LessonOptions | null {
  clearErrors(lessonForm, formError);
  try {
    return readLesson(preset);
  } catch (err) {
    showError(formError, err);
    return null;
  }
}

function run(): void {
  const options = lessonOrError();
  if (!options) return;
  state.explorer?.cancel();
  const r = newRun(nextId++, options);
  state.run = r;
  lessonForm.dataset.state = "running";
  runProgress.value = 0;
  lessonView.start(r);
  send(lessonWorker, { type: "run", id: r.id, options, chunks: CHUNKS });
}

function choosePreset(p: Preset): void {
  preset = p;
  applyPreset(p);
  showPreset();
  state.sliders?.sync();
}

function showPreset(): void {
  const match = matchingPreset();
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-preset]")) b.setAttribute("aria-pressed", String(b.dataset.preset === match));
  const p = PRESETS[match ?? preset];
  $("preset-note").textContent = match
    ? `${match.toUpperCase()}: U = ${p.resources}, τf = ${p.tauF} ms, τd = ${p.tauD} ms`
    : "custom U, τf, τd (edited)";
}

lessonForm.addEventListener("submit", (e) => {
  e.preventDefault();
  run();
});
for (const b of document.querySelectorAll<HTMLButtonElement>("[data-preset]")) b.addEventListener("click", () => choosePreset(b.dataset.preset as Preset));
for (const key of ["resources", "tauF", "tauD"]) $(`f-${key}`).addEventListener("input", showPreset);

// ---- the live explorer -----------------------------------------------------------------------------

/**
 * Where the explorer runs: on the page's main thread (default), or in the lesson's worker with
 * `?explore=worker`. `npm run measure:explorer` measures both: the lesson runs in about 2 ms, and
 * the worker's two messages cost more than that (its result came about 5 ms later), so the main
 * thread draws in fewer frames; it is held up for the run, far below a long task (50 ms).
 */
const exploreWhere: ExploreWhere = new URLSearchParams(location.search).get("explore") === "worker" && lessonWorker ? "worker" : "main";
const exploreInWorker = exploreWhere === "worker" && lessonWorker ? workerRunner(lessonWorker, () => nextId++) : null;
const exploreOnPage = exploreInWorker ? null : mainRunner();
state.explorer = new Explorer(exploreInWorker ?? exploreOnPage!, (result, options) => {
  const r = wholeRun(nextId++, options, result, result.preSpikes, result.postSpikes);
  state.run = r;
  lessonForm.dataset.state = "done";
  runProgress.value = 1;
  lessonView.show(r);
}, (err) => showError(formError, err));
state.sliders = new SliderPanel($("sliders"), (key) => $<HTMLInputElement>(`f-${key}`), (_key, at) => {
  showPreset();
  const options = lessonOrError();
  if (options) state.explorer!.input(options, at);
});
// typing in a field moves its slider (and dt moves the bounds)
lessonForm.addEventListener("input", () => state.sliders!.sync());
document.body.dataset.explore = exploreWhere;

// ---- the rate sweep ------------------------------------------------------------------------------

let sweepWorker = startWorker(onSweepReply);

function onSweepReply(m: Reply): void {
  const sweep = state.sweeps.find((s) => s.id === ("id" in m ? m.id : -1));
  if (m.type === "error" && m.id === 0) failed(m.message);
  if (!sweep) return;
  if (m.type === "row") {
    sweep.rows[m.index] = m.row;
  } else if (m.type === "swept") {
    sweep.result = m.result;
    sweep.rows = m.result.rows;
    nextSweep();
  } else if (m.type === "error") {
    showError(sweepError, m.message);
    state.queue = [];
    sweepForm.dataset.state = "done";
  }
  const total = state.sweeps.reduce((a, s) => a + s.rates.length, 0);
  sweepProgress.value = state.sweeps.reduce((a, s) => a + s.rows.length, 0) / total;
  sweepView.draw(state.sweeps);
}

function nextSweep(): void {
  const s = state.queue.shift();
  if (!s) {
    sweepForm.dataset.state = "done";
    return;
  }
  send(sweepWorker, { type: "sweep", id: s.id, options: s.options });
}

/** Sweep the form's parameters, or (both = true) the STF and STD presets with the form's other parameters. */
function sweep(both: boolean): void {
  clearErrors(sweepForm, sweepError);
  const lesson = lessonOrError();
  if (!lesson) {
    showError(sweepError, "The sweep uses the run's parameters above: fix the one marked there first.");
    return;
  }
  let sets: PageSweep[];
  try {
    const presets: (Preset | null)[] = both ? ["stf", "std"] : [matchingPreset()];
    sets = presets.map((p) => {
      const options = readSweep(p ? { ...lesson, preset: p, ...PRESETS[p] } : lesson);
      const name = p ? p.toUpperCase() : "custom";
      const label = sweepLabel({ preset: p ?? preset, resources: options.resources!, tauF: options.tauF!, tauD: options.tauD! }, name);
      return { id: nextId++, label, name, options, rates: options.rates!, rows: [], result: null };
    });
  } catch (err) {
    showError(sweepError, err);
    return;
  }
  if (state.queue.length > 0 || sweepForm.dataset.state === "running") {
    // a sweep is in progress: drop it with its worker
    sweepWorker?.terminate();
    sweepWorker = startWorker(onSweepReply);
  }
  state.sweeps = sets;
  state.queue = [...sets];
  sweepForm.dataset.state = "running";
  sweepProgress.value = 0;
  sweepView.draw(sets);
  nextSweep();
}

sweepForm.addEventListener("submit", (e) => {
  e.preventDefault();
  sweep(false);
});
$("sweep-both").addEventListener("click", () => sweep(true));

// ---- the large network -----------------------------------------------------------------------------

let bigWorker: Worker | null = null;
let bigTimer: ReturnType<typeof setTimeout> | null = null;
/** The large network's view is redrawn at most this often (ms): the page leaves the cores to its threads. */
const BIG_REDRAW_MS = 250;

function drawBig(): void {
  bigTimer = null;
  const run = state.big;
  if (!run) return;
  bigProgress.value = run.total > 0 ? run.done / run.total : 0;
  bigView.draw(run);
}

function onBigReply(m: BigReply): void {
  const run = state.big;
  if (!run || run.id !== m.id) return;
  addBigReply(run, m);
  if (run.finished) {
    stopBig(false);
    if (bigTimer) clearTimeout(bigTimer);
    drawBig();
  } else if (!bigTimer) bigTimer = setTimeout(() => requestAnimationFrame(drawBig), BIG_REDRAW_MS);
}

function stopBig(terminate: boolean): void {
  if (terminate) {
    bigWorker?.terminate();
    bigWorker = null;
    if (state.big && !state.big.finished) {
      state.big.finished = true;
      bigView.draw(state.big);
    }
  }
  bigForm.dataset.state = "done";
  ($("big-stop") as HTMLButtonElement).disabled = true;
}

function runBig(): void {
  clearErrors(bigForm, bigError);
  const threads = Number(($("f-big-threads") as HTMLSelectElement).value);
  const raw = ($("f-big-seconds") as HTMLInputElement).value.trim();
  const seconds = Number(raw);
  try {
    if (raw === "" || !(seconds >= 0.1 && seconds <= 600)) throw new StpOptionError("big-seconds", raw, "a network time from 0.1 to 600 s");
    if (threads > 1 && !state.isolated) throw new StpOptionError("big-threads", threads, "1 here", "two threads need shared memory, which this page (not cross-origin isolated) does not have");
  } catch (err) {
    showError(bigError, err);
    return;
  }
  // a run in progress is stopped with its worker; a finished one leaves its worker (and its warm
  // simulation) for the next
  if (state.big && !state.big.finished) stopBig(true);
  bigWorker ??= startWorker(onBigReply as unknown as (m: Reply) => void, true);
  const run = newBigRun(nextId++, seconds, threads);
  state.big = run;
  bigForm.dataset.state = "running";
  ($("big-stop") as HTMLButtonElement).disabled = false;
  bigProgress.value = 0;
  bigView.start(run);
  bigWorker?.postMessage({ type: "big", id: run.id, threads, poolThreads: state.isolated ? 2 : 1, seconds } satisfies BigRequest);
}

bigForm.addEventListener("submit", (e) => {
  e.preventDefault();
  runBig();
});
$("big-stop").addEventListener("click", () => stopBig(true));
if (!state.isolated) {
  const two = document.querySelector<HTMLOptionElement>("#f-big-threads option[value='2']")!;
  two.disabled = true;
  two.textContent = "2 (needs an isolated page)";
  ($("f-big-threads") as HTMLSelectElement).value = "1";
}

// ---- layout ----------------------------------------------------------------------------------------

let resizing = 0;
window.addEventListener("resize", () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(() => {
    lessonView.resize();
    bigView.resize();
    if (state.sweeps.length > 0) sweepView.draw(state.sweeps);
  });
});

// first picture without a click: the lesson at the form's values, and the STF / STD contrast
showPreset();
run();
sweep(true);
void exploreOnPage?.warm();
