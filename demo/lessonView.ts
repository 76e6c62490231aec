// The lesson panel: trial 1's traces gathered chunk by chunk into full-length buffers and drawn
// with the shared figure (src/present/chart.ts) as they arrive. The figure reads only each chunk's
// new samples into its pixel columns, so a redraw costs the chunk plus the pixels, whatever the
// run's length. The summary (pre, post, post/pre) sits beside it.
import uPlot from "uplot";
import { renderLessonFigure, type LessonFigure, type LessonFigureData } from "../src/present/chart.js";
import { LESSON_DEFAULTS, type LessonOptions } from "../src/experiments/lesson.js";
import { TRACES, type Chunk, type Traces } from "./protocol.js";

/** One run on the page: its options, traces so far, and counts. */
export interface PageRun extends Traces {
  id: number;
  options: LessonOptions;
  total: number;
  done: number;
  preSpikes: number;
  postSpikes: number;
  /** Steps done at each drawing of the figure, one per chunk (the run unfolding live). */
  draws: number[];
  /** Every chunk has arrived and been drawn. */
  finished: boolean;
}

export function newRun(id: number, options: LessonOptions): PageRun {
  const total = options.steps!;
  return {
    id, options, total, done: 0,
    pre: new Uint8Array(total), u: new Float32Array(total), x: new Float32Array(total), wdyn: new Float32Array(total),
    v: new Float32Array(total), post: new Uint8Array(total), preSpikes: 0, postSpikes: 0, draws: [], finished: false,
  };
}

/** A run that arrived whole (the live explorer's): its traces as they came, finished. */
export function wholeRun(id: number, options: LessonOptions, traces: Traces, preSpikes: number, postSpikes: number): PageRun {
  const total = traces.u.length;
  const { pre, u, x, wdyn, v, post } = traces;
  return { id, options, total, done: total, pre, u, x, wdyn, v, post, preSpikes, postSpikes, draws: [], finished: true };
}

/** Copy a chunk into the run's buffers. */
export function addChunk(run: PageRun, chunk: Chunk, preSpikes: number, postSpikes: number): void {
  for (const key of TRACES) run[key].set(chunk[key], chunk.from);
  run.done = chunk.from + chunk.u.length;
  run.preSpikes = preSpikes;
  run.postSpikes = postSpikes;
}

/** The figure's data for a run: its full-length buffers and how far they are filled. */
export function figureData(run: PageRun): LessonFigureData {
  const o = run.options;
  return {
    dt: o.dt ?? LESSON_DEFAULTS.dt, steps: run.total, done: run.done,
    u: run.u, x: run.x, wdyn: run.wdyn, v: run.v, pre: run.pre, post: run.post,
    thr: o.thr ?? LESSON_DEFAULTS.thr, vRest: o.vRest ?? LESSON_DEFAULTS.vRest, vReset: o.vReset ?? LESSON_DEFAULTS.vReset,
    weight: o.weight ?? LESSON_DEFAULTS.weight,
  };
}

export class LessonView {
  figure: LessonFigure | null = null;

  constructor(private readonly root: HTMLElement, private readonly summary: { pre: HTMLElement; post: HTMLElement; ratio: HTMLElement }) {}

  /** The figure's uPlot panels (u, x, Wdyn, v, spikes). */
  get charts(): uPlot[] {
    return this.figure?.charts ?? [];
  }

  /** An empty figure spanning the whole run (the panels are made once and reused by later runs). */
  start(run: PageRun): void {
    if (this.figure) this.figure.update(figureData(run));
    else this.figure = renderLessonFigure(uPlot, this.root, figureData(run), { width: this.width() });
    this.showCounts(run);
  }

  /** Draw what has arrived so far. */
  draw(run: PageRun): void {
    this.figure?.update(figureData(run));
    this.showCounts(run);
    run.draws.push(run.done);
  }

  /** Draw a whole run at once, keeping the zoomed time range (the live explorer's runs). */
  show(run: PageRun): void {
    if (this.figure) this.figure.update(figureData(run), { keepView: true });
    else this.figure = renderLessonFigure(uPlot, this.root, figureData(run), { width: this.width() });
    this.showCounts(run);
    run.draws.push(run.done);
  }

  resize(): void {
    this.figure?.setWidth(this.width());
  }

  private showCounts(run: PageRun): void {
    this.summary.pre.textContent = String(run.preSpikes);
    this.summary.post.textContent = String(run.postSpikes);
    this.summary.ratio.textContent = run.preSpikes > 0 ? (run.postSpikes / run.preSpikes).toFixed(4) : "n/a (no pre spike)";
  }

  private width(): number {
    return Math.max(260, Math.min(1100, this.root.clientWidth));
  }

}
