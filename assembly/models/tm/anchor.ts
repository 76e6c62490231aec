// The exact mode's state per presynaptic row: kept as the anchor (the state right after the row's
// last spike, or the initial state) and the steps since it (TM_NSINCE). Nothing is computed for a
// silent row; its u and x now are the anchor relaxed over those steps, computed when a spike needs
// them (step.ts) or a monitor asks (record.ts). The equations are equations.ts'.
import {
  COMP_N, TM_FLAGS, TM_FLAG_STF, TM_FLAG_STD, TM_FLAG_UREST_U, TM_FLAG_INACT, TM_RESOURCES, TM_DT_TAUF,
  TM_DT_TAUD, TM_DT_TAUI, TM_DT_H, TM_H_TAUI, TM_UANCH, TM_XANCH, TM_YANCH, TM_ZANCH, TM_NSINCE,
  TM_RATES_ROWS, TM_INACT_ROWS,
} from "../../abi";
import { f32at } from "../../engine/arrays";
import { relaxU, recoverX, relaxY, relaxZ, threeStateX } from "./equations";

/** Row r's U and its state relaxed by relaxRow (module state, read right after the call). */
export let rowU0: f32 = 0;
export let rowU: f32 = 0;
export let rowX: f32 = 0;
export let rowY: f32 = 0;
export let rowZ: f32 = 0;

/**
 * Row r (= trial * nPre + j) relaxed from its anchor over n >= 1 steps: u (U itself with STF off),
 * x (two-state with STD, three-state with TM_FLAG_INACT, else the anchor's), and y, z (three-state).
 */
export function relaxRow(syn: usize, r: i32, n: i32): void {
  const nPre = load<i32>(syn + COMP_N);
  const j = r % nPre;
  const flags = load<i32>(syn + TM_FLAGS);
  const rates = load<usize>(syn + TM_RATES_ROWS); // per row, or 0: the constants
  const nf = <f64>n;
  const U = f32at(load<usize>(syn + TM_RESOURCES), j);
  rowU0 = U;
  if ((flags & TM_FLAG_STF) != 0) {
    const dtTauF = rates != 0 ? <f64>f32at(rates, j) : <f64>load<f32>(syn + TM_DT_TAUF);
    rowU = relaxU(f32at(load<usize>(syn + TM_UANCH), r), (flags & TM_FLAG_UREST_U) != 0 ? U : 0, nf, dtTauF);
  } else rowU = U;
  rowY = 0;
  rowZ = 0;
  const dtTauD = rates != 0 ? <f64>f32at(rates, nPre + j) : <f64>load<f32>(syn + TM_DT_TAUD);
  if ((flags & TM_FLAG_INACT) != 0) {
    const inact = load<usize>(syn + TM_INACT_ROWS);
    const dtTauI = inact != 0 ? <f64>f32at(inact, j) : <f64>load<f32>(syn + TM_DT_TAUI);
    const dtH = inact != 0 ? <f64>f32at(inact, nPre + j) : <f64>load<f32>(syn + TM_DT_H);
    const hTauI = inact != 0 ? f32at(inact, 2 * nPre + j) : load<f32>(syn + TM_H_TAUI);
    const yA = f32at(load<usize>(syn + TM_YANCH), r);
    rowY = relaxY(yA, nf, dtTauI);
    rowZ = relaxZ(yA, f32at(load<usize>(syn + TM_ZANCH), r), nf, dtTauD, dtTauI, dtH, hTauI);
    rowX = threeStateX(rowY, rowZ);
  } else if ((flags & TM_FLAG_STD) != 0) {
    rowX = recoverX(f32at(load<usize>(syn + TM_XANCH), r), nf, dtTauD);
  } else rowX = f32at(load<usize>(syn + TM_XANCH), r);
}

/** Row r's u or x (`wantX`) now: the anchor right after a spike (or at init), else relaxRow's. */
export function rowValue(syn: usize, r: i32, wantX: bool): f32 {
  const n = load<i32>(load<usize>(syn + TM_NSINCE) + (<usize>r << 2));
  if (n == 0) return f32at(load<usize>(syn + (wantX ? TM_XANCH : TM_UANCH)), r);
  relaxRow(syn, r, n);
  return wantX ? rowX : rowU;
}
