// The charts of the recurrent-network reports (stp-wasm paper ...): a spike raster, then panels of
// time series on one time axis (population rates with their detected events, mean u x), shaded
// windows (burn-in, cue), zoom linked across panels. Drawn with uPlot in a browser; one
// self-contained function (no imports, uPlot passed in) so that the HTML reports can inline its
// source, like chart.ts.
import type uPlotType from "uplot";

/** A group of raster rows (e.g. a population), drawn in one colour. */
export interface RasterGroup {
  label: string;
  color: string;
  /** First row of the group and its rows (rows grow upwards from 0). */
  rowStart: number;
  rows: number;
  /** Each spike's time (ms) and row. */
  times: number[];
  rowOf: number[];
}

/** One series of a panel: a value per entry of the panel's t (null: none). */
export interface PaperSeries {
  label: string;
  values: (number | null)[];
  stroke: string;
  /** "line" (default) or "points" (markers only, e.g. detected events). */
  style?: "line" | "points";
  /** Drawn at first (default true); a click on its legend entry toggles it. */
  show?: boolean;
  dash?: number[];
}

export interface PaperPanel {
  title: string;
  yLabel: string;
  /** Times (ms) of the values. */
  t: number[];
  series: PaperSeries[];
  /** The least y range shown (default: from the data). */
  yRange?: [number, number];
  /** Logarithmic y (values > 0). */
  logY?: boolean;
}

export interface PaperChartData {
  /** End of the time axis (ms); it starts at 0. */
  tEndMs: number;
  raster: { title: string; rows: number; groups: RasterGroup[] };
  panels: PaperPanel[];
  /** Shaded windows on every panel, e.g. the cue. */
  windows: { label: string; startMs: number; endMs: number; color: string }[];
}

export function renderPaperCharts(uPlot: typeof uPlotType, root: HTMLElement, data: PaperChartData, options: { width?: number } = {}): uPlotType[] {
  const width = options.width ?? Math.max(320, Math.min(1100, (root.clientWidth || 900) - 8));
  const charts: uPlotType[] = [];
  let syncing = false;
  const linkZoom = (u: uPlotType, key: string) => {
    if (key !== "x" || syncing) return;
    syncing = true;
    for (const other of charts) if (other !== u) other.setScale("x", { min: u.scales.x.min!, max: u.scales.x.max! });
    syncing = false;
  };
  // shaded windows behind the data, and their labels at the top of the plot
  const shade = (u: uPlotType) => {
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    ctx.save();
    for (const w of data.windows) {
      const x0 = u.valToPos(w.startMs, "x", true);
      const x1 = u.valToPos(w.endMs, "x", true);
      ctx.fillStyle = w.color;
      ctx.fillRect(x0, top, x1 - x0, height);
      ctx.fillStyle = "#444";
      ctx.textAlign = "left";
      ctx.textBaseline = "alphabetic";
      ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
      ctx.fillText(w.label, x0 + 3 * devicePixelRatio, top + 12 * devicePixelRatio);
    }
    ctx.restore();
  };
  const box = () => {
    const figure = document.createElement("figure");
    figure.className = "stp-panel";
    root.appendChild(figure);
    return figure;
  };

  // the raster: the spikes are drawn directly on the canvas (tens of thousands of dots)
  const r = data.raster;
  const mids = r.groups.map((g) => g.rowStart + g.rows / 2);
  charts.push(new uPlot({
    title: r.title, width, height: 330,
    cursor: { sync: { key: "stp-paper" }, y: false },
    legend: { show: false },
    scales: { x: { time: false, range: [0, data.tEndMs] }, y: { range: [0, r.rows] } },
    axes: [
      { label: "time (ms)" },
      { size: 112, splits: () => mids, values: () => r.groups.map((g) => g.label) }, // (room for "non-selective")
    ],
    series: [{}, { label: "spikes", stroke: "transparent", points: { show: false } }],
    hooks: {
      setScale: [linkZoom],
      drawClear: [shade],
      draw: [(u: uPlotType) => {
        const ctx = u.ctx;
        const { left, top, width: w, height: h } = u.bbox;
        const dot = Math.max(1, Math.round(1.5 * devicePixelRatio));
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, w, h);
        ctx.clip();
        for (const g of r.groups) {
          ctx.fillStyle = g.color;
          for (let i = 0; i < g.times.length; i++) {
            const x = u.valToPos(g.times[i], "x", true);
            const y = u.valToPos(g.rowOf[i] + 0.5, "y", true);
            ctx.fillRect(x - dot / 2, y - dot / 2, dot, dot);
          }
        }
        ctx.restore();
      }],
    },
  }, [[0, data.tEndMs], [null, null]] as unknown as uPlotType.AlignedData, box()));

  for (const p of data.panels) {
    charts.push(new uPlot({
      title: p.title, width, height: 230,
      cursor: { sync: { key: "stp-paper" } },
      scales: {
        x: { time: false, range: [0, data.tEndMs] },
        y: p.logY
          ? { distr: 3 as const, log: 10 as const }
          : p.yRange ? { range: (_u: uPlotType, min: number, max: number) => [Math.min(p.yRange![0], min), Math.max(p.yRange![1], max)] } : {},
      },
      axes: [{ label: "time (ms)" }, { label: p.yLabel, size: 70 }],
      series: [
        { label: "t (ms)" },
        ...p.series.map((s) => ({
          label: s.label, stroke: s.stroke, width: 1.5, spanGaps: s.style !== "points", show: s.show ?? true,
          ...(s.dash ? { dash: s.dash } : {}),
          ...(s.style === "points" ? { paths: () => null, points: { show: true, size: 8, stroke: s.stroke, fill: s.stroke } } : { points: { show: false } }),
        })),
      ],
      hooks: { setScale: [linkZoom], drawClear: [shade] },
    }, [p.t, ...p.series.map((s) => s.values)] as uPlotType.AlignedData, box()));
  }
  return charts;
}
