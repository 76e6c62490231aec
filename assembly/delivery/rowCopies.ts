// A synapse's copies of this step's presynaptic spikes and their factors per row (DLV_SPIKED, DLV_CA,
// DLV_CB), double-buffered by step parity like the spike list: kept by the model's row pass (phase 1)
// when the output reads rows by index rather than through the list: a 1 x 1 dense synapse (trials as
// SIMD lanes) and one-to-one delivery (row r feeds postsynaptic column r).
import { COMP_N, COMP_N2, DLV_KIND, DLV_DENSE, DLV_ONE_TO_ONE, DLV_SPIKED, DLV_CA, DLV_CB, OK } from "../abi";
import { st } from "../engine/lanes";
import { halfLength } from "./spikeList";
import { region, REG_WRITTEN } from "../engine/regions";

/** Whether the output takes trials as SIMD lanes: dense, one presynaptic and one postsynaptic unit. */
@inline export function trialLanes(syn: usize): bool {
  return load<i32>(syn + DLV_KIND) == DLV_DENSE && load<i32>(syn + COMP_N) == 1 && load<i32>(syn + COMP_N2) == 1;
}

/** Whether the synapse keeps row copies (and then lists no spiking rows when it is one-to-one). */
@inline export function keepsRows(syn: usize): bool {
  return trialLanes(syn) || load<i32>(syn + DLV_KIND) == DLV_ONE_TO_ONE;
}

/** Whether the output reads the spike list: every delivery but one-to-one. */
@inline export function readsList(syn: usize): bool {
  return load<i32>(syn + DLV_KIND) != DLV_ONE_TO_ONE;
}

/** This step's copy of the spikes, or of factor a or b (field DLV_SPIKED, DLV_CA, DLV_CB); 0 when the synapse keeps none. */
@inline export function laneBuffer(syn: usize, h: usize, field: i32): usize {
  return keepsRows(syn) ? load<usize>(syn + field) + h : 0;
}

/** Keep the spike s and factors (a, b) of rows at byte offset o (when `spikes` != 0). */
@inline export function keepLanes<T>(spikes: usize, fa: usize, fb: usize, o: usize, s: T, a: T, b: T): void {
  if (spikes == 0) return;
  st<T>(spikes + o, s);
  st<T>(fa + o, a);
  st<T>(fb + o, b);
}

/** Bytes of the two halves of a copy: H = K nPre rounded up to 16, twice. */
@inline export function copyBytes(syn: usize, trials: i64): u64 {
  return <u64>(2 * ((<i64>load<i32>(syn + COMP_N) * trials + 15) & ~15)) << 2;
}

/** Report the copies' regions, when the synapse keeps them. */
export function rowCopyRegions(syn: usize, trials: i64): i32 {
  if (!keepsRows(syn)) return OK;
  const bytes = copyBytes(syn, trials);
  let err = region(syn + DLV_SPIKED, bytes, REG_WRITTEN);
  if (err == OK) err = region(syn + DLV_CA, bytes, REG_WRITTEN);
  if (err == OK) err = region(syn + DLV_CB, bytes, REG_WRITTEN);
  return err;
}

/** Zero the copies, when the synapse keeps them. */
export function initRowCopies(syn: usize, trials: i32): void {
  if (!keepsRows(syn)) return;
  const bytes = <usize>(2 * halfLength(trials * load<i32>(syn + COMP_N))) << 2;
  memory.fill(load<usize>(syn + DLV_SPIKED), 0, bytes);
  memory.fill(load<usize>(syn + DLV_CA), 0, bytes);
  memory.fill(load<usize>(syn + DLV_CB), 0, bytes);
}
