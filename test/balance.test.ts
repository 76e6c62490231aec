// The threads' shares of a step's work when they split trials (the `balance` option; docs/ABI.md
// section 8): whatever the shares, fixed or moved by the kernel as it runs, the results are the
// single thread's to the bit; fixed shares are the weights given; bad values are refused before
// anything runs.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Simulation, simulate } from "../src/simulation.js";
import { StpOptionError } from "../src/core/errors.js";
import { resolveTum2000, tum2000Network } from "../src/experiments/papers/tum2000.js";
import * as A from "../assembly/abi.js";
import { networkArb } from "./arbitraries.js";
import { dense, flat } from "./threaded.js";

/** Positive weights, one per thread, far from equal. */
const weightsArb = (threads: number) => fc.array(fc.double({ min: 0.05, max: 20, noNaN: true }), { minLength: threads, maxLength: threads });

describe("balance", () => {
  it("fixed uneven shares on random networks of one trial: 2, 3 and 4 threads equal 1 thread, bit for bit", async () => {
    await fc.assert(fc.asyncProperty(networkArb, fc.integer({ min: 2, max: 4 }).chain((t) => weightsArb(t)), async ({ network, steps }, weights) => {
      const one = { ...network, trials: 1, steps };
      const expected = flat(await simulate(one));
      const got = flat(await simulate(one, { threads: weights.length, balance: weights }));
      expect(got).toEqual(expected);
    }), { numRuns: 6, seed: 11 });
  });

  it("tum2000's network (per-connection three-state STP, delays, 500 LIF): any shares, the same bits", async () => {
    const network = { ...tum2000Network(resolveTum2000({ seed: 3 })), record: [{ name: "E", vars: ["v", "spikes"] }, { name: "EE", vars: ["u", "x", "wdyn"], at: "spikes" as const }] };
    const expected = flat(await simulate({ ...network, steps: 1000 }));
    expect(expected.counts.E.reduce((a, b) => a + b, 0)).toBeGreaterThan(100); // it spikes
    for (const balance of [[1, 9], [9, 1], "even", "adaptive"] as const) {
      expect(flat(await simulate({ ...network, steps: 1000 }, { threads: 2, balance }))).toEqual(expected);
    }
    expect(flat(await simulate({ ...network, steps: 1000 }, { threads: 3, balance: [1, 5, 2] }))).toEqual(expected);
  });

  it("fixed shares are the weights given (to 1 / 65536), on runs with every thread; equal ones on fewer", async () => {
    const sim = await Simulation.create(dense(1), { threads: 3, balance: [1, 2, 5] });
    expect(sim.threadShares).toBeNull(); // no run yet
    sim.run(10);
    expect(sim.threadShares!.map((s) => Math.round(s * A.SHARE_ONE))).toEqual([1, 2, 5].map((w) => Math.round((w / 8) * A.SHARE_ONE)));
    sim.run(10, { threads: 2 });
    expect(sim.threadShares).toEqual([0.5, 0.5]);
    sim.run(10);
    expect(sim.threadShares![2]).toBeCloseTo(5 / 8, 4);
    sim.dispose();
    // "even" stays even; "adaptive" keeps the total and no share below 1/16 of an equal one
    const even = await Simulation.create(dense(1), { threads: 2, balance: "even" });
    even.run(500);
    expect(even.threadShares).toEqual([0.5, 0.5]);
    even.dispose();
    const adaptive = await Simulation.create(dense(1), { threads: 2 });
    adaptive.run(2000);
    const s = adaptive.threadShares!;
    expect(s[0] + s[1]).toBe(1);
    expect(Math.min(...s)).toBeGreaterThanOrEqual(1 / 32);
    adaptive.dispose();
  });

  it("whole trials per thread: no shares to report", async () => {
    const sim = await Simulation.create(dense(4), { threads: 2, balance: [1, 3] });
    sim.run(10);
    expect(sim.threadShares).toBeNull();
    sim.dispose();
  });

  it.each([
    ["fast", /balance = "fast".*"adaptive", "even", or 2 positive finite weights/],
    [[1], /balance = \[1\].*1 weight for 2 threads/],
    [[1, 2, 3], /balance = \[1, 2, 3\].*3 weights for 2 threads/],
    [[1, -1], /balance\[1\] = -1.*a positive finite number/],
    [[1, Number.NaN], /balance\[1\] = NaN.*a positive finite number/],
    [[0, 1], /balance\[0\] = 0.*a positive finite number/],
  ])("balance %j is refused, naming it, before anything runs", async (balance, message) => {
    const create = Simulation.create(dense(1), { threads: 2, balance: balance as never });
    await expect(create).rejects.toThrow(StpOptionError);
    await expect(create).rejects.toThrow(message);
  });
});
