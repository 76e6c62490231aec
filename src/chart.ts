// The lesson's charts, drawn with uPlot in a browser: u; x; the synaptic weight as a stepped line;
// the membrane potential with its threshold; pre/post spike rasters. Time cursors and zoom are
// linked. One self-contained function (no imports, uPlot passed in) so that the HTML reports can
// inline its source and the demo can import it: one chart module, not two.
import type uPlotType from "uplot";

/** Columnar data for the lesson's panels: one value per step, t in ms. */
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

export function renderLessonCharts(
  uPlot: typeof uPlotType,
  root: HTMLElement,
  data: LessonChartData,
  options: { width?: number; height?: number } = {},
): uPlotType[] {
  const width = options.width ?? Math.max(320, Math.min(1100, (root.clientWidth || 900) - 8));
  const height = options.height ?? 170;
  const t = Array.from(data.t);
  const charts: uPlotType[] = [];
  let syncing = false;
  const linkZoom = (u: uPlotType, key: string) => {
    if (key !== "x" || syncing) return;
    syncing = true;
    for (const other of charts) if (other !== u) other.setScale("x", { min: u.scales.x.min!, max: u.scales.x.max! });
    syncing = false;
  };
  const panel = (title: string, series: uPlotType.Series[], columns: (number | null)[][], y: uPlotType.Scale = {}, yLabel = "", yValues?: uPlotType.Axis["values"]) => {
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
    }, [t, ...columns] as uPlotType.AlignedData, box);
    charts.push(chart);
    return chart;
  };
  const col = (a: ArrayLike<number>) => Array.from(a);
  const spikesAt = (a: ArrayLike<number>, level: number) => Array.from(a, (s) => (s ? level : null));

  panel("u: release fraction (facilitation)", [{ label: "u", stroke: "#d62728", width: 2 }], [col(data.u)], { range: [0, 1] }, "u");
  panel("x: available resources (depression)", [{ label: "x", stroke: "#1f77b4", width: 2 }], [col(data.x)], { range: [0, 1] }, "x");
  panel("synaptic weight Wdyn = W u x at the last spike", [{
    label: "Wdyn", stroke: "#9467bd", width: 2, paths: uPlot.paths.stepped!({ align: 1 }),
  }], [col(data.wdyn)], {}, "Wdyn");
  panel("membrane potential", [
    { label: "v (mV)", stroke: "#222", width: 1.5 },
    { label: "threshold (mV)", stroke: "#d62728", dash: [6, 4], width: 1 },
  ], [col(data.v), t.map(() => data.thr)], {}, "mV");
  const dot = (stroke: string) => ({ show: true, size: 7, stroke, fill: stroke });
  panel("spikes: presynaptic (top), postsynaptic (bottom)", [
    { label: "pre", stroke: "#2ca02c", paths: () => null, points: dot("#2ca02c") },
    { label: "post", stroke: "#ff7f0e", paths: () => null, points: dot("#ff7f0e") },
  ], [spikesAt(data.pre, 1), spikesAt(data.post, 0)], { range: [-0.5, 1.5] }, "", (_u, splits) => splits.map((v) => (v === 1 ? "pre" : v === 0 ? "post" : "")));
  return charts;
}

// ---- x-y panels for the protocols (issue 6) --------------------------------------------------------

/** One curve of an x-y panel: a line, points, or both; null leaves a gap. */
export interface XYSeries {
  label: string;
  y: (number | null)[];
  color: string;
  style: "line" | "points" | "both";
  dash?: number[];
}

/** One x-y panel: a shared x column (log-scaled if logX), any number of curves. */
export interface XYPanel {
  title: string;
  x: number[];
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  series: XYSeries[];
}

/**
 * Draw x-y panels with uPlot (protocol reports: ratios against interval, efficacy against spike,
 * membrane potential against time). Self-contained like renderLessonCharts: reports inline its source.
 */
export function renderXYPanels(
  uPlot: typeof uPlotType,
  root: HTMLElement,
  panels: XYPanel[],
  options: { width?: number; height?: number } = {},
): uPlotType[] {
  const width = options.width ?? Math.max(320, Math.min(1100, (root.clientWidth || 900) - 8));
  const height = options.height ?? 260;
  return panels.map((p) => {
    const box = document.createElement("figure");
    box.className = "stp-panel";
    root.appendChild(box);
    const series: uPlotType.Series[] = [{ label: p.xLabel }, ...p.series.map((s) => ({
      label: s.label, stroke: s.color, width: s.style === "points" ? 0 : 2, dash: s.dash,
      ...(s.style === "points" ? { paths: () => null } : {}),
      points: s.style === "line" ? { show: false } : { show: true, size: 7, stroke: s.color, fill: s.color },
    }))];
    return new uPlot({
      title: p.title, width, height,
      scales: { x: p.logX ? { time: false, distr: 3 } : { time: false } },
      axes: [{ label: p.xLabel }, { label: p.yLabel, size: 60 }],
      series,
    }, [p.x, ...p.series.map((s) => s.y)] as uPlotType.AlignedData, box);
  });
}
