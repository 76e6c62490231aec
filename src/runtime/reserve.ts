// The kernel's memory: checks of the kernel options, and reserving the memory. A WebAssembly memory
// reserves address space up front: its maximum when shared, and in V8 (with its trap handler) about
// 10 GiB of guard regions for any memory. Under a virtual-memory limit (`ulimit -v`) that can fail,
// or be granted smaller than asked so that growing fails later; so a Simulation reserves what its
// network needs, Kernel.load falls back to smaller maxima, and every failure says what to do.
import { StpOptionError, show } from "../core/errors.js";

const PAGE = 65536;
const PAGES_4GIB = 65536;
/** Smallest maximum tried when a reservation fails: 16 MiB. */
const MIN_FALLBACK_PAGES = 256;

/** Check the options Kernel.load takes (named as in KernelOptions) before anything is loaded. */
export function checkKernelOptions(options: unknown): void {
  if (options === null || typeof options !== "object") throw new StpOptionError("kernel options", options, "an object");
  const o = options as { mode?: unknown; simd?: unknown; maxBytes?: unknown; wasm?: unknown };
  if (o.mode !== undefined && o.mode !== "auto" && o.mode !== "shared" && o.mode !== "plain") {
    throw new StpOptionError("mode", o.mode, `"auto", "shared" or "plain"`);
  }
  if (o.simd !== undefined && o.simd !== "auto" && typeof o.simd !== "boolean") {
    throw new StpOptionError("simd", o.simd, `"auto", true or false`);
  }
  if (o.maxBytes !== undefined && (typeof o.maxBytes !== "number" || !Number.isFinite(o.maxBytes) || o.maxBytes < PAGE)) {
    throw new StpOptionError("maxBytes", o.maxBytes, `a number of bytes >= ${PAGE} (one page); above 4 GiB counts as 4 GiB`);
  }
  if (o.wasm !== undefined && (o.wasm === null || typeof o.wasm !== "object")) {
    throw new StpOptionError("wasm", o.wasm, "an object of .wasm locations or bytes per build name");
  }
}

/** A maximum for a kernel that holds `bytes` and nothing more: whole pages, at most 4 GiB. */
export function maxBytesFor(bytes: number): number {
  return Math.min(PAGES_4GIB, Math.max(1, Math.ceil(bytes / PAGE))) * PAGE;
}

const LIMIT_HINT = "a virtual-memory limit (ulimit -v) or too little memory: V8 reserves address space for every " +
  "WebAssembly memory (about 10 GiB of guard regions unless node runs with --disable-wasm-trap-handler, " +
  "which the stp-wasm command line uses by itself when it must); raise the limit, or start node with --disable-wasm-trap-handler";

/**
 * A memory of one page growing to `maxPages`; when the engine cannot reserve that, smaller maxima
 * (halving, down to 16 MiB) are tried. Throws a message naming the likely cause when none works.
 */
export function createMemory(maxPages: number, shared: boolean): { memory: WebAssembly.Memory; maxPages: number } {
  let pages = maxPages;
  for (;;) {
    try {
      return { memory: new WebAssembly.Memory({ initial: 1, maximum: pages, shared }), maxPages: pages };
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      if (pages <= MIN_FALLBACK_PAGES) {
        throw new Error(`stp-wasm: could not reserve a WebAssembly memory (${show(maxPages * PAGE)} bytes asked, ${show(pages * PAGE)} last tried): ${LIMIT_HINT}`);
      }
      pages = Math.max(MIN_FALLBACK_PAGES, pages >> 1);
    }
  }
}

/** Grow `memory` to hold `bytes`, or throw a message naming the likely cause. */
export function growMemory(memory: WebAssembly.Memory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return;
  try {
    memory.grow(Math.ceil((bytes - have) / PAGE));
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new Error(`stp-wasm: could not grow the kernel's memory from ${have} to ${bytes} bytes: ${LIMIT_HINT}`);
  }
}
