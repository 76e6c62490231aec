// `npm run bench`: every implementation on the same work, side by side in this one process run, per
// scenario; prints seconds (simulation only, best of the repeats), synaptic events per second and
// the ratio to stp-wasm's single thread; then "stepping": the kernel driven one step per call on the
// lesson network against one call for all steps (bench/stepping.ts); then fit-grid (bench/fitGrid.ts:
// a fit's grid search against NumPy and scipy brute); then "startup" (bench/startup.ts: whole
// processes, `stp-wasm run` of the lesson against Brian2's cpp_standalone on it); writes
// bench/results.json and BENCHMARKS.md.
//   node dist/bench/run.js [--scenario NAME,...] [--impl NAME,...] [--repeats N] [--no-write]
// (scenario names: those of bench/scenarios.ts, "stepping", "fit-grid" and "startup")
import { cpus, loadavg, totalmem } from "node:os";
import { writeFileSync } from "node:fs";
import { Simulation } from "../src/simulation.js";
import { planLayout } from "../src/network/layout.js";
import { validateNetwork } from "../src/network/options.js";
import { SCENARIOS, benchNetwork, type Scenario } from "./scenarios.js";
import { runTs } from "./tsKernel.js";
import { naiveDense } from "./naive.js";
import { compileNative, runNative } from "./native.js";
import { ensureBrian2, runBrian2 } from "./brian2.js";
import { brian2Recurrent, memoryOf, pairedSpeedup, wasmRecurrent } from "./recurrent.js";
import { STEPPING, STEPPING_BUILDS, STEPPING_STEPS, stepping, type SteppingRow } from "./stepping.js";
import { FIT_GRID_DESCRIPTION, fitGridBench, type FitGridResult } from "./fitGrid.js";
import { STARTUP, STARTUP_DESCRIPTION, startupBench, startupMarkdown, type StartupResult, type StartupRow } from "./startup.js";

const IMPLEMENTATIONS = ["wasm-1t", "wasm-2t", "ts-reference", "naive-dense", "native-c", "brian2"] as const;
type Impl = (typeof IMPLEMENTATIONS)[number];

interface Row { scenario: string; implementation: string; seconds: number; postSpikes: number }
/** fit-grid's rows in results.json: the best grid point (iU, iF, iD) in place of spike counts. */
type FitGridRow = { scenario: "fit-grid" } & FitGridResult;
/** startup's rows in results.json: median whole-process seconds. */
type StartupJsonRow = { scenario: typeof STARTUP } & StartupRow;

function arg(name: string): string | undefined {
  const i = process.argv.findIndex((a) => a === name || a.startsWith(name + "="));
  if (i < 0) return undefined;
  return process.argv[i].includes("=") ? process.argv[i].split("=")[1] : process.argv[i + 1];
}
const pick = <T extends string>(all: readonly T[], value: string | undefined, what: string): T[] => {
  if (!value) return [...all];
  const wanted = value.split(",");
  for (const w of wanted) if (!all.includes(w as T)) throw new Error(`--${what} ${w}: allowed ${all.join(", ")}`);
  return wanted as T[];
};
const repeats = Number(arg("--repeats") ?? 3);
if (!(repeats >= 1)) throw new Error("--repeats: a whole number >= 1");
const scenarioNames = pick([...SCENARIOS.map((s) => s.name), STEPPING, "fit-grid", STARTUP], arg("--scenario"), "scenario");
const scenarios = scenarioNames.filter((n) => n !== STEPPING && n !== "fit-grid" && n !== STARTUP).map((n) => SCENARIOS.find((s) => s.name === n)!);
const impls = pick(IMPLEMENTATIONS, arg("--impl"), "impl");
const write = !process.argv.includes("--no-write");
/** The 1-minute load average when the run starts: other work on the machine, which slows the threaded rows most. */
const loadAtStart = loadavg()[0];

const seconds = (f: () => void) => {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
};

/** Seconds of alternation at least, per scenario, for the stp-wasm pair. */
const PAIR_SECONDS = 10;
/**
 * The same for a recurrent scenario (runs of ~0.7 s: 10 s would give only ~7 of each, and one
 * contended spell of the shared machine then decides the 2-thread row) and its least runs of each.
 */
const RECURRENT_SECONDS = 40;
const RECURRENT_RUNS = 16;

/**
 * stp-wasm on 1 and on 2 threads: one simulation created with 2 threads, run alternately with
 * `run(steps, { threads: 1 })` and with both threads, so that both read the same memory (where the
 * pages of a 40 MB weight matrix land moves one run's time by several per cent from one allocation
 * to the next) and meet the same moments of a noisy machine. Best run from rest of each, after a
 * warm-up run each: at least max(repeats, 15) runs and at least PAIR_SECONDS of alternation (this
 * shared machine has contended spells of several seconds, which a second thread feels more).
 */
async function wasmPair(s: Scenario, wanted: Impl[]) {
  const threads = wanted.map((impl) => (impl === "wasm-1t" ? 1 : 2));
  const sim = await Simulation.create(s.network, { threads: Math.max(...threads), steps: s.steps });
  const best = threads.map(() => Infinity);
  const counts = threads.map(() => ({ post: 0, pre: 0 }));
  const sum = (name: string) => sim.spikeCounts(name).reduce((a, b) => a + b, 0);
  for (const t of threads) sim.run(Math.min(s.steps, 500), { threads: t }); // warm-up: let the engine tier the kernel up
  const start = performance.now();
  for (let r = 0; r < Math.max(repeats, 15) || (performance.now() - start < PAIR_SECONDS * 1000 && r < 500); r++) {
    threads.forEach((t, i) => {
      sim.reset();
      best[i] = Math.min(best[i], seconds(() => sim.run(s.steps, { threads: t })));
      counts[i] = { post: sum("z1"), pre: sum("z0") };
    });
  }
  sim.dispose();
  return wanted.map((impl, i) => ({ impl, seconds: best[i], postSpikes: counts[i].post, preSpikes: counts[i].pre }));
}

const notes: string[] = [];
const rows: Row[] = [];
const memory: string[] = [];

/** A recurrent scenario: wasm-1t, wasm-2t and brian2 only; events = presynaptic spikes x their connections. */
async function recurrentScenario(s: Scenario): Promise<void> {
  console.log(`\n== ${s.name}: ${s.description}`);
  const found: Partial<Record<Impl, { seconds: number; postSpikes: number }>> = {};
  const wasmWanted = impls.filter((impl) => impl === "wasm-1t" || impl === "wasm-2t");
  let events = 0;
  if (wasmWanted.length) {
    const { runs, shares } = await wasmRecurrent(s.network, s.steps, wasmWanted.map((i) => (i === "wasm-1t" ? 1 : 2)), Math.max(repeats, RECURRENT_RUNS), RECURRENT_SECONDS);
    runs.forEach((r, i) => {
      found[wasmWanted[i]] = { seconds: r.seconds, postSpikes: r.spikes };
      events = r.events;
      console.log(`  ${wasmWanted[i].padEnd(13)} ${r.seconds.toFixed(4)} s  spikes ${r.spikes}`);
    });
    if (runs.length === 2) {
      const p = pairedSpeedup(runs[0].times, runs[1].times);
      const line = `${s.name}: wasm-2t ${p.best.toFixed(2)} times wasm-1t's speed, best run over best run; each 2-thread run over the 1-thread run just before it: median ${p.median.toFixed(2)}, ` +
        `lowest ${p.low.toFixed(2)}, highest ${p.high.toFixed(2)} (${p.pairs} pairs)${shares ? `; the threads' shares of the work at the end: ${shares.map((x) => x.toFixed(3)).join(" / ")} (adaptive balance)` : ""}`;
      notes.push(line);
      console.log(`  ${line}`);
    }
  }
  if (impls.includes("brian2")) {
    try {
      const b = brian2Recurrent(s.recurrent!, s.steps, repeats);
      if (typeof b === "string") {
        if (!notes.some((x) => x.startsWith("brian2"))) notes.push(`brian2 skipped: ${b}`);
        console.log(`  brian2 skipped: ${b}`);
      } else {
        found.brian2 = { seconds: b.seconds, postSpikes: b.spikes };
        console.log(`  ${"brian2".padEnd(13)} ${b.seconds.toFixed(4)} s  spikes ${b.spikes}`);
      }
    } catch (e) {
      const why = `brian2 failed on ${s.name}: ${(e as Error).message.split("\n")[0]}`;
      notes.push(why);
      console.log(`  ${why}`);
    }
  }
  const skipped = impls.filter((impl) => !["wasm-1t", "wasm-2t", "brian2"].includes(impl));
  if (skipped.length) console.log(`  (${skipped.join(", ")}: not peers of this scenario, whose network they cannot build)`);
  const base = found["wasm-1t"]?.seconds;
  console.log(`\n  ${"implementation".padEnd(14)}${"seconds".padStart(10)}${"events/s".padStart(12)}${"x wasm-1t time".padStart(16)}${"spikes".padStart(13)}`);
  for (const impl of impls) {
    const r = found[impl];
    if (!r) continue;
    rows.push({ scenario: s.name, implementation: impl, seconds: r.seconds, postSpikes: r.postSpikes });
    const ratio = base ? (r.seconds / base).toFixed(2) : "-";
    console.log(`  ${impl.padEnd(14)}${r.seconds.toFixed(4).padStart(10)}${(events / r.seconds).toExponential(2).padStart(12)}${ratio.padStart(16)}${String(r.postSpikes).padStart(13)}`);
  }
  // kernel memory with the E -> E synapses' u and x per presynaptic unit (the scenario's) and per connection
  const perConnection = { ...s.network, synapses: s.network.synapses!.map((x) => (x.name === "EE" ? { ...x, stpState: "connection" as const } : x)) };
  for (const [state, net] of [["presynaptic", s.network], ["connection", perConnection]] as const) {
    const m = memoryOf(net);
    const ee = m.synapses.find((x) => x.name === "EE")!;
    const all = m.synapses.reduce((a, x) => a + x.connections, 0);
    const line = `${s.name}, E -> E stpState "${state}": E -> E ${(ee.bytes / ee.connections).toFixed(3)} bytes per synapse (${ee.bytes} bytes for ${ee.connections} connections); ` +
      `the whole network ${m.total} bytes of kernel memory for ${all} synapses = ${(m.total / all).toFixed(3)} bytes per synapse`;
    memory.push(line);
    console.log(`  memory: ${line}`);
  }
}

for (const s of scenarios) {
  if (s.recurrent) {
    await recurrentScenario(s);
    continue;
  }
  const n = benchNetwork(s.network);
  const synapses = n.nPre * n.nPost * n.trials;
  console.log(`\n== ${s.name}: ${s.description}`);
  const found: Partial<Record<Impl, { seconds: number; postSpikes: number }>> = {};
  let preSpikes = 0;
  const wasmWanted = impls.filter((impl) => impl === "wasm-1t" || impl === "wasm-2t");
  const wasmResults = wasmWanted.length ? await wasmPair(s, wasmWanted) : [];
  for (const impl of impls) {
    try {
      let r: { seconds: number; postSpikes: number } | null = null;
      if (impl === "wasm-1t" || impl === "wasm-2t") {
        const w = wasmResults.find((x) => x.impl === impl)!;
        preSpikes = w.preSpikes;
        r = w;
      } else if (impl === "ts-reference") {
        runTs(n, Math.min(s.steps, 200));
        const runs: number[] = [];
        let post = 0;
        for (let k = 0; k < repeats; k++) runs.push(seconds(() => { post = runTs(n, s.steps); }));
        r = { seconds: Math.min(...runs), postSpikes: post };
      } else if (impl === "naive-dense") {
        const dense = naiveDense(n);
        const runs: number[] = [];
        let post = 0;
        for (let k = 0; k < repeats; k++) runs.push(seconds(() => { post = dense.run(s.steps); }));
        r = { seconds: Math.min(...runs), postSpikes: post };
      } else if (impl === "native-c") {
        const why = compileNative();
        if (why) notes.push(`native-c skipped: ${why}`);
        else r = runNative(n, s.steps, repeats);
      } else if (impl === "brian2") {
        const why = ensureBrian2();
        if (why) {
          if (!notes.some((x) => x.startsWith("brian2"))) notes.push(`brian2 skipped: ${why}`);
          console.log(`  brian2 skipped: ${why}`);
        } else r = runBrian2(n, s.steps, repeats);
      }
      if (r) {
        found[impl] = r;
        rows.push({ scenario: s.name, implementation: impl, seconds: r.seconds, postSpikes: r.postSpikes });
        console.log(`  ${impl.padEnd(13)} ${r.seconds.toFixed(4)} s  post spikes ${r.postSpikes}`);
      }
    } catch (e) {
      const why = `${impl} failed on ${s.name}: ${(e as Error).message.split("\n")[0]}`;
      notes.push(why);
      console.log(`  ${why}`);
    }
  }
  const base = found["wasm-1t"]?.seconds;
  const events = preSpikes * n.nPost; // each presynaptic spike reaches every postsynaptic unit
  console.log(`\n  ${"implementation".padEnd(14)}${"seconds".padStart(10)}${"events/s".padStart(12)}${"x wasm-1t time".padStart(16)}${"post spikes".padStart(13)}`);
  for (const impl of impls) {
    const r = found[impl];
    if (!r) continue;
    const ratio = base ? (r.seconds / base).toFixed(2) : "-";
    console.log(`  ${impl.padEnd(14)}${r.seconds.toFixed(4).padStart(10)}${(events / r.seconds).toExponential(2).padStart(12)}${ratio.padStart(16)}${String(r.postSpikes).padStart(13)}`);
  }
  const layout = planLayout(validateNetwork(s.network), 1);
  memory.push(`${s.name}: ${layout.end} bytes of kernel memory for ${synapses} synapses = ${(layout.end / synapses).toFixed(3)} bytes per synapse` +
    (n.weights ? " (weights 4 bytes each)" : " (constant weight: no matrix)"));
  console.log(`  memory: ${memory[memory.length - 1]}`);
}

// host-driven stepping on the lesson: one call per step (full check per call, and prepared) against one call
const steppingRows: SteppingRow[] = [];
if (scenarioNames.includes(STEPPING)) {
  console.log(`\n== ${STEPPING}: the lesson network (K = 1, 6 records), ${STEPPING_STEPS} steps, one step per call against one call`);
  for (const build of STEPPING_BUILDS) {
    const found = await stepping(build, repeats);
    steppingRows.push(...found);
    const base = found[0].seconds;
    console.log(`\n  ${build}\n  ${"calls".padEnd(22)}${"ns per step".padStart(12)}${"x run(N)".padStart(10)}${"post spikes".padStart(13)}`);
    for (const r of found) console.log(`  ${r.calls.padEnd(22)}${((r.seconds / STEPPING_STEPS) * 1e9).toFixed(1).padStart(12)}${(r.seconds / base).toFixed(2).padStart(10)}${String(r.postSpikes).padStart(13)}`);
    for (const r of found) rows.push({ scenario: `${STEPPING} (${build})`, implementation: r.calls, seconds: r.seconds, postSpikes: r.postSpikes });
  }
}

// constant weight: the kernel's memory does not grow with n_pre x n_post
const constBytes = (nPre: number, nPost: number) => planLayout(validateNetwork({
  populations: [{ type: "poisson", name: "z0", n: nPre, rateHz: 20 }, { type: "lif", name: "z1", n: nPost }],
  synapses: [{ name: "W", pre: "z0", post: "z1", weights: 0.01, resources: 0.15 }],
}), 1).end;
const constLine = `constant weight: ${constBytes(1000, 1000)} bytes for 1,000 x 1,000 synapses, ${constBytes(10000, 1000)} for 10,000 x 1,000, ${constBytes(10000, 10000)} for 10,000 x 10,000`;
memory.push(constLine);
console.log(`\n${constLine}`);

// fit-grid: the grid search of a fit, stp-wasm against vectorised NumPy and scipy brute
const fitRows: FitGridRow[] = [];
let fitVersions: Record<string, string> | undefined;
if (scenarioNames.includes("fit-grid")) {
  console.log(`\n== fit-grid: ${FIT_GRID_DESCRIPTION}`);
  try {
    const r = await fitGridBench(repeats);
    notes.push(...r.notes);
    fitVersions = r.versions;
    fitRows.push(...r.rows.map((row) => ({ scenario: "fit-grid" as const, ...row })));
    const base = r.rows[0].seconds;
    console.log(`\n  ${"implementation".padEnd(14)}${"seconds".padStart(10)}${"x stp-wasm time".padStart(17)}  best grid point (iU, iF, iD)`);
    for (const row of r.rows) console.log(`  ${row.implementation.padEnd(14)}${row.seconds.toFixed(4).padStart(10)}${(row.seconds / base).toFixed(2).padStart(17)}  ${row.best.join(", ")}`);
    const same = r.rows.every((row) => row.best.join() === r.rows[0].best.join());
    console.log(`  same best grid point: ${same ? "yes" : "NO"}`);
    if (!same) notes.push("fit-grid: the implementations picked different best grid points");
  } catch (e) {
    const why = `fit-grid failed: ${(e as Error).message.split("\n")[0]}`;
    notes.push(why);
    console.log(`  ${why}`);
  }
}

// startup: whole processes, stp-wasm run of the lesson against Brian2's cpp_standalone on it
let startup: StartupResult | undefined;
if (scenarioNames.includes(STARTUP)) {
  console.log(`\n== ${STARTUP}: ${STARTUP_DESCRIPTION}`);
  try {
    startup = startupBench(Math.max(repeats, 7));
    notes.push(...startup.notes);
    const node = startup.rows[0].seconds;
    console.log(`\n  ${"process".padEnd(40)}${"median s".padStart(10)}${"runs".padStart(6)}${"x node -e 0".padStart(13)}${"post spikes".padStart(13)}`);
    for (const row of startup.rows) console.log(`  ${row.implementation.padEnd(40)}${row.seconds.toFixed(3).padStart(10)}${String(row.runs).padStart(6)}${(row.seconds / node).toFixed(2).padStart(13)}${String(row.postSpikes ?? "-").padStart(13)}`);
    if (startup.cachedRatio !== null) console.log(`  brian2 / stp-wasm run: ${startup.cachedRatio.toFixed(1)}x with its build cached, ${startup.freshRatio?.toFixed(1)}x with a fresh compile`);
  } catch (e) {
    const why = `startup failed: ${(e as Error).message.split("\n")[0]}`;
    notes.push(why);
    console.log(`  ${why}`);
  }
}

for (const note of notes) console.log(`note: ${note}`);

if (write) {
  writeFileSync(new URL("../../bench/results.json", import.meta.url), JSON.stringify([...rows, ...fitRows, ...(startup?.rows ?? []).map((r): StartupJsonRow => ({ scenario: STARTUP, ...r }))], null, 2) + "\n");
  const cpu = cpus();
  const lines = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (`bench/run.ts`); numbers from one run of that command, every implementation",
    "side by side in the same process run (machines here are shared and noisy: compare ratios, not seconds).",
    "",
    `- machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; load average (1 min) ${loadAtStart.toFixed(1)} at the start of the run, ${loadavg()[0].toFixed(1)} at its end (other work on the machine: above the core count, the 2-thread rows mostly measure it)`,
    `- seconds: simulation only, best of ${repeats} runs from rest (stp-wasm: one simulation on the same memory, run on 1 and on 2 threads alternately for at least ${PAIR_SECONDS} s and ${Math.max(repeats, 15)} runs each, best run of each); events = presynaptic spikes x postsynaptic units`,
    "- ratio: seconds / wasm-1t seconds (below 1 is faster than stp-wasm on one thread)",
    "",
  ];
  for (const s of scenarios) {
    const rs = rows.filter((r) => r.scenario === s.name);
    const base = rs.find((r) => r.implementation === "wasm-1t")?.seconds;
    lines.push(`## ${s.name}`, "", s.description, "", `| implementation | seconds | x wasm-1t time | ${s.recurrent ? "spikes (E and I)" : "post spikes"} |`, "| --- | ---: | ---: | ---: |");
    for (const r of rs) lines.push(`| ${r.implementation} | ${r.seconds.toFixed(4)} | ${base ? (r.seconds / base).toFixed(2) : "-"} | ${r.postSpikes} |`);
    lines.push("");
  }
  if (steppingRows.length) {
    lines.push(`## ${STEPPING}`, "",
      `The lesson's network (1 Poisson unit -> STP synapse -> 1 LIF, K = 1, six records), ${STEPPING_STEPS} steps from init: one \`run(net, ${STEPPING_STEPS})\` call, against a host loop of ${STEPPING_STEPS} one-step calls, \`run(net, 1)\` (the whole descriptor checked on every call) and \`step(net, 1)\` (prepared: checked in full once per generation, NET_GEN). Raw kernel exports called from JavaScript on the API's layout (bench/stepping.ts); the three call patterns alternate, best of each; post spikes equal: the same steps were run.`, "");
    for (const build of STEPPING_BUILDS) {
      const rs = steppingRows.filter((r) => r.build === build);
      if (!rs.length) continue;
      lines.push(`### ${build}`, "", "| calls | ns per step | x run(N) per step | post spikes |", "| --- | ---: | ---: | ---: |");
      for (const r of rs) lines.push(`| ${r.calls} | ${((r.seconds / STEPPING_STEPS) * 1e9).toFixed(1)} | ${(r.seconds / rs[0].seconds).toFixed(2)} | ${r.postSpikes} |`);
      lines.push("");
    }
  }
  if (fitRows.length) {
    const base = fitRows[0].seconds;
    const same = fitRows.every((r) => r.best.join() === fitRows[0].best.join());
    lines.push("## fit-grid", "", FIT_GRID_DESCRIPTION, "", "| implementation | seconds | x stp-wasm time | best grid point (iU, iF, iD) |", "| --- | ---: | ---: | --- |");
    for (const r of fitRows) lines.push(`| ${r.implementation} | ${r.seconds.toFixed(4)} | ${(r.seconds / base).toFixed(2)} | ${r.best.join(", ")} |`);
    const ratio = (impl: string) => fitRows.find((r) => r.implementation === impl);
    const np = ratio("numpy");
    const sc = ratio("scipy-brute");
    lines.push("", `Same best grid point for all: ${same ? "yes" : "no"}.` +
      (np ? ` stp-wasm is ${(np.seconds / base).toFixed(1)}x faster than vectorised NumPy` : "") +
      (sc ? ` and ${(sc.seconds / base).toFixed(0)}x faster than scipy.optimize.brute with a per-point Python function.` : ".") +
      (fitVersions ? ` (Python ${fitVersions.python}, NumPy ${fitVersions.numpy}, SciPy ${fitVersions.scipy}.)` : ""), "");
  }
  if (startup) lines.push(...startupMarkdown(startup));
  lines.push("## Memory", "", ...memory.map((m) => `- ${m}`), "");
  lines.push("## How to read it", "",
    "- Every implementation but brian2 runs the same algorithm on the same Philox draws and weights, and their post spike counts agree exactly: the check that they did the same work. native-c is compiled with -ffp-contract=off so that its float32 arithmetic is the kernel's (no fused multiply-adds).",
    "- brian2 runs the same network in its own update order (u decays before its increment; the synaptic jump reaches v after the threshold test, so one step later and after a leak) and with its own random numbers: its post spike counts are comparable, not equal.",
    `- sparse-recurrent-10k: only wasm-1t, wasm-2t and brian2 build its network. brian2 (bench/brian2_mongillo2008.py) runs the same network with its own connections, weights, delays and noise draws, u and x per presynaptic neuron integrated every step in the neuron group and applied at spikes by a one-to-one pathway, PoissonInput for the noise: its spike count is comparable, not equal. Its seconds are Brian's own measure of the run loop, best of the repeats; stp-wasm alternates 1 and 2 threads for at least ${RECURRENT_SECONDS} s and ${RECURRENT_RUNS} runs each; both sides leave out building the 20 million connections. Events here are the recurrent synapses' (each presynaptic spike times its unit's connections), the noise's left out. Memory: with u and x per connection (stpState "connection") the E -> E synapse also keeps each connection's anchor and spike values.`,
    "- naive-dense is ngc-learn's way (the whole Wdyn matrix every step, the output as a dense product) in WASM with the same SIMD; its ratio is what the event-driven design buys.",
    "- fit-grid: stp-wasm is one call of the kernel's fitTrains (float64; two tauD candidates per SIMD lane pair, four vectors at a time; u computed once per (U, tauF)) plus the choice of the best candidate in JavaScript, best of at least 20 calls after a warm-up; numpy is the same recursion broadcast over the whole grid (u on U x tauF, R on the whole grid, in place), best of at least 5 after a warm-up; scipy-brute is scipy.optimize.brute(finish=None) over the grid's indices calling a Python function per candidate (the recursion in a Python loop, as srplasticity fits), best of 2. Each picks the candidate of least residual sum of squares with A >= 0 at its best. Seconds are measured inside each process (Python: time.perf_counter), the data and the grid set up beforehand.",
    "- wasm-2t: whole trials per thread when there are at least as many trials as threads (no barrier; shares in blocks of 16 trials, run in tiles of a quarter of the share, all steps of a tile before the next, so that the two cores never write neighbouring lines at the same moment); otherwise the threads split each population and meet once per step (the split moved every 64 steps towards the thread that waits more, the adaptive balance; each array a page apart from the next), and for a wide synapse (8192 presynaptic rows and more: the output sums its rows in blocks, src/layout.ts rowBlocks) each thread sums whole rows of W of its own blocks, the threads meet again, and each adds the blocks' sums for its own columns. The summation order depends on the network alone, so the thread count never changes a result (ts-reference and native-c use the same order). This machine is shared: its two cores do not run at the same speed, and which one is slower changes from minute to minute (README, Speed), which is why the pair alternates for at least 10 s (40 s for sparse-recurrent-10k) and why the threads' shares adapt.",
    "");
  if (notes.length) lines.push("## Notes", "", ...notes.map((m) => `- ${m}`), "");
  writeFileSync(new URL("../../BENCHMARKS.md", import.meta.url), lines.join("\n"));
  console.log("\nwrote bench/results.json and BENCHMARKS.md");
}
