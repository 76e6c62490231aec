// The lesson panel: trial 0's traces gathered chunk by chunk into full-length buffers and drawn
// with the shared chart module as they arrive; the summary (pre, post, post/pre).
import uPlot from "uplot";
import { renderLessonCharts, type LessonCharts } from "../src/present/chart.js";
import { LESSON_DEFAULTS, type LessonOptions } from "../src/experiments/lesson.js";
import { TRACES, type Chunk, type Traces } from "./protocol.js";

/** One run on the page: its options, traces so far, and counts. */
export interface PageRun extends Traces {
  id: number;
  options: LessonOptions;
  total: number;
  done: number;
  /** Time of each step in ms, (i + 1) * dt. */
  t: Float64Array;
  preSpikes: number;
  postSpikes: number;
  /** Steps done at each drawing of the charts, one per chunk (the run unfolding live). */
  draws: number[];
  /** Every chunk has arrived and been drawn. */
  finished: boolean;
}

export function newRun(id: number, options: LessonOptions): PageRun {
  const total = options.steps!;
  const dt = options.dt!;
  return {
    id, options, total, done: 0, t: Float64Array.from({ length: total }, (_, i) => (i + 1) * dt),
    pre: new Uint8Array(total), u: new Float32Array(total), x: new Float32Array(total), wdyn: new Float32Array(total),
    v: new Float32Array(total), post: new Uint8Array(total), preSpikes: 0, postSpikes: 0, draws: [], finished: false,
  };
}

/** Copy a chunk into the run's buffers. */
export function addChunk(run: PageRun, chunk: Chunk, preSpikes: number, postSpikes: number): void {
  for (const key of TRACES) run[key].set(chunk[key], chunk.from);
  run.done = chunk.from + chunk.u.length;
  run.preSpikes = preSpikes;
  run.postSpikes = postSpikes;
}


export class LessonView {
  charts: LessonCharts | null = null;

  constructor(private readonly root: HTMLElement, private readonly summary: { pre: HTMLElement; post: HTMLElement; ratio: HTMLElement }) {}

  /** Fresh, empty charts spanning the whole run. */
  start(run: PageRun): void {
    this.destroy();
    this.charts = renderLessonCharts(uPlot, this.root, this.data(run), { width: this.width(), height: this.height() });
    this.showCounts(run);
  }

  /** Draw what has arrived so far. */
  draw(run: PageRun): void {
    this.charts?.update(this.data(run));
    this.showCounts(run);
    run.draws.push(run.done);
  }

  resize(): void {
    for (const c of this.charts ?? []) c.setSize({ width: this.width(), height: this.height() });
  }

  private data(run: PageRun) {
    const n = run.done;
    const o = run.options;
    return {
      title: `${o.rateHz} Hz, U = ${o.resources}, tauF = ${o.tauF} ms, tauD = ${o.tauD} ms`,
      t: run.t, thr: run.options.thr ?? LESSON_DEFAULTS.thr,
      u: run.u.subarray(0, n), x: run.x.subarray(0, n), wdyn: run.wdyn.subarray(0, n), v: run.v.subarray(0, n),
      pre: run.pre.subarray(0, n), post: run.post.subarray(0, n),
    };
  }

  private showCounts(run: PageRun): void {
    this.summary.pre.textContent = String(run.preSpikes);
    this.summary.post.textContent = String(run.postSpikes);
    this.summary.ratio.textContent = run.preSpikes > 0 ? (run.postSpikes / run.preSpikes).toFixed(4) : "n/a (no pre spike)";
  }

  private width(): number {
    return Math.max(260, Math.min(1100, this.root.clientWidth - 4));
  }

  private height(): number {
    return window.innerWidth < 600 ? 140 : 170;
  }

  private destroy(): void {
    for (const c of this.charts ?? []) c.destroy();
    this.charts = null;
    this.root.replaceChildren();
  }
}
