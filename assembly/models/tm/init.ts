// A TM synapse's initial state: u at its resting value (0, or U with TM_FLAG_UREST_U or STF off), x = 1,
// uSpk = xSpk = 0, no spike yet; in exact mode (per row or per connection) that resting state is the
// anchor, with no step since (y = z = 0).
import {
  COMP_N, TM_FLAGS, TM_FLAG_UREST_U, TM_FLAG_STF, TM_FLAG_INACT, TM_FLAG_CONNECTION, TM_MODE, TM_MODE_EXACT, TM_RESOURCES,
  TM_UVAR, TM_XVAR, TM_USPK, TM_XSPK, TM_UANCH, TM_XANCH, TM_NSINCE, TM_YANCH, TM_ZANCH, TM_LAST, TM_U_CONN,
  TM_C_UANCH, TM_C_XANCH, TM_C_YANCH, TM_C_ZANCH, TM_C_USPK, TM_C_XSPK, DLV_ROWS, TM_FLAG_QUANTAL, TM_C_AVAIL,
  TM_C_REL, TM_SITES,
} from "../../abi";
import { f32at, setF32, fillF32 } from "../../engine/arrays";
import { connections } from "../../delivery/sparse";

export function initTm(syn: usize, trials: i32): void {
  const nPre = load<i32>(syn + COMP_N);
  const rows = nPre * trials;
  const flags = load<i32>(syn + TM_FLAGS);
  // u starts at rest: U with TM_FLAG_UREST_U, or with STF off (u is then U throughout); else 0
  const uRestU = (flags & TM_FLAG_UREST_U) != 0 || (flags & TM_FLAG_STF) == 0;
  const resources = load<usize>(syn + TM_RESOURCES);
  memory.fill(load<usize>(syn + TM_LAST), 0xff, <usize>rows << 2); // -1: no spike yet
  if ((flags & TM_FLAG_CONNECTION) != 0) {
    const nnz = connections(syn);
    const uConn = load<usize>(syn + TM_U_CONN);
    const rowsOf = load<usize>(syn + DLV_ROWS);
    const uAnch = load<usize>(syn + TM_C_UANCH);
    for (let j = 0; j < nPre; j++) {
      const c1 = load<i32>(rowsOf + (<usize>(j + 1) << 2));
      for (let q = load<i32>(rowsOf + (<usize>j << 2)); q < c1; q++) {
        const u0: f32 = uRestU ? (uConn != 0 ? f32at(uConn, q) : f32at(resources, j)) : 0;
        for (let t = 0; t < trials; t++) setF32(uAnch, t * nnz + q, u0);
      }
    }
    const states = nnz * trials;
    fillF32(load<usize>(syn + TM_C_XANCH), states, 1);
    fillF32(load<usize>(syn + TM_C_USPK), states, 0);
    fillF32(load<usize>(syn + TM_C_XSPK), states, 0);
    if ((flags & TM_FLAG_INACT) != 0) {
      fillF32(load<usize>(syn + TM_C_YANCH), states, 0);
      fillF32(load<usize>(syn + TM_C_ZANCH), states, 0);
    }
    if ((flags & TM_FLAG_QUANTAL) != 0) {
      // every site available
      const avail = load<usize>(syn + TM_C_AVAIL);
      const sites = load<i32>(syn + TM_SITES);
      for (let i = 0; i < states; i++) store<i32>(avail + (<usize>i << 2), sites);
      fillF32(load<usize>(syn + TM_C_REL), states, 0);
    }
    memory.fill(load<usize>(syn + TM_NSINCE), 0, <usize>rows << 2);
    return;
  }
  // u at rest: the Euler map's u, or the exact mode's anchor
  const exact = load<i32>(syn + TM_MODE) == TM_MODE_EXACT;
  const u = load<usize>(syn + (exact ? TM_UANCH : TM_UVAR));
  if (uRestU) {
    for (let r = 0; r < rows; r++) setF32(u, r, f32at(resources, r % nPre));
  } else fillF32(u, rows, 0);
  fillF32(load<usize>(syn + (exact ? TM_XANCH : TM_XVAR)), rows, 1);
  fillF32(load<usize>(syn + TM_USPK), rows, 0);
  fillF32(load<usize>(syn + TM_XSPK), rows, 0);
  if (exact) memory.fill(load<usize>(syn + TM_NSINCE), 0, <usize>rows << 2);
  if ((flags & TM_FLAG_INACT) != 0) {
    fillF32(load<usize>(syn + TM_YANCH), rows, 0);
    fillF32(load<usize>(syn + TM_ZANCH), rows, 0);
  }
}
