// The demo's kernel worker: loads the WASM kernel (the shared-memory build when the page is
// cross-origin isolated, the plain one otherwise), runs the lesson in chunks paced by the page's
// acknowledgements, runs the live explorer's whole runs (demo/exploreRun.ts) and rate sweeps.
import { Kernel } from "../src/runtime/kernel.js";
import { StpOptionError } from "../src/core/errors.js";
import { lessonNetwork, resolveLesson } from "../src/experiments/lesson.js";
import { Simulation } from "../src/simulation.js";
import { rateSweep } from "../src/experiments/sweep.js";
import { WASM_URLS } from "./wasmUrls.js";
import { exploreRun } from "./exploreRun.js";
import { TRACES, type Chunk, type Reply, type Request } from "./protocol.js";

// the DOM lib types `self` as a Window; in a worker it is the worker's global scope
const scope = self as unknown as {
  postMessage(message: Reply, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  crossOriginIsolated?: boolean;
};
const post = (message: Reply, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

const kernelReady: Promise<Kernel> = Kernel.load({
  wasm: WASM_URLS,
});
kernelReady.then(
  (k) => post({ type: "ready", mode: k.mode, isolated: scope.crossOriginIsolated === true }),
  (err) => post({ type: "error", id: 0, message: `the kernel could not be loaded: ${err instanceof Error ? err.message : String(err)}` }),
);

/** The lesson run in progress: advanced one chunk per acknowledgement. */
let current: { id: number; sim: Simulation; total: number; chunk: number } | null = null;

function fail(id: number, err: unknown): void {
  if (err instanceof StpOptionError) post({ type: "error", id, message: err.message, option: err.option });
  else post({ type: "error", id, message: err instanceof Error ? err.message : String(err) });
}

async function start(id: number, request: Extract<Request, { type: "run" }>): Promise<void> {
  current?.sim.dispose();
  current = null;
  try {
    const o = resolveLesson(request.options);
    const kernel = await kernelReady;
    const chunk = Math.max(1, Math.ceil(o.steps / Math.max(1, request.chunks)));
    const sim = await Simulation.create(lessonNetwork(o), { kernel, steps: o.steps, chunkSteps: chunk });
    current = { id, sim, total: o.steps, chunk };
    step(id);
  } catch (err) {
    fail(id, err);
  }
}

function step(id: number): void {
  const run = current;
  if (!run || run.id !== id) return; // superseded by a newer run
  try {
    const from = run.sim.step;
    const res = run.sim.run(Math.min(run.chunk, run.total - from));
    const r = res.records;
    const chunk: Chunk = {
      from,
      pre: r.z0.spikes.data as Uint8Array,
      u: r.W.u.data as Float32Array,
      x: r.W.x.data as Float32Array,
      wdyn: r.W.wdyn.data as Float32Array,
      v: r.z1.v.data as Float32Array,
      post: r.z1.spikes.data as Uint8Array,
    };
    const last = run.sim.step >= run.total;
    post({
      type: "chunk", id, total: run.total, chunk, last,
      preSpikes: run.sim.spikesPerTrial("z0")[0], postSpikes: run.sim.spikesPerTrial("z1")[0],
    }, TRACES.map((key) => chunk[key].buffer));
    if (last) {
      run.sim.dispose();
      current = null;
    }
  } catch (err) {
    current = null;
    fail(id, err);
  }
}

async function sweep(request: Extract<Request, { type: "sweep" }>): Promise<void> {
  const { id } = request;
  try {
    const kernel = await kernelReady;
    const result = await rateSweep(request.options, { kernel, onRow: (row, index) => post({ type: "row", id, index, row }) });
    post({ type: "swept", id, result });
  } catch (err) {
    fail(id, err);
  }
}

/** The live explorer's whole run: a run in progress is dropped (its memory is reused). */
async function explore(request: Extract<Request, { type: "explore" }>): Promise<void> {
  current?.sim.dispose();
  current = null;
  try {
    const result = await exploreRun(await kernelReady, request.options);
    post({ type: "explored", id: request.id, result }, TRACES.map((key) => result[key].buffer));
  } catch (err) {
    fail(request.id, err);
  }
}

scope.onmessage = (event) => {
  const m = event.data;
  if (m.type === "run") void start(m.id, m);
  else if (m.type === "ack") step(m.id);
  else if (m.type === "sweep") void sweep(m);
  else if (m.type === "explore") void explore(m);
};
