// The Tsodyks-Markram synapse's row pass (phase 1 of a synapse's step): u and x of the presynaptic
// rows r = trial * nPre + j in this pass's range, at step `step`, from the presynaptic spikes. Each
// spiking row is listed with the u and x its spike used (delivery/spikeList.ts), and its Wdyn factors
// kept (uSpk, xSpk); the output (delivery/dense.ts) then sums W's spiking rows scaled by them.
// Cost O(nPre) per step, whatever nPost. The equations are in equations.ts. With per-connection state
// (TM_FLAG_CONNECTION) a spiking row updates each of its connections instead (connections.ts).
import {
  COMP_N, COMP_PRE, COMP_SPIKES, TM_MODE, TM_MODE_EXACT, TM_FLAGS, TM_FLAG_STF, TM_FLAG_STD,
  TM_FLAG_UREST_U, TM_FLAG_INACT, TM_RESOURCES, TM_DT_TAUF, TM_DT_TAUD, TM_DT_TAUI, TM_DT_H, TM_H_TAUI,
  TM_UVAR, TM_XVAR, TM_USPK, TM_XSPK, TM_UANCH, TM_XANCH, TM_YANCH, TM_ZANCH, TM_NSINCE, TM_LAST,
  TM_RATES_ROWS, TM_INACT_ROWS, TM_FLAG_CONNECTION, DLV_SPIKED, DLV_CA, DLV_CB,
} from "../../abi";
import { first, end } from "../../engine/schedule";
import { f32at, setF32 } from "../../engine/arrays";
import { ld, st, pick, nonzero, splat, width, perUnit, anyTrue } from "../../engine/lanes";
import { half, listFrom, listed, endList } from "../../delivery/spikeList";
import { laneBuffer, keepLanes, readsList } from "../../delivery/rowCopies";
import { eulerU, eulerX, facilitate } from "./equations";
import { relaxRow, rowU0, rowU, rowX, rowY, rowZ } from "./anchor";
import { connectionRows } from "./connections";


/** Phase 1 of a TM synapse at step `step`, for this pass's rows (engine/schedule.ts); (k0, k1) the run's key. */
export function stepTm(syn: usize, trials: i32, step: i32, k0: u32, k1: u32): void {
  const nPre = load<i32>(syn + COMP_N);
  const rStart = first(nPre);
  const rEnd = end(nPre);
  const h = half(syn, trials, step);
  // the rows that spiked, listed for the output (0: one-to-one reads its row copies instead)
  const list = readsList(syn) ? listFrom(syn, h, rStart) : 0;
  const at = (load<i32>(syn + TM_FLAGS) & TM_FLAG_CONNECTION) != 0
    ? connectionRows(syn, step, list, rStart, rEnd, k0, k1)
    : load<i32>(syn + TM_MODE) == TM_MODE_EXACT
      ? exactRows(syn, h, step, list, rStart, rEnd)
      : eulerStep(syn, h, step, list, rStart, rEnd);
  if (list != 0) endList(at, list, rEnd - rStart);
}

/** List the spiking rows among r .. r + width - 1 with their u and x; returns the next entry's address. */
@inline function listRows<T>(at: usize, r: i32, spiked: T, u: T, x: T): usize {
  if (isVector<T>()) {
    const bits = i32x4.bitmask(spiked);
    if (bits != 0) {
      if (bits & 1) at = listed(at, r, f32x4.extract_lane(u, 0), f32x4.extract_lane(x, 0));
      if (bits & 2) at = listed(at, r + 1, f32x4.extract_lane(u, 1), f32x4.extract_lane(x, 1));
      if (bits & 4) at = listed(at, r + 2, f32x4.extract_lane(u, 2), f32x4.extract_lane(x, 2));
      if (bits & 8) at = listed(at, r + 3, f32x4.extract_lane(u, 3), f32x4.extract_lane(x, 3));
    }
    return at;
  } else {
    return spiked != 0 ? listed(at, r, u, x) : at;
  }
}

/**
 * Euler for rows [r0, r1), width<T>() at a time (r1 - r0 a multiple of it); returns the list
 * position. With STF off u = U; with STD off x stays.
 */
@inline function eulerRows<T>(syn: usize, h: usize, step: i32, at: usize, r0: i32, r1: i32, flags: i32, rates: usize): usize {
  const nPre = load<i32>(syn + COMP_N);
  const pre = load<usize>(load<usize>(syn + COMP_PRE) + COMP_SPIKES);
  const laneS = laneBuffer(syn, h, DLV_SPIKED);
  const laneA = laneBuffer(syn, h, DLV_CA);
  const laneB = laneBuffer(syn, h, DLV_CB);
  const stf = (flags & TM_FLAG_STF) != 0;
  const std = (flags & TM_FLAG_STD) != 0;
  const uRestU = (flags & TM_FLAG_UREST_U) != 0;
  // rates: per-row (dt/tauF_j), then (dt/tauD_j), or 0
  const ratesD = rates + (<usize>nPre << 2);
  const dtTauF0 = splat<T>(load<f32>(syn + TM_DT_TAUF));
  const dtTauD0 = splat<T>(load<f32>(syn + TM_DT_TAUD));
  const resources = load<usize>(syn + TM_RESOURCES);
  const uVar = load<usize>(syn + TM_UVAR);
  const xVar = load<usize>(syn + TM_XVAR);
  const uSpk = load<usize>(syn + TM_USPK);
  const xSpk = load<usize>(syn + TM_XSPK);
  const last = load<usize>(syn + TM_LAST);
  const zero = splat<T>(0);
  for (let r = r0; r < r1; r += width<T>()) {
    const o = <usize>r << 2;
    const s = ld<T>(pre + o);
    const spiked = nonzero<T>(s);
    // a static synapse (STF and STD off: u = U and x = 1 throughout): silent rows change nothing
    if (!stf && !std && !anyTrue<T>(spiked)) {
      keepLanes<T>(laneS, laneA, laneB, o, zero, zero, zero);
      continue;
    }
    const U = perUnit<T>(resources, r, nPre);
    const x0 = ld<T>(xVar + o);
    const u = stf ? eulerU<T>(ld<T>(uVar + o), U, rates != 0 ? perUnit<T>(rates, r, nPre) : dtTauF0, uRestU, spiked) : U;
    keepLanes<T>(laneS, laneA, laneB, o, s, u, x0);
    // most groups of rows have no spike (2 % of rows spike per step at 20 Hz): their spike values,
    // last spikes and list stay as they are
    if (anyTrue<T>(spiked)) {
      st<T>(uSpk + o, pick<T>(spiked, u, ld<T>(uSpk + o)));
      st<T>(xSpk + o, pick<T>(spiked, x0, ld<T>(xSpk + o)));
      keepSteps<T>(last, o, step, spiked);
      if (at != 0) at = listRows<T>(at, r, spiked, u, x0);
    }
    st<T>(uVar + o, u);
    st<T>(xVar + o, std ? eulerX<T>(x0, u, rates != 0 ? perUnit<T>(ratesD, r, nPre) : dtTauD0, spiked) : x0);
  }
  return at;
}

/** Keep `step` as the last spike's step (i32) of the rows whose mask is true. */
@inline function keepSteps<T>(last: usize, o: usize, step: i32, spiked: T): void {
  if (isVector<T>()) v128.store(last + o, v128.bitselect(i32x4.splat(step), v128.load(last + o), spiked));
  else if (spiked != 0) store<i32>(last + o, step);
}

/** Euler (ngc-learn's map) for rows [rStart, rEnd): four rows at a time where SIMD is built in. */
function eulerStep(syn: usize, h: usize, step: i32, at: usize, rStart: i32, rEnd: i32): usize {
  const flags = load<i32>(syn + TM_FLAGS);
  const rates = load<usize>(syn + TM_RATES_ROWS);
  // facilitation and depression with one rate each (the lesson's, the presets') compiled on its own,
  // the other configurations' branches folded away there
  const both = flags == (TM_FLAG_STF | TM_FLAG_STD) && rates == 0;
  let r = rStart;
  if (ASC_FEATURE_SIMD) {
    r = rStart + ((rEnd - rStart) & ~3);
    at = both
      ? eulerRows<v128>(syn, h, step, at, rStart, r, TM_FLAG_STF | TM_FLAG_STD, 0)
      : eulerRows<v128>(syn, h, step, at, rStart, r, flags, rates);
  }
  return both ? eulerRows<f32>(syn, h, step, at, r, rEnd, TM_FLAG_STF | TM_FLAG_STD, 0) : eulerRows<f32>(syn, h, step, at, r, rEnd, flags, rates);
}

/**
 * Exact: nothing for a silent row but one more step since its anchor (anchor.ts). A spiking row
 * relaxes from the anchor over the n steps since, then takes the spike: uSpk = u, xSpk = x; x = x - u x
 * (and y = y + u x, three-state); the anchor becomes (u, x, y, z) and n = 0. Cost O(rows) for the
 * step counts (four rows at a time where SIMD is built in) plus the spikes' exponentials.
 */
function exactRows(syn: usize, h: usize, step: i32, at: usize, rStart: i32, rEnd: i32): usize {
  const pre = load<usize>(load<usize>(syn + COMP_PRE) + COMP_SPIKES);
  const laneS = laneBuffer(syn, h, DLV_SPIKED);
  const laneA = laneBuffer(syn, h, DLV_CA);
  const laneB = laneBuffer(syn, h, DLV_CB);
  const flags = load<i32>(syn + TM_FLAGS);
  const stf = (flags & TM_FLAG_STF) != 0;
  const std = (flags & TM_FLAG_STD) != 0;
  const inact = (flags & TM_FLAG_INACT) != 0;
  const last = load<usize>(syn + TM_LAST);
  const uSpk = load<usize>(syn + TM_USPK);
  const xSpk = load<usize>(syn + TM_XSPK);
  const uAnch = load<usize>(syn + TM_UANCH);
  const xAnch = load<usize>(syn + TM_XANCH);
  const yAnch = load<usize>(syn + TM_YANCH);
  const zAnch = load<usize>(syn + TM_ZANCH);
  const nSince = load<usize>(syn + TM_NSINCE);
  let r = rStart;
  while (r < rEnd) {
    // four silent rows at a time: one more step each (and no spike in their row copies)
    if (ASC_FEATURE_SIMD && r + 4 <= rEnd) {
      const o = <usize>r << 2;
      if (!v128.any_true(f32x4.ne(v128.load(pre + o), f32x4.splat(0)))) {
        v128.store(nSince + o, i32x4.add(v128.load(nSince + o), i32x4.splat(1)));
        keepLanes<v128>(laneS, laneA, laneB, o, f32x4.splat(0), f32x4.splat(0), f32x4.splat(0));
        r += 4;
        continue;
      }
    }
    const o = <usize>r << 2;
    const s = f32at(pre, r);
    const n = load<i32>(nSince + o) + 1;
    if (s == 0) {
      store<i32>(nSince + o, n);
      keepLanes<f32>(laneS, laneA, laneB, o, 0, 0, 0);
      r++;
      continue;
    }
    relaxRow(syn, r, n);
    const u = stf ? facilitate(rowU, rowU0) : rowU;
    let x = rowX;
    let y = rowY;
    keepLanes<f32>(laneS, laneA, laneB, o, s, u, x);
    setF32(uSpk, r, u);
    setF32(xSpk, r, x);
    store<i32>(last + o, step);
    if (at != 0) at = listed(at, r, u, x);
    if (std) {
      const rel = u * x;
      x = x - rel;
      if (inact) y = y + rel;
    }
    setF32(uAnch, r, u);
    setF32(xAnch, r, x);
    if (inact) {
      setF32(yAnch, r, y);
      setF32(zAnch, r, rowZ);
    }
    store<i32>(nSince + o, 0);
    r++;
  }
  return at;
}
