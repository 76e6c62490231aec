// Statistics for the side-by-side comparisons: the median of repeated timings (bench/startup.ts,
// bench/recurrent.ts, scripts/ab-threads.js); for bench/tum2000Compare.ts, mean, sample SD, and Welch's unequal-variance t-test with its two-sided p-value from Student's t distribution
// (through the regularised incomplete beta function of src/fit/stats.ts, which the fit uses too).
import { incompleteBeta } from "../src/fit/stats.js";

export { incompleteBeta };

export const mean = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;

/** The median (the mean of the two middle values for an even count). */
export function median(a: readonly number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Sample standard deviation (n - 1). */
export function sd(a: readonly number[]): number {
  const m = mean(a);
  return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
}

/** Two-sided p-value of Student's t with df degrees of freedom: P(|T| >= |t|). */
export function tTwoSided(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

export interface WelchResult {
  meanA: number;
  meanB: number;
  sdA: number;
  sdB: number;
  /** meanA - meanB, its standard error, the t statistic, Welch-Satterthwaite degrees of freedom, two-sided p. */
  diff: number;
  se: number;
  t: number;
  df: number;
  p: number;
}

/** Welch's t-test of equal means of two samples (each of at least 2 values). */
export function welch(a: readonly number[], b: readonly number[]): WelchResult {
  const [ma, mb, sa, sb] = [mean(a), mean(b), sd(a), sd(b)];
  const va = (sa * sa) / a.length;
  const vb = (sb * sb) / b.length;
  const se = Math.sqrt(va + vb);
  const t = se > 0 ? (ma - mb) / se : 0;
  const df = se > 0 ? (va + vb) ** 2 / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1)) : a.length + b.length - 2;
  return { meanA: ma, meanB: mb, sdA: sa, sdB: sb, diff: ma - mb, se, t, df, p: se > 0 ? tTwoSided(t, df) : 1 };
}
