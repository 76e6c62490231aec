// What `stp-wasm sweep` and `stp-wasm merge` write: sweep.csv, sweep.json and sweep.html of a whole
// grid, from its rows alone, so that a merge of shards writes the bytes an unsharded run writes. A
// plain rate sweep (nothing varied, shared seeds) keeps the rate sweep's columns and report.
import { gridTable, isPlainSweep, withUnit, type SweepGridResult } from "../experiments/grid.js";
import { sweepLabel, type ResolvedRateSweep } from "../experiments/sweep.js";
import { gridReportHtml } from "../present/gridReport.js";
import { sweepReportHtml } from "../present/report.js";
import { table } from "../present/table.js";
import { fmt, type Io } from "./args.js";
import { commitWithPngs, reportPngs } from "./output.js";
import type { OutputFolder } from "./atomic.js";

const RESULT_COLUMNS = ["rateHz", "trials", "preSpikes", "postSpikes", "transmissionRatio", "efficacyPerSpike", "transmissionRatioSem", "efficacyPerSpikeSem"] as const;

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
function csvCell(v: unknown): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The report's title. */
export function sweepTitle(result: SweepGridResult): string {
  const o = result.options;
  if (isPlainSweep(o)) return `Rate sweep, ${sweepLabel(o as ResolvedRateSweep)}`;
  const axes = [...Object.keys(o.vary).map(withUnit), "rate (Hz)"];
  return `Rate sweep over a grid of ${result.rowCount} rows: ${axes.join(" x ")}`;
}

/** The three files' contents for a whole grid (rows in index order). */
export function sweepFiles(result: SweepGridResult): { csv: string; json: string; html: string } {
  const o = result.options;
  const plain = isPlainSweep(o);
  const varied = Object.keys(o.vary).filter((k) => k !== "trials");
  const perRow = o.seeds === "per-row";
  const csv = [[...varied, ...RESULT_COLUMNS, ...(perRow ? ["rowSeed"] : [])].join(","),
    ...result.rows.map((r) => [...varied.map((k) => csvCell(r.values[k])), ...RESULT_COLUMNS.map((k) => fmt(r[k])), ...(perRow ? [csvCell(r.seed)] : [])].join(","))];
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  const json = {
    options: o,
    rows: result.rows.map((r) => ({
      ...r.values, ...Object.fromEntries(RESULT_COLUMNS.map((k) => [k, finite(r[k])])), ...(perRow ? { rowSeed: r.seed } : {}),
    })),
    notes: "preSpikes and postSpikes are means per trial; transmissionRatio = total post / total pre; efficacyPerSpike = mean u x over all pre spikes (null where there was no pre spike); *Sem: jackknife standard errors over trials (null for one trial)" +
      (plain ? "" : "; rows: every combination of the values in options.vary (the first varies slowest) with every rate (fastest)") +
      (perRow ? `; rowSeed: the seed the row ran with, "<seed>/<row index>"` : ""),
  };
  const title = sweepTitle(result);
  const html = plain ? sweepReportHtml({ options: o as ResolvedRateSweep, rows: result.rows }, title) : gridReportHtml(result, title);
  return { csv: csv.join("\n") + "\n", json: JSON.stringify(json, null, 2) + "\n", html };
}

/** Print the grid's table and write its three files into `folder`, committed together (and PNG pictures with `png`). */
export async function writeSweepFiles(folder: OutputFolder, result: SweepGridResult, io: Io, png = false): Promise<void> {
  const t = gridTable(result);
  io.out(table(t.header, t.rows, Object.keys(result.options.vary).filter((k) => k !== "trials").length + 2));
  const files = sweepFiles(result);
  folder.writeFile("sweep.csv", files.csv);
  folder.writeFile("sweep.json", files.json);
  folder.writeFile("sweep.html", files.html);
  const pictures = await commitWithPngs(folder, ["sweep.html"], png, io);
  io.out(`\npost/pre = total post spikes / total pre spikes; efficacy / spike = mean u x at the pre spikes (Wdyn / W); ± SEM: jackknife standard error over trials.\n` +
    `wrote ${folder.path("sweep.csv")}, ${folder.path("sweep.json")}, ${folder.path("sweep.html")}\n`);
  reportPngs(pictures, io);
}
