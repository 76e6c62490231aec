// Threads: a network stepped by 2, 3 or 4 workers over the one shared memory gives exactly the
// single-thread results (both ways of splitting: whole trials per worker when there are at least
// as many trials as workers, slices of one trial otherwise), and the workers are reused and ended.
import { describe, expect, it } from "vitest";
import { Simulation } from "../src/simulation.js";
import { blockNetwork } from "./arbitraries.js";
import { dense, rowBlocksAgree, threadsAgree, threadsEqualOnRandomNetworks } from "./threaded.js";

describe("threads", () => {
  // a few random networks here; twelve in test/long/threads.test.ts
  it("2, 3 and 4 threads equal 1 thread, bit for bit, on random networks", () => threadsEqualOnRandomNetworks(4));

  // 8195 rows in two blocks: with fewer trials than threads the threads split the output by blocks
  // of rows (2 threads: one block each; 3 and 4: shares that cut blocks by columns), otherwise by
  // trials (1 trial at 0.2 Hz: test/long/)
  it.each([[1, 60], [3, 60]])("row blocks, %d trial(s) at %d Hz: identical for 1, 2, 3 and 4 threads", (trials, rateHz) => rowBlocksAgree(trials, rateHz), 60_000);

  // 1 trial: the threads split one trial's rows (3, 8 and 40 trials: test/long/)
  it("a 203 x 97 network with 1 trial: identical for 1, 2 and 4 threads, over chunks", () => threadsAgree(1));

  it("run(n, { threads }) uses fewer of the simulation's threads: the same results; a bad count is refused", async () => {
    const sim = await Simulation.create(blockNetwork(1, 60), { threads: 3 });
    const results = [];
    for (const threads of [undefined, 1, 2, 3]) {
      sim.reset();
      const r = sim.run(30, { threads });
      results.push([Array.from(r.records.out.v.data), Array.from(sim.spikeCounts("out"))]);
    }
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
    for (const bad of [0, 4, 1.5]) expect(() => sim.run(5, { threads: bad })).toThrow(new RegExp(`threads.*${bad}.*an integer >= 1 <= 3`));
    expect(sim.step).toBe(30); // nothing ran
    sim.dispose();
  });

  it("refuses threads where shared memory is not used", async () => {
    await expect(Simulation.create(dense(1), { threads: 2, mode: "plain" })).rejects.toThrow(/threads = 2 is not allowed.*shared memory/);
    await expect(Simulation.create(dense(1), { threads: 0 })).rejects.toThrow(/threads = 0/);
  });
});
