// `stp-wasm sweep` (and `protocol rate-sweep`): the lesson at several input rates; sweep.csv/json/html.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rateSweep, resolveRateSweep, sweepLabel, sweepTable, type RateSweepOptions } from "../../experiments/sweep.js";
import { sweepReportHtml } from "../../present/report.js";
import { table } from "../../present/table.js";
import { fmt, type Io } from "../args.js";
import { writePngs } from "../output.js";

export async function sweep(values: Record<string, unknown>, io: Io): Promise<void> {
  const { out: outValue, png, ...options } = values;
  const out = (outValue as string | undefined) ?? join("stp-out", "sweep");
  const { options: o } = resolveRateSweep(options as RateSweepOptions); // every option checked before anything runs
  io.out(`rate sweep, ${sweepLabel(o)}, W = ${o.weight}: ${o.trials} trials of ${o.steps} steps of ${o.dt} ms per rate, seed ${JSON.stringify(o.seed)}\n\n`);
  const result = await rateSweep(options as RateSweepOptions);
  const t = sweepTable(result);
  io.out(table(t.header, t.rows));
  mkdirSync(out, { recursive: true });
  const csv = ["rateHz,trials,preSpikes,postSpikes,transmissionRatio,efficacyPerSpike,transmissionRatioSem,efficacyPerSpikeSem",
    ...result.rows.map((r) => [r.rateHz, r.trials, r.preSpikes, r.postSpikes, r.transmissionRatio, r.efficacyPerSpike, r.transmissionRatioSem, r.efficacyPerSpikeSem].map(fmt).join(","))];
  writeFileSync(join(out, "sweep.csv"), csv.join("\n") + "\n");
  const json = {
    options: o,
    rows: result.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number.isFinite(v) ? v : null]))),
    notes: "preSpikes and postSpikes are means per trial; transmissionRatio = total post / total pre; efficacyPerSpike = mean u x over all pre spikes (null where there was no pre spike); *Sem: jackknife standard errors over trials (null for one trial)",
  };
  writeFileSync(join(out, "sweep.json"), JSON.stringify(json, null, 2) + "\n");
  const html = join(out, "sweep.html");
  writeFileSync(html, sweepReportHtml(result, `Rate sweep, ${sweepLabel(o)}`));
  io.out(`\npost/pre = total post spikes / total pre spikes; efficacy / spike = mean u x at the pre spikes (Wdyn / W); ± SEM: jackknife standard error over trials.\n` +
    `wrote ${join(out, "sweep.csv")}, ${join(out, "sweep.json")}, ${html}\n`);
  if (png) await writePngs([html], io);
}

