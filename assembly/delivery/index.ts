// A synapse's delivery, by DLV_KIND: how its listed spiking rows reach the target's INPUT. Dense
// (delivery/dense.ts): a full weight matrix, no delay, sums in blocks of rows. Sparse
// (delivery/sparse.ts): connections in CSR order, delays through a ring.
import { DLV_KIND, DLV_DENSE, DLV_SPARSE, OK, ERR_BAD_KIND } from "../abi";
import { fail } from "../engine/regions";
import { checkDense, denseRegions, initDense, denseOutput, denseBlocks, byBlocks } from "./dense";
import { checkSparse, sparseRegions, checkSparseData, initSparse, sparseOutput } from "./sparse";

@inline function sparse(syn: usize): bool {
  return load<i32>(syn + DLV_KIND) == DLV_SPARSE;
}

/** The delivery block's own fields. */
export function checkDelivery(syn: usize, trials: i64): i32 {
  const kind = load<i32>(syn + DLV_KIND);
  if (kind == DLV_DENSE) return checkDense(syn, trials);
  if (kind == DLV_SPARSE) return checkSparse(syn, trials);
  return fail(ERR_BAD_KIND, syn + DLV_KIND);
}

/** Report the delivery's regions. */
export function deliveryRegions(syn: usize, trials: i64): i32 {
  return sparse(syn) ? sparseRegions(syn, trials) : denseRegions(syn, trials);
}

/** The contents of the delivery's structure (in memory by now). */
export function checkDeliveryData(syn: usize, forRun: bool): i32 {
  return sparse(syn) ? checkSparseData(syn, forRun) : OK;
}

/** Reset the delivery's state. */
export function initDelivery(syn: usize, trials: i32): void {
  if (sparse(syn)) initSparse(syn, trials);
  else initDense(syn, trials);
}

/** Whether, with `workers` workers sharing trials, the workers first sum blocks of rows (deliverBlocks). */
export function sumsByBlocks(syn: usize, trials: i32, workers: i32): bool {
  return !sparse(syn) && byBlocks(syn, trials, workers);
}

/** Split mode, first meeting: this worker's share of the block sums. */
export function deliverBlocks(syn: usize, trials: i32, step: i32): void {
  denseBlocks(syn, trials, step);
}

/** The output of step `step` for this pass's (trial, postsynaptic unit) pairs. */
export function deliver(syn: usize, trials: i32, step: i32): void {
  if (sparse(syn)) sparseOutput(syn, trials, step);
  else denseOutput(syn, trials, step);
}
