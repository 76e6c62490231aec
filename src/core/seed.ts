// Seeds: a number or a string, hashed by seedrandom (ARC4) into the kernel's 64-bit Philox key and
// into the host-side streams used by the initialisers. seedrandom's ARC4 generator is its file
// seedrandom.js (the package's index adds other generators we do not use, and their bytes to a page).
import seedrandom from "seedrandom/seedrandom.js";

/** The Philox key [k0, k1] (two u32) for a run seed. */
export function seedKey(seed: number | string): [number, number] {
  const rng = seedrandom(`stp-wasm:${String(seed)}`);
  return [rng.int32() >>> 0, rng.int32() >>> 0];
}

/** A seeded uniform [0, 1) generator for host-side draws, separate per purpose. */
export function hostRng(seed: number | string, purpose: string): () => number {
  return seedrandom(`stp-wasm:${String(seed)}:${purpose}`);
}
