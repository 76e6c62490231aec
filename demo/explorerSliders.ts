// The live explorer's sliders: which lesson options they move, over which values, and why those
// bounds. Each slider steps through a list of values (its native range input holds the index), so
// the arrow keys, Home/End and touch all work and every position is a value the API accepts:
// the bounds come from the API's own checks at the form's dt (see docs/MODEL.md), narrowed to
// what the 5-second lesson shows.

/** A lesson option a slider moves. */
export type SliderKey = "resources" | "tauF" | "tauD" | "rateHz" | "weight" | "tauM";

export interface SliderSpec {
  key: SliderKey;
  /** Label (HTML) and unit as shown beside the value. */
  label: string;
  unit: string;
  /** "log": nice numbers, 24 per decade; "linear": lo + k step. */
  scale: "log" | "linear";
  /** The values' bounds at step dt (ms). */
  bounds(dt: number): [number, number];
  /** Linear sliders: the step between values. */
  step?: number;
  /** Why these bounds (shown as the slider's title and in the README). */
  why: string;
}

/** Mantissas of the log sliders' values, 24 per decade: 1, 2, 2.5, 5 and 7.5 among them (the presets' 50, 750, 20). */
const MANTISSAS = [1, 1.1, 1.2, 1.3, 1.5, 1.6, 1.8, 2, 2.2, 2.5, 2.7, 3, 3.3, 3.6, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 9];

export const SLIDERS: readonly SliderSpec[] = [
  {
    key: "resources", label: "U (resources)", unit: "", scale: "linear", step: 0.01, bounds: () => [0, 1],
    why: "U is a release probability: the API accepts 0 to 1",
  },
  {
    key: "tauF", label: "τ<sub>f</sub>", unit: "ms", scale: "log", bounds: (dt) => [dt, 5000],
    why: "the Euler map needs tauF >= dt (0 turns facilitation off; type it in the field); above 5 s, the run's length, it hardly matters",
  },
  {
    key: "tauD", label: "τ<sub>d</sub>", unit: "ms", scale: "log", bounds: (dt) => [dt, 5000],
    why: "the Euler map needs tauD >= dt (0 turns depression off; type it in the field); above 5 s, the run's length, it hardly matters",
  },
  {
    key: "rateHz", label: "rate", unit: "Hz", scale: "linear", step: 0.5, bounds: (dt) => [0, Math.min(100, 1000 / dt)],
    why: "the Poisson source needs rate * dt / 1000 <= 1; the sweep's range, 0 to 100 Hz, shows both regimes",
  },
  {
    key: "weight", label: "W", unit: "", scale: "linear", step: 0.05, bounds: () => [0, 10],
    why: "any finite W is accepted; 0 to 10 keeps the synapse excitatory (Wdyn is drawn on [0, W]) and spans silence to a post spike per pre spike",
  },
  {
    key: "tauM", label: "τ<sub>m</sub>", unit: "ms", scale: "log", bounds: (dt) => [dt, 200],
    why: "the Euler step needs tauM >= dt; R = tauM / dt * Rm grows with it",
  },
];

/** Round away float noise (0.15000000000000002 -> 0.15). */
const clean = (v: number) => Number(v.toPrecision(12));

/** Every value slider `spec` offers at step dt, ascending. */
export function sliderValues(spec: SliderSpec, dt: number): number[] {
  const [lo, hi] = spec.bounds(dt);
  const out: number[] = [];
  if (spec.scale === "linear") {
    const step = spec.step!;
    const first = Math.ceil(lo / step - 1e-9);
    for (let k = first; clean(k * step) <= hi; k++) out.push(clean(k * step));
    return out;
  }
  if (!(lo > 0)) throw new Error(`slider ${spec.key}: a log scale needs bounds > 0`);
  for (let e = Math.floor(Math.log10(lo)); ; e++) {
    for (const m of MANTISSAS) {
      const v = clean(m * 10 ** e);
      if (v > hi) return out;
      if (v >= lo) out.push(v);
    }
  }
}

/** The index of the value nearest `value` (nearest in ratio on a log slider), clamped to the ends. */
export function sliderIndex(spec: SliderSpec, values: readonly number[], value: number): number {
  if (!Number.isFinite(value)) return 0;
  const distance = spec.scale === "log" ? (v: number) => Math.abs(Math.log(v / Math.max(value, values[0]))) : (v: number) => Math.abs(v - value);
  let best = 0;
  for (let i = 1; i < values.length; i++) if (distance(values[i]) < distance(values[best])) best = i;
  return best;
}

/** A value as the slider shows it, with its unit. */
export function sliderText(spec: SliderSpec, value: number): string {
  return spec.unit ? `${value} ${spec.unit}` : String(value);
}
