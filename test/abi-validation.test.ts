// Bad input at the raw ABI (docs/ABI.md section 9): a table of corrupted networks, each refused
// with the code it names and errorAt() pointing at the refused word, before any byte of memory
// changes (the whole memory is compared before and after); nothing traps. Afterwards the same
// instance runs valid networks exactly as a fresh instance does. Many of these would trap or
// write outside the network without the checks (a negative record row, a cursor below its list,
// a post index past the weights, a synapse adding nPost values into a smaller target, a pointer
// past the end of memory). The cases from version 8 are kept, translated to the component table;
// the rest are version 9's: kinds and sizes of descriptors, the table, the wiring, the delivery
// block, what a record may sample, and which pointers may be 0.
import { describe, expect, it } from "vitest";
import { ABI as A, BUILDS, LESSON, instantiate, readRecords, writeNetwork, type RawKernel, type RawLayout, type RawParams } from "./embed/rawNetwork.js";

const BASE = 65536;
/** 640 KiB: room for the 512 KiB arrays of the 2^16 x 2^16 weight case. */
const PAGES = 10;
const KEY: [number, number] = [0x1234, 0x5678];
/** 2 trials, 2 Poisson units x 2 LIF units, Euler synapse. */
const POISSON: RawParams = { ...LESSON, trials: 2, n0: 2, n1: 2, rateHz: 80, key: KEY, capacity: 200 };
const NETS = {
  poisson: POISSON,
  /** The same with a spike-train source. */
  train: { ...POISSON, spikeSteps: [[3, 10, 50, 120], [7, 8]] },
  /** The same with an exact synapse (and so its anchors). */
  exact: { ...POISSON, integration: "exact" },
  /** The same through a conductance channel C: W -> C -> z1 (z1 with a direct input). */
  channel: { ...POISSON, W: 0.5, conductance: { eRev: 0, tauSyn: 5 } },
  /** The lesson's shape: K = 1, one unit each (the synapse has its 1 x 1 lane copies). */
  lesson: { ...LESSON, rateHz: 40, key: KEY, capacity: 200 },
  /** Version 11: sparse delivery (row 0 -> posts 0, 1; row 1 -> post 1; u8 delays 0, 2, 1: D = 3), exact state per row. */
  sparse: { ...POISSON, integration: "exact", delivery: { kind: "sparse", rows: [0, 2, 3], posts: [0, 1, 1], delays: [0, 2, 1] } },
  /** The same connections, one delay of 1 step, state per connection. */
  conn: { ...POISSON, delivery: { kind: "sparse", rows: [0, 2, 3], posts: [0, 1, 1], delays: 1 }, perConnection: {} },
  /** The same with quantal release: 3 sites per connection, stream 2. */
  quantal: { ...POISSON, delivery: { kind: "sparse", rows: [0, 2, 3], posts: [0, 1, 1], delays: [0, 2, 1] }, perConnection: {}, quantal: { sites: 3, stream: 2 } },
  /** One-to-one delivery, a delay of 2 steps (D = 3). */
  oneToOne: { ...POISSON, delivery: { kind: "oneToOne", delay: 2 } },
  /** A bias current per unit of z1, and W's u, x and Wdyn recorded at its spikes (event records). */
  events: { ...POISSON, bias: [0.01, 0.02], events: true },
} satisfies Record<string, RawParams>;
type Net = keyof typeof NETS;

interface Ctx {
  k: RawKernel;
  L: RawLayout;
  dv: DataView;
  /** Memory size in bytes. */
  end: number;
}
/** [what, network, corrupt it, the call, expected code, expected errorAt()] */
type Case = [string, Net, (c: Ctx) => void, (c: Ctx) => number, number, (c: Ctx) => number];

const init = (c: Ctx) => c.k.fns.init(c.L.net);
const run = (c: Ctx) => c.k.fns.run(c.L.net, 5);
const record = (c: Ctx) => c.k.fns.record(c.L.net);
const two = (c: Ctx) => c.k.fns.runSlice(c.L.net, 5, 0, 2);
const i32 = (c: Ctx, p: number, v: number) => c.dv.setInt32(p, v, true);
const u32 = (c: Ctx, p: number, v: number) => c.dv.setUint32(p, v >>> 0, true);
const f32 = (c: Ctx, p: number, v: number) => c.dv.setFloat32(p, v, true);
const at = (c: Ctx, name: string) => c.L.at[name];
const nothing = () => 0;
/** Address of record entry e's field (entries: z0.spikes, W.u, W.x, W.wdyn, z1.v, z1.spikes[, C.g]). */
const recField = (c: Ctx, e: number, field: number) => c.L.rec + e * A.REC_BYTES + field;
const [Z0_SPIKES, WU, WDYN, V, Z1_SPIKES, CG] = [0, 1, 3, 4, 5, 6];
/** The "events" network's event entries (no channel): W's u, x and Wdyn at its spikes. */
const [EU, EWDYN] = [6, 8];
const u16 = (c: Ctx, p: number, v: number) => c.dv.setUint16(p, v, true);
const u8 = (c: Ctx, p: number, v: number) => c.dv.setUint8(p, v);
/** Bytes of an event entry's buffer in the "events" network: the count's 16, then K n0 events per row. */
const EVENT_BYTES = A.REC_EVENTS_FIRST + A.EVT_BYTES * 4 * 200;
/** Entry i of the component table (z0, z1, W[, C]). */
const entry = (c: Ctx, i: number) => c.L.table + 4 * i;

const CASES: Case[] = [
  // ---- the header (kept from version 8)
  ["wrong magic", "poisson", (c) => i32(c, c.L.net + A.NET_MAGIC, 0x12345678), init, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_MAGIC],
  ["the previous layout version (10)", "poisson", (c) => i32(c, c.L.net + A.NET_VERSION, 10), run, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_VERSION],
  ["zero trials", "poisson", (c) => i32(c, c.L.net + A.NET_TRIALS, 0), init, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_TRIALS],
  ["negative trials", "poisson", (c) => i32(c, c.L.net + A.NET_TRIALS, -3), run, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_TRIALS],
  ["NaN dt", "poisson", (c) => f32(c, c.L.net + A.NET_DT, NaN), run, A.ERR_BAD_VALUE, (c) => c.L.net + A.NET_DT],
  ["zero dt", "poisson", (c) => f32(c, c.L.net + A.NET_DT, 0), init, A.ERR_BAD_VALUE, (c) => c.L.net + A.NET_DT],
  ["infinite dt", "poisson", (c) => f32(c, c.L.net + A.NET_DT, Infinity), run, A.ERR_BAD_VALUE, (c) => c.L.net + A.NET_DT],
  ["negative component count", "poisson", (c) => i32(c, c.L.net + A.NET_NCOMP, -1), init, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_NCOMP],
  ["negative record count", "poisson", (c) => i32(c, c.L.net + A.NET_NREC, -1), run, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_NREC],
  ["negative barrier spins", "poisson", (c) => i32(c, c.L.net + A.NET_SPINS, -1), run, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_SPINS],
  ["negative record capacity", "poisson", (c) => i32(c, c.L.net + A.NET_REC_CAP, -5), init, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_REC_CAP],
  ["negative step index", "poisson", (c) => i32(c, c.L.net + A.NET_STEP, -7), run, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_STEP],
  ["negative record row (rows would go before the buffer)", "poisson", (c) => i32(c, c.L.net + A.NET_REC_ROW, -100), run, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_REC_ROW],
  ["record row above the capacity", "poisson", (c) => i32(c, c.L.net + A.NET_REC_ROW, 201), record, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_REC_ROW],
  ["header past the end of memory", "poisson", nothing, (c) => c.k.fns.init(c.end - 40), A.ERR_BAD_POINTER, (c) => c.end - 40],
  ["header at address 0", "poisson", nothing, (c) => c.k.fns.run(0, 1), A.ERR_BAD_POINTER, () => 0],
  ["header on the module's static data", "poisson", nothing, (c) => c.k.fns.init(1024), A.ERR_BAD_POINTER, () => 1024],
  ["misaligned header", "poisson", nothing, (c) => c.k.fns.init(c.L.net + 2), A.ERR_BAD_POINTER, (c) => c.L.net + 2],
  ["component table past the end of memory", "poisson", (c) => u32(c, c.L.net + A.NET_COMPS, c.end - 8), init, A.ERR_BAD_POINTER, (c) => c.L.net + A.NET_COMPS],
  ["a billion components", "poisson", (c) => i32(c, c.L.net + A.NET_NCOMP, 1e9), run, A.ERR_BAD_POINTER, (c) => c.L.net + A.NET_COMPS],
  // ---- steps and records (kept)
  ["negative step count", "poisson", nothing, (c) => c.k.fns.run(c.L.net, -1), A.ERR_BAD_STEPS, () => 0],
  ["step index past 2^31 - 1", "poisson", (c) => i32(c, c.L.net + A.NET_STEP, 2 ** 31 - 3), run, A.ERR_BAD_STEPS, (c) => c.L.net + A.NET_STEP],
  ["more steps than record rows left", "poisson", nothing, (c) => c.k.fns.run(c.L.net, 191), A.ERR_RECORD_FULL, (c) => c.L.net + A.NET_REC_ROW],
  ["record() with the buffers full", "poisson", (c) => i32(c, c.L.net + A.NET_REC_ROW, 200), record, A.ERR_RECORD_FULL, (c) => c.L.net + A.NET_REC_ROW],
  // ---- sources (kept, on the source's header and block)
  ["unknown component kind", "poisson", (c) => i32(c, c.L.z0 + A.COMP_KIND, 7), init, A.ERR_BAD_KIND, (c) => c.L.z0 + A.COMP_KIND],
  ["source of zero units", "poisson", (c) => i32(c, c.L.z0 + A.COMP_N, 0), run, A.ERR_BAD_COUNT, (c) => c.L.z0 + A.COMP_N],
  ["source of negative units", "train", (c) => i32(c, c.L.z0 + A.COMP_N, -5), init, A.ERR_BAD_COUNT, (c) => c.L.z0 + A.COMP_N],
  ["trials x units beyond 2^31 - 1", "poisson", (c) => i32(c, c.L.z0 + A.COMP_N, 2 ** 30 + 1), run, A.ERR_OVERFLOW, (c) => c.L.z0 + A.COMP_N],
  ["source arrays beyond the memory (2^28 units, under a synapse of 2^28 rows)", "poisson", (c) => { i32(c, c.L.z0 + A.COMP_N, 2 ** 28); i32(c, c.L.W + A.COMP_N, 2 ** 28); }, init, A.ERR_BAD_POINTER, (c) => c.L.z0 + A.COMP_SPIKES],
  ["spike probability rate * dt / 1000 above 1", "poisson", (c) => f32(c, c.L.z0 + A.POI_PRATE, 1.5), run, A.ERR_BAD_VALUE, (c) => c.L.z0 + A.POI_PRATE],
  ["NaN spike probability", "poisson", (c) => f32(c, c.L.z0 + A.POI_PRATE, NaN), init, A.ERR_BAD_VALUE, (c) => c.L.z0 + A.POI_PRATE],
  ["spikes array past the end of memory", "poisson", (c) => u32(c, c.L.z0 + A.COMP_SPIKES, c.end - 4), run, A.ERR_BAD_POINTER, (c) => c.L.z0 + A.COMP_SPIKES],
  ["misaligned counts", "poisson", (c) => u32(c, c.L.z0 + A.COMP_COUNTS, at(c, "z0.counts") + 1), init, A.ERR_BAD_POINTER, (c) => c.L.z0 + A.COMP_COUNTS],
  ["spikes written over the header", "poisson", (c) => u32(c, c.L.z0 + A.COMP_SPIKES, c.L.net), run, A.ERR_OVERLAP, (c) => c.L.z0 + A.COMP_SPIKES],
  ["inputs read from the module's static data", "poisson", (c) => u32(c, c.L.z0 + A.POI_INPUTS, 1024), run, A.ERR_BAD_POINTER, (c) => c.L.z0 + A.POI_INPUTS],
  // ---- spike trains (kept)
  ["decreasing spike-train offsets", "train", (c) => i32(c, at(c, "z0.offsets") + 4, 7), init, A.ERR_BAD_TRAIN, (c) => at(c, "z0.offsets") + 8],
  ["negative first offset", "train", (c) => i32(c, at(c, "z0.offsets"), -1), run, A.ERR_BAD_TRAIN, (c) => at(c, "z0.offsets")],
  ["spike times out of order", "train", (c) => i32(c, at(c, "z0.times") + 8, 2), init, A.ERR_BAD_TRAIN, (c) => at(c, "z0.times") + 8],
  ["a negative spike time", "train", (c) => i32(c, at(c, "z0.times") + 16, -4), init, A.ERR_BAD_TRAIN, (c) => at(c, "z0.times") + 16],
  ["spike times past the end of memory", "train", (c) => i32(c, at(c, "z0.offsets") + 8, 2 ** 30), run, A.ERR_BAD_POINTER, (c) => c.L.z0 + A.TRAIN_TIMES],
  ["a negative cursor (the kernel would read before its list)", "train", (c) => i32(c, at(c, "z0.cursor") + 4, -1000), run, A.ERR_BAD_TRAIN, (c) => at(c, "z0.cursor") + 4],
  ["a cursor past its unit's list", "train", (c) => i32(c, at(c, "z0.cursor") + 12, 3), run, A.ERR_BAD_TRAIN, (c) => at(c, "z0.cursor") + 12],
  ["the LIF's v written over a cursor", "train", (c) => u32(c, c.L.z1 + A.LIF_V, at(c, "z0.cursor")), run, A.ERR_OVERLAP, (c) => c.L.z1 + A.LIF_V],
  // ---- synapses (kept: the TM block and the delivery block)
  ["unknown synapse mode", "poisson", (c) => i32(c, c.L.W + A.TM_MODE, 5), init, A.ERR_BAD_KIND, (c) => c.L.W + A.TM_MODE],
  ["unknown synapse flag", "poisson", (c) => i32(c, c.L.W + A.TM_FLAGS, 64 | 3), run, A.ERR_BAD_KIND, (c) => c.L.W + A.TM_FLAGS],
  ["three-state resources in Euler mode", "poisson", (c) => i32(c, c.L.W + A.TM_FLAGS, A.TM_FLAG_INACT | 3), init, A.ERR_BAD_KIND, (c) => c.L.W + A.TM_FLAGS],
  ["synapse of zero presynaptic units", "poisson", (c) => i32(c, c.L.W + A.COMP_N, 0), run, A.ERR_BAD_COUNT, (c) => c.L.W + A.COMP_N],
  ["synapse of negative postsynaptic units", "poisson", (c) => i32(c, c.L.W + A.COMP_N2, -1), init, A.ERR_BAD_COUNT, (c) => c.L.W + A.COMP_N2],
  ["zero row blocks", "poisson", (c) => i32(c, c.L.W + A.DLV_BLOCKS, 0), run, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_BLOCKS],
  ["more row blocks than presynaptic units", "poisson", (c) => i32(c, c.L.W + A.DLV_BLOCKS, 3), init, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_BLOCKS],
  ["more scratch slots than row blocks", "poisson", (c) => i32(c, c.L.W + A.DLV_ACC_SLOTS, 2), run, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_ACC_SLOTS],
  ["zero scratch slots", "poisson", (c) => i32(c, c.L.W + A.DLV_ACC_SLOTS, 0), init, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_ACC_SLOTS],
  ["trials x postsynaptic units beyond 2^31 - 1", "poisson", (c) => i32(c, c.L.W + A.COMP_N2, 2 ** 31 - 1), run, A.ERR_OVERFLOW, (c) => c.L.W + A.COMP_N2],
  ["a weight matrix of 2^16 x 2^16 (2^34 bytes: 0 in 32 bits)", "poisson", (c) => {
    // z0 and z1 of 2^16 units, every array of theirs in one 512 KiB region (written regions may overlap)
    const big = 131072;
    for (const comp of [c.L.z0, c.L.z1]) i32(c, comp + A.COMP_N, 2 ** 16);
    i32(c, c.L.W + A.COMP_N, 2 ** 16);
    i32(c, c.L.W + A.COMP_N2, 2 ** 16);
    for (const f of [A.COMP_SPIKES, A.COMP_COUNTS, A.POI_INPUTS]) u32(c, c.L.z0 + f, big);
    for (const f of [A.COMP_SPIKES, A.COMP_COUNTS, A.COMP_INPUT, A.LIF_V, A.LIF_RFR]) u32(c, c.L.z1 + f, big);
    u32(c, c.L.W + A.DLV_W, at(c, "W.resources"));
  }, init, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_W],
  ["dt / tauF = 2 under Euler (tauF shorter than dt)", "poisson", (c) => f32(c, c.L.W + A.TM_DT_TAUF, 2), run, A.ERR_BAD_VALUE, (c) => c.L.W + A.TM_DT_TAUF],
  ["negative dt / tauD (a negative time constant)", "poisson", (c) => f32(c, c.L.W + A.TM_DT_TAUD, -0.1), init, A.ERR_BAD_VALUE, (c) => c.L.W + A.TM_DT_TAUD],
  ["infinite gain", "poisson", (c) => f32(c, c.L.W + A.DLV_G, Infinity), run, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_G],
  ["NaN constant weight", "poisson", (c) => f32(c, c.L.W + A.DLV_W_CONST, NaN), run, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_W_CONST],
  ["weight matrix past the end of memory", "poisson", (c) => u32(c, c.L.W + A.DLV_W, c.end - 8), init, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_W],
  ["the second half of a double buffer past the end of memory", "lesson", (c) => u32(c, c.L.W + A.DLV_CA, c.end - 16), init, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_CA],
  ["u past the end of memory", "poisson", (c) => u32(c, c.L.W + A.TM_UVAR, c.end), run, A.ERR_BAD_POINTER, (c) => c.L.W + A.TM_UVAR],
  ["steps-since written over the record table", "exact", (c) => u32(c, c.L.W + A.TM_NSINCE, c.L.rec + 8), init, A.ERR_OVERLAP, (c) => c.L.W + A.TM_NSINCE],
  ["resources read at address 0", "poisson", (c) => u32(c, c.L.W + A.TM_RESOURCES, 0), run, A.ERR_BAD_POINTER, (c) => c.L.W + A.TM_RESOURCES],
  // ---- LIF populations (kept)
  ["unknown LIF method", "poisson", (c) => i32(c, c.L.z1 + A.LIF_METHOD, 3), run, A.ERR_BAD_KIND, (c) => c.L.z1 + A.LIF_METHOD],
  ["unknown LIF flag", "poisson", (c) => i32(c, c.L.z1 + A.LIF_FLAGS, 32), init, A.ERR_BAD_KIND, (c) => c.L.z1 + A.LIF_FLAGS],
  ["negative membrane time constant (1 / tauM < 0)", "poisson", (c) => f32(c, c.L.z1 + A.LIF_INV_TAU_M, -0.05), run, A.ERR_BAD_VALUE, (c) => c.L.z1 + A.LIF_INV_TAU_M],
  ["NaN 1 / tauM", "poisson", (c) => f32(c, c.L.z1 + A.LIF_INV_TAU_M, NaN), run, A.ERR_BAD_VALUE, (c) => c.L.z1 + A.LIF_INV_TAU_M],
  ["zero 1 / tauM", "poisson", (c) => f32(c, c.L.z1 + A.LIF_INV_TAU_M, 0), init, A.ERR_BAD_VALUE, (c) => c.L.z1 + A.LIF_INV_TAU_M],
  ["negative refractory period", "poisson", (c) => f32(c, c.L.z1 + A.LIF_REFRACT, -1), run, A.ERR_BAD_VALUE, (c) => c.L.z1 + A.LIF_REFRACT],
  ["NaN threshold", "poisson", (c) => f32(c, c.L.z1 + A.LIF_THR, NaN), run, A.ERR_BAD_VALUE, (c) => c.L.z1 + A.LIF_THR],
  ["threshold decay above 1", "poisson", (c) => { i32(c, c.L.z1 + A.LIF_FLAGS, A.LIF_FLAG_THETA); f32(c, c.L.z1 + A.LIF_THETA_DECAY, 1.5); }, init, A.ERR_BAD_VALUE, (c) => c.L.z1 + A.LIF_THETA_DECAY],
  ["LIF of zero units", "poisson", (c) => i32(c, c.L.z1 + A.COMP_N, 0), run, A.ERR_BAD_COUNT, (c) => c.L.z1 + A.COMP_N],
  ["a synaptic current flagged without its array", "poisson", (c) => i32(c, c.L.z1 + A.LIF_FLAGS, A.LIF_FLAG_SYN), init, A.ERR_BAD_POINTER, (c) => c.L.z1 + A.LIF_ISYN],
  // ---- record entries (kept; version 8's REC_UNITS and its two cases are gone)
  ["unknown record kind", "poisson", (c) => i32(c, recField(c, WU, A.REC_KIND), 4), run, A.ERR_BAD_RECORD, (c) => recField(c, WU, A.REC_KIND)],
  ["record entry of negative count", "poisson", (c) => i32(c, recField(c, Z0_SPIKES, A.REC_COUNT), -1), run, A.ERR_BAD_RECORD, (c) => recField(c, Z0_SPIKES, A.REC_COUNT)],
  ["record rows x count beyond 2^31 - 1", "poisson", (c) => i32(c, recField(c, V, A.REC_COUNT), 2 ** 30), run, A.ERR_OVERFLOW, (c) => recField(c, V, A.REC_COUNT)],
  ["record indices past the end of memory", "poisson", (c) => u32(c, recField(c, WU, A.REC_IDX), c.end - 4), run, A.ERR_BAD_POINTER, (c) => recField(c, WU, A.REC_IDX)],
  ["record buffer overflowing the memory", "poisson", (c) => u32(c, recField(c, V, A.REC_DST), c.end - 1600), run, A.ERR_BAD_POINTER, (c) => recField(c, V, A.REC_DST)],
  ["a record's component past the end of memory (not one of the table's)", "poisson", (c) => u32(c, recField(c, V, A.REC_COMP), c.end - 8), init, A.ERR_BAD_RECORD, (c) => recField(c, V, A.REC_COMP)],
  ["Wdyn of something that is not a synapse (the LIF)", "poisson", (c) => u32(c, recField(c, WDYN, A.REC_COMP), c.L.z1), run, A.ERR_BAD_RECORD, (c) => recField(c, WDYN, A.REC_FIELD)],
  ["Wdyn post index past nPost (would read beyond the weights)", "poisson", (c) => i32(c, at(c, "rec.W.wdyn.idx2") + 4, 2), run, A.ERR_BAD_RECORD, (c) => at(c, "rec.W.wdyn.idx2") + 4],
  ["record rows written over the index arrays", "poisson", (c) => u32(c, recField(c, Z0_SPIKES, A.REC_DST), at(c, "rec.W.u.idx")), run, A.ERR_OVERLAP, (c) => recField(c, Z0_SPIKES, A.REC_DST)],
  // ---- threads (kept)
  ["worker index equal to the worker count", "poisson", nothing, (c) => c.k.fns.runSlice(c.L.net, 5, 2, 2), A.ERR_BAD_THREADS, () => 0],
  ["zero workers", "poisson", nothing, (c) => c.k.fns.runSlice(c.L.net, 5, 0, 0), A.ERR_BAD_THREADS, () => 0],
  ["two workers without a barrier", "poisson", nothing, two, A.ERR_BAD_THREADS, (c) => c.L.net + A.NET_BARRIER],
  ["misaligned barrier", "poisson", (c) => u32(c, c.L.net + A.NET_BARRIER, at(c, "z0.inputs") + 2), two, A.ERR_BAD_POINTER, (c) => c.L.net + A.NET_BARRIER],
  // (the barrier cases count one worker as arrived: a check that let them through would not block)
  ["barrier on the LIF's v", "poisson", (c) => { u32(c, c.L.net + A.NET_BARRIER, at(c, "z1.v")); i32(c, at(c, "z1.v"), 1); }, two, A.ERR_OVERLAP, (c) => c.L.z1 + A.LIF_V],
  ["barrier inside the header", "poisson", (c) => { u32(c, c.L.net + A.NET_BARRIER, c.L.net + 60); i32(c, c.L.net + 60, 1); }, two, A.ERR_OVERLAP, (c) => c.L.net + A.NET_BARRIER],
  // ---- philox4x32's output (kept)
  ["Philox output past the end of memory", "poisson", nothing, (c) => c.k.fns.philox4x32(1, 2, 3, 4, 5, 6, c.end - 8), A.ERR_BAD_POINTER, () => 0],
  ["Philox output on the module's static data", "poisson", nothing, (c) => c.k.fns.philox4x32(1, 2, 3, 4, 5, 6, 64), A.ERR_BAD_POINTER, () => 0],
];

const NEW_CASES: Case[] = [
  // ---- the table and each descriptor's header
  ["record table past the end of memory", "poisson", (c) => u32(c, c.L.net + A.NET_REC, c.end - 40), run, A.ERR_BAD_POINTER, (c) => c.L.net + A.NET_REC],
  ["one component more than the table holds (a 0 entry)", "poisson", (c) => i32(c, c.L.net + A.NET_NCOMP, 4), init, A.ERR_BAD_POINTER, (c) => entry(c, 3)],
  ["a table entry past the end of memory", "poisson", (c) => u32(c, entry(c, 1), c.end - 16), run, A.ERR_BAD_POINTER, (c) => entry(c, 1)],
  ["a misaligned table entry", "poisson", (c) => u32(c, entry(c, 2), c.L.W + 2), init, A.ERR_BAD_POINTER, (c) => entry(c, 2)],
  ["a descriptor whose header fits but whose block runs past the end of memory", "poisson", (c) => {
    i32(c, c.end - 40, A.KIND_TM);
    i32(c, c.end - 40 + A.COMP_BYTES, A.TM_BYTES);
    u32(c, entry(c, 2), c.end - 40);
  }, run, A.ERR_BAD_POINTER, (c) => entry(c, 2)],
  ["component kind 0 (a zeroed descriptor)", "poisson", (c) => i32(c, c.L.W + A.COMP_KIND, 0), run, A.ERR_BAD_KIND, (c) => c.L.W + A.COMP_KIND],
  ["component kind 6 (one past the last)", "channel", (c) => i32(c, c.L.C + A.COMP_KIND, 6), init, A.ERR_BAD_KIND, (c) => c.L.C + A.COMP_KIND],
  ["COMP_BYTES of version 8's LIF (96, not 128)", "poisson", (c) => i32(c, c.L.z1 + A.COMP_BYTES, 96), init, A.ERR_BAD_KIND, (c) => c.L.z1 + A.COMP_BYTES],
  ["a TM synapse that says it is a LIF's size", "poisson", (c) => i32(c, c.L.W + A.COMP_BYTES, A.LIF_BYTES), run, A.ERR_BAD_KIND, (c) => c.L.W + A.COMP_BYTES],
  ["a Poisson source of the spike train's kind (its block read as a train's)", "poisson", (c) => i32(c, c.L.z0 + A.COMP_KIND, A.KIND_TRAIN), init, A.ERR_BAD_POINTER, (c) => c.L.z0 + A.TRAIN_OFFSETS],
  ["a component listed twice", "poisson", (c) => u32(c, entry(c, 2), c.L.z1), init, A.ERR_BAD_WIRING, (c) => entry(c, 2)],
  ["a component listed twice, the table one longer", "channel", (c) => { i32(c, c.L.net + A.NET_NCOMP, 4); u32(c, entry(c, 3), c.L.z0); }, run, A.ERR_BAD_WIRING, (c) => entry(c, 3)],
  // ---- a synapse's wiring
  ["a synapse whose PRE is a copy of the source, not in the table", "poisson", (c) => {
    const copy = c.end - 64;
    new Uint8Array(c.k.memory.buffer).copyWithin(copy, c.L.z0, c.L.z0 + A.POI_BYTES);
    u32(c, c.L.W + A.COMP_PRE, copy);
  }, run, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_PRE],
  ["a synapse whose PRE is 0", "poisson", (c) => u32(c, c.L.W + A.COMP_PRE, 0), init, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_PRE],
  ["a synapse whose PRE is a synapse (itself)", "poisson", (c) => u32(c, c.L.W + A.COMP_PRE, c.L.W), run, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_PRE],
  ["a synapse whose PRE is a channel", "channel", (c) => u32(c, c.L.W + A.COMP_PRE, c.L.C), init, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_PRE],
  ["a synapse whose PRE has 3 units for its 2 rows", "poisson", (c) => i32(c, c.L.z0 + A.COMP_N, 3), run, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_PRE],
  ["a source of 2^28 units under a synapse of 2 rows", "poisson", (c) => i32(c, c.L.z0 + A.COMP_N, 2 ** 28), init, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_PRE],
  ["a synapse whose PRE is a LIF of 3 units for its 2 rows", "poisson", (c) => { u32(c, c.L.W + A.COMP_PRE, c.L.z1); i32(c, c.L.z1 + A.COMP_N, 3); }, run, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_PRE],
  ["a synapse whose PRE is a copy of the LIF, not in the table", "poisson", (c) => {
    const copy = c.end - 128;
    new Uint8Array(c.k.memory.buffer).copyWithin(copy, c.L.z1, c.L.z1 + A.LIF_BYTES);
    u32(c, c.L.W + A.COMP_PRE, copy);
  }, init, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_PRE],
  ["a synapse whose POST is a source", "poisson", (c) => u32(c, c.L.W + A.COMP_POST, c.L.z0), run, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_POST],
  ["a synapse whose POST is a synapse (itself)", "poisson", (c) => u32(c, c.L.W + A.COMP_POST, c.L.W), init, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_POST],
  ["a synapse whose POST is 0", "train", (c) => u32(c, c.L.W + A.COMP_POST, 0), run, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_POST],
  ["a synapse whose POST is the header", "poisson", (c) => u32(c, c.L.W + A.COMP_POST, c.L.net), init, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_POST],
  // issue 14: it would add two values per trial into a one-unit LIF's input
  ["a synapse with nPost = 2 onto a one-unit LIF", "lesson", (c) => i32(c, c.L.W + A.COMP_N2, 2), run, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_POST],
  ["a synapse with nPost = 1 onto a two-unit LIF", "poisson", (c) => i32(c, c.L.W + A.COMP_N2, 1), init, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_POST],
  ["a synapse onto a channel of another size", "channel", (c) => i32(c, c.L.C + A.COMP_N, 3), run, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_POST],
  ["a synapse whose POST is a copy of the channel, not in the table", "channel", (c) => {
    const copy = c.end - 64;
    new Uint8Array(c.k.memory.buffer).copyWithin(copy, c.L.C, c.L.C + A.COND_BYTES);
    u32(c, c.L.W + A.COMP_POST, copy);
  }, init, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_POST],
  // ---- a channel's wiring and block
  ["a channel whose POST is a source", "channel", (c) => u32(c, c.L.C + A.COMP_POST, c.L.z0), init, A.ERR_BAD_WIRING, (c) => c.L.C + A.COMP_POST],
  ["a channel whose POST is the synapse", "channel", (c) => u32(c, c.L.C + A.COMP_POST, c.L.W), run, A.ERR_BAD_WIRING, (c) => c.L.C + A.COMP_POST],
  ["a channel whose POST is 0", "channel", (c) => u32(c, c.L.C + A.COMP_POST, 0), init, A.ERR_BAD_WIRING, (c) => c.L.C + A.COMP_POST],
  ["a channel whose POST is a channel (itself)", "channel", (c) => u32(c, c.L.C + A.COMP_POST, c.L.C), run, A.ERR_BAD_WIRING, (c) => c.L.C + A.COMP_POST],
  ["a channel whose POST is a copy of its LIF, not in the table", "channel", (c) => {
    const copy = c.end - 128;
    new Uint8Array(c.k.memory.buffer).copyWithin(copy, c.L.z1, c.L.z1 + A.LIF_BYTES);
    u32(c, c.L.C + A.COMP_POST, copy);
  }, init, A.ERR_BAD_WIRING, (c) => c.L.C + A.COMP_POST],
  // it would add 2 values per trial into a LIF's direct input of 3 (read as trial * 3 + unit: the wrong units)
  ["a channel of 2 units onto a LIF of 3", "channel", (c) => i32(c, c.L.z1 + A.COMP_N, 3), run, A.ERR_BAD_WIRING, (c) => c.L.C + A.COMP_POST],
  ["a channel onto a LIF without LIF_FLAG_DIRECT", "channel", (c) => i32(c, c.L.z1 + A.LIF_FLAGS, 0), run, A.ERR_BAD_WIRING, (c) => c.L.C + A.COMP_POST],
  ["a channel onto a midpoint LIF", "channel", (c) => i32(c, c.L.z1 + A.LIF_METHOD, A.LIF_METHOD_MIDPOINT), init, A.ERR_BAD_WIRING, (c) => c.L.C + A.COMP_POST],
  ["a channel onto an exact LIF", "channel", (c) => { i32(c, c.L.z1 + A.LIF_METHOD, A.LIF_METHOD_EXACT); f32(c, c.L.z1 + A.LIF_P22, 0.5); }, run, A.ERR_BAD_WIRING, (c) => c.L.C + A.COMP_POST],
  ["a channel of zero units", "channel", (c) => i32(c, c.L.C + A.COMP_N, 0), init, A.ERR_BAD_COUNT, (c) => c.L.C + A.COMP_N],
  ["a channel's decay above 1", "channel", (c) => f32(c, c.L.C + A.COND_DECAY, 1.5), run, A.ERR_BAD_VALUE, (c) => c.L.C + A.COND_DECAY],
  ["a NaN reversal potential", "channel", (c) => f32(c, c.L.C + A.COND_E_REV, NaN), init, A.ERR_BAD_VALUE, (c) => c.L.C + A.COND_E_REV],
  ["a channel without its g", "channel", (c) => u32(c, c.L.C + A.COND_G, 0), run, A.ERR_BAD_POINTER, (c) => c.L.C + A.COND_G],
  ["a channel's input written over the component table", "channel", (c) => u32(c, c.L.C + A.COMP_INPUT, c.L.table), init, A.ERR_OVERLAP, (c) => c.L.C + A.COMP_INPUT],
  ["a direct input flagged without its array", "channel", (c) => u32(c, c.L.z1 + A.LIF_DIRECT, 0), run, A.ERR_BAD_POINTER, (c) => c.L.z1 + A.LIF_DIRECT],
  // ---- the delivery block
  ["unknown delivery kind (the one after DLV_ONE_TO_ONE)", "poisson", (c) => i32(c, c.L.W + A.DLV_KIND, A.DLV_ONE_TO_ONE + 1), init, A.ERR_BAD_KIND, (c) => c.L.W + A.DLV_KIND],
  ["a scratch of K (S nPost + G) words beyond 2^31 - 1 (K nPost is not)", "poisson", (c) => {
    i32(c, c.L.z1 + A.COMP_N, 2 ** 30 - 1);
    i32(c, c.L.W + A.COMP_N2, 2 ** 30 - 1);
    i32(c, c.L.W + A.DLV_BLOCKS, 2);
    i32(c, c.L.W + A.DLV_ACC_SLOTS, 2);
  }, run, A.ERR_OVERFLOW, (c) => c.L.W + A.DLV_ACC_SLOTS],
  ["a scratch past the end of memory", "poisson", (c) => u32(c, c.L.W + A.DLV_ACC, c.end - 8), init, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_ACC],
  ["the spike lists' second half past the end of memory", "poisson", (c) => u32(c, c.L.W + A.DLV_LIST, c.end - 200), run, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_LIST],
  ["a bias past the end of memory", "poisson", (c) => u32(c, c.L.W + A.DLV_BIAS, c.end - 4), init, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_BIAS],
  ["a 1 x 1 synapse without its lane copies", "lesson", (c) => u32(c, c.L.W + A.DLV_SPIKED, 0), run, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_SPIKED],
  // ---- pointers a mode or flag needs
  ["exact mode without its anchors (no records: u, x of the Euler map are not an exact synapse's)", "poisson", (c) => { i32(c, c.L.W + A.TM_MODE, A.TM_MODE_EXACT); i32(c, c.L.net + A.NET_NREC, 0); }, run, A.ERR_BAD_POINTER, (c) => c.L.W + A.TM_UANCH],
  ["exact mode without its steps-since", "exact", (c) => u32(c, c.L.W + A.TM_NSINCE, 0), init, A.ERR_BAD_POINTER, (c) => c.L.W + A.TM_NSINCE],
  ["three-state resources without their anchors", "exact", (c) => i32(c, c.L.W + A.TM_FLAGS, A.TM_FLAG_INACT | 3), run, A.ERR_BAD_POINTER, (c) => c.L.W + A.TM_YANCH],
  ["three-state resources without depression (they recover with tauD)", "exact", (c) => i32(c, c.L.W + A.TM_FLAGS, A.TM_FLAG_INACT | A.TM_FLAG_STF), init, A.ERR_BAD_KIND, (c) => c.L.W + A.TM_FLAGS],
  ["an adaptive threshold flagged without its array", "poisson", (c) => i32(c, c.L.z1 + A.LIF_FLAGS, A.LIF_FLAG_THETA), init, A.ERR_BAD_POINTER, (c) => c.L.z1 + A.LIF_THETA],
  ["a direct input flagged without its array (no channel)", "poisson", (c) => i32(c, c.L.z1 + A.LIF_FLAGS, A.LIF_FLAG_DIRECT), run, A.ERR_BAD_POINTER, (c) => c.L.z1 + A.LIF_DIRECT],
  // ---- what a record may sample
  ["a record of the network's header (not a component)", "poisson", (c) => u32(c, recField(c, V, A.REC_COMP), c.L.net), run, A.ERR_BAD_RECORD, (c) => recField(c, V, A.REC_COMP)],
  ["a record of component 0", "poisson", (c) => u32(c, recField(c, WU, A.REC_COMP), 0), init, A.ERR_BAD_RECORD, (c) => recField(c, WU, A.REC_COMP)],
  ["a negative record kind", "poisson", (c) => i32(c, recField(c, V, A.REC_KIND), -1), record, A.ERR_BAD_RECORD, (c) => recField(c, V, A.REC_KIND)],
  ["theta without LIF_FLAG_THETA", "poisson", (c) => i32(c, recField(c, V, A.REC_FIELD), A.LIF_THETA), run, A.ERR_BAD_RECORD, (c) => recField(c, V, A.REC_FIELD)],
  ["the synaptic current without LIF_FLAG_SYN", "poisson", (c) => i32(c, recField(c, V, A.REC_FIELD), A.LIF_ISYN), init, A.ERR_BAD_RECORD, (c) => recField(c, V, A.REC_FIELD)],
  ["a parameter, not an array (the threshold)", "poisson", (c) => i32(c, recField(c, V, A.REC_FIELD), A.LIF_THR), run, A.ERR_BAD_RECORD, (c) => recField(c, V, A.REC_FIELD)],
  ["the LIF's input (an array, but not recordable)", "poisson", (c) => i32(c, recField(c, V, A.REC_FIELD), A.COMP_INPUT), record, A.ERR_BAD_RECORD, (c) => recField(c, V, A.REC_FIELD)],
  ["the direct input (an array, but not recordable)", "channel", (c) => i32(c, recField(c, V, A.REC_FIELD), A.LIF_DIRECT), run, A.ERR_BAD_RECORD, (c) => recField(c, V, A.REC_FIELD)],
  ["a LIF's field asked of the synapse", "poisson", (c) => i32(c, recField(c, WU, A.REC_FIELD), A.LIF_V), init, A.ERR_BAD_RECORD, (c) => recField(c, WU, A.REC_FIELD)],
  ["the anchors (kernel state, not recordable)", "exact", (c) => i32(c, recField(c, WU, A.REC_FIELD), A.TM_UANCH), run, A.ERR_BAD_RECORD, (c) => recField(c, WU, A.REC_FIELD)],
  ["an f32 record of the spikes", "poisson", (c) => i32(c, recField(c, V, A.REC_FIELD), A.COMP_SPIKES), run, A.ERR_BAD_RECORD, (c) => recField(c, V, A.REC_FIELD)],
  ["a spike record of v", "poisson", (c) => i32(c, recField(c, Z1_SPIKES, A.REC_FIELD), A.LIF_V), init, A.ERR_BAD_RECORD, (c) => recField(c, Z1_SPIKES, A.REC_FIELD)],
  ["a spike record of a synapse", "poisson", (c) => u32(c, recField(c, Z1_SPIKES, A.REC_COMP), c.L.W), run, A.ERR_BAD_RECORD, (c) => recField(c, Z1_SPIKES, A.REC_FIELD)],
  ["a spike record of a channel", "channel", (c) => u32(c, recField(c, Z1_SPIKES, A.REC_COMP), c.L.C), init, A.ERR_BAD_RECORD, (c) => recField(c, Z1_SPIKES, A.REC_FIELD)],
  // (REC_FIELD is an offset in the component's own layout: COND_G asked of the LIF is LIF_V, the same 36)
  ["g asked of the synapse (offset 36 is its DLV_KIND)", "channel", (c) => u32(c, recField(c, CG, A.REC_COMP), c.L.W), run, A.ERR_BAD_RECORD, (c) => recField(c, CG, A.REC_FIELD)],
  ["an unknown derived variable", "poisson", (c) => i32(c, recField(c, WDYN, A.REC_FIELD), 5), run, A.ERR_BAD_RECORD, (c) => recField(c, WDYN, A.REC_FIELD)],
  ["a derived variable of a channel", "channel", (c) => u32(c, recField(c, WDYN, A.REC_COMP), c.L.C), init, A.ERR_BAD_RECORD, (c) => recField(c, WDYN, A.REC_FIELD)],
  ["a negative second index", "poisson", (c) => i32(c, at(c, "rec.W.wdyn.idx2"), -1), run, A.ERR_BAD_RECORD, (c) => at(c, "rec.W.wdyn.idx2")],
  ["a second index of 2^31 - 1", "lesson", (c) => i32(c, at(c, "rec.W.wdyn.idx2"), 2 ** 31 - 1), init, A.ERR_BAD_RECORD, (c) => at(c, "rec.W.wdyn.idx2")],
  ["second indices past the end of memory", "poisson", (c) => u32(c, recField(c, WDYN, A.REC_IDX2), c.end - 8), run, A.ERR_BAD_POINTER, (c) => recField(c, WDYN, A.REC_IDX2)],
  ["second indices at address 0", "poisson", (c) => u32(c, recField(c, WDYN, A.REC_IDX2), 0), init, A.ERR_BAD_POINTER, (c) => recField(c, WDYN, A.REC_IDX2)],
  ["g's record rows written over the component table", "channel", (c) => u32(c, recField(c, CG, A.REC_DST), c.L.table), run, A.ERR_OVERLAP, (c) => recField(c, CG, A.REC_DST)],
  // ---- the ports (version 10): a spike port, when its pointer is not 0, is an array the kernel writes
  ["a spike port past the end of memory", "poisson", (c) => u32(c, c.L.z0 + A.POI_INJECT, c.end - 4), run, A.ERR_BAD_POINTER, (c) => c.L.z0 + A.POI_INJECT],
  ["a misaligned spike port", "train", (c) => u32(c, c.L.z0 + A.TRAIN_INJECT, at(c, "z1.v") + 2), init, A.ERR_BAD_POINTER, (c) => c.L.z0 + A.TRAIN_INJECT],
  ["a spike port at address 1024 (the module's static data)", "poisson", (c) => u32(c, c.L.z0 + A.POI_INJECT, 1024), init, A.ERR_BAD_POINTER, (c) => c.L.z0 + A.POI_INJECT],
  ["a spike port over the component table (the kernel clears it)", "poisson", (c) => u32(c, c.L.z0 + A.POI_INJECT, c.L.table), run, A.ERR_OVERLAP, (c) => c.L.z0 + A.POI_INJECT],
  ["a spike port over the train's cursor", "train", (c) => u32(c, c.L.z0 + A.TRAIN_INJECT, at(c, "z0.cursor")), run, A.ERR_OVERLAP, (c) => c.L.z0 + A.TRAIN_INJECT],
  ["a NaN direct-current propagator (exact, synaptic current, direct input)", "channel", (c) => {
    i32(c, c.L.z1 + A.LIF_FLAGS, A.LIF_FLAG_SYN | A.LIF_FLAG_DIRECT);
    i32(c, c.L.z1 + A.LIF_METHOD, A.LIF_METHOD_EXACT);
    f32(c, c.L.z1 + A.LIF_P22, 0.9);
    f32(c, c.L.z1 + A.LIF_P21_DIRECT, NaN);
    u32(c, c.L.C + A.COMP_POST, c.L.z1); // (the channel would refuse an exact LIF, later: the LIF's own fields come first)
    i32(c, c.L.net + A.NET_NCOMP, 2); // z0 and z1 only
  }, init, A.ERR_BAD_VALUE, (c) => c.L.z1 + A.LIF_P21_DIRECT],
  // ---- the order of the checks: the first failing one decides
  ["a bad header before a bad component", "poisson", (c) => { i32(c, c.L.net + A.NET_TRIALS, 0); i32(c, c.L.W + A.COMP_KIND, 0); }, init, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_TRIALS],
  ["every descriptor before any wiring (a later kind, an earlier PRE)", "poisson", (c) => { u32(c, c.L.W + A.COMP_PRE, 0); i32(c, c.L.W + A.COMP_BYTES, 4); }, run, A.ERR_BAD_KIND, (c) => c.L.W + A.COMP_BYTES],
  ["the wiring before the model's fields", "poisson", (c) => { u32(c, c.L.W + A.COMP_POST, c.L.z0); i32(c, c.L.W + A.TM_MODE, 9); }, init, A.ERR_BAD_WIRING, (c) => c.L.W + A.COMP_POST],
  ["the components before the records", "poisson", (c) => { i32(c, recField(c, WU, A.REC_KIND), 9); f32(c, c.L.z1 + A.LIF_THR, NaN); }, run, A.ERR_BAD_VALUE, (c) => c.L.z1 + A.LIF_THR],
  ["the records before the regions", "poisson", (c) => { i32(c, recField(c, WU, A.REC_KIND), 9); u32(c, c.L.W + A.TM_UVAR, 0); }, init, A.ERR_BAD_RECORD, (c) => recField(c, WU, A.REC_KIND)],
  ["regions in memory before overlaps", "poisson", (c) => { u32(c, c.L.z1 + A.LIF_V, c.L.net); u32(c, c.L.z1 + A.LIF_RFR, c.end); }, run, A.ERR_BAD_POINTER, (c) => c.L.z1 + A.LIF_RFR],
  ["the descriptor before the call's steps", "poisson", (c) => i32(c, c.L.z0 + A.COMP_N, 0), (c) => c.k.fns.run(c.L.net, -1), A.ERR_BAD_COUNT, (c) => c.L.z0 + A.COMP_N],
];


/** Version 11's checks, in the kernel's order (docs/ABI.md section 9), each with its code and word. */
const V11_CASES: Case[] = [
  // ---- the delivery block: dense, sparse, one-to-one, an unknown kind
  ["dense delivery given per-connection factors (DLV_FA)", "poisson", (c) => u32(c, c.L.W + A.DLV_FA, at(c, "W.list")), run, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_FA],
  ["dense delivery given a factor b alone (DLV_FB)", "lesson", (c) => u32(c, c.L.W + A.DLV_FB, at(c, "W.list")), init, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_FA],
  ["sparse: an unknown DLV_WIDTHS bit", "sparse", (c) => i32(c, c.L.W + A.DLV_WIDTHS, 4), init, A.ERR_BAD_KIND, (c) => c.L.W + A.DLV_WIDTHS],
  ["sparse: u16 posts for 65537 postsynaptic units", "sparse", (c) => { i32(c, c.L.z1 + A.COMP_N, 65537); i32(c, c.L.W + A.COMP_N2, 65537); }, run, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_WIDTHS],
  ["sparse: a ring of 0 slots", "sparse", (c) => i32(c, c.L.W + A.DLV_SLOTS, 0), init, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_SLOTS],
  ["sparse: a ring of 65537 slots", "sparse", (c) => i32(c, c.L.W + A.DLV_SLOTS, 65537), run, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_SLOTS],
  ["sparse: a ring of K D nPost words beyond 2^31 - 1", "sparse", (c) => {
    i32(c, c.L.z1 + A.COMP_N, 2 ** 20);
    i32(c, c.L.W + A.COMP_N2, 2 ** 20);
    i32(c, c.L.W + A.DLV_WIDTHS, A.DLV_WIDE_POSTS);
    i32(c, c.L.W + A.DLV_SLOTS, 1024);
  }, init, A.ERR_OVERFLOW, (c) => c.L.W + A.DLV_SLOTS],
  ["sparse: one delay for all (no DELAYS) not below the slots", "sparse", (c) => { u32(c, c.L.W + A.DLV_DELAYS, 0); i32(c, c.L.W + A.DLV_DELAY, 3); }, run, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_DELAY],
  ["sparse: a negative delay for all", "sparse", (c) => { u32(c, c.L.W + A.DLV_DELAYS, 0); i32(c, c.L.W + A.DLV_DELAY, -1); }, init, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_DELAY],
  ["sparse: factor b without factor a", "sparse", (c) => u32(c, c.L.W + A.DLV_FB, at(c, "W.ring")), run, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_FB],
  ["sparse: a NaN gain", "sparse", (c) => f32(c, c.L.W + A.DLV_G, NaN), init, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_G],
  ["one-to-one: nPost other than nPre (onto a LIF of 3 units)", "oneToOne", (c) => { i32(c, c.L.z1 + A.COMP_N, 3); i32(c, c.L.W + A.COMP_N2, 3); }, run, A.ERR_BAD_VALUE, (c) => c.L.W + A.COMP_N2],
  ["one-to-one: a delay not below the slots", "oneToOne", (c) => i32(c, c.L.W + A.DLV_DELAY, 3), init, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_DELAY],
  ["one-to-one: a ring of 65537 slots", "oneToOne", (c) => i32(c, c.L.W + A.DLV_SLOTS, 65537), run, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_SLOTS],
  ["one-to-one: a ring of K D n words beyond 2^31 - 1", "oneToOne", (c) => {
    for (const comp of [c.L.z0, c.L.z1, c.L.W]) i32(c, comp + A.COMP_N, 2 ** 15);
    i32(c, c.L.W + A.COMP_N2, 2 ** 15);
    i32(c, c.L.W + A.DLV_SLOTS, 65536);
  }, init, A.ERR_OVERFLOW, (c) => c.L.W + A.DLV_SLOTS],
  ["one-to-one given per-connection factors", "oneToOne", (c) => u32(c, c.L.W + A.DLV_FA, at(c, "W.ring")), run, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_FA],
  ["one-to-one given a factor b alone", "oneToOne", (c) => u32(c, c.L.W + A.DLV_FB, at(c, "W.ring")), init, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_FA],
  ["one-to-one: a ring of 0 slots", "oneToOne", (c) => i32(c, c.L.W + A.DLV_SLOTS, 0), run, A.ERR_BAD_VALUE, (c) => c.L.W + A.DLV_SLOTS],
  // ---- the TM block's new flags and their wiring to the delivery's factors
  ["state per connection in Euler mode", "conn", (c) => i32(c, c.L.W + A.TM_MODE, A.TM_MODE_EULER), run, A.ERR_BAD_KIND, (c) => c.L.W + A.TM_FLAGS],
  ["state per connection with dense delivery", "poisson", (c) => { i32(c, c.L.W + A.TM_MODE, A.TM_MODE_EXACT); i32(c, c.L.W + A.TM_FLAGS, 3 | A.TM_FLAG_CONNECTION); }, init, A.ERR_BAD_KIND, (c) => c.L.W + A.TM_FLAGS],
  ["state per connection with one-to-one delivery", "oneToOne", (c) => { i32(c, c.L.W + A.TM_MODE, A.TM_MODE_EXACT); i32(c, c.L.W + A.TM_FLAGS, 3 | A.TM_FLAG_CONNECTION); }, run, A.ERR_BAD_KIND, (c) => c.L.W + A.TM_FLAGS],
  ["quantal release without state per connection", "sparse", (c) => i32(c, c.L.W + A.TM_FLAGS, 3 | A.TM_FLAG_QUANTAL), init, A.ERR_BAD_KIND, (c) => c.L.W + A.TM_FLAGS],
  ["quantal release with three-state resources", "quantal", (c) => i32(c, c.L.W + A.TM_FLAGS, 3 | A.TM_FLAG_CONNECTION | A.TM_FLAG_QUANTAL | A.TM_FLAG_INACT), run, A.ERR_BAD_KIND, (c) => c.L.W + A.TM_FLAGS],
  ["state per connection whose DLV_FA is not its TM_C_USPK", "conn", (c) => u32(c, c.L.W + A.DLV_FA, at(c, "W.cXSpk")), init, A.ERR_BAD_WIRING, (c) => c.L.W + A.DLV_FA],
  ["state per connection whose DLV_FB is not its TM_C_XSPK", "conn", (c) => u32(c, c.L.W + A.DLV_FB, at(c, "W.cUSpk")), run, A.ERR_BAD_WIRING, (c) => c.L.W + A.DLV_FA],
  ["quantal release with a DLV_FB", "quantal", (c) => u32(c, c.L.W + A.DLV_FB, at(c, "W.cXSpk")), init, A.ERR_BAD_WIRING, (c) => c.L.W + A.DLV_FA],
  ["quantal release whose DLV_FA is TM_C_USPK, not TM_C_REL", "quantal", (c) => u32(c, c.L.W + A.DLV_FA, at(c, "W.cUSpk")), run, A.ERR_BAD_WIRING, (c) => c.L.W + A.DLV_FA],
  ["state per row on sparse delivery given factors a and b", "sparse", (c) => { u32(c, c.L.W + A.DLV_FA, at(c, "W.ring")); u32(c, c.L.W + A.DLV_FB, at(c, "W.ring")); }, init, A.ERR_BAD_WIRING, (c) => c.L.W + A.DLV_FA],
  ["quantal release with 0 sites", "quantal", (c) => i32(c, c.L.W + A.TM_SITES, 0), run, A.ERR_BAD_VALUE, (c) => c.L.W + A.TM_SITES],
  ["quantal release with 65536 sites", "quantal", (c) => i32(c, c.L.W + A.TM_SITES, 65536), init, A.ERR_BAD_VALUE, (c) => c.L.W + A.TM_SITES],
  // ---- the LIF's bias
  ["a NaN bias propagator (exact, synaptic current, bias)", "events", (c) => {
    i32(c, c.L.z1 + A.LIF_FLAGS, A.LIF_FLAG_SYN | A.LIF_FLAG_BIAS);
    i32(c, c.L.z1 + A.LIF_METHOD, A.LIF_METHOD_EXACT);
    f32(c, c.L.z1 + A.LIF_P22, 0.9);
    f32(c, c.L.z1 + A.LIF_P21_DIRECT, NaN);
  }, run, A.ERR_BAD_VALUE, (c) => c.L.z1 + A.LIF_P21_DIRECT],
  // ---- records: events, derived variables of version 11's synapses
  ["an event record of a LIF (no presynaptic spikes)", "events", (c) => u32(c, recField(c, EU, A.REC_COMP), c.L.z1), run, A.ERR_BAD_RECORD, (c) => recField(c, EU, A.REC_COMP)],
  ["an event record of u at second index 1 (state per row: 0 only)", "events", (c) => i32(c, at(c, "rec.W.u@.idx2") + 4, 1), init, A.ERR_BAD_RECORD, (c) => at(c, "rec.W.u@.idx2") + 4],
  ["an event record of a variable the synapse does not have (the offset of TM_UVAR)", "events", (c) => i32(c, recField(c, EU, A.REC_FIELD), A.TM_UVAR), init, A.ERR_BAD_RECORD, (c) => recField(c, EU, A.REC_FIELD)],
  ["Wdyn of a sparse synapse at connection nnz", "sparse", (c) => i32(c, at(c, "rec.W.wdyn.idx2"), 3), run, A.ERR_BAD_RECORD, (c) => at(c, "rec.W.wdyn.idx2")],
  ["u of a connection at second index nnz (state per connection)", "conn", (c) => i32(c, at(c, "rec.W.u.idx2") + 4, 3), init, A.ERR_BAD_RECORD, (c) => at(c, "rec.W.u.idx2") + 4],
  ["an f32 record of TM_UVAR on state per connection", "conn", (c) => { i32(c, recField(c, WU, A.REC_KIND), A.REC_KIND_F32); i32(c, recField(c, WU, A.REC_FIELD), A.TM_UVAR); }, run, A.ERR_BAD_RECORD, (c) => recField(c, WU, A.REC_FIELD)],
  // ---- regions
  ["an event buffer 4 bytes past the end of memory", "events", (c) => u32(c, recField(c, EWDYN, A.REC_DST), c.end - EVENT_BYTES + 4), init, A.ERR_BAD_POINTER, (c) => recField(c, EWDYN, A.REC_DST)],
  ["an event buffer over the record table", "events", (c) => u32(c, recField(c, EU, A.REC_DST), c.L.rec), run, A.ERR_OVERLAP, (c) => recField(c, EU, A.REC_DST)],
  ["the last-spike steps missing", "poisson", (c) => u32(c, c.L.W + A.TM_LAST, 0), run, A.ERR_BAD_POINTER, (c) => c.L.W + A.TM_LAST],
  ["per-row rates past the end of memory", "exact", (c) => u32(c, c.L.W + A.TM_RATES_ROWS, c.end - 8), init, A.ERR_BAD_POINTER, (c) => c.L.W + A.TM_RATES_ROWS],
  // (with and without a Wdyn record of the synapse: its range, nnz = ROWS[nPre], is read only once the rows are checked)
  ["sparse: rows past the end of memory, a Wdyn record of them", "sparse", (c) => u32(c, c.L.W + A.DLV_ROWS, c.end - 8), init, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_ROWS],
  ["sparse: a negative connection count ROWS[nPre], a Wdyn record of them", "sparse", (c) => i32(c, at(c, "W.rows") + 8, -1), run, A.ERR_BAD_CONNECTIONS, (c) => at(c, "W.rows") + 8],
  ["an event count (the buffer's first word) of -1", "events", (c) => i32(c, at(c, "rec.W.u@.dst"), -1), run, A.ERR_BAD_RECORD, (c) => at(c, "rec.W.u@.dst")],
  ["an event count above the rows recorded times COUNT", "events", (c) => i32(c, at(c, "rec.W.u@.dst"), c.dv.getInt32(c.L.net + A.NET_REC_ROW, true) * c.dv.getInt32(recField(c, EU, A.REC_COUNT), true) + 1), run, A.ERR_BAD_RECORD, (c) => at(c, "rec.W.u@.dst")],
  ["sparse: rows past the end of memory (no records)", "sparse", (c) => { i32(c, c.L.net + A.NET_NREC, 0); u32(c, c.L.W + A.DLV_ROWS, c.end - 8); }, run, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_ROWS],
  ["sparse: a negative connection count ROWS[nPre] (no records)", "sparse", (c) => { i32(c, c.L.net + A.NET_NREC, 0); i32(c, at(c, "W.rows") + 8, -1); }, init, A.ERR_BAD_CONNECTIONS, (c) => at(c, "W.rows") + 8],
  ["sparse: K nnz beyond 2^31 - 1 (no records)", "sparse", (c) => { i32(c, c.L.net + A.NET_NREC, 0); i32(c, at(c, "W.rows") + 8, 2 ** 30); }, run, A.ERR_BAD_CONNECTIONS, (c) => at(c, "W.rows") + 8],
  ["sparse: posts past the end of memory", "sparse", (c) => u32(c, c.L.W + A.DLV_POSTS, c.end - 4), init, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_POSTS],
  ["sparse: delays past the end of memory", "sparse", (c) => u32(c, c.L.W + A.DLV_DELAYS, c.end), run, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_DELAYS],
  ["sparse: the ring over the component table", "sparse", (c) => u32(c, c.L.W + A.DLV_RING, c.L.table), init, A.ERR_OVERLAP, (c) => c.L.W + A.DLV_RING],
  ["sparse: v written over the posts (a descriptor region)", "sparse", (c) => u32(c, c.L.z1 + A.LIF_V, at(c, "W.posts")), run, A.ERR_OVERLAP, (c) => c.L.z1 + A.LIF_V],
  ["one-to-one without its row copies", "oneToOne", (c) => u32(c, c.L.W + A.DLV_CB, 0), init, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_CB],
  ["one-to-one: the ring past the end of memory", "oneToOne", (c) => u32(c, c.L.W + A.DLV_RING, c.end - 16), run, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_RING],
  ["U per connection past the end of memory", "conn", (c) => u32(c, c.L.W + A.TM_U_CONN, c.end - 8), run, A.ERR_BAD_POINTER, (c) => c.L.W + A.TM_U_CONN],
  ["state per connection without its u anchors", "conn", (c) => u32(c, c.L.W + A.TM_C_UANCH, 0), init, A.ERR_BAD_POINTER, (c) => c.L.W + A.TM_C_UANCH],
  ["quantal release without its available sites", "quantal", (c) => u32(c, c.L.W + A.TM_C_AVAIL, 0), run, A.ERR_BAD_POINTER, (c) => c.L.W + A.TM_C_AVAIL],
  ["quantal: the released fractions (and DLV_FA) over the posts", "quantal", (c) => { u32(c, c.L.W + A.TM_C_REL, at(c, "W.posts")); u32(c, c.L.W + A.DLV_FA, at(c, "W.posts")); }, init, A.ERR_OVERLAP, (c) => c.L.W + A.DLV_FA],
  ["a bias flagged without its array", "events", (c) => u32(c, c.L.z1 + A.LIF_BIAS, 0), run, A.ERR_BAD_POINTER, (c) => c.L.z1 + A.LIF_BIAS],
  ["a LIF bias past the end of memory", "events", (c) => u32(c, c.L.z1 + A.LIF_BIAS, c.end - 4), init, A.ERR_BAD_POINTER, (c) => c.L.z1 + A.LIF_BIAS],
  // ---- the contents: per-row rates (every call), per-connection rates (init), the connections (code 14)
  ["a NaN per-row dt / tauD", "exact", (c) => {
    new Float32Array(c.k.memory.buffer, c.end - 64, 4).set([1 / 750, 1 / 750, NaN, 1 / 50]);
    u32(c, c.L.W + A.TM_RATES_ROWS, c.end - 64);
  }, run, A.ERR_BAD_VALUE, (c) => c.end - 56],
  ["a negative per-connection dt / tauF (at init)", "conn", (c) => {
    new Float32Array(c.k.memory.buffer, c.end - 64, 6).set([0.1, -1, 0.1, 0.02, 0.02, 0.02]);
    u32(c, c.L.W + A.TM_RATES_CONN, c.end - 64);
  }, init, A.ERR_BAD_VALUE, (c) => c.end - 60],
  ["sparse: the first row start not 0", "sparse", (c) => i32(c, at(c, "W.rows"), 1), run, A.ERR_BAD_CONNECTIONS, (c) => at(c, "W.rows")],
  ["sparse: decreasing row starts", "sparse", (c) => i32(c, at(c, "W.rows") + 4, 4), init, A.ERR_BAD_CONNECTIONS, (c) => at(c, "W.rows") + 8],
  ["sparse: a post not below nPost (at init)", "sparse", (c) => u16(c, at(c, "W.posts") + 2, 2), init, A.ERR_BAD_CONNECTIONS, (c) => at(c, "W.posts") + 2],
  ["sparse: posts descending within a row (at init)", "sparse", (c) => { u16(c, at(c, "W.posts"), 1); u16(c, at(c, "W.posts") + 2, 0); }, init, A.ERR_BAD_CONNECTIONS, (c) => at(c, "W.posts") + 2],
  ["sparse: a delay not below the slots (at init)", "sparse", (c) => u8(c, at(c, "W.delays") + 1, 3), init, A.ERR_BAD_CONNECTIONS, (c) => at(c, "W.delays") + 1],
  ["sparse: u16 delays (DLV_WIDE_DELAYS) over the u8 data: a delay of 512 (at init)", "sparse", (c) => i32(c, c.L.W + A.DLV_WIDTHS, A.DLV_WIDE_DELAYS), init, A.ERR_BAD_CONNECTIONS, (c) => at(c, "W.delays")],
  ["quantal: a connection's delay not below the slots (at init)", "quantal", (c) => u8(c, at(c, "W.delays") + 2, 200), init, A.ERR_BAD_CONNECTIONS, (c) => at(c, "W.delays") + 2],
];

/** A barrier in the free page at the end of memory, its shares for W = 2 set to `starts`. */
function shares(c: Ctx, starts: number[]): void {
  const bar = c.end - 4096;
  u32(c, c.L.net + A.NET_BARRIER, bar);
  i32(c, bar + A.BARRIER_WORKERS, 2);
  starts.forEach((s, w) => i32(c, bar + A.BARRIER_STARTS + 4 * w, s));
}
const startAt = (c: Ctx, w: number) => c.end - 4096 + A.BARRIER_STARTS + 4 * w;

const V12_CASES: Case[] = [
  // ---- the workers' shares (version 12), checked when they are for the call's W
  ["shares: a start above SHARE_ONE", "poisson", (c) => shares(c, [0, A.SHARE_ONE + 1, A.SHARE_ONE]), two, A.ERR_BAD_VALUE, (c) => startAt(c, 1)],
  ["shares: starts decreasing", "poisson", (c) => shares(c, [0, 40000, 30000]), two, A.ERR_BAD_VALUE, (c) => startAt(c, 2)],
  ["shares: the first not 0", "poisson", (c) => shares(c, [5, 30000, A.SHARE_ONE]), two, A.ERR_BAD_VALUE, (c) => startAt(c, 0)],
  ["shares: the last not SHARE_ONE", "sparse", (c) => shares(c, [0, 100, 60000]), two, A.ERR_BAD_VALUE, (c) => startAt(c, 2)],
  ["more workers than MAX_WORKERS", "poisson", nothing, (c) => c.k.fns.runSlice(c.L.net, 5, 0, A.MAX_WORKERS + 1), A.ERR_BAD_THREADS, () => 0],
];

const ALL = [...CASES, ...NEW_CASES, ...V11_CASES, ...V12_CASES];

/** Write a valid network (on zeroed memory above BASE), init and run 10 steps: the state each case starts from. */
function fresh(k: RawKernel, net: Net): Ctx {
  new Uint8Array(k.memory.buffer, BASE).fill(0);
  const L = writeNetwork(k.memory, BASE, NETS[net]);
  expect(k.fns.init(L.net)).toBe(A.OK);
  expect(k.fns.run(L.net, 10)).toBe(A.OK);
  return { k, L, dv: new DataView(k.memory.buffer), end: k.memory.buffer.byteLength };
}

/** 200 steps of a valid network (records and counts), from init. */
function validRun(k: RawKernel, net: Net) {
  const p = NETS[net];
  const L = writeNetwork(k.memory, BASE, p);
  expect(k.fns.init(L.net)).toBe(A.OK);
  expect(k.fns.run(L.net, 150)).toBe(A.OK);
  expect(k.fns.run(L.net, 50)).toBe(A.OK);
  const records = readRecords(k.memory, L, 200);
  const counts = [new Int32Array(k.memory.buffer, L.at["z0.counts"], p.trials * p.n0).slice(), new Int32Array(k.memory.buffer, L.at["z1.counts"], p.trials * p.n1).slice()];
  return { records, counts };
}

describe("bad descriptors at the raw ABI", () => {
  it(`the table holds ${CASES.length} cases kept from version 8, ${NEW_CASES.length} of versions 9 and 10, ${V11_CASES.length} of version 11, ${V12_CASES.length} of version 12, all distinct`, () => {
    expect(new Set(ALL.map((c) => c[0])).size).toBe(ALL.length);
    expect(CASES.length).toBe(90); // version 8's 92 but the two on REC_UNITS
    expect(NEW_CASES.length).toBeGreaterThanOrEqual(60);
    expect(V11_CASES.length).toBeGreaterThanOrEqual(50);
    // every refusal a network can earn is exercised (ERR_NON_FINITE is no refusal: the run goes on; below)
    const codes = new Set(ALL.map((c) => c[4]));
    for (const code of Object.entries(A).filter(([name]) => name.startsWith("ERR_") && name !== "ERR_NON_FINITE").map(([, v]) => v)) expect(codes, `code ${code}`).toContain(code);
  });

  for (const build of BUILDS) {
    describe(build, async () => {
      const k = await instantiate(build, PAGES);
      const staticData = new Uint8Array(k.memory.buffer, 1024, k.fns.heapBase() - 1024).slice();

      it.each(ALL)("%s: refused with its code and the refused word, nothing changed", (_what, net, corrupt, call, code, word) => {
        const c = fresh(k, net);
        corrupt(c);
        const before = new Uint8Array(k.memory.buffer).slice();
        expect(call(c)).toBe(code);
        expect(k.fns.errorAt()).toBe(word(c));
        expect(k.memory.buffer.byteLength).toBe(before.length);
        expect(Buffer.compare(new Uint8Array(k.memory.buffer), before)).toBe(0);
      });

      it("afterwards the same instance runs valid networks exactly as a fresh one, its static data intact", async () => {
        const clean = await instantiate(build, PAGES);
        for (const net of Object.keys(NETS) as Net[]) {
          const want = validRun(clean, net);
          const got = validRun(k, net);
          expect(got, net).toEqual(want);
          expect(k.fns.errorAt()).toBe(0);
          expect(got.counts[1].reduce((a, b) => a + b, 0), `${net}: the LIF fires`).toBeGreaterThan(0);
        }
        expect(new Uint8Array(k.memory.buffer, 1024, staticData.length)).toEqual(staticData);
      });
    });
  }
});

describe("what is not an error", () => {
  /** The valid network `net` written at BASE, plus the raw kernel and a view of its memory. */
  async function valid(net: Net, build: (typeof BUILDS)[number] = "plain") {
    const k = await instantiate(build, PAGES);
    const L = writeNetwork(k.memory, BASE, NETS[net]);
    return { k, L, dv: new DataView(k.memory.buffer) };
  }

  it("an unused pointer is not read: 0 (as written) or any garbage, the results are the same", async () => {
    const want = await valid("poisson");
    const ptr = (dv: DataView, p: number) => dv.getUint32(p, true);
    // the Euler synapse's anchors, the 2 x 2 synapse's lane copies, theta, isyn and direct of a LIF
    // without those flags, a source's and a neuron's PRE and POST, a neuron's N2: all 0 as written
    const unused = [
      want.L.W + A.TM_UANCH, want.L.W + A.TM_XANCH, want.L.W + A.TM_NSINCE, want.L.W + A.TM_YANCH, want.L.W + A.TM_ZANCH,
      want.L.W + A.DLV_SPIKED, want.L.W + A.DLV_CA, want.L.W + A.DLV_CB, want.L.W + A.COMP_SPIKES, want.L.W + A.COMP_INPUT,
      want.L.z1 + A.LIF_THETA, want.L.z1 + A.LIF_ISYN, want.L.z1 + A.LIF_DIRECT, want.L.z1 + A.COMP_PRE, want.L.z1 + A.COMP_POST, want.L.z1 + A.COMP_N2,
      want.L.z0 + A.COMP_INPUT, want.L.z0 + A.COMP_PRE, want.L.z0 + A.COMP_POST,
    ];
    for (const p of unused) expect(ptr(want.dv, p)).toBe(0);
    expect(want.k.fns.init(want.L.net)).toBe(A.OK);
    expect(want.k.fns.run(want.L.net, 200)).toBe(A.OK);
    const got = await valid("poisson");
    for (const p of unused) got.dv.setUint32(p, 0xdead_beef, true); // misaligned, past the end: never read
    expect([got.k.fns.init(got.L.net), got.k.fns.errorAt()]).toEqual([A.OK, 0]);
    expect(got.k.fns.run(got.L.net, 200)).toBe(A.OK);
    expect(readRecords(got.k.memory, got.L, 200)).toEqual(readRecords(want.k.memory, want.L, 200));
    expect(Array.from(new Uint8Array(want.k.memory.buffer, want.L.at["rec.z1.spikes.dst"], 800)).some((s) => s !== 0)).toBe(true);
  });

  it("version 11: the fields of another delivery kind or state layout are not read: garbage there, the results are the same", async () => {
    const garbage = 0xdead_beef; // misaligned and past the end: a check that read it would refuse it
    // [network, fields its configuration does not read]
    const unused: [Net, (L: RawLayout) => number[]][] = [
      ["poisson", (L) => [ // dense delivery, Euler, state per row, no bias flag
        A.DLV_ROWS, A.DLV_POSTS, A.DLV_WIDTHS, A.DLV_DELAYS, A.DLV_DELAY, A.DLV_SLOTS, A.DLV_RING, A.TM_INACT_ROWS, A.TM_U_CONN, A.TM_RATES_CONN,
        A.TM_INACT_CONN, A.TM_C_UANCH, A.TM_C_XANCH, A.TM_C_YANCH, A.TM_C_ZANCH, A.TM_C_USPK, A.TM_C_XSPK, A.TM_SITES, A.TM_STREAM, A.TM_C_AVAIL, A.TM_C_REL,
      ].map((f) => L.W + f).concat([L.z1 + A.LIF_BIAS])],
      ["sparse", (L) => [ // sparse delivery, exact, state per row: no scratch, no row copies, no Euler arrays
        A.DLV_BLOCKS, A.DLV_ACC_SLOTS, A.DLV_ACC, A.DLV_SPIKED, A.DLV_CA, A.DLV_CB, A.DLV_DELAY, A.TM_UVAR, A.TM_XVAR, A.TM_U_CONN, A.TM_C_UANCH, A.TM_C_AVAIL,
      ].map((f) => L.W + f)],
      ["conn", (L) => [ // state per connection: no per-row u, x or anchors
        A.DLV_BLOCKS, A.DLV_ACC, A.TM_UVAR, A.TM_XVAR, A.TM_USPK, A.TM_XSPK, A.TM_UANCH, A.TM_XANCH, A.TM_YANCH, A.TM_ZANCH, A.TM_SITES, A.TM_C_AVAIL, A.TM_C_REL,
      ].map((f) => L.W + f)],
      ["oneToOne", (L) => [A.DLV_ROWS, A.DLV_POSTS, A.DLV_WIDTHS, A.DLV_DELAYS, A.DLV_LIST, A.DLV_ACC, A.DLV_BLOCKS].map((f) => L.W + f)],
    ];
    for (const [net, fields] of unused) {
      const want = await valid(net);
      expect([want.k.fns.init(want.L.net), want.k.fns.run(want.L.net, 200)], net).toEqual([A.OK, A.OK]);
      const got = await valid(net);
      for (const p of fields(got.L)) got.dv.setUint32(p, garbage, true);
      expect([got.k.fns.init(got.L.net), got.k.fns.errorAt()], net).toEqual([A.OK, 0]);
      expect(got.k.fns.run(got.L.net, 200), net).toBe(A.OK);
      expect(readRecords(got.k.memory, got.L, 200), net).toEqual(readRecords(want.k.memory, want.L, 200));
    }
  });

  it("a spike train without any spike needs no TIMES array (a 0-byte region is not read)", async () => {
    const k = await instantiate("plain", PAGES);
    const L = writeNetwork(k.memory, BASE, { ...POISSON, spikeSteps: [[], []] });
    new DataView(k.memory.buffer).setUint32(L.z0 + A.TRAIN_TIMES, 0, true);
    expect(k.fns.init(L.net)).toBe(A.OK);
    expect(k.fns.run(L.net, 100)).toBe(A.OK);
    expect(Array.from(readRecords(k.memory, L, 100)["z0.spikes"]!).every((s) => s === 0)).toBe(true);
  });

  it("a synapse may take a neuron as PRE, even its own target (z1 -> W -> z1), and sees its spikes one step late", async () => {
    const { k, L, dv } = await valid("poisson");
    // the LIF fed by a constant bias through W (the source is idle): W's presynaptic spikes are z1's
    f32Set(dv, L.z0 + A.POI_PRATE, 0);
    dv.setUint32(L.W + A.COMP_PRE, L.z1, true);
    const bias = L.end + 64;
    new Float32Array(k.memory.buffer, bias, 2).fill(0.06);
    dv.setUint32(L.W + A.DLV_BIAS, bias, true);
    expect(k.fns.init(L.net)).toBe(A.OK);
    expect(k.fns.run(L.net, 200)).toBe(A.OK);
    const r = readRecords(k.memory, L, 200);
    const post = r["z1.spikes"]!;
    const x = r["W.x"]! as Float32Array;
    let spikes = 0;
    for (let i = 1; i < 200; i++) {
      for (let g = 0; g < 4; g++) {
        // x drops in step i exactly when unit g (row g of W) spiked in step i - 1
        const dropped = x[i * 4 + g] < x[(i - 1) * 4 + g];
        expect(dropped, `step ${i}, unit ${g}`).toBe(post[(i - 1) * 4 + g] === 1);
        spikes += post[i * 4 + g];
      }
    }
    expect(spikes).toBeGreaterThan(4);
  });

  it("an exact synapse with dt / tauF = dt / tauD = +Infinity (tau -> 0) runs as instant relaxation", async () => {
    const { k, L, dv } = await valid("exact");
    f32Set(dv, L.W + A.TM_DT_TAUF, Infinity);
    f32Set(dv, L.W + A.TM_DT_TAUD, Infinity);
    expect(k.fns.init(L.net)).toBe(A.OK);
    expect(k.fns.run(L.net, 200)).toBe(A.OK);
    const r = readRecords(k.memory, L, 200);
    const pre = r["z0.spikes"]!;
    // every step starts from rest (u = 0, x = 1): a spike leaves u = U = 0.15, x = 1 - U
    pre.forEach((s, i) => {
      expect(r["W.u"]![i]).toBe(s ? Math.fround(0.15) : 0);
      expect(r["W.x"]![i]).toBe(s ? Math.fround(1 - Math.fround(0.15)) : 1);
    });
    expect(Array.from(pre).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
  });
});

function f32Set(dv: DataView, p: number, v: number) {
  dv.setFloat32(p, v, true);
}

describe("record()", () => {
  it("appends the state after init as a row, then run's rows follow it", async () => {
    const k = await instantiate("plain-simd", PAGES);
    const L = writeNetwork(k.memory, BASE, POISSON);
    expect(k.fns.init(L.net)).toBe(A.OK);
    expect(k.fns.record(L.net)).toBe(A.OK);
    expect(k.fns.run(L.net, 99)).toBe(A.OK);
    const rows = readRecords(k.memory, L, 100);
    expect(Array.from(rows["W.u"]!.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(rows["W.x"]!.subarray(0, 4))).toEqual([1, 1, 1, 1]);
    expect(Array.from(rows["z1.v"]!.subarray(0, 4))).toEqual([-60, -60, -60, -60]);
    expect(new Int32Array(k.memory.buffer, L.net + A.NET_REC_ROW, 1)[0]).toBe(100);
    expect(new Int32Array(k.memory.buffer, L.net + A.NET_STEP, 1)[0]).toBe(99);
    // rows 1.. are the rows of a run without the extra row
    const other = await instantiate("plain-simd", PAGES);
    const L2 = writeNetwork(other.memory, BASE, POISSON);
    expect(other.fns.init(L2.net)).toBe(A.OK);
    expect(other.fns.run(L2.net, 99)).toBe(A.OK);
    const plain = readRecords(other.memory, L2, 99);
    for (const name of L.records) {
      expect(Array.from(rows[name]!.subarray(L.columns[name]!))).toEqual(Array.from(plain[name]!));
    }
  });

  it("with no record entries does nothing and returns OK", async () => {
    const k = await instantiate("plain", PAGES);
    const L = writeNetwork(k.memory, BASE, POISSON);
    new DataView(k.memory.buffer).setInt32(L.net + A.NET_NREC, 0, true);
    expect(k.fns.init(L.net)).toBe(A.OK);
    const before = new Uint8Array(k.memory.buffer).slice();
    expect(k.fns.record(L.net)).toBe(A.OK);
    expect(Buffer.compare(new Uint8Array(k.memory.buffer), before)).toBe(0);
  });
});

// Three descriptors the first draft of version 11 did not refuse (found while writing docs/ABI.md; each
// was a test expected to fail until the kernel checked it). The contract of section 3: a refusal, no
// trap, no byte changed.
describe("three gaps of version 11's draft, closed", () => {
  /** The promise: `call` returns `code` with errorAt() at `word`, without a trap, and no byte changed. */
  async function refused(net: Net, corrupt: (c: Ctx) => void, call: (c: Ctx) => number, code: number, word: (c: Ctx) => number) {
    const k = await instantiate("plain", PAGES);
    const c = fresh(k, net);
    corrupt(c);
    const before = new Uint8Array(k.memory.buffer).slice();
    expect(call(c)).toBe(code); // (a trap throws here)
    expect(k.fns.errorAt()).toBe(word(c));
    expect(Buffer.compare(new Uint8Array(k.memory.buffer), before)).toBe(0);
  }

  // recordable() admits TM_UVAR / TM_XVAR on any synapse without TM_FLAG_CONNECTION, but only the
  // Euler map has those arrays (tmRegions checks them in Euler mode only): in exact mode the pointer is
  // never checked and the record reads wherever it points (here: past the end of memory, a trap)
  it("an f32 record of TM_UVAR on an exact synapse whose TM_UVAR is garbage: refused (ERR_BAD_RECORD at REC_FIELD)", async () => {
    await refused("exact", (c) => {
      i32(c, recField(c, WU, A.REC_KIND), A.REC_KIND_F32);
      i32(c, recField(c, WU, A.REC_FIELD), A.TM_UVAR);
      u32(c, c.L.W + A.TM_UVAR, 0xffff_fff0);
    }, run, A.ERR_BAD_RECORD, (c) => recField(c, WU, A.REC_FIELD));
  });

  // checkRecord (step 3) asks tmDerivedRange for a sparse synapse's nnz = ROWS[nPre] before step 4 has
  // checked that ROWS lies in memory: a ROWS pointer past the end traps inside the check
  it("a derived record of a sparse synapse whose DLV_ROWS is past the end of memory: refused (ERR_BAD_POINTER at DLV_ROWS)", async () => {
    await refused("sparse", (c) => u32(c, c.L.W + A.DLV_ROWS, 0xffff_fff0), init, A.ERR_BAD_POINTER, (c) => c.L.W + A.DLV_ROWS);
  });

  // an event entry's count (the first word of its DST) is the host's, never checked and not reset by
  // init: the kernel appends event n at DST + 16 + 12 n, so a count the host left (or a stale one after
  // NET_REC_ROW was set back to 0) writes outside the buffer; here 2^30 - 256 wraps 3 KiB below DST
  it("an event count beyond the buffer's capacity: refused (the count's word) rather than written past", async () => {
    await refused("events", (c) => i32(c, at(c, "rec.W.u@.dst"), 0x3fff_ff00), (c) => c.k.fns.run(c.L.net, 50), A.ERR_BAD_RECORD, (c) => at(c, "rec.W.u@.dst"));
  });
});

// Data the kernel does not check (docs/ABI.md section 9) can make the state non-finite: the run still
// takes all its steps, then returns ERR_NON_FINITE with the first such value's step and address.
describe("a NaN bias current: ERR_NON_FINITE after the call's steps, errorStep() and errorAt() the first NaN v", () => {
  for (const build of BUILDS) {
    it(build, async () => {
      const k = await instantiate(build, PAGES);
      const c = fresh(k, "events"); // init and 10 steps
      const bias = c.dv.getUint32(c.L.z1 + A.LIF_BIAS, true);
      c.dv.setFloat32(bias + 4, NaN, true); // unit 1's bias (data: not checked)
      expect(k.fns.run(c.L.net, 100)).toBe(A.ERR_NON_FINITE);
      expect(c.dv.getInt32(c.L.net + A.NET_STEP, true)).toBe(110); // every step ran
      expect(k.fns.errorStep()).toBe(10); // the call's first step
      expect(k.fns.errorAt() >>> 0).toBe(c.L.at["z1.v"] + 4); // trial 0, unit 1 (the lowest address of that step)
      const v = readRecords(k.memory, c.L, 110)["z1.v"]!;
      expect(Number.isNaN(v[10 * POISSON.trials * POISSON.n1 + 1])).toBe(true);
      expect(Number.isFinite(v[10 * POISSON.trials * POISSON.n1])).toBe(true); // unit 0 untouched
      // the next call that succeeds clears both (init resets v; a finite bias again)
      c.dv.setFloat32(bias + 4, 0.02, true);
      expect(k.fns.init(c.L.net)).toBe(A.OK);
      expect(k.fns.run(c.L.net, 10)).toBe(A.OK);
      expect(k.fns.errorAt()).toBe(0);
    });
  }
});
