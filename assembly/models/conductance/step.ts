// One step of a conductance channel for this pass's units, after the synapses and before its LIF:
// the channel adds I = g (eRev - v) (v at the start of the step) into the LIF's direct current, then
// g = g * decay + input, and clears the input. A presynaptic spike in step i therefore raises g at
// the end of step i and acts on v from step i + 1 on.
import { COMP_N, COMP_INPUT, COMP_POST, COND_G, COND_E_REV, COND_DECAY, LIF_V, LIF_DIRECT } from "../../abi";
import { first, end } from "../../engine/schedule";
import { add, ld, st, splat, width } from "../../engine/lanes";
import { current, decayG } from "./equations";

/** Units [g0, g1), width<T>() at a time. */
@inline function units<T>(chan: usize, g0: i32, g1: i32): void {
  const lif = load<usize>(chan + COMP_POST);
  const vArr = load<usize>(lif + LIF_V);
  const direct = load<usize>(lif + LIF_DIRECT);
  const input = load<usize>(chan + COMP_INPUT);
  const gArr = load<usize>(chan + COND_G);
  const eRev = splat<T>(load<f32>(chan + COND_E_REV));
  const decay = splat<T>(load<f32>(chan + COND_DECAY));
  const zero = splat<T>(0);
  for (let g = g0; g < g1; g += width<T>()) {
    const o = <usize>g << 2;
    const gs = ld<T>(gArr + o);
    st<T>(direct + o, add(ld<T>(direct + o), current<T>(gs, eRev, ld<T>(vArr + o))));
    st<T>(gArr + o, decayG<T>(gs, decay, ld<T>(input + o)));
    st<T>(input + o, zero);
  }
}

/** One step of the channel at `chan` for this pass's units. */
export function stepConductance(chan: usize): void {
  const n = load<i32>(chan + COMP_N);
  const g0 = first(n);
  const g1 = end(n);
  let g = g0;
  if (ASC_FEATURE_SIMD) {
    g = g0 + ((g1 - g0) & ~3);
    units<v128>(chan, g0, g);
  }
  units<f32>(chan, g, g1);
}
