// `stp-wasm slurm sweep ... --shards N --out DIR [--submit]`: a sweep as a Slurm job array. Writes
// DIR/slurm/sweep.sbatch (an array of N tasks; task I runs `stp-wasm sweep ... --shards N` and so
// the shard I/N, from SLURM_ARRAY_TASK_ID), DIR/slurm/merge.sbatch (`stp-wasm merge` of DIR/shards
// into DIR) and DIR/slurm/submit.sh (the array, then the merge with --dependency=afterok on it);
// --submit runs those two sbatch calls.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { StpOptionError } from "../../core/errors.js";
import { type Io, type OptionDef } from "../args.js";
import { SWEEP_GRID_OPTIONS } from "../options.js";
import { gridOptions, resolveGridFlags } from "./sweep.js";

/** A word for sh/bash, single-quoted. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Parsed flag values back to `--flag=value` arguments (parseArgs reads them back to the same values). */
export function flagArgs(defs: readonly OptionDef[], values: Record<string, unknown>): string[] {
  const args: string[] = [];
  for (const d of defs) {
    if (!(d.key in values)) continue;
    const v = values[d.key];
    if (d.kind === "flag") {
      if (v === true) args.push(d.flag);
      continue;
    }
    for (const one of d.repeat ? (v as unknown[]) : [v]) args.push(`${d.flag}=${Array.isArray(one) ? one.join(",") : String(one)}`);
  }
  return args;
}

/** The file names written under DIR/slurm. */
export const SLURM_FILES = { array: "sweep.sbatch", merge: "merge.sbatch", submit: "submit.sh", logs: "logs" } as const;

/** Text that goes into an #SBATCH line or a path there: no white space, no % (Slurm's file name patterns). */
function plain(flag: string, value: string, what: string): string {
  if (value === "" || /[\s%]/.test(value)) throw new StpOptionError(flag, value, `${what} without spaces or %`);
  return value;
}

export async function slurmSweep(values: Record<string, unknown>, io: Io): Promise<void> {
  const shards = values.shards as number | undefined;
  if (shards === undefined) throw new StpOptionError("--shards", undefined, "the number of tasks in the job array, a whole number >= 1");
  const { rows } = resolveGridFlags(gridOptions(values)); // the sweep's options checked before anything is written
  if (!(shards >= 1 && shards <= rows.length)) throw new StpOptionError("--shards", shards, `1 to ${rows.length}, the sweep's rows`);
  const maxParallel = values.maxParallel as number | undefined;
  if (maxParallel !== undefined && !(maxParallel >= 1)) throw new StpOptionError("--max-parallel", maxParallel, "a whole number >= 1");
  const out = plain("--out", resolve((values.out as string | undefined) ?? join("stp-out", "sweep")), "a folder");
  const extra = ((values.sbatch as string[] | undefined) ?? []).map((o) => {
    if (!/^--?[A-Za-z]/.test(o) || /[\r\n]/.test(o)) throw new StpOptionError("--sbatch", o, "one sbatch option on one line, e.g. --qos=short");
    return o;
  });
  const resources = [
    ["partition", "--partition", "a partition name"], ["time", "--time", "a time limit"], ["mem", "--mem", "a memory size"], ["account", "--account", "an account name"],
  ].filter(([key]) => values[key] !== undefined).map(([key, flag, what]) => `${flag}=${plain(flag, values[key] as string, what)}`);

  const shardDir = join(out, "shards");
  const scripts = join(out, "slurm");
  const logs = join(scripts, SLURM_FILES.logs);
  if (existsSync(shardDir) && readdirSync(shardDir).some((f) => /^shard-\d+-of-\d+\.json$/.test(f))) {
    throw new StpOptionError("--out", out, "a folder without shards of another run", `${shardDir} already holds shard files; remove them or give another --out`);
  }
  mkdirSync(shardDir, { recursive: true });
  mkdirSync(logs, { recursive: true });

  const root = dirname(createRequire(import.meta.url).resolve("stp-wasm/package.json"));
  const command = [process.execPath, join(root, "bin", "stp-wasm.js")].map(shellQuote).join(" ");
  const header = (lines: string[]) => ["#!/bin/bash", ...lines.map((l) => `#SBATCH ${l}`), ...[...resources, ...extra].map((l) => `#SBATCH ${l}`)].join("\n");
  const runner = [
    "set -euo pipefail",
    "# the stp-wasm that wrote this script; edit if the compute nodes see node or stp-wasm elsewhere",
    `stp_wasm() { ${command} "$@"; }`,
  ].join("\n");
  const sweepArgs = [...flagArgs(SWEEP_GRID_OPTIONS, values), `--shards=${shards}`, `--out=${shardDir}`].map(shellQuote);
  const array = [
    header(["--job-name=stp-sweep", `--array=0-${shards - 1}${maxParallel ? `%${maxParallel}` : ""}`, "--ntasks=1", "--cpus-per-task=1", `--output=${join(logs, "sweep-%A_%a.out")}`]),
    `# stp-wasm sweep as a job array: task I of ${shards} runs the rows i with i mod ${shards} = I (${rows.length} rows in all)`,
    `# and writes ${shardDir}/shard-I-of-${shards}.json. Written by stp-wasm slurm sweep; submit with submit.sh.`,
    `# To rerun some tasks: sbatch --array=2,5 ${join(scripts, SLURM_FILES.array)}`,
    runner,
    `stp_wasm sweep ${sweepArgs.join(" ")}`,
    "",
  ].join("\n");
  const mergeArgs = [...(values.png ? ["--png"] : []), `--out=${out}`, shardDir].map(shellQuote);
  const merge = [
    header(["--job-name=stp-merge", "--ntasks=1", "--cpus-per-task=1", `--output=${join(logs, "merge-%j.out")}`]),
    `# Merges the ${shards} shards in ${shardDir} into ${out}/sweep.csv, sweep.json and sweep.html;`,
    "# submitted with --dependency=afterok on the array job (submit.sh). stp-wasm merge refuses missing, doubled or foreign shards.",
    runner,
    `stp_wasm merge ${mergeArgs.join(" ")}`,
    "",
  ].join("\n");
  const arrayFile = join(scripts, SLURM_FILES.array);
  const mergeFile = join(scripts, SLURM_FILES.merge);
  const submitFile = join(scripts, SLURM_FILES.submit);
  const submit = [
    "#!/bin/sh",
    "# Submits the array, then the merge job to run once every task of the array has succeeded.",
    "set -eu",
    `array=$(sbatch --parsable ${shellQuote(arrayFile)})`,
    "array=${array%%;*}",
    `merge=$(sbatch --parsable --dependency=afterok:"$array" ${shellQuote(mergeFile)})`,
    `echo "submitted array job $array (${shards} tasks) and merge job \${merge%%;*} (after $array succeeds)"`,
    "",
  ].join("\n");
  writeFileSync(arrayFile, array);
  writeFileSync(mergeFile, merge);
  writeFileSync(submitFile, submit);
  for (const f of [arrayFile, mergeFile, submitFile]) chmodSync(f, 0o755);
  io.out(`a sweep of ${rows.length} rows in ${shards} array tasks (task I runs the rows i with i mod ${shards} = I)\n` +
    `wrote ${arrayFile}, ${mergeFile}, ${submitFile}\n`);
  if (!values.submit) {
    io.out(`submit with: sh ${shellQuote(submitFile)}\nthe merged sweep will be ${join(out, "sweep.csv")}, sweep.json, sweep.html\n`);
    return;
  }
  const sbatch = (args: string[]): string => {
    const r = spawnSync("sbatch", args, { encoding: "utf8", env: io.env ? { ...process.env, ...io.env } : process.env });
    if (r.error || r.status !== 0) {
      const why = r.error ? ((r.error as NodeJS.ErrnoException).code === "ENOENT" ? "sbatch not found on PATH" : r.error.message) : `exit code ${r.status}: ${r.stderr.trim()}`;
      throw new SlurmSubmitError(`sbatch ${args.join(" ")} failed (${why}); the scripts are written: submit later with sh ${submitFile}`);
    }
    return r.stdout.trim().split(";")[0];
  };
  const arrayJob = sbatch(["--parsable", arrayFile]);
  let mergeJob: string;
  try {
    mergeJob = sbatch(["--parsable", `--dependency=afterok:${arrayJob}`, mergeFile]);
  } catch (err) {
    throw new SlurmSubmitError(`the array job ${arrayJob} is submitted, but its merge job is not: ${(err as Error).message.replace(/; the scripts are written.*$/, "")}; ` +
      `submit it with sbatch --dependency=afterok:${arrayJob} ${mergeFile}`);
  }
  io.out(`submitted array job ${arrayJob} (${shards} tasks) and merge job ${mergeJob} (after ${arrayJob} succeeds)\n` +
    `logs: ${logs}; the merged sweep will be ${join(out, "sweep.csv")}, sweep.json, sweep.html\n`);
}

/** sbatch failed (exit code 1). */
export class SlurmSubmitError extends Error {
  override name = "SlurmSubmitError";
}
