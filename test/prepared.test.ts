// Prepared stepping at the raw ABI (docs/ABI.md, "Prepared stepping"): `step` equals `run` to the
// bit; within one generation (NET_GEN) of the network it last checked in full an instance checks
// only the step index, the record row and the call's arguments (a checked word changed without a
// new generation goes unseen by step, and run still sees it); a new generation, another network or
// a failed check brings the full check back, with the codes, errorAt() and unchanged memory of any
// refusal; each instance keeps its own. And errorAt() is an unsigned address.
import { describe, expect, it } from "vitest";
import { ABI as A, BUILDS, LESSON, instantiate, readRecords, writeNetwork, type RawKernel, type RawLayout, type RawParams } from "./embed/rawNetwork.js";
import { Kernel } from "../src/runtime/kernel.js";

const BASE = 65536;
const KEY: [number, number] = [0x9e37, 0x79b9];
const NETS: Record<string, RawParams> = {
  lesson: { ...LESSON, rateHz: 40, key: KEY, capacity: 400 },
  "2 x 3, 3 trials, exact": { ...LESSON, trials: 3, n0: 2, n1: 3, rateHz: 60, W: 1.2, integration: "exact", key: KEY, capacity: 400 },
  "a spike train": { ...LESSON, trials: 2, n0: 2, n1: 2, rateHz: 0, spikeSteps: [[3, 10, 50, 120, 300], [7, 8, 9]], key: KEY, capacity: 400 },
  "a conductance channel": { ...LESSON, trials: 2, n0: 2, n1: 2, rateHz: 80, W: 0.5, conductance: { eRev: 0, tauSyn: 5 }, key: KEY, capacity: 400 },
};

const i32 = (k: RawKernel, p: number, v: number) => new DataView(k.memory.buffer).setInt32(p, v, true);
const f32 = (k: RawKernel, p: number, v: number) => new DataView(k.memory.buffer).setFloat32(p, v, true);
const bump = (k: RawKernel, L: RawLayout) => new DataView(k.memory.buffer).setUint32(L.net + A.NET_GEN, new DataView(k.memory.buffer).getUint32(L.net + A.NET_GEN, true) + 1, true);
const snapshot = (k: RawKernel) => new Uint8Array(k.memory.buffer).slice();
const unchanged = (k: RawKernel, before: Uint8Array) => expect(Buffer.compare(new Uint8Array(k.memory.buffer), before)).toBe(0);

async function fresh(build: (typeof BUILDS)[number], net = "lesson") {
  const k = await instantiate(build, 4);
  const L = writeNetwork(k.memory, BASE, NETS[net]);
  return { k, L };
}

describe("step equals run", () => {
  for (const build of BUILDS) {
    it.each(Object.keys(NETS))(`${build}, %s: 400 steps as step(1) x 100, step(3) x 50, step(150) equal run(400), every record and count`, async (net) => {
      const a = await fresh(build, net);
      expect(a.k.fns.init(a.L.net)).toBe(A.OK);
      expect(a.k.fns.run(a.L.net, 400)).toBe(A.OK);
      const b = await fresh(build, net);
      expect(b.k.fns.init(b.L.net)).toBe(A.OK);
      expect(b.k.fns.prepare(b.L.net)).toBe(A.OK);
      for (let i = 0; i < 100; i++) expect(b.k.fns.step(b.L.net, 1)).toBe(A.OK);
      for (let i = 0; i < 50; i++) expect(b.k.fns.step(b.L.net, 3)).toBe(A.OK);
      expect(b.k.fns.step(b.L.net, 150)).toBe(A.OK);
      expect(readRecords(b.k.memory, b.L, 400)).toEqual(readRecords(a.k.memory, a.L, 400));
      const counts = (x: typeof a) => Array.from(new Int32Array(x.k.memory.buffer, x.L.at["z1.counts"], NETS[net].trials * NETS[net].n1));
      expect(counts(b)).toEqual(counts(a));
      expect(counts(a).reduce((s, c) => s + c, 0)).toBeGreaterThan(0);
      expect(new Int32Array(b.k.memory.buffer, b.L.net + A.NET_STEP, 1)[0]).toBe(400);
    });
  }
});

describe("one full check per generation", () => {
  it.each(BUILDS)("%s: a checked word changed without a new generation is not seen by step (run sees it); with one, step refuses it, nothing changed", async (build) => {
    const { k, L } = await fresh(build);
    expect(k.fns.init(L.net)).toBe(A.OK);
    expect(k.fns.step(L.net, 10)).toBe(A.OK);
    f32(k, L.z1 + A.LIF_THR, NaN); // a harmless corruption: a NaN threshold only stops the spikes
    expect(k.fns.step(L.net, 10)).toBe(A.OK); // the same generation: not checked again
    expect(k.fns.errorAt()).toBe(0);
    let before = snapshot(k);
    expect(k.fns.run(L.net, 10)).toBe(A.ERR_BAD_VALUE); // run checks every call
    expect(k.fns.errorAt()).toBe(L.z1 + A.LIF_THR);
    unchanged(k, before);
    // run's failed check forgot the network: step checks in full again, still without a new generation
    expect(k.fns.step(L.net, 10)).toBe(A.ERR_BAD_VALUE);
    f32(k, L.z1 + A.LIF_THR, -50);
    expect(k.fns.step(L.net, 10)).toBe(A.OK);
    // a corruption with a new generation: refused by step, its word named, nothing changed, and again until fixed
    i32(k, L.W + A.TM_MODE, 7);
    bump(k, L);
    before = snapshot(k);
    expect(k.fns.step(L.net, 10)).toBe(A.ERR_BAD_KIND);
    expect(k.fns.errorAt()).toBe(L.W + A.TM_MODE);
    unchanged(k, before);
    expect(k.fns.step(L.net, 1)).toBe(A.ERR_BAD_KIND);
    unchanged(k, before);
    i32(k, L.W + A.TM_MODE, A.TM_MODE_EULER);
    expect(k.fns.step(L.net, 10)).toBe(A.OK);
    expect(new Int32Array(k.memory.buffer, L.net + A.NET_STEP, 1)[0]).toBe(40);
  });

  it("prepare checks as run does and changes nothing; its refusal is run's", async () => {
    const { k, L } = await fresh("plain");
    expect(k.fns.init(L.net)).toBe(A.OK);
    let before = snapshot(k);
    expect(k.fns.prepare(L.net)).toBe(A.OK);
    unchanged(k, before);
    i32(k, L.net + A.NET_STEP, -1);
    before = snapshot(k);
    expect(k.fns.prepare(L.net)).toBe(A.ERR_BAD_HEADER);
    expect(k.fns.errorAt()).toBe(L.net + A.NET_STEP);
    expect(k.fns.run(L.net, 1)).toBe(A.ERR_BAD_HEADER);
    expect(k.fns.errorAt()).toBe(L.net + A.NET_STEP);
    unchanged(k, before);
  });

  // what step still checks on every call within a generation: [what, change, call, code, errorAt]
  const PER_CALL: [string, (k: RawKernel, L: RawLayout) => void, (k: RawKernel, L: RawLayout) => number, number, (L: RawLayout) => number][] = [
    ["a negative step index", (k, L) => i32(k, L.net + A.NET_STEP, -5), (k, L) => k.fns.step(L.net, 1), A.ERR_BAD_HEADER, (L) => L.net + A.NET_STEP],
    ["a negative record row", (k, L) => i32(k, L.net + A.NET_REC_ROW, -1), (k, L) => k.fns.step(L.net, 1), A.ERR_BAD_HEADER, (L) => L.net + A.NET_REC_ROW],
    ["a record row above the capacity", (k, L) => i32(k, L.net + A.NET_REC_ROW, 401), (k, L) => k.fns.step(L.net, 1), A.ERR_BAD_HEADER, (L) => L.net + A.NET_REC_ROW],
    ["more steps than record rows left", () => {}, (k, L) => k.fns.step(L.net, 391), A.ERR_RECORD_FULL, (L) => L.net + A.NET_REC_ROW],
    ["a negative step count", () => {}, (k, L) => k.fns.step(L.net, -1), A.ERR_BAD_STEPS, () => 0],
    ["the step index past 2^31 - 1", (k, L) => i32(k, L.net + A.NET_STEP, 2 ** 31 - 2), (k, L) => k.fns.step(L.net, 5), A.ERR_BAD_STEPS, (L) => L.net + A.NET_STEP],
  ];
  it.each(PER_CALL)("%s: refused by a prepared step too, nothing changed", async (_what, change, call, code, at) => {
    const { k, L } = await fresh("plain-simd");
    expect(k.fns.init(L.net)).toBe(A.OK);
    expect(k.fns.step(L.net, 10)).toBe(A.OK);
    change(k, L);
    const before = snapshot(k);
    expect(call(k, L)).toBe(code);
    expect(k.fns.errorAt()).toBe(at(L));
    unchanged(k, before);
  });

  it("the record row and the step index may change without a new generation (chunks of records)", async () => {
    const { k, L } = await fresh("plain");
    expect(k.fns.init(L.net)).toBe(A.OK);
    const rows: Record<string, Float32Array | Uint8Array>[] = [];
    for (let c = 0; c < 4; c++) {
      i32(k, L.net + A.NET_REC_ROW, 0);
      for (let i = 0; i < 100; i++) expect(k.fns.step(L.net, 1)).toBe(A.OK);
      rows.push(readRecords(k.memory, L, 100) as Record<string, Float32Array | Uint8Array>);
    }
    const whole = await fresh("plain");
    expect(whole.k.fns.init(whole.L.net)).toBe(A.OK);
    expect(whole.k.fns.run(whole.L.net, 400)).toBe(A.OK);
    const all = readRecords(whole.k.memory, whole.L, 400);
    for (const name of L.records) {
      const n = L.columns[name]! * 100;
      rows.forEach((r, c) => expect(Array.from(r[name]), `${name}, chunk ${c}`).toEqual(Array.from(all[name]!.subarray(c * n, (c + 1) * n))));
    }
  });

  it("two networks in one instance: each step of the other one is checked in full (a bad one refused, never prepared)", async () => {
    const k = await instantiate("plain", 8);
    const A1 = writeNetwork(k.memory, BASE, NETS.lesson);
    const B1 = writeNetwork(k.memory, BASE + 131072, NETS["2 x 3, 3 trials, exact"]);
    expect(k.fns.init(A1.net)).toBe(A.OK);
    expect(k.fns.init(B1.net)).toBe(A.OK);
    for (let i = 0; i < 200; i++) {
      expect(k.fns.step(A1.net, 1)).toBe(A.OK);
      expect(k.fns.step(B1.net, 1)).toBe(A.OK);
    }
    const solo = async (net: string) => {
      const s = await fresh("plain", net);
      s.k.fns.init(s.L.net);
      s.k.fns.run(s.L.net, 200);
      return readRecords(s.k.memory, s.L, 200);
    };
    expect(readRecords(k.memory, A1, 200)).toEqual(await solo("lesson"));
    expect(readRecords(k.memory, B1, 200)).toEqual(await solo("2 x 3, 3 trials, exact"));
    // B corrupted without a new generation while A is the prepared one: B's next step is checked
    expect(k.fns.step(A1.net, 1)).toBe(A.OK);
    i32(k, B1.z1 + A.COMP_N, 0);
    const before = snapshot(k);
    expect(k.fns.step(B1.net, 1)).toBe(A.ERR_BAD_COUNT);
    expect(k.fns.errorAt()).toBe(B1.z1 + A.COMP_N);
    unchanged(k, before);
  });

  it("each instance keeps its own: a second instance on the same memory checks in full", async () => {
    const k = await instantiate("shared", 4);
    const L = writeNetwork(k.memory, BASE, NETS.lesson);
    const other = (await WebAssembly.instantiate(k.bytes, { env: { memory: k.memory } })).instance.exports as unknown as RawKernel["fns"];
    expect(k.fns.init(L.net)).toBe(A.OK);
    expect(k.fns.step(L.net, 5)).toBe(A.OK);
    f32(k, L.z1 + A.LIF_THR, NaN);
    expect(other.step(L.net, 5)).toBe(A.ERR_BAD_VALUE);
    expect(other.errorAt()).toBe(L.z1 + A.LIF_THR);
    expect(k.fns.step(L.net, 5)).toBe(A.OK);
  });

  it("init checks in full and is remembered: a network rewritten in place (same address, same generation) then init runs as written", async () => {
    const k = await instantiate("plain", 4);
    const first = writeNetwork(k.memory, BASE, NETS.lesson);
    expect(k.fns.init(first.net)).toBe(A.OK);
    expect(k.fns.step(first.net, 50)).toBe(A.OK);
    const second = writeNetwork(k.memory, BASE, NETS["a conductance channel"]);
    expect(second.net).toBe(first.net);
    expect(k.fns.init(second.net)).toBe(A.OK);
    expect(k.fns.step(second.net, 300)).toBe(A.OK);
    const s = await fresh("plain", "a conductance channel");
    s.k.fns.init(s.L.net);
    s.k.fns.run(s.L.net, 300);
    expect(readRecords(k.memory, second, 300)).toEqual(readRecords(s.k.memory, s.L, 300));
  });
});

describe("errorAt() is an unsigned address", () => {
  it("a refused word above 2^31: the i32 the export returns is negative, Kernel.errorAt() gives the address", async () => {
    const kernel = await Kernel.load({ mode: "plain" });
    const net = 0x8000_0010;
    expect(kernel.exports.init(net)).toBe(A.ERR_BAD_POINTER);
    expect(kernel.exports.errorAt()).toBe(net | 0);
    expect(kernel.exports.errorAt()).toBeLessThan(0);
    expect(kernel.errorAt()).toBe(net);
    expect(kernel.exports.step(0xffff_fff0, 1)).toBe(A.ERR_BAD_POINTER);
    expect(kernel.errorAt()).toBe(0xffff_fff0);
  });
});
