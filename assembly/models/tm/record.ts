// What a TM synapse offers the monitors: u and x now (per row, or per connection), the dynamic
// weight Wdyn, and the u and x of the last spike. The second index is the postsynaptic unit k (dense
// delivery) or the connection (sparse; one-to-one: j for j -> j); 0 for what is per presynaptic row.
import {
  COMP_N, COMP_N2, TM_USPK, TM_XSPK, TM_C_USPK, TM_C_XSPK, TM_FLAGS, TM_FLAG_CONNECTION, TM_VAR_WDYN,
  TM_VAR_USPK, TM_VAR_XSPK, TM_VAR_U, TM_VAR_X, TM_LAST, DLV_KIND, DLV_SPARSE, DLV_ONE_TO_ONE, TM_MODE, TM_MODE_EXACT,
  TM_UVAR, TM_XVAR, TM_FLAG_QUANTAL, TM_C_REL,
} from "../../abi";
import { f32at } from "../../engine/arrays";
import { weightAt } from "../../delivery/dense";
import { connections, sparseWeight } from "../../delivery/sparse";
import { oneToOneWeight } from "../../delivery/oneToOne";
import { connectionValue } from "./connections";
import { rowValue } from "./anchor";

/** Whether the synapse has derived variable `variable` (TM_VAR_*); reads no array. */
export function tmHasDerived(variable: i32): bool {
  return variable == TM_VAR_WDYN || variable == TM_VAR_USPK || variable == TM_VAR_XSPK || variable == TM_VAR_U || variable == TM_VAR_X;
}

/**
 * The bound of a derived variable's second index (checked by tmHasDerived), or -1 for a variable
 * this synapse does not have. A sparse synapse's nnz is read from DLV_ROWS: call it only once the
 * delivery's regions and rows are checked.
 */
export function tmDerivedRange(syn: usize, variable: i32): i32 {
  if (!tmHasDerived(variable)) return -1;
  const sparse = load<i32>(syn + DLV_KIND) == DLV_SPARSE;
  const perConnection = (load<i32>(syn + TM_FLAGS) & TM_FLAG_CONNECTION) != 0;
  const second = sparse ? connections(syn) : load<i32>(syn + COMP_N2);
  return variable == TM_VAR_WDYN || perConnection ? second : 1;
}

/**
 * Variable `variable` at row r = trial * nPre + j and second index k (checked by tmDerivedRange):
 * Wdyn = (W * uSpk) * xSpk, the weight of the row's (or connection's) last spike; uSpk; xSpk; u and x
 * now (the Euler map's arrays, or the exact mode's anchor relaxed to now).
 */
export function tmDerived(syn: usize, variable: i32, r: i32, k: i32): f32 {
  const perConnection = (load<i32>(syn + TM_FLAGS) & TM_FLAG_CONNECTION) != 0;
  if (variable == TM_VAR_U || variable == TM_VAR_X) {
    const wantX = variable == TM_VAR_X;
    if (perConnection) return connectionValue(syn, r, k, wantX);
    if (load<i32>(syn + TM_MODE) == TM_MODE_EXACT) return rowValue(syn, r, wantX);
    return f32at(load<usize>(syn + (wantX ? TM_XVAR : TM_UVAR)), r);
  }
  let u: f32;
  let x: f32;
  if (perConnection) {
    const i = (r / load<i32>(syn + COMP_N)) * connections(syn) + k;
    u = f32at(load<usize>(syn + TM_C_USPK), i);
    x = f32at(load<usize>(syn + TM_C_XSPK), i);
  } else {
    u = f32at(load<usize>(syn + TM_USPK), r);
    x = f32at(load<usize>(syn + TM_XSPK), r);
  }
  if (variable == TM_VAR_USPK) return u;
  if (variable == TM_VAR_XSPK) return x;
  // quantal release: the weight of the last spike is W times the fraction of sites that released
  if ((load<i32>(syn + TM_FLAGS) & TM_FLAG_QUANTAL) != 0) {
    return sparseWeight(syn, k) * f32at(load<usize>(syn + TM_C_REL), (r / load<i32>(syn + COMP_N)) * connections(syn) + k);
  }
  const kind = load<i32>(syn + DLV_KIND);
  const w = kind == DLV_SPARSE ? sparseWeight(syn, k) : kind == DLV_ONE_TO_ONE ? oneToOneWeight(syn, k) : weightAt(syn, r % load<i32>(syn + COMP_N), k);
  return w * u * x;
}

/** The array of the step of each row's last spike (for records at spikes). */
export function tmLastSpikes(syn: usize): usize {
  return load<usize>(syn + TM_LAST);
}
