// The checking primitives the engine and the models validate a descriptor with (engine/validate.ts
// runs them; each model's check lists its own parameters and regions). Nothing here writes the
// network's memory; a refusal records the address of the refused word for errorAt().
//
// Every array a component uses is a region: the pointer stored in a field plus its size. A model
// reports each of its regions through `region(field, bytes, role)`; what that does depends on the
// current pass over the network (validate.ts runs several):
//   bounds: the region is 4-byte aligned and inside [heapBase, memory end); a descriptor widens the
//           descriptors' span; an index region is counted (passes "find" pick each in turn);
//   ban:    a region the kernel writes must not overlap the banned range (the descriptors' span, an
//           index region, or the barrier), except the region whose field is exempt (itself);
//   find:   nothing is checked; the k-th index region is remembered.
import { OK, ERR_BAD_POINTER, ERR_OVERLAP, ERR_BAD_VALUE, ERR_BAD_COUNT, ERR_OVERFLOW } from "../abi";

export const I32_MAX: i64 = 2147483647;
/** The largest finite float32. */
export const BIG = f32.MAX_VALUE;

/** Read as structure during runs (descriptors, index lists): nothing written may lie in their span. */
export const REG_DESCRIPTOR = 0;
/** Data the kernel only reads (weights, inputs, spike times). */
export const REG_READ = 1;
/** State the kernel writes. */
export const REG_WRITTEN = 2;
/** State the kernel writes and reads back as indices (a spike train's cursors): no other written region may overlap it. */
export const REG_INDEX = 3;

/** Address of the word the last failed check refused (0: an argument, or no failure). */
export let errorWord: usize = 0;

/** Refuse with `code`, the word at `at` (0 for an argument) being the one refused. */
export function fail(code: i32, at: usize): i32 {
  errorWord = at;
  return code;
}

/** A parameter that must lie within [lo, hi] (NaN never does; infinities only where a bound is one). */
export function param(field: usize, lo: f32, hi: f32): i32 {
  const v = load<f32>(field);
  if (!(v >= lo && v <= hi)) return fail(ERR_BAD_VALUE, field);
  return OK;
}

/** A parameter that must be finite and > 0. */
export function positive(field: usize): i32 {
  const v = load<f32>(field);
  if (!(v - v == 0) || !(v > 0)) return fail(ERR_BAD_VALUE, field);
  return OK;
}

/** A unit count >= 1 whose product with `trials` fits 32-bit indexing; returns OK or a code. */
export function units(field: usize, trials: i64): i32 {
  const n = load<i32>(field);
  if (n < 1) return fail(ERR_BAD_COUNT, field);
  if (<i64>n * trials > I32_MAX) return fail(ERR_OVERFLOW, field);
  return OK;
}

// ---- passes ---------------------------------------------------------------------------------------
const PASS_BOUNDS = 0;
const PASS_BAN = 1;
const PASS_FIND = 2;
let pass = PASS_BOUNDS;
let memEnd: u64 = 0;
let banLo: u64 = 0;
let banHi: u64 = 0;
let exempt: usize = 0;
let findIndex = 0; // find: which index region to remember; counts down
/** The descriptors' span [spanLo, spanHi), widened in the bounds pass. */
export let spanLo: u64 = 0;
export let spanHi: u64 = 0;
/** Find: the region found (field, [foundLo, foundHi)), or foundField 0. */
export let foundField: usize = 0;
export let foundLo: u64 = 0;
export let foundHi: u64 = 0;

/** Start a call's checks: the memory's size now, and an empty span starting with [lo, hi). */
export function beginCall(lo: u64, hi: u64): void {
  errorWord = 0;
  memEnd = <u64>memory.size() << 16;
  spanLo = lo;
  spanHi = hi;
}

/** Whether [p, p + bytes) is 4-byte aligned and inside [heapBase, memory end). */
export function inside(p: u64, bytes: u64): bool {
  return (p & 3) == 0 && p >= <u64>__heap_base && p + bytes <= memEnd;
}

/** Bounds pass: every region in memory; descriptors widen the span. */
export function passBounds(): void {
  pass = PASS_BOUNDS;
}

/** Ban pass: written regions must stay clear of [lo, hi), except the one whose pointer is in `field`. */
export function passBan(lo: u64, hi: u64, field: usize): void {
  pass = PASS_BAN;
  banLo = lo;
  banHi = hi;
  exempt = field;
}

/** Find pass: remember the k-th index region (0-based) in foundField / foundLo / foundHi. */
export function passFind(k: i32): void {
  pass = PASS_FIND;
  findIndex = k;
  foundField = 0;
}

/** A region of `bytes` bytes whose address is in `field`, used as `role` (REG_*). Returns OK or a code. */
export function region(field: usize, bytes: u64, role: i32): i32 {
  if (bytes == 0) return OK;
  const p = <u64>load<u32>(field);
  if (pass == PASS_BOUNDS) {
    if (!inside(p, bytes)) return fail(ERR_BAD_POINTER, field);
    if (role == REG_DESCRIPTOR) {
      if (p < spanLo) spanLo = p;
      if (p + bytes > spanHi) spanHi = p + bytes;
    }
    return OK;
  }
  if (pass == PASS_FIND) {
    if (role == REG_INDEX && findIndex-- == 0) {
      foundField = field;
      foundLo = p;
      foundHi = p + bytes;
    }
    return OK;
  }
  if ((role == REG_WRITTEN || role == REG_INDEX) && field != exempt && p < banHi && banLo < p + bytes) return fail(ERR_OVERLAP, field);
  return OK;
}
