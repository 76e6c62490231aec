// Benchmark peer "ts-reference": the kernel's event-driven algorithm in plain TypeScript on
// Float32Arrays (Poisson with the same Philox draws, STP Euler state per presynaptic row, output
// from the spiking rows only, LIF Euler), single thread. Arithmetic is JavaScript's (doubles,
// stored to float32), so counts can differ from the kernel's by float32 rounding.
import type { BenchNetwork } from "./scenarios.js";

/** High 32 bits of the 64-bit product of two u32, exactly, from 16-bit halves. */
function mulhi(a: number, b: number): number {
  const aL = a & 0xffff, aH = a >>> 16, bL = b & 0xffff, bH = b >>> 16;
  const lh = aL * bH, hl = aH * bL;
  const mid = ((aL * bL) >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (aH * bH + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
}

/** Philox4x32-10 into out[0..3]. */
function philox(out: Uint32Array, c0: number, c1: number, c2: number, c3: number, k0: number, k1: number): void {
  for (let r = 0; r < 10; r++) {
    const hi0 = mulhi(0xd2511f53, c0), lo0 = Math.imul(0xd2511f53, c0) >>> 0;
    const hi1 = mulhi(0xcd9e8d57, c2), lo1 = Math.imul(0xcd9e8d57, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
    k0 = (k0 + 0x9e3779b9) >>> 0;
    k1 = (k1 + 0xbb67ae85) >>> 0;
  }
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

/** Run `steps` steps from rest; returns the total postsynaptic spikes. */
export function runTs(n: BenchNetwork, steps: number): number {
  const { nPre, nPost, trials: K } = n;
  const rows = K * nPre, cols = K * nPost;
  const s = new Float32Array(rows), u = new Float32Array(rows), x = new Float32Array(rows).fill(1);
  const uS = new Float32Array(rows), xS = new Float32Array(rows);
  const acc = new Float32Array(cols), input = new Float32Array(cols), tmp = new Float32Array(nPost);
  const v = new Float32Array(cols).fill(n.vRest), rfr = new Float32Array(cols).fill(n.refract);
  const words = new Uint32Array(4);
  const W = n.weights;
  let post = 0;
  for (let step = 0; step < steps; step++) {
    for (let g = 0; g < rows; g += 4) {
      philox(words, step, g >>> 2, 0, 0, n.key[0], n.key[1]);
      for (let l = 0; l < 4 && g + l < rows; l++) s[g + l] = (words[l] >>> 8) / 16777216 < n.pRate ? 1 : 0;
    }
    for (let r = 0; r < rows; r++) {
      const u0 = u[r], x0 = x[r];
      let un = u0 - u0 * n.aF, xn = x0 + (1 - x0) * n.aD;
      if (s[r] !== 0) {
        un = un + n.U * (1 - u0);
        uS[r] = un; xS[r] = x0;
        xn = xn - un * x0;
      }
      u[r] = un; x[r] = xn;
    }
    for (let t = 0; t < K; t++) {
      // the kernel's order: each block of rows summed ascending, then the blocks' sums in order
      const a = t * nPost;
      let folded = false;
      let rowSum = 0;
      for (let b = 0; b < n.blocks; b++) {
        const dst = folded ? tmp : acc;
        const d = folded ? 0 : a;
        let blockSum = 0;
        let spiking = 0;
        for (let j = Math.floor((b * nPre) / n.blocks); j < Math.floor(((b + 1) * nPre) / n.blocks); j++) {
          const r = t * nPre + j;
          if (s[r] === 0) continue;
          const c = uS[r] * xS[r];
          if (W === null) blockSum = spiking === 0 ? n.wConst * c : blockSum + n.wConst * c;
          else {
            const row = j * nPost;
            if (spiking === 0) for (let k = 0; k < nPost; k++) dst[d + k] = W[row + k] * c;
            else for (let k = 0; k < nPost; k++) dst[d + k] += W[row + k] * c;
          }
          spiking++;
        }
        if (spiking === 0) continue;
        if (W === null) rowSum = folded ? rowSum + blockSum : blockSum;
        else if (folded) for (let k = 0; k < nPost; k++) acc[a + k] += tmp[k];
        folded = true;
      }
      if (!folded) continue;
      if (W === null) for (let k = 0; k < nPost; k++) input[a + k] += rowSum * n.g;
      else for (let k = 0; k < nPost; k++) input[a + k] += acc[a + k] * n.g;
    }
    for (let c = 0; c < cols; c++) {
      const drive = rfr[c] >= n.refract ? input[c] * n.R : 0;
      let vv = v[c] + ((n.vRest - v[c]) + drive) * n.invTauM * n.dt;
      if (vv > n.thr) { vv = n.vReset; rfr[c] = 0; post++; } else rfr[c] += n.dt;
      v[c] = vv;
      input[c] = 0;
    }
  }
  return post;
}
