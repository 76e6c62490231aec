// Bad input at the raw ABI (docs/ABI.md section 9): a table of corrupted descriptors, each refused
// by the code it names and errorAt() pointing at the refused word, before any byte of memory
// changes (the whole memory is compared before and after); nothing traps. Afterwards the same
// instance runs a valid network exactly as a fresh instance does. Many of these would trap or
// write outside the network without the checks (a negative record row, a cursor below its list,
// a post index past the weights, a pointer past the end of memory).
import { describe, expect, it } from "vitest";
import { ABI as A, BUILDS, LESSON, instantiate, readRecords, writeNetwork, type RawKernel, type RawLayout, type RawParams } from "./embed/rawNetwork.js";

const BASE = 65536;
const PAGES = 4;
const KEY: [number, number] = [0x1234, 0x5678];
/** 2 trials, 2 Poisson units x 2 LIF units; or the same with a spike-train source. */
const POISSON: RawParams = { ...LESSON, trials: 2, n0: 2, n1: 2, rateHz: 80, key: KEY, capacity: 200 };
const TRAIN: RawParams = { ...POISSON, spikeSteps: [[3, 10, 50, 120], [7, 8]] };

type Net = "poisson" | "train";
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
const i32 = (c: Ctx, p: number, v: number) => c.dv.setInt32(p, v, true);
const f32 = (c: Ctx, p: number, v: number) => c.dv.setFloat32(p, v, true);
const at = (c: Ctx, name: string) => c.L.at[name];
const nothing = () => 0;
/** Address of record entry e's field. */
const recField = (c: Ctx, e: number, field: number) => c.L.rec + e * A.REC_BYTES + field;
const WDYN = 3; // rawNetwork's RECORDS: z0.spikes, W.u, W.x, W.wdyn, z1.v, z1.spikes
const V = 4;

const CASES: Case[] = [
  // the header
  ["wrong magic", "poisson", (c) => i32(c, c.L.net + A.NET_MAGIC, 0x12345678), init, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_MAGIC],
  ["an older layout version", "poisson", (c) => i32(c, c.L.net + A.NET_VERSION, 4), run, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_VERSION],
  ["zero trials", "poisson", (c) => i32(c, c.L.net + A.NET_TRIALS, 0), init, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_TRIALS],
  ["negative trials", "poisson", (c) => i32(c, c.L.net + A.NET_TRIALS, -3), run, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_TRIALS],
  ["NaN dt", "poisson", (c) => f32(c, c.L.net + A.NET_DT, NaN), run, A.ERR_BAD_VALUE, (c) => c.L.net + A.NET_DT],
  ["zero dt", "poisson", (c) => f32(c, c.L.net + A.NET_DT, 0), init, A.ERR_BAD_VALUE, (c) => c.L.net + A.NET_DT],
  ["infinite dt", "poisson", (c) => f32(c, c.L.net + A.NET_DT, Infinity), run, A.ERR_BAD_VALUE, (c) => c.L.net + A.NET_DT],
  ["negative source count", "poisson", (c) => i32(c, c.L.net + A.NET_NSRC, -1), init, A.ERR_BAD_HEADER, (c) => c.L.net + A.NET_NSRC],
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
  ["synapse table past the end of memory", "poisson", (c) => i32(c, c.L.net + A.NET_SYN, c.end - 60), init, A.ERR_BAD_POINTER, (c) => c.L.net + A.NET_SYN],
  ["a billion LIF records", "poisson", (c) => i32(c, c.L.net + A.NET_NLIF, 1e9), run, A.ERR_BAD_POINTER, (c) => c.L.net + A.NET_LIF],
  // steps and records
  ["negative step count", "poisson", nothing, (c) => c.k.fns.run(c.L.net, -1), A.ERR_BAD_STEPS, () => 0],
  ["step index past 2^31 - 1", "poisson", (c) => i32(c, c.L.net + A.NET_STEP, 2 ** 31 - 3), run, A.ERR_BAD_STEPS, (c) => c.L.net + A.NET_STEP],
  ["more steps than record rows left", "poisson", nothing, (c) => c.k.fns.run(c.L.net, 191), A.ERR_RECORD_FULL, (c) => c.L.net + A.NET_REC_ROW],
  ["record() with the buffers full", "poisson", (c) => i32(c, c.L.net + A.NET_REC_ROW, 200), record, A.ERR_RECORD_FULL, (c) => c.L.net + A.NET_REC_ROW],
  // sources
  ["unknown source kind", "poisson", (c) => i32(c, c.L.src + A.SRC_KIND, 7), init, A.ERR_BAD_KIND, (c) => c.L.src + A.SRC_KIND],
  ["source of zero units", "poisson", (c) => i32(c, c.L.src + A.SRC_N, 0), run, A.ERR_BAD_COUNT, (c) => c.L.src + A.SRC_N],
  ["source of negative units", "train", (c) => i32(c, c.L.src + A.SRC_N, -5), init, A.ERR_BAD_COUNT, (c) => c.L.src + A.SRC_N],
  ["trials x units beyond 2^31 - 1", "poisson", (c) => i32(c, c.L.src + A.SRC_N, 2 ** 30 + 1), run, A.ERR_OVERFLOW, (c) => c.L.src + A.SRC_N],
  ["source arrays beyond the memory (2^28 units)", "poisson", (c) => i32(c, c.L.src + A.SRC_N, 2 ** 28), init, A.ERR_BAD_POINTER, (c) => c.L.src + A.SRC_INPUTS],
  ["spike probability rate * dt / 1000 above 1", "poisson", (c) => f32(c, c.L.src + A.SRC_PRATE, 1.5), run, A.ERR_BAD_VALUE, (c) => c.L.src + A.SRC_PRATE],
  ["NaN spike probability", "poisson", (c) => f32(c, c.L.src + A.SRC_PRATE, NaN), init, A.ERR_BAD_VALUE, (c) => c.L.src + A.SRC_PRATE],
  ["spikes array past the end of memory", "poisson", (c) => i32(c, c.L.src + A.SRC_SPIKES, c.end - 4), run, A.ERR_BAD_POINTER, (c) => c.L.src + A.SRC_SPIKES],
  ["misaligned counts", "poisson", (c) => i32(c, c.L.src + A.SRC_COUNTS, at(c, "z0.counts") + 1), init, A.ERR_BAD_POINTER, (c) => c.L.src + A.SRC_COUNTS],
  ["spikes written over the header", "poisson", (c) => i32(c, c.L.src + A.SRC_SPIKES, c.L.net), run, A.ERR_OVERLAP, (c) => c.L.src + A.SRC_SPIKES],
  ["inputs read from the module's static data", "poisson", (c) => i32(c, c.L.src + A.SRC_INPUTS, 1024), run, A.ERR_BAD_POINTER, (c) => c.L.src + A.SRC_INPUTS],
  // spike trains
  ["decreasing spike-train offsets", "train", (c) => i32(c, at(c, "z0.offsets") + 4, 7), init, A.ERR_BAD_TRAIN, (c) => at(c, "z0.offsets") + 8],
  ["negative first offset", "train", (c) => i32(c, at(c, "z0.offsets"), -1), run, A.ERR_BAD_TRAIN, (c) => at(c, "z0.offsets")],
  ["spike times out of order", "train", (c) => i32(c, at(c, "z0.times") + 8, 2), init, A.ERR_BAD_TRAIN, (c) => at(c, "z0.times") + 8],
  ["a negative spike time", "train", (c) => i32(c, at(c, "z0.times") + 16, -4), init, A.ERR_BAD_TRAIN, (c) => at(c, "z0.times") + 16],
  ["spike times past the end of memory", "train", (c) => i32(c, at(c, "z0.offsets") + 8, 2 ** 30), run, A.ERR_BAD_POINTER, (c) => c.L.src + A.SRC_TIMES],
  ["a negative cursor (the kernel would read before its list)", "train", (c) => i32(c, at(c, "z0.cursor") + 4, -1000), run, A.ERR_BAD_TRAIN, (c) => at(c, "z0.cursor") + 4],
  ["a cursor past its unit's list", "train", (c) => i32(c, at(c, "z0.cursor") + 12, 3), run, A.ERR_BAD_TRAIN, (c) => at(c, "z0.cursor") + 12],
  ["the LIF's v written over a cursor", "train", (c) => i32(c, c.L.lif + A.LIF_V, at(c, "z0.cursor")), run, A.ERR_OVERLAP, (c) => c.L.lif + A.LIF_V],
  // synapses
  ["unknown synapse mode", "poisson", (c) => i32(c, c.L.syn + A.SYN_MODE, 5), init, A.ERR_BAD_KIND, (c) => c.L.syn + A.SYN_MODE],
  ["unknown synapse flag", "poisson", (c) => i32(c, c.L.syn + A.SYN_FLAGS, 16 | 3), run, A.ERR_BAD_KIND, (c) => c.L.syn + A.SYN_FLAGS],
  ["three-state resources in Euler mode", "poisson", (c) => i32(c, c.L.syn + A.SYN_FLAGS, A.SYN_FLAG_INACT | 3), init, A.ERR_BAD_KIND, (c) => c.L.syn + A.SYN_FLAGS],
  ["synapse of zero presynaptic units", "poisson", (c) => i32(c, c.L.syn + A.SYN_NPRE, 0), run, A.ERR_BAD_COUNT, (c) => c.L.syn + A.SYN_NPRE],
  ["synapse of negative postsynaptic units", "poisson", (c) => i32(c, c.L.syn + A.SYN_NPOST, -1), init, A.ERR_BAD_COUNT, (c) => c.L.syn + A.SYN_NPOST],
  ["zero row blocks", "poisson", (c) => i32(c, c.L.syn + A.SYN_BLOCKS, 0), run, A.ERR_BAD_VALUE, (c) => c.L.syn + A.SYN_BLOCKS],
  ["more row blocks than presynaptic units", "poisson", (c) => i32(c, c.L.syn + A.SYN_BLOCKS, 3), init, A.ERR_BAD_VALUE, (c) => c.L.syn + A.SYN_BLOCKS],
  ["more scratch slots than row blocks", "poisson", (c) => i32(c, c.L.syn + A.SYN_ACC_SLOTS, 2), run, A.ERR_BAD_VALUE, (c) => c.L.syn + A.SYN_ACC_SLOTS],
  ["zero scratch slots", "poisson", (c) => i32(c, c.L.syn + A.SYN_ACC_SLOTS, 0), init, A.ERR_BAD_VALUE, (c) => c.L.syn + A.SYN_ACC_SLOTS],
  ["trials x postsynaptic units beyond 2^31 - 1", "poisson", (c) => i32(c, c.L.syn + A.SYN_NPOST, 2 ** 31 - 1), run, A.ERR_OVERFLOW, (c) => c.L.syn + A.SYN_NPOST],
  ["a weight matrix of 2^14 x 2^20 (64 GiB)", "poisson", (c) => { i32(c, c.L.syn + A.SYN_NPRE, 2 ** 14); i32(c, c.L.syn + A.SYN_NPOST, 2 ** 20); i32(c, c.L.syn + A.SYN_PRE_SPIKES, BASE); i32(c, c.L.syn + A.SYN_W, at(c, "W.resources")); }, init, A.ERR_BAD_POINTER, (c) => c.L.syn + A.SYN_W],
  ["dt / tauF = 2 under Euler (tauF shorter than dt)", "poisson", (c) => f32(c, c.L.syn + A.SYN_DT_TAUF, 2), run, A.ERR_BAD_VALUE, (c) => c.L.syn + A.SYN_DT_TAUF],
  ["negative dt / tauD (a negative time constant)", "poisson", (c) => f32(c, c.L.syn + A.SYN_DT_TAUD, -0.1), init, A.ERR_BAD_VALUE, (c) => c.L.syn + A.SYN_DT_TAUD],
  ["infinite conductance factor", "poisson", (c) => f32(c, c.L.syn + A.SYN_G, Infinity), run, A.ERR_BAD_VALUE, (c) => c.L.syn + A.SYN_G],
  ["NaN constant weight", "poisson", (c) => f32(c, c.L.syn + A.SYN_W_CONST, NaN), run, A.ERR_BAD_VALUE, (c) => c.L.syn + A.SYN_W_CONST],
  ["weight matrix past the end of memory", "poisson", (c) => i32(c, c.L.syn + A.SYN_W, c.end - 8), init, A.ERR_BAD_POINTER, (c) => c.L.syn + A.SYN_W],
  ["the second half of a double buffer past the end of memory", "poisson", (c) => i32(c, c.L.syn + A.SYN_CU, c.end - 16), init, A.ERR_BAD_POINTER, (c) => c.L.syn + A.SYN_CU],
  ["u past the end of memory", "poisson", (c) => i32(c, c.L.syn + A.SYN_UVAR, c.end), run, A.ERR_BAD_POINTER, (c) => c.L.syn + A.SYN_UVAR],
  ["steps-since written over the record table", "poisson", (c) => i32(c, c.L.syn + A.SYN_NSINCE, c.L.rec + 8), init, A.ERR_OVERLAP, (c) => c.L.syn + A.SYN_NSINCE],
  ["resources read at address 0", "poisson", (c) => i32(c, c.L.syn + A.SYN_RESOURCES, 0), run, A.ERR_BAD_POINTER, (c) => c.L.syn + A.SYN_RESOURCES],
  // LIF populations
  ["unknown LIF method", "poisson", (c) => i32(c, c.L.lif + A.LIF_METHOD, 3), run, A.ERR_BAD_KIND, (c) => c.L.lif + A.LIF_METHOD],
  ["unknown LIF flag", "poisson", (c) => i32(c, c.L.lif + A.LIF_FLAGS, 8), init, A.ERR_BAD_KIND, (c) => c.L.lif + A.LIF_FLAGS],
  ["negative membrane time constant (1 / tauM < 0)", "poisson", (c) => f32(c, c.L.lif + A.LIF_INV_TAU_M, -0.05), run, A.ERR_BAD_VALUE, (c) => c.L.lif + A.LIF_INV_TAU_M],
  ["NaN 1 / tauM", "poisson", (c) => f32(c, c.L.lif + A.LIF_INV_TAU_M, NaN), run, A.ERR_BAD_VALUE, (c) => c.L.lif + A.LIF_INV_TAU_M],
  ["zero 1 / tauM", "poisson", (c) => f32(c, c.L.lif + A.LIF_INV_TAU_M, 0), init, A.ERR_BAD_VALUE, (c) => c.L.lif + A.LIF_INV_TAU_M],
  ["negative refractory period", "poisson", (c) => f32(c, c.L.lif + A.LIF_REFRACT, -1), run, A.ERR_BAD_VALUE, (c) => c.L.lif + A.LIF_REFRACT],
  ["NaN threshold", "poisson", (c) => f32(c, c.L.lif + A.LIF_THR, NaN), run, A.ERR_BAD_VALUE, (c) => c.L.lif + A.LIF_THR],
  ["threshold decay above 1", "poisson", (c) => { i32(c, c.L.lif + A.LIF_FLAGS, A.LIF_FLAG_THETA); f32(c, c.L.lif + A.LIF_THETA_DECAY, 1.5); }, init, A.ERR_BAD_VALUE, (c) => c.L.lif + A.LIF_THETA_DECAY],
  ["LIF of zero units", "poisson", (c) => i32(c, c.L.lif + A.LIF_N, 0), run, A.ERR_BAD_COUNT, (c) => c.L.lif + A.LIF_N],
  ["no synaptic-current array", "poisson", (c) => i32(c, c.L.lif + A.LIF_ISYN, 0), init, A.ERR_BAD_POINTER, (c) => c.L.lif + A.LIF_ISYN],
  // record entries
  ["unknown record kind", "poisson", (c) => i32(c, recField(c, 1, A.REC_KIND), 3), run, A.ERR_BAD_RECORD, (c) => recField(c, 1, A.REC_KIND)],
  ["record entry of negative count", "poisson", (c) => i32(c, recField(c, 0, A.REC_COUNT), -1), run, A.ERR_BAD_RECORD, (c) => recField(c, 0, A.REC_COUNT)],
  ["record of zero units per trial", "poisson", (c) => i32(c, recField(c, V, A.REC_UNITS), 0), init, A.ERR_BAD_RECORD, (c) => recField(c, V, A.REC_UNITS)],
  ["record rows x count beyond 2^31 - 1", "poisson", (c) => i32(c, recField(c, V, A.REC_COUNT), 2 ** 30), run, A.ERR_OVERFLOW, (c) => recField(c, V, A.REC_COUNT)],
  ["record indices past the end of memory", "poisson", (c) => i32(c, recField(c, 1, A.REC_IDX), c.end - 4), run, A.ERR_BAD_POINTER, (c) => recField(c, 1, A.REC_IDX)],
  ["record buffer overflowing the memory", "poisson", (c) => i32(c, recField(c, V, A.REC_DST), c.end - 1600), run, A.ERR_BAD_POINTER, (c) => recField(c, V, A.REC_DST)],
  ["sampled array past the end of memory", "poisson", (c) => i32(c, recField(c, V, A.REC_SRC), c.end - 8), init, A.ERR_BAD_POINTER, (c) => recField(c, V, A.REC_SRC)],
  ["Wdyn of something that is not one of the synapses", "poisson", (c) => i32(c, recField(c, WDYN, A.REC_SRC), c.L.lif), run, A.ERR_BAD_RECORD, (c) => recField(c, WDYN, A.REC_SRC)],
  ["Wdyn post index past nPost (would read beyond the weights)", "poisson", (c) => i32(c, at(c, "rec.W.wdyn.idx2") + 4, 2), run, A.ERR_BAD_RECORD, (c) => at(c, "rec.W.wdyn.idx2") + 4],
  ["Wdyn units not the synapse's nPre", "poisson", (c) => i32(c, recField(c, WDYN, A.REC_UNITS), 5), init, A.ERR_BAD_RECORD, (c) => recField(c, WDYN, A.REC_UNITS)],
  ["record rows written over the index arrays", "poisson", (c) => i32(c, recField(c, 0, A.REC_DST), at(c, "rec.W.u.idx")), run, A.ERR_OVERLAP, (c) => recField(c, 0, A.REC_DST)],
  // threads
  ["worker index equal to the worker count", "poisson", nothing, (c) => c.k.fns.runSlice(c.L.net, 5, 2, 2), A.ERR_BAD_THREADS, () => 0],
  ["zero workers", "poisson", nothing, (c) => c.k.fns.runSlice(c.L.net, 5, 0, 0), A.ERR_BAD_THREADS, () => 0],
  ["two workers without a barrier", "poisson", nothing, (c) => c.k.fns.runSlice(c.L.net, 5, 0, 2), A.ERR_BAD_THREADS, (c) => c.L.net + A.NET_BARRIER],
  ["misaligned barrier", "poisson", (c) => i32(c, c.L.net + A.NET_BARRIER, at(c, "z0.inputs") + 2), (c) => c.k.fns.runSlice(c.L.net, 5, 0, 2), A.ERR_BAD_POINTER, (c) => c.L.net + A.NET_BARRIER],
  // (the barrier cases count one worker as arrived: a check that let them through would not block)
  ["barrier on the LIF's v", "poisson", (c) => { i32(c, c.L.net + A.NET_BARRIER, at(c, "z1.v")); i32(c, at(c, "z1.v"), 1); }, (c) => c.k.fns.runSlice(c.L.net, 5, 0, 2), A.ERR_OVERLAP, (c) => c.L.lif + A.LIF_V],
  ["barrier inside the header", "poisson", (c) => { i32(c, c.L.net + A.NET_BARRIER, c.L.net + 72); i32(c, c.L.net + 72, 1); }, (c) => c.k.fns.runSlice(c.L.net, 5, 0, 2), A.ERR_OVERLAP, (c) => c.L.net + A.NET_BARRIER],
  // philox4x32's output
  ["Philox output past the end of memory", "poisson", nothing, (c) => c.k.fns.philox4x32(1, 2, 3, 4, 5, 6, c.end - 8), A.ERR_BAD_POINTER, () => 0],
  ["Philox output on the module's static data", "poisson", nothing, (c) => c.k.fns.philox4x32(1, 2, 3, 4, 5, 6, 64), A.ERR_BAD_POINTER, () => 0],
];

/** Write the valid network, init and run 10 steps: the state each case starts from. */
function fresh(k: RawKernel, net: Net): Ctx {
  const L = writeNetwork(k.memory, BASE, net === "train" ? TRAIN : POISSON);
  expect(k.fns.init(L.net)).toBe(A.OK);
  expect(k.fns.run(L.net, 10)).toBe(A.OK);
  return { k, L, dv: new DataView(k.memory.buffer), end: k.memory.buffer.byteLength };
}

/** 300 steps of a valid network (records and counts), from init. */
function validRun(k: RawKernel, net: Net) {
  const L = writeNetwork(k.memory, BASE, net === "train" ? TRAIN : POISSON);
  expect(k.fns.init(L.net)).toBe(A.OK);
  expect(k.fns.run(L.net, 150)).toBe(A.OK);
  expect(k.fns.run(L.net, 50)).toBe(A.OK);
  const records = readRecords(k.memory, L, 200);
  const counts = [new Int32Array(k.memory.buffer, L.at["z0.counts"], 4).slice(), new Int32Array(k.memory.buffer, L.at["z1.counts"], 4).slice()];
  return { records, counts };
}

describe("bad descriptors at the raw ABI", () => {
  it(`the table holds ${CASES.length} distinct cases`, () => {
    expect(new Set(CASES.map((c) => c[0])).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  for (const build of BUILDS) {
    describe(build, async () => {
      const k = await instantiate(build, PAGES);
      const staticData = new Uint8Array(k.memory.buffer, 1024, k.fns.heapBase() - 1024).slice();

      it.each(CASES)("%s: refused with its code and the refused word, nothing changed", (_what, net, corrupt, call, code, word) => {
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
        for (const net of ["poisson", "train"] as const) {
          const want = validRun(clean, net);
          const got = validRun(k, net);
          expect(got).toEqual(want);
          expect(k.fns.errorAt()).toBe(0);
        }
        const spikes = validRun(k, "poisson").counts[1].reduce((a, b) => a + b, 0);
        expect(spikes).toBeGreaterThan(0); // the network does fire
        expect(new Uint8Array(k.memory.buffer, 1024, staticData.length)).toEqual(staticData);
      });
    });
  }
});

describe("limits that are not errors", () => {
  it("an exact synapse with dt / tauF = dt / tauD = +Infinity (tau -> 0) runs as instant relaxation", async () => {
    const k = await instantiate("plain", PAGES);
    const L = writeNetwork(k.memory, BASE, POISSON);
    const dv = new DataView(k.memory.buffer);
    dv.setInt32(L.syn + A.SYN_MODE, A.SYN_MODE_EXACT, true);
    dv.setFloat32(L.syn + A.SYN_DT_TAUF, Infinity, true);
    dv.setFloat32(L.syn + A.SYN_DT_TAUD, Infinity, true);
    expect(k.fns.init(L.net)).toBe(A.OK);
    expect(k.fns.run(L.net, 200)).toBe(A.OK);
    const r = readRecords(k.memory, L, 200);
    const pre = r["z0.spikes"];
    // every step starts from rest (u = 0, x = 1): a spike leaves u = U = 0.15, x = 1 - U
    pre.forEach((s, i) => {
      expect(r["W.u"][i]).toBe(s ? Math.fround(0.15) : 0);
      expect(r["W.x"][i]).toBe(s ? Math.fround(1 - Math.fround(0.15)) : 1);
    });
    expect(Array.from(pre).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
  });
});

describe("record()", () => {
  it("appends the state after init as a row, then run's rows follow it", async () => {
    const k = await instantiate("plain-simd", PAGES);
    const L = writeNetwork(k.memory, BASE, POISSON);
    expect(k.fns.init(L.net)).toBe(A.OK);
    expect(k.fns.record(L.net)).toBe(A.OK);
    expect(k.fns.run(L.net, 99)).toBe(A.OK);
    const rows = readRecords(k.memory, L, 100);
    expect(Array.from(rows["W.u"].subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(rows["W.x"].subarray(0, 4))).toEqual([1, 1, 1, 1]);
    expect(Array.from(rows["z1.v"].subarray(0, 4))).toEqual([-60, -60, -60, -60]);
    expect(new Int32Array(k.memory.buffer, L.net + A.NET_REC_ROW, 1)[0]).toBe(100);
    expect(new Int32Array(k.memory.buffer, L.net + A.NET_STEP, 1)[0]).toBe(99);
    // rows 1.. are the rows of a run without the extra row
    const other = await instantiate("plain-simd", PAGES);
    const L2 = writeNetwork(other.memory, BASE, POISSON);
    expect(other.fns.init(L2.net)).toBe(A.OK);
    expect(other.fns.run(L2.net, 99)).toBe(A.OK);
    const plain = readRecords(other.memory, L2, 99);
    for (const name of Object.keys(plain) as (keyof typeof plain)[]) {
      expect(Array.from(rows[name].subarray(L.columns[name]))).toEqual(Array.from(plain[name]));
    }
  });
});
