// Version 11 of the raw ABI, driven from docs/ABI.md alone (test/embed/rawNetwork.ts): networks laid
// out by hand with sparse delivery (CSR rows, per-connection weights and delays through the ring),
// state per connection, one-to-one delivery, a bias current per LIF unit and records at presynaptic
// spikes (event records), each compared with the TypeScript API's run of the same network, to the bit
// (the records' float32 bits, and the events' steps, columns and value bits), on all four builds.
import { describe, expect, it } from "vitest";
import { seedKey } from "../src/core/seed.js";
import { simulate, type RunResult } from "../src/simulation.js";
import type { NetworkOptions } from "../src/network/options.js";
import { ABI as A, BUILDS, LESSON, instantiate, readEvents, readRecords, writeNetwork, type Build, type RawParams, type RecordName } from "./embed/rawNetwork.js";

const BASE = 65536;

/** The bits of float32 values (so +0 and -0, and NaNs, compare as stored). */
const bits = (a: ArrayLike<number>) => Array.from(new Uint32Array(Float32Array.from(a).buffer));

interface Scenario {
  what: string;
  raw: RawParams;
  api: NetworkOptions;
  steps: number;
  /** Pairs [pre, post] of each row's first connection (for the API's per-pair records). */
  pairs: [number, number][];
  /** u and x are per connection (recorded per pair). */
  perPair: boolean;
}

/** The API's LIF for the raw LESSON's z1 (Euler, tauM 20 ms, R 240, no refractory period). */
const lif = (n: number, bias?: number[]) => ({
  type: "lif" as const, name: "z1", n, tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, refractTime: 0,
  ...(bias ? { bias } : {}),
});

// sparse: 3 rows onto 4 posts, CSR (posts ascending), a weight and a delay per connection
const PRE = [0, 0, 0, 1, 2, 2, 2];
const POST = [0, 2, 3, 1, 0, 1, 3];
const ROWS = [0, 3, 4, 7];
const WEIGHTS = [2, 3, 1.5, 4, 2.5, 1, 3.5];
const DELAY_STEPS = [0, 3, 7, 1, 2, 0, 5];

const SCENARIOS: Scenario[] = [
  {
    what: "sparse, a delay per connection (u8), exact state per row",
    steps: 1200, perPair: false, pairs: [[0, 0], [1, 1], [2, 0]],
    raw: { ...LESSON, trials: 2, dt: 0.5, n0: 3, n1: 4, rateHz: 60, key: seedKey(5), capacity: 1200, integration: "exact", delivery: { kind: "sparse", rows: ROWS, posts: POST, delays: DELAY_STEPS, weights: WEIGHTS } },
    api: {
      dt: 0.5, seed: 5, trials: 2,
      populations: [{ type: "poisson", name: "z0", n: 3, rateHz: 60 }, lif(4)],
      synapses: [{ name: "W", pre: "z0", post: "z1", connect: { pre: PRE, post: POST }, weights: WEIGHTS, delay: DELAY_STEPS.map((d) => d * 0.5), resources: 0.15, tauF: 750, tauD: 50, integration: "exact" }],
    },
  },
  {
    what: "sparse, one delay (3 steps), u32 posts and u16 delays on the API's u16 / u8 data, Euler",
    steps: 800, perPair: false, pairs: [[0, 0], [1, 1], [2, 0]],
    raw: { ...LESSON, trials: 1, dt: 1, n0: 3, n1: 4, rateHz: 50, key: seedKey(9), capacity: 800, delivery: { kind: "sparse", rows: ROWS, posts: POST, delays: [3, 3, 3, 3, 3, 3, 3], weights: WEIGHTS, widePosts: true, wideDelays: true } },
    api: {
      dt: 1, seed: 9,
      populations: [{ type: "poisson", name: "z0", n: 3, rateHz: 50 }, lif(4)],
      synapses: [{ name: "W", pre: "z0", post: "z1", connect: { pre: PRE, post: POST }, weights: WEIGHTS, delay: 3, resources: 0.15, tauF: 750, tauD: 50 }],
    },
  },
  {
    what: "sparse, state per connection (U per connection), one delay (DLV_DELAY), events at the spikes",
    steps: 1000, perPair: true, pairs: [[0, 0], [1, 1], [2, 0]],
    raw: {
      ...LESSON, trials: 3, dt: 0.5, n0: 3, n1: 4, rateHz: 40, key: seedKey(11), capacity: 1000, tauF: 200, tauD: 300,
      delivery: { kind: "sparse", rows: ROWS, posts: POST, delays: 2, weights: WEIGHTS }, perConnection: { uConn: [0.1, 0.2, 0.3, 0.4, 0.5, 0.25, 0.35] }, events: true,
    },
    api: {
      dt: 0.5, seed: 11, trials: 3,
      populations: [{ type: "poisson", name: "z0", n: 3, rateHz: 40 }, lif(4)],
      synapses: [{
        name: "W", pre: "z0", post: "z1", connect: { pre: PRE, post: POST }, weights: WEIGHTS, delay: 1, resources: [0.1, 0.2, 0.3, 0.4, 0.5, 0.25, 0.35],
        tauF: 200, tauD: 300, integration: "exact", stpState: "connection",
      }],
    },
  },
  {
    what: "sparse, quantal release (5 sites per connection, the synapse's stream 2), a delay per connection, events at the spikes",
    steps: 1600, perPair: true, pairs: [[0, 0], [1, 1], [2, 0]],
    raw: {
      ...LESSON, trials: 4, dt: 0.5, n0: 3, n1: 4, rateHz: 50, key: seedKey(23), capacity: 1600, U: 0.4, tauF: 100, tauD: 400,
      delivery: { kind: "sparse", rows: ROWS, posts: POST, delays: DELAY_STEPS, weights: WEIGHTS }, perConnection: {}, quantal: { sites: 5, stream: 2 }, events: true,
    },
    api: {
      dt: 0.5, seed: 23, trials: 4,
      populations: [{ type: "poisson", name: "z0", n: 3, rateHz: 50 }, lif(4)],
      synapses: [{
        name: "W", pre: "z0", post: "z1", connect: { pre: PRE, post: POST }, weights: WEIGHTS, delay: DELAY_STEPS.map((d) => d * 0.5), resources: 0.4,
        tauF: 100, tauD: 400, release: "quantal", sites: 5,
      }],
    },
  },
  {
    what: "one-to-one, a delay of 3 steps, a weight per unit, a bias per LIF unit, events at the spikes, Euler",
    steps: 2000, perPair: false, pairs: [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]],
    raw: {
      ...LESSON, trials: 3, dt: 0.25, n0: 5, n1: 5, rateHz: 80, key: seedKey(13), capacity: 2000, delivery: { kind: "oneToOne", delay: 3, weights: [2, 3, 4, 5, 6] },
      bias: [0.01, -0.005, 0.02, 0, 0.03], events: true,
    },
    api: {
      dt: 0.25, seed: 13, trials: 3,
      populations: [{ type: "poisson", name: "z0", n: 5, rateHz: 80 }, lif(5, [0.01, -0.005, 0.02, 0, 0.03])],
      synapses: [{ name: "W", pre: "z0", post: "z1", connect: "oneToOne", weights: [2, 3, 4, 5, 6], delay: 0.75, resources: 0.15, tauF: 750, tauD: 50 }],
    },
  },
  {
    what: "dense, a bias per LIF unit, events at the spikes (exact synapse)",
    steps: 1500, perPair: false, pairs: [[0, 0], [1, 0]],
    raw: { ...LESSON, trials: 2, n0: 2, n1: 3, rateHz: 30, key: seedKey(17), capacity: 1500, integration: "exact", bias: [0.03, 0.05, -0.01], events: true },
    api: {
      dt: 1, seed: 17, trials: 2,
      populations: [{ type: "poisson", name: "z0", n: 2, rateHz: 30 }, lif(3, [0.03, 0.05, -0.01])],
      synapses: [{ name: "W", pre: "z0", post: "z1", weights: 2.5, resources: 0.15, tauF: 750, tauD: 50, integration: "exact" }],
    },
  },
];

/** The API's run of a scenario, with the records the raw layout writes. */
async function apiRun(s: Scenario, build: Build): Promise<RunResult> {
  const uxPairs = s.perPair ? { pairs: s.pairs } : {};
  const record: NetworkOptions["record"] = [
    { name: "z0", vars: ["spikes"] }, { name: "z1", vars: ["v", "spikes"] },
    { name: "W", vars: ["u", "x"], ...uxPairs }, { name: "W", vars: ["wdyn"], pairs: s.pairs },
  ];
  if (s.raw.events) record.push({ name: "W", vars: ["u", "x"], ...uxPairs, at: "spikes" }, { name: "W", vars: ["wdyn"], pairs: s.pairs, at: "spikes" });
  return simulate({ ...s.api, record, steps: s.steps }, { mode: build.startsWith("shared") ? "shared" : "plain", simd: build.endsWith("simd"), threads: 1 });
}

describe("version 11 networks written from docs/ABI.md alone equal the API's runs", () => {
  for (const build of BUILDS) {
    it.each(SCENARIOS)(`${build}: $what`, async (s) => {
      const k = await instantiate(build, 2);
      const L = writeNetwork(k.memory, BASE, s.raw);
      expect([k.fns.init(L.net), k.fns.errorAt()]).toEqual([A.OK, 0]);
      // two calls: runs split freely
      expect(k.fns.run(L.net, 300)).toBe(A.OK);
      expect(k.fns.run(L.net, s.steps - 300)).toBe(A.OK);
      const raw = readRecords(k.memory, L, s.steps);
      const api = await apiRun(s, build);
      const same: [RecordName, ArrayLike<number>][] = [
        ["z0.spikes", api.records.z0.spikes.data], ["z1.spikes", api.records.z1.spikes.data], ["z1.v", api.records.z1.v.data],
        ["W.u", api.records.W.u.data], ["W.x", api.records.W.x.data], ["W.wdyn", api.records.W.wdyn.data],
      ];
      for (const [name, want] of same) {
        expect(raw[name]!.length, name).toBe(want.length);
        if (name.endsWith("spikes")) expect(Array.from(raw[name]!), name).toEqual(Array.from(want));
        else expect(bits(raw[name]!), name).toEqual(bits(want));
      }
      // a run that exercised the network: input spikes, output spikes, depression (x below 1)
      const count = (a: ArrayLike<number>) => Array.from(a).reduce((t, v) => t + v, 0);
      expect(count(raw["z0.spikes"]!)).toBeGreaterThan(20);
      expect(count(raw["z1.spikes"]!)).toBeGreaterThan(0);
      expect(Math.min(...Array.from(raw["W.x"]!))).toBeLessThan(0.9);
      if (s.raw.quantal) {
        // quantal: the released fractions are multiples of 1 / N, and some spikes released nothing
        const released = readEvents(k.memory, L, "W.wdyn@").map(([, m, v]) => v / WEIGHTS[ROWS[m % s.raw.n0]]);
        expect(released.every((f) => Number.isInteger(Math.round(f * 5)) && Math.abs(f * 5 - Math.round(f * 5)) < 1e-6)).toBe(true);
        expect(released.some((f) => f === 0)).toBe(true);
        expect(released.some((f) => f > 0)).toBe(true);
      }
      if (s.raw.events) {
        const n0 = s.raw.n0;
        for (const [name, variable] of [["W.u@", "u"], ["W.x@", "x"], ["W.wdyn@", "wdyn"]] as const) {
          const got = readEvents(k.memory, L, name);
          const e = api.events.W[variable];
          expect(got.length, name).toBe(e.count);
          expect(got.map(([step, m]) => [step, m]), name).toEqual(Array.from(e.steps, (step, i) => [step, e.trials[i] * n0 + e.units[i]]));
          expect(bits(got.map(([, , v]) => v)), name).toEqual(bits(e.values));
        }
        // one event per presynaptic spike of each column's row
        expect(readEvents(k.memory, L, "W.u@").length).toBe(count(raw["z0.spikes"]!));
      }
    });
  }
});
