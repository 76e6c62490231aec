// A synapse's list of this step's spiking presynaptic rows, double-buffered by step parity. The
// model's row pass (phase 1) appends, for each spiking row r = trial * nPre + j of its range, an
// entry (r, a, b) of 3 words: the two factors of that row's efficacy (W_jk * a) * b (for the TM
// synapse a = u, b = x as the spike used them). A worker whose range of rows is [rStart, rEnd) writes
// its entries from word 3 rStart of the step's half, ascending, and ends them with row -1 when fewer
// than rEnd - rStart rows spiked. The output (phase 2) reads a few entries per spike instead of
// every row's flag, which another core has just written (an expensive read). Writing the half of the
// step's parity lets a worker start the next step while others still read this one.
import { COMP_N, DLV_LIST } from "../abi";

/**
 * Floats per half of a double buffer of trials * nPre rows: rounded up to 16, so that the second
 * half starts on a 64-byte line too and workers' shares of it share no line.
 */
@inline export function halfLength(rows: i32): i32 {
  return (rows + 15) & ~15;
}

/** Byte offset of step `step`'s half of a double buffer of the synapse's trials * nPre rows. */
@inline export function half(syn: usize, trials: i32, step: i32): usize {
  return <usize>((step & 1) * halfLength(trials * load<i32>(syn + COMP_N))) << 2;
}

/** Address of the step's list (the half at byte offset `h`). */
@inline export function listOf(syn: usize, h: usize): usize {
  return load<usize>(syn + DLV_LIST) + h * 3;
}

/** Address where the entries of the rows from `rStart` on are written. */
@inline export function listFrom(syn: usize, h: usize, rStart: i32): usize {
  return listOf(syn, h) + <usize>rStart * 12;
}

/** Append entry (r, a, b) at `at` (bytes); returns the next entry's address. */
@inline export function listed(at: usize, r: i32, a: f32, b: f32): usize {
  store<i32>(at, r);
  store<f32>(at, a, 4);
  store<f32>(at, b, 8);
  return at + 12;
}

/**
 * End the entries of a range of `rows` rows that started at `start` and now end at `at`. The end mark
 * is written only where the word differs: a share that listed nothing two steps ago as now keeps its
 * line unwritten, so the workers that read it keep their copies (with several workers every output
 * reads every share's list, each step: a write would move the line between the cores each time).
 */
@inline export function endList(at: usize, start: usize, rows: i32): void {
  if (at < start + <usize>rows * 12 && load<i32>(at) != -1) store<i32>(at, -1);
}

/** Row of entry m of a list. */
@inline export function entryRow(list: usize, m: i32): i32 {
  return load<i32>(list + <usize>m * 12);
}
/** Factor a of entry m. */
@inline export function entryA(list: usize, m: i32): f32 {
  return load<f32>(list + <usize>m * 12, 4);
}
/** Factor b of entry m. */
@inline export function entryB(list: usize, m: i32): f32 {
  return load<f32>(list + <usize>m * 12, 8);
}
