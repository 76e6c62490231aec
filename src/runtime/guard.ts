// The memory guard for the records a run keeps (RunOptions.keep, the default): a run whose kept
// records would not fit in memory is refused before anything is allocated or run, with the way out
// (keep: false and onRecords, which stream the records chunk by chunk through a fixed buffer).
import { StpOptionError } from "../core/errors.js";

/** The longest typed array V8 makes (Node 20, Chromium), in elements. */
export const MAX_TYPED_LENGTH = 2 ** 32;
/** Kept records may take this share of the memory available when the run starts. */
export const KEPT_SHARE = 0.75;
/** Where the available memory cannot be read (browsers): kept records may take 1 GiB. */
export const DEFAULT_KEPT_BYTES = 2 ** 30;

interface NodeProcess {
  availableMemory?: () => number;
  getBuiltinModule?: (id: string) => unknown;
}

/** Memory available now in bytes (Node: the process's available memory, cgroup limits included), or undefined. */
export function availableMemory(): number | undefined {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const avail = proc?.availableMemory?.();
  if (typeof avail === "number" && avail > 0) return avail;
  const os = proc?.getBuiltinModule?.("node:os") as { freemem(): number } | undefined;
  return os ? os.freemem() : undefined;
}

/** The default limit on a run's kept records in bytes: KEPT_SHARE of the available memory, else 1 GiB. */
export function keptBytesBudget(): number {
  const avail = availableMemory();
  return avail === undefined ? DEFAULT_KEPT_BYTES : Math.floor(avail * KEPT_SHARE);
}

/** "1.5 GB", "820 kB": bytes for a message (powers of 1000). */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB", "PB"];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return i === 0 ? `${bytes} bytes` : `${v.toPrecision(3)} ${units[i]}`;
}

/**
 * Refuse (StpOptionError on `steps`) a run of `nSteps` whose kept records, `bytesPerStep` bytes a
 * step in arrays of `columns[i]` elements a step, would exceed `limit` bytes or the longest typed array.
 */
export function checkKeptRecords(nSteps: number, bytesPerStep: number, columns: number[], limit: number): void {
  if (bytesPerStep === 0 || nSteps === 0) return;
  const bytes = nSteps * bytesPerStep;
  const widest = Math.max(0, ...columns);
  const maxSteps = Math.min(Math.floor(limit / bytesPerStep), Math.floor(MAX_TYPED_LENGTH / widest));
  if (nSteps <= maxSteps) return;
  const why = bytes > limit
    ? `keeping this run's records takes ${bytes} bytes (${formatBytes(bytes)}, ${bytesPerStep} bytes a step) and at most ${Math.floor(limit)} bytes (${formatBytes(limit)}) may be kept here (maxKeptBytes)`
    : `a record of ${widest} columns would need an array of ${nSteps * widest} elements, beyond the ${MAX_TYPED_LENGTH} a typed array holds`;
  throw new StpOptionError("steps", nSteps, `at most ${maxSteps} steps with the records kept`,
    `${why}; run it with keep: false and take the records chunk by chunk with onRecords, or run fewer steps at a time`);
}
