// A network run live: in chunks of steps, as fast as it goes, noting after each chunk the steps done,
// the wall-clock time since the first step and one population's spikes in the chunk; the notes are
// handed over in batches, at most every `batchMs` of wall-clock time, so that whoever shows them (a
// page's main thread) is not woken for every chunk. The demo's large network (demo/bigWorker.ts) and
// its reference in Node (scripts/measure-demo.js) both run through here, with DENSE_LIVE.
import * as A from "../../assembly/abi.js";
import type { Simulation } from "../simulation.js";
import { SpinTuner } from "./spinTuner.js";

/** One chunk of a live run. */
export interface LiveChunk {
  /** Steps done since the run's first step, this chunk included. */
  done: number;
  /** Wall-clock ms from the run's first step to the end of this chunk. */
  wallMs: number;
  /** The population's spikes in this chunk (all its units). */
  spikes: number;
  /** Steps in this chunk. */
  steps: number;
  /** The barrier's spins (NET_SPINS) during this chunk. */
  spins: number;
}

export interface LiveOptions {
  /** Steps to run. */
  steps: number;
  /** Steps per chunk. */
  chunk: number;
  /** Threads to run on (default all of the simulation's). */
  threads?: number;
  /** The population whose spikes are counted per chunk. */
  population: string;
  /** Wall-clock ms between batches (0: a batch per chunk). */
  batchMs: number;
  /** On several threads, choose the barrier's spins from the chunks' timings (spinTuner.ts); else the simulation's stay. */
  tuneSpins?: boolean;
  /** The chunks since the last batch, in order; the last batch ends with the run. */
  onBatch(chunks: LiveChunk[]): void;
}

/** The settings of the live dense-10k (the demo's large network, src/experiments/dense.ts). */
export const DENSE_LIVE = {
  /** Steps per chunk: 100 ms of network time, the rate plot's bins. */
  chunk: 100,
  /** Steps of warm-up on each thread count before anything is timed (undone by reset()). */
  warmUp: 300,
  /**
   * Wall-clock ms between the batches handed to the page: a message per chunk (about 150 a second
   * on 2 threads) kept the page's main thread on a core the simulation's threads need.
   */
  batchMs: 200,
  /** The barrier's spins follow the machine (spinTuner.ts). */
  tuneSpins: true,
} as const;

/** Run `steps` steps on each thread count from 1 to all, in chunks, so that the engine has optimised the kernel; reset() undoes them. */
export function warmUp(sim: Simulation, steps: number, chunk: number): void {
  for (let t = 1; t <= sim.threads; t++) for (let done = 0; done < steps; done += chunk) sim.run(Math.min(chunk, steps - done), { threads: t, keep: false });
}

/** Run `options.steps` steps live (from the simulation's current step); returns the wall-clock ms to the end of the last chunk. */
export function runLive(sim: Simulation, options: LiveOptions): number {
  const { steps, chunk, threads = sim.threads, population, batchMs, onBatch } = options;
  const spinsWord = () => new Int32Array(sim.kernel.buffer, sim.netPtr + A.NET_SPINS, 1);
  const ownSpins = spinsWord()[0];
  const tuner = options.tuneSpins && threads > 1 ? new SpinTuner() : null;
  let spikes = total(sim.spikeCounts(population));
  let batch: LiveChunk[] = [];
  const start = performance.now();
  let handed = start;
  let now = start;
  let wallMs = 0;
  try {
    for (let done = 0; done < steps;) {
      const n = Math.min(chunk, steps - done);
      const choice = tuner ? tuner.next() : -1;
      if (tuner) spinsWord()[0] = tuner.choices[choice];
      const before = now;
      sim.run(n, { threads, keep: false });
      now = performance.now();
      tuner?.record(choice, (now - before) / n);
      done += n;
      const sum = total(sim.spikeCounts(population));
      wallMs = now - start;
      batch.push({ done, wallMs, spikes: sum - spikes, steps: n, spins: spinsWord()[0] });
      spikes = sum;
      if (now - handed >= batchMs || done === steps) {
        onBatch(batch);
        batch = [];
        handed = now;
      }
      now = performance.now(); // the next chunk's time starts here: counting spikes and posting are not the barrier's
    }
  } finally {
    spinsWord()[0] = ownSpins;
  }
  return wallMs;
}

function total(counts: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += counts[i];
  return sum;
}
