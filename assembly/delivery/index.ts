// A synapse's delivery, by DLV_KIND: how its spiking rows reach the target's INPUT. Dense
// (delivery/dense.ts): a full weight matrix, no delay, sums in blocks of rows. Sparse
// (delivery/sparse.ts): connections in CSR order, delays through a ring. One-to-one
// (delivery/oneToOne.ts): row j onto unit j, one delay, through the same ring.
import { DLV_KIND, DLV_DENSE, DLV_SPARSE, DLV_ONE_TO_ONE, OK, ERR_BAD_KIND } from "../abi";
import { fail } from "../engine/regions";
import { checkDense, denseRegions, initDense, denseOutput, denseBlocks, byBlocks } from "./dense";
import { checkSparse, sparseRegions, checkSparseData, initSparse, sparseOutput } from "./sparse";
import { checkOneToOne, oneToOneRegions, initOneToOne, oneToOneOutput } from "./oneToOne";

@inline function kindOf(syn: usize): i32 {
  return load<i32>(syn + DLV_KIND);
}

/** The delivery block's own fields. */
export function checkDelivery(syn: usize, trials: i64): i32 {
  const kind = kindOf(syn);
  if (kind == DLV_DENSE) return checkDense(syn, trials);
  if (kind == DLV_SPARSE) return checkSparse(syn, trials);
  if (kind == DLV_ONE_TO_ONE) return checkOneToOne(syn, trials);
  return fail(ERR_BAD_KIND, syn + DLV_KIND);
}

/** Report the delivery's regions. */
export function deliveryRegions(syn: usize, trials: i64): i32 {
  const kind = kindOf(syn);
  if (kind == DLV_SPARSE) return sparseRegions(syn, trials);
  if (kind == DLV_ONE_TO_ONE) return oneToOneRegions(syn, trials);
  return denseRegions(syn, trials);
}

/** The contents of the delivery's structure (in memory by now). */
export function checkDeliveryData(syn: usize, forRun: bool): i32 {
  return kindOf(syn) == DLV_SPARSE ? checkSparseData(syn, forRun) : OK;
}

/** Reset the delivery's state. */
export function initDelivery(syn: usize, trials: i32): void {
  const kind = kindOf(syn);
  if (kind == DLV_SPARSE) initSparse(syn, trials);
  else if (kind == DLV_ONE_TO_ONE) initOneToOne(syn, trials);
  else initDense(syn, trials);
}

/** Whether, with `workers` workers sharing trials, the workers first sum blocks of rows (deliverBlocks). */
export function sumsByBlocks(syn: usize, trials: i32, workers: i32): bool {
  return kindOf(syn) == DLV_DENSE && byBlocks(syn, trials, workers);
}

/** Split mode, first meeting: this worker's share of the block sums. */
export function deliverBlocks(syn: usize, trials: i32, step: i32): void {
  denseBlocks(syn, trials, step);
}

/** The output of step `step` for this pass's (trial, postsynaptic unit) pairs. */
export function deliver(syn: usize, trials: i32, step: i32): void {
  const kind = kindOf(syn);
  if (kind == DLV_SPARSE) sparseOutput(syn, trials, step);
  else if (kind == DLV_ONE_TO_ONE) oneToOneOutput(syn, trials, step);
  else denseOutput(syn, trials, step);
}
