// A synapse's delivery, by DLV_KIND: how its listed spiking rows reach the target's INPUT. Dense is
// the one kind today (delivery/dense.ts).
import { checkDense, denseRegions, initDense, denseOutput, denseBlocks, byBlocks } from "./dense";

/** The delivery block's own fields. */
export function checkDelivery(syn: usize, trials: i64): i32 {
  return checkDense(syn, trials);
}

/** Report the delivery's regions. */
export function deliveryRegions(syn: usize, trials: i64): i32 {
  return denseRegions(syn, trials);
}

/** Reset the delivery's state. */
export function initDelivery(syn: usize, trials: i32): void {
  initDense(syn, trials);
}

/** Whether, with `workers` workers sharing trials, the workers first sum blocks of rows (deliverBlocks). */
export function sumsByBlocks(syn: usize, trials: i32, workers: i32): bool {
  return byBlocks(syn, trials, workers);
}

/** Split mode, first meeting: this worker's share of the block sums. */
export function deliverBlocks(syn: usize, trials: i32, step: i32): void {
  denseBlocks(syn, trials, step);
}

/** The output of step `step` for this pass's (trial, postsynaptic unit) pairs. */
export function deliver(syn: usize, trials: i32, step: i32): void {
  denseOutput(syn, trials, step);
}
