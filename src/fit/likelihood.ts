// The likelihood of a candidate (U, tauF, tauD) from the kernel's two sums, with the amplitude A and
// the noise sigma integrated out in closed form. The model: y_k = A p_k + e_k, e_k ~ N(0, sigma^2)
// independent, over the m amplitudes present; priors flat on A > 0 and 1/sigma on sigma > 0 (each
// unless fixed). With Syy = sum(y^2), Syp = sum(y p), Spp = sum(p^2), A^ = Syp / Spp and
// SSE = Syy - Syp^2 / Spp, the evidence of a candidate is, up to a constant shared by all:
//   A, sigma free:   Spp^(-1/2) SSE^(-(m-1)/2) P(T_(m-1) < A^ sqrt((m-1) Spp / SSE))
//   sigma fixed:     Spp^(-1/2) exp(-SSE / (2 sigma^2)) Phi(A^ sqrt(Spp) / sigma)
//   A fixed:         S_A^(-m/2),  S_A = Syy - 2 A Syp + A^2 Spp
//   both fixed:      exp(-S_A / (2 sigma^2))
// (the last factor of the first two is the prior's A > 0). The profile likelihood (A and sigma at
// their maximum) gives the best fit.
import { logNormalCdf, logStudentCdf, studentCdf, type Random } from "./stats.js";

/** What the likelihood needs besides the sums: the amplitudes' count and sum of squares, and the fixed values. */
export interface Observations {
  /** Amplitudes present. */
  m: number;
  /** Their sum of squares. */
  syy: number;
  /** A when fixed. */
  A?: number;
  /** sigma when fixed. */
  sigma?: number;
}

/** The least t at which Student's t (nu degrees of freedom) has P(T < t) > 1 - 1e-13: beyond, its log is 0 to double precision. */
function certainT(nu: number): number {
  let lo = 0;
  let hi = 1;
  while (1 - studentCdf(hi, nu) > 1e-13 && hi < 1e12) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (1 - studentCdf(mid, nu) > 1e-13) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The residual sum of squares at A^, never below a tiny fraction of Syy (a perfect fit stays finite). */
const sseOf = (o: Observations, yp: number, pp: number) => Math.max(o.syy - (yp * yp) / pp, o.syy * 1e-15);

/**
 * ln evidence of every candidate into `out` (at least yp.length long; returned as a view of that
 * length): -Infinity where the model predicts nothing (Spp = 0). The A > 0 factor (a Student-t or
 * normal CDF, at most 0 in ln) is evaluated only for candidates within TRUNCATION_SPAN of the best
 * before it, and where it is not 0 to double precision.
 */
export function logEvidence(yp: Float64Array, pp: Float64Array, o: Observations, out = new Float64Array(yp.length)): Float64Array {
  const lw = out.subarray(0, yp.length);
  const m = o.m;
  if (o.A !== undefined) {
    const A = o.A;
    for (let c = 0; c < yp.length; c++) {
      const s = Math.max(o.syy - 2 * A * yp[c] + A * A * pp[c], o.syy * 1e-15);
      lw[c] = o.sigma === undefined ? -0.5 * m * Math.log(s) : -s / (2 * o.sigma * o.sigma);
    }
    return lw;
  }
  const nu = m - 1;
  const sigma = o.sigma;
  let max = -Infinity;
  for (let c = 0; c < yp.length; c++) {
    const p2 = pp[c];
    if (!(p2 > 0)) { lw[c] = -Infinity; continue; }
    const sse = sseOf(o, yp[c], p2);
    const v = sigma === undefined ? -0.5 * (Math.log(p2) + nu * Math.log(sse)) : -0.5 * Math.log(p2) - sse / (2 * sigma * sigma);
    lw[c] = v;
    if (v > max) max = v;
  }
  // the prior's A > 0: ln P(A > 0 | candidate), near 0 wherever the fit is any good
  const tMax = sigma === undefined ? certainT(nu) : 8.3;
  let span = TRUNCATION_SPAN;
  for (;;) {
    const cut = max - span;
    let best = -Infinity;
    for (let c = 0; c < yp.length; c++) {
      if (!(lw[c] >= cut)) continue;
      const p2 = pp[c];
      const aHat = yp[c] / p2;
      const t = sigma === undefined ? aHat * Math.sqrt((nu * p2) / sseOf(o, yp[c], p2)) : (aHat * Math.sqrt(p2)) / sigma;
      if (t < tMax) lw[c] += sigma === undefined ? logStudentCdf(t, nu) : logNormalCdf(t);
      if (lw[c] > best) best = lw[c];
    }
    // a candidate left out lies below max - span; it may matter only if that is within TRUNCATION_KEEP of the best
    if (max - best <= span - TRUNCATION_KEEP) return lw;
    span = Infinity;
    // start again from the untruncated values for every candidate
    for (let c = 0; c < yp.length; c++) {
      const p2 = pp[c];
      if (!(p2 > 0)) continue;
      const sse = sseOf(o, yp[c], p2);
      lw[c] = sigma === undefined ? -0.5 * (Math.log(p2) + nu * Math.log(sse)) : -0.5 * Math.log(p2) - sse / (2 * sigma * sigma);
    }
  }
}

/** The truncation factor is computed for candidates within this of the best ln evidence before it ... */
const TRUNCATION_SPAN = 40;
/** ... which is enough while the candidates left out stay this far below the best after it (grid.ts keeps POST_DROP = 16). */
const TRUNCATION_KEEP = 24;

/** The candidate of best profile likelihood (A >= 0 at its best, sigma at its best or fixed): the least residual sum of squares. */
export function bestCandidate(yp: Float64Array, pp: Float64Array, o: Observations): number {
  let best = 0;
  let least = Infinity;
  for (let c = 0; c < yp.length; c++) {
    const A = o.A ?? (pp[c] > 0 ? Math.max(0, yp[c] / pp[c]) : 0);
    const sse = o.syy - 2 * A * yp[c] + A * A * pp[c];
    if (sse < least) { least = sse; best = c; }
  }
  return best;
}

/** The best fit of one candidate: A and sigma at their maximum (A >= 0), and the log-likelihood there. */
export function profile(yp: number, pp: number, o: Observations): { A: number; sigma: number; logLikelihood: number } {
  const A = o.A ?? (pp > 0 ? Math.max(0, yp / pp) : 0);
  const sse = Math.max(o.syy - 2 * A * yp + A * A * pp, 0);
  const sigma = o.sigma ?? Math.sqrt(sse / o.m);
  const logLikelihood = o.sigma === undefined
    ? -0.5 * o.m * (Math.log(2 * Math.PI * (sse / o.m)) + 1)
    : -0.5 * o.m * Math.log(2 * Math.PI * sigma * sigma) - sse / (2 * sigma * sigma);
  return { A, sigma, logLikelihood };
}

/** One draw of (A, sigma) from their posterior given a candidate's sums (A > 0 by rejection). */
export function drawAmplitudeNoise(yp: number, pp: number, o: Observations, rng: Random): { A: number; sigma: number } {
  if (o.A !== undefined) {
    const s = Math.max(o.syy - 2 * o.A * yp + o.A * o.A * pp, o.syy * 1e-15);
    return { A: o.A, sigma: o.sigma ?? Math.sqrt(s / rng.chiSquare(o.m)) };
  }
  const aHat = yp / pp;
  const sse = sseOf(o, yp, pp);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const sigma = o.sigma ?? Math.sqrt(sse / rng.chiSquare(o.m - 1));
    const A = aHat + (sigma / Math.sqrt(pp)) * rng.normal();
    if (A > 0) return { A, sigma };
  }
  // A > 0 is all but impossible for this candidate (its weight is then negligible): its boundary
  return { A: 0, sigma: o.sigma ?? Math.sqrt(o.syy / o.m) };
}
