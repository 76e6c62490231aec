// Proof by embedding (issue 5): the kernel driven through its raw ABI. (a) The lesson written into
// memory by hand from docs/ABI.md alone (test/embed/rawNetwork.ts: no loader, nothing from src/)
// gives the TypeScript API's trace to the bit, on all four builds. (b) A second WASM module
// (test/embed/modulator.ts, AssemblyScript compiled here) shares the kernel's memory and drives
// it step by step: it writes a sinusoidally modulated Poisson intensity, gated by the LIF spikes it
// reads, and calls the kernel's `run` directly; the same modulation done through the API
// (Simulation.setInputs between 1-step runs) gives the same spike trains.
import { describe, expect, it } from "vitest";
import { runLesson, type LessonOptions } from "../src/experiments/lesson.js";
import { seedKey } from "../src/core/seed.js";
import { Simulation } from "../src/simulation.js";
import { ABI, BUILDS, LESSON, column, instantiate, readRecords, writeNetwork, type Build, type RawParams } from "./embed/rawNetwork.js";
import { compileModulator, modulation, type ModulatorExports } from "./embed/modulator.js";

const BASE = 65536;

describe("the raw module, driven from docs/ABI.md alone", () => {
  it.each(BUILDS)("%s: imports env.memory only; exports the documented functions and every layout constant", async (build) => {
    const k = await instantiate(build, 1);
    const module = await WebAssembly.compile(k.bytes);
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: "env", name: "memory", kind: "memory" }]);
    const fns = WebAssembly.Module.exports(module).filter((e) => e.kind === "function").map((e) => e.name).sort();
    expect(fns).toEqual(["abiVersion", "errorAt", "errorStep", "fitTrains", "heapBase", "init", "philox4x32", "prepare", "record", "run", "runSlice", "step"]);
    expect(k.fns.abiVersion()).toBe(ABI.ABI_VERSION);
    expect(k.fns.heapBase()).toBeLessThanOrEqual(BASE);
    const globals = k.instance.exports as Record<string, WebAssembly.Global | unknown>;
    for (const [name, value] of Object.entries(ABI)) {
      expect((globals[name] as WebAssembly.Global).value, name).toBe(value | 0);
    }
    // and the transcription is complete: every global the module exports is in the table
    const exported = WebAssembly.Module.exports(module).filter((e) => e.kind === "global").map((e) => e.name).sort();
    expect(exported).toEqual(Object.keys(ABI).sort());
  });

  // [what, the lesson's options, the same written by hand]
  const TRAIN_MS = [...Array.from({ length: 60 }, (_, i) => 20 + 3 * i), ...Array.from({ length: 30 }, (_, i) => 1200 + 2 * i), 3000];
  const settings: [string, LessonOptions, Partial<RawParams>][] = [
    ["STF, 20 Hz", { preset: "stf", rateHz: 20 }, { rateHz: 20 }],
    ["STF, 2 Hz", { preset: "stf", rateHz: 2 }, { rateHz: 2 }],
    ["STD, 20 Hz", { preset: "std", rateHz: 20 }, { rateHz: 20, U: 0.45, tauF: 50, tauD: 750 }],
    ["STF, 20 Hz, exact synapse (anchors)", { rateHz: 20, integration: "exact" }, { rateHz: 20, integration: "exact" }],
    ["STF, a spike train", { spikeTimes: TRAIN_MS }, { spikeSteps: [TRAIN_MS.map((t) => t - 1)] }], // dt = 1 ms: T lands on step T - 1
    ["STF, 20 Hz, conductance target", { rateHz: 20, target: "conductance", eRev: 0, tauSyn: 5 }, { rateHz: 20, conductance: { eRev: 0, tauSyn: 5 } }],
  ];
  for (const build of BUILDS) {
    it.each(settings)(`${build}: the lesson (%s) equals runLesson's trace to the bit`, async (_what, lesson, params) => {
      const steps = 5000;
      const k = await instantiate(build, 2);
      const layout = writeNetwork(k.memory, BASE, { ...LESSON, rateHz: 0, ...params, key: seedKey(231), capacity: steps });
      expect(k.fns.init(layout.net)).toBe(ABI.OK);
      expect(k.fns.run(layout.net, steps)).toBe(ABI.OK);
      const raw = readRecords(k.memory, layout, steps);
      const api = await runLesson({ ...lesson, steps, seed: 231 }, { mode: build.startsWith("shared") ? "shared" : "plain", simd: build.endsWith("simd") });
      expect(Array.from(raw["z0.spikes"]!)).toEqual(Array.from(api.pre));
      expect(Array.from(raw["W.u"]!)).toEqual(Array.from(api.u));
      expect(Array.from(raw["W.x"]!)).toEqual(Array.from(api.x));
      expect(Array.from(raw["W.wdyn"]!)).toEqual(Array.from(api.wdyn));
      expect(Array.from(raw["z1.v"]!)).toEqual(Array.from(api.v));
      expect(Array.from(raw["z1.spikes"]!)).toEqual(Array.from(api.post));
      // a real run: 5 s of input, and the LIF fired
      expect(api.preSpikes[0]).toBeGreaterThanOrEqual(params.spikeSteps ? TRAIN_MS.length : params.rateHz!);
      expect(api.postSpikes[0]).toBeGreaterThan(0);
      expect(new Int32Array(k.memory.buffer, layout.net + ABI.NET_STEP, 1)[0]).toBe(steps);
    });
  }

  it("trials: K = 5 by hand gives runLesson's spike counts for every trial, and trial 0's trace", async () => {
    const k = await instantiate("plain", 2);
    const layout = writeNetwork(k.memory, BASE, { ...LESSON, trials: 5, key: seedKey(7), rateHz: 20, capacity: 3000 });
    expect(k.fns.init(layout.net)).toBe(ABI.OK);
    expect(k.fns.run(layout.net, 3000)).toBe(ABI.OK);
    const api = await runLesson({ rateHz: 20, steps: 3000, seed: 7, trials: 5 });
    expect(Array.from(new Int32Array(k.memory.buffer, layout.at["z0.counts"], 5))).toEqual(api.preSpikes);
    expect(Array.from(new Int32Array(k.memory.buffer, layout.at["z1.counts"], 5))).toEqual(api.postSpikes);
    const v = readRecords(k.memory, layout, 3000)["z1.v"] as Float32Array;
    expect(api.preSpikes.every((n) => n > 20)).toBe(true); // 3 s at 20 Hz in every trial
    expect(column(v, 5, 0)).toEqual(Array.from(api.v));
  });
});

/** The API's network for rawNetwork's parameters (constant weight and resources, stream 0). */
function apiNetwork(p: RawParams, seed: number) {
  return {
    dt: p.dt, seed, trials: p.trials,
    populations: [
      { type: "poisson" as const, name: "z0", n: p.n0, rateHz: p.rateHz },
      { type: "lif" as const, name: "z1", n: p.n1, tauM: p.tauM, resistM: p.R, vRest: p.vRest, vReset: p.vReset, thr: p.thr, refractTime: 0, tauTheta: 0, thetaPlus: 0 },
    ],
    synapses: [{ name: "W", pre: "z0", post: "z1", weights: p.W, resources: p.U, tauF: p.tauF, tauD: p.tauD }],
    record: [{ name: "z0", vars: ["spikes"] }, { name: "z1", vars: ["spikes"] }],
  };
}

describe("a pipeline of two WASM modules on one memory", async () => {
  const modulators = { shared: await compileModulator(true), plain: await compileModulator(false) };

  it("the modulator is a module of its own: no static data, imports only the memory and the kernel's run", () => {
    for (const m of Object.values(modulators)) {
      expect(WebAssembly.Module.imports(m.module).map((i) => `${i.module}.${i.name}:${i.kind}`).sort()).toEqual(["env.memory:memory", "stp.run:function"]);
      expect(m.sections).not.toContain(11); // no data section: it writes nothing into the memory at instantiation
    }
  });

  const STEPS = 4000;
  // 3 Poisson units at 60 Hz x 2 LIF units, 3 trials: intensity 0.5 (1 + sin(2 pi t / 250 ms)),
  // halved for a trial's next step after any of its LIF units spiked
  const params: RawParams = { ...LESSON, trials: 3, n0: 3, n1: 2, rateHz: 60, W: 1.2, key: [0, 0], capacity: STEPS };
  const omega = (2 * Math.PI) / 250;
  const GATE = 0.5;

  it.each(BUILDS)("%s kernel + modulator: the spike trains equal the API's with setInputs between 1-step runs", async (build: Build) => {
    const seed = 99;
    const k = await instantiate(build, 2);
    const layout = writeNetwork(k.memory, BASE, { ...params, key: seedKey(seed) });
    // the modulator's own buffers, above the network: its log of intensities (f32) and the LIF raster (u8)
    const log = Math.ceil(layout.end / 16) * 16;
    const raster = log + 4 * STEPS * params.trials;
    k.memory.grow(Math.ceil((raster + STEPS * params.trials * params.n1) / 65536));
    const mod = (await WebAssembly.instantiate(modulators[build.startsWith("shared") ? "shared" : "plain"].module, {
      env: { memory: k.memory },
      stp: { run: k.instance.exports.run },
    })).exports as unknown as ModulatorExports;
    expect(k.fns.init(layout.net)).toBe(ABI.OK);
    const code = mod.drive(layout.net, STEPS, Math.cos(omega), Math.sin(omega), GATE, log, raster);
    expect(code).toBe(ABI.OK);
    const wasmPre = readRecords(k.memory, layout, STEPS)["z0.spikes"]!;
    const wasmPost = readRecords(k.memory, layout, STEPS)["z1.spikes"]!;
    const wasmLog = new Float32Array(k.memory.buffer, log, STEPS * params.trials).slice();
    expect(new Uint8Array(k.memory.buffer, raster, STEPS * params.trials * params.n1).slice()).toEqual(wasmPost); // what it read

    // the same through the API: one step at a time, intensities computed here
    const sim = await Simulation.create(apiNetwork(params, seed), { mode: build.startsWith("shared") ? "shared" : "plain", simd: build.endsWith("simd"), chunkSteps: 1 });
    const gen = modulation(Math.cos(omega), Math.sin(omega));
    const wave = Array.from({ length: STEPS }, () => gen.next());
    const apiPre: number[] = [];
    const apiPost: number[] = [];
    const apiLog: number[] = [];
    let gated = new Array(params.trials).fill(false);
    for (let i = 0; i < STEPS; i++) {
      const m = wave[i];
      const perTrial = gated.map((g) => Math.fround(g ? m * GATE : m));
      apiLog.push(...perTrial);
      sim.setInputs("z0", perTrial.flatMap((v) => new Array(params.n0).fill(v)));
      const r = sim.run(1).records;
      apiPre.push(...r.z0.spikes.data);
      apiPost.push(...r.z1.spikes.data);
      gated = perTrial.map((_, t) => r.z1.spikes.data.subarray(t * params.n1, (t + 1) * params.n1).some((s) => s !== 0));
    }
    sim.dispose();
    expect(Array.from(wasmLog)).toEqual(apiLog);
    expect(Array.from(wasmPre)).toEqual(apiPre);
    expect(Array.from(wasmPost)).toEqual(apiPost);
    // the modulation mattered: the wave and the gate both acted, and the LIFs did spike
    const gatedSteps = apiLog.filter((v, c) => v !== Math.fround(wave[Math.floor(c / params.trials)])).length;
    expect(gatedSteps).toBeGreaterThan(50);
    const postSpikes = apiPost.reduce((a, b) => a + b, 0);
    expect(postSpikes).toBeGreaterThan(100);
    // the input follows the wave: more presynaptic spikes in the wave's upper half-periods
    const half = (up: boolean) => apiPre.filter((s, c) => s && (Math.sin(omega * Math.floor(c / (params.trials * params.n0))) > 0) === up).length;
    expect(half(true)).toBeGreaterThan(2 * half(false));
  });

});
