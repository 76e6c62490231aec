// The benchmark scenarios, and each one flattened into the plain parameters every peer
// implementation reads (the same weights, seeds and float32 constants as the kernel's).
import { validateNetwork, type NetworkOptions } from "../src/network/options.js";
import { constantOf, fillInit } from "../src/core/init.js";
import { seedKey } from "../src/core/seed.js";
import { rowBlocks } from "../src/delivery/dense.js";
import type { Component } from "../src/models/model.js";
import type { PoissonParams } from "../src/models/poisson.js";
import type { LifParams } from "../src/models/lif.js";
import { uniform, type TmParams } from "../src/models/tm.js";
import { lessonNetwork, resolveLesson } from "../src/experiments/lesson.js";
import { mongillo2008Network, resolveMongillo2008, type ResolvedMongillo2008 } from "../src/experiments/papers/mongillo2008.js";
import { denseNetwork as dense } from "../src/experiments/dense.js";

export interface Scenario {
  name: string;
  steps: number;
  network: NetworkOptions;
  description: string;
  /** A recurrent network (bench/recurrent.ts): its options; only wasm-1t, wasm-2t and brian2 run it. */
  recurrent?: ResolvedMongillo2008;
}

/** The mongillo2008 network with its cue off (built on first use: 20 million connections). */
const MONGILLO = resolveMongillo2008({ seed: 1 });
let mongillo: NetworkOptions | null = null;

export const SCENARIOS: Scenario[] = [
  {
    name: "tutorial-x1000", steps: 5000,
    network: { ...lessonNetwork(resolveLesson({ preset: "stf", rateHz: 20, trials: 1000 })), record: [] },
    description: "the lesson's STF 20 Hz network (1 Poisson -> STP, W = 2.5 -> LIF), 1000 trials, 5000 steps",
  },
  { name: "dense-1k", steps: 1000, network: dense(1000, 1000), description: "1,000 Poisson -> 1,000 LIF all-to-all STP (STF), 20 Hz, W ~ U[0, 0.02], 1,000 steps" },
  { name: "dense-10k", steps: 1000, network: dense(10000, 1000), description: "10,000 Poisson -> 1,000 LIF all-to-all STP (STF, 10 million synapses), 20 Hz, W ~ U[0, 0.02], 1,000 steps" },
  {
    name: "sparse-recurrent-10k", steps: 10_000,
    get network() {
      return (mongillo ??= mongillo2008Network(MONGILLO));
    },
    recurrent: MONGILLO,
    description: "the mongillo2008 network (8,000 E + 2,000 I LIF, c = 0.2: 20 million synapses with delays of 0.1-1 ms, E -> E facilitating and depressing with u and x per presynaptic unit, exact; Bernoulli noise into every neuron), cue off, from rest: 1 s at dt = 0.1 ms, 10,000 steps",
  },
];

/** A scenario's network as flat float32 parameters (one Poisson source -> one synapse -> one LIF). */
export interface BenchNetwork {
  nPre: number;
  nPost: number;
  trials: number;
  key: [number, number];
  /** rateHz * dt / 1000 in float32. */
  pRate: number;
  /** Row-major nPre x nPost, or null for a constant weight. */
  weights: Float32Array | null;
  /** Blocks of presynaptic rows in the output's sum (src/layout.ts rowBlocks): part of the arithmetic. */
  blocks: number;
  wConst: number;
  U: number;
  aF: number;
  aD: number;
  g: number;
  invTauM: number;
  R: number;
  vRest: number;
  vReset: number;
  thr: number;
  refract: number;
  dt: number;
  tauF: number;
  tauD: number;
  tauM: number;
  rateHz: number;
}

export function benchNetwork(options: NetworkOptions): BenchNetwork {
  const spec = validateNetwork(options);
  const byRole = (role: string) => spec.components.find((c) => c.model.role === role)!;
  const src = byRole("source") as Component<PoissonParams>;
  const lifC = byRole("neuron") as Component<LifParams>;
  const synC = byRole("synapse") as Component<TmParams>;
  const lif = lifC.params;
  const syn = { ...synC.params, name: synC.name, nPre: synC.n, nPost: synC.n2, tauF: uniform(synC.params.tauF)!, tauD: uniform(synC.params.tauD)! };
  const f = Math.fround;
  const c = constantOf(syn.weights);
  const resources = fillInit(new Float32Array(syn.nPre), syn.resources, spec.seed, `resources:${syn.name}`);
  if (resources.some((r) => r !== resources[0])) throw new Error("bench peers take one resources value");
  return {
    nPre: syn.nPre, nPost: syn.nPost, trials: spec.trials, key: seedKey(spec.seed), blocks: rowBlocks(syn.nPre),
    pRate: f(src.params.rateHz * spec.dt / 1000),
    weights: c === null ? fillInit(new Float32Array(syn.nPre * syn.nPost), syn.weights, spec.seed, `weights:${syn.name}`) : null,
    wConst: f(c ?? 0), U: resources[0], aF: f(spec.dt / syn.tauF), aD: f(spec.dt / syn.tauD), g: f(syn.gConduct),
    invTauM: f(1 / lif.tauM), R: f(lif.resistM), vRest: f(lif.vRest), vReset: f(lif.vReset), thr: f(lif.thr),
    refract: f(lif.refractTime), dt: f(spec.dt), tauF: syn.tauF, tauD: syn.tauD, tauM: lif.tauM, rateHz: src.params.rateHz,
  };
}
