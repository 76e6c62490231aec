// The lesson's charts, drawn with uPlot in a browser: u; x; the synaptic weight as a stepped line;
// the membrane potential with its threshold; pre/post spike rasters. Time cursors and zoom are
// linked. One self-contained function (no imports, uPlot passed in) so that the HTML reports can
// inline its source and the demo can import it: one chart module, not two.
import type uPlotType from "uplot";

/**
 * Columnar data for the lesson's panels: one value per step, t in ms. A series shorter than t (a run
 * in progress) is drawn up to its end; the rest of the time axis stays empty.
 */
export interface LessonChartData {
  title: string;
  t: ArrayLike<number>;
  u: ArrayLike<number>;
  x: ArrayLike<number>;
  wdyn: ArrayLike<number>;
  v: ArrayLike<number>;
  /** Spike threshold in mV. */
  thr: number;
  pre: ArrayLike<number>;
  post: ArrayLike<number>;
}

/** The five uPlot charts, in panel order, and `update(data)` to redraw them with new data. */
export type LessonCharts = uPlotType[] & { update(data: LessonChartData): void };

export function renderLessonCharts(
  uPlot: typeof uPlotType,
  root: HTMLElement,
  data: LessonChartData,
  options: { width?: number; height?: number } = {},
): LessonCharts {
  const width = options.width ?? Math.max(320, Math.min(1100, (root.clientWidth || 900) - 8));
  const height = options.height ?? 170;
  const charts: uPlotType[] = [];
  let syncing = false;
  const linkZoom = (u: uPlotType, key: string) => {
    if (key !== "x" || syncing) return;
    syncing = true;
    for (const other of charts) if (other !== u) other.setScale("x", { min: u.scales.x.min!, max: u.scales.x.max! });
    syncing = false;
  };
  const panel = (title: string, series: uPlotType.Series[], y: uPlotType.Scale = {}, yLabel = "", yValues?: uPlotType.Axis["values"]) => {
    const box = document.createElement("figure");
    box.className = "stp-panel";
    root.appendChild(box);
    const chart = new uPlot({
      title, width, height,
      cursor: { sync: { key: "stp-lesson" } },
      scales: { x: { time: false }, y },
      axes: [{ label: "time (ms)" }, { label: yLabel, size: 60, ...(yValues ? { values: yValues, splits: () => [0, 1] } : {}) }],
      series: [{ label: "t (ms)" }, ...series],
      hooks: { setScale: [linkZoom] },
    }, initial[charts.length], box);
    charts.push(chart);
    return chart;
  };
  // each panel's aligned data; series shorter than t are padded with gaps (null)
  function columns(d: LessonChartData): uPlotType.AlignedData[] {
    const time = Array.from(d.t);
    const col = (a: ArrayLike<number>) => time.map((_, i) => (i < a.length ? a[i] : null));
    const spikesAt = (a: ArrayLike<number>, level: number) => time.map((_, i) => (i < a.length && a[i] ? level : null));
    return [
      [time, col(d.u)],
      [time, col(d.x)],
      [time, col(d.wdyn)],
      [time, col(d.v), time.map(() => d.thr)],
      [time, spikesAt(d.pre, 1), spikesAt(d.post, 0)],
    ] as uPlotType.AlignedData[];
  }
  const initial = columns(data);

  panel("u: release fraction (facilitation)", [{ label: "u", stroke: "#d62728", width: 2 }], { range: [0, 1] }, "u");
  panel("x: available resources (depression)", [{ label: "x", stroke: "#1f77b4", width: 2 }], { range: [0, 1] }, "x");
  panel("synaptic weight Wdyn = W u x at the last spike", [{
    label: "Wdyn", stroke: "#9467bd", width: 2, paths: uPlot.paths.stepped!({ align: 1 }),
  }], {}, "Wdyn");
  panel("membrane potential", [
    { label: "v (mV)", stroke: "#222", width: 1.5 },
    { label: "threshold (mV)", stroke: "#d62728", dash: [6, 4], width: 1 },
  ], {}, "mV");
  const dot = (stroke: string) => ({ show: true, size: 7, stroke, fill: stroke });
  panel("spikes: presynaptic (top), postsynaptic (bottom)", [
    { label: "pre", stroke: "#2ca02c", paths: () => null, points: dot("#2ca02c") },
    { label: "post", stroke: "#ff7f0e", paths: () => null, points: dot("#ff7f0e") },
  ], { range: [-0.5, 1.5] }, "", (_u, splits) => splits.map((v) => (v === 1 ? "pre" : v === 0 ? "post" : "")));
  const update = (d: LessonChartData) => {
    const cols = columns(d);
    charts.forEach((chart, i) => chart.setData(cols[i]));
  };
  return Object.assign(charts, { update });
}

/** One line of an XY chart: values aligned with the chart's x (null = no value). */
export interface XYSeries {
  label: string;
  /** One value per x; null leaves a gap. */
  values: (number | null)[];
  /** CSS colour. */
  stroke: string;
  /** Dash pattern in px, e.g. [6, 4] (default solid). */
  dash?: number[];
  /** A line, markers, or both (default both). */
  style?: "line" | "points" | "both";
}

/** A small XY chart, e.g. a rate sweep or a protocol's ratios against interval. */
export interface XYChartData {
  title: string;
  x: number[];
  xLabel: string;
  yLabel: string;
  series: XYSeries[];
  /** Logarithmic x axis (x > 0) (default false). */
  logX?: boolean;
  /** The least y range shown, widened where the data go beyond it (default: from the data). */
  yRange?: [number, number];
}

/**
 * Draw an XY chart into `root`. Self-contained, like renderLessonCharts: HTML reports inline its
 * source, the demo imports it.
 */
export function renderXYChart(
  uPlot: typeof uPlotType,
  root: HTMLElement,
  data: XYChartData,
  options: { width?: number; height?: number } = {},
): uPlotType {
  const width = options.width ?? Math.max(300, Math.min(1100, (root.clientWidth || 900) - 8));
  const height = options.height ?? 320;
  const box = document.createElement("figure");
  box.className = "stp-panel";
  root.appendChild(box);
  return new uPlot({
    title: data.title, width, height,
    scales: {
      x: { time: false, ...(data.logX ? { distr: 3 as const, log: 10 as const } : {}) },
      y: data.yRange ? { range: (_u: uPlotType, min: number, max: number) => [Math.min(data.yRange![0], min), Math.max(data.yRange![1], max)] } : {},
    },
    axes: [{ label: data.xLabel }, { label: data.yLabel, size: 60 }],
    series: [
      { label: data.xLabel },
      ...data.series.map((s) => ({
        label: s.label, stroke: s.stroke, width: 2, spanGaps: true,
        ...(s.dash ? { dash: s.dash } : {}),
        ...(s.style === "points" ? { paths: () => null } : {}),
        points: s.style === "line" ? { show: false } : { show: true, size: 7, stroke: s.stroke, fill: s.stroke },
      })),
    ],
  }, [data.x, ...data.series.map((s) => s.values)] as uPlotType.AlignedData, box);
}
