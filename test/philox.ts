// Philox4x32-10, a slow and plain reference (BigInt arithmetic) used only by tests.
const M0 = 0xd2511f53n;
const M1 = 0xcd9e8d57n;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const MASK = 0xffffffffn;

/** Philox4x32 with `rounds` rounds of counter [c0..c3] under key [k0, k1]. */
export function philoxRef(counter: readonly number[], key: readonly number[], rounds = 10): number[] {
  let [c0, c1, c2, c3] = counter.map((v) => BigInt(v >>> 0));
  let [k0, k1] = key.map((v) => v >>> 0);
  for (let r = 0; r < rounds; r++) {
    const p0 = M0 * c0;
    const p1 = M1 * c2;
    const next = [(p1 >> 32n) ^ c1 ^ BigInt(k0), p1 & MASK, (p0 >> 32n) ^ c3 ^ BigInt(k1), p0 & MASK];
    [c0, c1, c2, c3] = next;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  return [c0, c1, c2, c3].map(Number);
}

/** The kernel's uniform: top 24 bits of a word times 2^-24. */
export function uniformRef(word: number): number {
  return (word >>> 8) / 16777216;
}
