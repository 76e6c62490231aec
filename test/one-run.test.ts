// One call at a time on a Simulation (issue 15, item 1): a run, reset or setInputs while a run is in
// flight (a second runAsync, run inside onRecords, reset during runAsync) is refused with an error
// naming the run in flight, and that run's records are exactly those of an undisturbed run; dispose
// stops a run in flight after its current chunk, with or without worker threads.
import { describe, expect, it } from "vitest";
import { Simulation, type RunResult } from "../src/simulation.js";
import { StpBusyError } from "../src/core/errors.js";
import type { NetworkOptions } from "../src/network/options.js";

const net: NetworkOptions = {
  seed: 3, trials: 2,
  populations: [
    { type: "poisson", name: "in", n: 6, rateHz: 40 },
    { type: "lif", name: "out", n: 3, tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, refractTime: 0 },
  ],
  synapses: [{ name: "W", pre: "in", post: "out", weights: 0.3, resources: 0.3, tauF: 200, tauD: 300 }],
  record: [{ name: "out", vars: ["v", "spikes"] }, { name: "W", vars: ["u", "x"] }],
};

const flat = (r: RunResult) => Object.values(r.records).flatMap((vars) => Object.values(vars).map((t) => Array.from(t.data)));

/** The records of `steps` steps run undisturbed on a fresh simulation. */
async function reference(steps: number): Promise<number[][]> {
  const sim = await Simulation.create(net, { chunkSteps: 500 });
  return flat(sim.run(steps));
}

describe("one run at a time per Simulation", () => {
  it("a second runAsync while one is in flight is refused, naming it; the first run's records are intact", async () => {
    const sim = await Simulation.create(net, { chunkSteps: 500 });
    const first = sim.runAsync(3000);
    const second = sim.runAsync(2000);
    await expect(second).rejects.toThrow(StpBusyError);
    await expect(second).rejects.toThrow(/runAsync\(2000\) refused: this simulation is in the middle of runAsync\(3000\) from step 0 \(now at step 500\)/);
    const r = await first;
    expect([r.firstStep, r.steps, r.stopped, sim.step]).toEqual([0, 3000, false, 3000]);
    expect(flat(r)).toEqual(await reference(3000));
    // usable afterwards
    expect(sim.run(10).firstStep).toBe(3000);
  });

  it("run inside onRecords is refused; the outer run goes on undisturbed", async () => {
    const sim = await Simulation.create(net, { chunkSteps: 500 });
    const errors: unknown[] = [];
    const r = sim.run(1000, { onRecords: () => { try { sim.run(700); } catch (e) { errors.push(e); } } });
    expect(errors).toHaveLength(2); // one per chunk
    expect(String(errors[0])).toMatch(/run\(700\) refused: this simulation is in the middle of run\(1000\) from step 0 \(now at step 500\)/);
    expect(String(errors[1])).toMatch(/now at step 1000/);
    expect([r.firstStep, r.steps, sim.step]).toEqual([0, 1000, 1000]);
    expect(flat(r)).toEqual(await reference(1000));
  });

  it("an error thrown by the refused call out of onRecords ends the outer run, which leaves the simulation usable", async () => {
    const sim = await Simulation.create(net, { chunkSteps: 500 });
    expect(() => sim.run(1000, { onRecords: () => { sim.run(700); } })).toThrow(/run\(700\) refused/);
    expect(sim.step).toBe(500); // its first chunk ran
    expect(sim.run(500).firstStep).toBe(500);
  });

  it("reset and setInputs during a runAsync are refused; reading state is allowed", async () => {
    const sim = await Simulation.create(net, { chunkSteps: 500 });
    const run = sim.runAsync(3000);
    await new Promise((resolve) => setTimeout(resolve, 0)); // between two chunks
    expect(sim.step).toBeGreaterThan(0);
    expect(() => sim.reset()).toThrow(/reset\(\) refused: this simulation is in the middle of runAsync\(3000\) from step 0/);
    expect(() => sim.setInputs("in", 0.5)).toThrow(/setInputs\(\) refused/);
    expect(sim.state("out", "v")).toHaveLength(6);
    const r = await run;
    expect([r.steps, sim.step]).toEqual([3000, 3000]);
    expect(flat(r)).toEqual(await reference(3000));
    sim.reset(); // allowed again
    expect(sim.step).toBe(0);
  });

  it.each([1, 2])("dispose during a runAsync (%d thread(s)) stops it after the current chunk: stopped, the steps run so far", async (threads) => {
    const sim = await Simulation.create(net, { chunkSteps: 500, threads });
    const run = sim.runAsync(3000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    sim.dispose();
    const r = await run;
    expect(r.stopped).toBe(true);
    expect(r.steps).toBeGreaterThan(0);
    expect(r.steps).toBeLessThan(3000);
    expect(r.steps % 500).toBe(0);
    expect(flat(r)).toEqual((await reference(r.steps)));
    expect(() => sim.run(1)).toThrow(/disposed/);
  });

  it("dispose inside onChunk of a run stops it there", async () => {
    const sim = await Simulation.create(net, { chunkSteps: 500 });
    const r = sim.run(3000, { onChunk: (done) => { if (done === 1000) sim.dispose(); } });
    expect([r.steps, r.stopped]).toEqual([1000, true]);
  });
});
