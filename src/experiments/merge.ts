// Shards of a sweep grid as data, and their merge. A shard (what `stp-wasm sweep --shard I/N` writes
// as shard-I-of-N.json) carries the grid's resolved options, the row count, I and N, the stp-wasm
// version and its rows; mergeShards checks that the shards make exactly one sweep, every row once,
// and returns the whole grid's result, equal to an unsharded run's.
import { StpOptionError, show } from "../core/errors.js";
import { inShard, resolveSweepGrid, type ResolvedSweepGrid, type SweepGridResult, type SweepGridRow, type SweepShard } from "./grid.js";

export const SHARD_FORMAT = "stp-wasm sweep shard";
/** 2: rows carry the ratios' SEMs (transmissionRatioSem, efficacyPerSpikeSem). */
export const SHARD_FORMAT_VERSION = 2;

/** The row's fields that may be NaN (stored as null: JSON has no NaN). */
const NULLABLE = ["transmissionRatio", "efficacyPerSpike", "transmissionRatioSem", "efficacyPerSpikeSem"] as const;
type Nullable = (typeof NULLABLE)[number];

/** A row as a shard stores it: the ratios and their SEMs are null where they are NaN. */
export type ShardRow = Omit<SweepGridRow, Nullable> & { [K in Nullable]: number | null };

/** The content of a shard file. */
export interface ShardData {
  format: typeof SHARD_FORMAT;
  formatVersion: number;
  /** The stp-wasm version that ran the rows. */
  stpWasm: string;
  /** The grid's resolved options (resolveSweepGrid gives the same grid from them). */
  sweep: ResolvedSweepGrid;
  /** Rows in the whole grid. */
  rowCount: number;
  shard: SweepShard;
  rows: ShardRow[];
}

/** The file name of a shard: shard-I-of-N.json. */
export function shardFileName(shard: SweepShard): string {
  return `shard-${shard.index}-of-${shard.count}.json`;
}

/** A shard's file content from a sharded run's result. */
export function shardData(result: SweepGridResult, stpWasm: string): ShardData {
  if (!result.shard) throw new StpOptionError("result.shard", result.shard, "the shard the result ran", "a whole sweep is not a shard");
  return {
    format: SHARD_FORMAT, formatVersion: SHARD_FORMAT_VERSION, stpWasm, sweep: result.options, rowCount: result.rowCount, shard: result.shard,
    rows: result.rows.map((r) => ({
      index: r.index, values: r.values, seed: r.seed, rateHz: r.rateHz, trials: r.trials, preSpikes: r.preSpikes, postSpikes: r.postSpikes,
      ...Object.fromEntries(NULLABLE.map((k) => [k, Number.isFinite(r[k]) ? r[k] : null])) as { [K in Nullable]: number | null },
    })),
  };
}

/** The shards do not make one sweep; `problems` says each thing wrong, naming the shard. */
export class SweepMergeError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`the shards do not make one sweep:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SweepMergeError";
    this.problems = problems;
  }
}

/** A list of row indices, the first few. */
function someRows(indices: number[]): string {
  return indices.length <= 8 ? indices.join(", ") : `${indices.slice(0, 8).join(", ")}, ... (${indices.length} rows)`;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isCount = (v: unknown, min: number) => typeof v === "number" && Number.isInteger(v) && v >= min;

/** What is wrong with a file's shape, or null. */
function shapeProblem(d: unknown): string | null {
  if (!isObject(d) || d.format !== SHARD_FORMAT) return `not a stp-wasm sweep shard (its "format" is ${show(isObject(d) ? d.format : d)}, not ${JSON.stringify(SHARD_FORMAT)})`;
  if (d.formatVersion !== SHARD_FORMAT_VERSION) return `shard format version ${show(d.formatVersion)}; this stp-wasm reads version ${SHARD_FORMAT_VERSION}`;
  if (typeof d.stpWasm !== "string") return `damaged: "stpWasm" is ${show(d.stpWasm)}, not a version`;
  if (!isObject(d.sweep)) return `damaged: "sweep" is ${show(d.sweep)}, not the sweep's options`;
  if (!isCount(d.rowCount, 1)) return `damaged: "rowCount" is ${show(d.rowCount)}`;
  const s = d.shard;
  if (!isObject(s) || !isCount(s.count, 1) || !isCount(s.index, 0) || (s.index as number) >= (s.count as number)) return `damaged: "shard" is ${show(s)}, not { index, count } with 0 <= index < count`;
  if (!Array.isArray(d.rows)) return `damaged: "rows" is ${show(d.rows)}`;
  for (const r of d.rows) {
    const num = (k: string, nullable = false) => (typeof r?.[k] === "number" && Number.isFinite(r[k])) || (nullable && r?.[k] === null);
    if (!isObject(r) || !isCount(r.index, 0) || !isObject(r.values) || !(typeof r.seed === "number" || typeof r.seed === "string") ||
      !["rateHz", "trials", "preSpikes", "postSpikes"].every((k) => num(k)) || !NULLABLE.every((k) => num(k, true))) {
      return `damaged: a row is ${show(r)}`;
    }
  }
  return null;
}

/** How shard b's sweep differs from a's, e.g. `tauF = 300 (750 in shard-0-of-4.json)`. */
function differences(a: ShardData, aName: string, b: ShardData): string {
  const out: string[] = [];
  if (a.stpWasm !== b.stpWasm) out.push(`stp-wasm ${b.stpWasm} (${a.stpWasm} in ${aName})`);
  const keys = [...new Set([...Object.keys(a.sweep), ...Object.keys(b.sweep)])];
  for (const k of keys) {
    const [x, y] = [(a.sweep as Record<string, unknown>)[k], (b.sweep as Record<string, unknown>)[k]];
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${k} = ${show(y)} (${show(x)} in ${aName})`);
  }
  if (out.length === 0 && a.rowCount !== b.rowCount) out.push(`rowCount = ${b.rowCount} (${a.rowCount} in ${aName})`);
  return out.length > 4 ? `${out.slice(0, 4).join(", ")} and ${out.length - 4} more` : out.join(", ");
}

/**
 * Merge shards (each with a name for messages, e.g. its path) into the whole grid's result: refuses
 * (SweepMergeError, every problem named) a file that is not a shard, a shard of another sweep (other
 * options or stp-wasm version), shards split a different number of ways, a shard given twice, a
 * missing shard, and a shard whose rows are not the ones its index and the grid say.
 */
export function mergeShards(files: { name: string; data: unknown }[]): SweepGridResult {
  if (files.length === 0) throw new SweepMergeError(["no shard given"]);
  const problems: string[] = [];
  const shards: { name: string; d: ShardData }[] = [];
  for (const f of files) {
    const p = shapeProblem(f.data);
    if (p) problems.push(`${f.name}: ${p}`);
    else shards.push({ name: f.name, d: f.data as ShardData });
  }
  if (problems.length > 0) throw new SweepMergeError(problems);

  // the sweep is what most shards say (on a tie, the first's); the others are foreign
  const identity = (d: ShardData) => JSON.stringify([d.stpWasm, d.sweep, d.rowCount]);
  const votes = new Map<string, number>();
  for (const s of shards) votes.set(identity(s.d), (votes.get(identity(s.d)) ?? 0) + 1);
  const best = Math.max(...votes.values());
  const ref = shards.find((s) => votes.get(identity(s.d)) === best)!;
  const ours = shards.filter((s) => identity(s.d) === identity(ref.d));
  for (const s of shards) {
    if (identity(s.d) !== identity(ref.d)) problems.push(`${s.name}: a shard of another sweep: ${differences(ref.d, ref.name, s.d)}`);
  }
  const counts = new Map<number, number>();
  for (const s of ours) counts.set(s.d.shard.count, (counts.get(s.d.shard.count) ?? 0) + 1);
  const n = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] === ref.d.shard.count ? -1 : 1))[0][0];
  for (const s of ours) {
    if (s.d.shard.count !== n) problems.push(`${s.name}: shard ${s.d.shard.index}/${s.d.shard.count} of a split into ${s.d.shard.count}; the other shards split the sweep into ${n}`);
  }
  const split = ours.filter((s) => s.d.shard.count === n);
  const byIndex = new Map<number, string[]>();
  for (const s of split) byIndex.set(s.d.shard.index, [...(byIndex.get(s.d.shard.index) ?? []), s.name]);
  for (const [i, names] of [...byIndex.entries()].sort((a, b) => a[0] - b[0])) {
    if (names.length > 1) problems.push(`shard ${i}/${n} is given ${names.length} times: ${names.join(", ")}`);
  }
  const rowCount = ref.d.rowCount;
  const rowsOf = (shard: SweepShard) => Array.from({ length: rowCount }, (_, i) => i).filter((i) => inShard(i, shard));
  for (let i = 0; i < n; i++) {
    if (!byIndex.has(i)) problems.push(`shard ${i}/${n} is missing (${shardFileName({ index: i, count: n })}: rows ${someRows(rowsOf({ index: i, count: n })) || "none"}); run it with --shard ${i}/${n}`);
  }

  // each shard holds exactly its rows, and they are the grid's
  let plan: ReturnType<typeof resolveSweepGrid>["rows"] | null = null;
  try {
    plan = resolveSweepGrid(ref.d.sweep as never).rows;
    if (plan.length !== rowCount) problems.push(`${ref.name}: "rowCount" is ${rowCount} but its sweep options make ${plan.length} rows`);
  } catch (err) {
    if (!(err instanceof StpOptionError)) throw err;
    problems.push(`${ref.name}: its sweep options are refused: ${err.message}`);
  }
  for (const s of split) {
    const want = rowsOf(s.d.shard);
    const have = s.d.rows.map((r) => r.index);
    if (JSON.stringify(have) !== JSON.stringify(want)) {
      problems.push(`${s.name}: shard ${s.d.shard.index}/${n} should hold rows ${someRows(want) || "none"} but holds ${someRows(have) || "none"}`);
      continue;
    }
    if (!plan || plan.length !== rowCount) continue;
    for (const r of s.d.rows) {
      const p = plan[r.index];
      if (JSON.stringify([r.values, r.seed, r.rateHz, r.trials]) !== JSON.stringify([p.values, p.lesson.seed, p.lesson.rateHz, p.lesson.trials])) {
        problems.push(`${s.name}: row ${r.index} is not the grid's row ${r.index} (its values, seed, rate or trials differ)`);
        break;
      }
    }
  }
  if (problems.length > 0) throw new SweepMergeError(problems);

  const rows: SweepGridRow[] = split.flatMap((s) => s.d.rows).sort((a, b) => a.index - b.index).map((r) => ({
    rateHz: r.rateHz, trials: r.trials, preSpikes: r.preSpikes, postSpikes: r.postSpikes,
    transmissionRatio: r.transmissionRatio ?? NaN, efficacyPerSpike: r.efficacyPerSpike ?? NaN,
    transmissionRatioSem: r.transmissionRatioSem ?? NaN, efficacyPerSpikeSem: r.efficacyPerSpikeSem ?? NaN,
    index: r.index, values: r.values, seed: r.seed,
  }));
  return { options: ref.d.sweep, rowCount, shard: null, rows };
}
