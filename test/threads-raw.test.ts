// runSlice through the raw ABI (docs/ABI.md section 8): two workers, each its own instance of the
// module on one shared memory, worker 1 (a worker thread) arriving 30 ms late, so that worker 0
// (this thread) sleeps in memory.atomic.wait32 at the start barrier. The result must equal a
// one-thread run to the bit. (While dt was held in a local across that wait, this case failed on
// the SIMD build under V8's baseline compiler: see the engine note in docs/ABI.md.)
import { describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { ABI as A, LESSON, instantiate, readRecords, writeNetwork, type Build, type RawParams } from "./embed/rawNetwork.js";

const BASE = 65536;

/** In the worker: instantiate on the shared memory, wait for the go, sleep, then runSlice as worker 1. */
const LATE_WORKER = `
const { parentPort, workerData: { module, memory, flag, net, steps, workers } } = require("node:worker_threads");
const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
const f = new Int32Array(memory.buffer, flag, 2);
parentPort.postMessage("ready");
Atomics.wait(f, 0, 0);
Atomics.wait(f, 1, 0, 30); // arrive late
parentPort.postMessage(k.runSlice(net, steps, 1, workers));
`;

async function lateRun(build: Build, p: RawParams, steps: number) {
  const k = await instantiate(build, 4);
  const L = writeNetwork(k.memory, BASE, p);
  const barrier = L.end + 16;
  const flag = barrier + A.BARRIER_BYTES;
  new DataView(k.memory.buffer).setInt32(L.net + A.NET_BARRIER, barrier, true);
  expect(k.fns.init(L.net)).toBe(A.OK);
  const module = await WebAssembly.compile(k.bytes);
  const worker = new Worker(LATE_WORKER, { eval: true, workerData: { module, memory: k.memory, flag, net: L.net, steps, workers: 2 } });
  const messages: unknown[] = [];
  const next = () => new Promise((resolve) => worker.once("message", resolve));
  await next(); // ready
  const done = next();
  const f = new Int32Array(k.memory.buffer, flag, 2);
  Atomics.store(f, 0, 1);
  Atomics.notify(f, 0);
  const code0 = k.fns.runSlice(L.net, steps, 0, 2); // blocks at the barrier until worker 1 arrives
  messages.push(code0, await done);
  await worker.terminate();
  return { codes: messages, records: readRecords(k.memory, L, steps), counts: new Int32Array(k.memory.buffer, L.at["z1.counts"], p.trials * p.n1).slice() };
}

async function oneThread(p: RawParams, steps: number) {
  const k = await instantiate("shared", 4);
  const L = writeNetwork(k.memory, BASE, p);
  expect(k.fns.init(L.net)).toBe(A.OK);
  expect(k.fns.run(L.net, steps)).toBe(A.OK);
  return { records: readRecords(k.memory, L, steps), counts: new Int32Array(k.memory.buffer, L.at["z1.counts"], p.trials * p.n1).slice() };
}

describe("runSlice with a worker that arrives late at the barrier", () => {
  // (the conductance channel steps between the synapses' outputs and the LIF, on each worker's units)
  const CHANNEL = { conductance: { eRev: 0, tauSyn: 3 }, W: 0.05 };
  it.each([
    ["shared-simd", "whole trials per worker (K = 2)", 2, {}],
    ["shared-simd", "one trial shared by both workers (K = 1)", 1, {}],
    ["shared", "whole trials per worker (K = 2)", 2, {}],
    ["shared", "one trial shared by both workers (K = 1)", 1, {}],
    ["shared-simd", "one trial shared, through a conductance channel (K = 1)", 1, CHANNEL],
    ["shared", "whole trials, through a conductance channel (K = 2)", 2, CHANNEL],
  ] as [Build, string, number, Partial<RawParams>][])("%s, %s: equal to one thread, to the bit", async (build, _what, trials, extra) => {
    const p: RawParams = { ...LESSON, trials, n0: 3, n1: 8, dt: 0.5, rateHz: 150, W: 1.6, key: [7, 7], capacity: 120, ...extra };
    const late = await lateRun(build, p, 120);
    const want = await oneThread(p, 120);
    expect(late.codes).toEqual([A.OK, A.OK]);
    expect(late.records).toEqual(want.records);
    expect(late.counts).toEqual(want.counts);
    expect(want.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
