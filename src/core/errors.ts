import * as A from "../../assembly/abi.js";

/**
 * The one error stp-wasm throws for bad input: it names the option, the value given and what is
 * allowed, and is thrown before anything is allocated or run.
 */
export class StpOptionError extends Error {
  /** Path of the offending option, e.g. `populations[0].rateHz` or `--rate`. */
  readonly option: string;
  /** The value that was refused. */
  readonly value: unknown;
  /** What would have been accepted. */
  readonly allowed: string;
  /** Why, where the range alone does not say it. */
  readonly detail?: string;
  /** The allowed name nearest to the one given (an unknown option, a misspelt choice), if any. */
  readonly suggestion?: string;

  /**
   * One sentence: `option = value is not allowed: detail (did you mean suggestion?); allowed: ...`,
   * or without a detail `option = value is not allowed; it must be ...`.
   */
  constructor(option: string, value: unknown, allowed: string, detail?: string, suggestion?: string) {
    const hint = suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
    super(`${option} = ${show(value)} is not allowed${detail ? `: ${detail}${hint}; allowed: ` : `${hint}; it must be `}${allowed}`);
    this.name = "StpOptionError";
    this.option = option;
    this.value = value;
    this.allowed = allowed;
    this.detail = detail;
    this.suggestion = suggestion;
  }

  /**
   * The same error under the caller's name for the option: `names` maps option paths (or their
   * prefixes, such as "populations[0].times") to the names the caller's user typed.
   */
  renamed(names: Record<string, string>): StpOptionError {
    const key = Object.keys(names)
      .filter((k) => this.option === k || this.option.startsWith(k + "[") || this.option.startsWith(k + "."))
      .sort((a, b) => b.length - a.length)[0];
    if (key === undefined) return this;
    return new StpOptionError(names[key] + this.option.slice(key.length), this.value, this.allowed, this.detail, this.suggestion);
  }
}

/** A short, readable rendering of any option value for an error message. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (Array.isArray(value)) {
    const head = value.slice(0, 4).map(show).join(", ");
    return `[${head}${value.length > 4 ? `, ... (${value.length} items)` : ""}]`;
  }
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? s.slice(0, 77) + "..." : s;
  } catch {
    return String(value);
  }
}

/** What each of the kernel's return codes means (docs/ABI.md, "Return codes"). */
export const KERNEL_CODES: Readonly<Record<number, string>> = {
  [A.ERR_BAD_HEADER]: "bad network header (magic, version, trials, a count, the step, the row or the capacity)",
  [A.ERR_BAD_STEPS]: "bad step count",
  [A.ERR_RECORD_FULL]: "record buffers full",
  [A.ERR_BAD_RECORD]: "bad record entry (kind, count, component, field or variable, second index)",
  [A.ERR_BAD_KIND]: "unknown component kind, delivery, mode, method or flag, or a descriptor size other than its kind's",
  [A.ERR_BAD_THREADS]: "bad worker index or count, or several workers without the threads build or a barrier",
  [A.ERR_BAD_POINTER]: "a pointer and size outside the memory above heapBase(), or not 4-byte aligned",
  [A.ERR_OVERFLOW]: "a size beyond 32-bit indexing",
  [A.ERR_BAD_VALUE]: "a parameter that is not finite or out of its range",
  [A.ERR_OVERLAP]: "an array the kernel writes overlaps the descriptors, a cursor or the barrier",
  [A.ERR_BAD_TRAIN]: "bad spike-train offsets, times or cursor",
  [A.ERR_BAD_COUNT]: "a component with fewer than 1 unit",
  [A.ERR_BAD_WIRING]: "a PRE or POST that is not a component of this network of the right role and size, or a component listed twice",
  [A.ERR_BAD_CONNECTIONS]: "bad sparse connections (row starts, a post index out of range, a delay not below the slots)",
  [A.ERR_NON_FINITE]: "a state value became NaN or infinite during the run",
};

/** The kernel refused a call (it returns codes, never traps); carries the code and the refused word's address. */
export class StpKernelError extends Error {
  readonly code: number;
  /** Byte address of the refused word (errorAt()), 0 for an argument. */
  readonly at: number;
  constructor(code: number, at = 0) {
    super(`stp-wasm kernel returned code ${code} (${KERNEL_CODES[code] ?? "unknown code"})${at ? ` at byte ${at}` : ""}`);
    this.name = "StpKernelError";
    this.code = code;
    this.at = at;
  }
}

/**
 * A call refused because something else holds what it needs: a Simulation in the middle of a run,
 * or an output folder another process is writing to. The message names the holder.
 */
export class StpBusyError extends Error {
  /** Who holds it, e.g. `runAsync(3000) from step 0, now at step 1500` or `process 1234 (stp-wasm run)`. */
  readonly holder: string;
  constructor(message: string, holder: string) {
    super(message);
    this.name = "StpBusyError";
    this.holder = holder;
  }
}

/**
 * A run stopped because a state value became NaN or infinite (the kernel's ERR_NON_FINITE): names
 * the component, the unit (and trial) and the step. `result` holds the records of the steps before
 * that one (nothing run before is lost); the simulation refuses to run on until reset().
 */
export class StpNonFiniteError extends Error {
  /** The population, e.g. "z1". */
  readonly component: string;
  /** The variable, e.g. "v". */
  readonly variable: string;
  readonly unit: number;
  readonly trial: number;
  /** The step in which it became non-finite (its t is (step + 1) * dt). */
  readonly step: number;
  /** The run's records up to the step before, when the run was stopped by it (RunResult; unknown here to avoid a cycle). */
  result?: unknown;
  constructor(component: string, variable: string, unit: number, trial: number, trials: number, step: number, dt: number) {
    super(`stp-wasm: ${component} unit ${unit}${trials > 1 ? ` (trial ${trial})` : ""} became non-finite at step ${step} (t = ${(step + 1) * dt} ms): ` +
      `its ${variable}, or the input it integrates, is NaN or infinite (float32 overflows beyond +-3.4e38); the run stopped, ` +
      `its records end with the step before (t = ${step * dt} ms)`);
    this.name = "StpNonFiniteError";
    this.component = component;
    this.variable = variable;
    this.unit = unit;
    this.trial = trial;
    this.step = step;
  }
}
