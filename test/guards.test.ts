// The API's guards (issue 15): kept records that would not fit in memory are refused before anything
// is allocated (item 3); threads above the core count get barriers that sleep (item 7); state()
// reads only the variables it names, never an inherited key (item 9); kernel options are checked
// (maxBytes: NaN, mode: "bogus") and a Simulation reserves only the memory its network needs (item 10).
import { describe, expect, it } from "vitest";
import { availableParallelism } from "node:os";
import * as A from "../assembly/abi.js";
import { Simulation, simulate } from "../src/simulation.js";
import { Kernel } from "../src/runtime/kernel.js";
import { StpOptionError } from "../src/core/errors.js";
import { checkKeptRecords, formatBytes } from "../src/runtime/guard.js";
import { defaultBarrierSpins } from "../src/runtime/cores.js";
import type { NetworkOptions } from "../src/network/options.js";

/** 64 LIF units recorded (v) and 64 spike columns: 320 bytes a step kept. */
const wide: NetworkOptions = {
  seed: 1,
  populations: [
    { type: "poisson", name: "in", n: 4, rateHz: 30 },
    { type: "lif", name: "out", n: 64, tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, refractTime: 0 },
  ],
  synapses: [{ name: "W", pre: "in", post: "out", weights: 0.2, resources: 0.3, tauF: 200, tauD: 300 }],
  record: [{ name: "out", vars: ["v", "spikes"] }],
};
const BYTES_PER_STEP = 64 * 4 + 64;

describe("memory guard for kept records", () => {
  it("sim.run(2 ** 31 - 1) with the records kept is refused at once, naming keep: false and onRecords; nothing ran", async () => {
    const sim = await Simulation.create(wide);
    const before = process.memoryUsage().arrayBuffers;
    let err: unknown;
    try { sim.run(2 ** 31 - 1); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(StpOptionError);
    // 687 GB kept: beyond this machine's memory, and beyond any typed array
    expect(String(err)).toMatch(/steps = 2147483647 is not allowed: keeping this run's records takes 687194767040 bytes \(687 GB, 320 bytes a step\).*keep: false.*onRecords/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1e6);
    expect(sim.step).toBe(0);
    expect(sim.run(100).steps).toBe(100); // still usable
  });

  it("simulate({ steps: 2 ** 31 - 1, record }) is refused the same way", async () => {
    await expect(simulate({ ...wide, steps: 2 ** 31 - 1 })).rejects.toThrow(/steps = 2147483647.*keep: false and take the records chunk by chunk with onRecords/);
  });

  it("the limit is exact: maxKeptBytes for 1000 steps runs 1000 steps and refuses 1001; keep: false has no limit", async () => {
    const sim = await Simulation.create(wide, { chunkSteps: 300 });
    const maxKeptBytes = 1000 * BYTES_PER_STEP;
    expect(sim.run(1000, { maxKeptBytes }).steps).toBe(1000);
    expect(() => sim.run(1001, { maxKeptBytes })).toThrow(/steps = 1001 is not allowed: keeping this run's records takes 320320 bytes \(320 kB, 320 bytes a step\) and at most 320000 bytes \(320 kB\) may be kept here.*allowed: at most 1000 steps with the records kept/);
    expect(sim.step).toBe(1000);
    let streamed = 0;
    const r = sim.run(1001, { maxKeptBytes, keep: false, onRecords: (c) => { streamed += c.steps; } });
    expect([r.steps, streamed]).toEqual([1001, 1001]);
    expect(() => sim.run(1, { maxKeptBytes: NaN })).toThrow(/maxKeptBytes = NaN is not allowed/);
  });

  it("a record wider than a typed array can hold over the run is refused, whatever the memory", () => {
    expect(() => checkKeptRecords(2 ** 30, 8 * 4, [8], Infinity)).toThrow(/a record of 8 columns would need an array of 8589934592 elements, beyond the 4294967296 a typed array holds.*at most 536870912 steps/);
    expect(() => checkKeptRecords(2 ** 29, 8 * 4, [8], Infinity)).not.toThrow();
    expect(formatBytes(687194767040)).toBe("687 GB");
  });
});

describe("threads above the core count", () => {
  const spins = (sim: Simulation) => new Int32Array(sim.kernel.buffer, sim.netPtr + A.NET_SPINS, 1)[0];

  it("get barriers that sleep at once (barrierSpins 0); up to the core count they poll first; an explicit barrierSpins wins", async () => {
    const cores = availableParallelism();
    const above = await Simulation.create(wide, { threads: cores + 1 });
    const at = await Simulation.create(wide, { threads: cores });
    const given = await Simulation.create(wide, { threads: cores + 1, barrierSpins: 7 });
    expect(spins(above)).toBe(0);
    expect(spins(at)).toBeGreaterThan(1000);
    expect(spins(given)).toBe(7);
    // and they give the one-thread results
    const one = await Simulation.create(wide);
    expect(Array.from(above.run(300).records.out.v.data)).toEqual(Array.from(one.run(300).records.out.v.data));
    for (const s of [above, at, given, one]) s.dispose();
    expect(defaultBarrierSpins(3, 2)).toBe(0);
    expect(defaultBarrierSpins(2, 2)).toBeUndefined();
  });
});

describe("state() names", () => {
  it.each(["toString", "__proto__", "hasOwnProperty", "constructor", "valueOf"])("state(name, %j) is refused for every kind of population", async (variable) => {
    const sim = await Simulation.create({ ...wide, synapses: [{ ...wide.synapses![0], name: "W" }] });
    for (const name of ["out", "W", "in"]) {
      expect(() => sim.state(name, variable), `${name}.${variable}`).toThrow(StpOptionError);
      expect(() => sim.state(name, variable)).toThrow(new RegExp(`variable = "${variable}" is not allowed`));
    }
    expect(sim.state("out", "v")).toHaveLength(64); // the real names still work
  });
});

describe("kernel options", () => {
  it.each([
    [{ maxBytes: NaN }, /maxBytes = NaN is not allowed; it must be a number of bytes >= 65536/],
    [{ maxBytes: 1000 }, /maxBytes = 1000 is not allowed/],
    [{ maxBytes: "4GB" }, /maxBytes = "4GB" is not allowed/],
    [{ mode: "bogus" }, /mode = "bogus" is not allowed; it must be "auto", "shared" or "plain"/],
    [{ simd: "yes" }, /simd = "yes" is not allowed/],
  ])("%j is an option error, from Kernel.load and Simulation.create", async (settings, message) => {
    await expect(Kernel.load(settings as never)).rejects.toThrow(message);
    await expect(Kernel.load(settings as never)).rejects.toBeInstanceOf(StpOptionError);
    await expect(Simulation.create(wide, settings as never)).rejects.toThrow(message);
  });

  it("a Simulation that loads its own kernel reserves what its network needs, not 4 GiB; a given maxBytes or kernel is kept", async () => {
    for (const threads of [1, 2]) {
      const sim = await Simulation.create(wide, { threads });
      expect(sim.kernel.maxBytes).toBe(sim.kernel.bytes);
      expect(sim.kernel.maxBytes).toBeLessThan(2 ** 24);
      sim.dispose();
    }
    const given = await Simulation.create(wide, { maxBytes: 2 ** 28 });
    expect(given.kernel.maxBytes).toBe(2 ** 28);
    const kernel = await Kernel.load();
    expect(kernel.maxBytes).toBe(2 ** 32);
    expect((await Simulation.create(wide, { kernel })).kernel).toBe(kernel);
  });
});
