// `stp-wasm protocol NAME`: a synapse protocol run, its table, NAME.html and NAME.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ProtocolReport } from "../../present/protocolReports.js";
import type { Io } from "../args.js";

export type Produce = (options: Record<string, unknown>) => Promise<{ report: ProtocolReport; data: unknown }>;

/** A protocol: run it, print its table, write NAME.html (the report) and NAME.json (the numbers). */
export async function protocolCommand(name: string, values: Record<string, unknown>, io: Io, produce: Produce): Promise<void> {
  const { out: outValue, ...options } = values;
  const out = (outValue as string | undefined) ?? "stp-out";
  const { report, data } = await produce(options);
  mkdirSync(out, { recursive: true });
  const html = join(out, `${name}.html`);
  const json = join(out, `${name}.json`);
  writeFileSync(html, report.html);
  writeFileSync(json, JSON.stringify(data, null, 2) + "\n");
  io.out(`${report.text}\nwrote ${html}, ${json}\n`);
}

