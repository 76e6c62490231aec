// Benchmark peer "naive-dense": ngc-learn's way, in WASM. Every step updates the whole dynamic
// weight matrix of every trial, Wdyn = W u x s + Wdyn (1 - s), and forms the output as the dense
// product s . Wdyn over all presynaptic rows. Poisson draws (Philox), the u/x updates and the LIF
// are the kernel's. f32x4 SIMD in the dense loops, so that the comparison with the kernel isolates
// the algorithm (dense versus event-driven). The host writes P_* at address 0 and the arrays above.
import { philox, out0, out1, out2, out3, uniform01 } from "../../assembly/rng/philox";

// parameter block (byte offsets)
const P_NPRE = 0, P_NPOST = 4, P_TRIALS = 8, P_K0 = 12, P_K1 = 16, P_PRATE = 20, P_U = 24, P_AF = 28,
  P_AD = 32, P_G = 36, P_INVTAUM = 40, P_R = 44, P_VREST = 48, P_VRESET = 52, P_THR = 56, P_REFRACT = 60,
  P_DT = 64, P_W = 68, P_S = 72, P_UV = 76, P_XV = 80, P_WDYN = 84, P_IN = 88, P_V = 92, P_RFR = 96, P_POST = 100;

@inline function f(p: usize): f32 { return load<f32>(p); }

export function run(steps: i32): void {
  const nPre = load<i32>(P_NPRE), nPost = load<i32>(P_NPOST), K = load<i32>(P_TRIALS);
  const k0 = load<u32>(P_K0), k1 = load<u32>(P_K1);
  const pRate = f(P_PRATE), U = f(P_U), aF = f(P_AF), aD = f(P_AD), g = f(P_G), invTauM = f(P_INVTAUM), R = f(P_R);
  const vRest = f(P_VREST), vReset = f(P_VRESET), thr = f(P_THR), refract = f(P_REFRACT), dt = f(P_DT);
  const W = load<usize>(P_W), S = load<usize>(P_S), UV = load<usize>(P_UV), XV = load<usize>(P_XV);
  const WD = load<usize>(P_WDYN), IN = load<usize>(P_IN), V = load<usize>(P_V), RFR = load<usize>(P_RFR);
  const rows = K * nPre, cols = K * nPost;
  let post = load<i32>(P_POST);
  for (let step = 0; step < steps; step++) {
    for (let gi = 0; gi < rows; gi += 4) {
      philox(<u32>step, <u32>(gi >>> 2), 0, 0, k0, k1);
      store<f32>(S + (<usize>gi << 2), uniform01(out0) < pRate ? 1 : 0);
      if (gi + 1 < rows) store<f32>(S + (<usize>(gi + 1) << 2), uniform01(out1) < pRate ? 1 : 0);
      if (gi + 2 < rows) store<f32>(S + (<usize>(gi + 2) << 2), uniform01(out2) < pRate ? 1 : 0);
      if (gi + 3 < rows) store<f32>(S + (<usize>(gi + 3) << 2), uniform01(out3) < pRate ? 1 : 0);
    }
    for (let t = 0; t < K; t++) {
      const wd = WD + (<usize>(t * nPre * nPost) << 2);
      for (let j = 0; j < nPre; j++) {
        const r = <usize>(t * nPre + j) << 2;
        const s = f(S + r), u0 = f(UV + r), x0 = f(XV + r);
        const un = u0 - u0 * aF + U * (<f32>1 - u0) * s;
        const xn = x0 + (<f32>1 - x0) * aD - un * x0 * s;
        store<f32>(UV + r, un);
        store<f32>(XV + r, xn);
        // the whole row of Wdyn, every step: Wdyn = W u x s + Wdyn (1 - s)
        const c = v128.splat<f32>(un * x0 * s);
        const keep = v128.splat<f32>(<f32>1 - s);
        const row = W + (<usize>(j * nPost) << 2);
        const wrow = wd + (<usize>(j * nPost) << 2);
        let k = 0;
        for (; k + 4 <= nPost; k += 4) {
          const o = <usize>k << 2;
          v128.store(wrow + o, f32x4.add(f32x4.mul(v128.load(row + o), c), f32x4.mul(v128.load(wrow + o), keep)));
        }
        for (; k < nPost; k++) {
          const o = <usize>k << 2;
          store<f32>(wrow + o, f(row + o) * (un * x0 * s) + f(wrow + o) * (<f32>1 - s));
        }
      }
      // out = g * s . Wdyn over every row
      const inp = IN + (<usize>(t * nPost) << 2);
      for (let j = 0; j < nPre; j++) {
        const s = v128.splat<f32>(f(S + (<usize>(t * nPre + j) << 2)));
        const wrow = wd + (<usize>(j * nPost) << 2);
        let k = 0;
        for (; k + 4 <= nPost; k += 4) {
          const o = <usize>k << 2;
          v128.store(inp + o, f32x4.add(v128.load(inp + o), f32x4.mul(f32x4.mul(v128.load(wrow + o), s), v128.splat<f32>(g))));
        }
        for (; k < nPost; k++) {
          const o = <usize>k << 2;
          store<f32>(inp + o, f(inp + o) + f(wrow + o) * f(S + (<usize>(t * nPre + j) << 2)) * g);
        }
      }
    }
    for (let c = 0; c < cols; c++) {
      const o = <usize>c << 2;
      const drive: f32 = f(RFR + o) >= refract ? f(IN + o) * R : 0;
      let v = f(V + o) + ((vRest - f(V + o)) + drive) * invTauM * dt;
      if (v > thr) { v = vReset; store<f32>(RFR + o, 0); post++; } else store<f32>(RFR + o, f(RFR + o) + dt);
      store<f32>(V + o, v);
      store<f32>(IN + o, 0);
    }
  }
  store<i32>(P_POST, post);
}
