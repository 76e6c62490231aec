// `stp-wasm run --spike-times`: summary.json's efficacyAtSpikes (u x at each presynaptic spike, over
// the trials) against the exact mode's closed form, computed here by the fit's float64 recursion
// (within 1e-6: the kernel is float32), against trace.csv's Wdyn / W in Euler mode (within float32
// rounding), sd 0 for the deterministic synapse (every trial sees the same train), and absent
// without spike times.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/main.js";
import { TrainGrid } from "../src/fit/trains.js";
import { flatten } from "../src/fit/data.js";

async function run(args: string[]): Promise<{ code: number; dir: string; err: string }> {
  const dir = mkdtempSync(join(tmpdir(), "stp-eff-"));
  let err = "";
  const code = await main(["run", ...args, "--out", dir], { out: () => {}, err: (t) => { err += t; } });
  return { code, dir, err };
}
const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
const TIMES = [100, 120, 140, 160, 180, 200, 220, 240, 600, 1600];

describe("run --spike-times: efficacyAtSpikes", () => {
  it("exact mode, 4 trials: the classic recursion's u x at every spike (1e-6), sd 0", async () => {
    const r = await run(["--integration", "exact", "--preset", "std", "--trials", "4", "--steps", "2000", `--spike-times=${TIMES.join(",")}`, "--weight", "3"]);
    expect(r.code, r.err).toBe(0);
    const e = summaryOf(r.dir).efficacyAtSpikes;
    expect(e.t).toEqual(TIMES);
    const g = await TrainGrid.create(flatten({ sweeps: [{ name: "1", t: TIMES, amplitude: TIMES.map(() => 1) }] }));
    const p = g.evaluate({ us: [0.45], tauFs: [50], tauDs: [750] }, true).pred!; // the STD preset
    expect(e.mean.length).toBe(TIMES.length);
    e.mean.forEach((m: number, k: number) => expect(Math.abs(m - p[k]), `spike ${k}`).toBeLessThan(1e-6));
    expect(e.sd).toEqual(TIMES.map(() => 0));
    // depression at 50 Hz: the efficacy falls along the train, and recovers after the pause
    expect(e.mean[7]).toBeLessThan(0.6 * e.mean[0]);
    expect(e.mean[9]).toBeGreaterThan(e.mean[8]);
  });

  it("Euler mode: trace.csv's Wdyn / W at the spike steps (float32)", async () => {
    const r = await run(["--preset", "stf", "--trials", "2", "--steps", "2000", `--spike-times=${TIMES.join(",")}`]);
    expect(r.code, r.err).toBe(0);
    const e = summaryOf(r.dir).efficacyAtSpikes;
    const rows = readFileSync(join(r.dir, "trace.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
    TIMES.forEach((t, k) => {
      const wdyn = rows[t - 1][4]; // dt = 1: the step of time t is row t - 1
      expect(Math.abs(e.mean[k] - wdyn / 2.5), `spike at ${t} ms`).toBeLessThan(1e-6 * wdyn);
    });
    expect(e.sd).toEqual(TIMES.map(() => 0));
  });

  it("counts only the spikes within the steps run, and is absent for a Poisson input", async () => {
    const r = await run(["--integration", "exact", "--steps", "500", `--spike-times=${TIMES.filter((t) => t <= 500).join(",")}`]);
    expect(summaryOf(r.dir).efficacyAtSpikes.t).toEqual(TIMES.filter((t) => t <= 500));
    const p = await run(["--steps", "300"]);
    expect(p.code, p.err).toBe(0);
    expect("efficacyAtSpikes" in summaryOf(p.dir)).toBe(false);
  });
});
