// The large network's worker: 10,000 Poisson inputs onto 1,000 LIF neurons, all to all through STP
// (src/experiments/dense.ts, the benchmarks' dense-10k), run live (src/experiments/live.ts): in
// chunks of 100 steps as fast as it goes, each chunk's steps, wall-clock time and spikes posted to
// the page in batches (every DENSE_LIVE.batchMs). One simulation serves every run: made once with
// as many threads as the page allows (Web Workers on this worker's shared memory), warmed up (so
// that the engine has optimised the kernel before anything is timed), then reset and run on the
// threads asked for, like the benchmarks' 1 and 2 threads on one memory. This worker only runs the
// simulation (it is the pool's worker 0); the page draws. The page stops a run by ending this worker.
import { Simulation } from "../src/simulation.js";
import { denseNetwork } from "../src/experiments/dense.js";
import { DENSE_LIVE, runLive, warmUp } from "../src/experiments/live.js";
import sharedSimdWasm from "../build/stp.shared-simd.wasm?url";
import sharedWasm from "../build/stp.shared.wasm?url";
import plainSimdWasm from "../build/stp.plain-simd.wasm?url";
import plainWasm from "../build/stp.plain.wasm?url";
import { BIG_POST, BIG_PRE, type BigReply, type BigRequest } from "./protocol.js";

const scope = self as unknown as { postMessage(message: BigReply): void; onmessage: ((event: MessageEvent<BigRequest>) => void) | null };
const wasm = { "shared-simd": sharedSimdWasm, shared: sharedWasm, "plain-simd": plainSimdWasm, plain: plainWasm };

let made: Promise<Simulation> | null = null;

async function simulation(poolThreads: number): Promise<Simulation> {
  made ??= (async () => {
    const sim = await Simulation.create(denseNetwork(BIG_PRE, BIG_POST), { threads: poolThreads, wasm, chunkSteps: DENSE_LIVE.chunk });
    warmUp(sim, DENSE_LIVE.warmUp, DENSE_LIVE.chunk);
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
    runLive(sim, {
      steps: total, chunk: DENSE_LIVE.chunk, threads, population: "z1", batchMs: DENSE_LIVE.batchMs, tuneSpins: DENSE_LIVE.tuneSpins,
      onBatch: (chunks) => scope.postMessage({ type: "big-chunks", id, total, chunks }),
    });
    scope.postMessage({ type: "big-done", id });
  } catch (err) {
    scope.postMessage({ type: "big-error", id, message: err instanceof Error ? err.message : String(err) });
  }
};
