// What a user gave, in words, for shape errors: "10 rows of 1 value", "7 values".
import { isArrayLike } from "./checks.js";

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/** `arr` described by its shape: rows (with their lengths) when its items are lists, else values. */
export function describeGiven(arr: ArrayLike<unknown>): string {
  const items = Array.from(arr);
  if (items.length > 0 && items.every((x) => isArrayLike(x))) {
    const lengths = [...new Set(items.map((r) => (r as ArrayLike<unknown>).length))].sort((a, b) => a - b);
    const width = lengths.length === 1 ? count(lengths[0], "value") : `${lengths[0]} to ${count(lengths[lengths.length - 1], "value")}`;
    return `${count(items.length, "row")} of ${width}`;
  }
  return count(items.length, "value");
}
