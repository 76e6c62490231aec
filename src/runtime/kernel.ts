// Loading the WASM kernel: picks the shared-memory build where SharedArrayBuffer is granted (Node,
// cross-origin-isolated pages) and the plain build elsewhere, and instantiates it on a memory the
// host owns. Browser-safe: Node's file system is reached only under Node (platform.ts); in a
// browser the .wasm files are fetched from `options.wasm` or from the defaults the package's
// browser entry registers (src/browser.ts).
import { ABI_VERSION } from "../../assembly/abi.js";
import { HEAP_BASE } from "../core/memory.js";
import { isNode, nodeBuiltin } from "./platform.js";
import { checkKernelOptions, createMemory, growMemory } from "./reserve.js";

/** The raw exports (docs/ABI.md). Pointers are byte offsets into the memory; calls return ERR_* codes. */
export interface KernelExports {
  abiVersion(): number;
  /** First byte past the module's static data; the host lays its records out above it. */
  heapBase(): number;
  /** Address of the word the last failing call refused (0: an argument, or no failure); a u32 returned as an i32: read it with Kernel.errorAt(). */
  errorAt(): number;
  /** After ERR_NON_FINITE: the earliest step in which a value became non-finite (errorAt() is its address). */
  errorStep(): number;
  init(net: number): number;
  run(net: number, nSteps: number): number;
  /** Check the network in full and remember it (with its NET_GEN) for step. */
  prepare(net: number): number;
  /** run on one thread, checking the network in full only when it is not the one remembered or its NET_GEN changed. */
  step(net: number, nSteps: number): number;
  runSlice(net: number, nSteps: number, worker: number, workers: number): number;
  /** Append one row of every record entry from the current state, without stepping. */
  record(net: number): number;
  /** Philox4x32-10: four words at `out` (16 bytes above heapBase()); returns OK or ERR_BAD_POINTER. */
  philox4x32(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: number): number;
}

export type MemoryMode = "shared" | "plain";
/** The four builds: shared or plain memory, with or without SIMD. */
export type BuildName = "shared-simd" | "shared" | "plain-simd" | "plain";
export type WasmSource = BufferSource | WebAssembly.Module | URL | string;

export const PAGE_BYTES = 65536;
/** The kernel's declared maximum: 65536 pages, all of wasm32's 4 GiB. */
export const MAX_PAGES = 65536;

/** Whether this platform grants shared memory (Node always; browsers only when cross-origin isolated). */
export function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer === "undefined") return false;
  const g = globalThis as { crossOriginIsolated?: boolean };
  if (!isNode && g.crossOriginIsolated !== true) return false;
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return true;
  } catch {
    return false;
  }
}

// (module (func (result v128) v128.const i32x4 0 0 0 0)): validates only where SIMD is supported
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array(16).fill(0), 0x0b,
]);

/** Whether this engine runs WebAssembly fixed-width SIMD. */
export function simdAvailable(): boolean {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** Which kernel build to load, and how much memory it may take. */
export interface KernelOptions {
  /** "auto" (default) picks shared where available, else plain. */
  mode?: "auto" | MemoryMode;
  /** Use the SIMD build: "auto" (default) where the engine supports it. Results are identical. */
  simd?: "auto" | boolean;
  /**
   * Largest memory the kernel may grow to, in bytes, at least 65536 (default 4 GiB in Node, 1 GiB in
   * browsers; a Simulation that loads its own kernel reserves what its network needs).
   */
  maxBytes?: number;
  /** Where the .wasm files are, per build (default: the package's build/ folder). */
  wasm?: Partial<Record<BuildName, WasmSource>>;
}

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** Where the builds are when options.wasm does not say (set by the browser entry). */
let defaultWasm: Partial<Record<BuildName, WasmSource>> = {};

/**
 * Set where Kernel.load() finds each build when `options.wasm` does not say. The package's browser
 * entry sets the files next to it (as `new URL("../../build/...", import.meta.url)`, a pattern
 * bundlers follow); under Node the builds are read from the package's build/ folder.
 */
export function setDefaultWasm(sources: Partial<Record<BuildName, WasmSource>>): void {
  defaultWasm = { ...sources };
}

function locateBuild(file: string): URL {
  const fs = nodeBuiltin<typeof import("node:fs")>("node:fs");
  // src/runtime/kernel.ts runs from src/runtime/ under vitest and from dist/src/runtime/ once compiled
  for (const rel of ["../../build/", "../../../build/"]) {
    const url = new URL(rel + file, import.meta.url);
    if (fs.existsSync(url)) return url;
  }
  throw new Error(`stp-wasm: ${file} is missing; run "npm run build:wasm"`);
}

/**
 * Compile a build. In Node the shared builds are compiled by V8's optimizing compiler only: Node 20's
 * baseline compiler (Liftoff) loses a value held in a register across memory.atomic.wait, which the
 * thread barrier uses to sleep (a wrong result we saw; see test/long/liftoff.test.ts). The kernel keeps no
 * value it needs across the barrier in a local, and this takes Liftoff out of the threaded runs
 * altogether. V8 compiles functions lazily, also in every worker, so the flag stays set for the
 * rest of the process (other WebAssembly then starts in the optimizing tier too); a process started
 * with Liftoff flags of its own keeps them.
 */
async function compileBytes(build: BuildName, bytes: BufferSource): Promise<WebAssembly.Module> {
  if (!isNode || !build.startsWith("shared") || process.execArgv.some((a) => a.includes("liftoff"))) {
    return WebAssembly.compile(bytes);
  }
  nodeBuiltin<typeof import("node:v8")>("node:v8").setFlagsFromString("--no-liftoff");
  return WebAssembly.compile(bytes);
}

async function compile(build: BuildName, given?: WasmSource): Promise<WebAssembly.Module> {
  const source: WasmSource | undefined = given ?? defaultWasm[build];
  // (tested through `unknown`: TypeScript's WebAssembly.Module is an empty interface, so a failed
  // `instanceof WebAssembly.Module` on `source` would narrow every object type away)
  if ((source as unknown) instanceof WebAssembly.Module) return source as WebAssembly.Module;
  const key = source === undefined ? `default:${build}` : typeof source === "string" || source instanceof URL ? String(source) : "";
  if (key && compiled.has(key)) return compiled.get(key)!;
  const job = (async () => {
    let bytes: BufferSource;
    if (source === undefined) {
      if (!isNode) {
        throw new Error(`stp-wasm: no location for stp.${build}.wasm: import the package's browser entry ("stp-wasm" under a bundler's ` +
          `"browser" condition, or stp-wasm/browser), or pass options.wasm`);
      }
      bytes = await nodeBuiltin<typeof import("node:fs/promises")>("node:fs/promises").readFile(locateBuild(`stp.${build}.wasm`));
    } else if (typeof source === "string" || source instanceof URL) {
      const url = source instanceof URL ? source : new URL(source, globalThis.location?.href ?? import.meta.url);
      if (url.protocol === "file:" && isNode) bytes = await nodeBuiltin<typeof import("node:fs/promises")>("node:fs/promises").readFile(url);
      else {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`stp-wasm: fetching ${url} gave HTTP ${response.status} ${response.statusText}`);
        bytes = await response.arrayBuffer();
      }
    } else bytes = source as BufferSource;
    return compileBytes(build, bytes);
  })();
  if (key) compiled.set(key, job);
  return job;
}

/** One kernel instance on its own memory. */
export class Kernel {
  private constructor(
    readonly memory: WebAssembly.Memory,
    readonly exports: KernelExports,
    /** The compiled module (workers instantiate it on the same memory). */
    readonly module: WebAssembly.Module,
    readonly mode: MemoryMode,
    readonly simd: boolean,
    readonly maxBytes: number,
  ) {}

  /** The build in use, e.g. "shared-simd". */
  get build(): BuildName {
    return `${this.mode}${this.simd ? "-simd" : ""}` as BuildName;
  }

  static async load(options: KernelOptions = {}): Promise<Kernel> {
    checkKernelOptions(options);
    const want = options.mode ?? "auto";
    const mode: MemoryMode = want === "auto" ? (sharedMemoryAvailable() ? "shared" : "plain") : want;
    const simd = options.simd === undefined || options.simd === "auto" ? simdAvailable() : options.simd;
    const build = `${mode}${simd ? "-simd" : ""}` as BuildName;
    const maxPages = Math.min(MAX_PAGES, Math.floor((options.maxBytes ?? (isNode ? MAX_PAGES : 16384) * PAGE_BYTES) / PAGE_BYTES));
    const module = await compile(build, options.wasm?.[build]);
    const { memory, maxPages: granted } = createMemory(maxPages, mode === "shared");
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    const k = instance.exports as unknown as KernelExports;
    if (k.abiVersion() !== ABI_VERSION) throw new Error(`stp-wasm: kernel ABI ${k.abiVersion()} but this package expects ${ABI_VERSION}; rebuild`);
    if (k.heapBase() > HEAP_BASE) throw new Error(`stp-wasm: the kernel's static data ends at ${k.heapBase()}, above the host's HEAP_BASE = ${HEAP_BASE}`);
    return new Kernel(memory, k, module, mode, simd, granted * PAGE_BYTES);
  }

  /** errorAt() as the unsigned address it is (a wasm32 address above 2^31 - 1 comes back negative as an i32). */
  errorAt(): number {
    return this.exports.errorAt() >>> 0;
  }

  /** Current size of the memory in bytes. */
  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Grow the memory to hold at least `bytes` (checked against maxBytes by the caller). */
  ensure(bytes: number): void {
    growMemory(this.memory, bytes);
  }

  /** A fresh view of the memory (views must be renewed after growth). */
  get buffer(): ArrayBufferLike {
    return this.memory.buffer;
  }
}
