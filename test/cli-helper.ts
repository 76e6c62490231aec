// The command line in-process, its output captured: `stp-wasm ARGS` as main(ARGS, io).
import { main, type Io } from "../src/cli/main.js";

export interface CliResult {
  /** The exit code. */
  code: number;
  out: string;
  err: string;
}

/** Run `stp-wasm ...args` with stdout and stderr captured; `extra` adds to or replaces the io (e.g. `env`). */
export async function cli(args: string[], extra: Partial<Io> = {}): Promise<CliResult> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, ...extra });
  return { code, out, err };
}
