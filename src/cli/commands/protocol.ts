// `stp-wasm protocol NAME`: a synapse protocol run, its table, NAME.html and NAME.json, committed
// together when complete (atomic.ts).
import type { ProtocolReport } from "../../present/protocolReports.js";
import type { Io } from "../args.js";
import { withOutput } from "../atomic.js";

export type Produce = (options: Record<string, unknown>) => Promise<{ report: ProtocolReport; data: unknown }>;

/** A protocol: run it, print its table, write NAME.html (the report) and NAME.json (the numbers). */
export async function protocolCommand(name: string, values: Record<string, unknown>, io: Io, produce: Produce): Promise<void> {
  const { out: outValue, ...options } = values;
  const out = (outValue as string | undefined) ?? "stp-out";
  const { report, data } = await produce(options);
  await withOutput(out, `stp-wasm protocol ${name}`, async (folder) => {
    folder.writeFile(`${name}.html`, report.html);
    folder.writeFile(`${name}.json`, JSON.stringify(data, null, 2) + "\n");
    folder.commit();
    io.out(`${report.text}\nwrote ${folder.path(`${name}.html`)}, ${folder.path(`${name}.json`)}\n`);
  });
}
