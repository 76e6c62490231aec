// Type-checked by test/types.test.ts under tsc --strict (never run): every @ts-expect-error below
// must meet an error, or tsc fails ("Unused '@ts-expect-error' directive"), so each line proves a
// mistake is a type error; the lines without it prove the right ones compile, with the right types.
import { simulate, Simulation, type Trace } from "stp-wasm";

const network = {
  populations: [
    { type: "poisson", name: "z0", n: 2, rateHz: 20 },
    { type: "lif", name: "z1", n: 3 },
  ],
  synapses: [{ name: "W", pre: "z0", post: "z1", weights: 1, tauF: 750, tauD: 50 }],
  record: [
    { name: "W", vars: ["u", "x", "wdyn"] },
    { name: "z1", vars: ["v", "spikes"] },
    { name: "z0", vars: ["spikes"] },
    { name: "W", vars: ["u", "wdyn"], at: "spikes" },
  ],
} as const;

export async function typed(): Promise<void> {
  const r = await simulate({ ...network, steps: 10 });
  const u: Float32Array = r.records.W.u.data;
  const wdyn: Trace<Float32Array> = r.records.W.wdyn;
  const v: Float32Array = r.records.z1.v.data;
  const post: Uint8Array = r.records.z1.spikes.data;
  const pre: Uint8Array = r.records.z0.spikes.data;
  const counts: Int32Array = r.spikeCounts.z1;
  void [u, wdyn, v, post, pre, counts];

  // @ts-expect-error a spike record is a Uint8Array, not a Float32Array
  const wrong: Float32Array = r.records.z1.spikes.data;
  // @ts-expect-error u is a Float32Array
  const wrong2: Uint8Array = r.records.W.u.data;
  // @ts-expect-error no record named Wx
  void r.records.Wx;
  // @ts-expect-error z1's v was recorded, not its rfr
  void r.records.z1.rfr;
  // @ts-expect-error no population named z2
  void r.spikeCounts.z2;
  // events: the variables recorded at spikes, by name
  const uAtSpikes: Float32Array = r.events.W.u.values;
  const steps: Int32Array = r.events.W.wdyn.steps;
  void [uAtSpikes, steps];
  // @ts-expect-error x is recorded every step, not at spikes
  void r.events.W.x;
  // @ts-expect-error z1 has no events
  void r.events.z1;
  void [wrong, wrong2];
}

export async function refused(): Promise<void> {
  const pops = [{ type: "poisson", name: "z0", n: 1 }, { type: "lif", name: "z1", n: 1 }] as const;
  // @ts-expect-error a record of a name the network does not have
  await simulate({ steps: 10, populations: pops, record: [{ name: "z3", vars: ["v"] }] });
  // @ts-expect-error a variable the LIF does not have (u is a synapse's)
  await simulate({ steps: 10, populations: pops, record: [{ name: "z1", vars: ["u"] }] });
  // @ts-expect-error a Poisson source records spikes only
  await simulate({ steps: 10, populations: pops, record: [{ name: "z0", vars: ["v"] }] });
  // @ts-expect-error a synapse from a population that does not exist
  await simulate({ steps: 10, populations: pops, synapses: [{ name: "W", pre: "zz", post: "z1" }] });
  // @ts-expect-error a synapse onto a population that does not exist
  await simulate({ steps: 10, populations: pops, synapses: [{ name: "W", pre: "z0", post: "z9" }] });
  // @ts-expect-error a misspelt variable
  await simulate({ steps: 10, populations: pops, synapses: [{ name: "W", pre: "z0", post: "z1" }], record: [{ name: "W", vars: ["wdin"] }] });
  // the same, spelt right, compiles
  await simulate({ steps: 10, populations: pops, synapses: [{ name: "W", pre: "z0", post: "z1" }], record: [{ name: "W", vars: ["wdyn"] }] });
}

export async function chunked(): Promise<void> {
  const sim = await Simulation.create(network);
  const first = sim.run(100, { onRecords: (chunk) => { const x: Float32Array = chunk.records.W.x.data; void x; } });
  const x: Float32Array = first.records.W.x.data;
  // @ts-expect-error no record named w (names are case-sensitive)
  void first.records.w;
  void x;
  sim.dispose();
}

export async function wide(network: import("stp-wasm").NetworkOptions): Promise<void> {
  // a network whose names are not literals: any name, either array
  const r = await simulate({ ...network, steps: 10 });
  const data: Float32Array | Uint8Array = r.records.anything.v.data;
  // @ts-expect-error unknown at compile time: could be a Uint8Array
  const f: Float32Array = r.records.anything.v.data;
  void [data, f];
}
