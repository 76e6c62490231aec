// The option checks every model and experiment shares: each refuses a bad value with an
// StpOptionError that names the option, the value and what is allowed.
import { StpOptionError } from "./errors.js";
import { suggest } from "./suggest.js";

/** Refuse `value` for `option`. */
export function fail(option: string, value: unknown, allowed: string, detail?: string): never {
  throw new StpOptionError(option, value, allowed, detail);
}

/** The largest finite float32, 3.4028234663852886e38. */
export const F32_MAX = 3.4028234663852886e38;

/** A finite number (within float32's range) within [min, max] (either bound optional, exclusive where said). */
export function num(
  option: string, value: unknown,
  range: { min?: number; max?: number; minExclusive?: boolean; integer?: boolean } = {},
): number {
  const { min, max, minExclusive, integer } = range;
  const parts: string[] = [integer ? "an integer" : "a finite number"];
  if (min !== undefined) parts.push(`${minExclusive ? ">" : ">="} ${min}`);
  if (max !== undefined) parts.push(`<= ${max}`);
  const allowed = parts.join(" ");
  if (typeof value !== "number" || !Number.isFinite(value)) fail(option, value, allowed);
  // the kernel computes in float32: a value beyond its range would become Infinity there
  if (Math.abs(value) > F32_MAX) fail(option, value, allowed, `beyond float32's range, |value| <= ${F32_MAX}`);
  if (integer && !Number.isInteger(value)) fail(option, value, allowed);
  if (min !== undefined && (minExclusive ? !(value > min) : !(value >= min))) fail(option, value, allowed);
  if (max !== undefined && !(value <= max)) fail(option, value, allowed);
  return value;
}

/** true or false. */
export function bool(option: string, value: unknown): boolean {
  if (typeof value !== "boolean") fail(option, value, "true or false");
  return value;
}

/** One of `choices`; a misspelt one is refused with the nearest choice (`"Euler"` -> `"euler"`). */
export function oneOf<T extends string>(option: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== "string" || !choices.includes(value as T)) {
    const near = typeof value === "string" ? suggest(value, choices) : undefined;
    throw new StpOptionError(option, value, choices.map((c) => JSON.stringify(c)).join(" or "), undefined, near === undefined ? undefined : JSON.stringify(near));
  }
  return value as T;
}

/** Refuse the option `key` of `where` (or the top-level `key` when `where` is ""): not one of `keys`. */
export function unknownOption(where: string, key: string, value: unknown, keys: readonly string[], allowed = `one of the options ${keys.join(", ")}`): never {
  throw new StpOptionError(where ? `${where}.${key}` : key, value, allowed, "unknown option", suggest(key, keys));
}

/** Every own key of `obj` is one of `keys`; else the first other is refused as unknown, with the nearest key. */
export function knownKeys(where: string, obj: object, keys: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!keys.includes(key)) unknownOption(where, key, (obj as Record<string, unknown>)[key], keys);
  }
}

export function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

export function checkSeed(option: string, seed: unknown): number | string {
  if (typeof seed === "string") return seed;
  if (typeof seed === "number" && Number.isFinite(seed)) return seed;
  fail(option, seed, "a finite number or a string");
}
