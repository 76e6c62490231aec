// `stp-wasm merge --out DIR SHARD...`: the shards of one sweep (shard-I-of-N.json files, or folders
// holding them) checked and merged into sweep.csv, sweep.json and sweep.html, the bytes an unsharded
// run writes. Refused (exit code 1, nothing written) when they do not make exactly one sweep.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { mergeShards, SweepMergeError } from "../../experiments/merge.js";
import { UsageError, type Io } from "../args.js";
import { writeSweepFiles } from "../sweepFiles.js";
import { withOutput } from "../atomic.js";

const SHARD_FILE = /^shard-\d+-of-\d+\.json$/;

/** The shard files named by the arguments: files as given, folders' shard-I-of-N.json files. */
export function shardPaths(args: string[]): string[] {
  if (args.length === 0) throw new UsageError("no shard given: stp-wasm merge --out DIR SHARD_DIR... (folders holding shard-I-of-N.json files, or the files)");
  return args.flatMap((arg) => {
    if (!existsSync(arg)) throw new UsageError(`${arg}: no such file or folder`);
    if (!statSync(arg).isDirectory()) return [arg];
    const found = readdirSync(arg).filter((f) => SHARD_FILE.test(f)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    if (found.length === 0) throw new UsageError(`${arg}: holds no shard-I-of-N.json file`);
    return found.map((f) => join(arg, f));
  });
}

export async function merge(values: Record<string, unknown>, io: Io, positional: string[] = []): Promise<void> {
  const out = (values.out as string | undefined) ?? join("stp-out", "sweep");
  const files: { name: string; data: unknown }[] = [];
  const unreadable: string[] = [];
  for (const name of shardPaths(positional)) {
    try {
      files.push({ name, data: JSON.parse(readFileSync(name, "utf8")) });
    } catch (err) {
      unreadable.push(`${name}: not a JSON file (${(err as Error).message})`);
    }
  }
  if (unreadable.length > 0) throw new SweepMergeError(unreadable);
  const result = mergeShards(files);
  const count = new Set(files.map((f) => (f.data as { shard: { count: number } }).shard.count));
  io.out(`merged ${files.length} shards (of ${[...count][0]}) into ${result.rowCount} rows\n\n`);
  await withOutput(out, "stp-wasm merge", (folder) => writeSweepFiles(folder, result, io, values.png === true));
}
