// The posterior of (U, tauF, tauD) on a tensor grid that refines itself: each axis in its prior's
// scale (U linear, tauF and tauD logarithmic; z = U or ln tau), cut into equal cells whose centres are
// the candidates, so the sum of the cells' weights is the midpoint rule for the posterior's integral
// (and every cell has the same prior mass). Starting from the whole prior range, each round puts the
// next box around the cells within POST_DROP of the best ln posterior (plus one cell), doubles a side
// where that region touches a box edge that is not the prior's, and picks the cells per axis from the
// posterior's spread and correlation on the current grid, until the grid resolves it: every marginal
// sd at least MIN_CELLS_PER_SD cells, and no aliasing term of the midpoint rule below MIN_ALIASING
// (on a smooth peak its error falls like exp(-2 pi^2 (sd / cell)^2) along each lattice direction, so
// a thin ridge along a short lattice direction, e.g. a diagonal, is what that guards against).

/** The three parameters on the grid. */
export const GRID_NAMES = ["U", "tauF", "tauD"] as const;
export type GridName = (typeof GRID_NAMES)[number];

/** One axis: fixed (one value) or free over a box [a, b] in z, within the prior range [lo, hi] in z. */
export interface Axis {
  name: GridName;
  log: boolean;
  /** The value when fixed (natural units), else null. */
  fixed: number | null;
  /** Prior range in z. */
  lo: number;
  hi: number;
  /** Current box in z and its number of cells. */
  a: number;
  b: number;
  n: number;
}

/** Cells within this drop of the best ln posterior make the next box (a Gaussian's +-5.7 sd). */
export const POST_DROP = 14;
export const MIN_CELLS_PER_SD = 2;
/** The least aliasing term accepted (an error of about 2 exp(-2 pi^2 0.25) = 1.4% on a cell's mass, at worst). */
export const MIN_ALIASING = 0.25;
/** What a round plans for (more than the minimum it accepts, so one round usually suffices). */
const PLAN_CELLS_PER_SD = 2.5;
const PLAN_ALIASING = 0.35;
export const START_CELLS = 40;
const MIN_AXIS_CELLS = 12;
const MAX_AXIS_CELLS = 240;
/** Most candidates of one grid. */
export const MAX_CANDIDATES = 2_000_000;
export const MAX_ROUNDS = 12;

/** The candidates' values along an axis (natural units): the cells' centres, or the fixed value. */
export function centres(axis: Axis): Float64Array {
  if (axis.fixed !== null) return Float64Array.of(axis.fixed);
  const h = (axis.b - axis.a) / axis.n;
  return Float64Array.from({ length: axis.n }, (_, i) => {
    const z = axis.a + (i + 0.5) * h;
    return axis.log ? Math.exp(z) : z;
  });
}

/** z of a natural value. */
export const toZ = (axis: Axis, v: number) => (axis.log ? Math.log(v) : v);
/** The natural value of z. */
export const fromZ = (axis: Axis, z: number) => (axis.log ? Math.exp(z) : z);

/** A grid's weights: ln posterior per candidate (c = (iU nF + iF) nD + iD), and its maximum. */
export interface Weighted {
  axes: Axis[];
  lw: Float64Array;
  max: number;
}

/** Size of each axis (1 when fixed). */
export const dims = (axes: Axis[]) => axes.map((x) => (x.fixed !== null ? 1 : x.n));

/** Normalised weights exp(lw - max) / sum, into `out` (at least as long; returned as a view of that length). */
export function normalised(g: Weighted, out = new Float64Array(g.lw.length)): Float64Array {
  const w = out.subarray(0, g.lw.length);
  let s = 0;
  for (let c = 0; c < w.length; c++) s += (w[c] = Math.exp(g.lw[c] - g.max));
  for (let c = 0; c < w.length; c++) w[c] /= s;
  return w;
}

/** Posterior mass per cell of each axis (the marginals), from normalised weights. */
export function marginals(g: Weighted, w: Float64Array): Float64Array[] {
  const [n0, n1, n2] = dims(g.axes);
  const out = [new Float64Array(n0), new Float64Array(n1), new Float64Array(n2)];
  let c = 0;
  for (let i = 0; i < n0; i++) for (let j = 0; j < n1; j++) for (let k = 0; k < n2; k++, c++) {
    const v = w[c];
    out[0][i] += v;
    out[1][j] += v;
    out[2][k] += v;
  }
  return out;
}

/** The q-quantile in z of an axis' marginal (mass spread evenly over each cell). */
export function quantile(axis: Axis, mass: Float64Array, q: number): number {
  if (axis.fixed !== null) return toZ(axis, axis.fixed);
  const h = (axis.b - axis.a) / axis.n;
  let acc = 0;
  for (let i = 0; i < mass.length; i++) {
    if (acc + mass[i] >= q && mass[i] > 0) return axis.a + (i + (q - acc) / mass[i]) * h;
    acc += mass[i];
  }
  return axis.b;
}

/** Mean and covariance in z over the free axes (indices into axes), from normalised weights (one pass: the 2-D marginals). */
function moments(g: Weighted, w: Float64Array, free: number[]): { mean: number[]; cov: number[][] } {
  const n = dims(g.axes);
  const [n0, n1, n2] = n;
  const m01 = new Float64Array(n0 * n1);
  const m02 = new Float64Array(n0 * n2);
  const m12 = new Float64Array(n1 * n2);
  let c = 0;
  for (let i = 0; i < n0; i++) for (let j = 0; j < n1; j++) {
    let s = 0;
    for (let k = 0; k < n2; k++, c++) {
      const v = w[c];
      s += v;
      m02[i * n2 + k] += v;
      m12[j * n2 + k] += v;
    }
    m01[i * n1 + j] = s;
  }
  const z = g.axes.map((x) => {
    const h = (x.b - x.a) / x.n;
    return x.fixed !== null ? Float64Array.of(0) : Float64Array.from({ length: x.n }, (_, i) => x.a + (i + 0.5) * h);
  });
  /** E[z_a z_b] (a < b) from the 2-D marginal of axes a and b; E[z_a] and E[z_a^2] from a 1-D one. */
  const pair = (a: number, b: number) => {
    const m = a === 0 ? (b === 1 ? m01 : m02) : m12;
    let s = 0;
    for (let i = 0; i < n[a]; i++) for (let j = 0; j < n[b]; j++) s += m[i * n[b] + j] * z[a][i] * z[b][j];
    return s;
  };
  const single = (a: number, power: number) => {
    const m = a === 0 ? m01 : a === 1 ? m01 : m02;
    let s = 0;
    for (let i = 0; i < n[a]; i++) {
      let mass = 0;
      if (a === 0) for (let j = 0; j < n1; j++) mass += m01[i * n1 + j];
      else if (a === 1) for (let r = 0; r < n0; r++) mass += m[r * n1 + i];
      else for (let r = 0; r < n0; r++) mass += m[r * n2 + i];
      s += mass * z[a][i] ** power;
    }
    return s;
  };
  const mean = free.map((a) => single(a, 1));
  const cov = free.map((a, p) => free.map((b, q) => (a === b ? single(a, 2) - mean[p] * mean[p] : pair(Math.min(a, b), Math.max(a, b)) - mean[p] * mean[q])));
  return { mean, cov };
}

/**
 * The midpoint rule's worst aliasing term on a lattice of cells h (per free axis) for a posterior of
 * covariance cov: the least k' S k over integer vectors k != 0 (entries -2..2), S = cov in cells. Its
 * error is about 2 exp(-2 pi^2 k' S k). Checked on the whole lattice and, for each axis, on the
 * lattice of the other axes with that axis' value given (a marginal's cells are sums over those).
 */
export function aliasing(cov: number[][], h: number[]): number {
  const d = cov.length;
  const s = cov.map((row, p) => row.map((v, q) => v / (h[p] * h[q])));
  let least = Infinity;
  const lattices: number[][][] = [s];
  if (d > 1) {
    for (let i = 0; i < d; i++) {
      // the covariance of the other axes given axis i
      const rest = [...Array(d).keys()].filter((j) => j !== i);
      lattices.push(rest.map((a) => rest.map((b) => s[a][b] - (s[a][i] * s[i][b]) / s[i][i])));
    }
  }
  for (const m of lattices) {
    const e = m.length;
    const k = new Array<number>(e).fill(-2);
    for (;;) {
      if (k.some((v) => v !== 0)) {
        let q = 0;
        for (let a = 0; a < e; a++) for (let b = 0; b < e; b++) q += k[a] * m[a][b] * k[b];
        if (q < least) least = q;
      }
      let a = 0;
      while (a < e && k[a] === 2) k[a++] = -2;
      if (a === e) break;
      k[a]++;
    }
  }
  return least;
}

/** How well a grid resolves its posterior, and the grid the next round should use. */
export interface Plan {
  /** The current grid resolves the posterior and holds all of it. */
  done: boolean;
  /** The next round's axes (the current ones when done). */
  next: Axis[];
  /** Marginal sd in z of each axis (0 when fixed). */
  sd: number[];
}

/** Judge a weighted grid and plan the next (see the file's head). */
export function plan(g: Weighted, w: Float64Array): Plan {
  const free = g.axes.map((x, i) => (x.fixed === null ? i : -1)).filter((i) => i >= 0);
  const { cov } = moments(g, w, free);
  const sd = g.axes.map(() => 0);
  free.forEach((i, p) => (sd[i] = Math.sqrt(Math.max(0, cov[p][p]))));
  // the region within POST_DROP of the best, per axis: [first, last] cell
  const [n0, n1, n2] = dims(g.axes);
  const hit = [new Uint8Array(n0), new Uint8Array(n1), new Uint8Array(n2)];
  const cut = g.max - POST_DROP;
  let c = 0;
  for (let i = 0; i < n0; i++) for (let j = 0; j < n1; j++) for (let k = 0; k < n2; k++, c++) {
    if (g.lw[c] >= cut) hit[0][i] = hit[1][j] = hit[2][k] = 1;
  }
  const first = hit.map((h) => h.indexOf(1));
  const last = hit.map((h) => h.lastIndexOf(1));
  let done = true;
  const next = g.axes.map((x) => ({ ...x }));
  const widths: number[] = [];
  for (const i of free) {
    const x = g.axes[i];
    const h = (x.b - x.a) / x.n;
    const eps = 1e-9 * (x.hi - x.lo);
    const cutLow = first[i] === 0 && x.a > x.lo + eps;
    const cutHigh = last[i] === x.n - 1 && x.b < x.hi - eps;
    if (cutLow || cutHigh) done = false;
    const a = cutLow ? Math.max(x.lo, x.a - (x.b - x.a)) : Math.max(x.lo, x.a + (first[i] - 1) * h);
    const b = cutHigh ? Math.min(x.hi, x.b + (x.b - x.a)) : Math.min(x.hi, x.a + (last[i] + 2) * h);
    if (sd[i] < MIN_CELLS_PER_SD * h) done = false;
    next[i].a = a;
    next[i].b = b;
    widths.push(b - a);
  }
  // aliasing, in cells of the current grid
  const hNow = free.map((i) => (g.axes[i].b - g.axes[i].a) / g.axes[i].n);
  const resolvedAll = free.every((i, p) => sd[i] >= 2 * hNow[p]);
  if (free.length > 0 && resolvedAll && aliasing(cov, hNow) < MIN_ALIASING) done = false;
  if (done) return { done, next: g.axes, sd };
  // cells for the next round: PLAN_CELLS_PER_SD per sd (an unresolved sd counts as half a cell: zoom in)
  const n = free.map((i, p) => {
    const h = hNow[p];
    const s = sd[i] >= 2 * h ? sd[i] : h / 2;
    return Math.max(MIN_AXIS_CELLS, Math.ceil((PLAN_CELLS_PER_SD * widths[p]) / s));
  });
  // then finer where aliasing asks for it: all axes by the same factor until the plan passes
  if (resolvedAll) {
    for (let round = 0; round < 20; round++) {
      const a = aliasing(cov, n.map((k, p) => widths[p] / k));
      if (a >= PLAN_ALIASING) break;
      const f = Math.min(2, Math.sqrt(PLAN_ALIASING / Math.max(a, 1e-6)));
      for (let p = 0; p < n.length; p++) n[p] = Math.ceil(n[p] * Math.max(f, 1.05));
      if (n.some((k) => k >= MAX_AXIS_CELLS)) break;
    }
  }
  for (let p = 0; p < n.length; p++) n[p] = Math.min(MAX_AXIS_CELLS, n[p]);
  let total = n.reduce((s, k) => s * k, 1);
  if (total > MAX_CANDIDATES) {
    const f = Math.pow(MAX_CANDIDATES / total, 1 / n.length);
    for (let p = 0; p < n.length; p++) n[p] = Math.max(MIN_AXIS_CELLS, Math.floor(n[p] * f));
    total = n.reduce((s, k) => s * k, 1);
  }
  free.forEach((i, p) => (next[i].n = n[p]));
  return { done, next, sd };
}
