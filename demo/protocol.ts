// Messages between the demo page and its kernel worker.
import type { LessonOptions, LessonRun } from "../src/experiments/lesson.js";
import type { MemoryMode } from "../src/runtime/kernel.js";
import type { Explored } from "./exploreRun.js";
import { DENSE_LIVE, type LiveChunk } from "../src/experiments/live.js";
import type { RateSweepOptions, RateSweepResult, RateSweepRow } from "../src/experiments/sweep.js";

/** Page -> worker. */
export type Request =
  /** Start a lesson run (replacing any run in progress), `chunks` chunks long. */
  | { type: "run"; id: number; options: LessonOptions; chunks: number }
  /** The page has drawn chunk `id`'s latest data: compute the next chunk. */
  | { type: "ack"; id: number }
  | { type: "sweep"; id: number; options: RateSweepOptions }
  /** The live explorer: run the whole lesson at once (replacing any run in progress) and send it back. */
  | { type: "explore"; id: number; options: LessonOptions };

/** The traces of trial 0 that the page draws, one value per step. */
export const TRACES = ["pre", "u", "x", "wdyn", "v", "post"] as const;
export type Traces = Pick<LessonRun, (typeof TRACES)[number]>;

/** One chunk of trial 0's traces, steps [from, from + u.length). */
export interface Chunk extends Traces {
  from: number;
}

/** Worker -> page. */
export type Reply =
  | { type: "ready"; mode: MemoryMode; isolated: boolean }
  | { type: "chunk"; id: number; total: number; chunk: Chunk; preSpikes: number; postSpikes: number; last: boolean }
  | { type: "row"; id: number; index: number; row: RateSweepRow }
  | { type: "swept"; id: number; result: RateSweepResult }
  /** The explorer's whole run: trial 0's traces (transferred) and counts. */
  | { type: "explored"; id: number; result: Explored }
  /** Bad options (option names the lesson option) or a failure. */
  | { type: "error"; id: number; message: string; option?: string };

/** The large network: inputs, neurons, steps per chunk (100 ms of its time: the rate plot's bins). */
export const BIG_PRE = 10_000;
export const BIG_POST = 1_000;
export const BIG_CHUNK = DENSE_LIVE.chunk;

/**
 * Page -> the large network's worker: run `seconds` of network time on `threads` threads, of the
 * `poolThreads` its simulation is made with (the most the page allows).
 */
export type BigRequest = { type: "big"; id: number; threads: number; poolThreads: number; seconds: number };

/** The large network's worker -> page. */
export type BigReply =
  | { type: "big-ready"; id: number; threads: number; build: string }
  /** The chunks run since the last message, in order, of `total` steps. */
  | { type: "big-chunks"; id: number; total: number; chunks: LiveChunk[] }
  | { type: "big-done"; id: number }
  | { type: "big-error"; id: number; message: string };
