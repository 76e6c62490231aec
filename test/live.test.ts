// Live runs (src/experiments/live.ts) and the barrier's spin tuner (src/experiments/spinTuner.ts):
// the tuner settles on the cheapest choice and follows a change, probing the others at the stated
// rate; a live run on 2 threads with the tuner gives the same spikes per chunk as one thread with
// none, and leaves the simulation's own spins as they were.
import { describe, expect, it } from "vitest";
import * as A from "../assembly/abi.js";
import { PROBE_EVERY, SPIN_CHOICES, SpinTuner } from "../src/experiments/spinTuner.js";
import { runLive, type LiveChunk } from "../src/experiments/live.js";
import { denseNetwork } from "../src/experiments/dense.js";
import { Simulation } from "../src/simulation.js";

/** A deterministic noise source on [0, 1) (LCG), for synthetic timings. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Run the tuner against mean costs (ms per step) per choice, with +-30% uniform noise; returns the choices made. */
function drive(tuner: SpinTuner, chunks: number, cost: (chunk: number) => number[], rand: () => number): number[] {
  const made: number[] = [];
  for (let c = 0; c < chunks; c++) {
    const i = tuner.next();
    made.push(i);
    tuner.record(i, cost(c)[i] * (0.7 + 0.6 * rand()));
  }
  return made;
}

describe("SpinTuner", () => {
  it("measures every choice first, then runs the cheapest and probes the others once in PROBE_EVERY chunks", () => {
    const tuner = new SpinTuner();
    const made = drive(tuner, 1600, () => [0.2, 0.1, 0.15], lcg(1));
    expect(made.slice(0, SPIN_CHOICES.length)).toEqual([0, 1, 2]);
    const rest = made.slice(SPIN_CHOICES.length);
    const others = rest.filter((i) => i !== 1).length;
    // probes only (1 in PROBE_EVERY), give or take the few times noise made another choice look best
    expect(others / rest.length).toBeGreaterThanOrEqual(1 / PROBE_EVERY - 0.005);
    expect(others / rest.length).toBeLessThanOrEqual(1 / PROBE_EVERY + 0.02);
    expect(tuner.best()).toBe(1);
  });

  it("follows a change of the cheapest choice within a few probes", () => {
    const tuner = new SpinTuner();
    // the machine gets busy at chunk 400: polling (choice 2) becomes the most expensive
    const made = drive(tuner, 800, (c) => (c < 400 ? [0.2, 0.12, 0.1] : [0.15, 0.12, 0.3]), lcg(2));
    const share = (from: number, to: number, i: number) => made.slice(from, to).filter((m) => m === i).length / (to - from);
    expect(share(100, 400, 2)).toBeGreaterThan(0.85);
    expect(share(500, 800, 1)).toBeGreaterThan(0.85);
    expect(tuner.best()).toBe(1);
  });
});

describe("runLive", () => {
  it("on 2 threads with the tuner: the same spikes per chunk as 1 thread; the simulation's spins restored", async () => {
    const sim = await Simulation.create(denseNetwork(1000, 100), { threads: 2, chunkSteps: 50, barrierSpins: 1234 });
    try {
      const runs: LiveChunk[][] = [];
      for (const threads of [1, 2]) {
        sim.reset();
        const chunks: LiveChunk[] = [];
        runLive(sim, { steps: 1000, chunk: 50, threads, population: "z1", batchMs: 0, tuneSpins: true, onBatch: (b) => chunks.push(...b) });
        runs.push(chunks);
      }
      expect(runs[0].map((c) => c.done)).toEqual(Array.from({ length: 20 }, (_, i) => 50 * (i + 1)));
      expect(runs[1].map((c) => c.spikes)).toEqual(runs[0].map((c) => c.spikes));
      expect(runs[0].reduce((s, c) => s + c.spikes, 0)).toBe(sim.spikeCounts("z1").reduce((s, v) => s + v, 0));
      expect(runs[0].every((c) => c.spins === 1234)).toBe(true); // one thread: no tuning
      expect(new Set(runs[1].map((c) => c.spins))).toEqual(new Set(SPIN_CHOICES)); // every choice was tried
      expect(new Int32Array(sim.kernel.buffer, sim.netPtr + A.NET_SPINS, 1)[0]).toBe(1234);
    } finally {
      sim.dispose();
    }
  });
});
