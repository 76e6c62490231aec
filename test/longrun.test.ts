// Long runs: chunks, progress, cancellation, and records streamed out so that a run whose records
// exceed the kernel's memory still completes; the CLI's progress bar and streamed trace.csv.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kernel } from "../src/runtime/kernel.js";
import { Simulation, type RunResult } from "../src/simulation.js";
import { main } from "../src/cli/main.js";
import { PLOT_STEPS } from "../src/cli/commands/run.js";
import type { NetworkOptions } from "../src/network/options.js";

const net = (n: number): NetworkOptions => ({
  seed: 12, trials: 2,
  populations: [
    { type: "poisson", name: "in", n, rateHz: 30 },
    { type: "lif", name: "out", n: 8, tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, refractTime: 0 },
  ],
  synapses: [{ name: "W", pre: "in", post: "out", weights: { dist: "uniform", low: 0, high: 0.3 }, resources: 0.3, tauF: 200, tauD: 300 }],
  record: [{ name: "W", vars: ["u", "x"] }, { name: "out", vars: ["v", "spikes"] }],
});
const columns = (r: RunResult) => Object.values(r.records).flatMap((vars) => Object.values(vars));

describe("long runs", () => {
  it("calls onChunk after every chunk, and stops where it returns false", async () => {
    const sim = await Simulation.create(net(16), { chunkSteps: 100 });
    const calls: [number, number][] = [];
    const r = sim.run(1000, { onChunk: (done, total) => { calls.push([done, total]); return done < 300; } });
    expect(calls).toEqual([[100, 1000], [200, 1000], [300, 1000]]);
    expect(r.stopped).toBe(true);
    expect(r.steps).toBe(300);
    expect(sim.step).toBe(300);
    expect(columns(r).every((t) => t.data.length === 300 * t.columns)).toBe(true);
    // the stopped run continues where it stopped, as one uninterrupted run would
    const rest = sim.run(700);
    const whole = (await Simulation.create(net(16), { chunkSteps: 100 })).run(1000);
    columns(whole).forEach((t, i) => expect(Array.from(t.data)).toEqual([...columns(r)[i].data, ...columns(rest)[i].data]));
  });

  it("runAsync stops between chunks once its AbortSignal fires", async () => {
    const sim = await Simulation.create(net(16), { chunkSteps: 50 });
    const abort = new AbortController();
    const r = await sim.runAsync(5000, { signal: abort.signal, onChunk: (done) => { if (done === 150) abort.abort(); } });
    expect(r.stopped).toBe(true);
    expect(r.steps).toBe(150);
    expect(sim.step).toBe(150);
  });

  it("streams records through a buffer far smaller than the run's records (keep: false)", async () => {
    // 2 trials x (200 u + 200 x + 8 v) floats + 16 spike bytes per step: 3280 bytes a step, 65.6 MB in
    // 20000 steps, streamed through a kernel memory limited to 16 MiB in chunks of 250 steps (820 kB)
    const kernel = await Kernel.load({ maxBytes: 16 * 2 ** 20 });
    const sim = await Simulation.create(net(200), { kernel, chunkSteps: 250 });
    let streamedBytes = 0;
    let steps = 0;
    let checksum = 0;
    const r = sim.run(20000, {
      keep: false,
      onRecords: (chunk) => {
        expect(chunk.firstStep).toBe(steps);
        steps += chunk.steps;
        for (const t of columns(chunk)) {
          streamedBytes += t.data.byteLength;
          checksum += t.data[t.data.length - 1];
        }
      },
    });
    expect(steps).toBe(20000);
    expect(r.steps).toBe(20000);
    expect(columns(r).every((t) => t.data.length === 0)).toBe(true);
    expect(streamedBytes).toBe(20000 * 3280);
    expect(streamedBytes).toBeGreaterThan(kernel.maxBytes);
    expect(Number.isFinite(checksum)).toBe(true);
    // what was streamed is what a kept run returns: compare a short stretch
    const a = await Simulation.create(net(200), { chunkSteps: 250 });
    const kept = a.run(600);
    const b = await Simulation.create(net(200), { chunkSteps: 250 });
    const parts: RunResult[] = [];
    b.run(600, { keep: false, onRecords: (c) => parts.push(c) });
    columns(kept).forEach((t, i) => expect(parts.flatMap((p) => Array.from(columns(p)[i].data))).toEqual(Array.from(t.data)));
  });

  it("the CLI shows a progress bar once a run takes over a second, and streams trace.csv", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-long-"));
    let clock = 0;
    let err = "";
    let stdout = "";
    const steps = PLOT_STEPS + 50_000;
    const code = await main(["run", "--preset=std", "--rate=20", `--steps=${steps}`, "--out", out], {
      out: (t) => { stdout += t; }, err: (t) => { err += t; }, errIsTTY: true, now: () => (clock += 400),
    });
    expect(code, err).toBe(0);
    const bars = err.split("\r").filter((l) => l.startsWith("["));
    expect(bars.length).toBeGreaterThan(10);
    expect(bars[bars.length - 1]).toMatch(/^\[#{30}\] 100% /);
    const lines = readFileSync(join(out, "trace.csv"), "utf8").trimEnd().split("\n");
    expect(lines.length).toBe(steps + 1);
    expect(lines[steps].split(",")[0]).toBe(String(steps));
    expect(stdout).toContain(`(first ${PLOT_STEPS} of ${steps} steps shown)`);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    const pre = lines.slice(1).reduce((s, l) => s + Number(l.split(",")[1]), 0);
    expect(summary.preSpikes).toEqual([pre]);
  });
});
