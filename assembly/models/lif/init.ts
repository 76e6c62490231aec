// A LIF population's initial state: v = vRest, rfr = refractTime (not refractory), theta, the
// synaptic current and the direct input 0.
import { COMP_N, LIF_V, LIF_RFR, LIF_THETA, LIF_ISYN, LIF_DIRECT, LIF_V_REST, LIF_REFRACT, LIF_FLAGS, LIF_FLAG_THETA, LIF_FLAG_SYN, LIF_FLAG_DIRECT } from "../../abi";
import { fillF32 } from "../../engine/arrays";


export function initLif(lif: usize, trials: i32): void {
  const total = load<i32>(lif + COMP_N) * trials;
  const flags = load<i32>(lif + LIF_FLAGS);
  fillF32(load<usize>(lif + LIF_V), total, load<f32>(lif + LIF_V_REST));
  fillF32(load<usize>(lif + LIF_RFR), total, load<f32>(lif + LIF_REFRACT));
  if ((flags & LIF_FLAG_THETA) != 0) memory.fill(load<usize>(lif + LIF_THETA), 0, <usize>total << 2);
  if ((flags & LIF_FLAG_SYN) != 0) memory.fill(load<usize>(lif + LIF_ISYN), 0, <usize>total << 2);
  if ((flags & LIF_FLAG_DIRECT) != 0) memory.fill(load<usize>(lif + LIF_DIRECT), 0, <usize>total << 2);
}
