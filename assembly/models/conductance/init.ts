// A conductance channel's initial state.
import { COMP_N, COND_G } from "../../abi";

/** g = 0. */
export function initConductance(chan: usize, trials: i32): void {
  memory.fill(load<usize>(chan + COND_G), 0, <usize>(load<i32>(chan + COMP_N) * trials) << 2);
}
