// Non-finite state (ERR_NON_FINITE): a model's step notes the address of a value that became
// non-finite (it leaves that value NaN, so it stays noted in later steps and calls); the step loop
// keeps the call's earliest one, by step, then address. The call runs to its end and then returns
// ERR_NON_FINITE, errorAt() that address and errorStep() that step. Module state: each worker has
// its own, and the host takes the earliest over the workers.

/** The lowest address noted in the current step (0: none). */
let noted: usize = 0;
/** The call's earliest: its step (-1: none) and address. */
export let faultStep: i32 = -1;
export let faultAt: usize = 0;

/** A model's step: the value at `at` became non-finite in this step. */
export function noteNonFinite(at: usize): void {
  if (noted == 0 || at < noted) noted = at;
}

/** Start a call: nothing noted. */
export function beginFaults(): void {
  noted = 0;
  faultStep = -1;
  faultAt = 0;
}

/** End of step `step` of this pass: keep what it noted if it is the earliest so far. */
@inline export function takeFault(step: i32): void {
  if (noted != 0) {
    if (faultStep < 0 || step < faultStep || (step == faultStep && noted < faultAt)) {
      faultStep = step;
      faultAt = noted;
    }
    noted = 0;
  }
}
