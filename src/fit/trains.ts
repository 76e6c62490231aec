// The host's side of the kernel's fitTrains (assembly/fit/trains.ts, docs/ABI.md section 3): a data
// set's spikes and amplitudes laid out once in a kernel's memory, then whole grids of candidates
// (U, tauF, tauD) evaluated in one call each.
import * as A from "../../assembly/abi.js";
import { StpKernelError } from "../core/errors.js";
import { HEAP_BASE } from "../core/memory.js";
import { Kernel, type KernelExports, type KernelOptions } from "../runtime/kernel.js";
import type { FlatTrains } from "./data.js";

/** fitTrains' signature (pointers are byte addresses in the kernel's memory). */
type FitExports = KernelExports & {
  fitTrains(n: number, dts: number, amps: number, nU: number, us: number, nF: number, tauFs: number, nD: number, tauDs: number, scratch: number, sums: number, pred: number): number;
};

/** A grid of candidates: every combination of these values (tauF, tauD in ms; 0 = that term off). */
export interface CandidateGrid {
  us: ArrayLike<number>;
  tauFs: ArrayLike<number>;
  tauDs: ArrayLike<number>;
}

/**
 * Per candidate c = (iU nF + iF) nD + iD: sum(y p) and sum(p p) over the present amplitudes; p at
 * A = 1. Views of the kernel's memory, valid until the next evaluate (copy what you keep).
 */
export interface GridSums {
  yp: Float64Array;
  pp: Float64Array;
  /** With `predictions`: p of candidate c at spike k, at [c n + k]. */
  pred?: Float64Array;
}

const align = (p: number) => Math.ceil(p / 64) * 64;

/** One data set in a kernel's memory. */
export class TrainGrid {
  private constructor(private readonly kernel: Kernel, readonly trains: FlatTrains) {
    const n = trains.dts.length;
    kernel.ensure(align(HEAP_BASE + 16 * n));
    const f = new Float64Array(kernel.buffer, HEAP_BASE, 2 * n);
    f.set(trains.dts, 0);
    f.set(trains.amps, n);
  }

  /** Lay `trains` out in `kernel` (default: a kernel of its own, plain memory: one thread is all it uses). */
  static async create(trains: FlatTrains, settings: KernelOptions & { kernel?: Kernel } = {}): Promise<TrainGrid> {
    const { kernel, ...options } = settings;
    return new TrainGrid(kernel ?? await Kernel.load({ mode: "plain", ...options }), trains);
  }

  /** The kernel's build in use, e.g. "plain-simd". */
  get build(): string {
    return this.kernel.build;
  }

  /**
   * The sums of every candidate of `grid` (and, with `predictions`, every predicted amplitude), in
   * one kernel call; views of the kernel's memory (valid until the next call: the memory is reused,
   * not reallocated, so a call costs the kernel's time and nothing more).
   */
  evaluate(grid: CandidateGrid, predictions = false): GridSums {
    const n = this.trains.dts.length;
    const [nU, nF, nD] = [grid.us.length, grid.tauFs.length, grid.tauDs.length];
    const nc = nU * nF * nD;
    const dts = HEAP_BASE;
    const amps = dts + 8 * n;
    const us = align(amps + 8 * n);
    const tauFs = align(us + 8 * nU);
    const tauDs = align(tauFs + 8 * nF);
    const scratch = align(tauDs + 8 * nD);
    const sums = align(scratch + 8 * (nF + 2 * nD + 2) * n);
    const pred = predictions ? align(sums + 16 * nc) : 0;
    const end = predictions ? pred + 8 * nc * n : sums + 16 * nc;
    if (end > this.kernel.maxBytes) throw new Error(`stp-wasm: a grid of ${nc} candidates needs ${end} bytes of kernel memory, more than its ${this.kernel.maxBytes}`);
    this.kernel.ensure(end);
    const buf = this.kernel.buffer;
    new Float64Array(buf, us, nU).set(grid.us);
    new Float64Array(buf, tauFs, nF).set(grid.tauFs);
    new Float64Array(buf, tauDs, nD).set(grid.tauDs);
    const k = this.kernel.exports as FitExports;
    const code = k.fitTrains(n, dts, amps, nU, us, nF, tauFs, nD, tauDs, scratch, sums, pred);
    if (code !== A.OK) throw new StpKernelError(code, k.errorAt());
    const out = this.kernel.buffer;
    return {
      yp: new Float64Array(out, sums, nc),
      pp: new Float64Array(out, sums + 8 * nc, nc),
      ...(predictions ? { pred: new Float64Array(out, pred, nc * n) } : {}),
    };
  }
}
