// One step of a conductance channel for this pass's units, after the synapses and before its LIF:
// the channel adds I = g (eRev - v) (v at the start of the step) into the LIF's direct current, then
// g = g * decay + input, and clears the input. A presynaptic spike in step i therefore raises g at
// the end of step i and acts on v from step i + 1 on.
import { COMP_N, COMP_INPUT, COMP_POST, COND_G, COND_E_REV, COND_DECAY, LIF_V, LIF_DIRECT } from "../../abi";
import { first, end } from "../../engine/schedule";
import { noteNonFinite } from "../../engine/fault";
import { add, sub, ld, st, splat, width } from "../../engine/lanes";
import { current, decayG } from "./equations";

/** Units [g0, g1), width<T>() at a time; returns the sum of (g - g) over the new g: 0, or NaN where one is not finite. */
@inline function units<T>(chan: usize, g0: i32, g1: i32): T {
  const lif = load<usize>(chan + COMP_POST);
  const vArr = load<usize>(lif + LIF_V);
  const direct = load<usize>(lif + LIF_DIRECT);
  const input = load<usize>(chan + COMP_INPUT);
  const gArr = load<usize>(chan + COND_G);
  const eRev = splat<T>(load<f32>(chan + COND_E_REV));
  const decay = splat<T>(load<f32>(chan + COND_DECAY));
  const zero = splat<T>(0);
  let bad = zero;
  for (let g = g0; g < g1; g += width<T>()) {
    const o = <usize>g << 2;
    const gs = ld<T>(gArr + o);
    st<T>(direct + o, add(ld<T>(direct + o), current<T>(gs, eRev, ld<T>(vArr + o))));
    const gNew = decayG<T>(gs, decay, ld<T>(input + o));
    const nonFinite = sub(gNew, gNew);
    bad = add(bad, nonFinite);
    st<T>(gArr + o, sub(gNew, nonFinite));
    st<T>(input + o, zero);
  }
  return bad;
}

/** One step of the channel at `chan` for this pass's units. */
export function stepConductance(chan: usize): void {
  const n = load<i32>(chan + COMP_N);
  const g0 = first(n);
  const g1 = end(n);
  let g = g0;
  let bad = false;
  if (ASC_FEATURE_SIMD) {
    g = g0 + ((g1 - g0) & ~3);
    const lanes = units<v128>(chan, g0, g);
    bad = v128.any_true(f32x4.ne(lanes, lanes));
  }
  const rest = units<f32>(chan, g, g1);
  if (bad || rest != rest) {
    const gArr = load<usize>(chan + COND_G);
    for (let k = g0; k < g1; k++) {
      const at = gArr + (<usize>k << 2);
      if (load<f32>(at) != load<f32>(at)) {
        noteNonFinite(at);
        break;
      }
    }
  }
}
