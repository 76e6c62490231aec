// A network written into the kernel's memory by hand, following docs/ABI.md alone: it imports
// nothing from src/ and does not use @assemblyscript/loader. The shape is the lesson's, widened:
// a Poisson (or spike-train) source z0 of n0 units -> STP synapse W (constant weight) -> LIF z1 of
// n1 units, K trials, every state variable recorded.
import { readFileSync } from "node:fs";

/** The numbers of docs/ABI.md (version 6), transcribed from its tables. */
export const ABI = {
  ABI_VERSION: 8, NET_MAGIC_VALUE: 0x57505453,
  NET_MAGIC: 0, NET_VERSION: 4, NET_TRIALS: 8, NET_STEP: 12, NET_DT: 16, NET_SEED0: 20, NET_SEED1: 24,
  NET_NSRC: 28, NET_SRC: 32, NET_NSYN: 36, NET_SYN: 40, NET_NLIF: 44, NET_LIF: 48, NET_NREC: 52,
  NET_REC: 56, NET_REC_CAP: 60, NET_REC_ROW: 64, NET_BARRIER: 68, NET_SPINS: 72, NET_BYTES: 80,
  BARRIER_COUNT: 0, BARRIER_GEN: 4, BARRIER_BYTES: 8,
  SRC_KIND_POISSON: 0, SRC_KIND_TRAIN: 1,
  SRC_KIND: 0, SRC_N: 4, SRC_STREAM: 8, SRC_SPIKES: 12, SRC_COUNTS: 16, SRC_INPUTS: 20, SRC_PRATE: 24,
  SRC_OFFSETS: 28, SRC_TIMES: 32, SRC_CURSOR: 36, SRC_BYTES: 40,
  SYN_MODE_EULER: 0, SYN_MODE_EXACT: 1, SYN_FLAG_STF: 1, SYN_FLAG_STD: 2, SYN_FLAG_UREST_U: 4, SYN_FLAG_INACT: 8,
  SYN_NPRE: 0, SYN_NPOST: 4, SYN_PRE_SPIKES: 8, SYN_POST_INPUT: 12, SYN_W: 16, SYN_W_CONST: 20,
  SYN_RESOURCES: 24, SYN_DT_TAUF: 28, SYN_DT_TAUD: 32, SYN_BLOCKS: 36, SYN_ACC_SLOTS: 40, SYN_G: 44,
  SYN_BIAS: 48, SYN_UVAR: 52, SYN_XVAR: 56, SYN_USPK: 60, SYN_XSPK: 64, SYN_ACC: 68, SYN_MODE: 72,
  SYN_FLAGS: 76, SYN_SPIKED: 80, SYN_UANCH: 84, SYN_XANCH: 88, SYN_YANCH: 92, SYN_ZANCH: 96,
  SYN_NSINCE: 100, SYN_DT_TAUI: 104, SYN_DT_H: 108, SYN_H_TAUI: 112, SYN_CU: 116, SYN_CX: 120, SYN_LIST: 124, SYN_BYTES: 128,
  LIF_METHOD_EULER: 0, LIF_METHOD_MIDPOINT: 1, LIF_METHOD_EXACT: 2,
  LIF_FLAG_THETA: 1, LIF_FLAG_VMIN: 2, LIF_FLAG_SYN: 4,
  LIF_N: 0, LIF_INPUT: 4, LIF_V: 8, LIF_RFR: 12, LIF_THETA: 16, LIF_SPIKES: 20, LIF_COUNTS: 24,
  LIF_INV_TAU_M: 28, LIF_R: 32, LIF_V_REST: 36, LIF_V_RESET: 40, LIF_THR: 44, LIF_REFRACT: 48,
  LIF_THETA_DECAY: 52, LIF_THETA_PLUS: 56, LIF_G_L: 60, LIF_V_MIN: 64, LIF_FLAGS: 68, LIF_METHOD: 72,
  LIF_ISYN: 76, LIF_SYN_DECAY: 80, LIF_SYN_DECAY_HALF: 84, LIF_P22: 88, LIF_P21: 92, LIF_BYTES: 96,
  REC_KIND_F32: 0, REC_KIND_SPIKE: 1, REC_KIND_WDYN: 2,
  REC_KIND: 0, REC_SRC: 4, REC_IDX: 8, REC_IDX2: 12, REC_COUNT: 16, REC_DST: 20, REC_UNITS: 24, REC_BYTES: 32,
  OK: 0, ERR_BAD_HEADER: 1, ERR_BAD_STEPS: 2, ERR_RECORD_FULL: 3, ERR_BAD_RECORD: 4, ERR_BAD_KIND: 5,
  ERR_BAD_THREADS: 6, ERR_BAD_POINTER: 7, ERR_OVERFLOW: 8, ERR_BAD_VALUE: 9, ERR_OVERLAP: 10,
  ERR_BAD_TRAIN: 11, ERR_BAD_COUNT: 12,
} as const;

export type Build = "shared-simd" | "shared" | "plain-simd" | "plain";
export const BUILDS: Build[] = ["shared-simd", "shared", "plain-simd", "plain"];

/** The functions docs/ABI.md section 3 lists. */
export interface KernelFunctions {
  abiVersion(): number;
  heapBase(): number;
  init(net: number): number;
  run(net: number, nSteps: number): number;
  runSlice(net: number, nSteps: number, worker: number, workers: number): number;
  record(net: number): number;
  errorAt(): number;
  philox4x32(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: number): number;
}

export interface RawKernel {
  instance: WebAssembly.Instance;
  fns: KernelFunctions;
  memory: WebAssembly.Memory;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The .wasm file of a build, as the package ships it. */
export function wasmBytes(build: Build): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(new URL(`../../build/stp.${build}.wasm`, import.meta.url)));
}

/** Instantiate a build on a new memory of `pages` pages (shared for the shared builds). */
export async function instantiate(build: Build, pages: number): Promise<RawKernel> {
  const shared = build.startsWith("shared");
  const memory = new WebAssembly.Memory(shared ? { initial: pages, maximum: 65536, shared: true } : { initial: pages });
  const bytes = wasmBytes(build);
  const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
  return { instance, fns: instance.exports as unknown as KernelFunctions, memory, bytes };
}

export interface RawParams {
  trials: number;
  /** ms */
  dt: number;
  /** Philox key (NET_SEED0, NET_SEED1). */
  key: [number, number];
  n0: number;
  n1: number;
  /** Poisson rate in Hz; ignored when spikeSteps is given. */
  rateHz: number;
  /** A spike-train source instead: the step indices of each of the n0 units. */
  spikeSteps?: number[][];
  U: number;
  /** ms; 0 = off */
  tauF: number;
  /** ms; 0 = off */
  tauD: number;
  W: number;
  /** ms */
  tauM: number;
  R: number;
  /** mV */
  vRest: number;
  vReset: number;
  thr: number;
  /** Record rows. */
  capacity: number;
}

/** The lesson's STF setting (DESIGN section 1), for one Poisson unit and one LIF. */
export const LESSON: Omit<RawParams, "key" | "rateHz" | "capacity"> = {
  trials: 1, dt: 1, n0: 1, n1: 1, U: 0.15, tauF: 750, tauD: 50, W: 2.5, tauM: 20, R: 240, vRest: -60, vReset: -70, thr: -50,
};

/** Recorded variables: z0 spikes, W u, W x, W wdyn (column k = 0), z1 v, z1 spikes, every (trial, unit). */
export const RECORDS = ["z0.spikes", "W.u", "W.x", "W.wdyn", "z1.v", "z1.spikes"] as const;
export type RecordName = (typeof RECORDS)[number];

export interface RawLayout {
  net: number;
  src: number;
  syn: number;
  lif: number;
  rec: number;
  /** Every array by name, e.g. "z0.spikes", "W.u", "z1.input", "rec.W.u.dst". */
  at: Record<string, number>;
  /** Values per record row, by record name. */
  columns: Record<RecordName, number>;
  /** First byte past the layout. */
  end: number;
}

/** Lay the network out from `base` and write it (descriptors first, docs/ABI.md section 5). */
export function writeNetwork(memory: WebAssembly.Memory, base: number, p: RawParams): RawLayout {
  const A = ABI;
  const K = p.trials;
  let next = base;
  const alloc = (bytes: number) => {
    next = Math.ceil(next / 16) * 16;
    const at = next;
    next += bytes;
    return at;
  };
  const train = p.spikeSteps !== undefined;
  const columns: Record<RecordName, number> = {
    "z0.spikes": K * p.n0, "W.u": K * p.n0, "W.x": K * p.n0, "W.wdyn": K * p.n0, "z1.v": K * p.n1, "z1.spikes": K * p.n1,
  };
  // descriptors: header, the four tables (one record each, six record entries), index arrays
  const net = alloc(A.NET_BYTES);
  const src = alloc(A.SRC_BYTES);
  const syn = alloc(A.SYN_BYTES);
  const lif = alloc(A.LIF_BYTES);
  const rec = alloc(A.REC_BYTES * RECORDS.length);
  const at: Record<string, number> = {};
  const steps = p.spikeSteps ?? [];
  const total = steps.reduce((s, l) => s + l.length, 0);
  if (train) {
    at["z0.offsets"] = alloc(4 * (p.n0 + 1));
    at["z0.times"] = alloc(4 * total);
  }
  for (const name of RECORDS) at[`rec.${name}.idx`] = alloc(4 * columns[name]);
  at["rec.W.wdyn.idx2"] = alloc(4 * columns["W.wdyn"]);
  // arrays
  const pre = 4 * K * p.n0;
  const post = 4 * K * p.n1;
  for (const name of ["spikes", "counts", "inputs", "cursor"]) at[`z0.${name}`] = alloc(pre);
  at["W.resources"] = alloc(4 * p.n0);
  for (const name of ["u", "x", "uSpk", "xSpk", "uAnch", "xAnch", "yAnch", "zAnch", "nSince"]) at[`W.${name}`] = alloc(pre);
  const half = 4 * Math.ceil((K * p.n0) / 16) * 16; // a half of the double buffers: K n0 rounded up to 16
  for (const name of ["spiked", "cu", "cx"]) at[`W.${name}`] = alloc(2 * half); // double buffers: one half per step parity
  at["W.list"] = alloc(6 * half); // spike lists: two halves of 3 words per row
  at["W.acc"] = alloc(post + 4 * K); // one slot of n1 floats and one block mark per trial (G = S = 1)
  for (const name of ["input", "v", "rfr", "theta", "spikes", "counts", "isyn"]) at[`z1.${name}`] = alloc(post);
  for (const name of RECORDS) at[`rec.${name}.dst`] = alloc((name.endsWith("spikes") ? 1 : 4) * columns[name] * p.capacity);
  const end = alloc(0);
  const need = end - memory.buffer.byteLength;
  if (need > 0) memory.grow(Math.ceil(need / 65536));

  new Uint8Array(memory.buffer, base, end - base).fill(0); // every field not written below is 0
  const dv = new DataView(memory.buffer);
  const i32 = (ptr: number, v: number) => dv.setInt32(ptr, v, true);
  const u32 = (ptr: number, v: number) => dv.setUint32(ptr, v >>> 0, true);
  const f32 = (ptr: number, v: number) => dv.setFloat32(ptr, v, true);

  // header
  u32(net + A.NET_MAGIC, A.NET_MAGIC_VALUE);
  u32(net + A.NET_VERSION, A.ABI_VERSION);
  i32(net + A.NET_TRIALS, K);
  f32(net + A.NET_DT, p.dt);
  u32(net + A.NET_SEED0, p.key[0]);
  u32(net + A.NET_SEED1, p.key[1]);
  i32(net + A.NET_NSRC, 1);
  i32(net + A.NET_SRC, src);
  i32(net + A.NET_NSYN, 1);
  i32(net + A.NET_SYN, syn);
  i32(net + A.NET_NLIF, 1);
  i32(net + A.NET_LIF, lif);
  i32(net + A.NET_NREC, RECORDS.length);
  i32(net + A.NET_REC, rec);
  i32(net + A.NET_REC_CAP, p.capacity);
  i32(net + A.NET_BARRIER, 0);
  i32(net + A.NET_SPINS, 1000);

  // source z0 (stream 0)
  i32(src + A.SRC_KIND, train ? A.SRC_KIND_TRAIN : A.SRC_KIND_POISSON);
  i32(src + A.SRC_N, p.n0);
  u32(src + A.SRC_STREAM, 0);
  i32(src + A.SRC_SPIKES, at["z0.spikes"]);
  i32(src + A.SRC_COUNTS, at["z0.counts"]);
  i32(src + A.SRC_INPUTS, at["z0.inputs"]);
  new Float32Array(memory.buffer, at["z0.inputs"], K * p.n0).fill(1);
  f32(src + A.SRC_PRATE, train ? 0 : p.rateHz * p.dt / 1000);
  if (train) {
    i32(src + A.SRC_OFFSETS, at["z0.offsets"]);
    i32(src + A.SRC_TIMES, at["z0.times"]);
    i32(src + A.SRC_CURSOR, at["z0.cursor"]);
    const offsets = new Int32Array(memory.buffer, at["z0.offsets"], p.n0 + 1);
    const times = new Int32Array(memory.buffer, at["z0.times"], total);
    steps.forEach((list, j) => {
      times.set(list, offsets[j]);
      offsets[j + 1] = offsets[j] + list.length;
    });
  }

  // synapse W: constant weight (SYN_W = 0), euler, STF/STD flags from the time constants
  i32(syn + A.SYN_NPRE, p.n0);
  i32(syn + A.SYN_NPOST, p.n1);
  i32(syn + A.SYN_PRE_SPIKES, at["z0.spikes"]);
  i32(syn + A.SYN_POST_INPUT, at["z1.input"]);
  i32(syn + A.SYN_W, 0);
  f32(syn + A.SYN_W_CONST, p.W);
  i32(syn + A.SYN_RESOURCES, at["W.resources"]);
  new Float32Array(memory.buffer, at["W.resources"], p.n0).fill(p.U);
  f32(syn + A.SYN_DT_TAUF, p.tauF > 0 ? p.dt / p.tauF : 0);
  f32(syn + A.SYN_DT_TAUD, p.tauD > 0 ? p.dt / p.tauD : 0);
  i32(syn + A.SYN_BLOCKS, 1); // the output sums the rows in one block: ascending j
  i32(syn + A.SYN_ACC_SLOTS, 1);
  f32(syn + A.SYN_G, 1);
  i32(syn + A.SYN_BIAS, 0);
  const synArrays: [number, string][] = [
    [A.SYN_UVAR, "u"], [A.SYN_XVAR, "x"], [A.SYN_USPK, "uSpk"], [A.SYN_XSPK, "xSpk"], [A.SYN_ACC, "acc"], [A.SYN_SPIKED, "spiked"],
    [A.SYN_UANCH, "uAnch"], [A.SYN_XANCH, "xAnch"], [A.SYN_YANCH, "yAnch"], [A.SYN_ZANCH, "zAnch"], [A.SYN_NSINCE, "nSince"],
    [A.SYN_CU, "cu"], [A.SYN_CX, "cx"], [A.SYN_LIST, "list"],
  ];
  for (const [field, name] of synArrays) i32(syn + field, at[`W.${name}`]);
  i32(syn + A.SYN_MODE, A.SYN_MODE_EULER);
  i32(syn + A.SYN_FLAGS, (p.tauF > 0 ? A.SYN_FLAG_STF : 0) | (p.tauD > 0 ? A.SYN_FLAG_STD : 0));

  // LIF z1: euler, no adaptation, no floor, one-step pulses, no refractory period, gL = 1
  i32(lif + A.LIF_N, p.n1);
  const lifArrays: [number, string][] = [
    [A.LIF_INPUT, "input"], [A.LIF_V, "v"], [A.LIF_RFR, "rfr"], [A.LIF_THETA, "theta"], [A.LIF_SPIKES, "spikes"],
    [A.LIF_COUNTS, "counts"], [A.LIF_ISYN, "isyn"],
  ];
  for (const [field, name] of lifArrays) i32(lif + field, at[`z1.${name}`]);
  f32(lif + A.LIF_INV_TAU_M, 1 / p.tauM);
  f32(lif + A.LIF_R, p.R);
  f32(lif + A.LIF_V_REST, p.vRest);
  f32(lif + A.LIF_V_RESET, p.vReset);
  f32(lif + A.LIF_THR, p.thr);
  f32(lif + A.LIF_REFRACT, 0);
  f32(lif + A.LIF_G_L, 1);
  i32(lif + A.LIF_FLAGS, 0);
  i32(lif + A.LIF_METHOD, A.LIF_METHOD_EULER);

  // records: every (trial, unit); wdyn at column k = 0
  const sampled: Record<RecordName, [number, number, number]> = {
    "z0.spikes": [A.REC_KIND_SPIKE, at["z0.spikes"], p.n0],
    "W.u": [A.REC_KIND_F32, at["W.u"], p.n0],
    "W.x": [A.REC_KIND_F32, at["W.x"], p.n0],
    "W.wdyn": [A.REC_KIND_WDYN, syn, p.n0],
    "z1.v": [A.REC_KIND_F32, at["z1.v"], p.n1],
    "z1.spikes": [A.REC_KIND_SPIKE, at["z1.spikes"], p.n1],
  };
  RECORDS.forEach((name, e) => {
    const r = rec + e * A.REC_BYTES;
    const [kind, source, units] = sampled[name];
    i32(r + A.REC_KIND, kind);
    i32(r + A.REC_SRC, source);
    i32(r + A.REC_IDX, at[`rec.${name}.idx`]);
    i32(r + A.REC_COUNT, columns[name]);
    i32(r + A.REC_DST, at[`rec.${name}.dst`]);
    i32(r + A.REC_UNITS, units);
    new Int32Array(memory.buffer, at[`rec.${name}.idx`], columns[name]).set(Array.from({ length: columns[name] }, (_, g) => g));
    if (kind === A.REC_KIND_WDYN) {
      i32(r + A.REC_IDX2, at["rec.W.wdyn.idx2"]);
      new Int32Array(memory.buffer, at["rec.W.wdyn.idx2"], columns[name]).fill(0);
    }
  });
  return { net, src, syn, lif, rec, at, columns, end };
}

/** The first `rows` rows of every record, copied out. */
export function readRecords(memory: WebAssembly.Memory, layout: RawLayout, rows: number): Record<RecordName, Float32Array | Uint8Array> {
  const out = {} as Record<RecordName, Float32Array | Uint8Array>;
  for (const name of RECORDS) {
    const n = rows * layout.columns[name];
    const dst = layout.at[`rec.${name}.dst`];
    out[name] = name.endsWith("spikes") ? new Uint8Array(memory.buffer, dst, n).slice() : new Float32Array(memory.buffer, dst, n).slice();
  }
  return out;
}

/** Column c of a record with `columns` values per row. */
export function column<T extends Float32Array | Uint8Array>(data: T, columns: number, c: number): number[] {
  return Array.from({ length: data.length / columns }, (_, i) => data[i * columns + c]);
}
