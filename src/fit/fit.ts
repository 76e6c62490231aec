// Fitting the Tsodyks-Markram model to recorded PSC trains: U, tauF, tauD, the amplitude A and the
// noise sigma, with 95% credible intervals. The method: the posterior of (U, tauF, tauD) on a tensor
// grid that refines itself (grid.ts), every grid evaluated by the kernel in one call (trains.ts),
// with A and sigma integrated out in closed form (likelihood.ts); marginal intervals of U, tauF and
// tauD from the grid, of A and sigma from draws; the best fit (maximum likelihood) by zooming grids
// around the best candidate. Priors: uniform in U, in ln tauF and in ln tauD over their ranges, flat
// on A > 0, 1/sigma on sigma > 0.
import { StpOptionError } from "../core/errors.js";
import { suggest } from "../core/suggest.js";
import type { Kernel, KernelOptions } from "../runtime/kernel.js";
import { checkTrainData, flatten, type TrainData } from "./data.js";
import {
  centres, fromZ, GRID_NAMES, marginals, MAX_ROUNDS, normalised, plan, quantile, START_CELLS, toZ,
  type Axis, type GridName, type Weighted,
} from "./grid.js";
import { bestCandidate, drawAmplitudeNoise, logEvidence, profile, type Observations } from "./likelihood.js";
import { Random } from "./stats.js";
import { TrainGrid } from "./trains.js";

export const FIT_PARAMS = ["U", "tauF", "tauD", "A", "sigma"] as const;
export type FitParam = (typeof FIT_PARAMS)[number];

/** Prior ranges of the grid's parameters when none are given (U a fraction, tauF and tauD in ms). */
export const DEFAULT_RANGES: Readonly<Record<GridName, readonly [number, number]>> = { U: [0.01, 0.99], tauF: [1, 5000], tauD: [1, 5000] };

export interface FitOptions {
  /** Prior ranges [lo, hi] of U (within [0, 1]), tauF and tauD (ms, lo > 0: their priors are uniform in ln tau). */
  ranges?: Partial<Record<GridName, [number, number]>>;
  /** Parameters held at a value: U in [0, 1]; tauF, tauD >= 0 ms (0 turns that term off); A > 0; sigma > 0. */
  fixed?: Partial<Record<FitParam, number>>;
  /** Seed of the draws of A and sigma (default 1). */
  seed?: number;
  /** Draws of A and sigma for their intervals (default 40000). */
  draws?: number;
}

/** Where the fit runs: a kernel to use, or the options to load one. */
export type FitSettings = KernelOptions & { kernel?: Kernel };

/** A marginal posterior for plotting: density against the parameter (per unit of ln for tauF and tauD). */
export interface Marginal {
  x: number[];
  density: number[];
  /** The density is per unit of ln x (tauF, tauD) rather than per unit of x. */
  perLog: boolean;
}

export interface FitResult {
  /** The best fit (maximum likelihood); null for a parameter the data cannot identify at all (see identified). */
  U: number | null;
  tauF: number | null;
  tauD: number | null;
  A: number | null;
  sigma: number;
  /** Equal-tailed 95% credible intervals of the marginal posteriors. */
  ci95: Record<FitParam, [number, number]>;
  /** Posterior medians. */
  median: Record<FitParam, number>;
  /** Only when every amplitude is a sweep's first: the product A U, all such data determine. */
  AU?: { median: number; ci95: [number, number] };
  /** Gaussian log-likelihood (natural log) at the best fit. */
  logLikelihood: number;
  method: string;
  /** False where the data do not determine the parameter (the interval is then about the prior's). */
  identified: Record<FitParam, boolean>;
  /** What the user should know: unidentified parameters and why, a grid that did not converge. */
  warnings: string[];
  fixed: Partial<Record<FitParam, number>>;
  ranges: Record<GridName, [number, number]>;
  data: { sweeps: number; spikes: number; amplitudes: number; missing: number };
  /** Data and the best fit's amplitudes (A p) per sweep. */
  sweeps: { name: string; t: number[]; amplitude: (number | null)[]; model: number[] }[];
  marginals: Partial<Record<FitParam, Marginal>>;
  grid: { rounds: number; candidates: number; cells: Record<GridName, number>; box: Record<GridName, [number, number]>; build: string };
}

const ALLOWED_FIX = "U in [0, 1]; tauF, tauD >= 0 ms (0 = off); A > 0; sigma > 0";

/** Check the options and build the grid's axes (errors name ranges.tauF, fixed.U and the like). */
function axesOf(options: FitOptions): { axes: Axis[]; fixed: Partial<Record<FitParam, number>>; ranges: Record<GridName, [number, number]> } {
  if (options === null || typeof options !== "object") throw new StpOptionError("options", options, "an object { ranges?, fixed?, seed?, draws? }");
  for (const key of Object.keys(options)) {
    if (!["ranges", "fixed", "seed", "draws"].includes(key)) throw new StpOptionError(key, (options as Record<string, unknown>)[key], "ranges, fixed, seed or draws", "unknown option", suggest(key, ["ranges", "fixed", "seed", "draws"]));
  }
  const fixed = { ...(options.fixed ?? {}) };
  for (const [name, v] of Object.entries(fixed)) {
    if (!FIT_PARAMS.includes(name as FitParam)) throw new StpOptionError(`fixed.${name}`, v, `one of ${FIT_PARAMS.join(", ")}`, "unknown parameter", suggest(name, FIT_PARAMS));
    const ok = typeof v === "number" && Number.isFinite(v) && (name === "U" ? v >= 0 && v <= 1 : name === "A" || name === "sigma" ? v > 0 : v >= 0);
    if (!ok) throw new StpOptionError(`fixed.${name}`, v, ALLOWED_FIX);
  }
  const ranges = {} as Record<GridName, [number, number]>;
  for (const [name, r] of Object.entries(options.ranges ?? {})) {
    if (!GRID_NAMES.includes(name as GridName)) {
      throw new StpOptionError(`ranges.${name}`, r, "a range of U, tauF or tauD", name === "A" || name === "sigma" ? `${name} is integrated over all of (0, infinity); fix it instead to hold it` : "unknown parameter", name === "A" || name === "sigma" ? undefined : suggest(name, ["U", "tauF", "tauD"]));
    }
    if (name in fixed) throw new StpOptionError(`ranges.${name}`, r, `a range or a fixed value, not both`, `${name} is fixed at ${fixed[name as FitParam]}`);
    const ok = Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === "number" && Number.isFinite(v)) && r[0] < r[1];
    if (!ok) throw new StpOptionError(`ranges.${name}`, r, "[lo, hi] with lo < hi");
    if (name === "U" && !(r[0] >= 0 && r[1] <= 1)) throw new StpOptionError(`ranges.${name}`, r, "lo >= 0 and hi <= 1: U is a fraction");
    if (name !== "U" && !(r[0] > 0)) throw new StpOptionError(`ranges.${name}`, r, "lo > 0 ms", `the prior of ${name} is uniform in ln ${name}; to switch the term off fix ${name} at 0`);
  }
  const axes = GRID_NAMES.map((name): Axis => {
    const [lo, hi] = (options.ranges?.[name] ?? DEFAULT_RANGES[name]) as [number, number];
    ranges[name] = [lo, hi];
    const log = name !== "U";
    const a = log ? Math.log(lo) : lo;
    const b = log ? Math.log(hi) : hi;
    return { name, log, fixed: fixed[name] ?? null, lo: a, hi: b, a, b, n: START_CELLS };
  });
  return { axes, fixed, ranges };
}

/** The grid's arrays of candidate values. */
const gridOf = (axes: Axis[]) => ({ us: centres(axes[0]), tauFs: centres(axes[1]), tauDs: centres(axes[2]) });

const fmtRange = (r: [number, number]) => `[${r.map((v) => Number(v.toPrecision(4))).join(", ")}]`;

/** Check fit options (errors name ranges.tauF, fixed.U and the like); returns them resolved. */
export function checkFitOptions(options: FitOptions) {
  const resolved = axesOf(options);
  const seed = options.seed ?? 1;
  const draws = options.draws ?? 40_000;
  if (!Number.isInteger(seed)) throw new StpOptionError("seed", seed, "an integer");
  if (!(Number.isInteger(draws) && draws >= 1000 && draws <= 10_000_000)) throw new StpOptionError("draws", draws, "an integer in [1000, 10000000]");
  return { ...resolved, seed, draws };
}

/** Fit the TM model to `data` (sweeps of spike times and amplitudes). Options are checked before anything runs. */
export async function fitTm(data: TrainData, options: FitOptions = {}, settings: FitSettings = {}): Promise<FitResult> {
  checkTrainData(data);
  const { axes: start, fixed, ranges, seed, draws } = checkFitOptions(options);
  const trains = flatten(data);
  const present = Array.from(trains.amps).filter((a) => !Number.isNaN(a));
  const m = present.length;
  const freeCount = FIT_PARAMS.filter((p) => !(p in fixed)).length;
  if (m < 3) throw new StpOptionError("data", `${m} amplitude${m === 1 ? "" : "s"}`, "at least 3 amplitudes that are not missing");
  const mean = present.reduce((s, v) => s + v, 0) / m;
  if (!(mean > 0)) {
    throw new StpOptionError("data", `mean amplitude ${mean}`, "amplitudes that are positive on the whole",
      "the model's amplitude A u R is positive; give the PSCs' sizes (e.g. minus an inward current)");
  }
  const obs: Observations = { m, syy: present.reduce((s, v) => s + v * v, 0), A: fixed.A, sigma: fixed.sigma };
  const warnings: string[] = [];
  // the dynamics are seen only in amplitudes after a sweep's first spike
  const dynamicsSeen = Array.from(trains.dts).some((d, k) => d !== Infinity && !Number.isNaN(trains.amps[k]));
  if (!dynamicsSeen) {
    warnings.push("not identifiable: every amplitude is a sweep's first (one pulse per sweep), and each of those is A U whatever " +
      "tauF and tauD are; the data determine only the product A U (see AU), not U, tauF, tauD or A apart. Record trains of " +
      "several pulses per sweep to fit short-term plasticity.");
  }
  if (m <= freeCount) warnings.push(`${m} amplitudes for ${freeCount} free parameters: the data cannot determine them all`);

  const grid = await TrainGrid.create(trains, settings);
  // the rounds' buffers, reused (fresh memory is slow to touch: a grid's arrays are megabytes)
  let lwBuf = new Float64Array(0);
  let wBuf = new Float64Array(0);
  let axes = start;
  let weighted: Weighted | null = null;
  let sums: { yp: Float64Array; pp: Float64Array } | null = null;
  let rounds = 0;
  let candidates = 0;
  for (;;) {
    const s = grid.evaluate(gridOf(axes));
    candidates += s.yp.length;
    rounds++;
    if (lwBuf.length < s.yp.length) {
      lwBuf = new Float64Array(s.yp.length);
      wBuf = new Float64Array(s.yp.length);
    }
    const lw = logEvidence(s.yp, s.pp, obs, lwBuf);
    let max = -Infinity;
    for (const v of lw) if (v > max) max = v;
    if (!(max > -Infinity)) throw new StpOptionError("data", "these amplitudes", "data some candidate can predict", "every candidate predicts zero amplitudes (U = 0?)");
    weighted = { axes, lw, max };
    sums = s;
    const p = plan(weighted, normalised(weighted, wBuf));
    if (p.done) break;
    const same = p.next.every((x, i) => x.a === axes[i].a && x.b === axes[i].b && x.n === axes[i].n);
    if (same || rounds >= MAX_ROUNDS) {
      warnings.push(`the posterior grid stopped after ${rounds} rounds without resolving the posterior as finely as it aims to (${same ? "its size limit" : "its round limit"}); the intervals are approximate`);
      break;
    }
    axes = p.next;
  }
  const g = weighted!;
  const w = normalised(g, wBuf);
  const mass = marginals(g, w);
  // the final grid's best candidate by profile likelihood (its sums are the kernel's until the next call)
  const bestC = bestCandidate(sums!.yp, sums!.pp, obs);
  const bestL = profile(sums!.yp[bestC], sums!.pp[bestC], obs).logLikelihood;

  // U, tauF, tauD: quantiles of the grid's marginals
  const ci95 = {} as Record<FitParam, [number, number]>;
  const median = {} as Record<FitParam, number>;
  const margs: Partial<Record<FitParam, Marginal>> = {};
  g.axes.forEach((x, i) => {
    const q = (p: number) => fromZ(x, quantile(x, mass[i], p));
    ci95[x.name] = [q(0.025), q(0.975)];
    median[x.name] = q(0.5);
    if (x.fixed === null) {
      const h = (x.b - x.a) / x.n;
      margs[x.name] = { x: Array.from(centres(x)), density: Array.from(mass[i], (v) => v / h), perLog: x.log };
    }
  });

  // A and sigma: draws from the grid's cells and their conditional posteriors
  const rng = new Random(seed);
  const cum = w; // the weights' running sum, in place
  let acc = 0;
  for (let c = 0; c < w.length; c++) cum[c] = acc += w[c];
  const aDraws = new Float64Array(draws);
  const sDraws = new Float64Array(draws);
  const auDraws = new Float64Array(draws);
  const us = centres(g.axes[0]);
  const nFD = (g.axes[1].fixed !== null ? 1 : g.axes[1].n) * (g.axes[2].fixed !== null ? 1 : g.axes[2].n);
  for (let d = 0; d < draws; d++) {
    const r = rng.next() * acc;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    const { A, sigma } = drawAmplitudeNoise(sums!.yp[lo], sums!.pp[lo], obs, rng);
    aDraws[d] = A;
    sDraws[d] = sigma;
    auDraws[d] = A * us[Math.floor(lo / nFD)];
  }
  const sortedQ = (a: Float64Array) => {
    const s = a.slice().sort();
    return (p: number) => {
      const i = p * (s.length - 1);
      const k = Math.floor(i);
      return k + 1 < s.length ? s[k] + (i - k) * (s[k + 1] - s[k]) : s[k];
    };
  };
  for (const [name, a] of [["A", aDraws], ["sigma", sDraws]] as const) {
    const q = sortedQ(a);
    ci95[name] = [q(0.025), q(0.975)];
    median[name] = q(0.5);
    if (!(name in fixed)) margs[name] = histogram(a);
  }
  const auQ = sortedQ(auDraws);

  // the best fit: the best candidate of the final grid by profile likelihood, then grids zooming in on it
  const best = bestFit(grid, g, bestC, bestL, obs);

  // identification
  const identified = {} as Record<FitParam, boolean>;
  for (const x of g.axes) {
    if (x.fixed !== null) identified[x.name] = true;
    else {
      const share = (toZ(x, ci95[x.name][1]) - toZ(x, ci95[x.name][0])) / (x.hi - x.lo);
      identified[x.name] = dynamicsSeen && share <= 0.5;
      if (dynamicsSeen && share > 0.5) {
        warnings.push(`${x.name} is not determined by these data: its 95% interval ${fmtRange(ci95[x.name])} covers ${(100 * share).toFixed(0)}% of its prior range ${fmtRange(ranges[x.name])}${x.log ? " (in ln " + x.name + ")" : ""}`);
      }
    }
  }
  identified.A = "A" in fixed || (dynamicsSeen && ci95.A[1] <= 10 * ci95.A[0]);
  if (!identified.A && dynamicsSeen) warnings.push(`A is not determined by these data: its 95% interval ${fmtRange(ci95.A)} spans more than a factor of 10`);
  identified.sigma = "sigma" in fixed || m > freeCount;
  const known = (p: FitParam, v: number) => (dynamicsSeen ? v : "A" in fixed && p === "A" ? v : null);

  const sweeps = data.sweeps.map((sw, i) => {
    const idx = Array.from(trains.sweepOf.keys()).filter((k) => trains.sweepOf[k] === i);
    return { name: sw.name, t: sw.t.slice(), amplitude: sw.amplitude.map((a) => (Number.isNaN(a) ? null : a)), model: idx.map((k) => best.A * best.p[k]) };
  });
  const box = {} as Record<GridName, [number, number]>;
  const cells = {} as Record<GridName, number>;
  for (const x of g.axes) {
    box[x.name] = x.fixed !== null ? [x.fixed, x.fixed] : [fromZ(x, x.a), fromZ(x, x.b)];
    cells[x.name] = x.fixed !== null ? 1 : x.n;
  }
  return {
    U: known("U", best.U), tauF: known("tauF", best.tauF), tauD: known("tauD", best.tauD), A: known("A", best.A), sigma: best.sigma,
    ci95, median,
    ...(dynamicsSeen ? {} : { AU: { median: auQ(0.5), ci95: [auQ(0.025), auQ(0.975)] } }),
    logLikelihood: best.logLikelihood,
    method: "grid posterior with refinement: the posterior of (U, tauF, tauD) on a tensor grid (U uniform, tauF and tauD uniform in ln tau over their ranges) " +
      "that zooms and refines until it resolves the posterior, every grid evaluated in one WebAssembly kernel call; A (flat prior on A > 0) and sigma (prior 1/sigma) " +
      "integrated out in closed form; 95% intervals: equal-tailed, from the grid's marginals (U, tauF, tauD) and from draws (A, sigma); " +
      "best fit: maximum likelihood (least squares), by grids zooming in on the best candidate",
    identified, warnings, fixed, ranges,
    data: { sweeps: data.sweeps.length, spikes: trains.dts.length, amplitudes: m, missing: trains.dts.length - m },
    sweeps, marginals: margs,
    grid: { rounds, candidates, cells, box, build: grid.build },
  };
}

/** A histogram of draws as a density (60 bins over the central 99.8%). */
function histogram(a: Float64Array): Marginal {
  const s = a.slice().sort();
  const lo = s[Math.floor(0.001 * (s.length - 1))];
  const hi = s[Math.ceil(0.999 * (s.length - 1))];
  const bins = 60;
  const h = (hi - lo) / bins || 1;
  const count = new Float64Array(bins);
  for (const v of s) {
    const b = Math.floor((v - lo) / h);
    if (b >= 0 && b < bins) count[b]++;
  }
  return { x: Array.from({ length: bins }, (_, b) => lo + (b + 0.5) * h), density: Array.from(count, (c) => c / (s.length * h)), perLog: false };
}

/** Zoom rounds of the best fit, and their points per free axis. */
const ZOOM_ROUNDS = 5;
const ZOOM_POINTS = 9;

/** The maximum-likelihood candidate, by zooming grids around the best of the final posterior grid. */
function bestFit(grid: TrainGrid, g: Weighted, bestC: number, bestL: number, obs: Observations) {
  const [, n1, n2] = g.axes.map((x) => (x.fixed !== null ? 1 : x.n));
  const index = [Math.floor(bestC / (n1 * n2)), Math.floor(bestC / n2) % n1, bestC % n2];
  let z = g.axes.map((x, i) => (x.fixed !== null ? 0 : x.a + (index[i] + 0.5) * ((x.b - x.a) / x.n)));
  let h = g.axes.map((x) => (x.fixed !== null ? 0 : (x.b - x.a) / x.n));
  for (let r = 0; r < ZOOM_ROUNDS; r++) {
    const axes = g.axes.map((x, i): Axis => {
      if (x.fixed !== null) return x;
      const a = Math.max(x.lo, z[i] - 1.5 * h[i]);
      const b = Math.min(x.hi, z[i] + 1.5 * h[i]);
      return { ...x, a, b, n: ZOOM_POINTS };
    });
    const s = grid.evaluate(gridOf(axes));
    const c0 = bestCandidate(s.yp, s.pp, obs);
    const l0 = profile(s.yp[c0], s.pp[c0], obs).logLikelihood;
    if (l0 < bestL) break; // the zoom grid missed the best point (cannot happen while it contains it; kept as a guard)
    bestL = l0;
    const [m1, m2] = [axes[1].fixed !== null ? 1 : ZOOM_POINTS, axes[2].fixed !== null ? 1 : ZOOM_POINTS];
    const at = [Math.floor(c0 / (m1 * m2)), Math.floor(c0 / m2) % m1, c0 % m2];
    z = axes.map((x, i) => (x.fixed !== null ? 0 : x.a + (at[i] + 0.5) * ((x.b - x.a) / x.n)));
    h = axes.map((x) => (x.fixed !== null ? 0 : (x.b - x.a) / x.n));
  }
  const value = (i: number) => (g.axes[i].fixed !== null ? g.axes[i].fixed! : fromZ(g.axes[i], z[i]));
  const point = { U: value(0), tauF: value(1), tauD: value(2) };
  const s = grid.evaluate({ us: [point.U], tauFs: [point.tauF], tauDs: [point.tauD] }, true);
  const fit = profile(s.yp[0], s.pp[0], obs);
  return { ...point, ...fit, p: s.pred!.slice() };
}
