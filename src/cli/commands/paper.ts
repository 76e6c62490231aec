// `stp-wasm paper NAME`: a published recurrent STP network (src/experiments/papers/), its summary
// printed, and report.html and summary.json written into --out.
import { join } from "node:path";
import { tum2000, type Tum2000Options } from "../../experiments/papers/tum2000.js";
import { mongillo2008, type Mongillo2008Options } from "../../experiments/papers/mongillo2008.js";
import { mongillo2008Report, tum2000Report, type PaperReport } from "../../present/paperReports.js";
import type { Io } from "../args.js";
import { commitWithPngs, reportPngs } from "../output.js";
import { withOutput } from "../atomic.js";

/**
 * Run a paper's network, print its summary, write report.html and summary.json (and report.png with
 * --png), committed together in a locked --out (src/cli/atomic.ts).
 */
async function paperCommand(name: string, values: Record<string, unknown>, io: Io, produce: (o: Record<string, unknown>) => Promise<{ report: PaperReport; summary: unknown }>): Promise<void> {
  const { out: outValue, png, ...options } = values;
  const out = (outValue as string | undefined) ?? join("stp-out", name);
  await withOutput(out, `stp-wasm paper ${name}`, async (folder) => {
    const { report, summary } = await produce(options);
    folder.writeFile("report.html", report.html);
    folder.writeFile("summary.json", JSON.stringify(summary, null, 2) + "\n");
    const pictures = await commitWithPngs(folder, ["report.html"], png === true, io);
    io.out(`${report.text}\nwrote ${folder.path("report.html")}, ${folder.path("summary.json")}\n`);
    reportPngs(pictures, io);
  });
}

export const paperTum2000 = (values: Record<string, unknown>, io: Io) => paperCommand("tum2000", values, io, async (o) => {
  const r = await tum2000(o as Tum2000Options);
  return { report: tum2000Report(r), summary: r.summary };
});

export const paperMongillo2008 = (values: Record<string, unknown>, io: Io) => paperCommand("mongillo2008", values, io, async (o) => {
  const r = await mongillo2008(o as Mongillo2008Options);
  return { report: mongillo2008Report(r), summary: r.summary };
});
