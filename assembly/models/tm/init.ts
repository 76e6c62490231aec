// A TM synapse's initial state: u at its resting value (0, or U_j with TM_FLAG_UREST_U), x = 1,
// uSpk = xSpk = 0; in exact mode the anchor is that resting state with no step since (y = z = 0).
import {
  COMP_N, TM_FLAGS, TM_FLAG_UREST_U, TM_FLAG_INACT, TM_MODE, TM_MODE_EXACT, TM_RESOURCES, TM_UVAR,
  TM_XVAR, TM_USPK, TM_XSPK, TM_UANCH, TM_XANCH, TM_NSINCE, TM_YANCH, TM_ZANCH,
} from "../../abi";
import { f32at, setF32, fillF32 } from "../../engine/arrays";

export function initTm(syn: usize, trials: i32): void {
  const nPre = load<i32>(syn + COMP_N);
  const rows = nPre * trials;
  const flags = load<i32>(syn + TM_FLAGS);
  const uVar = load<usize>(syn + TM_UVAR);
  if ((flags & TM_FLAG_UREST_U) != 0) {
    const resources = load<usize>(syn + TM_RESOURCES);
    for (let r = 0; r < rows; r++) setF32(uVar, r, f32at(resources, r % nPre));
  } else fillF32(uVar, rows, 0);
  fillF32(load<usize>(syn + TM_XVAR), rows, 1);
  fillF32(load<usize>(syn + TM_USPK), rows, 0);
  fillF32(load<usize>(syn + TM_XSPK), rows, 0);
  if (load<i32>(syn + TM_MODE) == TM_MODE_EXACT) {
    memory.copy(load<usize>(syn + TM_UANCH), uVar, <usize>rows << 2);
    fillF32(load<usize>(syn + TM_XANCH), rows, 1);
    memory.fill(load<usize>(syn + TM_NSINCE), 0, <usize>rows << 2);
  }
  if ((flags & TM_FLAG_INACT) != 0) {
    fillF32(load<usize>(syn + TM_YANCH), rows, 0);
    fillF32(load<usize>(syn + TM_ZANCH), rows, 0);
  }
}
