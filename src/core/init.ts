// Initialisers: a value given as a constant, a seeded distribution or explicit values; their check
// (form and shape) and their expansion into float32s.
import { checkSeed, F32_MAX, fail, isArrayLike, knownKeys, num } from "./checks.js";
import { hostRng } from "./seed.js";
import { describeGiven } from "./describe.js";

/**
 * A value initialiser: a constant, a seeded distribution, or explicit values. "normal" is a normal
 * distribution truncated to [low, high] (either bound optional; values outside are drawn again), as
 * Tsodyks, Uziel & Markram (2000) draw their synaptic parameters; "gaussian" is untruncated.
 */
export type Init =
  | number
  | {
    dist: "constant";
    /** The value, in the option's own unit. */
    value: number;
  }
  | {
    dist: "uniform";
    /** Lower bound, in the option's unit. */
    low: number;
    /** Upper bound (>= low), in the option's unit. */
    high: number;
    /** This initialiser's own seed (default: the network's seed and the option's purpose). */
    seed?: number | string;
  }
  | {
    dist: "gaussian";
    /** Mean, in the option's unit. */
    mean: number;
    /** Standard deviation (>= 0), in the option's unit. */
    std: number;
    /** This initialiser's own seed (default: the network's seed and the option's purpose). */
    seed?: number | string;
  }
  | {
    dist: "normal";
    /** Mean of the untruncated normal, in the option's unit (low <= mean <= high). */
    mean: number;
    /** Its standard deviation (>= 0), in the option's unit. */
    std: number;
    /** Lower truncation bound (default: none; every drawn value must still be allowed for the option). */
    low?: number;
    /** Upper truncation bound (default: none). */
    high?: number;
    /** This initialiser's own seed (default: the network's seed and the option's purpose). */
    seed?: number | string;
  }
  | ArrayLike<number>
  | ArrayLike<number>[];

/** Check an initialiser's form and shape (n values, or rows x cols); each value through `check`. */
export function checkInit(
  option: string, init: unknown, rows: number, cols: number | null,
  check: (option: string, v: unknown) => void,
): Init {
  if (typeof init === "number") {
    check(option, init);
    return init;
  }
  const shape = cols === null ? `${rows}` : `${rows} x ${cols}`;
  const forms = `a number, {dist: "constant", value}, {dist: "uniform", low, high}, {dist: "gaussian", mean, std}, {dist: "normal", mean, std, low?, high?} or ${cols === null ? `${rows} values` : `${rows * cols} values (row-major) or ${rows} rows of ${cols}`}`;
  if (isArrayLike(init)) {
    const arr = init as ArrayLike<unknown>;
    if (cols !== null && arr.length === rows && arr.length > 0 && isArrayLike(arr[0])) {
      for (let r = 0; r < rows; r++) {
        const row = arr[r];
        if (!isArrayLike(row) || row.length !== cols) fail(`${option}[${r}]`, row, `${cols} values`, `row ${r} has ${isArrayLike(row) ? describeGiven([row]).replace(/^1 row of /, "") : "no values"} for shape ${shape}`);
        for (let c = 0; c < cols; c++) check(`${option}[${r}][${c}]`, (row as ArrayLike<unknown>)[c]);
      }
      return init as Init;
    }
    const want = rows * (cols ?? 1);
    if (arr.length !== want) fail(option, init, forms, cols === null ? `${describeGiven(arr)} given, not ${rows}` : `${describeGiven(arr)} given for shape ${shape}`);
    for (let i = 0; i < want; i++) check(`${option}[${i}]`, arr[i]);
    return init as Init;
  }
  if (init === null || typeof init !== "object") fail(option, init, forms);
  const spec = init as Record<string, unknown>;
  switch (spec.dist) {
    case "constant":
      knownKeys(option, spec, ["dist", "value"]);
      check(`${option}.value`, spec.value);
      break;
    case "uniform": {
      knownKeys(option, spec, ["dist", "low", "high", "seed"]);
      const low = num(`${option}.low`, spec.low);
      num(`${option}.high`, spec.high, { min: low });
      check(`${option}.low`, low);
      check(`${option}.high`, spec.high);
      break;
    }
    case "gaussian": {
      knownKeys(option, spec, ["dist", "mean", "std", "seed"]);
      const mean = num(`${option}.mean`, spec.mean);
      withinFloat32(option, mean, num(`${option}.std`, spec.std, { min: 0 }), true, true);
      break;
    }
    case "normal": {
      knownKeys(option, spec, ["dist", "mean", "std", "low", "high", "seed"]);
      const mean = num(`${option}.mean`, spec.mean);
      num(`${option}.std`, spec.std, { min: 0 });
      const low = spec.low === undefined ? -Infinity : num(`${option}.low`, spec.low, { max: mean });
      const high = spec.high === undefined ? Infinity : num(`${option}.high`, spec.high, { min: mean });
      if (spec.low !== undefined) check(`${option}.low`, low);
      if (spec.high !== undefined) check(`${option}.high`, high);
      withinFloat32(option, mean, spec.std as number, spec.low === undefined, spec.high === undefined);
      if (low === high && spec.std !== 0) fail(`${option}.high`, high, `> low = ${low} when std > 0`, "the bounds leave no room to draw from");
      break;
    }
    default:
      fail(`${option}.dist`, spec.dist, `"constant", "uniform", "gaussian" or "normal"`);
  }
  if (spec.seed !== undefined) checkSeed(`${option}.seed`, spec.seed);
  return init as Init;
}

/**
 * How far a Box-Muller draw reaches, in standard deviations: sqrt(-2 ln(1 - r)) with r a double
 * below 1, so 1 - r >= 2^-53: at most sqrt(106 ln 2) = 8.5718.
 */
export const GAUSS_REACH = 8.572;

/**
 * Refuse a gaussian (or a normal without a bound on a side: `below`, `above`) whose draws, mean +-
 * GAUSS_REACH std, can leave float32's range, as an explicit value beyond it is refused.
 */
function withinFloat32(option: string, mean: number, std: number, below: boolean, above: boolean): void {
  const reach = Math.max(below ? Math.abs(mean - GAUSS_REACH * std) : 0, above ? Math.abs(mean + GAUSS_REACH * std) : 0);
  if (reach > F32_MAX) {
    fail(`${option}.std`, std, `std <= (${F32_MAX} - |mean|) / ${GAUSS_REACH} = ${(F32_MAX - Math.abs(mean)) / GAUSS_REACH}`,
      `draws reach mean +- ${GAUSS_REACH} std, |value| up to ${reach}, beyond float32's range (|value| <= ${F32_MAX}), where explicit values are refused`);
  }
}

/** A constant initialiser's value, or null when the values vary. */
export function constantOf(init: Init): number | null {
  if (typeof init === "number") return init;
  if (!Array.isArray(init) && !ArrayBuffer.isView(init) && typeof init === "object" && "dist" in init && init.dist === "constant") {
    return init.value;
  }
  return null;
}

/**
 * Fill `out` (count values, row-major) from an already validated initialiser. Random ones draw from
 * their own seed, or from the run seed and `purpose` (e.g. "weights:W"), so they are reproducible.
 */
export function fillInit(out: Float32Array, init: Init, runSeed: number | string, purpose: string): Float32Array {
  const c = constantOf(init);
  if (c !== null) return out.fill(c);
  if (Array.isArray(init) || ArrayBuffer.isView(init)) {
    const arr = init as ArrayLike<number> | ArrayLike<number>[];
    if (arr.length > 0 && typeof arr[0] !== "number") {
      let i = 0;
      for (const row of arr as ArrayLike<number>[]) for (let k = 0; k < row.length; k++) out[i++] = row[k];
    } else out.set(arr as ArrayLike<number>);
    return out;
  }
  const spec = init as Exclude<Init, number | ArrayLike<number> | ArrayLike<number>[]>;
  const rng = hostRng("seed" in spec && spec.seed !== undefined ? spec.seed : runSeed, purpose);
  if (spec.dist === "uniform") {
    for (let i = 0; i < out.length; i++) out[i] = spec.low + (spec.high - spec.low) * rng();
  } else if (spec.dist === "normal") {
    // Box-Muller, drawn again outside [low, high]; with the mean inside the bounds at least one draw
    // in 2 fits on average whatever std
    const low = spec.low ?? -Infinity;
    const high = spec.high ?? Infinity;
    let spare = NaN;
    const draw = () => {
      if (!Number.isNaN(spare)) {
        const v = spare;
        spare = NaN;
        return v;
      }
      const r = Math.sqrt(-2 * Math.log(1 - rng()));
      const a = 2 * Math.PI * rng();
      spare = r * Math.sin(a);
      return r * Math.cos(a);
    };
    for (let i = 0; i < out.length; i++) {
      let v: number;
      do v = spec.mean + spec.std * draw(); while (!(v >= low && v <= high));
      out[i] = v;
    }
  } else if (spec.dist === "gaussian") {
    for (let i = 0; i < out.length; i += 2) {
      // Box-Muller: two independent normals from two uniforms (1 - rng() avoids log(0))
      const r = Math.sqrt(-2 * Math.log(1 - rng()));
      const a = 2 * Math.PI * rng();
      out[i] = spec.mean + spec.std * r * Math.cos(a);
      if (i + 1 < out.length) out[i + 1] = spec.mean + spec.std * r * Math.sin(a);
    }
  }
  return out;
}
