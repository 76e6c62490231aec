// Reference of the Tsodyks-Markram synapse with dense delivery (docs/MODEL.md, "Tsodyks-Markram
// synapse"). It follows the equations literally, ngc-learn's dense form: the whole Wdyn matrix is
// updated every step and the output sums over every presynaptic row (in rowBlocks(nPre) blocks of
// rows, each block ascending, then the blocks in order), where the kernel reads the spiking rows only.
import type { Component } from "../../src/models/model.js";
import { inactivationConstants, type TmParams } from "../../src/models/tm.js";
import { fillInit } from "../../src/core/init.js";
import { rowBlocks } from "../../src/delivery/dense.js";
import { f, type ComponentRef } from "./types.js";

export class TmRef implements ComponentRef {
  private readonly W: number[];
  private readonly U: number[];
  private readonly b: number[];
  private readonly u: number[];
  private readonly x: number[];
  /** Exact mode: the state right after the last spike (initially the resting state), and the steps since. */
  private readonly anchor: { u: number[]; x: number[]; y: number[]; z: number[]; n: number[] };
  private readonly wdyn: number[][];
  private readonly inact: { dtTauI: number; dtH: number; hTauI: number };

  constructor(private readonly c: Component<TmParams>, private readonly K: number, private readonly dt: number, seed: number | string) {
    const s = c.params;
    const nPre = c.n;
    this.U = Array.from(fillInit(new Float32Array(nPre), s.resources, seed, `resources:${c.name}`));
    this.W = Array.from(fillInit(new Float32Array(nPre * c.n2), s.weights, seed, `weights:${c.name}`));
    this.b = s.biases === null ? new Array(c.n2).fill(0) : Array.from(fillInit(new Float32Array(c.n2), s.biases, seed, `biases:${c.name}`));
    const u0 = Array.from({ length: K * nPre }, (_, r) => (s.uRest === "U" ? this.U[r % nPre] : 0));
    this.u = u0.slice();
    this.x = new Array(K * nPre).fill(1);
    this.anchor = { u: u0.slice(), x: new Array(K * nPre).fill(1), y: new Array(K * nPre).fill(0), z: new Array(K * nPre).fill(0), n: new Array(K * nPre).fill(0) };
    this.wdyn = Array.from({ length: K }, () => new Array(nPre * c.n2).fill(0));
    this.inact = inactivationConstants(s, dt);
  }

  /** One step from the presynaptic spikes `pre` (K nPre), adding the output into `post` (K nPost). */
  step(pre: number[], post: number[]): void {
    const S = this.c.params;
    const nPre = this.c.n;
    const nPost = this.c.n2;
    for (let t = 0; t < this.K; t++) {
      for (let j = 0; j < nPre; j++) {
        const r = t * nPre + j;
        const s = pre[r];
        const U = this.U[j];
        const uR = S.uRest === "U" ? U : 0;
        let uNew: number;
        let xUsed: number;
        let xNew: number;
        if (S.integration === "euler") {
          const u = this.u[r];
          const x = this.x[r];
          const aF = f(this.dt / S.tauF);
          const aD = f(this.dt / S.tauD);
          // u relaxes to uR: u + (uR - u) aF, written u - u aF when uR = 0
          const relaxed = S.uRest === "U" ? f(u + f(f(U - u) * aF)) : f(u - f(u * aF));
          uNew = S.tauF > 0 ? f(relaxed + f(f(U * f(1 - u)) * s)) : U;
          xUsed = x;
          xNew = S.tauD > 0 ? f(f(x + f(f(1 - x) * aD)) - f(f(uNew * x) * s)) : x;
        } else {
          // relax from the anchor over the n steps since it (exponentials in float64, rounded once)
          const A = this.anchor;
          const n = A.n[r] + 1;
          const decay = (tau: number) => Math.exp(-(n * f(this.dt / tau)));
          const u = S.tauF > 0 ? f(uR + f(f(A.u[r] - uR) * f(decay(S.tauF)))) : U;
          uNew = S.tauF > 0 ? f(u + f(f(U * f(1 - u)) * s)) : U;
          let y = 0;
          let z = 0;
          if (S.tauInact > 0) {
            const { dtTauI, dtH, hTauI } = this.inact;
            const tI = n * f(dtTauI);
            // (exp(-tD) - exp(-tI)) / hTauI, in the form that neither cancels nor overflows
            const h = f(hTauI);
            const pZY = h === 0 ? decay(S.tauD) * tI : h > 0 ? decay(S.tauD) * (-Math.expm1(-(n * f(dtH))) / h) : Math.exp(-tI) * (Math.expm1(n * f(dtH)) / h);
            y = f(A.y[r] * f(Math.exp(-tI)));
            z = f(f(A.z[r] * f(decay(S.tauD))) + f(A.y[r] * f(pZY)));
            xUsed = f(f(1 - y) - z);
          } else xUsed = S.tauD > 0 ? f(1 - f(f(1 - A.x[r]) * f(decay(S.tauD)))) : this.x[r];
          const rel = f(uNew * xUsed);
          xNew = S.tauD > 0 && s ? f(xUsed - rel) : xUsed;
          if (s) {
            A.u[r] = uNew;
            A.x[r] = xNew;
            A.y[r] = S.tauInact > 0 ? f(y + rel) : 0;
            A.z[r] = z;
            A.n[r] = 0;
          } else A.n[r] = n;
        }
        for (let k = 0; k < nPost; k++) {
          const m = j * nPost + k;
          this.wdyn[t][m] = f(f(f(f(this.W[m] * uNew) * xUsed) * s) + f(this.wdyn[t][m] * (1 - s)));
        }
        this.u[r] = uNew;
        this.x[r] = xNew;
      }
      if (!pre.slice(t * nPre, (t + 1) * nPre).some((s) => s !== 0) && S.biases === null) continue;
      const blocks = rowBlocks(nPre);
      const blockStart = (b: number) => Math.floor((b * nPre) / blocks);
      for (let k = 0; k < nPost; k++) {
        // the rows in `blocks` blocks: each block summed in ascending j, then the blocks' sums in order
        let sum = 0;
        for (let b = 0; b < blocks; b++) {
          let part = 0;
          for (let j = blockStart(b); j < blockStart(b + 1); j++) part = f(part + f(pre[t * nPre + j] * this.wdyn[t][j * nPost + k]));
          sum = f(sum + part);
        }
        post[t * nPost + k] = f(post[t * nPost + k] + f(f(f(S.gConduct) * sum) + this.b[k]));
      }
    }
  }

  values() {
    return { u: this.u.slice(), x: this.x.slice(), wdyn: this.wdyn.map((w) => w.slice()) };
  }
}
