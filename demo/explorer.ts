// The live explorer: sliders for U, tauF, tauD, rate, W and tauM under the lesson's figure. Every
// `input` event re-runs the whole lesson (same seed, all its steps) and redraws the figure, so it
// follows the hand. Runs are coalesced: at most one runs and at most one waits (the latest value);
// the values in between are dropped. The page keeps, per input event, the time from the event to
// the first animation frame after a run that includes it was drawn (stats.latencies).
import type { LessonOptions } from "../src/experiments/lesson.js";
import { Kernel } from "../src/runtime/kernel.js";
import { exploreRun, type Explored } from "./exploreRun.js";
import { SLIDERS, sliderIndex, sliderText, sliderValues, type SliderKey, type SliderSpec } from "./explorerSliders.js";
import type { Reply, Request } from "./protocol.js";
import { WASM_URLS } from "./wasmUrls.js";

/** Where the explorer's runs happen: the lesson's worker, or the page's main thread. */
export type ExploreWhere = "worker" | "main";

export interface Runner {
  readonly where: ExploreWhere;
  run(options: LessonOptions): Promise<Explored>;
}

/** The main thread's kernel memory limit: the demo's longest run (200,000 steps) needs about 6 MB. */
const MAIN_KERNEL_BYTES = 64 * 2 ** 20;

/** Runs in the page's main thread, on a kernel of its own (loaded by warm() or the first run). */
export function mainRunner(): Runner & { warm(): Promise<unknown> } {
  let kernel: Promise<Kernel> | null = null;
  const load = () => (kernel ??= Kernel.load({ wasm: WASM_URLS, maxBytes: MAIN_KERNEL_BYTES }));
  return { where: "main", warm: load, run: async (options) => exploreRun(await load(), options) };
}

/** Runs in the lesson's worker; the page hands the worker's replies to onReply (true: it was ours). */
export function workerRunner(worker: Worker, nextId: () => number): Runner & { onReply(m: Reply): boolean } {
  const waiting = new Map<number, { resolve(r: Explored): void; reject(e: Error): void }>();
  return {
    where: "worker",
    run: (options) => new Promise<Explored>((resolve, reject) => {
      const id = nextId();
      waiting.set(id, { resolve, reject });
      worker.postMessage({ type: "explore", id, options } satisfies Request);
    }),
    onReply(m) {
      const w = "id" in m ? waiting.get(m.id) : undefined;
      if (!w || (m.type !== "explored" && m.type !== "error")) return false;
      waiting.delete(m.id);
      if (m.type === "explored") w.resolve(m.result);
      else w.reject(Object.assign(new Error(m.message), { option: m.option }));
      return true;
    },
  };
}

/** What the explorer measured since the page loaded (for `npm run measure:explorer` and the tests). */
export interface ExplorerStats {
  /** Input events, runs started, runs drawn. */
  inputs: number;
  runs: number;
  drawn: number;
  /** Per input event: ms from its timeStamp to the first animation frame after a run including it was drawn. */
  latencies: number[];
  /** Per drawn run: ms from its request to its result (worker: with both messages), in exploreRun itself, and the figure's update (uPlot's drawing included). */
  resultMs: number[];
  runMs: number[];
  drawMs: number[];
}

/** The coalescing loop: input() as often as events come; draw() for each run that finished. */
export class Explorer {
  readonly stats: ExplorerStats = { inputs: 0, runs: 0, drawn: 0, latencies: [], resultMs: [], runMs: [], drawMs: [] };
  private next: { options: LessonOptions; seq: number } | null = null;
  private busy = false;
  private seq = 0;
  /** Bumped by cancel(): a run in flight from before is not drawn. */
  private generation = 0;
  /** Input events whose run has not been drawn yet: sequence number and timeStamp. */
  private waiting: { seq: number; t: number }[] = [];

  constructor(
    public runner: Runner,
    private readonly draw: (result: Explored, options: LessonOptions) => void,
    private readonly fail: (err: unknown) => void,
  ) {}

  /** Nothing running or waiting (and the last drawn run's frame has come). */
  get idle(): boolean {
    return !this.busy && this.next === null && this.waiting.length === 0;
  }

  /** A slider moved: run `options` now, or after the run in flight (replacing any waiting value). */
  input(options: LessonOptions, eventTime: number): void {
    const seq = ++this.seq;
    this.stats.inputs++;
    this.waiting.push({ seq, t: eventTime });
    this.next = { options, seq };
    if (!this.busy) void this.start();
  }

  /** Forget the waiting value and do not draw the run in flight (another run took the figure). */
  cancel(): void {
    this.generation++;
    this.next = null;
    this.waiting = [];
  }

  private async start(): Promise<void> {
    const job = this.next;
    if (!job) return;
    this.next = null;
    this.busy = true;
    this.stats.runs++;
    const generation = this.generation;
    const t0 = performance.now();
    try {
      const result = await this.runner.run(job.options);
      if (generation !== this.generation) return;
      const t1 = performance.now();
      this.draw(result, job.options);
      // uPlot draws its canvases in a microtask queued by setData: this one comes after it
      queueMicrotask(() => this.stats.drawMs.push(performance.now() - t1));
      this.stats.resultMs.push(t1 - t0);
      this.stats.runMs.push(result.runMs);
      this.stats.drawn++;
      requestAnimationFrame(() => {
        const now = performance.now();
        this.waiting = this.waiting.filter((w) => {
          if (w.seq > job.seq) return true;
          this.stats.latencies.push(now - w.t);
          return false;
        });
      });
    } catch (err) {
      if (generation !== this.generation) return;
      this.waiting = this.waiting.filter((w) => w.seq > job.seq);
      this.fail(err);
    } finally {
      this.busy = false;
      if (this.next) void this.start();
    }
  }
}

/**
 * The sliders: built into `root`; they write the form's fields and call onInput on every move with
 * the time of the user's action behind it: the pointer or key event that moved the slider (the
 * browser's timeStamp), or the input event's own when there was none (a script's).
 */
export class SliderPanel {
  readonly inputs = new Map<SliderKey, HTMLInputElement>();
  private readonly shown = new Map<SliderKey, HTMLElement>();
  private values = new Map<SliderKey, number[]>();
  /** The timeStamp of the pointer or key event of the task in progress, if any. */
  private cause: number | null = null;

  constructor(root: HTMLElement, private readonly field: (key: string) => HTMLInputElement, onInput: (key: SliderKey, eventTime: number) => void) {
    const doc = root.ownerDocument;
    // a slider moves in the task of the pointer or key event that moved it: later tasks forget it
    const note = (e: Event) => {
      this.cause = e.timeStamp;
      setTimeout(() => { if (this.cause === e.timeStamp) this.cause = null; });
    };
    for (const type of ["pointerdown", "pointermove", "keydown"]) doc.addEventListener(type, note, { capture: true, passive: true });
    for (const spec of SLIDERS) {
      const row = doc.createElement("div");
      row.className = "slider";
      const label = doc.createElement("label");
      label.htmlFor = `s-${spec.key}`;
      label.innerHTML = spec.label;
      const value = doc.createElement("span");
      value.className = "slider-value";
      value.id = `o-${spec.key}`;
      value.setAttribute("aria-hidden", "true"); // the range input says it (aria-valuetext)
      const input = doc.createElement("input");
      input.type = "range";
      input.id = `s-${spec.key}`;
      input.min = "0";
      input.step = "1";
      input.title = `${spec.label.replace(/<[^>]+>/g, "")}: ${spec.why}`;
      input.addEventListener("input", (e) => {
        const v = this.values.get(spec.key)![Number(input.value)];
        this.field(spec.key).value = String(v);
        this.showValue(spec, v);
        const at = this.cause !== null && this.cause <= e.timeStamp ? this.cause : e.timeStamp;
        this.cause = null;
        onInput(spec.key, at);
      });
      row.append(label, value, input);
      root.appendChild(row);
      this.inputs.set(spec.key, input);
      this.shown.set(spec.key, value);
    }
    this.sync();
  }

  /** Put the sliders at the form's values (after typing in a field, a preset, another dt). */
  sync(): void {
    const dt = Number(this.field("dt").value);
    for (const spec of SLIDERS) {
      // an unusable dt leaves the positions as they were (the run will say what is wrong with it)
      if (dt > 0 && Number.isFinite(dt)) this.values.set(spec.key, sliderValues(spec, dt));
      const values = this.values.get(spec.key) ?? sliderValues(spec, 1);
      this.values.set(spec.key, values);
      const raw = this.field(spec.key).value.trim();
      const input = this.inputs.get(spec.key)!;
      input.max = String(values.length - 1);
      input.value = String(sliderIndex(spec, values, Number(raw)));
      this.showValue(spec, raw === "" ? NaN : Number(raw));
    }
  }

  private showValue(spec: SliderSpec, v: number): void {
    const text = Number.isFinite(v) ? sliderText(spec, v) : "–";
    this.shown.get(spec.key)!.textContent = text;
    this.inputs.get(spec.key)!.setAttribute("aria-valuetext", text);
  }
}
