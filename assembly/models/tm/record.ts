// What a TM synapse offers the monitors besides its arrays u and x: Wdyn, the dynamic weight.
import { COMP_N, COMP_N2, TM_USPK, TM_XSPK, TM_VAR_WDYN } from "../../abi";
import { f32at } from "../../engine/arrays";
import { weightAt } from "../../delivery/dense";

/** The bound of a derived variable's second index (the postsynaptic k of Wdyn: nPost), or -1 for an unknown variable. */
export function tmDerivedRange(syn: usize, variable: i32): i32 {
  return variable == TM_VAR_WDYN ? load<i32>(syn + COMP_N2) : -1;
}

/** Wdyn at row r = trial * nPre + j, column k: W_jk * uSpk_r * xSpk_r, the weight of the row's last spike. */
export function tmDerived(syn: usize, variable: i32, r: i32, k: i32): f32 {
  return weightAt(syn, r % load<i32>(syn + COMP_N), k) * f32at(load<usize>(syn + TM_USPK), r) * f32at(load<usize>(syn + TM_XSPK), r);
}
