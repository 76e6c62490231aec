// Closed forms of the STP synapse (derived in docs/theory.md) and, as their independent check,
// the models' own recurrences evaluated in float64: the continuous model event by event, the
// Euler map (docs/MODEL.md section 4.1, ngc-learn's) step by step. Times in ms; all from rest.

/** Synapse parameters: resources U, time constants in ms (0 turns STF / STD off). */
export interface StpParams {
  U: number;
  tauF: number;
  tauD: number;
  /** u's resting value: 0 (default) or "U". */
  uRest?: 0 | "U";
  /** Inactivation time constant in ms, 0 (default) for two-state resources; continuous model only. */
  tauInact?: number;
}

/** What a spike uses: u after its increment, x before its release; efficacy = u * x (times W is the response). */
export interface SpikeState {
  u: number;
  x: number;
  efficacy: number;
}

const restOf = (p: StpParams) => (p.uRest === "U" ? p.U : 0);
const decay = (t: number, tau: number) => (tau > 0 ? Math.exp(-t / tau) : 0);
const state = (u: number, x: number): SpikeState => ({ u, x, efficacy: u * x });

/**
 * The integral of exp(-c s) for s from 0 to t, (1 - exp(-c t)) / c, and t when c = 0; with expm1
 * it stays accurate on both sides of c = 0 (the degenerate time constants of the models below).
 */
export function expIntegral(t: number, c: number): number {
  return c === 0 ? t : -Math.expm1(-c * t) / c;
}

/**
 * Inactive resources fed by one unit of active resources over t ms (three-state model):
 * tauD (exp(-t/tauD) - exp(-t/tauInact)) / (tauD - tauInact), which is
 * exp(-t/tauD) expIntegral(t, 1/tauInact - 1/tauD) / tauInact, and t exp(-t/tauD) / tauInact in the
 * limit tauInact = tauD.
 */
export function inactivated(t: number, tauInact: number, tauD: number): number {
  const c = 1 / tauInact - 1 / tauD;
  // with c < 0 (tauInact > tauD) the same value as exp(-t/tauInact) expm1(c t) / c: exp(-t/tauD) would
  // reach 0 and expIntegral infinity after a long time
  if (c < 0) return (Math.exp(-t / tauInact) * (Math.expm1(c * t) / c)) / tauInact;
  return (Math.exp(-t / tauD) * expIntegral(t, c)) / tauInact;
}

/**
 * The exact LIF's response v - vRest (mV) s ms after the synaptic current jumped by q (input
 * units) and then decayed with tauSyn, dv/dt = (-(v - vRest) gL + R I) / tauM:
 *   (q R / tauM) exp(-s/tauSyn) expIntegral(s, gL/tauM - 1/tauSyn)
 * = (q R / tauM) (exp(-s/tauSyn) - exp(-s gL/tauM)) / (gL/tauM - 1/tauSyn), limit (q R / tauM) s exp(-s/tauSyn).
 */
export function pspExp(s: number, q: number, lif: { resistM: number; tauM: number; tauSyn: number; conductLeak?: number }): number {
  if (s <= 0) return 0;
  const a = (lif.conductLeak ?? 1) / lif.tauM;
  const b = 1 / lif.tauSyn;
  return ((q * lif.resistM) / lif.tauM) * Math.exp(-b * s) * expIntegral(s, a - b);
}

// ---- the continuous model ---------------------------------------------------------------------

/**
 * The continuous model's states used by each spike of a train (times in ms, increasing), from rest,
 * evaluated event by event: between spikes u relaxes to its rest and x (or y and z) exactly.
 */
export function trainStates(p: StpParams, timesMs: readonly number[]): SpikeState[] {
  const uR = restOf(p);
  const tauI = p.tauInact ?? 0;
  let u = uR;
  let x = 1;
  let y = 0;
  let z = 0;
  let last = -Infinity;
  return timesMs.map((t) => {
    const gap = t - last;
    last = t;
    if (p.tauF > 0) {
      u = uR + (u - uR) * (Number.isFinite(gap) ? decay(gap, p.tauF) : 0);
      u += p.U * (1 - u);
    } else u = p.U;
    if (Number.isFinite(gap) && p.tauD > 0) {
      if (tauI > 0) {
        const y0 = y;
        y = y0 * decay(gap, tauI);
        z = z * decay(gap, p.tauD) + y0 * inactivated(gap, tauI, p.tauD);
        x = 1 - y - z;
      } else x = 1 - (1 - x) * decay(gap, p.tauD);
    }
    const used = state(u, x);
    if (p.tauD > 0) {
      const released = u * x;
      x -= released;
      y += released;
    }
    return used;
  });
}

/** u used at each spike of a regular train of period T ms, in the steady state. */
function steadyU(p: StpParams, periodMs: number): number {
  if (!(p.tauF > 0)) return p.U;
  const E = decay(periodMs, p.tauF);
  return (p.U + (1 - p.U) * restOf(p) * (1 - E)) / (1 - (1 - p.U) * E);
}

/**
 * Steady state of a regular train of period T ms, continuous model:
 *   u = (U + (1 - U) uR (1 - E)) / (1 - (1 - U) E),  E = exp(-T/tauF)
 *   x = (1 - D) / (1 - (1 - u) D),                   D = exp(-T/tauD)          (two-state)
 *   x = 1 / (1 + u K),  K = (Ei + P / (1 - D)) / (1 - Ei), Ei = exp(-T/tauInact),
 *                       P = inactivated(T)                                     (three-state)
 */
export function steadyState(p: StpParams, periodMs: number): SpikeState {
  const u = steadyU(p, periodMs);
  if (!(p.tauD > 0)) return state(u, 1);
  const D = decay(periodMs, p.tauD);
  const tauI = p.tauInact ?? 0;
  if (tauI > 0) {
    const Ei = decay(periodMs, tauI);
    const K = (Ei + inactivated(periodMs, tauI, p.tauD) / (1 - D)) / (1 - Ei);
    return state(u, 1 / (1 + u * K));
  }
  return state(u, (1 - D) / (1 - (1 - u) * D));
}

/**
 * Paired-pulse ratio (second response / first) of two spikes `interval` ms apart after rest:
 *   u1 = uR + U (1 - uR),  x1 = 1;  u2 = v + U (1 - v), v = uR + (u1 - uR) exp(-interval/tauF)
 *   x2 = 1 - u1 exp(-interval/tauD)  (two-state),  1 - u1 (Ei + inactivated(interval))  (three-state)
 */
export function pairedPulseRatio(p: StpParams, intervalMs: number): number {
  const uR = restOf(p);
  const u1 = p.tauF > 0 ? uR + p.U * (1 - uR) : p.U;
  const v = uR + (u1 - uR) * decay(intervalMs, p.tauF);
  const u2 = p.tauF > 0 ? v + p.U * (1 - v) : p.U;
  const tauI = p.tauInact ?? 0;
  const gone = !(p.tauD > 0) ? 0
    : tauI > 0 ? decay(intervalMs, tauI) + inactivated(intervalMs, tauI, p.tauD)
      : decay(intervalMs, p.tauD);
  return (u2 * (1 - u1 * gone)) / u1;
}

// ---- the Euler map (docs/MODEL.md section 4.1; ngc-learn's at dt = 1) ---------------------------------------

/**
 * The Euler map's states used at the given spike steps (increasing step indices), from rest,
 * iterated step by step in float64: u from the old u, Wdyn from the new u and the old x.
 */
export function trainStatesEuler(p: StpParams, spikeSteps: readonly number[], dt: number): SpikeState[] {
  const uR = restOf(p);
  const a = p.tauF > 0 ? dt / p.tauF : 0;
  const b = p.tauD > 0 ? dt / p.tauD : 0;
  const spikes = new Set(spikeSteps);
  const last = spikeSteps.length ? spikeSteps[spikeSteps.length - 1] : -1;
  const out: SpikeState[] = [];
  let u = uR;
  let x = 1;
  for (let i = 0; i <= last; i++) {
    const s = spikes.has(i) ? 1 : 0;
    const u0 = u;
    u = p.tauF > 0 ? u0 + (uR - u0) * a + p.U * (1 - u0) * s : p.U;
    if (s) out.push(state(u, x));
    if (p.tauD > 0) x = x + (1 - x) * b - u * x * s;
  }
  return out;
}

/**
 * Fixed point of the Euler map for a spike every m steps (a = dt/tauF, b = dt/tauD,
 * q = (1 - a)^(m-1), r = (1 - b)^(m-1)):
 *   u = (U + a uR + (1 - a - U)(1 - q) uR) / (1 - (1 - a - U) q)
 *   x = (1 - r (1 - b)) / (1 - r (1 - b) + r u)       (x used at a spike: the previous step's)
 */
export function eulerFixedPoint(p: StpParams, periodSteps: number, dt: number): SpikeState {
  const uR = restOf(p);
  let u = p.U;
  if (p.tauF > 0) {
    const a = dt / p.tauF;
    const q = Math.pow(1 - a, periodSteps - 1);
    u = (p.U + a * uR + (1 - a - p.U) * (1 - q) * uR) / (1 - (1 - a - p.U) * q);
  }
  if (!(p.tauD > 0)) return state(u, 1);
  const b = dt / p.tauD;
  const r = Math.pow(1 - b, periodSteps - 1);
  return state(u, (1 - r * (1 - b)) / (1 - r * (1 - b) + r * u));
}

/**
 * Paired-pulse ratio of the Euler map, spikes m steps apart after rest:
 *   u1 = uR + U (1 - uR);  v = uR + (u1 - uR)(1 - a)^(m-1);  u2 = v (1 - a - U) + a uR + U
 *   x2 = 1 - u1 (1 - b)^(m-1)   (one step less recovery than the continuous model: the old x is used)
 */
export function pairedPulseRatioEuler(p: StpParams, intervalSteps: number, dt: number): number {
  const uR = restOf(p);
  let u1 = p.U;
  let u2 = p.U;
  if (p.tauF > 0) {
    const a = dt / p.tauF;
    u1 = uR + p.U * (1 - uR);
    const v = uR + (u1 - uR) * Math.pow(1 - a, intervalSteps - 1);
    u2 = v * (1 - a - p.U) + a * uR + p.U;
  }
  const x2 = p.tauD > 0 ? 1 - u1 * Math.pow(1 - dt / p.tauD, intervalSteps - 1) : 1;
  return (u2 * x2) / u1;
}
