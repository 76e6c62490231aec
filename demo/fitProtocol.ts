// Messages between the fit page (fit.ts) and its worker (fitWorker.ts).
import type { FitOptions, FitResult } from "../src/fit/fit.js";
import type { MemoryMode } from "../src/runtime/kernel.js";

/** Page -> worker: fit the CSV text with these options. */
export type FitRequest = { type: "fit"; id: number; csv: string; options: FitOptions };

/** Worker -> page. */
export type FitReply =
  | { type: "ready"; mode: MemoryMode; build: string }
  | { type: "fitted"; id: number; result: FitResult; ms: number }
  /** A CSV refused (line and column named), bad options (option named) or a failure. */
  | { type: "error"; id: number; message: string; line?: number; option?: string };
