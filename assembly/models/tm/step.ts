// The Tsodyks-Markram synapse's row pass (phase 1 of a synapse's step): u and x of the presynaptic
// rows r = trial * nPre + j in this pass's range, at step `step`, from the presynaptic spikes. Each
// spiking row is listed with the u and x its spike used (delivery/spikeList.ts), and its Wdyn factors
// kept (uSpk, xSpk); the output (delivery/dense.ts) then sums W's spiking rows scaled by them.
// Cost O(nPre) per step, whatever nPost. The equations are in equations.ts.
import {
  COMP_N, COMP_PRE, COMP_SPIKES, TM_MODE, TM_MODE_EXACT, TM_FLAGS, TM_FLAG_STF, TM_FLAG_STD,
  TM_FLAG_UREST_U, TM_FLAG_INACT, TM_RESOURCES, TM_DT_TAUF, TM_DT_TAUD, TM_DT_TAUI, TM_DT_H, TM_H_TAUI,
  TM_UVAR, TM_XVAR, TM_USPK, TM_XSPK, TM_UANCH, TM_XANCH, TM_YANCH, TM_ZANCH, TM_NSINCE,
  DLV_SPIKED, DLV_CA, DLV_CB,
} from "../../abi";
import { first, end } from "../../engine/schedule";
import { f32at, setF32 } from "../../engine/arrays";
import { ld, st, pick, nonzero, splat, width } from "../../engine/lanes";
import { half, listFrom, listed, endList } from "../../delivery/spikeList";
import { laneBuffer, keepLanes } from "../../delivery/dense";
import { eulerU, eulerX, relaxU, facilitate, recoverX, relaxY, relaxZ, threeStateX } from "./equations";


/** Phase 1 of a TM synapse at step `step`, for this pass's rows (engine/schedule.ts). */
export function stepTm(syn: usize, trials: i32, step: i32): void {
  const nPre = load<i32>(syn + COMP_N);
  const rStart = first(nPre);
  const rEnd = end(nPre);
  const h = half(syn, trials, step);
  const list = listFrom(syn, h, rStart);
  const at = load<i32>(syn + TM_MODE) == TM_MODE_EXACT
    ? exactRows(syn, h, list, rStart, rEnd)
    : eulerStep(syn, h, list, rStart, rEnd);
  endList(at, list, rEnd - rStart);
}

/** U of rows r .. r + width - 1 (U_j, j = r % nPre). */
@inline function resourcesAt<T>(resources: usize, r: i32, nPre: i32): T {
  if (isVector<T>()) {
    const j = r % nPre;
    if (nPre == 1) return v128.load_splat<f32>(resources);
    if (j + 4 <= nPre) return v128.load(resources + (<usize>j << 2));
    let U = f32x4.splat(f32at(resources, j));
    U = f32x4.replace_lane(U, 1, f32at(resources, (r + 1) % nPre));
    U = f32x4.replace_lane(U, 2, f32at(resources, (r + 2) % nPre));
    return f32x4.replace_lane(U, 3, f32at(resources, (r + 3) % nPre));
  } else {
    return f32at(resources, r % nPre);
  }
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
@inline function eulerRows<T>(syn: usize, h: usize, at: usize, r0: i32, r1: i32): usize {
  const nPre = load<i32>(syn + COMP_N);
  const pre = load<usize>(load<usize>(syn + COMP_PRE) + COMP_SPIKES);
  const laneS = laneBuffer(syn, h, DLV_SPIKED);
  const laneA = laneBuffer(syn, h, DLV_CA);
  const laneB = laneBuffer(syn, h, DLV_CB);
  const flags = load<i32>(syn + TM_FLAGS);
  const stf = (flags & TM_FLAG_STF) != 0;
  const std = (flags & TM_FLAG_STD) != 0;
  const uRestU = (flags & TM_FLAG_UREST_U) != 0;
  const dtTauF = splat<T>(load<f32>(syn + TM_DT_TAUF));
  const dtTauD = splat<T>(load<f32>(syn + TM_DT_TAUD));
  const resources = load<usize>(syn + TM_RESOURCES);
  const uVar = load<usize>(syn + TM_UVAR);
  const xVar = load<usize>(syn + TM_XVAR);
  const uSpk = load<usize>(syn + TM_USPK);
  const xSpk = load<usize>(syn + TM_XSPK);
  for (let r = r0; r < r1; r += width<T>()) {
    const o = <usize>r << 2;
    const U = resourcesAt<T>(resources, r, nPre);
    const s = ld<T>(pre + o);
    const spiked = nonzero<T>(s);
    const x0 = ld<T>(xVar + o);
    const u = stf ? eulerU<T>(ld<T>(uVar + o), U, dtTauF, uRestU, spiked) : U;
    st<T>(uSpk + o, pick<T>(spiked, u, ld<T>(uSpk + o)));
    st<T>(xSpk + o, pick<T>(spiked, x0, ld<T>(xSpk + o)));
    keepLanes<T>(laneS, laneA, laneB, o, s, u, x0);
    at = listRows<T>(at, r, spiked, u, x0);
    st<T>(uVar + o, u);
    st<T>(xVar + o, std ? eulerX<T>(x0, u, dtTauD, spiked) : x0);
  }
  return at;
}

/** Euler (ngc-learn's map) for rows [rStart, rEnd): four rows at a time where SIMD is built in. */
function eulerStep(syn: usize, h: usize, at: usize, rStart: i32, rEnd: i32): usize {
  let r = rStart;
  if (ASC_FEATURE_SIMD) {
    r = rStart + ((rEnd - rStart) & ~3);
    at = eulerRows<v128>(syn, h, at, rStart, r);
  }
  return eulerRows<f32>(syn, h, at, r, rEnd);
}

/**
 * Exact: relax from the anchor over the n steps since the row's last spike, then apply this step's
 * spike: uSpk = u, xSpk = x; x = x - u x (and y = y + u x, three-state); the anchor becomes (u, x, y, z)
 * and n = 0. Scalar only: the exponentials do not vectorise.
 */
function exactRows(syn: usize, h: usize, at: usize, rStart: i32, rEnd: i32): usize {
  const nPre = load<i32>(syn + COMP_N);
  const pre = load<usize>(load<usize>(syn + COMP_PRE) + COMP_SPIKES);
  const laneS = laneBuffer(syn, h, DLV_SPIKED);
  const laneA = laneBuffer(syn, h, DLV_CA);
  const laneB = laneBuffer(syn, h, DLV_CB);
  const resources = load<usize>(syn + TM_RESOURCES);
  const flags = load<i32>(syn + TM_FLAGS);
  const stf = (flags & TM_FLAG_STF) != 0;
  const std = (flags & TM_FLAG_STD) != 0;
  const uRestU = (flags & TM_FLAG_UREST_U) != 0;
  const inact = (flags & TM_FLAG_INACT) != 0;
  const dtTauF = <f64>load<f32>(syn + TM_DT_TAUF);
  const dtTauD = <f64>load<f32>(syn + TM_DT_TAUD);
  const dtTauI = <f64>load<f32>(syn + TM_DT_TAUI);
  const dtH = <f64>load<f32>(syn + TM_DT_H);
  const hTauI = load<f32>(syn + TM_H_TAUI);
  const uVar = load<usize>(syn + TM_UVAR);
  const xVar = load<usize>(syn + TM_XVAR);
  const uSpk = load<usize>(syn + TM_USPK);
  const xSpk = load<usize>(syn + TM_XSPK);
  const uAnch = load<usize>(syn + TM_UANCH);
  const xAnch = load<usize>(syn + TM_XANCH);
  const yAnch = load<usize>(syn + TM_YANCH);
  const zAnch = load<usize>(syn + TM_ZANCH);
  const nSince = load<usize>(syn + TM_NSINCE);
  for (let r = rStart; r < rEnd; r++) {
    const s = f32at(pre, r);
    const spiked = s != 0;
    const U = f32at(resources, r % nPre);
    let u = f32at(uVar, r);
    let x = f32at(xVar, r);
    const n = load<i32>(nSince + (<usize>r << 2)) + 1;
    const nf = <f64>n;
    if (stf) {
      u = relaxU(f32at(uAnch, r), uRestU ? U : 0, nf, dtTauF);
      if (spiked) u = facilitate(u, U);
    } else u = U;
    let y: f32 = 0;
    let z: f32 = 0;
    if (inact) {
      const yA = f32at(yAnch, r);
      y = relaxY(yA, nf, dtTauI);
      z = relaxZ(yA, f32at(zAnch, r), nf, dtTauD, dtTauI, dtH, hTauI);
      x = threeStateX(y, z);
    } else if (std) {
      x = recoverX(f32at(xAnch, r), nf, dtTauD);
    }
    keepLanes<f32>(laneS, laneA, laneB, <usize>r << 2, s, u, x);
    if (spiked) {
      setF32(uSpk, r, u);
      setF32(xSpk, r, x);
      at = listed(at, r, u, x);
      if (std) {
        const rel = u * x;
        x = x - rel;
        if (inact) y = y + rel;
      }
      setF32(uAnch, r, u);
      setF32(xAnch, r, x);
      if (inact) {
        setF32(yAnch, r, y);
        setF32(zAnch, r, z);
      }
      store<i32>(nSince + (<usize>r << 2), 0);
    } else store<i32>(nSince + (<usize>r << 2), n);
    setF32(uVar, r, u);
    setF32(xVar, r, x);
  }
  return at;
}
