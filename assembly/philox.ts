// Philox4x32-10 (Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11):
// a counter-based generator. One call maps a 128-bit counter and a 64-bit key to 128 random bits,
// so every (step, unit, trial) has its own draw without any generator state in memory: results do
// not depend on how the work is split into threads or chunks.

const M0: u32 = 0xd2511f53;
const M1: u32 = 0xcd9e8d57;
const W0: u32 = 0x9e3779b9; // golden ratio, key schedule
const W1: u32 = 0xbb67ae85; // sqrt(3) - 1, key schedule

/** The four output words of the last `philox` call. */
export let out0: u32 = 0;
export let out1: u32 = 0;
export let out2: u32 = 0;
export let out3: u32 = 0;

/** Ten Philox rounds over counter (c0..c3) with key (k0, k1); results in out0..out3. */
@inline export function philox(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32): void {
  for (let r = 0; r < 10; r++) {
    const p0 = <u64>M0 * <u64>c0;
    const p1 = <u64>M1 * <u64>c2;
    const hi0 = <u32>(p0 >>> 32);
    const hi1 = <u32>(p1 >>> 32);
    c0 = hi1 ^ c1 ^ k0;
    c1 = <u32>p1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = <u32>p0;
    k0 += W0;
    k1 += W1;
  }
  out0 = c0;
  out1 = c1;
  out2 = c2;
  out3 = c3;
}

/** A 32-bit word as a float32 uniform on [0, 1): its top 24 bits times 2^-24 (exact). */
@inline export function uniform01(word: u32): f32 {
  return <f32>(word >>> 8) * (<f32>1.0 / <f32>16777216.0);
}
