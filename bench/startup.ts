// "startup": whole processes, from their start to their exit, side by side: `stp-wasm run` of the
// lesson's network at 20 Hz (writing trace.csv, summary.json and plot.html) against Brian2's
// cpp_standalone device running the same network and writing the same trace (bench/brian2_startup.py),
// with `node -e 0`, `stp-wasm --help` and `python3 -c "import brian2"` as the floors they stand on.
// The processes are started in turn, round after round, so that the machine's load falls on all
// alike; each row's median over the rounds after a first, discarded one (it warms the file cache
// and compiles Brian2's cached build).
//
// Brian2's whole process: start Python, import Brian2, build the network, generate its C++ code,
// compile it, run it, read the results back, write trace.csv. "cached build" reuses one directory,
// in which the generated code is the same as the round before and make recompiles nothing (what a
// user re-running a script gets); "fresh compile" uses a new directory each time (a first run, or
// a changed model). The headline ratio uses the cached build, the case most favourable to Brian2.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lessonNetwork, resolveLesson } from "../src/experiments/lesson.js";
import { benchNetwork } from "./scenarios.js";
import { brian2Inputs, ensureBrian2, PYTHON } from "./brian2.js";
import { median } from "./stats.js";

export const STARTUP = "startup";
export const STARTUP_RATE_HZ = 20;
export const STARTUP_DESCRIPTION = `whole processes, start to exit: \`stp-wasm run --rate ${STARTUP_RATE_HZ}\` (the lesson: 1 Poisson ${STARTUP_RATE_HZ} Hz -> STP synapse (STF) -> LIF, ` +
  "5000 steps of 1 ms; writes trace.csv, summary.json, plot.html) against Brian2's cpp_standalone device on the same network writing the same trace " +
  "(bench/brian2_startup.py: Python, import brian2, code generation, compilation, the run, trace.csv)";

/** Fresh compiles timed (each takes tens of seconds). */
const FRESH_ROUNDS = 3;

export interface StartupRow {
  /** The process, as started. */
  implementation: string;
  /** Median seconds from start to exit. */
  seconds: number;
  runs: number;
  /** Post spikes of its run, where it runs the lesson. */
  postSpikes: number | null;
}

export interface StartupResult {
  rows: StartupRow[];
  /** Median seconds of Brian2's cached-build process / median seconds of `stp-wasm run`, and of its fresh compile. */
  cachedRatio: number | null;
  freshRatio: number | null;
  notes: string[];
}

interface Proc {
  name: string;
  command: string;
  args: string[];
  /** Rounds it takes part in, from 0 (round 0 is discarded). */
  rounds: number;
  /** Post spikes from its output, if it runs the lesson. */
  spikes?: (stdout: string) => number;
  /** Runs before each start (e.g. a new directory), not timed. */
  before?: (round: number) => string[] | void;
}

/** The startup comparison over `rounds` timed rounds (plus a discarded first one). */
export function startupBench(rounds: number): StartupResult {
  const notes: string[] = [];
  const bin = new URL("../../bin/stp-wasm.js", import.meta.url).pathname;
  const work = mkdtempSync(join(tmpdir(), "stp-startup-"));
  const out = join(work, "stp-out");
  const summarySpikes = () => (JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as { postSpikes: number[] }).postSpikes[0];
  const procs: Proc[] = [
    { name: "node -e 0", command: process.execPath, args: ["-e", "0"], rounds: rounds + 1 },
    { name: "stp-wasm --help", command: process.execPath, args: [bin, "--help"], rounds: rounds + 1 },
    { name: `stp-wasm run --rate ${STARTUP_RATE_HZ}`, command: process.execPath, args: [bin, "run", "--rate", String(STARTUP_RATE_HZ), "--out", out], rounds: rounds + 1, spikes: summarySpikes },
  ];
  const why = ensureBrian2();
  if (why) notes.push(`startup: brian2 skipped: ${why}`);
  else {
    const n = benchNetwork(lessonNetwork(resolveLesson({ rateHz: STARTUP_RATE_HZ })));
    const [params] = brian2Inputs(n, 5000, 1, join(work, "brian2"));
    const script = new URL("../../bench/brian2_startup.py", import.meta.url).pathname;
    const brianSpikes = (stdout: string) => {
      const line = stdout.trim().split("\n").filter((l) => l.startsWith("{")).pop();
      if (!line) throw new Error(`brian2 printed no result: ${stdout.slice(-300)}`);
      return (JSON.parse(line) as { postSpikes: number }).postSpikes;
    };
    procs.push(
      { name: "python3 -c \"import brian2\"", command: PYTHON, args: ["-c", "import brian2"], rounds: rounds + 1 },
      { name: "brian2 cpp_standalone, cached build", command: PYTHON, args: [script, params, join(work, "brian2", "cached")], rounds: rounds + 1, spikes: brianSpikes },
      {
        name: "brian2 cpp_standalone, fresh compile", command: PYTHON, args: [], rounds: FRESH_ROUNDS + 1, spikes: brianSpikes,
        before: (r) => [script, params, join(work, "brian2", `fresh-${r}`)],
      },
    );
  }
  const times = procs.map(() => [] as number[]);
  const spikes = procs.map(() => null as number | null);
  try {
    for (let r = 0; r <= rounds; r++) {
      procs.forEach((p, i) => {
        if (r >= p.rounds) return;
        const args = p.before?.(r) ?? p.args;
        const t0 = process.hrtime.bigint();
        const res = spawnSync(p.command, args, { encoding: "utf8", cwd: work, maxBuffer: 1 << 24 });
        const s = Number(process.hrtime.bigint() - t0) / 1e9;
        if (res.status !== 0) throw new Error(`${p.name} exited with ${res.status}: ${(res.stderr ?? "").slice(-500)}`);
        if (r > 0) times[i].push(s);
        if (p.spikes) spikes[i] = p.spikes(res.stdout);
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const rows = procs.map((p, i) => ({ implementation: p.name, seconds: median(times[i]), runs: times[i].length, postSpikes: spikes[i] }));
  const run = rows[2].seconds;
  const of = (name: string) => rows.find((x) => x.implementation.startsWith(name))?.seconds;
  const cached = of("brian2 cpp_standalone, cached");
  const fresh = of("brian2 cpp_standalone, fresh");
  return { rows, cachedRatio: cached ? cached / run : null, freshRatio: fresh ? fresh / run : null, notes };
}

/** The section of BENCHMARKS.md. */
export function startupMarkdown(r: StartupResult): string[] {
  const node = r.rows[0].seconds;
  const run = r.rows[2].seconds;
  const lines = [`## ${STARTUP}`, "", STARTUP_DESCRIPTION + ".", "",
    "| process | median seconds | runs | x node -e 0 | x stp-wasm run | post spikes |", "| --- | ---: | ---: | ---: | ---: | ---: |"];
  for (const row of r.rows) {
    lines.push(`| ${row.implementation.replaceAll("|", "\\|")} | ${row.seconds.toFixed(3)} | ${row.runs} | ${(row.seconds / node).toFixed(2)} | ${(row.seconds / run).toFixed(2)} | ${row.postSpikes ?? "-"} |`);
  }
  lines.push("");
  if (r.cachedRatio !== null) {
    lines.push(`Brian2's whole process takes ${r.cachedRatio.toFixed(1)} times as long as \`stp-wasm run\` with its build cached (the headline: the case ` +
      `most favourable to Brian2, whose generated code is unchanged and make recompiles nothing), ${r.freshRatio?.toFixed(0) ?? "-"} times with a fresh compile ` +
      "(a first run, or a changed model). Processes started in turn, round after round; medians of the rounds after a discarded first one. " +
      "Post spikes: Brian2 draws its own random numbers, so its count is comparable, not equal.", "");
  }
  return lines;
}
