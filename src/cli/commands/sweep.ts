// `stp-wasm sweep` (and `protocol rate-sweep`): the lesson at several input rates, optionally over a
// grid of varied options (--vary); sweep.csv/json/html, or with a shard (--shard I/N, or from a Slurm
// array / Kubernetes Indexed Job) only that shard's rows in shard-I-of-N.json, for `stp-wasm merge`.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { StpOptionError } from "../../core/errors.js";
import { gridTable, resolveSweepGrid, sweepGrid, type ResolvedSweepGrid, type SweepGridOptions } from "../../experiments/grid.js";
import { shardData, shardFileName } from "../../experiments/merge.js";
import { sweepLabel, type ResolvedRateSweep } from "../../experiments/sweep.js";
import { table } from "../../present/table.js";
import { UsageError, type Io } from "../args.js";
import { SWEEP_GRID_OPTIONS } from "../options.js";
import { progressBar } from "../output.js";
import { chooseShard } from "../shard.js";
import { writeSweepFiles } from "../sweepFiles.js";
import { withOutput } from "../atomic.js";
import { parseVary, VARY_FLAGS, VARY_NAMES } from "../vary.js";

/** This package's version (recorded in shards, so that a merge refuses shards of another version). */
export function stpWasmVersion(): string {
  return (createRequire(import.meta.url)("stp-wasm/package.json") as { version: string }).version;
}

/** The API's grid options from a command's parsed flags (those of SWEEP_GRID_OPTIONS; --vary read; errors name the flag). */
export function gridOptions(values: Record<string, unknown>): SweepGridOptions {
  const { vary: texts, ...options } = Object.fromEntries(Object.entries(values).filter(([k]) => SWEEP_GRID_OPTIONS.some((d) => d.key === k)));
  if (!texts) return options as SweepGridOptions;
  const vary = parseVary(texts as string[]);
  for (const key of Object.keys(vary)) {
    if (key in options) {
      const flag = VARY_FLAGS.find((d) => d.key === key)!.flag;
      throw new StpOptionError(`--vary ${flag.slice(2)}`, vary[key], `${flag} either alone or varied`, `${flag} ${String(options[key])} is given too`);
    }
  }
  return { ...options, vary } as SweepGridOptions;
}

/** resolveSweepGrid with the errors under the names the user typed (vary.tauF[2] -> --vary tau-f[2]). */
export function resolveGridFlags(options: SweepGridOptions): ReturnType<typeof resolveSweepGrid> {
  try {
    return resolveSweepGrid(options);
  } catch (err) {
    throw err instanceof StpOptionError ? err.renamed(VARY_NAMES) : err;
  }
}

/** One line on what a sweep runs. */
function describe(o: ResolvedSweepGrid, rowCount: number): string {
  const per = (key: "trials" | "steps" | "dt") => (key in o.vary ? `varied` : String(o[key]));
  const given = "seed" in o.vary ? "the varied seeds" : `seed ${JSON.stringify(o.seed)}`;
  const seed = o.seeds === "per-row" ? `${given}, row i with "<seed>/i" (per-row seeds)` : given;
  if (Object.keys(o.vary).length === 0) {
    return `rate sweep, ${sweepLabel(o as ResolvedRateSweep)}, W = ${o.weight}: ${o.trials} trials of ${o.steps} steps of ${o.dt} ms per rate, ${seed}`;
  }
  const axes = [...Object.entries(o.vary).map(([k, v]) => `${v.length} ${k}`), `${o.rates.length} rates`].join(" x ");
  return `rate sweep over a grid of ${rowCount} rows (${axes}): ${per("trials")} trials of ${per("steps")} steps of ${per("dt")} ms per row, ${seed}`;
}

export async function sweep(values: Record<string, unknown>, io: Io): Promise<void> {
  const out = (values.out as string | undefined) ?? join("stp-out", "sweep");
  const options = gridOptions(values);
  const { options: o, rows: plan } = resolveGridFlags(options); // every row checked before anything runs
  const choice = chooseShard(values.shard as string | undefined, values.shards as number | undefined, io.env ?? process.env);
  if (choice && values.png) throw new UsageError("--png draws the whole sweep's report, which a shard does not write: give --png to stp-wasm merge");
  io.out(`${describe(o, plan.length)}\n`);
  if (choice) {
    const { index, count } = choice.shard;
    const mine = plan.filter((p) => p.index % count === index).map((p) => p.index);
    io.out(`shard ${index}/${count} (${choice.from}): ${mine.length} of ${plan.length} rows (row i with i mod ${count} = ${index})\n`);
  }
  io.out("\n");
  const bar = progressBar(io);
  if (!choice) {
    // the whole sweep: its folder locked while it runs, its files committed together when complete
    await withOutput(out, "stp-wasm sweep", async (folder) => {
      const result = await sweepGrid(options, { onRow: (_, done, total) => bar.update(done, total) });
      await writeSweepFiles(folder, result, io, values.png === true);
    });
    return;
  }
  // a shard: written whole under its own name (shards of one array share a folder: no lock)
  const result = await sweepGrid(options, { shard: choice.shard, onRow: (_, done, total) => bar.update(done, total) });
  const t = gridTable(result);
  io.out(table(t.header, t.rows, Object.keys(o.vary).filter((k) => k !== "trials").length + 2));
  mkdirSync(out, { recursive: true });
  const file = join(out, shardFileName(choice.shard));
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, JSON.stringify(shardData(result, stpWasmVersion())) + "\n");
  renameSync(partial, file); // whole or absent: a killed task leaves no half-written shard
  io.out(`\nwrote ${file}; when every shard is done: stp-wasm merge --out DIR ${out}\n`);
}
