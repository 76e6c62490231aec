// The adaptive balance at work: one trial on 2 threads where nearly all of a step's work (a sparse
// synapse's connections) lands on postsynaptic units of the second thread's equal share. The kernel
// should move work to the first thread, and the results stay the single thread's. The direction is
// the claim, not a speed: the second thread has about 8 times the first one's work per step, so it
// arrives last at nearly every barrier whatever else the machine runs.
import { describe, expect, it } from "vitest";
import { simulate, Simulation } from "../../src/simulation.js";
import type { NetworkOptions } from "../../src/network/options.js";
import { flat } from "../threaded.js";

const N_PRE = 2000;
const N_POST = 4096;
/** Each presynaptic unit onto 400 of the top 512 postsynaptic units. */
function skewed(): NetworkOptions {
  const pre: number[] = [];
  const post: number[] = [];
  for (let j = 0; j < N_PRE; j++) for (let m = 0; m < 400; m++) { pre.push(j); post.push(N_POST - 512 + ((j * 7 + m) % 512)); }
  return {
    dt: 0.1, seed: 5,
    populations: [
      { type: "poisson", name: "in", n: N_PRE, rateHz: 500 },
      { type: "lif", name: "out", n: N_POST, tauM: 20, vRest: -70, vReset: -70, thr: -50, refractTime: 2, tauTheta: 0, resistM: 1 },
    ],
    synapses: [{ name: "W", pre: "in", post: "out", connect: { pre, post }, weights: 0.01, resources: 0.3, tauF: 100, tauD: 300 }],
    record: [{ name: "out", vars: ["v"], units: [0, N_POST - 1] }],
  };
}

describe("adaptive balance", () => {
  it("moves work away from the thread that has most of it; the same bits as one thread", async () => {
    const network = skewed();
    const sim = await Simulation.create(network, { threads: 2, steps: 4000 });
    const r = sim.run(4000);
    const shares = sim.threadShares!;
    expect(shares[0]).toBeGreaterThan(0.6);
    expect(shares[0] + shares[1]).toBe(1);
    const one = await simulate({ ...network, steps: 4000 });
    expect(Array.from(r.records.out.v.data)).toEqual(Array.from(one.records.out.v.data));
    expect(Array.from(sim.spikeCounts("out"))).toEqual(Array.from(one.spikeCounts.out));
    sim.dispose();
  });
});
