// A conductance channel's checks and regions (engine/validate.ts calls them).
import { COMP_N, COMP_POST, COMP_KIND, COND_G, COND_E_REV, COND_DECAY, KIND_LIF, LIF_FLAGS, LIF_FLAG_DIRECT, LIF_METHOD, LIF_METHOD_EULER, OK, ERR_BAD_WIRING } from "../../abi";
import { fail, param, region, BIG, REG_WRITTEN } from "../../engine/regions";

/**
 * Its parameters, and its LIF: a LIF (the engine checked it is a neuron of as many units) with a
 * direct input, integrated by forward Euler (the current g (eRev - v) is taken at the step's start).
 */
export function checkConductance(chan: usize): i32 {
  const lif = load<usize>(chan + COMP_POST);
  if (load<i32>(lif + COMP_KIND) != KIND_LIF || (load<i32>(lif + LIF_FLAGS) & LIF_FLAG_DIRECT) == 0 ||
    load<i32>(lif + LIF_METHOD) != LIF_METHOD_EULER) return fail(ERR_BAD_WIRING, chan + COMP_POST);
  let err = param(chan + COND_E_REV, -BIG, BIG);
  if (err == OK) err = param(chan + COND_DECAY, 0, 1);
  return err;
}

/** Its one array: g, K n floats. */
export function conductanceRegions(chan: usize, trials: i64): i32 {
  return region(chan + COND_G, <u64>(<i64>load<i32>(chan + COMP_N) * trials) << 2, REG_WRITTEN);
}
