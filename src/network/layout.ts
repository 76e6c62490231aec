// Memory layout: plans where every record and array of a validated network lives in the kernel's
// linear memory, then writes the header, the records and the parameters there.
import * as A from "../../assembly/abi.js";
import type { LifSpec, NetworkSpec, SynapseSpec } from "./options.js";
import { constantOf, fillInit } from "../core/init.js";
import { seedKey } from "../core/seed.js";
import { HEAP_BASE } from "../core/memory.js";
import { CTL_BYTES } from "../runtime/threads.js";
import { expIntegral } from "../science/theory.js";

/** Polls of the barrier before a waiting thread sleeps (about a tenth of a millisecond). */
export const DEFAULT_SPINS = 100_000;
/** Default bytes given to record buffers per chunk. */
export const RECORD_BUDGET = 64 * 1024 * 1024;

export interface SourceLayout { rec: number; spikes: number; counts: number; inputs: number; offsets: number; times: number; cursor: number }
export interface SynapseLayout {
  rec: number; w: number; resources: number; bias: number; u: number; x: number; uSpk: number; xSpk: number;
  spiked: number; cu: number; cx: number; list: number; acc: number;
  /** Blocks of presynaptic rows in the output's sum (rowBlocks), and scratch slots per trial. */
  blocks: number; slots: number;
  uAnch: number; xAnch: number; yAnch: number; zAnch: number; nSince: number;
}
export interface LifLayout { rec: number; input: number; v: number; rfr: number; theta: number; spikes: number; counts: number; iSyn: number }
export interface RecordLayout { rec: number; idx: number; idx2: number; dst: number; elemBytes: number }
export interface Layout {
  net: number;
  /** The barrier runSlice's workers meet at (BARRIER_BYTES). */
  barrier: number;
  /** The thread pool's control block (CTL_BYTES; the host's, not the kernel's). */
  ctl: number;
  sources: SourceLayout[];
  synapses: SynapseLayout[];
  lifs: LifLayout[];
  records: RecordLayout[];
  /** Rows each record buffer holds. */
  capacity: number;
  /** First byte past the layout. */
  end: number;
}

/**
 * Blocks of presynaptic rows that a synapse's output sums one by one and then adds in block order
 * (assembly/stp.ts). It fixes the order of the additions, so it depends on nPre alone, never on the
 * number of threads: one block (the plain ascending sum) below 8192 rows; else the largest of 2, 4
 * and 8 that leaves every block at least 4096 rows (few blocks: each block's last rows cost the
 * one-thread path a partial pass). Several threads on one trial then each take whole blocks of rows.
 */
export function rowBlocks(nPre: number): number {
  let blocks = 1;
  while (blocks < 8 && nPre >= 2 * blocks * 4096) blocks *= 2;
  return blocks;
}

/** Rows per half of a synapse's double buffers: K nPre rounded up to 16 (a 64-byte line). */
export function halfLength(rows: number): number {
  return Math.ceil(rows / 16) * 16;
}

class Arena {
  offset = HEAP_BASE;
  /** `bytes` bytes, 64-byte aligned (a cache line: SIMD loads, and workers share no line at array starts). */
  alloc(bytes: number): number {
    this.offset = Math.ceil(this.offset / 64) * 64;
    const p = this.offset;
    this.offset += Math.max(bytes, 0);
    return p;
  }
}

/**
 * Plan the layout; `capacity` is the number of record rows per chunk. The descriptors the kernel
 * reads during a run (header, record tables, spike-train offsets and times, record index arrays)
 * come first, then the barrier and the thread pool's control block, then the arrays the kernel
 * writes: the kernel refuses a written array inside the descriptors' span (docs/ABI.md).
 */
export function planLayout(spec: NetworkSpec, capacityHint: number, threads = 1): Layout {
  const a = new Arena();
  const K = spec.trials;
  const net = a.alloc(A.NET_BYTES);
  const srcRecs = a.alloc(A.SRC_BYTES * spec.sources.length);
  const synRecs = a.alloc(A.SYN_BYTES * spec.synapses.length);
  const lifRecs = a.alloc(A.LIF_BYTES * spec.lifs.length);
  const recRecs = a.alloc(A.REC_BYTES * spec.records.length);
  const trains = spec.sources.map((s) => ({ offsets: a.alloc(4 * s.offsets.length), times: a.alloc(4 * s.steps.length) }));
  const indices = spec.records.map((r) => ({ idx: a.alloc(4 * r.columns), idx2: r.variable === "wdyn" ? a.alloc(4 * r.columns) : 0 }));
  const barrier = a.alloc(A.BARRIER_BYTES);
  const ctl = a.alloc(CTL_BYTES);
  const sources = spec.sources.map((s, i) => ({
    rec: srcRecs + i * A.SRC_BYTES,
    spikes: a.alloc(4 * K * s.n),
    counts: a.alloc(4 * K * s.n),
    inputs: a.alloc(4 * K * s.n),
    ...trains[i],
    cursor: a.alloc(4 * K * s.n),
  }));
  const lifs = spec.lifs.map((l, i) => ({
    rec: lifRecs + i * A.LIF_BYTES,
    input: a.alloc(4 * K * l.n),
    v: a.alloc(4 * K * l.n),
    rfr: a.alloc(4 * K * l.n),
    theta: a.alloc(4 * K * l.n),
    spikes: a.alloc(4 * K * l.n),
    counts: a.alloc(4 * K * l.n),
    iSyn: a.alloc(4 * K * l.n),
  }));
  const synapses = spec.synapses.map((s, i) => {
    const blocks = rowBlocks(s.nPre);
    // a slot per block when threads share a trial (then each sums its own blocks), else two
    const slots = blocks > 1 && K < threads ? blocks : Math.min(blocks, 2);
    return {
      rec: synRecs + i * A.SYN_BYTES,
      blocks,
      slots,
      w: constantOf(s.weights) === null ? a.alloc(4 * s.nPre * s.nPost) : 0,
      resources: a.alloc(4 * s.nPre),
      bias: s.biases === null ? 0 : a.alloc(4 * s.nPost),
      u: a.alloc(4 * K * s.nPre),
      x: a.alloc(4 * K * s.nPre),
      uSpk: a.alloc(4 * K * s.nPre),
      xSpk: a.alloc(4 * K * s.nPre),
      spiked: a.alloc(8 * halfLength(K * s.nPre)),
      cu: a.alloc(8 * halfLength(K * s.nPre)),
      cx: a.alloc(8 * halfLength(K * s.nPre)),
      list: a.alloc(24 * halfLength(K * s.nPre)),
      acc: a.alloc(4 * K * (slots * s.nPost + blocks)),
      uAnch: a.alloc(4 * K * s.nPre),
      xAnch: a.alloc(4 * K * s.nPre),
      yAnch: a.alloc(4 * K * s.nPre),
      zAnch: a.alloc(4 * K * s.nPre),
      nSince: a.alloc(4 * K * s.nPre),
    };
  });
  const rowBytes = spec.records.reduce((sum, r) => sum + r.columns * (r.variable === "spikes" ? 1 : 4), 0);
  const capacity = rowBytes === 0 ? 0 : Math.max(1, Math.min(capacityHint, Math.floor(RECORD_BUDGET / rowBytes)));
  const records = spec.records.map((r, i) => {
    const elemBytes = r.variable === "spikes" ? 1 : 4;
    return { rec: recRecs + i * A.REC_BYTES, ...indices[i], dst: a.alloc(elemBytes * r.columns * capacity), elemBytes };
  });
  return { net, barrier, ctl, sources, synapses, lifs, records, capacity, end: a.offset };
}

const f32 = Math.fround;

const LIF_METHODS = { euler: A.LIF_METHOD_EULER, midpoint: A.LIF_METHOD_MIDPOINT, exact: A.LIF_METHOD_EXACT } as const;

/**
 * The LIF's per-step constants, in float64 (the kernel stores them as float32). With a = gL / tauM
 * and b = 1 / tauSyn (1/ms), over one step of dt ms, exactly:
 *   p22 = exp(-a dt)
 *   p21 = (1/tauM) * integral_0^dt exp(-a (dt - s)) c(s) ds, for a drive c(s) = 1 constant over the
 *         step (tauSyn = 0): (1 - exp(-a dt)) / (a tauM), and dt / tauM when a = 0;
 *         or decaying from 1 as exp(-b s) (tauSyn > 0): exp(-b dt) (1 - exp(-(a - b) dt)) / ((a - b) tauM),
 *         and dt exp(-b dt) / tauM in the limit a = b (tauSyn = tauM / gL): no division by zero.
 * expm1 keeps both forms accurate near their limits.
 */
export function lifPropagators(l: LifSpec, dt: number): { p22: number; p21: number; synDecay: number; synDecayHalf: number } {
  const a = l.conductLeak / l.tauM;
  const p22 = Math.exp(-a * dt);
  if (l.tauSyn > 0) {
    const b = 1 / l.tauSyn;
    return { p22, p21: Math.exp(-b * dt) * expIntegral(dt, a - b) / l.tauM, synDecay: Math.exp(-b * dt), synDecayHalf: Math.exp(-b * dt / 2) };
  }
  return { p22, p21: expIntegral(dt, a) / l.tauM, synDecay: 0, synDecayHalf: 0 };
}

/**
 * The three-state synapse's constants (tauInact > 0): dt / tauInact, and h = 1/tauInact - 1/tauD
 * as dt * h and h * tauInact = 1 - tauInact / tauD. The inactive fraction fed by the active one
 * over time t is yA * exp(-t/tauD) * (1 - exp(-h t)) / (h tauInact); when tauInact == tauD (h = 0) the
 * kernel uses the limit yA * exp(-t/tauD) * t / tauInact, so both are stored as exactly 0.
 */
export function inactivationConstants(s: SynapseSpec, dt: number): { dtTauI: number; dtH: number; hTauI: number } {
  if (!(s.tauInact > 0)) return { dtTauI: 0, dtH: 0, hTauI: 0 };
  const h = 1 / s.tauInact - 1 / s.tauD;
  const hTauI = 1 - s.tauInact / s.tauD;
  // a difference float32 cannot hold is the limit case
  if (f32(hTauI) === 0 || f32(dt * h) === 0) return { dtTauI: dt / s.tauInact, dtH: 0, hTauI: 0 };
  return { dtTauI: dt / s.tauInact, dtH: dt * h, hTauI };
}

/** Write the header, records and parameters of `spec` at `layout` into `buffer`. */
export function writeLayout(buffer: ArrayBufferLike, spec: NetworkSpec, layout: Layout): void {
  const dv = new DataView(buffer);
  const i32 = (p: number, v: number) => dv.setInt32(p, v, true);
  const u32 = (p: number, v: number) => dv.setUint32(p, v >>> 0, true);
  const fl = (p: number, v: number) => dv.setFloat32(p, v, true);
  const K = spec.trials;
  const { net } = layout;
  const [k0, k1] = seedKey(spec.seed);
  u32(net + A.NET_MAGIC, A.NET_MAGIC_VALUE);
  u32(net + A.NET_VERSION, A.ABI_VERSION);
  i32(net + A.NET_TRIALS, K);
  i32(net + A.NET_STEP, 0);
  fl(net + A.NET_DT, spec.dt);
  u32(net + A.NET_SEED0, k0);
  u32(net + A.NET_SEED1, k1);
  i32(net + A.NET_NSRC, spec.sources.length);
  i32(net + A.NET_SRC, layout.sources[0]?.rec ?? 0);
  i32(net + A.NET_NSYN, spec.synapses.length);
  i32(net + A.NET_SYN, layout.synapses[0]?.rec ?? 0);
  i32(net + A.NET_NLIF, spec.lifs.length);
  i32(net + A.NET_LIF, layout.lifs[0]?.rec ?? 0);
  i32(net + A.NET_NREC, spec.records.length);
  i32(net + A.NET_REC, layout.records[0]?.rec ?? 0);
  i32(net + A.NET_REC_CAP, layout.capacity);
  i32(net + A.NET_REC_ROW, 0);
  i32(net + A.NET_BARRIER, layout.barrier);
  i32(net + A.NET_SPINS, DEFAULT_SPINS);
  i32(layout.barrier + A.BARRIER_COUNT, 0);
  i32(layout.barrier + A.BARRIER_GEN, 0);

  spec.sources.forEach((s, i) => {
    const L = layout.sources[i];
    i32(L.rec + A.SRC_KIND, s.kind === "poisson" ? A.SRC_KIND_POISSON : A.SRC_KIND_TRAIN);
    i32(L.rec + A.SRC_N, s.n);
    u32(L.rec + A.SRC_STREAM, i);
    i32(L.rec + A.SRC_SPIKES, L.spikes);
    i32(L.rec + A.SRC_COUNTS, L.counts);
    i32(L.rec + A.SRC_INPUTS, L.inputs);
    fl(L.rec + A.SRC_PRATE, s.rateHz * spec.dt / 1000);
    i32(L.rec + A.SRC_OFFSETS, L.offsets);
    i32(L.rec + A.SRC_TIMES, L.times);
    i32(L.rec + A.SRC_CURSOR, L.cursor);
    const inputs = new Float32Array(buffer, L.inputs, K * s.n);
    if (typeof s.inputs === "number") inputs.fill(s.inputs);
    else for (let t = 0; t < K; t++) inputs.set(s.inputs, t * s.n);
    new Int32Array(buffer, L.offsets, s.offsets.length).set(s.offsets);
    new Int32Array(buffer, L.times, s.steps.length).set(s.steps);
  });

  spec.lifs.forEach((l, i) => {
    const L = layout.lifs[i];
    i32(L.rec + A.LIF_N, l.n);
    i32(L.rec + A.LIF_INPUT, L.input);
    i32(L.rec + A.LIF_V, L.v);
    i32(L.rec + A.LIF_RFR, L.rfr);
    i32(L.rec + A.LIF_THETA, L.theta);
    i32(L.rec + A.LIF_SPIKES, L.spikes);
    i32(L.rec + A.LIF_COUNTS, L.counts);
    fl(L.rec + A.LIF_INV_TAU_M, 1 / l.tauM);
    fl(L.rec + A.LIF_R, l.resistM);
    fl(L.rec + A.LIF_V_REST, l.vRest);
    fl(L.rec + A.LIF_V_RESET, l.vReset);
    fl(L.rec + A.LIF_THR, l.thr);
    fl(L.rec + A.LIF_REFRACT, l.refractTime);
    fl(L.rec + A.LIF_THETA_DECAY, l.tauTheta > 0 ? Math.exp(-spec.dt / l.tauTheta) : 0);
    fl(L.rec + A.LIF_THETA_PLUS, l.thetaPlus);
    fl(L.rec + A.LIF_G_L, l.conductLeak);
    fl(L.rec + A.LIF_V_MIN, l.vMin ?? 0);
    i32(L.rec + A.LIF_FLAGS, (l.tauTheta > 0 ? A.LIF_FLAG_THETA : 0) | (l.vMin !== null ? A.LIF_FLAG_VMIN : 0) | (l.tauSyn > 0 ? A.LIF_FLAG_SYN : 0));
    i32(L.rec + A.LIF_METHOD, LIF_METHODS[l.integration]);
    i32(L.rec + A.LIF_ISYN, L.iSyn);
    const p = lifPropagators(l, spec.dt);
    fl(L.rec + A.LIF_SYN_DECAY, p.synDecay);
    fl(L.rec + A.LIF_SYN_DECAY_HALF, p.synDecayHalf);
    fl(L.rec + A.LIF_P22, p.p22);
    fl(L.rec + A.LIF_P21, p.p21);
  });

  spec.synapses.forEach((s, i) => {
    const L = layout.synapses[i];
    const pre = s.pre.kind === "source" ? layout.sources[s.pre.index].spikes : layout.lifs[s.pre.index].spikes;
    i32(L.rec + A.SYN_NPRE, s.nPre);
    i32(L.rec + A.SYN_NPOST, s.nPost);
    i32(L.rec + A.SYN_PRE_SPIKES, pre);
    i32(L.rec + A.SYN_POST_INPUT, layout.lifs[s.post].input);
    i32(L.rec + A.SYN_W, L.w);
    fl(L.rec + A.SYN_W_CONST, constantOf(s.weights) ?? 0);
    if (L.w !== 0) fillInit(new Float32Array(buffer, L.w, s.nPre * s.nPost), s.weights, spec.seed, `weights:${s.name}`);
    i32(L.rec + A.SYN_RESOURCES, L.resources);
    fillInit(new Float32Array(buffer, L.resources, s.nPre), s.resources, spec.seed, `resources:${s.name}`);
    fl(L.rec + A.SYN_DT_TAUF, s.tauF > 0 ? spec.dt / s.tauF : 0);
    fl(L.rec + A.SYN_DT_TAUD, s.tauD > 0 ? spec.dt / s.tauD : 0);
    i32(L.rec + A.SYN_BLOCKS, L.blocks);
    i32(L.rec + A.SYN_ACC_SLOTS, L.slots);
    fl(L.rec + A.SYN_G, s.gConduct);
    i32(L.rec + A.SYN_BIAS, L.bias);
    if (L.bias !== 0 && s.biases !== null) fillInit(new Float32Array(buffer, L.bias, s.nPost), s.biases, spec.seed, `biases:${s.name}`);
    i32(L.rec + A.SYN_UVAR, L.u);
    i32(L.rec + A.SYN_XVAR, L.x);
    i32(L.rec + A.SYN_USPK, L.uSpk);
    i32(L.rec + A.SYN_XSPK, L.xSpk);
    i32(L.rec + A.SYN_ACC, L.acc);
    i32(L.rec + A.SYN_SPIKED, L.spiked);
    i32(L.rec + A.SYN_CU, L.cu);
    i32(L.rec + A.SYN_CX, L.cx);
    i32(L.rec + A.SYN_LIST, L.list);
    i32(L.rec + A.SYN_MODE, s.integration === "exact" ? A.SYN_MODE_EXACT : A.SYN_MODE_EULER);
    i32(L.rec + A.SYN_FLAGS, (s.tauF > 0 ? A.SYN_FLAG_STF : 0) | (s.tauD > 0 ? A.SYN_FLAG_STD : 0) |
      (s.uRest === "U" ? A.SYN_FLAG_UREST_U : 0) | (s.tauInact > 0 ? A.SYN_FLAG_INACT : 0));
    i32(L.rec + A.SYN_UANCH, L.uAnch);
    i32(L.rec + A.SYN_XANCH, L.xAnch);
    i32(L.rec + A.SYN_YANCH, L.yAnch);
    i32(L.rec + A.SYN_ZANCH, L.zAnch);
    i32(L.rec + A.SYN_NSINCE, L.nSince);
    const c = inactivationConstants(s, spec.dt);
    fl(L.rec + A.SYN_DT_TAUI, c.dtTauI);
    fl(L.rec + A.SYN_DT_H, c.dtH);
    fl(L.rec + A.SYN_H_TAUI, c.hTauI);
  });

  spec.records.forEach((r, i) => {
    const L = layout.records[i];
    const idx = new Int32Array(buffer, L.idx, r.columns);
    let src = 0;
    let kind: number = A.REC_KIND_F32;
    let n = 0;
    if (r.target.kind === "source") {
      const s = layout.sources[r.target.index];
      n = spec.sources[r.target.index].n;
      src = s.spikes;
      kind = A.REC_KIND_SPIKE;
    } else if (r.target.kind === "lif") {
      const l = layout.lifs[r.target.index];
      n = spec.lifs[r.target.index].n;
      const arrays: Record<string, number> = { v: l.v, spikes: l.spikes, rfr: l.rfr, theta: l.theta, isyn: l.iSyn };
      src = arrays[r.variable];
      if (r.variable === "spikes") kind = A.REC_KIND_SPIKE;
    } else {
      const s = layout.synapses[r.target.index];
      n = spec.synapses[r.target.index].nPre;
      if (r.variable === "wdyn") {
        src = s.rec;
        kind = A.REC_KIND_WDYN;
      } else src = r.variable === "u" ? s.u : s.x;
    }
    let m = 0;
    if (kind === A.REC_KIND_WDYN) {
      const idx2 = new Int32Array(buffer, L.idx2, r.columns);
      const nPost = spec.synapses[r.target.index].nPost;
      const perTrial = r.columns / r.trials.length;
      for (const t of r.trials) {
        for (let c = 0; c < perTrial; c++) {
          const [j, k] = r.pairs ? r.pairs[c] : [Math.floor(c / nPost), c % nPost];
          idx[m] = t * n + j;
          idx2[m++] = k;
        }
      }
    } else {
      const perTrial = r.columns / r.trials.length;
      for (const t of r.trials) for (let c = 0; c < perTrial; c++) idx[m++] = t * n + (r.units ? r.units[c] : c);
    }
    i32(L.rec + A.REC_KIND, kind);
    i32(L.rec + A.REC_SRC, src);
    i32(L.rec + A.REC_IDX, L.idx);
    i32(L.rec + A.REC_IDX2, L.idx2);
    i32(L.rec + A.REC_COUNT, r.columns);
    i32(L.rec + A.REC_DST, L.dst);
    i32(L.rec + A.REC_UNITS, n);
  });
}
