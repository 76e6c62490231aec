// The large network's worker: 10,000 Poisson inputs onto 1,000 LIF neurons, all to all through STP
// (src/experiments/dense.ts, the benchmarks' dense-10k), stepped in chunks of 100 steps as fast as
// it goes; for each chunk it notes the steps done, the wall-clock time since the first step and
// the chunk's spikes, and posts what it noted to the page every BIG_POST_MS. One simulation serves every run: made once with as many threads as the page
// allows (Web Workers on this worker's shared memory), warmed up (so that the engine has optimised
// the kernel before anything is timed), then reset and run on the threads asked for, like the
// benchmarks' 1 and 2 threads on one memory. The page stops a run by ending this worker.
import { Simulation } from "../src/simulation.js";
import { denseNetwork } from "../src/experiments/dense.js";
import sharedSimdWasm from "../build/stp.shared-simd.wasm?url";
import sharedWasm from "../build/stp.shared.wasm?url";
import plainSimdWasm from "../build/stp.plain-simd.wasm?url";
import plainWasm from "../build/stp.plain.wasm?url";
import { BIG_CHUNK, BIG_POST, BIG_POST_MS, BIG_PRE, type BigChunk, type BigReply, type BigRequest } from "./protocol.js";

const scope = self as unknown as { postMessage(message: BigReply): void; onmessage: ((event: MessageEvent<BigRequest>) => void) | null };
const wasm = { "shared-simd": sharedSimdWasm, shared: sharedWasm, "plain-simd": plainSimdWasm, plain: plainWasm };

/** Steps of the warm-up on each thread count (not timed, then undone by reset). */
const WARM_UP = 300;
let made: Promise<Simulation> | null = null;

async function simulation(poolThreads: number): Promise<Simulation> {
  made ??= (async () => {
    const sim = await Simulation.create(denseNetwork(BIG_PRE, BIG_POST), { threads: poolThreads, wasm, chunkSteps: BIG_CHUNK });
    for (let t = 1; t <= sim.threads; t++) for (let done = 0; done < WARM_UP; done += BIG_CHUNK) sim.run(BIG_CHUNK, { threads: t });
    return sim;
  })();
  return made;
}

scope.onmessage = async (event) => {
  const { id, threads, poolThreads, seconds } = event.data;
  try {
    const sim = await simulation(poolThreads);
    sim.reset();
    scope.postMessage({ type: "big-ready", id, threads, build: sim.kernel.build });
    const total = Math.round((seconds * 1000) / sim.spec.dt);
    let spikes = 0;
    let batch: BigChunk[] = [];
    const start = performance.now();
    let posted = start;
    for (let done = 0; done < total;) {
      const n = Math.min(BIG_CHUNK, total - done);
      sim.run(n, { threads });
      done += n;
      const counts = sim.spikeCounts("z1");
      let sum = 0;
      for (let i = 0; i < counts.length; i++) sum += counts[i];
      const now = performance.now();
      batch.push({ done, wallMs: now - start, spikes: sum - spikes, steps: n });
      spikes = sum;
      if (now - posted >= BIG_POST_MS || done === total) {
        scope.postMessage({ type: "big-chunks", id, total, chunks: batch });
        batch = [];
        posted = now;
      }
    }
    scope.postMessage({ type: "big-done", id });
  } catch (err) {
    scope.postMessage({ type: "big-error", id, message: err instanceof Error ? err.message : String(err) });
  }
};
