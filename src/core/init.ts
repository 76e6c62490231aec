// Initialisers: turn an Init (constant, seeded uniform or gaussian, explicit values) into float32s.
import type { Init } from "../network/options.js";
import { hostRng } from "./seed.js";

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
