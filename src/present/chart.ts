// The project's figures, drawn with uPlot in a browser: the lesson's compact figure (u; x; the
// synaptic weight; the membrane potential; spike rasters, on one time axis) and x-y charts (sweeps,
// protocols, histograms), with one palette. Shared by the HTML reports, which inline this module's
// source (chartScript), and by the demo, which imports it: one figure, not two. Every function here
// uses only its arguments, the others here and PALETTE (no imports at run time), and draws in
// O(pixels): a trace is reduced to its minimum and maximum per pixel column before uPlot sees it.
import type uPlotType from "uplot";

/**
 * One colour per meaning, everywhere: the lesson's u (red), x (blue) and Wdyn (purple); the neuron
 * (v, its spikes) in black and its threshold in grey; STF and STD in hues used for nothing else;
 * theory in dark grey (a line), simulations in their synapse's hue (markers), peers (NEST) in brown;
 * a grid's combinations in `sets`.
 */
export const PALETTE = {
  u: "#d62728",
  x: "#1f77b4",
  wdyn: "#9467bd",
  v: "#1a1a1a",
  threshold: "#808080",
  pre: "#6b6b6b",
  post: "#1a1a1a",
  stf: "#e08a00",
  std: "#138f8a",
  custom: "#2e9d3a",
  theory: "#3d3d3d",
  peer: "#8c564b",
  reference: "#9a9a9a",
  counts: "#5a5a5a",
  /** A fit's data (recorded amplitudes) and the fitted model or posterior. */
  recorded: "#1a1a1a",
  fit: "#c2185b",
  grid: "#e6e6e6",
  /**
   * The lines of a sweep grid, one per combination of its varied values, in order (solid, then the
   * same hues dashed): none is the lesson's red, blue or purple, nor the STF or STD hue.
   */
  sets: ["#2e9d3a", "#c2185b", "#9a7b00", "#1a1a1a", "#8a8a8a", "#6d4c41"],
} as const;

// ---- reducing a trace to the pixels it is drawn on -------------------------------------------------

/**
 * Min/max per pixel column of samples [i0, i1) of one trace, kept up to date as samples arrive:
 * `scan(y, upto)` reads only the samples not read yet, so a redraw of a growing run costs its new
 * samples plus the pixel count. `spikes` keeps, per column, the first sample that is non-zero.
 */
export interface Columns {
  i0: number;
  i1: number;
  columns: number;
  /** Samples [i0, scanned) have been read. */
  scanned: number;
  lo: Int32Array;
  hi: Int32Array;
  spikes: boolean;
}

export function newColumns(i0: number, i1: number, columns: number, spikes = false): Columns {
  const lo = new Int32Array(Math.max(1, columns)).fill(-1);
  return { i0, i1, columns: Math.max(1, columns), scanned: i0, lo, hi: lo.slice(), spikes };
}

/** Read samples [scanned, min(upto, i1)) of `y` into their columns. */
export function scanColumns(c: Columns, y: ArrayLike<number>, upto: number): void {
  const end = Math.min(upto, c.i1, y.length);
  const span = c.i1 - c.i0;
  for (let i = c.scanned; i < end; i++) {
    const k = Math.min(c.columns - 1, Math.floor(((i - c.i0) * c.columns) / span));
    const value = y[i];
    if (c.spikes) {
      if (value && c.lo[k] < 0) c.lo[k] = i;
      continue;
    }
    if (value !== value) continue; // NaN: a gap
    if (c.lo[k] < 0 || value < y[c.lo[k]]) c.lo[k] = i;
    if (c.hi[k] < 0 || value > y[c.hi[k]]) c.hi[k] = i;
  }
  if (end > c.scanned) c.scanned = end;
}

/**
 * The sample indices to draw, in time order: per column its minimum and maximum (one index when
 * they coincide), or for spikes the column's first spike. At most 2 per column.
 */
export function columnIndices(c: Columns): number[] {
  const out: number[] = [];
  for (let k = 0; k < c.columns; k++) {
    const a = c.lo[k];
    if (a < 0) continue;
    const b = c.spikes ? a : c.hi[k];
    if (a === b) out.push(a);
    else out.push(Math.min(a, b), Math.max(a, b));
  }
  return out;
}

// ---- ticks --------------------------------------------------------------------------------------

/** Ticks of a log axis: 1, 2 and 5 times each power of ten within [min, max]. */
export function logTicks125(min: number, max: number): number[] {
  const out: number[] = [];
  if (!(min > 0) || !(max >= min)) return out;
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

/** A tick's label: short, without float noise (0.30000000000000004 -> "0.3"). */
export function tickLabel(v: number | null): string {
  if (v === null) return ""; // a tick without a label (uPlot's log axes leave some out)
  if (v === 0) return "0";
  const s = String(Number(v.toPrecision(6)));
  return s.replace("-", "\u2212");
}

/** Evenly spaced ticks from a list of steps (1-2-5), at least `least` of them within [lo, hi]. */
export function linearTicks(lo: number, hi: number, least = 3, most = 6): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const mag = 10 ** Math.floor(Math.log10(span));
  for (const step of [5, 2, 1, 0.5, 0.2, 0.1].map((m) => m * mag)) {
    const first = Math.ceil(lo / step - 1e-9) * step;
    const ticks: number[] = [];
    for (let v = first; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
    if (ticks.length >= least && ticks.length <= most) return ticks;
    if (ticks.length > most) break;
  }
  return [lo, (lo + hi) / 2, hi].map((v) => Number(v.toPrecision(6)));
}

// ---- styling and small DOM helpers ---------------------------------------------------------------

/** The figures' stylesheet, scoped to their own classes (added to the document once). */
export const FIGURE_CSS = `
.stp-figure { font: 13px/1.35 system-ui, sans-serif; color: #1a1a1a; max-width: 100%; }
.stp-figure .uplot { font-family: system-ui, sans-serif; }
.stp-figure .u-title { display: none; }
.stp-readout { font-variant-numeric: tabular-nums; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; height: 1.4em; margin: 0 0 2px; contain: strict; }
.stp-readout b { font-weight: 600; }
.stp-readout .stp-off { visibility: hidden; }
.stp-caption { font-weight: 600; margin: 4px 0 2px; }
.stp-legend { display: flex; flex-wrap: wrap; gap: 2px 14px; margin: 2px 0 4px; font-size: 12.5px; }
.stp-legend span { display: inline-flex; align-items: center; gap: 5px; white-space: nowrap; }
.stp-legend svg { flex: none; }
.stp-panel { margin: 0; contain: layout paint; }
@media (max-width: 480px) { .stp-readout { font-size: 11.5px; letter-spacing: -0.1px; } }
`;

export function ensureFigureStyle(doc: Document): void {
  if (doc.getElementById("stp-figure-css")) return;
  const style = doc.createElement("style");
  style.id = "stp-figure-css";
  style.textContent = FIGURE_CSS;
  doc.head.appendChild(style);
}

/** One legend entry: how a series is drawn (line with its dash, markers filled or hollow, a band, bars). */
export interface LegendKey {
  label: string;
  stroke: string;
  dash?: number[];
  line?: boolean;
  marker?: "filled" | "hollow";
  /** A shaded band (e.g. +-1 SEM) in this colour. */
  band?: boolean;
  bars?: boolean;
}

/** A legend: each entry a small picture of the line (dash pattern included) and its label. */
export function legendElement(doc: Document, keys: LegendKey[]): HTMLElement {
  const box = doc.createElement("div");
  box.className = "stp-legend";
  for (const k of keys) {
    const item = doc.createElement("span");
    let svg = `<svg width="30" height="12" viewBox="0 0 30 12" aria-hidden="true">`;
    if (k.band || k.bars) svg += `<rect x="${k.bars ? 9 : 1}" y="${k.bars ? 1 : 2}" width="${k.bars ? 12 : 28}" height="${k.bars ? 11 : 8}" fill="${k.stroke}" fill-opacity="${k.bars ? 0.75 : 0.22}"/>`;
    if (k.line) svg += `<line x1="1" y1="6" x2="29" y2="6" stroke="${k.stroke}" stroke-width="2"${k.dash ? ` stroke-dasharray="${k.dash.map((d) => d * 0.75).join(" ")}"` : ""}/>`;
    if (k.marker) svg += `<circle cx="15" cy="6" r="3.5" stroke="${k.stroke}" stroke-width="1.6" fill="${k.marker === "filled" ? k.stroke : "#fff"}"/>`;
    item.innerHTML = `${svg}</svg>`;
    item.appendChild(doc.createTextNode(k.label));
    box.appendChild(item);
  }
  return box;
}

// ---- the lesson's figure -------------------------------------------------------------------------

/**
 * A lesson run's traces (trial 1), one value per step; step i is at t = (i + 1) dt ms. Arrays may
 * be shorter than `steps` (a run in progress): the time axis spans `steps` all the same.
 */
export interface LessonFigureData {
  /** Step in ms. */
  dt: number;
  /** Steps the time axis spans. */
  steps: number;
  u: ArrayLike<number>;
  x: ArrayLike<number>;
  wdyn: ArrayLike<number>;
  /** Membrane potential in mV, as recorded: after the reset on a spike step. */
  v: ArrayLike<number>;
  /** 1 on steps with a presynaptic / postsynaptic spike. */
  pre: ArrayLike<number>;
  post: ArrayLike<number>;
  /** Threshold, rest and reset in mV. */
  thr: number;
  vRest: number;
  vReset: number;
  /** The synapse's W: Wdyn is drawn on [0, W] whatever the run, so regimes compare. */
  weight: number;
  /** Steps computed so far, when the arrays are longer (buffers of a run in progress; default: their length). */
  done?: number;
}

/** The figure: its five uPlot panels (u, x, Wdyn, v, spikes) and what a page does with it. */
export interface LessonFigure {
  charts: uPlotType[];
  /** Pixel columns a trace is reduced to (the plots' width in CSS px). */
  readonly columns: number;
  /** The steps whose spikes are drawn (raster ticks; post spikes also as strokes on v): one per column. */
  drawnSpikes(): { pre: number[]; post: number[] };
  /**
   * Draw new data: the same buffers grown (only the new samples are read; the panels are redrawn
   * one per animation frame) or another run (drawn at once; with `keepView`, in the same zoomed
   * time range when its steps and dt are the same: the live explorer's runs).
   */
  update(data: LessonFigureData, options?: { keepView?: boolean }): void;
  /** Panels still to redraw after update(). */
  readonly pending: boolean;
  /** Width in CSS px of the whole figure. */
  setWidth(width: number): void;
  destroy(): void;
}

/** Plot heights in CSS px (at least 110 at any width) and the time axis' height below the last panel. */
export const FIGURE_LAYOUT = { plot: 116, gap: 8, timeAxis: 48, yAxis: 58 };

export function renderLessonFigure(
  uPlot: typeof uPlotType,
  root: HTMLElement,
  first: LessonFigureData,
  options: { width?: number } = {},
): LessonFigure {
  const doc = root.ownerDocument;
  ensureFigureStyle(doc);
  root.classList.add("stp-figure");
  let data = first;
  let width = options.width ?? Math.max(300, Math.min(1100, root.clientWidth || 900));
  const L = FIGURE_LAYOUT;
  const readout = doc.createElement("div");
  readout.className = "stp-readout";
  readout.setAttribute("aria-live", "off");
  root.appendChild(readout);

  const tOf = (i: number) => (i + 1) * data.dt;
  const doneOf = (d: LessonFigureData) => Math.min(d.done ?? d.u.length, d.u.length, d.steps);
  const full = () => [0, data.steps * data.dt] as [number, number];
  let range = full();
  const vLo = () => Math.min(data.vReset, data.vRest) - 2;
  const vHi = () => data.thr + 8;
  const vTicks = () => {
    const lo = Math.min(data.vReset, data.vRest);
    const ticks = linearTicks(lo, data.thr, 3, 5);
    return ticks.filter((t) => t >= lo - 1e-9 && t <= data.thr + 1e-9);
  };
  const names = ["u", "x", "Wdyn", "v (mV)", "spikes"];
  const keys = ["u", "x", "wdyn", "v", "spikes"] as const;
  const charts: uPlotType[] = [];
  /** Per panel, per series: the pixel columns of the visible range. */
  let cols: Columns[][] = [];
  let syncing = false;

  function plotColumns(): number {
    return Math.max(50, Math.round(width - L.yAxis - 24));
  }

  /** Columns for the visible time range [range[0], range[1]], empty. */
  function freshColumns(): Columns[][] {
    const dt = data.dt;
    const i0 = Math.max(0, Math.floor(range[0] / dt) - 2);
    const i1 = Math.min(data.steps, Math.ceil(range[1] / dt) + 1);
    const n = plotColumns();
    return [
      [newColumns(i0, i1, n)],
      [newColumns(i0, i1, n)],
      [newColumns(i0, i1, n)],
      [newColumns(i0, i1, n), newColumns(i0, i1, n, true)],
      [newColumns(i0, i1, n, true), newColumns(i0, i1, n, true)],
    ];
  }

  /** Each panel's columns for uPlot: the time axis' ends (no value), then the reduced samples. */
  // per panel, buffers the reduced samples are written into (no allocation per redraw: a live run
  // redraws many times a second), and the raster's fixed placeholder data (its hook draws it)
  let bufs: { x: Float64Array; y: Float64Array; thr: Float64Array }[] = [];
  const rasterData = [[0, 1], [null, null]] as unknown as uPlotType.AlignedData;

  const sourcesOf = (d: LessonFigureData): ArrayLike<number>[][] => [[d.u], [d.x], [d.wdyn], [d.v, d.post], [d.pre, d.post]];

  /** Read the samples that arrived since the last call into every panel's pixel columns. */
  function scanAll(): void {
    const done = doneOf(data);
    const sources = sourcesOf(data);
    cols.forEach((panel, p) => panel.forEach((c, s) => scanColumns(c, sources[p][s], done)));
  }

  /** Panel p's columns for uPlot: per pixel column its smallest and largest sample, in time order. */
  function panelData(p: number): uPlotType.AlignedData {
    if (p === 4) return rasterData;
    if (bufs.length === 0 || bufs[0].x.length < 2 * plotColumns()) {
      bufs = [0, 1, 2, 3].map(() => ({ x: new Float64Array(2 * plotColumns()), y: new Float64Array(2 * plotColumns()), thr: new Float64Array(2 * plotColumns()) }));
    }
    const b = bufs[p];
    const c = cols[p][0];
    const y = sourcesOf(data)[p][0];
    let n = 0;
    for (let k = 0; k < c.columns; k++) {
      const lo = c.lo[k];
      if (lo < 0) continue;
      const hi = c.hi[k];
      const first = Math.min(lo, hi);
      b.x[n] = tOf(first);
      b.y[n++] = y[first];
      if (hi !== lo) {
        const second = Math.max(lo, hi);
        b.x[n] = tOf(second);
        b.y[n++] = y[second];
      }
    }
    const xs = b.x.subarray(0, n);
    if (p === 3) return [xs, b.y.subarray(0, n), b.thr.subarray(0, n).fill(data.thr)] as unknown as uPlotType.AlignedData;
    return [xs, b.y.subarray(0, n)] as unknown as uPlotType.AlignedData;
  }

  /** Give panel p its data; setting x again makes uPlot find the visible samples anew. */
  function drawPanel(p: number, rescale: boolean): void {
    charts[p].setData(panelData(p), rescale);
    charts[p].setScale("x", { min: range[0], max: range[1] });
  }

  // A growing run redraws one panel per animation frame, in turn: each of the page's tasks then
  // draws one canvas, however many panels changed, and a live run never holds the page up long.
  const stale = new Set<number>();
  let nextPanel = 0;
  let frame = 0;
  function drawStale(): void {
    frame = 0;
    for (let k = 0; k < charts.length && stale.size > 0; k++) {
      const p = (nextPanel + k) % charts.length;
      if (!stale.has(p)) continue;
      stale.delete(p);
      drawPanel(p, false);
      nextPanel = (p + 1) % charts.length;
      break;
    }
    if (stale.size > 0) frame = requestAnimationFrame(drawStale);
  }

  /** Back to the whole run (double-click). */
  function zoomOut(): void {
    charts[0]?.setScale("x", { min: full()[0], max: full()[1] });
  }

  /**
   * Draw every panel now; `reset`: columns for a new view; `rescale`: another run (its y ranges
   * too). (Their setScale hooks fire later, see the range unchanged and return.)
   */
  function redraw(reset: boolean, rescale = false): void {
    if (reset) cols = freshColumns();
    scanAll();
    stale.clear();
    for (let p = 0; p < charts.length; p++) drawPanel(p, rescale);
  }

  const fmt = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits).replace("-", "\u2212") : "\u2013");
  // the readout's markup is built once; a cursor move or a redraw only changes its numbers' text
  const c = PALETTE;
  const gap = "\u2002";
  readout.innerHTML =
    `t <b></b> ms${gap}<span style="color:${c.u}">u</span> <b></b>${gap}<span style="color:${c.x}">x</span> <b></b>${gap}` +
    `<span style="color:${c.wdyn}">Wdyn</span> <b></b>${gap}v <b></b> mV${gap}` +
    `<span class="stp-off" style="color:${c.pre}">pre</span> <span class="stp-off">post</span>`;
  const numbers = Array.from(readout.querySelectorAll("b"));
  const marks = Array.from(readout.querySelectorAll(".stp-off"));
  function showReadout(i: number | null): void {
    const done = doneOf(data);
    const k = i === null ? done - 1 : Math.max(0, Math.min(done - 1, i));
    const text = k < 0 ? ["", "", "", "", ""]
      : [fmt(tOf(k), data.dt < 1 ? 1 : 0), fmt(data.u[k], 3), fmt(data.x[k], 3), fmt(data.wdyn[k], 3), fmt(data.v[k], 1)];
    numbers.forEach((b, j) => { if (b.textContent !== text[j]) b.textContent = text[j]; });
    marks[0].classList.toggle("stp-off", !(k >= 0 && data.pre[k]));
    marks[1].classList.toggle("stp-off", !(k >= 0 && data.post[k]));
  }

  function onScale(u: uPlotType, key: string): void {
    if (key !== "x" || syncing) return;
    const min = u.scales.x.min!;
    const max = u.scales.x.max!;
    if (min === range[0] && max === range[1]) return;
    syncing = true;
    for (const other of charts) if (other !== u) other.setScale("x", { min, max });
    range = [min, max];
    redraw(true);
    syncing = false;
  }

  function onCursor(u: uPlotType): void {
    const left = u.cursor.left ?? -1;
    if (left < 0) return showReadout(null);
    showReadout(Math.round(u.posToVal(left, "x") / data.dt) - 1);
  }

  /**
   * Vertical strokes (post spikes on v, from threshold up) or raster ticks at the columns' spikes,
   * as filled rectangles, ticks in neighbouring pixels merged into one: a dense raster is a few
   * drawing operations, not one per spike (a canvas' cost per frame grows with its operations).
   */
  function strokeSpikes(u: uPlotType, c: Columns, y0: number, y1: number, colour: string, w: number): void {
    const ctx = u.ctx;
    const top = Math.round(u.valToPos(y1, "y", true));
    const bottom = Math.round(u.valToPos(y0, "y", true));
    const width = Math.max(1, Math.round(w * uPlot.pxRatio));
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    ctx.fillStyle = colour;
    let start = -1;
    let end = -1;
    const flush = () => { if (start >= 0) ctx.fillRect(start, top, end - start + width, bottom - top); };
    for (const i of columnIndices(c)) {
      const x = Math.round(u.valToPos(tOf(i), "x", true) - width / 2);
      if (start >= 0 && x <= end + width) end = x;
      else {
        flush();
        start = end = x;
      }
    }
    flush();
    ctx.restore();
  }

  /** More samples in view than pixel columns: traces are drawn as per-column envelopes. */
  const dense = () => (range[1] - range[0]) / data.dt >= plotColumns();
  const linear = uPlot.paths.linear!();
  const stepped = uPlot.paths.stepped!({ align: 1 });
  /** uPlot's own line where samples are sparse; nothing (the envelope, below) where dense. */
  const lineOr = (builder: uPlotType.Series.PathBuilder): uPlotType.Series.PathBuilder =>
    (u, si, i0, i1) => (dense() ? null : builder(u, si, i0, i1));

  /**
   * A dense trace as one filled path of per-column rectangles, each from the column's smallest to
   * its largest value, joined to the previous column's last value: what a polyline through min and
   * max per pixel shows, at a fraction of a canvas' cost for thick zigzag lines.
   */
  function drawEnvelope(u: uPlotType, si: number, colour: string, lineWidth: number): void {
    const xs = u.data[0] as number[];
    const ys = u.data[si] as (number | null)[];
    const w = Math.max(1, Math.round(lineWidth * uPlot.pxRatio));
    const path = new Path2D();
    let col = NaN;
    let lo = 0;
    let hi = 0;
    let last = NaN;
    let prevLast = NaN;
    const flush = () => {
      if (col !== col) return;
      let a = lo;
      let b = hi;
      if (prevLast === prevLast) {
        a = Math.min(a, prevLast);
        b = Math.max(b, prevLast);
      }
      const mid = (a + b) / 2;
      const h = Math.max(b - a, w);
      path.rect(col, Math.round(mid - h / 2), w, Math.round(h));
      prevLast = last;
    };
    for (let i = 0; i < xs.length; i++) {
      const y = ys[i];
      if (y === null || y === undefined) continue;
      const px = Math.floor(u.valToPos(xs[i], "x", true));
      const py = u.valToPos(y, "y", true);
      if (px !== col) {
        flush();
        col = px;
        lo = hi = py;
      } else {
        lo = Math.min(lo, py);
        hi = Math.max(hi, py);
      }
      last = py;
    }
    flush();
    const ctx = u.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    ctx.fillStyle = colour;
    ctx.fill(path);
    ctx.restore();
  }
  const envelope = (colour: string, lineWidth: number) => (u: uPlotType) => { if (dense()) drawEnvelope(u, 1, colour, lineWidth); };

  const axisFont = "11px system-ui, sans-serif";
  const labelFont = "12px system-ui, sans-serif";
  function panel(p: number): void {
    const last = p === keys.length - 1;
    const box = doc.createElement("figure");
    box.className = "stp-panel";
    box.dataset.panel = keys[p];
    root.appendChild(box);
    const yAxis: uPlotType.Axis = { label: names[p], labelFont, font: axisFont, size: L.yAxis - 20, labelSize: 20, gap: 3, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { size: 4 } };
    const xAxis: uPlotType.Axis = last
      ? { label: "time (ms)", labelFont, font: axisFont, size: L.timeAxis - 18, labelSize: 18, space: 64, grid: { stroke: PALETTE.grid, width: 1 } }
      : { values: (_u, splits) => splits.map(() => ""), size: 6, gap: 0, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { size: 3 } };
    const unit: uPlotType.Scale = { range: [-0.04, 1.04] };
    let series: uPlotType.Series[] = [];
    let scale: uPlotType.Scale = unit;
    let splits: number[] | (() => number[]) = [0, 0.5, 1];
    let values: uPlotType.Axis["values"] = (_u, s) => s.map(tickLabel);
    const hooks: uPlotType.Hooks.Arrays = { setScale: [onScale], setCursor: [onCursor] };
    if (keys[p] === "u") {
      series = [{ label: "u", stroke: PALETTE.u, width: 1.6, paths: lineOr(linear) }];
      hooks.draw = [envelope(PALETTE.u, 1.6)];
    } else if (keys[p] === "x") {
      series = [{ label: "x", stroke: PALETTE.x, width: 1.6, paths: lineOr(linear) }];
      hooks.draw = [envelope(PALETTE.x, 1.6)];
    }
    else if (keys[p] === "wdyn") {
      series = [{ label: "Wdyn", stroke: PALETTE.wdyn, width: 1.6, paths: lineOr(stepped) }];
      hooks.draw = [envelope(PALETTE.wdyn, 1.6)];
      scale = { range: () => [-0.04 * data.weight, 1.04 * data.weight] };
      splits = () => [0, data.weight / 2, data.weight];
    } else if (keys[p] === "v") {
      series = [
        { label: "v", stroke: PALETTE.v, width: 1.2, paths: lineOr(linear) },
        { label: "threshold", stroke: PALETTE.threshold, width: 1, dash: [5, 4] },
      ];
      scale = { range: () => [vLo(), vHi()] };
      splits = vTicks;
      hooks.draw = [envelope(PALETTE.v, 1.2), (u) => {
        strokeSpikes(u, cols[3][1], data.thr, vHi(), PALETTE.post, 1.2);
        const ctx = u.ctx;
        ctx.save();
        ctx.fillStyle = PALETTE.threshold;
        ctx.font = `${10 * uPlot.pxRatio}px system-ui, sans-serif`;
        ctx.textAlign = "right";
        // a white halo keeps the label readable where spike strokes cross it
        const at: [number, number] = [u.bbox.left + u.bbox.width - 4 * uPlot.pxRatio, u.valToPos(data.thr, "y", true) - 3 * uPlot.pxRatio];
        ctx.strokeStyle = "#fff";
        ctx.lineWidth = 3 * uPlot.pxRatio;
        ctx.lineJoin = "round";
        ctx.strokeText("threshold", ...at);
        ctx.fillText("threshold", ...at);
        ctx.restore();
      }];
    } else {
      series = [{ label: "pre", stroke: PALETTE.pre, paths: () => null, points: { show: false } }];
      scale = { range: [0, 2] };
      splits = [0.5, 1.5];
      values = (_u, s) => s.map((v) => (v > 1 ? "pre" : "post"));
      hooks.draw = [(u) => {
        strokeSpikes(u, cols[4][0], 1.15, 1.85, PALETTE.pre, 1.2);
        strokeSpikes(u, cols[4][1], 0.15, 0.85, PALETTE.post, 1.4);
      }];
    }
    const splitsFn = typeof splits === "function" ? splits : (() => splits as number[]);
    const chart = new uPlot({
      width, height: L.plot + (last ? L.timeAxis + 4 : L.gap + 6),
      padding: [last ? 4 : 6, 22, 0, 0],
      legend: { show: false },
      cursor: {
        sync: { key: "stp-lesson" }, points: { show: false }, drag: { x: true, y: false },
        // uPlot would zoom out to the data's ends; the time axis spans the run, whatever has arrived
        bind: { dblclick: () => () => { zoomOut(); return null; } },
      },
      scales: { x: { time: false }, y: scale },
      axes: [xAxis, { ...yAxis, splits: () => splitsFn(), values }],
      series: [{ label: "t (ms)" }, ...series],
      hooks,
    }, [[0, 1], ...series.map(() => [null, null])] as unknown as uPlotType.AlignedData, box);
    chart.setScale("x", { min: range[0], max: range[1] });
    charts.push(chart);
  }

  cols = freshColumns();
  for (let p = 0; p < keys.length; p++) panel(p);
  redraw(false);
  showReadout(null);

  return {
    charts,
    get columns() {
      return plotColumns();
    },
    drawnSpikes() {
      return { pre: columnIndices(cols[4][0]), post: columnIndices(cols[4][1]) };
    },
    update(next: LessonFigureData, options: { keepView?: boolean } = {}): void {
      // the same buffers grown: read only the new samples; anything else starts over
      const sameAxis = next.steps === data.steps && next.dt === data.dt;
      const fresh = !sameAxis || next.u !== data.u || doneOf(next) < doneOf(data);
      data = next;
      if (fresh) {
        if (!(options.keepView && sameAxis)) range = full();
        cols = freshColumns();
        redraw(false, true);
      } else {
        scanAll();
        for (let p = 0; p < charts.length; p++) stale.add(p);
        if (!frame) frame = typeof requestAnimationFrame === "function" ? requestAnimationFrame(drawStale) : (drawStale(), 0);
      }
      showReadout(null);
    },
    get pending() {
      return stale.size > 0;
    },
    setWidth(w: number): void {
      width = w;
      bufs = [];
      for (const c of charts) c.setSize({ width: w, height: c.height });
      redraw(true);
    },
    destroy(): void {
      if (frame) cancelAnimationFrame(frame);
      stale.clear();
      for (const c of charts) c.destroy();
      root.replaceChildren();
    },
  };
}

// ---- x-y charts ----------------------------------------------------------------------------------

/** One series of an x-y chart. */
export interface XYSeries {
  label: string;
  /** Its own x values (default: the chart's x). */
  x?: number[];
  /** One value per x; null leaves a gap. */
  values: (number | null)[];
  /** CSS colour. */
  stroke: string;
  /** Dash pattern in px, e.g. [6, 4] (default solid). */
  dash?: number[];
  /** A line, markers, both, or bars (default both). */
  style?: "line" | "points" | "both" | "bars";
  /** Hollow markers (default filled). */
  hollow?: boolean;
  /** A shaded band around the series, e.g. mean +- SEM: its lower and upper values per x. */
  band?: { lo: (number | null)[]; hi: (number | null)[]; label: string };
  /** Leave it out of the legend (e.g. a second panel's repeat). */
  noLegend?: boolean;
}

/** An x-y chart: a sweep, a protocol's ratios, a histogram. */
export interface XYChartData {
  /** A caption above the chart. */
  title: string;
  x: number[];
  xLabel: string;
  yLabel: string;
  series: XYSeries[];
  /** Logarithmic x axis (x > 0), ticked 1, 2, 5 per decade (default false). */
  logX?: boolean;
  /** The least y range shown, widened where the data go beyond it (default: from the data). */
  yRange?: [number, number];
  /** Horizontal reference lines, e.g. ratio 1. */
  refLines?: { y: number; label: string }[];
  /** One legend key for every series' band, in grey, after the series (e.g. "shaded: +-1 SEM"; bands then carry no label). */
  bandKey?: string;
  /** Ticks at whole numbers only (counts). */
  integerX?: boolean;
  integerY?: boolean;
}

/** A histogram of whole numbers has a bar per value up to this many values. */
export const INTEGER_BINS = 60;

const INTEGER_INCRS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 1e5, 2e5, 5e5, 1e6];

/** The legend keys of an x-y chart's series, bands and reference lines. */
export function xyLegendKeys(data: XYChartData): LegendKey[] {
  const keys: LegendKey[] = [];
  for (const s of data.series) {
    if (s.noLegend) continue;
    const style = s.style ?? "both";
    keys.push({
      label: s.label, stroke: s.stroke, dash: s.dash, line: style === "line" || style === "both",
      marker: style === "points" || style === "both" ? (s.hollow ? "hollow" : "filled") : undefined, bars: style === "bars",
    });
    if (s.band?.label) keys.push({ label: s.band.label, stroke: s.stroke, band: true });
  }
  if (data.bandKey) keys.push({ label: data.bandKey, stroke: PALETTE.counts, band: true });
  for (const r of data.refLines ?? []) keys.push({ label: r.label, stroke: PALETTE.reference, dash: [2, 3], line: true });
  return keys;
}

/** Draw an x-y chart into `root`: caption, legend, chart, and a readout of the values at the cursor. */
export function renderXYChart(
  uPlot: typeof uPlotType,
  root: HTMLElement,
  data: XYChartData,
  options: { width?: number; height?: number } = {},
): uPlotType {
  const doc = root.ownerDocument;
  ensureFigureStyle(doc);
  const width = options.width ?? Math.max(300, Math.min(1100, (root.clientWidth || 900) - 8));
  const height = options.height ?? 320;
  const box = doc.createElement("figure");
  box.className = "stp-figure stp-panel";
  root.appendChild(box);
  const caption = doc.createElement("figcaption");
  caption.className = "stp-caption";
  caption.textContent = data.title;
  box.appendChild(caption);
  box.appendChild(legendElement(doc, xyLegendKeys(data)));
  const readout = doc.createElement("div");
  readout.className = "stp-readout";
  readout.innerHTML = "&nbsp;";

  // one x for every series: the union of their x values, each series null where it has none
  const xs = [...new Set([...data.x, ...data.series.flatMap((s) => s.x ?? [])])].sort((a, b) => a - b);
  const align = (x: number[], v: (number | null)[]) => {
    const at = new Map(x.map((xv, i) => [xv, v[i]]));
    return xs.map((xv) => at.get(xv) ?? null);
  };
  const columns: (number | null)[][] = [];
  const bars = data.series.some((s) => s.style === "bars");
  let barWidth = xs.length > 1 ? Infinity : 1;
  for (let i = 1; i < xs.length; i++) barWidth = Math.min(barWidth, xs[i] - xs[i - 1]);
  const series: uPlotType.Series[] = [{ label: data.xLabel }];
  const bands: uPlotType.Band[] = [];
  const labels: string[] = [];
  for (const s of data.series) {
    const x = s.x ?? data.x;
    const style = s.style ?? "both";
    if (s.band) {
      columns.push(align(x, s.band.hi), align(x, s.band.lo));
      series.push({ label: `${s.label} +`, stroke: "transparent", width: 0, points: { show: false }, spanGaps: true }, { label: `${s.label} -`, stroke: "transparent", width: 0, points: { show: false }, spanGaps: true });
      labels.push("", "");
      bands.push({ series: [series.length - 2, series.length - 1], fill: s.stroke + "38" });
    }
    columns.push(align(x, s.values));
    labels.push(s.label);
    series.push({
      label: s.label, stroke: s.stroke, width: style === "bars" ? 1 : 2, spanGaps: style !== "bars",
      ...(s.dash ? { dash: s.dash } : {}),
      ...(style === "points" ? { paths: () => null } : {}),
      ...(style === "bars" ? { paths: uPlot.paths.bars!({ size: [0.85, Infinity], align: 0 }), fill: s.stroke + "bf" } : {}),
      // hollow markers (theory, peers) ring the filled ones (simulations) they may sit on
      points: style === "line" || style === "bars" ? { show: false } : { show: true, size: s.hollow ? 10 : 6, width: 1.6, stroke: s.stroke, fill: s.hollow ? "transparent" : s.stroke },
    });
  }
  const refs = data.refLines ?? [];
  /** Reference lines across the whole plot, under the series. */
  const drawRefs = (u: uPlotType) => {
    const ctx = u.ctx;
    ctx.save();
    ctx.setLineDash([2 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
    ctx.strokeStyle = PALETTE.reference;
    ctx.lineWidth = uPlot.pxRatio;
    ctx.beginPath();
    for (const r of refs) {
      const y = Math.round(u.valToPos(r.y, "y", true)) + 0.5;
      ctx.moveTo(u.bbox.left, y);
      ctx.lineTo(u.bbox.left + u.bbox.width, y);
    }
    ctx.stroke();
    ctx.restore();
  };
  const fmt = (v: number) => (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Number(v.toFixed(2))) : v.toPrecision(4));
  const show = (i: number | null | undefined) => {
    if (i === null || i === undefined || i < 0) {
      readout.innerHTML = "&nbsp;";
      return;
    }
    const parts = [`${data.xLabel} <b>${fmt(xs[i])}</b>`];
    columns.forEach((c, k) => {
      if (labels[k] && c[i] !== null && c[i] !== undefined) parts.push(`${labels[k]} <b>${fmt(c[i]!)}</b>`);
    });
    readout.innerHTML = parts.join(" &nbsp; ");
  };
  const axisFont = "11px system-ui, sans-serif";
  const labelFont = "12px system-ui, sans-serif";
  const chart = new uPlot({
    width, height,
    legend: { show: false },
    cursor: { points: { size: 7 }, drag: { x: true, y: false } },
    scales: {
      // a log axis spans the data with a margin (uPlot would round it out to whole decades); bars
      // get half a bar's room at each end and stand on 0
      x: data.logX
        ? { time: false, distr: 3 as const, log: 10 as const, range: (_u: uPlotType, min: number, max: number) => [min / 1.2, max * 1.2] as [number, number] }
        : bars ? { time: false, range: (_u: uPlotType, min: number, max: number) => [min - barWidth / 2, max + barWidth / 2] as [number, number] }
          : { time: false, range: (_u: uPlotType, min: number, max: number) => { const pad = Math.max(data.integerX ? 0.5 : 0, 0.03 * (max - min)) || 1; return [min - pad, max + pad] as [number, number]; } },
      y: {
        range: (_u: uPlotType, min: number, max: number): [number, number] => {
          let lo = Math.min(data.yRange ? data.yRange[0] : min, min, ...refs.map((r) => r.y));
          let hi = Math.max(data.yRange ? data.yRange[1] : max, max, ...refs.map((r) => r.y));
          if (bars) lo = Math.min(0, lo);
          if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
          const pad = data.yRange || bars ? 0.04 * (hi - lo) : 0.08 * (hi - lo);
          return [bars ? lo : lo - pad, hi + pad];
        },
      },
    },
    axes: [
      {
        label: data.xLabel, labelFont, font: axisFont, size: 28, labelSize: 20, grid: { stroke: PALETTE.grid, width: 1 },
        ...(data.logX ? {
          splits: (u: uPlotType) => logTicks125(u.scales.x.min!, u.scales.x.max!),
          // every 1-2-5 tick labelled where there is room (about 34 px a label), else the 1s and 5s, else the 1s
          filter: (u: uPlotType, splits: number[]) => {
            const room = u.bbox.width / uPlot.pxRatio / Math.max(1, splits.length);
            const keep = room >= 34 ? [1, 2, 5] : room >= 20 ? [1, 5] : [1];
            return splits.map((v) => (keep.includes(Number((v / 10 ** Math.floor(Math.log10(v) + 1e-9)).toPrecision(3))) ? v : null));
          },
          values: (_u: uPlotType, s: (number | null)[]) => s.map(tickLabel),
        } : {}),
        ...(data.integerX ? { incrs: INTEGER_INCRS, values: (_u: uPlotType, s: number[]) => s.map(tickLabel) } : {}),
      },
      {
        label: data.yLabel, labelFont, font: axisFont, size: 44, labelSize: 20, grid: { stroke: PALETTE.grid, width: 1 },
        ...(data.integerY ? { incrs: INTEGER_INCRS } : {}), values: (_u: uPlotType, s: number[]) => s.map(tickLabel),
      },
    ],
    series,
    bands,
    hooks: { setCursor: [(u) => show(u.cursor.idx)], drawAxes: [drawRefs] },
  }, [xs, ...columns] as uPlotType.AlignedData, box);
  box.appendChild(readout);
  return chart;
}

/**
 * The counts of `values` in bins (x: bin centres): whole numbers one bin each while they span at
 * most INTEGER_BINS values, else bins of a whole number of values; other numbers in `bins` equal
 * bins over their range. Loops only (a run may have 100,000 trials and more).
 */
export function histogram(values: number[], integer: boolean, bins = 20): { x: number[]; counts: number[]; width: number } {
  let lo = Infinity;
  let hi = -Infinity;
  let any = false;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    any = true;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!any) return { x: [], counts: [], width: 1 };
  if (integer) {
    const span = hi - lo + 1;
    const width = span <= INTEGER_BINS ? 1 : Math.ceil(span / INTEGER_BINS);
    const n = Math.ceil(span / width);
    const x = Array.from({ length: n }, (_, i) => lo + i * width + (width - 1) / 2);
    const counts = x.map(() => 0);
    for (const v of values) if (Number.isFinite(v)) counts[Math.floor((v - lo) / width)]++;
    return { x, counts, width };
  }
  const width = hi > lo ? (hi - lo) / bins : 1;
  const n = hi > lo ? bins : 1;
  const x = Array.from({ length: n }, (_, i) => Number((lo + (i + 0.5) * width).toPrecision(10))); // bin centres
  const counts = x.map(() => 0);
  for (const v of values) if (Number.isFinite(v)) counts[Math.min(n - 1, Math.floor((v - lo) / width))]++;
  return { x, counts, width };
}

/** Every function and constant above, as the source text of a script (the HTML reports inline it). */
export function chartScript(): string {
  const fns = [newColumns, scanColumns, columnIndices, logTicks125, tickLabel, linearTicks, ensureFigureStyle, legendElement,
    renderLessonFigure, xyLegendKeys, renderXYChart, histogram];
  return [
    `const PALETTE = ${JSON.stringify(PALETTE)};`,
    `const FIGURE_CSS = ${JSON.stringify(FIGURE_CSS)};`,
    `const FIGURE_LAYOUT = ${JSON.stringify(FIGURE_LAYOUT)};`,
    `const INTEGER_INCRS = ${JSON.stringify(INTEGER_INCRS)};`,
    `const INTEGER_BINS = ${INTEGER_BINS};`,
    ...fns.map((f) => `const ${f.name} = ${f.toString()};`),
  ].join("\n");
}
