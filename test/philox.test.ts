// Philox4x32-10: the kernel's generator against the published known-answer vectors of Random123
// (Salmon et al. 2011, file tests/kat_vectors: counter[4] key[2] -> output[4]) and against the
// plain BigInt reference in test/philox.ts.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Kernel } from "../src/runtime/kernel.js";
import { HEAP_BASE } from "../src/core/memory.js";
import { philoxRef } from "./philox.js";

const KAT: [number[], number[], number[]][] = [
  [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
  [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]],
  [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]],
];

describe("Philox4x32-10", async () => {
  const kernel = await Kernel.load();
  const out = HEAP_BASE;
  kernel.ensure(out + 16);
  const kernelPhilox = (c: number[], k: number[]) => {
    expect(kernel.exports.philox4x32(c[0], c[1], c[2], c[3], k[0], k[1], out)).toBe(0);
    return Array.from(new Uint32Array(kernel.buffer, out, 4));
  };

  it.each(KAT)("known answer for counter %j key %j", (counter, key, want) => {
    expect(kernelPhilox(counter, key)).toEqual(want);
    expect(philoxRef(counter, key)).toEqual(want);
  });

  it("kernel equals the reference on random counters and keys", () => {
    const word = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(fc.property(fc.array(word, { minLength: 6, maxLength: 6 }), (w) => {
      expect(kernelPhilox(w.slice(0, 4), w.slice(4))).toEqual(philoxRef(w.slice(0, 4), w.slice(4)));
    }), { numRuns: 500, seed: 1 });
  });
});
