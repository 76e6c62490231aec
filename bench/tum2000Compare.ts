// The tum2000 network (src/experiments/papers/tum2000.ts) side by side with the same network in
// Brian2 (bench/brian2_tum2000.py, Debian's python3-brian): stp-wasm over seeds 1..n, Brian2 over n
// independent copies of the network in one run (each copy its own draw of connections and
// parameters), both analysed by the same burst rule (TUM2000.burst) over the same window after the
// burn-in; then, per statistic (bursts per second, mean E rate, mean I rate), Welch's t-test.
//   node dist/bench/tum2000Compare.js [--seeds N] [--duration MS]
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normalInit, resolveTum2000, tum2000, tum2000Bias, TUM2000, type ResolvedTum2000 } from "../src/experiments/papers/tum2000.js";
import { populationEvents } from "../src/experiments/papers/activity.js";
import { ensureBrian2 } from "./brian2.js";
import { welch, type WelchResult } from "./stats.js";

/** One run's statistics over the window after the burn-in. */
export interface RunStats {
  burstsPerSecond: number;
  rateE: number;
  rateI: number;
}

/** The parameters bench/brian2_tum2000.py reads: all from TUM2000. */
export function brian2Params(o: ResolvedTum2000, copies: number) {
  const populations = Object.fromEntries((["E", "I"] as const).map((name) => {
    const p = TUM2000.populations[name];
    return [name, { ...p, bias: tum2000Bias(p.n) }];
  }));
  const dist = (d: Parameters<typeof normalInit>[0]) => {
    const { mean, std, low, high } = normalInit(d) as { mean: number; std: number; low?: number; high?: number };
    return { mean, std, low: low ?? null, high: high ?? null };
  };
  return {
    dt: o.dt, durationMs: o.burnInMs + o.durationMs, burnInMs: o.burnInMs, copies, seed: typeof o.seed === "number" ? o.seed : 1,
    tauSyn: TUM2000.tauSyn, populations,
    // no autapses: stp-wasm's default when pre and post are one population (NEST-sli: autapses false)
    synapses: TUM2000.synapses.map((s) => ({
      name: s.name, pre: s.pre, post: s.post, p: TUM2000.p, autapses: false,
      A: dist(s.A), U: dist(s.U), tauRec: dist(s.tauRec), tauFacil: s.tauFacil ? dist(s.tauFacil) : null,
    })),
  };
}

/** Brian2's n copies: each one's statistics, and Brian2's own run time. */
export function runBrian2Tum2000(o: ResolvedTum2000, copies: number): { stats: RunStats[]; seconds: number; version: string } {
  const why = ensureBrian2();
  if (why) throw new Error(`brian2: ${why}`);
  const dir = mkdtempSync(join(tmpdir(), "stp-brian2-tum2000-"));
  const params = join(dir, "params.json");
  writeFileSync(params, JSON.stringify(brian2Params(o, copies)));
  // from dist/bench/ (compiled) or bench/ (vitest runs the source)
  const script = new URL(import.meta.url.includes("/dist/bench/") ? "../../bench/brian2_tum2000.py" : "./brian2_tum2000.py", import.meta.url).pathname;
  const out = execFileSync("/usr/bin/python3", [script, params, join(dir, "standalone")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28 });
  const line = out.trim().split("\n").filter((l) => l.startsWith("{")).pop();
  if (!line) throw new Error(`brian2 printed no result: ${out.slice(-500)}`);
  const result = JSON.parse(line) as { copies: { bins: number[]; spikesE: number; spikesI: number }[]; seconds: number; brian2: string };
  const nAll = TUM2000.populations.E.n + TUM2000.populations.I.n;
  const { binMs } = TUM2000.burst;
  const stats = result.copies.map((c) => {
    const rates = c.bins.map((count) => count / nAll / (binMs / 1000));
    const bursts = populationEvents(rates, TUM2000.burst).filter((b) => b.timeMs > o.burnInMs);
    return {
      burstsPerSecond: bursts.length / (o.durationMs / 1000),
      rateE: c.spikesE / TUM2000.populations.E.n / (o.durationMs / 1000),
      rateI: c.spikesI / TUM2000.populations.I.n / (o.durationMs / 1000),
    };
  });
  return { stats, seconds: result.seconds, version: result.brian2 };
}

/** stp-wasm at seeds 1..n. */
export async function runOursTum2000(o: ResolvedTum2000, seeds: number): Promise<{ stats: RunStats[]; seconds: number }> {
  const stats: RunStats[] = [];
  let seconds = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const r = await tum2000({ seed, durationMs: o.durationMs, burnInMs: o.burnInMs, uxSample: 1 });
    seconds += r.seconds;
    stats.push({ burstsPerSecond: r.summary.burstsPerSecond, rateE: r.summary.meanRateHz.E, rateI: r.summary.meanRateHz.I });
  }
  return { stats, seconds };
}

export interface Comparison {
  seeds: number;
  durationMs: number;
  ours: RunStats[];
  brian2: RunStats[];
  tests: Record<keyof RunStats, WelchResult>;
  seconds: { ours: number; brian2: number };
  brian2Version: string;
}

/** Both sides and the tests. */
export async function compareTum2000(seeds = 10, durationMs = TUM2000.durationMs): Promise<Comparison> {
  const o = resolveTum2000({ durationMs });
  const ours = await runOursTum2000(o, seeds);
  const b2 = runBrian2Tum2000(o, seeds);
  const keys = ["burstsPerSecond", "rateE", "rateI"] as const;
  const tests = Object.fromEntries(keys.map((k) => [k, welch(ours.stats.map((s) => s[k]), b2.stats.map((s) => s[k]))])) as Comparison["tests"];
  return { seeds, durationMs, ours: ours.stats, brian2: b2.stats, tests, seconds: { ours: ours.seconds, brian2: b2.seconds }, brian2Version: b2.version };
}

/** The comparison as a table. */
export function comparisonTable(c: Comparison): string {
  const lines = [
    `tum2000, ${c.seeds} seeds each, ${c.durationMs} ms after a ${TUM2000.burnInMs} ms burn-in (Brian2 ${c.brian2Version})`,
    "statistic            stp-wasm mean +- SD     Brian2 mean +- SD      difference   Welch t    df      p",
  ];
  for (const [k, t] of Object.entries(c.tests)) {
    lines.push(`${k.padEnd(20)} ${t.meanA.toFixed(3).padStart(8)} +- ${t.sdA.toFixed(3).padEnd(8)}  ${t.meanB.toFixed(3).padStart(8)} +- ${t.sdB.toFixed(3).padEnd(8)}  ${t.diff.toFixed(3).padStart(10)}  ${t.t.toFixed(2).padStart(7)}  ${t.df.toFixed(1).padStart(5)}  ${t.p.toFixed(3).padStart(6)}`);
  }
  lines.push(`simulation seconds: stp-wasm ${c.seconds.ours.toFixed(1)} (all seeds, one after the other, records included), Brian2 ${c.seconds.brian2.toFixed(1)} (all copies in one run)`);
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").slice(-2).join("/"))) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const c = await compareTum2000(arg("--seeds") ?? 10, arg("--duration") ?? TUM2000.durationMs);
  console.log(comparisonTable(c));
}
