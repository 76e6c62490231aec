// Two-sample statistics for the side-by-side comparisons (bench/tum2000Compare.ts): mean, sample SD,
// and Welch's unequal-variance t-test with its two-sided p-value from Student's t distribution
// (through the regularised incomplete beta function, evaluated by its continued fraction with the
// modified Lentz method; ln Gamma by Lanczos' approximation, g = 7, n = 9).

export const mean = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;

/** Sample standard deviation (n - 1). */
export function sd(a: readonly number[]): number {
  const m = mean(a);
  return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Gamma(z), z > 0. */
export function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

/** The continued fraction of I_x(a, b) (valid for x < (a + 1) / (a + b + 2)), modified Lentz. */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 300; m++) {
    // even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)); odd: -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))
    for (const coef of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + coef * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + coef / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      f *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return f;
}

/** The regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
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
