// `stp-wasm fit DATA.csv`: fit U, tauF, tauD, A and sigma to recorded PSC trains (src/fit/); print the
// table, write fit.json and fit.html, committed together when complete (atomic.ts). A bad CSV is
// refused with its line and column before anything is written.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { StpOptionError, show } from "../../core/errors.js";
import { FitDataError, parseFitCsv } from "../../fit/csv.js";
import { checkFitOptions, FIT_PARAMS, fitTm, type FitOptions, type FitParam } from "../../fit/fit.js";
import { GRID_NAMES, type GridName } from "../../fit/grid.js";
import { fitReportHtml } from "../../present/fitPage.js";
import { fitTable } from "../../present/fitReport.js";
import { table } from "../../present/table.js";
import { UsageError, type Io } from "../args.js";
import { describeErrno, withOutput } from "../atomic.js";
import { commitWithPngs, reportPngs } from "../output.js";

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** NAME=REST of a repeatable option, NAME checked against `names`. */
function named(flag: string, raw: string, names: readonly string[], form: string): [string, string] {
  const eq = raw.indexOf("=");
  const name = eq > 0 ? raw.slice(0, eq).trim() : "";
  if (!names.includes(name)) throw new StpOptionError(flag, raw, `${form} with NAME one of ${names.join(", ")}`);
  return [name, raw.slice(eq + 1).trim()];
}

/** The fit's option paths as the command line names them: ranges.tauF is --range tauF, fixed.U is --fix U. */
const FLAG_NAMES: Record<string, string> = {
  ...Object.fromEntries(GRID_NAMES.map((n) => [`ranges.${n}`, `--range ${n}`])),
  ...Object.fromEntries(FIT_PARAMS.map((n) => [`fixed.${n}`, `--fix ${n}`])),
  seed: "--seed",
};

/** --range and --fix as FitOptions, checked (errors name the flag and the value). */
export function fitOptions(values: Record<string, unknown>): FitOptions {
  const ranges: Partial<Record<GridName, [number, number]>> = {};
  for (const raw of (values.range as string[] | undefined) ?? []) {
    const [name, rest] = named("--range", raw, [...GRID_NAMES, "A", "sigma"], "NAME=LO:HI");
    if (name === "A" || name === "sigma") throw new StpOptionError("--range", raw, `a range of ${GRID_NAMES.join(", ")}`, `${name} is integrated over all of (0, infinity); --fix ${name}=V holds it`);
    const parts = rest.split(":");
    if (parts.length !== 2 || !parts.every((p) => NUMBER.test(p.trim()))) throw new StpOptionError("--range", raw, "NAME=LO:HI with LO and HI numbers, e.g. tauD=10:2000");
    if (name in ranges) throw new StpOptionError("--range", raw, `one --range per parameter`, `${name} is given twice`);
    ranges[name as GridName] = [Number(parts[0]), Number(parts[1])];
  }
  const fixed: Partial<Record<FitParam, number>> = {};
  for (const raw of (values.fix as string[] | undefined) ?? []) {
    const [name, rest] = named("--fix", raw, FIT_PARAMS, "NAME=V");
    if (!NUMBER.test(rest)) throw new StpOptionError("--fix", raw, "NAME=V with V a number, e.g. tauF=0");
    if (name in fixed) throw new StpOptionError("--fix", raw, "one --fix per parameter", `${name} is given twice`);
    fixed[name as FitParam] = Number(rest);
  }
  const o: FitOptions = { ranges, fixed };
  if (values.seed !== undefined) o.seed = values.seed as number;
  try {
    checkFitOptions(o);
  } catch (err) {
    throw err instanceof StpOptionError ? err.renamed(FLAG_NAMES) : err;
  }
  return o;
}

/** Runs the command; returns its exit code. */
export async function fit(values: Record<string, unknown>, io: Io, positional: string[]): Promise<number> {
  if (positional.length !== 1) throw new UsageError(positional.length === 0 ? "the data file is missing: stp-wasm fit DATA.csv" : `one data file, not ${positional.length} (${positional.map((p) => show(p)).join(", ")})`);
  const file = positional[0];
  const out = (values.out as string | undefined) ?? join("stp-out", "fit");
  const options = fitOptions(values);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    io.err(`stp-wasm fit: cannot read ${file}: ${describeErrno(err as NodeJS.ErrnoException)}\n`);
    return 2;
  }
  let data;
  try {
    data = parseFitCsv(text);
  } catch (err) {
    if (!(err instanceof FitDataError)) throw err;
    io.err(`stp-wasm fit: ${file} ${err.message}\nnothing was written.\n`);
    return 2;
  }
  const result = await fitTm(data, options);
  const source = basename(file);
  return withOutput(out, "stp-wasm fit", async (folder) => {
    const { sweeps, marginals, ...summary } = result;
    folder.writeFile("fit.json", JSON.stringify({ ...summary, source: file, sweeps, marginals }, null, 2) + "\n");
    folder.writeFile("fit.html", fitReportHtml(result, source));
    const pictures = await commitWithPngs(folder, ["fit.html"], values.png === true, io);
    const t = fitTable(result);
    io.out(`fit of ${file}: ${result.data.sweeps} sweeps, ${result.data.spikes} spikes, ${result.data.amplitudes} amplitudes` +
      `${result.data.missing ? ` (${result.data.missing} missing)` : ""}\n\n${table(t.header, t.rows, 1)}`);
    if (result.AU) io.out(`\nA U = ${Number(result.AU.median.toPrecision(4))}, 95% interval [${result.AU.ci95.map((v) => Number(v.toPrecision(4))).join(", ")}]\n`);
    io.out(`\nlog-likelihood ${result.logLikelihood.toFixed(3)} at the best fit; ${result.grid.candidates} candidates in ${result.grid.rounds} grid rounds\n`);
    for (const w of result.warnings) io.err(`stp-wasm fit: warning: ${w}\n`);
    io.out(`\nwrote ${folder.path("fit.json")}, ${folder.path("fit.html")}\n`);
    reportPngs(pictures, io);
    return 0;
  });
}
