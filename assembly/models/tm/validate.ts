// A TM synapse's checks and regions (engine/validate.ts calls them; the engine checks the header
// and the wiring: nPre, nPost, PRE and POST; the delivery checks its block).
import {
  COMP_N, TM_MODE, TM_MODE_EXACT, TM_FLAGS, TM_FLAG_STF, TM_FLAG_STD, TM_FLAG_UREST_U, TM_FLAG_INACT,
  TM_FLAG_CONNECTION, TM_RESOURCES, TM_DT_TAUF, TM_DT_TAUD, TM_DT_TAUI, TM_DT_H, TM_H_TAUI, TM_UVAR, TM_XVAR,
  TM_USPK, TM_XSPK, TM_UANCH, TM_XANCH, TM_NSINCE, TM_YANCH, TM_ZANCH, TM_LAST, TM_RATES_ROWS, TM_INACT_ROWS,
  TM_U_CONN, TM_RATES_CONN, TM_INACT_CONN, TM_C_UANCH, TM_C_XANCH, TM_C_YANCH, TM_C_ZANCH, TM_C_USPK, TM_C_XSPK,
  DLV_KIND, DLV_SPARSE, DLV_FA, DLV_FB, OK, ERR_BAD_KIND, ERR_BAD_VALUE, ERR_BAD_WIRING,
  TM_FLAG_QUANTAL, TM_SITES, TM_C_AVAIL, TM_C_REL,
} from "../../abi";
import { fail, param, region, REG_READ, REG_WRITTEN } from "../../engine/regions";
import { f32at } from "../../engine/arrays";
import { connections } from "../../delivery/sparse";

/** Rates dt/tau in [0, maxRate]: the first `count` values at `arr` (refusing the first bad element). */
function rates(arr: usize, count: i32, maxRate: f32): i32 {
  for (let i = 0; i < count; i++) {
    const v = f32at(arr, i);
    if (!(v >= 0 && v <= maxRate)) return fail(ERR_BAD_VALUE, arr + (<usize>i << 2));
  }
  return OK;
}

/**
 * Mode, flags and rates: dt/tau in [0, 1] for the Euler map (beyond 1 it leaves [0, 1]); for the
 * exact mode >= 0 up to +Infinity (tau -> 0: instant relaxation, the limit of a valid time constant).
 * Only the rates of what is on are read, and checked. Per-connection state needs exact mode and
 * sparse delivery, whose per-connection factors are this synapse's (DLV_FA, DLV_FB).
 */
export function checkTm(syn: usize): i32 {
  const mode = load<u32>(syn + TM_MODE);
  if (mode > <u32>TM_MODE_EXACT) return fail(ERR_BAD_KIND, syn + TM_MODE);
  const flags = load<i32>(syn + TM_FLAGS);
  const known = TM_FLAG_STF | TM_FLAG_STD | TM_FLAG_UREST_U | TM_FLAG_INACT | TM_FLAG_CONNECTION | TM_FLAG_QUANTAL;
  // three-state resources: exact mode only, and with depression (inactive resources recover with tauD)
  if ((flags & ~known) != 0 || ((flags & TM_FLAG_INACT) != 0 && (mode != TM_MODE_EXACT || (flags & TM_FLAG_STD) == 0))) return fail(ERR_BAD_KIND, syn + TM_FLAGS);
  const perConnection = (flags & TM_FLAG_CONNECTION) != 0;
  if (perConnection && (mode != TM_MODE_EXACT || load<i32>(syn + DLV_KIND) != DLV_SPARSE)) return fail(ERR_BAD_KIND, syn + TM_FLAGS);
  // quantal release: sites per connection, two-state resources
  const quantal = (flags & TM_FLAG_QUANTAL) != 0;
  if (quantal && (!perConnection || (flags & TM_FLAG_INACT) != 0)) return fail(ERR_BAD_KIND, syn + TM_FLAGS);
  // the delivery reads per-connection factors exactly when the state is per connection, and then
  // ours: u and x the spikes used, or (quantal) the released fraction alone
  const fa = load<u32>(syn + DLV_FA);
  const fb = load<u32>(syn + DLV_FB);
  const wired = quantal ? fa == load<u32>(syn + TM_C_REL) && fb == 0
    : perConnection ? fa == load<u32>(syn + TM_C_USPK) && fb == load<u32>(syn + TM_C_XSPK) : fa == 0;
  if (!wired) return fail(ERR_BAD_WIRING, syn + DLV_FA);
  if (quantal) {
    const sites = load<i32>(syn + TM_SITES);
    if (sites < 1 || sites > 65535) return fail(ERR_BAD_VALUE, syn + TM_SITES);
  }
  const maxRate: f32 = mode == <u32>TM_MODE_EXACT ? f32.POSITIVE_INFINITY : 1;
  let err = OK;
  if ((flags & TM_FLAG_STF) != 0) err = param(syn + TM_DT_TAUF, 0, maxRate);
  if (err == OK && (flags & TM_FLAG_STD) != 0) err = param(syn + TM_DT_TAUD, 0, maxRate);
  if (err == OK && (flags & TM_FLAG_INACT) != 0) {
    err = param(syn + TM_DT_TAUI, 0, f32.POSITIVE_INFINITY);
    if (err == OK) err = param(syn + TM_DT_H, f32.NEGATIVE_INFINITY, f32.POSITIVE_INFINITY);
    if (err == OK) err = param(syn + TM_H_TAUI, f32.NEGATIVE_INFINITY, f32.POSITIVE_INFINITY);
  }
  return err;
}

/**
 * Its arrays: U per presynaptic unit; the last spike's step per row; per row uSpk, xSpk and u, x
 * (Euler) or the anchors (exact), or per connection the anchors and the spikes' u and x; the per-row or
 * per-connection parameters where given.
 */
export function tmRegions(syn: usize, trials: i64): i32 {
  const nPre = <i64>load<i32>(syn + COMP_N);
  const rows = <u64>(nPre * trials) << 2;
  const flags = load<i32>(syn + TM_FLAGS);
  const exact = load<i32>(syn + TM_MODE) == TM_MODE_EXACT;
  const inact = (flags & TM_FLAG_INACT) != 0;
  let err = region(syn + TM_RESOURCES, <u64>nPre << 2, REG_READ);
  if (err == OK) err = region(syn + TM_LAST, rows, REG_WRITTEN);
  if (err == OK && load<u32>(syn + TM_RATES_ROWS) != 0) err = region(syn + TM_RATES_ROWS, <u64>nPre << 3, REG_READ);
  if (err == OK && inact && load<u32>(syn + TM_INACT_ROWS) != 0) err = region(syn + TM_INACT_ROWS, <u64>nPre * 12, REG_READ);
  if (err != OK) return err;
  if ((flags & TM_FLAG_CONNECTION) != 0) {
    const nnz = <u64>connections(syn);
    const states = <u64>(<i64>nnz * trials) << 2;
    err = region(syn + TM_NSINCE, rows, REG_WRITTEN);
    if (err == OK && load<u32>(syn + TM_U_CONN) != 0) err = region(syn + TM_U_CONN, nnz << 2, REG_READ);
    if (err == OK && load<u32>(syn + TM_RATES_CONN) != 0) err = region(syn + TM_RATES_CONN, nnz << 3, REG_READ);
    if (err == OK && inact && load<u32>(syn + TM_INACT_CONN) != 0) err = region(syn + TM_INACT_CONN, nnz * 12, REG_READ);
    if (err == OK) err = region(syn + TM_C_UANCH, states, REG_WRITTEN);
    if (err == OK) err = region(syn + TM_C_XANCH, states, REG_WRITTEN);
    if (err == OK) err = region(syn + TM_C_USPK, states, REG_WRITTEN);
    if (err == OK) err = region(syn + TM_C_XSPK, states, REG_WRITTEN);
    if (err == OK && inact) {
      err = region(syn + TM_C_YANCH, states, REG_WRITTEN);
      if (err == OK) err = region(syn + TM_C_ZANCH, states, REG_WRITTEN);
    }
    if (err == OK && (flags & TM_FLAG_QUANTAL) != 0) {
      err = region(syn + TM_C_AVAIL, states, REG_WRITTEN);
      if (err == OK) err = region(syn + TM_C_REL, states, REG_WRITTEN);
    }
    return err;
  }
  err = region(syn + TM_USPK, rows, REG_WRITTEN);
  if (err == OK) err = region(syn + TM_XSPK, rows, REG_WRITTEN);
  if (err == OK && !exact) {
    err = region(syn + TM_UVAR, rows, REG_WRITTEN);
    if (err == OK) err = region(syn + TM_XVAR, rows, REG_WRITTEN);
  }
  if (err == OK && exact) {
    err = region(syn + TM_UANCH, rows, REG_WRITTEN);
    if (err == OK) err = region(syn + TM_XANCH, rows, REG_WRITTEN);
    if (err == OK) err = region(syn + TM_NSINCE, rows, REG_WRITTEN);
  }
  if (err == OK && inact) {
    err = region(syn + TM_YANCH, rows, REG_WRITTEN);
    if (err == OK) err = region(syn + TM_ZANCH, rows, REG_WRITTEN);
  }
  return err;
}

/**
 * The per-row rates (every call: nPre values) and, at init, the per-connection ones (runs do not re-read
 * them all: a host that changes them calls init again), in the range the mode allows.
 */
export function checkTmData(syn: usize, forRun: bool): i32 {
  const flags = load<i32>(syn + TM_FLAGS);
  const maxRate: f32 = load<i32>(syn + TM_MODE) == TM_MODE_EXACT ? f32.POSITIVE_INFINITY : 1;
  const nPre = load<i32>(syn + COMP_N);
  const rowRates = load<usize>(syn + TM_RATES_ROWS);
  let err = OK;
  if (rowRates != 0) {
    if ((flags & TM_FLAG_STF) != 0) err = rates(rowRates, nPre, maxRate);
    if (err == OK && (flags & TM_FLAG_STD) != 0) err = rates(rowRates + (<usize>nPre << 2), nPre, maxRate);
  }
  if (err != OK || forRun || (flags & TM_FLAG_CONNECTION) == 0) return err;
  const connRates = load<usize>(syn + TM_RATES_CONN);
  const nnz = connections(syn);
  if (connRates != 0) {
    if ((flags & TM_FLAG_STF) != 0) err = rates(connRates, nnz, maxRate);
    if (err == OK && (flags & TM_FLAG_STD) != 0) err = rates(connRates + (<usize>nnz << 2), nnz, maxRate);
  }
  return err;
}
