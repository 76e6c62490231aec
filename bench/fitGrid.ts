// The fit-grid benchmark: the grid search at the heart of fitting STP to PSC trains. The same
// 50 x 50 x 50 grid of (U, tauF, tauD) candidates (U on [0.01, 0.99], tauF and tauD log-spaced on
// [1, 5000] ms: the cells' centres, as the fit uses them) over the same 3-sweep, 30-spike data set,
// A profiled; the answer is the candidate of least residual sum of squares. stp-wasm: one kernel call
// (fitTrains: every candidate's sum(y p) and sum(p p)), then the best candidate in JavaScript.
// Against a vectorised NumPy brute force and scipy.optimize.brute with a per-point Python function
// (bench/fit_grid.py, Debian's python3-numpy and python3-scipy, installed with apt-get when missing).
// All three must pick the same grid point.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TrainData } from "../src/fit/data.js";
import { flatten } from "../src/fit/data.js";
import { Random } from "../src/fit/stats.js";
import { TrainGrid, type CandidateGrid } from "../src/fit/trains.js";

const PYTHON = "/usr/bin/python3";
export const FIT_GRID_IMPLS = ["stp-wasm", "numpy", "scipy-brute"] as const;
export type FitGridImpl = (typeof FIT_GRID_IMPLS)[number];

export interface FitGridResult {
  implementation: FitGridImpl;
  seconds: number;
  /** The best grid point: indices (iU, iF, iD). */
  best: [number, number, number];
}

export const FIT_GRID_DESCRIPTION = "grid search of a TM fit: 50 x 50 x 50 candidates (U on [0.01, 0.99], tauF and tauD log-spaced on [1, 5000] ms), " +
  "3 sweeps of 10 spikes (8 at 10, 20, 50 Hz, then 250 ms and 1 s later; U = 0.2, tauF = 150 ms, tauD = 300 ms, 5% noise), A profiled";

const cells = (lo: number, hi: number, n: number, log: boolean) => Array.from({ length: n }, (_, i) => {
  const f = (i + 0.5) / n;
  return log ? Math.exp(Math.log(lo) + f * (Math.log(hi) - Math.log(lo))) : lo + f * (hi - lo);
});

/** The grid and the data set (the synthetic amplitudes come from the kernel's own recursion at the truth, plus noise). */
async function setUp(): Promise<{ grid: CandidateGrid & { us: number[]; tauFs: number[]; tauDs: number[] }; data: TrainData }> {
  const grid = { us: cells(0.01, 0.99, 50, false), tauFs: cells(1, 5000, 50, true), tauDs: cells(1, 5000, 50, true) };
  const times = [10, 20, 50].map((rate) => {
    const t = Array.from({ length: 8 }, (_, k) => (k * 1000) / rate);
    return [...t, t[7] + 250, t[7] + 1000];
  });
  const shape: TrainData = { sweeps: times.map((t, i) => ({ name: String(i + 1), t, amplitude: t.map(() => 1) })) };
  const g = await TrainGrid.create(flatten(shape), { mode: "plain" });
  const p = g.evaluate({ us: [0.2], tauFs: [150], tauDs: [300] }, true).pred!;
  const mean = p.reduce((s, v) => s + v, 0) / p.length;
  const rng = new Random(2024);
  let k = 0;
  for (const w of shape.sweeps) w.amplitude = w.t.map(() => 150 * p[k++] + 0.05 * 150 * mean * rng.normal());
  return { grid, data: shape };
}

/** The best candidate from the sums (greatest max(Syp, 0)^2 / Spp: least residual with A >= 0 at its best). */
function bestOf(yp: Float64Array, pp: Float64Array, nF: number, nD: number): [number, number, number] {
  let best = 0;
  let top = -Infinity;
  for (let c = 0; c < yp.length; c++) {
    const a = yp[c] > 0 ? yp[c] : 0;
    const s = (a * a) / pp[c];
    if (s > top) { top = s; best = c; }
  }
  return [Math.floor(best / (nF * nD)), Math.floor(best / nD) % nF, best % nD];
}

/** Make sure /usr/bin/python3 imports numpy and scipy; null when it does, else why not. */
export function ensureNumpyScipy(): string | null {
  const ok = () => {
    try {
      execFileSync(PYTHON, ["-c", "import numpy, scipy.optimize"], { stdio: "pipe" });
      return true;
    } catch {
      return false;
    }
  };
  if (ok()) return null;
  try {
    execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy python3-scipy"], { stdio: "pipe" });
  } catch (e) {
    return `could not install python3-numpy and python3-scipy with apt-get (${(e as Error).message.split("\n")[0]})`;
  }
  return ok() ? null : "python3-numpy and python3-scipy installed, but /usr/bin/python3 cannot import them";
}

/**
 * Run the three side by side: stp-wasm (best of max(repeats, 20) calls after a warm-up), NumPy (best
 * of `repeats` after a warm-up) and scipy brute (best of 2, it takes seconds). Returns the rows, the
 * peers skipped (and why) and whether all picked the same grid point.
 */
export async function fitGridBench(repeats: number): Promise<{ rows: FitGridResult[]; notes: string[]; versions?: Record<string, string> }> {
  const { grid, data } = await setUp();
  const g = await TrainGrid.create(flatten(data), { mode: "plain" });
  const [nF, nD] = [grid.tauFs.length, grid.tauDs.length];
  let best: [number, number, number] = [0, 0, 0];
  const run = () => {
    const s = g.evaluate(grid);
    best = bestOf(s.yp, s.pp, nF, nD);
  };
  for (let i = 0; i < 3; i++) run(); // warm-up: the engine tiers the kernel up, the memory is touched
  let seconds = Infinity;
  for (let i = 0; i < Math.max(repeats, 20); i++) {
    const t0 = performance.now();
    run();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  const rows: FitGridResult[] = [{ implementation: "stp-wasm", seconds, best }];
  const notes: string[] = [];
  const why = ensureNumpyScipy();
  if (why) {
    notes.push(`fit-grid: numpy and scipy-brute skipped: ${why}`);
    return { rows, notes };
  }
  const dir = mkdtempSync(join(tmpdir(), "stp-fit-grid-"));
  const spec = join(dir, "spec.json");
  writeFileSync(spec, JSON.stringify({ ...grid, sweeps: data.sweeps.map((w) => ({ t: w.t, amplitude: w.amplitude })), repeats: Math.max(repeats, 5), scipyRepeats: 2 }));
  const script = new URL("../../bench/fit_grid.py", import.meta.url).pathname;
  const out = execFileSync(PYTHON, [script, spec], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 20 });
  const line = out.trim().split("\n").filter((l) => l.startsWith("{")).pop();
  if (!line) throw new Error(`fit_grid.py printed no result: ${out.slice(-500)}`);
  const py = JSON.parse(line) as Record<"numpy" | "scipy-brute", { seconds: number; best: [number, number, number] }> & { versions: Record<string, string> };
  rows.push({ implementation: "numpy", ...py.numpy }, { implementation: "scipy-brute", ...py["scipy-brute"] });
  return { rows, notes, versions: py.versions };
}
