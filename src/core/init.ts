// Initialisers: a value given as a constant, a seeded distribution or explicit values; their check
// (form and shape) and their expansion into float32s.
import { checkSeed, fail, isArrayLike, knownKeys, num } from "./checks.js";
import { hostRng } from "./seed.js";
import { describeGiven } from "./describe.js";

/** A value initialiser: a constant, a seeded distribution, or explicit values. */
export type Init =
  | number
  | { dist: "constant"; value: number }
  | { dist: "uniform"; low: number; high: number; seed?: number | string }
  | { dist: "gaussian"; mean: number; std: number; seed?: number | string }
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
  const forms = `a number, {dist: "constant", value}, {dist: "uniform", low, high}, {dist: "gaussian", mean, std} or ${cols === null ? `${rows} values` : `${rows * cols} values (row-major) or ${rows} rows of ${cols}`}`;
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
    case "gaussian":
      knownKeys(option, spec, ["dist", "mean", "std", "seed"]);
      num(`${option}.mean`, spec.mean);
      num(`${option}.std`, spec.std, { min: 0 });
      break;
    default:
      fail(`${option}.dist`, spec.dist, `"constant", "uniform" or "gaussian"`);
  }
  if (spec.seed !== undefined) checkSeed(`${option}.seed`, spec.seed);
  return init as Init;
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
