// A pool of workers (Node worker_threads, or Web Workers in a browser) that step disjoint slices of
// a network over the kernel's one shared memory. The calling thread is worker 0; the others wait
// on a control block in that memory and run `runSlice` when told to. Inside a run the workers meet
// at the kernel's own barrier (in WASM) between the phases of every step; results are the same for
// any number of workers. Workers are started once and reused until dispose().
// A page's main thread may not sleep (Atomics.wait throws there, memory.atomic.wait traps): when the
// caller is one, it waits for the workers by polling, and the run's barriers poll as long as they
// may (NET_SPINS at its largest) so the caller never reaches the kernel's sleep in practice.
import * as A from "../../assembly/abi.js";
import type { Kernel } from "./kernel.js";
import { canBlock, isNode, nodeBuiltin } from "./platform.js";
import { MAX_THREADS } from "./cores.js";

/** Control block words (Int32, in the kernel's memory at `ctl`). */
const GEN = 0; // bumped by the host for every command
const CMD = 1; // CMD_RUN or CMD_QUIT
const NET = 2;
const STEPS = 3;
const WORKERS = 4;
const DONE = 5; // workers (other than 0) that finished the command
const ERROR = 6; // first non-zero code a worker returned
const FAULTS = 8; // then per worker i >= 1, words FAULTS + 2i and + 1: its errorStep() and errorAt() after ERR_NON_FINITE (step -1: none)
export const CTL_BYTES = 4 * (FAULTS + 2 * MAX_THREADS);
const CMD_RUN = 1;
const CMD_QUIT = 2;
/** NET_SPINS for a run whose calling thread may not sleep: about a second of polling per barrier. */
const SPIN_ALWAYS = 2 ** 31 - 1;

// Runs in every worker: instantiate the kernel on the shared memory, then serve commands.
const WORKER_SOURCE = `
const serve = ({ module, memory, ctl, index }, ready) => {
  const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const c = new Int32Array(memory.buffer, ctl, ${CTL_BYTES / 4});
  let gen = Atomics.load(c, ${GEN});
  ready();
  for (;;) {
    Atomics.wait(c, ${GEN}, gen);
    gen = Atomics.load(c, ${GEN});
    if (Atomics.load(c, ${CMD}) === ${CMD_QUIT}) break;
    // a run on fewer threads leaves the workers past its count out
    const code = index < c[${WORKERS}] ? kernel.runSlice(c[${NET}], c[${STEPS}], index, c[${WORKERS}]) : 0;
    if (code === ${A.ERR_NON_FINITE}) {
      c[${FAULTS} + 2 * index] = kernel.errorStep();
      c[${FAULTS} + 2 * index + 1] = kernel.errorAt();
    }
    if (code !== 0) Atomics.compareExchange(c, ${ERROR}, 0, code);
    Atomics.add(c, ${DONE}, 1);
    Atomics.notify(c, ${DONE});
  }
};
if (typeof self === "undefined") {
  // (not require: an eval'd worker is an ES module where the process runs with --input-type=module)
  const { parentPort, workerData } = process.getBuiltinModule("node:worker_threads");
  serve(workerData, () => parentPort.postMessage("ready"));
} else {
  self.onmessage = (e) => serve(e.data, () => self.postMessage("ready"));
}
`;

interface Handle {
  terminate(): unknown;
}

async function spawn(data: { module: WebAssembly.Module; memory: WebAssembly.Memory; ctl: number; index: number }): Promise<Handle> {
  if (isNode) {
    const { Worker } = nodeBuiltin<typeof import("node:worker_threads")>("node:worker_threads");
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: data });
    worker.unref(); // an undisposed pool does not keep the process alive
    await new Promise<void>((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
    });
    return worker;
  }
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  await new Promise<void>((resolve, reject) => {
    worker.onmessage = () => resolve();
    worker.onerror = (e) => reject(new Error(`stp-wasm worker failed: ${e.message}`));
    worker.postMessage(data);
  });
  return worker;
}

export class ThreadPool {
  private constructor(
    private readonly kernel: Kernel,
    private readonly ctl: Int32Array,
    private readonly workers: Handle[],
  ) {}

  /** Start `threads - 1` workers on the kernel's shared memory, with the control block at `ctl`. */
  static async start(kernel: Kernel, threads: number, ctl: number): Promise<ThreadPool> {
    const view = new Int32Array(kernel.buffer, ctl, CTL_BYTES / 4);
    view.fill(0);
    const workers = await Promise.all(Array.from({ length: threads - 1 }, (_, i) =>
      spawn({ module: kernel.module, memory: kernel.memory, ctl, index: i + 1 })));
    return new ThreadPool(kernel, view, workers);
  }

  /** Number of threads, the caller included. */
  get size(): number {
    return this.workers.length + 1;
  }

  /**
   * Run nSteps on the first `threads` threads (default all; the calling thread is worker 0); blocks
   * the calling thread until all are done.
   */
  runSlice(net: number, nSteps: number, threads = this.size): number {
    const c = this.ctl;
    const others = this.workers.length;
    const sleeps = canBlock();
    let spins: Int32Array | null = null;
    let userSpins = 0;
    if (!sleeps && threads > 1) {
      spins = new Int32Array(this.kernel.buffer, net + A.NET_SPINS, 1);
      userSpins = spins[0];
      spins[0] = SPIN_ALWAYS;
    }
    Atomics.store(c, DONE, 0);
    Atomics.store(c, ERROR, 0);
    Atomics.store(c, NET, net);
    Atomics.store(c, STEPS, nSteps);
    Atomics.store(c, WORKERS, threads);
    for (let i = 1; i < threads; i++) c[FAULTS + 2 * i] = -1;
    Atomics.store(c, CMD, CMD_RUN);
    Atomics.add(c, GEN, 1);
    Atomics.notify(c, GEN);
    let code: number;
    try {
      code = this.kernel.exports.runSlice(net, nSteps, 0, threads);
      for (let done = Atomics.load(c, DONE); done < others; done = Atomics.load(c, DONE)) {
        if (sleeps) Atomics.wait(c, DONE, done);
      }
    } finally {
      if (spins) spins[0] = userSpins;
    }
    return code !== 0 ? code : Atomics.load(c, ERROR);
  }

  /**
   * After runSlice returned ERR_NON_FINITE: the earliest (step, then address) non-finite value over
   * the first `threads` threads, as one thread would report it (errorStep(), errorAt()).
   */
  fault(threads = this.size): { step: number; at: number } {
    let best = { step: -1, at: 0 };
    const consider = (step: number, at: number) => {
      if (step >= 0 && (best.step < 0 || step < best.step || (step === best.step && at < best.at))) best = { step, at };
    };
    consider(this.kernel.exports.errorStep(), this.kernel.errorAt());
    for (let i = 1; i < threads; i++) consider(this.ctl[FAULTS + 2 * i], this.ctl[FAULTS + 2 * i + 1] >>> 0);
    return best;
  }

  /** Stop the workers. */
  dispose(): void {
    Atomics.store(this.ctl, CMD, CMD_QUIT);
    Atomics.add(this.ctl, GEN, 1);
    Atomics.notify(this.ctl, GEN);
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
  }
}
