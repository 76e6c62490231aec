// The recurrent scenario of `npm run bench` (sparse-recurrent-10k: the mongillo2008 network, cue
// off): stp-wasm on 1 and 2 threads alternately on one simulation's memory, Brian2's cpp_standalone
// peer (bench/brian2_mongillo2008.py) on the same network, and the kernel memory per synapse with
// the E -> E synapses' u and x per presynaptic unit and per connection.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Simulation } from "../src/simulation.js";
import { contextOf, headerArrays, planLayout } from "../src/network/layout.js";
import { validateNetwork, type NetworkOptions } from "../src/network/options.js";
import type { TmParams } from "../src/models/tm.js";
import { externalInput, MBT2008, SELECTIVE_N, type ResolvedMongillo2008 } from "../src/experiments/papers/mongillo2008.js";
import { ensureBrian2 } from "./brian2.js";
import { median } from "./stats.js";

/** The recurrent synapses (those between the LIF populations) of the mongillo2008 network. */
const RECURRENT = ["EE", "EI", "IE", "II"];

/** Synaptic events of a run: each spike of a presynaptic unit times its connections, over the recurrent synapses. */
function recurrentEvents(sim: Simulation): number {
  let events = 0;
  for (const c of sim.spec.components) {
    if (!RECURRENT.includes(c.name)) continue;
    const pre = sim.spec.components[c.pre];
    const counts = sim.spikeCounts(pre.name);
    const rows = (c.params as TmParams).sparse!.connections.rows;
    for (let j = 0; j < c.n; j++) events += counts[j] * (rows[j + 1] - rows[j]);
  }
  return events;
}

const seconds = (f: () => void) => {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
};

/**
 * stp-wasm on each of `threads` (1, 2): one simulation created with the most threads, run from
 * reset alternately on each count, best run of each after a warm-up, at least `runs` runs each and
 * at least `minSeconds` of alternation. Also each run's seconds (in order), and the threads' shares
 * of the work at the end (the adaptive balance's).
 */
export async function wasmRecurrent(network: NetworkOptions, steps: number, threads: number[], runs: number, minSeconds: number) {
  const sim = await Simulation.create(network, { threads: Math.max(...threads), steps });
  const times: number[][] = threads.map(() => []);
  const spikes = threads.map(() => 0);
  const events = threads.map(() => 0);
  const total = () => sim.spikesPerTrial("E")[0] + sim.spikesPerTrial("I")[0];
  for (const t of threads) sim.run(Math.min(steps, 500), { threads: t });
  const start = performance.now();
  for (let r = 0; r < runs || (performance.now() - start < minSeconds * 1000 && r < 200); r++) {
    threads.forEach((t, i) => {
      sim.reset();
      times[i].push(seconds(() => sim.run(steps, { threads: t })));
      spikes[i] = total();
      events[i] = recurrentEvents(sim);
    });
  }
  const shares = sim.threadShares;
  sim.dispose();
  return { shares, runs: threads.map((t, i) => ({ threads: t, seconds: Math.min(...times[i]), times: times[i], spikes: spikes[i], events: events[i] })) };
}

/**
 * The 2-thread runs' speed over the 1-thread runs' when both were alternated: best over best, and
 * each 2-thread run against the 1-thread run just before it (median, lowest, highest): on a shared
 * machine the second core's speed changes from one run to the next, and the pairs show how much.
 */
export function pairedSpeedup(one: number[], two: number[]) {
  const ratios = two.map((t, i) => one[i] / t);
  return { best: Math.min(...one) / Math.min(...two), median: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios), pairs: ratios.length };
}

/** Kernel memory (bytes) of the network laid out for one thread, in all and of each synapse, with its connections. */
export function memoryOf(network: NetworkOptions): { total: number; synapses: { name: string; bytes: number; connections: number }[] } {
  const spec = validateNetwork(network);
  const net = contextOf(spec, 1);
  const synapses = spec.components.filter((c) => c.model.role === "synapse").map((c) => ({
    name: c.name,
    bytes: [...headerArrays(c, 1), ...c.model.arrays(c, net)].reduce((s, a) => s + a.bytes, 0),
    connections: (c.params as TmParams).sparse?.connections.rows[c.n] ?? c.n * c.n2,
  }));
  return { total: planLayout(spec, 1).end, synapses };
}

/** The parameters bench/brian2_mongillo2008.py reads, from the resolved options and MBT2008. */
export function brian2MongilloParams(o: ResolvedMongillo2008, steps: number, repeats: number) {
  const populations = Object.fromEntries((["E", "I"] as const).map((name) => {
    const q = MBT2008.populations[name];
    const ext = externalInput(q.tauM, name === "E" ? o.muE : MBT2008.external.muI, o.dt);
    return [name, { ...q, bias: ext.bias, noiseJump: ext.jump }];
  }));
  return {
    dt: o.dt, steps, repeats, seed: typeof o.seed === "number" ? o.seed : 1, populations,
    noiseRateHz: (MBT2008.noiseP * 1000) / o.dt,
    stp: { U: o.U, tauF: MBT2008.stp.tauF, tauD: MBT2008.stp.tauD },
    J: MBT2008.J, gamma0: MBT2008.gamma0, c: MBT2008.c, selectiveN: SELECTIVE_N, selectiveCount: MBT2008.selective.count,
    // stp-wasm's delay option's values (mongillo2008Network: [low - dt, high - dt])
    delayMs: { low: MBT2008.delayMs.low - o.dt, high: MBT2008.delayMs.high - o.dt },
  };
}

/** Brian2 on the same network: best of `repeats` runs of one compiled binary. */
export function brian2Recurrent(o: ResolvedMongillo2008, steps: number, repeats: number): { seconds: number; spikes: number } | string {
  const why = ensureBrian2();
  if (why) return why;
  const dir = mkdtempSync(join(tmpdir(), "stp-brian2-mongillo-"));
  const params = join(dir, "params.json");
  writeFileSync(params, JSON.stringify(brian2MongilloParams(o, steps, repeats)));
  const script = new URL(import.meta.url.includes("/dist/bench/") ? "../../bench/brian2_mongillo2008.py" : "./brian2_mongillo2008.py", import.meta.url).pathname;
  const out = execFileSync("/usr/bin/python3", [script, params, join(dir, "standalone")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 24 });
  const line = out.trim().split("\n").filter((l) => l.startsWith("{")).pop();
  if (!line) throw new Error(`brian2 printed no result: ${out.slice(-500)}`);
  return JSON.parse(line) as { seconds: number; spikes: number };
}
