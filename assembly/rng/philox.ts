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

// ---- SIMD: four Philox blocks at once, one per lane -------------------------------------------

/** After `philoxX8`, blockL holds the four output words of counter l (lane k = word k). */
// (@lazy: compiled only where used, i.e. only in SIMD builds)
@lazy export let block0: v128 = i32x4.splat(0);
@lazy export let block1: v128 = i32x4.splat(0);
@lazy export let block2: v128 = i32x4.splat(0);
@lazy export let block3: v128 = i32x4.splat(0);
@lazy export let block4: v128 = i32x4.splat(0);
@lazy export let block5: v128 = i32x4.splat(0);
@lazy export let block6: v128 = i32x4.splat(0);
@lazy export let block7: v128 = i32x4.splat(0);

/** Four words as float32 uniforms on [0, 1), lane by lane as `uniform01`. */
@inline export function uniform01x4(words: v128): v128 {
  return f32x4.mul(f32x4.convert_i32x4_u(i32x4.shr_u(words, 8)), f32x4.splat(<f32>1.0 / <f32>16777216.0));
}

/**
 * Eight Philox blocks, counters (c0, c1first + l, c2, 0) for l = 0..7, as two independent
 * four-lane chains interleaved (the CPU overlaps their multiply latencies); afterwards blockL holds
 * block l's four words, exactly as `philox` would give them.
 */
@inline export function philoxX8(c0: u32, c1first: u32, c2: u32, k0: u32, k1: u32): void {
  if (ASC_FEATURE_SIMD) {
    let a0 = i32x4.splat(c0);
    let a1 = i32x4.add(i32x4.splat(c1first), i32x4(0, 1, 2, 3));
    let a2 = i32x4.splat(c2);
    let a3 = i32x4.splat(0);
    let b0 = a0;
    let b1 = i32x4.add(i32x4.splat(c1first), i32x4(4, 5, 6, 7));
    let b2 = a2;
    let b3 = a3;
    const m0 = i32x4.splat(M0);
    const m1 = i32x4.splat(M1);
    for (let r = 0; r < 10; r++) {
      const kk0 = i32x4.splat(k0);
      const kk1 = i32x4.splat(k1);
      const pa = i64x2.extmul_low_i32x4_u(a0, m0);
      const pb = i64x2.extmul_low_i32x4_u(b0, m0);
      const qa = i64x2.extmul_high_i32x4_u(a0, m0);
      const qb = i64x2.extmul_high_i32x4_u(b0, m0);
      const ra = i64x2.extmul_low_i32x4_u(a2, m1);
      const rb = i64x2.extmul_low_i32x4_u(b2, m1);
      const sa = i64x2.extmul_high_i32x4_u(a2, m1);
      const sb = i64x2.extmul_high_i32x4_u(b2, m1);
      const na0 = v128.xor(v128.xor(v128.shuffle<i32>(ra, sa, 1, 3, 5, 7), a1), kk0);
      const nb0 = v128.xor(v128.xor(v128.shuffle<i32>(rb, sb, 1, 3, 5, 7), b1), kk0);
      a1 = v128.shuffle<i32>(ra, sa, 0, 2, 4, 6);
      b1 = v128.shuffle<i32>(rb, sb, 0, 2, 4, 6);
      const na2 = v128.xor(v128.xor(v128.shuffle<i32>(pa, qa, 1, 3, 5, 7), a3), kk1);
      const nb2 = v128.xor(v128.xor(v128.shuffle<i32>(pb, qb, 1, 3, 5, 7), b3), kk1);
      a3 = v128.shuffle<i32>(pa, qa, 0, 2, 4, 6);
      b3 = v128.shuffle<i32>(pb, qb, 0, 2, 4, 6);
      a0 = na0;
      b0 = nb0;
      a2 = na2;
      b2 = nb2;
      k0 += W0;
      k1 += W1;
    }
    let t0 = v128.shuffle<i32>(a0, a1, 0, 4, 1, 5);
    let t1 = v128.shuffle<i32>(a2, a3, 0, 4, 1, 5);
    let t2 = v128.shuffle<i32>(a0, a1, 2, 6, 3, 7);
    let t3 = v128.shuffle<i32>(a2, a3, 2, 6, 3, 7);
    block0 = v128.shuffle<i32>(t0, t1, 0, 1, 4, 5);
    block1 = v128.shuffle<i32>(t0, t1, 2, 3, 6, 7);
    block2 = v128.shuffle<i32>(t2, t3, 0, 1, 4, 5);
    block3 = v128.shuffle<i32>(t2, t3, 2, 3, 6, 7);
    t0 = v128.shuffle<i32>(b0, b1, 0, 4, 1, 5);
    t1 = v128.shuffle<i32>(b2, b3, 0, 4, 1, 5);
    t2 = v128.shuffle<i32>(b0, b1, 2, 6, 3, 7);
    t3 = v128.shuffle<i32>(b2, b3, 2, 6, 3, 7);
    block4 = v128.shuffle<i32>(t0, t1, 0, 1, 4, 5);
    block5 = v128.shuffle<i32>(t0, t1, 2, 3, 6, 7);
    block6 = v128.shuffle<i32>(t2, t3, 0, 1, 4, 5);
    block7 = v128.shuffle<i32>(t2, t3, 2, 3, 6, 7);
  }
}
