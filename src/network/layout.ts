// Memory layout: plans where the header, every component's descriptor and arrays, and every record
// live in the kernel's linear memory, then writes them there. Generic: each model says which arrays
// it has and which fields (src/models/); the roles say which header arrays a component has.
import * as A from "../../assembly/abi.js";
import { HEAP_BASE } from "../core/memory.js";
import { seedKey } from "../core/seed.js";
import type { ArrayPlan, Component, NetworkContext, Role } from "../models/model.js";
import { CTL_BYTES } from "../runtime/threads.js";
import type { NetworkSpec } from "./options.js";
import { columnsOf, type RecordSpec } from "./records.js";

/** Polls of the barrier before a waiting thread sleeps (about a tenth of a millisecond). */
export const DEFAULT_SPINS = 100_000;
/** Default bytes given to record buffers per chunk. */
export const RECORD_BUDGET = 64 * 1024 * 1024;

/** A component's descriptor and the address of each of its arrays, by the field that points to it. */
export interface ComponentLayout {
  desc: number;
  arrays: Map<number, number>;
}
export interface RecordLayout { rec: number; idx: number; idx2: number; dst: number; elemBytes: number }
/**
 * A second header over the same components with one record entry of its own (capacity one row), for
 * reading a variable the kernel computes rather than stores (e.g. u of an exact synapse: its anchor
 * relaxed to now) through `record`: `count` columns at most, IDX = 0, 1, ..., IDX2 = 0.
 */
export interface ProbeLayout { net: number; rec: number; idx: number; idx2: number; dst: number; count: number }
export interface Layout {
  net: number;
  /** The barrier runSlice's workers meet at (BARRIER_BYTES). */
  barrier: number;
  /** The thread pool's control block (CTL_BYTES; the host's, not the kernel's). */
  ctl: number;
  /** The component table (u32 per component). */
  table: number;
  components: ComponentLayout[];
  records: RecordLayout[];
  /** Rows each record buffer holds. */
  capacity: number;
  /** The probe, when a component has a per-unit variable the kernel computes (null otherwise). */
  probe: ProbeLayout | null;
  /** Threads the layout was planned for. */
  threads: number;
  /** First byte past the layout. */
  end: number;
}

const ROLE_OF: Record<Role, number> = { source: A.ROLE_SOURCE, synapse: A.ROLE_SYNAPSE, channel: A.ROLE_CHANNEL, neuron: A.ROLE_NEURON };

/** The header arrays of a component of role `role`, K n values each: spikes and counts, and the input. */
export function headerArrays(c: Component, trials: number): ArrayPlan[] {
  const bytes = 4 * trials * c.n;
  const role = ROLE_OF[c.model.role];
  const plans: ArrayPlan[] = [];
  if (role === A.ROLE_SOURCE || role === A.ROLE_NEURON) {
    plans.push({ field: A.COMP_SPIKES, bytes, place: "state" }, { field: A.COMP_COUNTS, bytes, place: "state" });
  }
  if (role === A.ROLE_NEURON || role === A.ROLE_CHANNEL) plans.push({ field: A.COMP_INPUT, bytes, place: "state" });
  return plans;
}

/** What the models see of `spec` laid out for `threads` threads. */
export function contextOf(spec: NetworkSpec, threads: number): NetworkContext {
  return { dt: spec.dt, seed: spec.seed, trials: spec.trials, threads, components: spec.components };
}

/** Every array of component c: the header's, then its model's. */
function arraysOf(c: Component, net: NetworkContext): ArrayPlan[] {
  return [...headerArrays(c, net.trials), ...c.model.arrays(c, net)];
}

/** Bytes of a memory page. */
const PAGE = 4096;

class Arena {
  offset = HEAP_BASE;
  /** `bytes` bytes, 64-byte aligned (a cache line: SIMD loads, and workers share no line at array starts). */
  alloc(bytes: number): number {
    this.offset = Math.ceil(this.offset / 64) * 64;
    const p = this.offset;
    this.offset += Math.max(bytes, 0);
    return p;
  }
  /**
   * `bytes` bytes on a page of their own, with a free page after them: for the arrays of a network
   * laid out for several threads, whose workers each take a slice of every array. A core's
   * prefetcher that runs on past the end of its slice of one array then reads into that free page,
   * not into another worker's slice of the next array, which that worker would have to take back
   * (sparse-recurrent-10k on 2 threads: 1.33 times one thread's speed against 1.19, in one process;
   * BENCHMARKS.md).
   */
  allocApart(bytes: number): number {
    this.offset = Math.ceil(this.offset / PAGE) * PAGE;
    const p = this.alloc(bytes);
    this.offset += PAGE;
    return p;
  }
}

/**
 * Plan the layout; `capacityHint` is the number of record rows per chunk. The descriptors the kernel
 * reads during a run (header, tables, descriptors, descriptor arrays such as spike-train offsets,
 * record index arrays) come first, then the barrier and the thread pool's control block, then the
 * arrays the kernel reads and writes: the kernel refuses a written array inside the descriptors'
 * span (docs/ABI.md).
 */
export function planLayout(spec: NetworkSpec, capacityHint: number, threads = 1): Layout {
  const a = new Arena();
  const ctx = contextOf(spec, threads);
  const net = a.alloc(A.NET_BYTES);
  const table = a.alloc(4 * spec.components.length);
  const descs = spec.components.map((c) => a.alloc(c.model.bytes));
  const recTable = a.alloc(A.REC_BYTES * spec.records.length);
  const plans = spec.components.map((c) => arraysOf(c, ctx));
  const components: ComponentLayout[] = descs.map((desc) => ({ desc, arrays: new Map() }));
  plans.forEach((list, i) => list.filter((p) => p.place === "descriptor").forEach((p) => components[i].arrays.set(p.field, a.alloc(p.bytes))));
  const indices = spec.records.map((r) => ({ idx: a.alloc(4 * r.columns), idx2: r.seconds ? a.alloc(4 * r.columns) : 0 }));
  const probeCount = Math.max(0, ...spec.components.map((c, i) => derivedStateColumns(spec, i)));
  const probe = probeCount > 0 ? { net: a.alloc(A.NET_BYTES), rec: a.alloc(A.REC_BYTES), idx: a.alloc(4 * probeCount), idx2: a.alloc(4 * probeCount), count: probeCount } : null;
  const barrier = a.alloc(A.BARRIER_BYTES);
  const ctl = a.alloc(CTL_BYTES);
  const array = (bytes: number) => (threads > 1 ? a.allocApart(bytes) : a.alloc(bytes));
  plans.forEach((list, i) => list.filter((p) => p.place !== "descriptor").forEach((p) => components[i].arrays.set(p.field, array(p.bytes))));
  const rowBytes = spec.records.reduce((sum, r) => sum + r.columns * recordBytes(r), 0);
  const capacity = rowBytes === 0 ? 0 : Math.max(1, Math.min(capacityHint, Math.floor(RECORD_BUDGET / rowBytes)));
  const records = spec.records.map((r, i) => {
    const elemBytes = recordBytes(r);
    return { rec: recTable + i * A.REC_BYTES, ...indices[i], dst: a.alloc((r.events ? A.REC_EVENTS_FIRST : 0) + elemBytes * r.columns * capacity), elemBytes };
  });
  const probeAt = probe ? { ...probe, dst: a.alloc(4 * probe.count) } : null;
  return { net, barrier, ctl, table, components, records, capacity, probe: probeAt, threads, end: a.offset };
}

/** K x units of component i's largest per-unit variable the kernel computes ("derived" without a second index), or 0. */
function derivedStateColumns(spec: NetworkSpec, i: number): number {
  const c = spec.components[i];
  const vars = Object.values(c.model.variables(c, contextOf(spec, 1)));
  return Math.max(0, ...vars.map((v) => (typeof v !== "string" && v.kind === "derived" && v.second === undefined && !v.pairs ? spec.trials * (v.units ?? c.n) : 0)));
}

const RECORD_KIND = { f32: A.REC_KIND_F32, spike: A.REC_KIND_SPIKE, derived: A.REC_KIND_DERIVED, event: A.REC_KIND_EVENT } as const;

/** Bytes a record buffer holds per column and row: a byte per spike flag, a float, or at most one event (step, column, value). */
function recordBytes(r: RecordSpec): number {
  return r.events ? A.EVT_BYTES : r.read.kind === "spike" ? 1 : 4;
}

/** Write the header, descriptors, records and parameters of `spec` at `layout` into `buffer`. */
export function writeLayout(buffer: ArrayBufferLike, spec: NetworkSpec, layout: Layout): void {
  const dv = new DataView(buffer);
  const set = { i32: (p: number, v: number) => dv.setInt32(p, v, true), u32: (p: number, v: number) => dv.setUint32(p, v >>> 0, true), f32: (p: number, v: number) => dv.setFloat32(p, v, true) };
  const ctx = contextOf(spec, layout.threads);
  const { net } = layout;
  const [k0, k1] = seedKey(spec.seed);
  set.u32(net + A.NET_MAGIC, A.NET_MAGIC_VALUE);
  set.u32(net + A.NET_VERSION, A.ABI_VERSION);
  set.i32(net + A.NET_TRIALS, spec.trials);
  set.i32(net + A.NET_STEP, 0);
  set.f32(net + A.NET_DT, spec.dt);
  set.u32(net + A.NET_SEED0, k0);
  set.u32(net + A.NET_SEED1, k1);
  set.i32(net + A.NET_NCOMP, spec.components.length);
  set.u32(net + A.NET_COMPS, layout.table);
  set.i32(net + A.NET_NREC, spec.records.length);
  set.u32(net + A.NET_REC, layout.records[0]?.rec ?? 0);
  set.i32(net + A.NET_REC_CAP, layout.capacity);
  set.i32(net + A.NET_REC_ROW, 0);
  set.u32(net + A.NET_BARRIER, layout.barrier);
  set.i32(net + A.NET_SPINS, DEFAULT_SPINS);
  set.u32(net + A.NET_GEN, 0); // the API never changes a checked word after init (init checks in full)
  set.i32(layout.barrier + A.BARRIER_COUNT, 0);
  set.i32(layout.barrier + A.BARRIER_GEN, 0);
  set.i32(layout.barrier + A.BARRIER_WORKERS, 0); // equal shares at the first run on several threads
  set.i32(layout.barrier + A.BARRIER_FIXED, 0);

  const descOf = (i: number) => (i < 0 ? 0 : layout.components[i].desc);
  spec.components.forEach((c, i) => {
    const L = layout.components[i];
    const d = L.desc;
    new Uint8Array(buffer, d, c.model.bytes).fill(0);
    set.u32(layout.table + 4 * i, d);
    set.i32(d + A.COMP_KIND, c.model.kind);
    set.i32(d + A.COMP_BYTES, c.model.bytes);
    set.i32(d + A.COMP_N, c.n);
    set.i32(d + A.COMP_N2, c.n2);
    set.u32(d + A.COMP_PRE, descOf(c.pre));
    set.u32(d + A.COMP_POST, descOf(c.post));
    for (const p of arraysOf(c, ctx)) {
      const ptr = L.arrays.get(p.field)!;
      set.u32(d + p.field, ptr);
      p.fill?.(buffer, ptr);
    }
    for (const [offset, type, value] of c.model.fields(c, ctx)) set[type](d + offset, value);
    for (const [field, of] of c.model.aliases?.(c) ?? []) set.u32(d + field, L.arrays.get(of)!);
  });

  spec.records.forEach((r, i) => {
    const L = layout.records[i];
    const idx = new Int32Array(buffer, L.idx, r.columns);
    const { trials, units } = columnsOf(r);
    for (let m = 0; m < r.columns; m++) idx[m] = trials[m] * r.unitsPerTrial + units[m];
    if (r.seconds) {
      const idx2 = new Int32Array(buffer, L.idx2, r.columns);
      const per = r.seconds.length;
      for (let m = 0; m < r.columns; m++) idx2[m] = r.seconds[m % per];
    }
    set.i32(L.rec + A.REC_KIND, RECORD_KIND[r.read.kind]);
    set.u32(L.rec + A.REC_COMP, descOf(r.component));
    set.i32(L.rec + A.REC_FIELD, r.read.field);
    set.u32(L.rec + A.REC_IDX, L.idx);
    set.u32(L.rec + A.REC_IDX2, L.idx2);
    set.i32(L.rec + A.REC_COUNT, r.columns);
    set.u32(L.rec + A.REC_DST, L.dst);
  });
  const probe = layout.probe;
  if (probe) {
    new Uint8Array(buffer, probe.net, A.NET_BYTES).set(new Uint8Array(buffer, net, A.NET_BYTES));
    set.i32(probe.net + A.NET_NREC, 1);
    set.u32(probe.net + A.NET_REC, probe.rec);
    set.i32(probe.net + A.NET_REC_CAP, 1);
    set.u32(probe.net + A.NET_BARRIER, 0);
    new Int32Array(buffer, probe.idx, probe.count).forEach((_, m, idx) => { idx[m] = m; });
    new Int32Array(buffer, probe.idx2, probe.count).fill(0);
    set.i32(probe.rec + A.REC_KIND, A.REC_KIND_DERIVED);
    set.u32(probe.rec + A.REC_IDX, probe.idx);
    set.u32(probe.rec + A.REC_IDX2, probe.idx2);
    set.u32(probe.rec + A.REC_DST, probe.dst);
  }
}

/** Address of component i's array whose pointer is in `field` (0 when it has none). */
export function arrayOf(layout: Layout, i: number, field: number): number {
  return layout.components[i].arrays.get(field) ?? 0;
}
