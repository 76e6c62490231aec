// Command-line plumbing shared by every command: the I/O seam, option definitions, argument
// parsing and number formatting.
import { StpOptionError, show } from "../core/errors.js";
import { didYouMean } from "../core/suggest.js";
import type { SignalSource } from "./signals.js";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether err is a terminal: the progress bar's `\r` lines are written only then (default false). */
  errIsTTY?: boolean;
  /** Environment (CHROMIUM_PATH) (default process.env). */
  env?: Record<string, string | undefined>;
  /** Clock in ms for the progress bar (default performance.now). */
  now?: () => number;
  /** Where SIGINT and SIGTERM come from (default process): `run` stops at the end of a chunk. */
  signals?: SignalSource;
  /** Bytes free for this process on the file system holding `dir` (default statfs). */
  freeBytes?: (dir: string) => number;
  /** Ends the process at a second signal (default process.exit). */
  exit?: (code: number) => void;
}

export type Kind = "number" | "int" | "seed" | "text" | "list" | "preset" | "integration" | "lifIntegration" | "uRest" | "target" | "release" | "flag";
export interface OptionDef {
  flag: string;
  /** The lesson option it sets, or a CLI-only key. */
  key: string;
  kind: Kind;
  help: string;
  /** May be given more than once; the values are collected in a list, in order. */
  repeat?: boolean;
}


/** A usage error: printed with the usage hint, exit code 2. */
export class UsageError extends Error {}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** One flag's value from its text (errors name the flag). */
export function parseValue(def: OptionDef, raw: string): unknown {
  const bad = (allowed: string): never => { throw new StpOptionError(def.flag, raw, allowed); };
  switch (def.kind) {
    case "number":
      return NUMBER.test(raw.trim()) ? Number(raw) : bad("a number, e.g. 20 or -60 or 1e-3");
    case "int":
      return /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : bad("a whole number");
    case "seed":
      return NUMBER.test(raw.trim()) ? Number(raw) : raw;
    case "list":
      if (raw.trim() === "") bad("a comma-separated list of numbers, e.g. 10,20,35");
      return raw.split(",").map((s) => (NUMBER.test(s.trim()) ? Number(s) : bad(`a comma-separated list of numbers; "${s}" is not a number`)));
    case "preset":
      return raw === "stf" || raw === "std" ? raw : bad("stf or std");
    case "integration":
      return raw === "euler" || raw === "exact" ? raw : bad("euler or exact");
    case "flag":
      return bad(`nothing: ${def.flag} takes no value`);
    case "lifIntegration":
      return raw === "euler" || raw === "midpoint" || raw === "exact" ? raw : bad("euler, midpoint or exact");
    case "uRest":
      return raw === "0" ? 0 : raw === "U" ? raw : bad("0 or U");
    case "target":
      return raw === "current" || raw === "conductance" ? raw : bad("current or conductance");
    case "release":
      return raw === "deterministic" || raw === "quantal" ? raw : bad("deterministic or quantal");
    default:
      return raw;
  }
}

/**
 * Parse `--name value` and `--name=value` against the command's table; unknown options are errors.
 * Arguments that are not options are errors too, unless `positional` (then they are returned in order).
 */
export function parseArgs(defs: OptionDef[], args: string[], positional = false): { values: Record<string, unknown>; help: boolean; positional: string[] } {
  const values: Record<string, unknown> = {};
  const rest: string[] = [];
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") { help = true; continue; }
    if (!arg.startsWith("--")) {
      if (positional) { rest.push(arg); continue; }
      throw new UsageError(`unexpected argument ${show(arg)}; options start with --`);
    }
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const def = defs.find((d) => d.flag === flag);
    if (!def) {
      const hint = didYouMean(flag, defs.map((d) => d.flag), (f) => defs.find((d) => d.flag === f)?.key ?? f);
      throw new UsageError(`unknown option ${flag}${hint}; allowed: ${defs.map((d) => d.flag).join(", ")}, --help`);
    }
    if (def.key in values && !def.repeat) throw new UsageError(`option ${flag} is given twice`);
    if (def.kind === "flag" && eq < 0) {
      values[def.key] = true;
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) throw new UsageError(`option ${flag} needs a value (write ${flag}=VALUE)`);
      raw = args[++i];
    }
    const value = parseValue(def, raw);
    values[def.key] = def.repeat ? [...((values[def.key] as unknown[] | undefined) ?? []), value] : value;
  }
  return { values, help, positional: rest };
}

/** 9 significant digits: enough for any float32 to read back to the same value. */
export function fmt(v: number): string {
  // a whole number below 1e9 has at most 9 digits: toPrecision(9) would keep it as it is
  if (Number.isInteger(v) && v < 1e9 && v > -1e9) return String(v);
  if (!Number.isFinite(v)) return String(v);
  const text = v.toPrecision(9);
  // with a point and no exponent, the shortest text of this decimal is it without its trailing zeros
  if (text.indexOf(".") < 0 || text.indexOf("e") >= 0) return String(Number(text));
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--; // "0"
  if (text.charCodeAt(end - 1) === 46) end--; // "."
  return text.slice(0, end);
}

/**
 * fmt for one column of a table written row by row: a value equal to the row before's is not
 * formatted again (a trace holds long runs of equal values: x at 1, v at rest, Wdyn between spikes).
 */
export function columnFormat(): (v: number) => string {
  let last = NaN;
  let text = "NaN";
  return (v) => {
    if (v !== last) {
      last = v;
      text = fmt(v);
    }
    return text;
  };
}

/** Lesson option key -> flag, so that errors name what the user typed. */
export function flagNames(defs: OptionDef[]): Record<string, string> {
  return Object.fromEntries(defs.map((d) => [d.key, d.flag]));
}
