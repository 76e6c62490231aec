// Reference of the Tsodyks-Markram synapse (docs/MODEL.md, "Tsodyks-Markram synapse"). It follows the
// equations literally: dense delivery in ngc-learn's dense form (the whole Wdyn matrix updated every
// step and the output summed over every presynaptic row, in rowBlocks(nPre) blocks of rows, each block
// ascending, then the blocks in order), where the kernel reads the spiking rows only; sparse delivery
// connection by connection into a ring of delay slots; state per presynaptic unit or per connection.
import type { Component, NetworkContext } from "../../src/models/model.js";
import { inactivationConstants, inactValues, parameterValues, rateValues, sparseWeights, uniform, type TmParams } from "../../src/models/tm.js";
import { fillInit } from "../../src/core/init.js";
import { rowBlocks } from "../../src/delivery/dense.js";
import { seedKey } from "../../src/core/seed.js";
import { philoxRef, uniformRef } from "../philox.js";
import { f, type ComponentRef } from "./types.js";

/** Per-row (or per-connection) dt/tauF, dt/tauD and three-state constants, as f32 (the kernel's). */
interface Rates { aF: number[]; aD: number[]; dtTauI: number[]; dtH: number[]; hTauI: number[] }

function ratesOf(c: Component<TmParams>, count: number, net: NetworkContext): Rates {
  const p = c.params;
  const r = rateValues(c, count, net);
  const inact = uniform(p.tauInact) !== 0 ? inactValues(c, count, net) : new Float32Array(3 * count);
  const tauF = uniform(p.tauF);
  const tauD = uniform(p.tauD);
  // a uniform tau: the kernel's constant field, f32(dt / tau)
  const aF = tauF !== null ? new Array(count).fill(tauF > 0 ? f(net.dt / tauF) : 0) : Array.from(r.subarray(0, count));
  const aD = tauD !== null ? new Array(count).fill(tauD > 0 ? f(net.dt / tauD) : 0) : Array.from(r.subarray(count));
  const k = inactivationConstants(uniform(p.tauInact) ?? 0, tauD ?? 0, net.dt);
  const uniformInact = uniform(p.tauInact) !== null && tauD !== null;
  return {
    aF, aD,
    dtTauI: uniformInact ? new Array(count).fill(f(k.dtTauI)) : Array.from(inact.subarray(0, count)),
    dtH: uniformInact ? new Array(count).fill(f(k.dtH)) : Array.from(inact.subarray(count, 2 * count)),
    hTauI: uniformInact ? new Array(count).fill(f(k.hTauI)) : Array.from(inact.subarray(2 * count)),
  };
}

/** One exact relaxation over n steps and a spike (s: 0 or 1) from the anchor A[i]: the values the spike uses, and the new anchor. */
function exactStep(A: { u: number[]; x: number[]; y: number[]; z: number[] }, i: number, n: number, s: number, U: number, uR: number, R: Rates, q: number, p: TmParams) {
  const decay = (a: number) => Math.exp(-(n * a));
  const stf = uniform(p.tauF) !== 0;
  const std = uniform(p.tauD) !== 0;
  const inact = uniform(p.tauInact) !== 0;
  const u = stf ? f(uR + f(f(A.u[i] - uR) * f(decay(R.aF[q])))) : U;
  const uNew = stf ? f(u + f(f(U * f(1 - u)) * s)) : U;
  let y = 0;
  let z = 0;
  let xUsed: number;
  if (inact) {
    const tI = n * R.dtTauI[q];
    const h = R.hTauI[q];
    // (exp(-tD) - exp(-tI)) / hTauI, in the form that neither cancels nor overflows
    const pZY = h === 0 ? decay(R.aD[q]) * tI : h > 0 ? decay(R.aD[q]) * (-Math.expm1(-(n * R.dtH[q])) / h) : Math.exp(-tI) * (Math.expm1(n * R.dtH[q]) / h);
    y = f(A.y[i] * f(Math.exp(-tI)));
    z = f(f(A.z[i] * f(decay(R.aD[q]))) + f(A.y[i] * f(pZY)));
    xUsed = Math.max(f(f(1 - y) - z), 0); // at least 0, as the kernel's threeStateX
  } else xUsed = std ? f(1 - f(f(1 - A.x[i]) * f(decay(R.aD[q])))) : 1;
  const rel = f(uNew * xUsed);
  const xNew = std && s ? f(xUsed - rel) : xUsed;
  if (s) {
    A.u[i] = uNew;
    A.x[i] = xNew;
    A.y[i] = inact ? f(y + rel) : 0;
    A.z[i] = z;
  }
  return { u: uNew, x: xUsed, xNew };
}

export class TmRef implements ComponentRef {
  private readonly U: number[];
  private readonly b: number[];
  private readonly u: number[];
  private readonly x: number[];
  /** Exact mode: the state right after the last spike (initially the resting state); per row, or per connection. */
  private readonly anchor: { u: number[]; x: number[]; y: number[]; z: number[]; n: number[] };
  private readonly uSpk: number[];
  private readonly xSpk: number[];
  private readonly R: Rates;
  /** Dense: Wdyn [trial][j nPost + k]; sparse: W per connection, the connections, the ring [trial][slot][k]. */
  private readonly W: number[];
  private readonly wdyn: number[][];
  private readonly rows: Int32Array;
  private readonly posts: Int32Array;
  private readonly delays: (c: number) => number;
  private readonly D: number;
  private readonly ring: number[][][];
  private readonly nnz: number;
  private readonly perConnection: boolean;
  /** This step's spiking rows (1 where the row's spike was taken this step). */
  private readonly spiked: number[];
  /** Quantal release: sites per connection (0: deterministic), the available sites and the released fraction per connection state, the Philox key and stream. */
  private readonly sites: number;
  private readonly avail: number[];
  private readonly rel: number[];
  private readonly key: [number, number];
  private readonly stream: number;

  constructor(private readonly c: Component<TmParams>, private readonly K: number, private readonly dt: number, seed: number | string, net: NetworkContext) {
    const s = c.params;
    const nPre = c.n;
    this.perConnection = s.state === "connection";
    this.nnz = s.sparse ? s.sparse.connections.rows[nPre] : nPre * c.n2;
    const states = this.perConnection ? K * this.nnz : K * nPre;
    this.U = this.perConnection
      ? Array.from(parameterValues(c, s.resources, this.nnz, seed, "resources"))
      : Array.from(fillInit(new Float32Array(nPre), s.resources, seed, `resources:${c.name}`));
    this.R = ratesOf(c, this.perConnection ? this.nnz : nPre, net);
    this.b = s.biases === null ? new Array(c.n2).fill(0) : Array.from(fillInit(new Float32Array(c.n2), s.biases, seed, `biases:${c.name}`));
    // u at rest: U (uRest "U", or STF off: u is U throughout), else 0
    const uOf = (i: number) => (s.uRest === "U" || uniform(s.tauF) === 0 ? this.U[this.perConnection ? i % this.nnz : i % nPre] : 0);
    const u0 = Array.from({ length: states }, (_, i) => uOf(i));
    this.u = u0.slice();
    this.x = new Array(states).fill(1);
    this.anchor = { u: u0.slice(), x: new Array(states).fill(1), y: new Array(states).fill(0), z: new Array(states).fill(0), n: new Array(K * nPre).fill(0) };
    this.uSpk = new Array(states).fill(0);
    this.xSpk = new Array(states).fill(0);
    if (s.sparse) {
      this.rows = s.sparse.connections.rows;
      this.posts = s.sparse.connections.posts;
      this.W = Array.from(sparseWeights(new Float32Array(this.nnz), c, seed));
      const d = s.sparse.delays;
      this.delays = typeof d === "number" ? () => d : (q) => d[q];
      this.D = s.sparse.slots;
      this.ring = Array.from({ length: K }, () => Array.from({ length: this.D }, () => new Array(c.n2).fill(0)));
    } else {
      this.rows = Int32Array.from({ length: nPre + 1 }, (_, j) => j * c.n2);
      this.posts = Int32Array.from({ length: nPre * c.n2 }, (_, q) => q % c.n2);
      this.W = Array.from(fillInit(new Float32Array(nPre * c.n2), s.weights, seed, `weights:${c.name}`));
      this.delays = () => 0;
      this.D = 1;
      this.ring = [];
    }
    this.wdyn = Array.from({ length: K }, () => new Array(this.nnz).fill(0));
    this.spiked = new Array(K * nPre).fill(0);
    this.sites = s.sites;
    this.avail = new Array(this.sites ? states : 0).fill(this.sites);
    this.rel = new Array(this.sites ? states : 0).fill(0);
    this.key = seedKey(seed);
    this.stream = net.components.indexOf(c);
  }

  /**
   * Quantal release at a spike of connection state i (connection q), n steps after the row's last
   * spike, with release probability u (docs/MODEL.md, "Quantal release"): unavailable sites recover
   * with probability 1 - exp(-n dt/tauD) (all of them with STD off), then each available site releases
   * with probability u. Draw m is uniform(word m & 3 of Philox(step, i, stream, 1 + (m >> 2))).
   */
  private release(i: number, q: number, n: number, u: number, step: number): void {
    const N = this.sites;
    const draw = (m: number) => uniformRef(philoxRef([step, i, this.stream, 1 + (m >> 2)], this.key)[m & 3]);
    let a = this.avail[i];
    const down = N - a;
    if (uniform(this.c.params.tauD) === 0) a = N;
    else {
      const pRec = f(-Math.expm1(-(n * this.R.aD[q])));
      for (let m = 0; m < down; m++) if (draw(m) < pRec) a++;
    }
    let released = 0;
    for (let m = 0; m < a; m++) if (draw(N + m) < u) released++;
    this.uSpk[i] = u;
    this.xSpk[i] = f(a / N);
    this.rel[i] = f(released / N);
    this.avail[i] = a - released;
    this.anchor.u[i] = u;
    this.anchor.x[i] = f((a - released) / N);
  }

  /** One step from the presynaptic spikes `pre` (K nPre), adding the output into `post` (K nPost). */
  step(pre: number[], post: number[], step: number): void {
    const S = this.c.params;
    const nPre = this.c.n;
    const nPost = this.c.n2;
    for (let t = 0; t < this.K; t++) {
      for (let j = 0; j < nPre; j++) {
        const r = t * nPre + j;
        const s = pre[r];
        this.spiked[r] = s ? 1 : 0;
        if (this.perConnection) {
          // per connection: every connection of a spiking row relaxes and takes the spike
          const n = this.anchor.n[r] + 1;
          this.anchor.n[r] = s ? 0 : n;
          if (!s) continue;
          for (let q = this.rows[j]; q < this.rows[j + 1]; q++) {
            const i = t * this.nnz + q;
            const U = this.U[q];
            if (this.sites) {
              // u as in the TM model (from a copy of the anchor), then the sites
              const copy = { u: [this.anchor.u[i]], x: [1], y: [0], z: [0] };
              this.release(i, q, n, exactStep(copy, 0, n, 1, U, S.uRest === "U" ? U : 0, this.R, q, S).u, step);
              this.wdyn[t][q] = f(this.W[q] * this.rel[i]);
              continue;
            }
            const v = exactStep(this.anchor, i, n, 1, U, S.uRest === "U" ? U : 0, this.R, q, S);
            this.uSpk[i] = v.u;
            this.xSpk[i] = v.x;
            this.wdyn[t][q] = f(f(this.W[q] * v.u) * v.x);
          }
          continue;
        }
        const U = this.U[j];
        const uR = S.uRest === "U" ? U : 0;
        let uNew: number;
        let xUsed: number;
        let xNew: number;
        if (S.integration === "euler") {
          const u = this.u[r];
          const x = this.x[r];
          const aF = this.R.aF[j];
          const aD = this.R.aD[j];
          // u relaxes to uR: u + (uR - u) aF, written u - u aF when uR = 0
          const relaxed = S.uRest === "U" ? f(u + f(f(U - u) * aF)) : f(u - f(u * aF));
          uNew = uniform(S.tauF) !== 0 ? f(relaxed + f(f(U * f(1 - u)) * s)) : U;
          xUsed = x;
          xNew = uniform(S.tauD) !== 0 ? f(f(x + f(f(1 - x) * aD)) - f(f(uNew * x) * s)) : x;
        } else {
          // relax from the anchor over the n steps since it (exponentials in float64, rounded once)
          const n = this.anchor.n[r] + 1;
          const v = exactStep(this.anchor, r, n, s, U, uR, this.R, j, S);
          uNew = v.u;
          xUsed = v.x;
          xNew = v.xNew;
          this.anchor.n[r] = s ? 0 : n;
        }
        if (s) {
          this.uSpk[r] = uNew;
          this.xSpk[r] = xUsed;
        }
        for (let q = this.rows[j]; q < this.rows[j + 1]; q++) {
          this.wdyn[t][q] = f(f(f(f(this.W[q] * uNew) * xUsed) * s) + f(this.wdyn[t][q] * (1 - s)));
        }
        this.u[r] = uNew;
        this.x[r] = xNew;
      }
      if (S.sparse) this.sparseOutput(pre, post, step, t);
      else this.denseOutput(pre, post, t);
    }
  }

  /** Dense: every row (silent ones add 0) in blocks of rows; out += (g * T) + b. */
  private denseOutput(pre: number[], post: number[], t: number): void {
    const S = this.c.params;
    const nPre = this.c.n;
    const nPost = this.c.n2;
    if (!pre.slice(t * nPre, (t + 1) * nPre).some((s) => s !== 0) && S.biases === null) return;
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

  /** Sparse: this step's spiking rows into the ring (rows ascending, connections in order), then the slot of this step out. */
  private sparseOutput(pre: number[], post: number[], step: number, t: number): void {
    const S = this.c.params;
    const nPre = this.c.n;
    const nPost = this.c.n2;
    const slot = step % this.D;
    for (let j = 0; j < nPre; j++) {
      if (!pre[t * nPre + j]) continue;
      for (let q = this.rows[j]; q < this.rows[j + 1]; q++) {
        const i = this.perConnection ? t * this.nnz + q : t * nPre + j;
        const term = this.sites ? f(this.W[q] * this.rel[i]) : f(f(this.W[q] * this.uSpk[i]) * this.xSpk[i]);
        const at = (slot + this.delays(q)) % this.D;
        this.ring[t][at][this.posts[q]] = f(this.ring[t][at][this.posts[q]] + term);
      }
    }
    for (let k = 0; k < nPost; k++) {
      post[t * nPost + k] = f(post[t * nPost + k] + f(f(this.ring[t][slot][k] * f(S.gConduct)) + this.b[k]));
      this.ring[t][slot][k] = 0;
    }
  }

  values() {
    const S = this.c.params;
    const K = this.K;
    const nPre = this.c.n;
    const out: Record<string, number[] | number[][]> = { wdyn: this.wdyn.map((w) => w.slice()), spiked: this.spiked.slice() };
    if (!this.perConnection) {
      out.u = this.u.slice();
      out.x = this.x.slice();
      out.uSpk = this.uSpk.slice();
      out.xSpk = this.xSpk.slice();
      return out;
    }
    // per connection, by trial: the spikes' u and x, and the current u and x (the anchor, relaxed since the row's last spike)
    const byTrial = (f: (i: number, q: number, j: number, t: number) => number) => Array.from({ length: K }, (_, t) =>
      Array.from({ length: this.nnz }, (__, q) => {
        let j = 0;
        while (this.rows[j + 1] <= q) j++;
        return f(t * this.nnz + q, q, j, t);
      }));
    out.uSpk = byTrial((i) => this.uSpk[i]);
    out.xSpk = byTrial((i) => this.xSpk[i]);
    const now = (i: number, q: number, j: number, t: number) => {
      const n = this.anchor.n[t * nPre + j];
      if (n === 0) return { u: uniform(S.tauF) !== 0 ? this.anchor.u[i] : this.U[q], x: uniform(S.tauD) !== 0 ? this.anchor.x[i] : 1 };
      const copy = { u: [this.anchor.u[i]], x: [this.anchor.x[i]], y: [this.anchor.y[i]], z: [this.anchor.z[i]] };
      const v = exactStep(copy, 0, n, 0, this.U[q], S.uRest === "U" ? this.U[q] : 0, this.R, q, S);
      return { u: v.u, x: v.x };
    };
    out.u = byTrial((i, q, j, t) => now(i, q, j, t).u);
    out.x = byTrial((i, q, j, t) => now(i, q, j, t).x);
    return out;
  }
}
