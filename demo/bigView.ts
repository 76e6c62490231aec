// The large network, live: its worker runs 10,000 inputs onto 1,000 neurons as fast as it goes;
// the page shows how far it got, the real-time factor (network time / wall-clock time) and the
// neurons' mean firing rate in each 100 ms, on a time axis fixed to the run's length.
import uPlot from "uplot";
import { ensureFigureStyle, PALETTE, tickLabel } from "../src/present/chart.js";
import type { LiveChunk } from "../src/experiments/live.js";
import { BIG_CHUNK, BIG_POST, type BigReply } from "./protocol.js";

/** One run of the large network, as the page sees it. */
export interface BigRun {
  id: number;
  seconds: number;
  threads: number;
  build: string | null;
  /** Steps done, of total. */
  done: number;
  total: number;
  /** Wall-clock ms since its first step. */
  wallMs: number;
  /** Network time / wall-clock time so far. */
  realTime: number;
  /**
   * The best real-time factor over any 1 s of network time (10 chunks) so far: what the machine
   * gives when nothing else takes its cores (this one is shared; whole runs feel its busy spells).
   */
  bestSecond: number;
  /** Wall-clock ms at the end of each chunk. */
  wall: number[];
  /** Chunk end times (s) and mean rates (Hz per neuron). */
  t: number[];
  rate: number[];
  /** Chunks run with each barrier spin count (NET_SPINS; chosen by src/experiments/spinTuner.ts on 2 threads). */
  spins: Record<number, number>;
  finished: boolean;
  error: string | null;
}

export function newBigRun(id: number, seconds: number, threads: number): BigRun {
  return { id, seconds, threads, build: null, done: 0, total: Math.round(seconds * 1000), wallMs: 0, realTime: 0, bestSecond: 0, wall: [], t: [], rate: [], spins: {}, finished: false, error: null };
}

/** Fold a reply from the worker into the run. */
export function addBigReply(run: BigRun, m: BigReply): void {
  if (m.type === "big-ready") {
    run.threads = m.threads;
    run.build = m.build;
  } else if (m.type === "big-chunks") {
    run.total = m.total;
    for (const c of m.chunks) addChunk(run, c);
  } else if (m.type === "big-done") run.finished = true;
  else if (m.type === "big-error") {
    run.error = m.message;
    run.finished = true;
  }
}

function addChunk(run: BigRun, c: LiveChunk): void {
  run.done = c.done;
  run.wallMs = c.wallMs;
  run.realTime = c.done / c.wallMs; // dt = 1 ms: steps are ms
  run.wall.push(c.wallMs);
  const n = run.wall.length;
  const window = 1000 / BIG_CHUNK; // chunks in 1 s of network time
  if (n >= window) {
    const ms = run.wall[n - 1] - (n > window ? run.wall[n - 1 - window] : 0);
    run.bestSecond = Math.max(run.bestSecond, 1000 / ms);
  }
  run.t.push(c.done / 1000);
  run.rate.push(c.spikes / BIG_POST / (c.steps / 1000));
  run.spins[c.spins] = (run.spins[c.spins] ?? 0) + 1;
}

export class BigView {
  chart: uPlot | null = null;
  private seconds = 0;

  constructor(private readonly root: HTMLElement, private readonly stats: HTMLElement) {}

  start(run: BigRun): void {
    this.chart?.destroy();
    this.root.replaceChildren();
    ensureFigureStyle(document);
    this.root.classList.add("stp-figure");
    this.seconds = run.seconds;
    this.chart = new uPlot({
      width: this.width(), height: window.innerWidth < 600 ? 180 : 220,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: () => [0, this.seconds] }, y: { range: (_u, _min, max) => [0, Math.max(10, Math.ceil((max || 0) / 50) * 50)] } },
      axes: [
        { label: "network time (s)", labelFont: "12px system-ui", font: "11px system-ui", size: 28, labelSize: 20, grid: { stroke: PALETTE.grid } },
        { label: "rate (Hz)", labelFont: "12px system-ui", font: "11px system-ui", size: 44, labelSize: 20, grid: { stroke: PALETTE.grid }, values: (_u, s) => s.map(tickLabel) },
      ],
      series: [{ label: "t (s)" }, { label: "mean rate", stroke: PALETTE.post, width: 1.5 }],
    }, [[], []], this.root);
    this.draw(run);
  }

  /** Draw the run so far: a few hundred points at most (one per 100 ms of network time). */
  draw(run: BigRun): void {
    this.chart?.setData([run.t, run.rate]); // a few hundred points; the time axis stays [0, seconds]
    const threads = `${run.threads} thread${run.threads > 1 ? "s" : ""}${run.build ? ` (${run.build} build)` : ""}`;
    if (run.error) this.stats.textContent = `Stopped: ${run.error}`;
    else if (run.done === 0) this.stats.textContent = `Setting up 10 million synapses on ${threads}…`;
    else {
      const mean = run.rate.length ? run.rate.reduce((a, b) => a + b, 0) / run.rate.length : 0;
      this.stats.textContent = `${(run.done / 1000).toFixed(1)} s of network time in ${(run.wallMs / 1000).toFixed(2)} s on ${threads}: ` +
        `${run.realTime.toFixed(1)}\u00d7 real time${run.bestSecond > 0 ? ` (best second: ${run.bestSecond.toFixed(1)}\u00d7)` : ""}; ` +
        `mean rate ${mean.toFixed(1)} Hz${run.finished ? "" : " (running)"}`;
    }
  }

  resize(): void {
    this.chart?.setSize({ width: this.width(), height: this.chart.height });
  }

  private width(): number {
    return Math.max(260, Math.min(1100, this.root.clientWidth));
  }
}
