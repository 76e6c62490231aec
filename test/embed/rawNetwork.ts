// A network written into the kernel's memory by hand, following docs/ABI.md alone: it imports
// nothing from src/ and does not use @assemblyscript/loader. The shape is the lesson's, widened:
// a Poisson (or spike-train) source z0 of n0 units -> Tsodyks-Markram synapse W (constant weight)
// -> LIF z1 of n1 units, K trials, optionally through a conductance channel C (W -> C -> z1), every
// state variable recorded. Each component gets only the arrays its configuration uses. Version 11's
// options: W delivered sparsely (CSR rows, posts, per-connection delays through a ring) or one-to-one,
// with weights per connection; W's state per connection (with quantal release); a bias current per
// LIF unit; W's variables recorded at its presynaptic spikes (event records).
import { readFileSync } from "node:fs";

/** The numbers of docs/ABI.md (version 12), transcribed from its tables. */
export const ABI = {
  ABI_VERSION: 12, NET_MAGIC_VALUE: 0x57505453,
  // network header
  NET_MAGIC: 0, NET_VERSION: 4, NET_TRIALS: 8, NET_STEP: 12, NET_DT: 16, NET_SEED0: 20, NET_SEED1: 24,
  NET_NCOMP: 28, NET_COMPS: 32, NET_NREC: 36, NET_REC: 40, NET_REC_CAP: 44, NET_REC_ROW: 48,
  NET_BARRIER: 52, NET_SPINS: 56, NET_GEN: 60, NET_BYTES: 64,
  BARRIER_COUNT: 0, BARRIER_GEN: 4, BARRIER_WORKERS: 8, BARRIER_FIXED: 12, BARRIER_MOVE: 16, BARRIER_LAST: 20,
  BARRIER_STARTS: 64, BARRIER_LASTS: 1092, BARRIER_BYTES: 2116, MAX_WORKERS: 256, SHARE_ONE: 65536,
  // kinds and roles
  KIND_POISSON: 1, KIND_TRAIN: 2, KIND_TM: 3, KIND_LIF: 4, KIND_COND: 5,
  ROLE_SOURCE: 1, ROLE_SYNAPSE: 2, ROLE_CHANNEL: 3, ROLE_NEURON: 4,
  // component header
  COMP_KIND: 0, COMP_BYTES: 4, COMP_N: 8, COMP_N2: 12, COMP_SPIKES: 16, COMP_COUNTS: 20, COMP_INPUT: 24,
  COMP_PRE: 28, COMP_POST: 32, COMP_HEADER_BYTES: 36,
  // Poisson source
  POI_STREAM: 36, POI_INPUTS: 40, POI_PRATE: 44, POI_INJECT: 48, POI_BYTES: 52,
  // spike-train source
  TRAIN_OFFSETS: 36, TRAIN_TIMES: 40, TRAIN_CURSOR: 44, TRAIN_INJECT: 48, TRAIN_BYTES: 52,
  // a synapse's delivery block
  DLV_DENSE: 0, DLV_SPARSE: 1, DLV_ONE_TO_ONE: 2, DLV_WIDE_POSTS: 1, DLV_WIDE_DELAYS: 2, DLV_KIND: 36, DLV_W: 40, DLV_W_CONST: 44, DLV_G: 48, DLV_BIAS: 52, DLV_BLOCKS: 56,
  DLV_ACC_SLOTS: 60, DLV_ACC: 64, DLV_LIST: 68, DLV_SPIKED: 72, DLV_CA: 76, DLV_CB: 80, DLV_ROWS: 84,
  DLV_POSTS: 88, DLV_WIDTHS: 92, DLV_DELAYS: 96, DLV_DELAY: 100, DLV_SLOTS: 104, DLV_RING: 108, DLV_FA: 112,
  DLV_FB: 116, DLV_END: 120,
  // Tsodyks-Markram synapse
  TM_MODE_EULER: 0, TM_MODE_EXACT: 1, TM_FLAG_STF: 1, TM_FLAG_STD: 2, TM_FLAG_UREST_U: 4, TM_FLAG_INACT: 8,
  TM_FLAG_CONNECTION: 16, TM_FLAG_QUANTAL: 32,
  TM_MODE: 120, TM_FLAGS: 124, TM_RESOURCES: 128, TM_DT_TAUF: 132, TM_DT_TAUD: 136, TM_DT_TAUI: 140,
  TM_DT_H: 144, TM_H_TAUI: 148, TM_UVAR: 152, TM_XVAR: 156, TM_USPK: 160, TM_XSPK: 164, TM_UANCH: 168,
  TM_XANCH: 172, TM_NSINCE: 176, TM_YANCH: 180, TM_ZANCH: 184, TM_LAST: 188, TM_RATES_ROWS: 192, TM_INACT_ROWS: 196,
  TM_U_CONN: 200, TM_RATES_CONN: 204, TM_INACT_CONN: 208, TM_C_UANCH: 212, TM_C_XANCH: 216, TM_C_YANCH: 220,
  TM_C_ZANCH: 224, TM_C_USPK: 228, TM_C_XSPK: 232, TM_SITES: 236, TM_STREAM: 240, TM_C_AVAIL: 244,
  TM_C_REL: 248, TM_BYTES: 252,
  TM_VAR_WDYN: 0, TM_VAR_USPK: 1, TM_VAR_XSPK: 2, TM_VAR_U: 3, TM_VAR_X: 4,
  // LIF population
  LIF_METHOD_EULER: 0, LIF_METHOD_MIDPOINT: 1, LIF_METHOD_EXACT: 2,
  LIF_FLAG_THETA: 1, LIF_FLAG_VMIN: 2, LIF_FLAG_SYN: 4, LIF_FLAG_DIRECT: 8, LIF_FLAG_BIAS: 16,
  LIF_V: 36, LIF_RFR: 40, LIF_THETA: 44, LIF_ISYN: 48, LIF_DIRECT: 52, LIF_INV_TAU_M: 56, LIF_R: 60,
  LIF_V_REST: 64, LIF_V_RESET: 68, LIF_THR: 72, LIF_REFRACT: 76, LIF_THETA_DECAY: 80, LIF_THETA_PLUS: 84,
  LIF_G_L: 88, LIF_V_MIN: 92, LIF_FLAGS: 96, LIF_METHOD: 100, LIF_SYN_DECAY: 104, LIF_SYN_DECAY_HALF: 108,
  LIF_P22: 112, LIF_P21: 116, LIF_P21_DIRECT: 120, LIF_BIAS: 124, LIF_BYTES: 128,
  // conductance channel
  COND_G: 36, COND_E_REV: 40, COND_DECAY: 44, COND_BYTES: 48,
  // record entry
  REC_KIND_F32: 0, REC_KIND_SPIKE: 1, REC_KIND_DERIVED: 2, REC_KIND_EVENT: 3,
  REC_KIND: 0, REC_COMP: 4, REC_FIELD: 8, REC_IDX: 12, REC_IDX2: 16, REC_COUNT: 20, REC_DST: 24, REC_BYTES: 32,
  // event (in the DST of an event record)
  EVT_STEP: 0, EVT_INDEX: 4, EVT_VALUE: 8, EVT_BYTES: 12, REC_EVENTS_FIRST: 16,
  // return codes
  OK: 0, ERR_BAD_HEADER: 1, ERR_BAD_STEPS: 2, ERR_RECORD_FULL: 3, ERR_BAD_RECORD: 4, ERR_BAD_KIND: 5,
  ERR_BAD_THREADS: 6, ERR_BAD_POINTER: 7, ERR_OVERFLOW: 8, ERR_BAD_VALUE: 9, ERR_OVERLAP: 10,
  ERR_BAD_TRAIN: 11, ERR_BAD_COUNT: 12, ERR_BAD_WIRING: 13, ERR_BAD_CONNECTIONS: 14, ERR_NON_FINITE: 15,
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
  prepare(net: number): number;
  step(net: number, nSteps: number): number;
  errorAt(): number;
  errorStep(): number;
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
  /** The synapse's mode (default "euler"): "exact" also gives it its anchors. */
  integration?: "euler" | "exact";
  /** A conductance channel between W and z1 (reversal potential in mV, decay time constant in ms). */
  conductance?: { eRev: number; tauSyn: number };
  /** ms */
  tauM: number;
  R: number;
  /** mV */
  vRest: number;
  vReset: number;
  thr: number;
  /** Record rows. */
  capacity: number;
  /** W's delivery (default dense, one constant weight, one block of rows). */
  delivery?: SparseDelivery | OneToOneDelivery;
  /** W's state per connection (sparse delivery, exact mode), with U per connection when `uConn` is given. */
  perConnection?: { uConn?: number[] };
  /** Quantal release (with perConnection): N sites per connection, W's random stream. */
  quantal?: { sites: number; stream: number };
  /** A bias current per unit of z1 (LIF_FLAG_BIAS), n1 values. */
  bias?: number[];
  /** Also record W's u, x and Wdyn at its presynaptic spikes (event records "W.u@", "W.x@", "W.wdyn@"). */
  events?: boolean;
}

/** Sparse delivery: row j's connections are [rows[j], rows[j + 1]), onto posts ascending, each with a delay in steps. */
export interface SparseDelivery {
  kind: "sparse";
  rows: number[];
  posts: number[];
  /** Per connection (DLV_DELAYS) or one for all (DLV_DELAY), in steps. */
  delays: number[] | number;
  /** Per connection (DLV_W), else the constant W. */
  weights?: number[];
  /** u32 posts / u16 delays even where u16 / u8 would do. */
  widePosts?: boolean;
  wideDelays?: boolean;
}

/** One-to-one delivery (n0 = n1): j -> j, one delay in steps. */
export interface OneToOneDelivery {
  kind: "oneToOne";
  delay: number;
  weights?: number[];
}

/** The lesson's STF setting (docs/MODEL.md section 9), for one Poisson unit and one LIF. */
export const LESSON: Omit<RawParams, "key" | "rateHz" | "capacity"> = {
  trials: 1, dt: 1, n0: 1, n1: 1, U: 0.15, tauF: 750, tauD: 50, W: 2.5, tauM: 20, R: 240, vRest: -60, vReset: -70, thr: -50,
};

/**
 * Recorded variables: z0 spikes, W u, W x, W wdyn (column k = 0), z1 v, z1 spikes, every (trial,
 * unit); with a conductance channel also C g.
 */
export const RECORDS = ["z0.spikes", "W.u", "W.x", "W.wdyn", "z1.v", "z1.spikes", "C.g", "W.u@", "W.x@", "W.wdyn@"] as const;
export type RecordName = (typeof RECORDS)[number];

export interface RawLayout {
  net: number;
  /** The component table (NET_COMPS): z0, z1, W, then C when there is one. */
  table: number;
  /** The components' descriptors (C is 0 without a channel). */
  z0: number;
  W: number;
  z1: number;
  C: number;
  /** The record table; entry e is at rec + e * REC_BYTES, in the order of `records`. */
  rec: number;
  records: RecordName[];
  /** Every array by name, e.g. "z0.spikes", "W.u", "z1.input", "rec.W.u.dst"; absent when unused. */
  at: Record<string, number>;
  /** Values per record row, by record name (events: the most one step can append). */
  columns: Partial<Record<RecordName, number>>;
  /** W's connections (sparse: rows[n0]; one-to-one: n0; dense: n0 n1). */
  nnz: number;
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
  const exact = p.integration === "exact" || p.perConnection !== undefined;
  const chan = p.conductance !== undefined;
  const dlv = p.delivery;
  const sparse = dlv?.kind === "sparse" ? dlv : null;
  const oneToOne = dlv?.kind === "oneToOne" ? dlv : null;
  const perConn = p.perConnection !== undefined;
  const nnz = sparse ? sparse.rows[p.n0] : oneToOne ? p.n0 : p.n0 * p.n1;
  // D: 1 + the largest delay
  const slots = sparse ? 1 + Math.max(0, ...(typeof sparse.delays === "number" ? [sparse.delays] : sparse.delays)) : oneToOne ? 1 + oneToOne.delay : 0;
  const records = RECORDS.filter((name) => (chan || name !== "C.g") && (p.events === true || !name.endsWith("@")));
  const units = { z0: p.n0, W: p.n0, z1: p.n1, C: p.n1 } as const;
  const columns: Partial<Record<RecordName, number>> = {};
  for (const name of records) columns[name] = K * units[name.split(".")[0] as keyof typeof units];
  const derived = (name: RecordName) => name === "W.wdyn" || name.endsWith("@") || (exact && (name === "W.u" || name === "W.x"));
  // descriptors: header, component table, components, record table, then the arrays read as
  // structure (a train's offsets, the records' index arrays, W's rows, posts and delays)
  const net = alloc(A.NET_BYTES);
  const table = alloc(4 * (chan ? 4 : 3));
  const z0 = alloc(train ? A.TRAIN_BYTES : A.POI_BYTES);
  const z1 = alloc(A.LIF_BYTES);
  const W = alloc(A.TM_BYTES);
  const C = chan ? alloc(A.COND_BYTES) : 0;
  const rec = alloc(A.REC_BYTES * records.length);
  const at: Record<string, number> = {};
  const steps = p.spikeSteps ?? [];
  const total = steps.reduce((s, l) => s + l.length, 0);
  if (train) at["z0.offsets"] = alloc(4 * (p.n0 + 1));
  for (const name of records) at[`rec.${name}.idx`] = alloc(4 * columns[name]!);
  at["rec.W.wdyn.idx2"] = alloc(4 * columns["W.wdyn"]!);
  for (const name of records) if (derived(name) && name !== "W.wdyn") at[`rec.${name}.idx2`] = alloc(4 * columns[name]!);
  const wideP = sparse?.widePosts === true;
  const wideD = sparse?.wideDelays === true;
  if (sparse) {
    at["W.rows"] = alloc(4 * (p.n0 + 1));
    at["W.posts"] = alloc((wideP ? 4 : 2) * nnz);
    if (typeof sparse.delays !== "number") at["W.delays"] = alloc((wideD ? 2 : 1) * nnz);
  }
  // arrays: each component's header arrays by role, then its model's (only what it uses)
  const rows = 4 * K * p.n0;
  const post = 4 * K * p.n1;
  const states = 4 * K * nnz;
  at["z0.spikes"] = alloc(rows);
  at["z0.counts"] = alloc(rows);
  if (train) {
    at["z0.times"] = alloc(4 * total);
    at["z0.cursor"] = alloc(rows);
  } else at["z0.inputs"] = alloc(rows);
  for (const name of ["input", "spikes", "counts", "v", "rfr"]) at[`z1.${name}`] = alloc(post);
  if (chan) at["z1.direct"] = alloc(post);
  if (p.bias) at["z1.bias"] = alloc(4 * p.n1);
  const H = 4 * Math.ceil((K * p.n0) / 16) * 16; // bytes of a half of the double buffers: K n0 rounded up to 16
  if (sparse || oneToOne) {
    if (dlv!.weights) at["W.w"] = alloc(4 * nnz);
    at["W.ring"] = alloc(4 * K * slots * p.n1); // K D nPost words
  } else at["W.acc"] = alloc(post + 4 * K); // K (S nPost + G) words, G = S = 1
  if (!oneToOne) at["W.list"] = alloc(6 * H); // spike lists: two halves of 3 words per row
  if (oneToOne || (p.n0 === 1 && p.n1 === 1 && !sparse)) for (const name of ["spiked", "ca", "cb"]) at[`W.${name}`] = alloc(2 * H);
  at["W.resources"] = alloc(4 * p.n0);
  // u and x: the Euler map's arrays, or the exact mode's anchors and the steps since them, per row or per connection
  const rowArrays = perConn ? ["last", "nSince"] : ["uSpk", "xSpk", "last", ...(exact ? ["uAnch", "xAnch", "nSince"] : ["u", "x"])];
  for (const name of rowArrays) at[`W.${name}`] = alloc(rows);
  if (perConn) {
    if (p.perConnection!.uConn) at["W.uConn"] = alloc(4 * nnz);
    for (const name of ["cUAnch", "cXAnch", "cUSpk", "cXSpk", ...(p.quantal ? ["cAvail", "cRel"] : [])]) at[`W.${name}`] = alloc(states);
  }
  if (chan) {
    at["C.input"] = alloc(post);
    at["C.g"] = alloc(post);
  }
  for (const name of records) {
    at[`rec.${name}.dst`] = alloc(name.endsWith("@") ? A.REC_EVENTS_FIRST + A.EVT_BYTES * columns[name]! * p.capacity : (name.endsWith("spikes") ? 1 : 4) * columns[name]! * p.capacity);
  }
  const end = alloc(0);
  const need = end - memory.buffer.byteLength;
  if (need > 0) memory.grow(Math.ceil(need / 65536));

  new Uint8Array(memory.buffer, base, end - base).fill(0); // every field not written below is 0
  const dv = new DataView(memory.buffer);
  const i32 = (ptr: number, v: number) => dv.setInt32(ptr, v, true);
  const u32 = (ptr: number, v: number) => dv.setUint32(ptr, v >>> 0, true);
  const f32 = (ptr: number, v: number) => dv.setFloat32(ptr, v, true);
  /** The common header of a component. */
  const header = (c: number, kind: number, bytes: number, n: number, n2: number, arrays: Partial<Record<"spikes" | "counts" | "input", string>>) => {
    i32(c + A.COMP_KIND, kind);
    i32(c + A.COMP_BYTES, bytes);
    i32(c + A.COMP_N, n);
    i32(c + A.COMP_N2, n2);
    if (arrays.spikes) u32(c + A.COMP_SPIKES, at[arrays.spikes]);
    if (arrays.counts) u32(c + A.COMP_COUNTS, at[arrays.counts]);
    if (arrays.input) u32(c + A.COMP_INPUT, at[arrays.input]);
  };

  // network header and component table
  u32(net + A.NET_MAGIC, A.NET_MAGIC_VALUE);
  u32(net + A.NET_VERSION, A.ABI_VERSION);
  i32(net + A.NET_TRIALS, K);
  f32(net + A.NET_DT, p.dt);
  u32(net + A.NET_SEED0, p.key[0]);
  u32(net + A.NET_SEED1, p.key[1]);
  i32(net + A.NET_NCOMP, chan ? 4 : 3);
  u32(net + A.NET_COMPS, table);
  i32(net + A.NET_NREC, records.length);
  u32(net + A.NET_REC, rec);
  i32(net + A.NET_REC_CAP, p.capacity);
  u32(net + A.NET_BARRIER, 0);
  i32(net + A.NET_SPINS, 1000);
  [z0, z1, W, C].slice(0, chan ? 4 : 3).forEach((c, i) => u32(table + 4 * i, c));

  // source z0 (Poisson stream 0, or a spike train)
  if (train) {
    header(z0, A.KIND_TRAIN, A.TRAIN_BYTES, p.n0, 0, { spikes: "z0.spikes", counts: "z0.counts" });
    u32(z0 + A.TRAIN_OFFSETS, at["z0.offsets"]);
    u32(z0 + A.TRAIN_TIMES, at["z0.times"]);
    u32(z0 + A.TRAIN_CURSOR, at["z0.cursor"]);
    const offsets = new Int32Array(memory.buffer, at["z0.offsets"], p.n0 + 1);
    const times = new Int32Array(memory.buffer, at["z0.times"], total);
    steps.forEach((list, j) => {
      times.set(list, offsets[j]);
      offsets[j + 1] = offsets[j] + list.length;
    });
  } else {
    header(z0, A.KIND_POISSON, A.POI_BYTES, p.n0, 0, { spikes: "z0.spikes", counts: "z0.counts" });
    u32(z0 + A.POI_STREAM, 0);
    u32(z0 + A.POI_INPUTS, at["z0.inputs"]);
    new Float32Array(memory.buffer, at["z0.inputs"], K * p.n0).fill(1);
    f32(z0 + A.POI_PRATE, p.rateHz * p.dt / 1000);
  }

  // LIF z1: Euler, no adaptation, no floor, one-step pulses, no refractory period, gL = 1; a direct
  // input when a channel drives it
  header(z1, A.KIND_LIF, A.LIF_BYTES, p.n1, 0, { spikes: "z1.spikes", counts: "z1.counts", input: "z1.input" });
  u32(z1 + A.LIF_V, at["z1.v"]);
  u32(z1 + A.LIF_RFR, at["z1.rfr"]);
  if (chan) u32(z1 + A.LIF_DIRECT, at["z1.direct"]);
  f32(z1 + A.LIF_INV_TAU_M, 1 / p.tauM);
  f32(z1 + A.LIF_R, p.R);
  f32(z1 + A.LIF_V_REST, p.vRest);
  f32(z1 + A.LIF_V_RESET, p.vReset);
  f32(z1 + A.LIF_THR, p.thr);
  f32(z1 + A.LIF_REFRACT, 0);
  f32(z1 + A.LIF_G_L, 1);
  i32(z1 + A.LIF_FLAGS, (chan ? A.LIF_FLAG_DIRECT : 0) | (p.bias ? A.LIF_FLAG_BIAS : 0));
  if (p.bias) {
    u32(z1 + A.LIF_BIAS, at["z1.bias"]);
    new Float32Array(memory.buffer, at["z1.bias"], p.n1).set(p.bias);
  }
  i32(z1 + A.LIF_METHOD, A.LIF_METHOD_EULER);

  // synapse W: z0 -> z1 (or -> C): dense delivery of a constant weight (DLV_W = 0) in one block of
  // rows, or sparse (CSR rows, posts, delays, a ring), or one-to-one (one delay, a ring)
  header(W, A.KIND_TM, A.TM_BYTES, p.n0, p.n1, {});
  u32(W + A.COMP_PRE, z0);
  u32(W + A.COMP_POST, chan ? C : z1);
  f32(W + A.DLV_W_CONST, p.W);
  f32(W + A.DLV_G, 1);
  u32(W + A.DLV_BIAS, 0);
  if (sparse) {
    i32(W + A.DLV_KIND, A.DLV_SPARSE);
    u32(W + A.DLV_ROWS, at["W.rows"]);
    new Int32Array(memory.buffer, at["W.rows"], p.n0 + 1).set(sparse.rows);
    u32(W + A.DLV_POSTS, at["W.posts"]);
    (wideP ? new Uint32Array(memory.buffer, at["W.posts"], nnz) : new Uint16Array(memory.buffer, at["W.posts"], nnz)).set(sparse.posts);
    i32(W + A.DLV_WIDTHS, (wideP ? A.DLV_WIDE_POSTS : 0) | (wideD ? A.DLV_WIDE_DELAYS : 0));
    if (typeof sparse.delays === "number") i32(W + A.DLV_DELAY, sparse.delays);
    else {
      u32(W + A.DLV_DELAYS, at["W.delays"]);
      (wideD ? new Uint16Array(memory.buffer, at["W.delays"], nnz) : new Uint8Array(memory.buffer, at["W.delays"], nnz)).set(sparse.delays);
    }
  } else if (oneToOne) {
    i32(W + A.DLV_KIND, A.DLV_ONE_TO_ONE);
    i32(W + A.DLV_DELAY, oneToOne.delay);
  } else {
    i32(W + A.DLV_KIND, A.DLV_DENSE);
    i32(W + A.DLV_BLOCKS, 1); // the output sums the rows in one block: ascending j
    i32(W + A.DLV_ACC_SLOTS, 1);
    u32(W + A.DLV_ACC, at["W.acc"]);
  }
  if (sparse || oneToOne) {
    i32(W + A.DLV_SLOTS, slots);
    u32(W + A.DLV_RING, at["W.ring"]);
    if (dlv!.weights) {
      u32(W + A.DLV_W, at["W.w"]);
      new Float32Array(memory.buffer, at["W.w"], nnz).set(dlv!.weights);
    }
  }
  if (at["W.list"]) u32(W + A.DLV_LIST, at["W.list"]);
  if (at["W.spiked"]) {
    u32(W + A.DLV_SPIKED, at["W.spiked"]);
    u32(W + A.DLV_CA, at["W.ca"]);
    u32(W + A.DLV_CB, at["W.cb"]);
  }
  i32(W + A.TM_MODE, exact ? A.TM_MODE_EXACT : A.TM_MODE_EULER);
  i32(W + A.TM_FLAGS, (p.tauF > 0 ? A.TM_FLAG_STF : 0) | (p.tauD > 0 ? A.TM_FLAG_STD : 0) | (perConn ? A.TM_FLAG_CONNECTION : 0) | (p.quantal ? A.TM_FLAG_QUANTAL : 0));
  u32(W + A.TM_RESOURCES, at["W.resources"]);
  new Float32Array(memory.buffer, at["W.resources"], p.n0).fill(p.U);
  f32(W + A.TM_DT_TAUF, p.tauF > 0 ? p.dt / p.tauF : 0);
  f32(W + A.TM_DT_TAUD, p.tauD > 0 ? p.dt / p.tauD : 0);
  const tmArrays: [number, string][] = [[A.TM_LAST, "last"]];
  if (perConn) {
    tmArrays.push([A.TM_NSINCE, "nSince"], [A.TM_C_UANCH, "cUAnch"], [A.TM_C_XANCH, "cXAnch"], [A.TM_C_USPK, "cUSpk"], [A.TM_C_XSPK, "cXSpk"]);
    if (p.perConnection!.uConn) {
      tmArrays.push([A.TM_U_CONN, "uConn"]);
      new Float32Array(memory.buffer, at["W.uConn"], nnz).set(p.perConnection!.uConn);
    }
    if (p.quantal) {
      tmArrays.push([A.TM_C_AVAIL, "cAvail"], [A.TM_C_REL, "cRel"]);
      i32(W + A.TM_SITES, p.quantal.sites);
      u32(W + A.TM_STREAM, p.quantal.stream);
      u32(W + A.DLV_FA, at["W.cRel"]); // the delivery's factor a: the released fraction; b = 1 (DLV_FB = 0)
    } else {
      u32(W + A.DLV_FA, at["W.cUSpk"]); // the delivery's factors: each connection's u and x at its spike
      u32(W + A.DLV_FB, at["W.cXSpk"]);
    }
  } else {
    tmArrays.push([A.TM_USPK, "uSpk"], [A.TM_XSPK, "xSpk"]);
    if (exact) tmArrays.push([A.TM_UANCH, "uAnch"], [A.TM_XANCH, "xAnch"], [A.TM_NSINCE, "nSince"]);
    else tmArrays.push([A.TM_UVAR, "u"], [A.TM_XVAR, "x"]);
  }
  for (const [field, name] of tmArrays) u32(W + field, at[`W.${name}`]);

  // channel C: W's output raises g; g (eRev - v) drives z1's direct input
  if (chan) {
    header(C, A.KIND_COND, A.COND_BYTES, p.n1, 0, { input: "C.input" });
    u32(C + A.COMP_POST, z1);
    u32(C + A.COND_G, at["C.g"]);
    f32(C + A.COND_E_REV, p.conductance!.eRev);
    f32(C + A.COND_DECAY, Math.exp(-p.dt / p.conductance!.tauSyn));
  }

  // records: every (trial, unit); Wdyn of each row's first pair (dense: column k = 0; sparse: the row's
  // first connection; one-to-one: j -> j); u and x: the Euler map's arrays, or computed from the exact
  // mode's anchors (second index 0; per connection: the row's first connection); the events of W's
  // spikes: the u and x each spike used, Wdyn after it
  const V = (variable: number, events = false): [number, number, number] => [events ? A.REC_KIND_EVENT : A.REC_KIND_DERIVED, W, variable];
  const sampled: Record<RecordName, [number, number, number]> = {
    "z0.spikes": [A.REC_KIND_SPIKE, z0, A.COMP_SPIKES],
    "W.u": exact ? V(A.TM_VAR_U) : [A.REC_KIND_F32, W, A.TM_UVAR],
    "W.x": exact ? V(A.TM_VAR_X) : [A.REC_KIND_F32, W, A.TM_XVAR],
    "W.wdyn": V(A.TM_VAR_WDYN),
    "z1.v": [A.REC_KIND_F32, z1, A.LIF_V],
    "z1.spikes": [A.REC_KIND_SPIKE, z1, A.COMP_SPIKES],
    "C.g": [A.REC_KIND_F32, C, A.COND_G],
    "W.u@": V(A.TM_VAR_USPK, true),
    "W.x@": V(A.TM_VAR_XSPK, true),
    "W.wdyn@": V(A.TM_VAR_WDYN, true),
  };
  /** The second index of row j's record: its first pair for Wdyn and for everything per connection, else 0. */
  const second = (name: RecordName, j: number) => (name.startsWith("W.wdyn") || perConn ? (sparse ? sparse.rows[j] : oneToOne ? j : 0) : 0);
  records.forEach((name, e) => {
    const r = rec + e * A.REC_BYTES;
    const [kind, comp, field] = sampled[name];
    const count = columns[name]!;
    i32(r + A.REC_KIND, kind);
    u32(r + A.REC_COMP, comp);
    i32(r + A.REC_FIELD, field);
    u32(r + A.REC_IDX, at[`rec.${name}.idx`]);
    i32(r + A.REC_COUNT, count);
    u32(r + A.REC_DST, at[`rec.${name}.dst`]);
    new Int32Array(memory.buffer, at[`rec.${name}.idx`], count).set(Array.from({ length: count }, (_, g) => g));
    if (derived(name)) {
      const idx2 = at[`rec.${name}.idx2`];
      u32(r + A.REC_IDX2, idx2);
      new Int32Array(memory.buffer, idx2, count).set(Array.from({ length: count }, (_, g) => second(name, g % p.n0)));
    }
  });
  return { net, table, z0, W, z1, C, rec, records, at, columns, nnz, end };
}

/** The first `rows` rows of every record, copied out. */
export function readRecords(memory: WebAssembly.Memory, layout: RawLayout, rows: number): Partial<Record<RecordName, Float32Array | Uint8Array>> {
  const out: Partial<Record<RecordName, Float32Array | Uint8Array>> = {};
  for (const name of layout.records) {
    if (name.endsWith("@")) continue;
    const n = rows * layout.columns[name]!;
    const dst = layout.at[`rec.${name}.dst`];
    out[name] = name.endsWith("spikes") ? new Uint8Array(memory.buffer, dst, n).slice() : new Float32Array(memory.buffer, dst, n).slice();
  }
  return out;
}

/** Column c of a record with `columns` values per row. */
export function column<T extends Float32Array | Uint8Array>(data: T, columns: number, c: number): number[] {
  return Array.from({ length: data.length / columns }, (_, i) => data[i * columns + c]);
}

/** An event record's events, sorted by step, then column: [step, column, value] each. */
export function readEvents(memory: WebAssembly.Memory, layout: RawLayout, name: RecordName): [number, number, number][] {
  const A = ABI;
  const dst = layout.at[`rec.${name}.dst`];
  const dv = new DataView(memory.buffer);
  const count = dv.getInt32(dst, true);
  const out: [number, number, number][] = [];
  for (let e = 0; e < count; e++) {
    const at = dst + A.REC_EVENTS_FIRST + e * A.EVT_BYTES;
    out.push([dv.getInt32(at + A.EVT_STEP, true), dv.getInt32(at + A.EVT_INDEX, true), dv.getFloat32(at + A.EVT_VALUE, true)]);
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
