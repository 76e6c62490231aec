// A TM synapse's checks and regions (engine/validate.ts calls them; the engine checks the header
// and the wiring: nPre, nPost, PRE and POST).
import {
  COMP_N, TM_MODE, TM_MODE_EXACT, TM_FLAGS, TM_FLAG_STF, TM_FLAG_STD, TM_FLAG_UREST_U, TM_FLAG_INACT,
  TM_RESOURCES, TM_DT_TAUF, TM_DT_TAUD, TM_DT_TAUI, TM_DT_H, TM_H_TAUI, TM_UVAR, TM_XVAR, TM_USPK, TM_XSPK,
  TM_UANCH, TM_XANCH, TM_NSINCE, TM_YANCH, TM_ZANCH, OK, ERR_BAD_KIND,
} from "../../abi";
import { fail, param, region, REG_READ, REG_WRITTEN } from "../../engine/regions";

/**
 * Mode, flags and rates: dt/tau in [0, 1] for the Euler map (beyond 1 it leaves [0, 1]); for the
 * exact mode >= 0 up to +Infinity (tau -> 0: instant relaxation, the limit of a valid time constant).
 * Only the rates of what is on are read, and checked.
 */
export function checkTm(syn: usize): i32 {
  const mode = load<u32>(syn + TM_MODE);
  if (mode > <u32>TM_MODE_EXACT) return fail(ERR_BAD_KIND, syn + TM_MODE);
  const flags = load<i32>(syn + TM_FLAGS);
  const known = TM_FLAG_STF | TM_FLAG_STD | TM_FLAG_UREST_U | TM_FLAG_INACT;
  // three-state resources: exact mode only, and with depression (inactive resources recover with tauD)
  if ((flags & ~known) != 0 || ((flags & TM_FLAG_INACT) != 0 && (mode != TM_MODE_EXACT || (flags & TM_FLAG_STD) == 0))) return fail(ERR_BAD_KIND, syn + TM_FLAGS);
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

/** Its arrays: U per presynaptic unit; u, x, uSpk, xSpk per row (K nPre); the anchors in exact mode. */
export function tmRegions(syn: usize, trials: i64): i32 {
  const nPre = <i64>load<i32>(syn + COMP_N);
  const rows = <u64>(nPre * trials) << 2;
  const exact = load<i32>(syn + TM_MODE) == TM_MODE_EXACT;
  const inact = (load<i32>(syn + TM_FLAGS) & TM_FLAG_INACT) != 0;
  let err = region(syn + TM_RESOURCES, <u64>nPre << 2, REG_READ);
  if (err == OK) err = region(syn + TM_UVAR, rows, REG_WRITTEN);
  if (err == OK) err = region(syn + TM_XVAR, rows, REG_WRITTEN);
  if (err == OK) err = region(syn + TM_USPK, rows, REG_WRITTEN);
  if (err == OK) err = region(syn + TM_XSPK, rows, REG_WRITTEN);
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
