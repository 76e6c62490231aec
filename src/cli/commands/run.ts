// `stp-wasm run`: one setting of the lesson; trace.csv (streamed chunk by chunk), summary.json, plot.html.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { resolveLesson, runLesson, type LessonOptions, type LessonRun } from "../../experiments/lesson.js";
import { lessonReportHtml } from "../../present/report.js";
import { table } from "../../present/table.js";
import { fmt, type Io } from "../args.js";
import { progressBar, ratio, writePngs } from "../output.js";

/** Steps of trace kept for plot.html; longer runs stream every step to trace.csv and plot the first ones. */
export const PLOT_STEPS = 200_000;

export async function run(values: Record<string, unknown>, io: Io): Promise<void> {
  const { out: outValue, png: _png, threads, ...lesson } = values;
  const out = (outValue as string | undefined) ?? join("stp-out", "run");
  const o = resolveLesson(lesson as LessonOptions);
  mkdirSync(out, { recursive: true });
  // trace.csv is written chunk by chunk, so a run longer than memory holds still completes; the
  // first PLOT_STEPS steps are kept for the report
  const csv = openSync(join(out, "trace.csv"), "w");
  writeSync(csv, "t,pre,u,x,wdyn,v,post\n");
  const kept = { pre: [] as Uint8Array[], u: [] as Float32Array[], x: [] as Float32Array[], wdyn: [] as Float32Array[], v: [] as Float32Array[], post: [] as Uint8Array[] };
  let keptSteps = 0;
  let result: LessonRun;
  try {
    result = await runLesson(o, { threads: threads as number | undefined }, {
      keep: false,
      onChunk: progressBar(io),
      onRecords: (chunk) => {
        const [pre, u, x, wdyn, v, post] = [chunk.records.z0.spikes, chunk.records.W.u, chunk.records.W.x, chunk.records.W.wdyn, chunk.records.z1.v, chunk.records.z1.spikes].map((t) => t.data);
        const lines: string[] = [];
        for (let i = 0; i < chunk.steps; i++) {
          lines.push(`${fmt((chunk.firstStep + i + 1) * o.dt)},${pre[i]},${fmt(u[i])},${fmt(x[i])},${fmt(wdyn[i])},${fmt(v[i])},${post[i]}\n`);
        }
        writeSync(csv, lines.join(""));
        const take = Math.min(chunk.steps, PLOT_STEPS - keptSteps);
        if (take > 0) {
          kept.pre.push((pre as Uint8Array).subarray(0, take));
          kept.u.push((u as Float32Array).subarray(0, take));
          kept.x.push((x as Float32Array).subarray(0, take));
          kept.wdyn.push((wdyn as Float32Array).subarray(0, take));
          kept.v.push((v as Float32Array).subarray(0, take));
          kept.post.push((post as Uint8Array).subarray(0, take));
          keptSteps += take;
        }
      },
    });
  } finally {
    closeSync(csv);
  }
  const join8 = (parts: Uint8Array[]) => { const a = new Uint8Array(keptSteps); let k = 0; for (const p of parts) { a.set(p, k); k += p.length; } return a; };
  const join32 = (parts: Float32Array[]) => { const a = new Float32Array(keptSteps); let k = 0; for (const p of parts) { a.set(p, k); k += p.length; } return a; };
  const plotted: LessonRun = {
    ...result, t: Float64Array.from({ length: keptSteps }, (_, i) => (i + 1) * o.dt),
    pre: join8(kept.pre), u: join32(kept.u), x: join32(kept.x), wdyn: join32(kept.wdyn), v: join32(kept.v), post: join8(kept.post),
  };
  const summary = {
    parameters: { ...o, resistM: (o.tauM / o.dt) * o.rM, source: o.spikeTimes ? "spikeTrain" : "poisson" },
    trials: o.trials,
    preSpikes: result.preSpikes,
    postSpikes: result.postSpikes,
    transmissionRatio: result.transmissionRatio.map((r) => (Number.isFinite(r) ? r : null)),
    notes: "transmissionRatio = postSpikes / preSpikes per trial (null where preSpikes = 0); trace.csv is trial 1",
  };
  writeFileSync(join(out, "summary.json"), JSON.stringify(summary, null, 2) + "\n");
  const source = o.spikeTimes ? `${o.spikeTimes.length}-spike train` : `${o.rateHz} Hz Poisson input`;
  const shownNote = keptSteps < o.steps ? ` (first ${keptSteps} of ${o.steps} steps shown)` : "";
  writeFileSync(join(out, "plot.html"), lessonReportHtml(plotted, `${o.preset.toUpperCase()} preset, ${source}${shownNote}`));
  const n = plotted.u.length;
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const last = (a: Float32Array) => (keptSteps === o.steps ? a[n - 1].toFixed(4) : "-");
  io.out(table(["regime", "input", "pre spikes", "post spikes", "post/pre", "final u", "final x"], [[
    o.preset.toUpperCase(), source, String(result.preSpikes[0]), String(result.postSpikes[0]),
    ratio(result.postSpikes[0], result.preSpikes[0]), last(plotted.u), last(plotted.x),
  ]]));
  if (o.trials > 1) {
    io.out(`\nover ${o.trials} trials: pre spikes mean ${mean(result.preSpikes).toFixed(2)}, post spikes mean ${mean(result.postSpikes).toFixed(2)}` +
      ` (min ${Math.min(...result.postSpikes)}, max ${Math.max(...result.postSpikes)})\n`);
  }
  io.out(`\nwrote ${join(out, "trace.csv")}, ${join(out, "summary.json")}, ${join(out, "plot.html")}${shownNote}\n`);
  if (values.png) await writePngs([join(out, "plot.html")], io);
}
