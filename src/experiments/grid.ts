// Parameter grids for the rate sweep (`stp-wasm sweep --vary`): lesson options varied over lists of
// values and crossed with the rates, one row per combination, each row's seed fixed by the sweep's
// seed (and, with per-row seeds, the row's index); and shards, the rows i with i mod N = I, which run
// anywhere and merge back to the whole sweep (src/experiments/merge.ts).
//
// Row order: the cartesian product in the order the varied options are given (the first slowest),
// then the rates (fastest). With vary = { tauF: [100, 300], resources: [0.1, 0.5] } and rates [5, 20]:
// row 0 is tauF 100, U 0.1, 5 Hz; row 1 the same at 20 Hz; row 2 tauF 100, U 0.5, 5 Hz; ... row 7
// tauF 300, U 0.5, 20 Hz. Without vary the rows are the rates, as in rateSweep, to the bit.
import { StpOptionError, show } from "../core/errors.js";
import { Kernel } from "../runtime/kernel.js";
import { num } from "../core/checks.js";
import { suggest } from "../core/suggest.js";
import { resolveLesson, type ResolvedLesson } from "./lesson.js";
import { VARIABLE_OPTIONS } from "./lessonDefaults.js";
import {
  DEFAULT_SWEEP_RATES, DEFAULT_SWEEP_TRIALS, MAX_SWEEP_RATES, sweepRow, sweepTable,
  type RateSweepOptions, type RateSweepRow, type RateSweepSettings, type ResolvedRateSweep,
} from "./sweep.js";

/**
 * How rows get their seeds. "shared" (default): every row runs with the sweep's seed, as rateSweep
 * does, so row i equals runLesson with that seed and the rows share their random numbers (common
 * random numbers: differences between rows come from the parameters, not from the draws).
 * "per-row": row i runs with the seed string `${seed}/${i}` (e.g. "231/5"), independent draws per
 * row. Either way a row's result depends only on the sweep's options and its index, never on the
 * machine or the shard that runs it.
 */
export type SeedPolicy = "shared" | "per-row";
export const SEED_POLICIES: readonly SeedPolicy[] = ["shared", "per-row"];
/** At most this many rows (varied values crossed with rates) in one grid. */
export const MAX_SWEEP_ROWS = 100_000;
export { VARIABLE_OPTIONS };

/** The rate sweep's options plus the varied options and the seed policy. */
export interface SweepGridOptions extends RateSweepOptions {
  /**
   * Lesson options to vary, each over a list of values (e.g. { tauF: [100, 300, 1000] }); the keys'
   * order is the axes' order, the first slowest. An option varied here must not be given alone.
   */
  vary?: Record<string, readonly unknown[]>;
  /** "shared" (default) or "per-row"; see SeedPolicy. */
  seeds?: SeedPolicy;
}

/**
 * A grid's options, resolved: every option that applies to all rows (varied ones are left out, and
 * so are resources, tauF and tauD when the preset is varied and they were not given), the rates, the
 * varied lists and the seed policy. Resolving it again gives the same grid.
 */
export type ResolvedSweepGrid = Partial<Omit<ResolvedRateSweep, "rates">> & {
  rates: number[];
  vary: Record<string, unknown[]>;
  seeds: SeedPolicy;
};

/** One row of a grid. */
export interface SweepGridRow extends RateSweepRow {
  /** The row's index in the grid, from 0. */
  index: number;
  /** The row's value of each varied option, in the order of `vary`. */
  values: Record<string, unknown>;
  /** The seed the row ran with. */
  seed: number | string;
}

/** Shard `index` of `count`: the rows i with i mod count = index. */
export interface SweepShard {
  index: number;
  count: number;
}

export interface SweepGridResult {
  options: ResolvedSweepGrid;
  /** Rows in the whole grid. */
  rowCount: number;
  /** The shard run, or null for the whole grid. */
  shard: SweepShard | null;
  /** The rows run, in index order. */
  rows: SweepGridRow[];
}

/** A row before it runs: its index, varied values and resolved lesson (with the row's seed). */
export interface GridRowPlan {
  index: number;
  values: Record<string, unknown>;
  lesson: ResolvedLesson;
}

export interface SweepGridSettings extends Omit<RateSweepSettings, "onRow"> {
  /** Run only this shard's rows (default: all). */
  shard?: SweepShard;
  /** Called after each row with the rows done and the rows to do. */
  onRow?: (row: SweepGridRow, done: number, total: number) => void;
}

/** The seed row `index` runs with under `policy`. */
export function rowSeed(seed: number | string, index: number, policy: SeedPolicy): number | string {
  return policy === "per-row" ? `${seed}/${index}` : seed;
}

/** Row `index` belongs to `shard` when index mod count = shard index (round robin). */
export function inShard(index: number, shard: SweepShard): boolean {
  return index % shard.count === shard.index;
}

/** Check a shard: whole numbers with 0 <= index < count (`name` is how errors call it). */
export function checkShard(shard: SweepShard, name = "shard"): SweepShard {
  if (shard === null || typeof shard !== "object") throw new StpOptionError(name, shard, "{ index, count } with whole numbers 0 <= index < count");
  num(`${name}.count`, shard.count, { min: 1, integer: true });
  num(`${name}.index`, shard.index, { min: 0, max: shard.count - 1, integer: true });
  return shard;
}

/** The text of a row's varied values and rate, e.g. "tauF = 100, resources = 0.1, rateHz = 5". */
function describeRow(values: Record<string, unknown>, rateHz: number): string {
  return [...Object.entries(values), ["rateHz", rateHz]].map(([k, v]) => `${k} = ${show(v)}`).join(", ");
}

/**
 * Resolve and check a grid before anything runs: every row's lesson is resolved (errors name the
 * option as given, e.g. `vary.tauF[2]` or `rates[1]`, and the row when the grid varies something).
 */
export function resolveSweepGrid(options: SweepGridOptions = {}): { options: ResolvedSweepGrid; rows: GridRowPlan[] } {
  if (options === null || typeof options !== "object" || Array.isArray(options)) throw new StpOptionError("options", options, "an object of sweep options");
  const { vary = {}, seeds = "shared", rates = [...DEFAULT_SWEEP_RATES], ...given } = options;
  const lessonGiven = given as Record<string, unknown>;
  for (const key of ["rateHz", "spikeTimes"]) {
    if (key in given) throw new StpOptionError(key, lessonGiven[key], `one of the lesson's options other than rateHz and spikeTimes, or rates, trials, vary, seeds`, "the sweep sets the input itself; give rates instead");
  }
  if (!SEED_POLICIES.includes(seeds)) throw new StpOptionError("seeds", seeds, `"shared" (every row runs with the sweep's seed) or "per-row" (row i runs with the seed "<seed>/i")`);
  if (vary === null || typeof vary !== "object" || Array.isArray(vary)) throw new StpOptionError("vary", vary, "an object of option -> list of values, e.g. { tauF: [100, 300] }");
  const axes = Object.entries(vary) as [string, unknown[]][];
  for (const [key, values] of axes) {
    if (!VARIABLE_OPTIONS.includes(key)) {
      const why = key === "rateHz" ? "the rates are the option rates" : key === "spikeTimes" ? "the sweep sets the input itself" : "unknown option";
      throw new StpOptionError(`vary.${key}`, values, `an option among ${VARIABLE_OPTIONS.join(", ")}`, why, why === "unknown option" ? suggest(key, VARIABLE_OPTIONS) : undefined);
    }
    if (lessonGiven[key] !== undefined) throw new StpOptionError(`vary.${key}`, values, `${key} either alone or varied`, `${key} is also given alone (${show(lessonGiven[key])})`);
    if (!Array.isArray(values) || values.length === 0 || values.length > MAX_SWEEP_ROWS) throw new StpOptionError(`vary.${key}`, values, `a list of 1 to ${MAX_SWEEP_ROWS} values`);
  }
  if (!Array.isArray(rates) || rates.length === 0 || rates.length > MAX_SWEEP_RATES) {
    throw new StpOptionError("rates", rates, `a list of 1 to ${MAX_SWEEP_RATES} rates in Hz`);
  }
  rates.forEach((rateHz, i) => {
    if (typeof rateHz !== "number" || !(rateHz > 0)) throw new StpOptionError(`rates[${i}]`, rateHz, "a rate in Hz > 0");
  });
  const lengths = [...axes.map(([, v]) => v.length), rates.length];
  const rowCount = lengths.reduce((n, l) => n * l, 1);
  if (rowCount > MAX_SWEEP_ROWS) {
    throw new StpOptionError("vary", vary, `at most ${MAX_SWEEP_ROWS} rows (the lists' lengths times the number of rates)`,
      `${[...axes.map(([k, v]) => `${v.length} ${k}`), `${rates.length} rates`].join(" x ")} = ${rowCount} rows`);
  }
  const base = { ...given, trials: given.trials ?? ("trials" in vary ? undefined : DEFAULT_SWEEP_TRIALS) };

  const rows: GridRowPlan[] = [];
  const digit = lengths.map(() => 0); // the row's index in mixed radix, the rates' digit last (fastest)
  let first: ResolvedLesson | undefined;
  for (let index = 0; index < rowCount; index++) {
    const values = Object.fromEntries(axes.map(([k, v], a) => [k, v[digit[a]]]));
    const r = digit[axes.length];
    let lesson: ResolvedLesson;
    try {
      lesson = resolveLesson({ ...base, ...values, rateHz: rates[r] });
    } catch (err) {
      if (!(err instanceof StpOptionError)) throw err;
      const names: Record<string, string> = { rateHz: `rates[${r}]`, ...Object.fromEntries(axes.map(([k], a) => [k, `vary.${k}[${digit[a]}]`])) };
      const e = err.renamed(names);
      const where = axes.length > 0 ? `in row ${index} (${describeRow(values, rates[r])})` : undefined;
      throw new StpOptionError(e.option, e.value, e.allowed, [e.detail, where].filter(Boolean).join("; ") || undefined);
    }
    first ??= lesson;
    rows.push({ index, values, lesson: { ...lesson, seed: rowSeed(lesson.seed, index, seeds) } });
    for (let d = lengths.length - 1; d >= 0 && ++digit[d] === lengths[d]; d--) digit[d] = 0;
  }

  // what applies to every row: row 0's options but the varied ones (and the preset's, when it varies)
  const leaveOut = new Set<string>(["rateHz", "spikeTimes", ...axes.map(([k]) => k)]);
  if ("preset" in vary) for (const k of ["resources", "tauF", "tauD"]) if (lessonGiven[k] === undefined) leaveOut.add(k);
  const common = Object.fromEntries(Object.entries(first!).filter(([k]) => !leaveOut.has(k)));
  const resolved = { ...common, rates: [...rates], vary: Object.fromEntries(axes.map(([k, v]) => [k, [...v]])), seeds } as ResolvedSweepGrid;
  return { options: resolved, rows };
}

/**
 * Run a grid (or one shard of it: `settings.shard`) and reduce each row as rateSweep does. Every
 * row of the grid is checked before any runs, also when only a shard runs.
 */
export async function sweepGrid(options: SweepGridOptions = {}, settings: SweepGridSettings = {}): Promise<SweepGridResult> {
  const { options: resolved, rows: plan } = resolveSweepGrid(options);
  const { onRow, chunkSteps, shard, ...kernelSettings } = settings;
  if (chunkSteps !== undefined) num("chunkSteps", chunkSteps, { min: 1, integer: true });
  if (shard !== undefined) checkShard(shard);
  const picked = shard ? plan.filter((p) => inShard(p.index, shard)) : plan;
  // rows may differ in size (trials, steps): each gets a kernel of its own unless one is given
  const rows: SweepGridRow[] = [];
  for (const p of picked) {
    const { row: reduced } = await sweepRow(p.lesson, kernelSettings, chunkSteps);
    const row: SweepGridRow = { ...reduced, index: p.index, values: p.values, seed: p.lesson.seed };
    rows.push(row);
    onRow?.(row, rows.length, picked.length);
  }
  return { options: resolved, rowCount: plan.length, shard: shard ? { index: shard.index, count: shard.count } : null, rows };
}

/** A grid with nothing varied and shared seeds is a plain rate sweep (and is written as one). */
export function isPlainSweep(o: Pick<ResolvedSweepGrid, "vary" | "seeds">): boolean {
  return Object.keys(o.vary).length === 0 && o.seeds === "shared";
}

const UNITS: Record<string, string> = {
  dt: "ms", tauF: "ms", tauD: "ms", tauM: "ms", tauSyn: "ms", tauInact: "ms", refractTime: "ms", vRest: "mV", vReset: "mV", thr: "mV",
};

/** An option's name with its unit, e.g. "tauF (ms)". */
export function withUnit(key: string): string {
  return UNITS[key] ? `${key} (${UNITS[key]})` : key;
}

/**
 * The grid's table as text cells: the varied options' columns (trials has its own), then the rate
 * sweep's; with per-row seeds a last column of the seeds. A plain sweep's table is sweepTable's.
 */
export function gridTable(result: { options: Pick<ResolvedSweepGrid, "vary" | "seeds">; rows: SweepGridRow[] }): { header: string[]; rows: string[][] } {
  const plain = sweepTable(result);
  const keys = Object.keys(result.options.vary).filter((k) => k !== "trials");
  const perRow = result.options.seeds === "per-row";
  return {
    header: [...keys.map(withUnit), ...plain.header, ...(perRow ? ["row seed"] : [])],
    rows: result.rows.map((r, i) => [...keys.map((k) => String(r.values[k])), ...plain.rows[i], ...(perRow ? [String(r.seed)] : [])]),
  };
}
