// The Tsodyks-Markram synapse with state per connection (TM_FLAG_CONNECTION; sparse delivery, exact
// mode): every connection c has its own U, tauF, tauD (and tauInact) and its own u, x, kept as the
// state right after its last spike (the anchor). Connections of one presynaptic row spike together,
// so the steps since the anchor are the row's (TM_NSINCE). At a spike of row j, each connection of
// the row relaxes from its anchor over those steps, takes the spike, releases, and keeps the u and x
// the spike used (TM_C_USPK, TM_C_XSPK: the delivery's per-connection factors). Nothing is computed
// for silent rows: cost O(nPre + spiking rows * their connections) per step, as NEST's
// tsodyks_synapse and Brian2's event-driven synapses.
import {
  COMP_N, COMP_PRE, COMP_SPIKES, TM_FLAGS, TM_FLAG_STF, TM_FLAG_STD, TM_FLAG_UREST_U, TM_FLAG_INACT,
  TM_RESOURCES, TM_DT_TAUF, TM_DT_TAUD, TM_DT_TAUI, TM_DT_H, TM_H_TAUI, TM_NSINCE, TM_LAST, TM_U_CONN,
  TM_RATES_CONN, TM_INACT_CONN, TM_C_UANCH, TM_C_XANCH, TM_C_YANCH, TM_C_ZANCH, TM_C_USPK, TM_C_XSPK,
  TM_FLAG_QUANTAL, TM_SITES, TM_STREAM, TM_C_AVAIL, TM_C_REL, DLV_ROWS,
} from "../../abi";
import { philox, out0, out1, out2, out3, uniform01 } from "../../rng/philox";
import { f32at, setF32 } from "../../engine/arrays";
import { listed } from "../../delivery/spikeList";
import { connections } from "../../delivery/sparse";
import { relaxU, facilitate, recoverX, relaxY, relaxZ, threeStateX } from "./equations";

/** Connection q's rates and U, and the three-state constants (module state: read by the functions below). */
let cU: f32 = 0;
let cTauF: f64 = 0;
let cTauD: f64 = 0;
let cTauI: f64 = 0;
let cH: f64 = 0;
let cHTauI: f32 = 0;

/** Load the parameters of connection q of row j (per connection where given, else per row / constant). */
@inline function parametersOf(syn: usize, nPre: i32, nnz: i32, j: i32, q: i32): void {
  const uConn = load<usize>(syn + TM_U_CONN);
  cU = uConn != 0 ? f32at(uConn, q) : f32at(load<usize>(syn + TM_RESOURCES), j);
  const rates = load<usize>(syn + TM_RATES_CONN);
  cTauF = rates != 0 ? <f64>f32at(rates, q) : <f64>load<f32>(syn + TM_DT_TAUF);
  cTauD = rates != 0 ? <f64>f32at(rates, nnz + q) : <f64>load<f32>(syn + TM_DT_TAUD);
  const inact = load<usize>(syn + TM_INACT_CONN);
  cTauI = inact != 0 ? <f64>f32at(inact, q) : <f64>load<f32>(syn + TM_DT_TAUI);
  cH = inact != 0 ? <f64>f32at(inact, nnz + q) : <f64>load<f32>(syn + TM_DT_H);
  cHTauI = inact != 0 ? f32at(inact, 2 * nnz + q) : load<f32>(syn + TM_H_TAUI);
}

/** u and x of connection state i (= trial * nnz + q) relaxed over n steps from its anchor (x: three-state if flagged). */
let relaxedU: f32 = 0;
let relaxedX: f32 = 0;
let relaxedY: f32 = 0;
let relaxedZ: f32 = 0;
@inline function relaxConnection(syn: usize, flags: i32, i: i32, n: f64): void {
  const uR: f32 = (flags & TM_FLAG_UREST_U) != 0 ? cU : 0;
  relaxedU = (flags & TM_FLAG_STF) != 0 ? relaxU(f32at(load<usize>(syn + TM_C_UANCH), i), uR, n, cTauF) : cU;
  relaxedY = 0;
  relaxedZ = 0;
  if ((flags & TM_FLAG_INACT) != 0) {
    const yA = f32at(load<usize>(syn + TM_C_YANCH), i);
    relaxedY = relaxY(yA, n, cTauI);
    relaxedZ = relaxZ(yA, f32at(load<usize>(syn + TM_C_ZANCH), i), n, cTauD, cTauI, cH, cHTauI);
    relaxedX = threeStateX(relaxedY, relaxedZ);
  } else relaxedX = (flags & TM_FLAG_STD) != 0 ? recoverX(f32at(load<usize>(syn + TM_C_XANCH), i), n, cTauD) : 1;
}

/**
 * Phase 1 for rows [rStart, rEnd): the steps since each row's last spike; at a spike every connection
 * of the row is updated and the row listed (its factors are per connection). Returns the list position.
 */
export function connectionRows(syn: usize, step: i32, at: usize, rStart: i32, rEnd: i32, k0: u32, k1: u32): usize {
  const nPre = load<i32>(syn + COMP_N);
  const nnz = connections(syn);
  const pre = load<usize>(load<usize>(syn + COMP_PRE) + COMP_SPIKES);
  const rows = load<usize>(syn + DLV_ROWS);
  const flags = load<i32>(syn + TM_FLAGS);
  const nSince = load<usize>(syn + TM_NSINCE);
  const last = load<usize>(syn + TM_LAST);
  const uSpk = load<usize>(syn + TM_C_USPK);
  const xSpk = load<usize>(syn + TM_C_XSPK);
  const uAnch = load<usize>(syn + TM_C_UANCH);
  const xAnch = load<usize>(syn + TM_C_XANCH);
  const yAnch = load<usize>(syn + TM_C_YANCH);
  const zAnch = load<usize>(syn + TM_C_ZANCH);
  const quantal = (flags & TM_FLAG_QUANTAL) != 0;
  for (let r = rStart; r < rEnd; r++) {
    const n = load<i32>(nSince + (<usize>r << 2)) + 1;
    if (f32at(pre, r) == 0) {
      store<i32>(nSince + (<usize>r << 2), n);
      continue;
    }
    const t = r / nPre;
    const j = r - t * nPre;
    const nf = <f64>n;
    const c1 = load<i32>(rows + (<usize>(j + 1) << 2));
    for (let q = load<i32>(rows + (<usize>j << 2)); q < c1; q++) {
      const i = t * nnz + q;
      parametersOf(syn, nPre, nnz, j, q);
      relaxConnection(syn, flags, i, nf);
      const u = (flags & TM_FLAG_STF) != 0 ? facilitate(relaxedU, cU) : cU;
      if (quantal) {
        release(syn, flags, i, n, step, u, k0, k1);
        continue;
      }
      let x = relaxedX;
      let y = relaxedY;
      setF32(uSpk, i, u);
      setF32(xSpk, i, x);
      if ((flags & TM_FLAG_STD) != 0) {
        const rel = u * x;
        x = x - rel;
        if ((flags & TM_FLAG_INACT) != 0) y = y + rel;
      }
      setF32(uAnch, i, u);
      setF32(xAnch, i, x);
      if ((flags & TM_FLAG_INACT) != 0) {
        setF32(yAnch, i, y);
        setF32(zAnch, i, relaxedZ);
      }
    }
    store<i32>(nSince + (<usize>r << 2), 0);
    store<i32>(last + (<usize>r << 2), step);
    at = listed(at, r, 1, 1);
  }
  return at;
}

// ---- quantal release: N sites per connection --------------------------------------------------
// At a spike of step i, after u: each of the N - a unavailable sites recovers with probability
// pRec = f32(-expm1(-(n dt/tauD))) (every one with STD off), then each of the a available sites
// releases with probability u; released sites become unavailable. Draw m of connection state i is
// uniform01 of word m & 3 of Philox(i, state i, TM_STREAM, 1 + (m >> 2)): the recoveries take draws
// 0 .. N - a - 1, the releases draws N .. N + a - 1 (word 3 >= 1: never a Poisson source's counter).

/** Draw m of connection state i at step `step` (the four words of a block are drawn once). */
let drawBlock: i32 = -1;
@inline function draw(step: i32, i: i32, stream: u32, m: i32, k0: u32, k1: u32): f32 {
  const block = m >> 2;
  if (block != drawBlock) {
    philox(<u32>step, <u32>i, stream, <u32>(1 + block), k0, k1);
    drawBlock = block;
  }
  const lane = m & 3;
  return uniform01(lane == 0 ? out0 : lane == 1 ? out1 : lane == 2 ? out2 : out3);
}

/**
 * A spike at connection state i, n steps after its last one, with release probability u: the sites
 * recover, some release; keeps uSpk = u, xSpk = available / N (before the release), the released
 * fraction (the delivery's factor), and the anchor u, available / N after the release.
 */
function release(syn: usize, flags: i32, i: i32, n: i32, step: i32, u: f32, k0: u32, k1: u32): void {
  const N = load<i32>(syn + TM_SITES);
  const stream = load<u32>(syn + TM_STREAM);
  const availAt = load<usize>(syn + TM_C_AVAIL) + (<usize>i << 2);
  let a = load<i32>(availAt);
  drawBlock = -1;
  const down = N - a;
  if ((flags & TM_FLAG_STD) == 0) a = N;
  else if (down > 0) {
    const pRec = <f32>(-Math.expm1(-(<f64>n * cTauD)));
    for (let m = 0; m < down; m++) if (draw(step, i, stream, m, k0, k1) < pRec) a++;
  }
  const fN = <f32>N;
  let released = 0;
  for (let m = 0; m < a; m++) if (draw(step, i, stream, N + m, k0, k1) < u) released++;
  setF32(load<usize>(syn + TM_C_USPK), i, u);
  setF32(load<usize>(syn + TM_C_XSPK), i, <f32>a / fN);
  setF32(load<usize>(syn + TM_C_REL), i, <f32>released / fN);
  a -= released;
  store<i32>(availAt, a);
  setF32(load<usize>(syn + TM_C_UANCH), i, u);
  setF32(load<usize>(syn + TM_C_XANCH), i, <f32>a / fN);
}

/**
 * The current u or x (`wantX`) of connection state i (= trial * nnz + q) of row r: the anchor relaxed
 * over the steps since the row's last spike (the anchor itself right after a spike).
 */
export function connectionValue(syn: usize, r: i32, q: i32, wantX: bool): f32 {
  const nPre = load<i32>(syn + COMP_N);
  const nnz = connections(syn);
  const t = r / nPre;
  const i = t * nnz + q;
  const flags = load<i32>(syn + TM_FLAGS);
  const n = load<i32>(load<usize>(syn + TM_NSINCE) + (<usize>r << 2));
  parametersOf(syn, nPre, nnz, r - t * nPre, q);
  if (n == 0) {
    if (wantX) return (flags & TM_FLAG_STD) != 0 ? f32at(load<usize>(syn + TM_C_XANCH), i) : 1;
    return (flags & TM_FLAG_STF) != 0 ? f32at(load<usize>(syn + TM_C_UANCH), i) : cU;
  }
  relaxConnection(syn, flags, i, <f64>n);
  return wantX ? relaxedX : relaxedU;
}
