// Fitting STP to recorded PSC trains: the classic Tsodyks-Markram recursion at the presynaptic spikes
// (docs/MODEL.md section 4.2 is this recursion, in float32) evaluated in float64 for a whole grid of
// candidates (U, tauF, tauD) in one call: the candidates' tauD in SIMD lanes (two per f64x2, four
// vectors in flight), every U and tauF in turn. For each candidate it returns the two sums a
// Gaussian likelihood with a profiled amplitude A needs, sum(y p) and sum(p p), p the predicted
// amplitude at A = 1 (src/fit/ turns them into posteriors); optionally every p itself.
//
// At spike k of a sweep (D_k ms after the sweep's previous spike; D = +Infinity at a sweep's first
// spike, which puts the synapse at rest):
//   eF = exp(-(D_k / tauF)),  eD = exp(-(D_k / tauD))          (tau = 0: the factor is 0, the term off)
//   q  = 1 - u                                                   (u of the previous spike; 0 before the first)
//   u  = U + ((u * (1 - U)) * eF)
//   R  = (R * (q * eD)) + (1 - eD)                             (= 1 + (R q - 1) eD)
//   p  = u * R;   if y_k is a number:  Syp = Syp + (y_k * p);  Spp = Spp + (p * p)
// so u_1 = U and R_1 = 1 at each sweep's start, and in between
// u_{k+1} = U + u_k (1 - U) e^(-D/tauF), R_{k+1} = 1 + (R_k - u_k R_k - 1) e^(-D/tauD).
import { OK, ERR_BAD_POINTER, ERR_BAD_VALUE, ERR_BAD_COUNT, ERR_OVERFLOW } from "../abi";
import { fail } from "../engine/regions";

// ---- float64 lanes: one f64, or a v128 of two (f64x2) --------------------------------------------

@inline function add<T>(a: T, b: T): T {
  if (isVector<T>()) return f64x2.add(a, b);
  else return a + b;
}
@inline function sub<T>(a: T, b: T): T {
  if (isVector<T>()) return f64x2.sub(a, b);
  else return a - b;
}
@inline function mul<T>(a: T, b: T): T {
  if (isVector<T>()) return f64x2.mul(a, b);
  else return a * b;
}
@inline function splat<T>(x: f64): T {
  if (isVector<T>()) return f64x2.splat(x);
  else return x;
}
@inline function ld<T>(p: usize): T {
  if (isVector<T>()) return v128.load(p);
  else return load<f64>(p);
}
@inline function st<T>(p: usize, v: T): void {
  if (isVector<T>()) v128.store(p, v);
  else store<f64>(p, v);
}
@inline function width<T>(): i32 {
  if (isVector<T>()) return 2;
  else return 1;
}
/** Store lane l of v at p + l * stride (one f64 per lane). */
@inline function scatter<T>(p: usize, stride: usize, v: T): void {
  if (isVector<T>()) {
    store<f64>(p, f64x2.extract_lane(v, 0));
    store<f64>(p + stride, f64x2.extract_lane(v, 1));
  } else store<f64>(p, v);
}

// ---- the recursion ---------------------------------------------------------------------------------

/** R at this spike from R at the previous one: (R * (q * eD)) + (1 - eD), with 1 - eD from its table. */
@inline function recover<T>(r: T, q: T, eD: T, cD: T): T {
  return add(mul(r, mul(q, eD)), cD);
}

/** Where one (U, tauF) pair's work reads and writes (set by fitTrains before its blocks). */
let nSpk: i32 = 0;
let ampsAt: usize = 0;
let uAt: usize = 0; // u_k, n values
let qAt: usize = 0; // 1 - u_(k-1), n values
let eDAt: usize = 0; // eD[k * nD + d]
let cDAt: usize = 0; // 1 - eD, likewise
let nDs: i32 = 0;
let ypAt: usize = 0; // sum(y p) of candidate base + d
let ppAt: usize = 0; // sum(p p), likewise
let predAt: usize = 0; // p of candidate base + d at spike k: predAt + ((d * n + k) << 3); 0 = not asked

/** Candidates d0 .. d0 + 4 width - 1 (four vectors in flight, so the chains' latencies overlap). */
@inline function block4<T>(d0: i32, n: i32, amps: usize, uk: usize, qk: usize, eD: usize, cD: usize, rowBytes: usize): void {
  const w = <usize>width<T>() << 3;
  let r0 = splat<T>(1), r1 = splat<T>(1), r2 = splat<T>(1), r3 = splat<T>(1);
  let a0 = splat<T>(0), a1 = splat<T>(0), a2 = splat<T>(0), a3 = splat<T>(0);
  let b0 = splat<T>(0), b1 = splat<T>(0), b2 = splat<T>(0), b3 = splat<T>(0);
  let e = eD + (<usize>d0 << 3);
  let c = cD + (<usize>d0 << 3);
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 3;
    const u = splat<T>(load<f64>(uk + o));
    const q = splat<T>(load<f64>(qk + o));
    r0 = recover<T>(r0, q, ld<T>(e), ld<T>(c));
    r1 = recover<T>(r1, q, ld<T>(e + w), ld<T>(c + w));
    r2 = recover<T>(r2, q, ld<T>(e + 2 * w), ld<T>(c + 2 * w));
    r3 = recover<T>(r3, q, ld<T>(e + 3 * w), ld<T>(c + 3 * w));
    e += rowBytes;
    c += rowBytes;
    const yv = load<f64>(amps + o);
    if (yv == yv) {
      const p0 = mul(u, r0), p1 = mul(u, r1), p2 = mul(u, r2), p3 = mul(u, r3);
      const y = splat<T>(yv);
      a0 = add(a0, mul(y, p0)); a1 = add(a1, mul(y, p1)); a2 = add(a2, mul(y, p2)); a3 = add(a3, mul(y, p3));
      b0 = add(b0, mul(p0, p0)); b1 = add(b1, mul(p1, p1)); b2 = add(b2, mul(p2, p2)); b3 = add(b3, mul(p3, p3));
    }
  }
  const s = <usize>d0 << 3;
  st<T>(ypAt + s, a0); st<T>(ypAt + s + w, a1); st<T>(ypAt + s + 2 * w, a2); st<T>(ypAt + s + 3 * w, a3);
  st<T>(ppAt + s, b0); st<T>(ppAt + s + w, b1); st<T>(ppAt + s + 2 * w, b2); st<T>(ppAt + s + 3 * w, b3);
}

/** Candidates d0 .. d0 + width - 1: the same operations, one vector (or one f64); also writes every p when asked. */
@inline function block1<T>(d0: i32, n: i32, amps: usize, uk: usize, qk: usize, eD: usize, cD: usize, rowBytes: usize): void {
  let r = splat<T>(1);
  let a = splat<T>(0);
  let b = splat<T>(0);
  const stride = <usize>n << 3;
  let e = eD + (<usize>d0 << 3);
  let c = cD + (<usize>d0 << 3);
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 3;
    r = recover<T>(r, splat<T>(load<f64>(qk + o)), ld<T>(e), ld<T>(c));
    e += rowBytes;
    c += rowBytes;
    const p = mul(splat<T>(load<f64>(uk + o)), r);
    const yv = load<f64>(amps + o);
    if (yv == yv) {
      a = add(a, mul(splat<T>(yv), p));
      b = add(b, mul(p, p));
    }
    if (predAt != 0) scatter<T>(predAt + ((<usize>d0 * <usize>n) << 3) + o, stride, p);
  }
  st<T>(ypAt + (<usize>d0 << 3), a);
  st<T>(ppAt + (<usize>d0 << 3), b);
}

/** Every tauD candidate of one (U, tauF) pair: blocks of 4 vectors, then single vectors, then single f64s. */
function allTauD(): void {
  const n = nSpk, amps = ampsAt, uk = uAt, qk = qAt, eD = eDAt, cD = cDAt, nD = nDs;
  const rowBytes = <usize>nD << 3;
  let d = 0;
  if (predAt == 0) {
    if (ASC_FEATURE_SIMD) {
      for (; d + 8 <= nD; d += 8) block4<v128>(d, n, amps, uk, qk, eD, cD, rowBytes);
    } else {
      for (; d + 4 <= nD; d += 4) block4<f64>(d, n, amps, uk, qk, eD, cD, rowBytes);
    }
  }
  if (ASC_FEATURE_SIMD) {
    for (; d + 2 <= nD; d += 2) block1<v128>(d, n, amps, uk, qk, eD, cD, rowBytes);
  }
  for (; d < nD; d++) block1<f64>(d, n, amps, uk, qk, eD, cD, rowBytes);
}

// ---- the entry point -------------------------------------------------------------------------------

/** Whether [p, p + bytes) is 8-byte aligned and inside [heapBase, memory end). */
function within(p: usize, bytes: u64): bool {
  return (p & 7) == 0 && <u64>p >= <u64>__heap_base && <u64>p + bytes <= (<u64>memory.size() << 16);
}

/** Every value of f64 array `at` (count values) in [lo, hi] (NaN never is); returns OK or refuses the first that is not. */
function inRange(at: usize, count: i32, lo: f64, hi: f64): i32 {
  for (let i = 0; i < count; i++) {
    const p = at + (<usize>i << 3);
    const v = load<f64>(p);
    if (!(v >= lo && v <= hi)) return fail(ERR_BAD_VALUE, p);
  }
  return OK;
}

/**
 * The TM recursion at n spikes (every sweep's, one after another) for the grid of candidates
 * us[nU] x tauFs[nF] x tauDs[nD] (candidate c = (iU nF + iF) nD + iD). Inputs, all f64 arrays:
 * `dts[n]` ms since the sweep's previous spike (> 0, +Infinity at a sweep's first spike: dts[0]
 * must be), `amps[n]` the recorded amplitudes (NaN = missing: left out of the sums), `us` in [0, 1],
 * `tauFs` and `tauDs` in ms (finite, >= 0; 0 = that term off). Writes `scratch`
 * ((nF + 2 nD + 2) n f64: the exponentials and one pair's u), `sums` (2 nU nF nD f64: sum(y p) of
 * candidate c at sums[c], sum(p p) at sums[nU nF nD + c]) and, when `pred` is not 0, `pred`
 * (nU nF nD n f64: p of candidate c at spike k at pred[c n + k]). Every region 8-byte aligned and
 * above heapBase(); the written ones must not overlap the read ones. Returns OK, or ERR_BAD_COUNT
 * (a count < 1), ERR_OVERFLOW (a size beyond 4 GiB), ERR_BAD_POINTER, ERR_BAD_VALUE (errorAt() then
 * gives the value's address), with nothing written.
 */
export function fitTrains(n: i32, dts: usize, amps: usize, nU: i32, us: usize, nF: i32, tauFs: usize, nD: i32, tauDs: usize, scratch: usize, sums: usize, pred: usize): i32 {
  if (n < 1 || nU < 1 || nF < 1 || nD < 1) return fail(ERR_BAD_COUNT, 0);
  const nc = <u64>nU * <u64>nF * <u64>nD;
  const nn = <u64>n;
  const predBytes = pred != 0 ? nc * nn * 8 : 0;
  if (nc * 16 > 0xFFFFFFFF || predBytes > 0xFFFFFFFF || (<u64>nF + 2 * <u64>nD + 2) * nn * 8 > 0xFFFFFFFF) return fail(ERR_OVERFLOW, 0);
  if (!within(dts, nn * 8) || !within(amps, nn * 8) || !within(us, <u64>nU * 8) || !within(tauFs, <u64>nF * 8) ||
    !within(tauDs, <u64>nD * 8) || !within(scratch, (<u64>nF + 2 * <u64>nD + 2) * nn * 8) || !within(sums, nc * 16) ||
    (pred != 0 && !within(pred, predBytes))) return fail(ERR_BAD_POINTER, 0);
  if (load<f64>(dts) != Infinity) return fail(ERR_BAD_VALUE, dts);
  let code = inRange(dts, n, f64.MIN_NORMAL_VALUE, Infinity);
  if (code == OK) code = inRange(us, nU, 0, 1);
  if (code == OK) code = inRange(tauFs, nF, 0, f64.MAX_VALUE);
  if (code == OK) code = inRange(tauDs, nD, 0, f64.MAX_VALUE);
  if (code != OK) return code;
  for (let k = 0; k < n; k++) {
    const p = amps + (<usize>k << 3);
    const y = load<f64>(p);
    if (y == y && !(y - y == 0)) return fail(ERR_BAD_VALUE, p); // an infinity (NaN is "missing")
  }
  fail(OK, 0);
  // the exponentials: eF[f n + k], then eD[k nD + d] (contiguous over tauD, the lanes)
  const eF = scratch;
  const eD = scratch + ((<usize>nF * <usize>n) << 3);
  const cD = eD + ((<usize>n * <usize>nD) << 3);
  for (let f = 0; f < nF; f++) {
    const tau = load<f64>(tauFs + (<usize>f << 3));
    for (let k = 0; k < n; k++) store<f64>(eF + ((<usize>f * <usize>n + <usize>k) << 3), Math.exp(-(load<f64>(dts + (<usize>k << 3)) / tau)));
  }
  for (let k = 0; k < n; k++) {
    const dt = load<f64>(dts + (<usize>k << 3));
    for (let d = 0; d < nD; d++) {
      const o = (<usize>k * <usize>nD + <usize>d) << 3;
      const e = Math.exp(-(dt / load<f64>(tauDs + (<usize>d << 3))));
      store<f64>(eD + o, e);
      store<f64>(cD + o, 1 - e);
    }
  }
  nSpk = n;
  ampsAt = amps;
  uAt = cD + ((<usize>n * <usize>nD) << 3);
  qAt = uAt + (<usize>n << 3);
  eDAt = eD;
  cDAt = cD;
  nDs = nD;
  for (let i = 0; i < nU; i++) {
    const U = load<f64>(us + (<usize>i << 3));
    const omU = 1 - U;
    for (let f = 0; f < nF; f++) {
      let u: f64 = 0;
      for (let k = 0; k < n; k++) {
        const o = <usize>k << 3;
        store<f64>(qAt + o, 1 - u);
        u = U + ((u * omU) * load<f64>(eF + ((<usize>f * <usize>n) << 3) + o));
        store<f64>(uAt + o, u);
      }
      const base = (<usize>i * <usize>nF + <usize>f) * <usize>nD;
      ypAt = sums + (base << 3);
      ppAt = sums + ((<usize>nc + base) << 3);
      predAt = pred != 0 ? pred + ((base * <usize>n) << 3) : 0;
      allTauD();
    }
  }
  return OK;
}
