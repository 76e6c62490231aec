// stp-wasm kernel: the exports of the raw ABI (docs/ABI.md; assembly/abi.ts is the memory layout,
// also exported here as immutable i32 globals: the layout queries).
// The host owns the imported memory and writes a network header, its component descriptors and its
// record entries; `init` resets every state variable and `run` advances the whole network nSteps
// steps (engine/loop.ts). Every call first validates the whole descriptor (engine/validate.ts) and
// returns a code instead of trapping; `step` does so once per generation of the descriptor
// (NET_GEN, engine/prepared.ts).
import { ABI_VERSION, OK, ERR_BAD_POINTER } from "./abi";
import { errorWord, fail } from "./engine/regions";
import { philox, out0, out1, out2, out3 } from "./rng/philox";
import { runSlice } from "./engine/loop";
import { faultStep } from "./engine/fault";

// the layout queries: every constant of abi.ts (offsets, sizes, kinds, flags, codes) as a global
export * from "./abi";
export { init, runSlice, record, prepare, step } from "./engine/loop";
// fitting STP to recorded PSC trains: the TM recursion at the spikes for a grid of candidates (fit/trains.ts)
export { fitTrains } from "./fit/trains";

/** The layout version this module reads. */
export function abiVersion(): i32 {
  return ABI_VERSION;
}

/**
 * First byte past the module's own static data (Math.exp's and Math.expm1's tables, used by the
 * exact modes). The host must lay nothing out below it; src/runtime/kernel.ts checks this at load.
 */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * Address of the word the last failing call refused (a header or descriptor field, or an element of
 * an index array); 0 when it refused an argument, or when the last call succeeded. A wasm32 address
 * (u32): a JavaScript host reads it as `errorAt() >>> 0`.
 */
export function errorAt(): usize {
  return errorWord;
}

/**
 * After a call that returned ERR_NON_FINITE: the earliest step in which a value became non-finite
 * (errorAt() is that value's address; among the values of that step, the lowest address).
 * Meaningful only right after ERR_NON_FINITE.
 */
export function errorStep(): i32 {
  return faultStep;
}

/** Advance the network at `net` by nSteps steps on one thread; returns OK or an ERR_* code. */
export function run(net: usize, nSteps: i32): i32 {
  return runSlice(net, nSteps, 0, 1);
}

/**
 * Philox4x32-10 of counter (c0..c3) and key (k0, k1): four u32 words written at `out` (16 bytes,
 * 4-byte aligned, above heapBase()). Returns OK or ERR_BAD_POINTER (then nothing is written).
 */
export function philox4x32(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32, out: usize): i32 {
  if ((out & 3) != 0 || out < __heap_base || <u64>out + 16 > (<u64>memory.size() << 16)) return fail(ERR_BAD_POINTER, 0);
  fail(OK, 0);
  philox(c0, c1, c2, c3, k0, k1);
  store<u32>(out, out0);
  store<u32>(out + 4, out1);
  store<u32>(out + 8, out2);
  store<u32>(out + 12, out3);
  return OK;
}
