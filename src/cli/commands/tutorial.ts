// `stp-wasm tutorial`: the lesson's four settings (STF and STD at 2 and 20 Hz), a table, four reports,
// committed together when complete (atomic.ts).
import { resolveLesson, runLesson, type Preset } from "../../experiments/lesson.js";
import { lessonReportHtml } from "../../present/report.js";
import { table } from "../../present/table.js";
import type { Io } from "../args.js";
import { withOutput } from "../atomic.js";
import { cliKernelMode } from "../kernelMode.js";
import { commitWithPngs, ratio, reportPngs } from "../output.js";

export async function tutorial(values: Record<string, unknown>, io: Io): Promise<void> {
  const out = (values.out as string | undefined) ?? "stp-out";
  const seed = (values.seed as number | string | undefined) ?? 231;
  const settings: [Preset, number][] = [["stf", 2], ["stf", 20], ["std", 2], ["std", 20]];
  const runs = settings.map(([preset, rateHz]) => resolveLesson({ preset, rateHz, seed }));
  await withOutput(out, "stp-wasm tutorial", async (folder) => {
    const rows: string[][] = [];
    const names: string[] = [];
    for (const o of runs) {
      const run = await runLesson(o, { mode: cliKernelMode(1) });
      const n = run.u.length;
      rows.push([o.preset.toUpperCase(), `${o.rateHz} Hz`, String(run.preSpikes[0]), String(run.postSpikes[0]),
        ratio(run.postSpikes[0], run.preSpikes[0]), run.u[n - 1].toFixed(4), run.x[n - 1].toFixed(4)]);
      const name = `${o.preset}-${o.rateHz}hz.html`;
      folder.writeFile(name, lessonReportHtml(run, `${o.preset.toUpperCase()}-dominated synapse, ${o.rateHz} Hz Poisson input`));
      names.push(name);
    }
    const pictures = await commitWithPngs(folder, names, values.png === true, io);
    io.out(`ngc-learn's STP lesson: Poisson -> STP synapse (W = 2.5) -> LIF, 5000 steps of 1 ms, seed ${JSON.stringify(seed)}\n\n`);
    io.out(table(["regime", "rate", "pre spikes", "post spikes", "post/pre", "final u", "final x"], rows));
    io.out(`\npost/pre is post spikes / pre spikes (the transmission ratio).\nreports: ${names.map((n) => folder.path(n)).join(", ")}\n`);
    reportPngs(pictures, io);
  });
}
