// AssemblyScript, compiled by the pipeline test (test/embed/modulator.ts): a second WebAssembly
// module that shares the kernel's memory and drives it one step at a time through the raw ABI.
// It finds everything it needs by following the network's descriptor (docs/ABI.md): the component
// table at NET_COMPS, each component's kind in its common header. It calls the kernel's `run`
// directly (an import, module to module), and keeps no static data.
import {
  NET_TRIALS, NET_NCOMP, NET_COMPS, COMP_KIND, COMP_N, COMP_SPIKES, KIND_POISSON, KIND_LIF, POI_INPUTS, OK,
  ERR_BAD_WIRING,
} from "../../../assembly/abi";

@external("stp", "run")
declare function stpRun(net: usize, nSteps: i32): i32;

/** The first component of kind `kind` in the network's table, or 0. */
function first(net: usize, kind: i32): usize {
  const n = load<i32>(net + NET_NCOMP);
  const table = load<usize>(net + NET_COMPS);
  for (let i = 0; i < n; i++) {
    const c = load<usize>(table + (<usize>i << 2));
    if (load<i32>(c + COMP_KIND) == kind) return c;
  }
  return 0;
}

/**
 * Advance the network at `net` (its first Poisson source, its first LIF) `steps` steps. Before step
 * i every input intensity of trial t is m_i = 0.5 (1 + sin(i w)), times `gate` when any of trial t's
 * LIF units spiked on the step before; sin(i w) comes from the rotation (c, s) <- (c cosW - s sinW,
 * s cosW + c sinW) from (1, 0), in float64. Logs each (step, trial) intensity as f32 at `log`
 * and the LIF spikes it read as u8 at `raster`. Returns the kernel's code (0 when all went well), or
 * ERR_BAD_WIRING when the network has no Poisson source or no LIF.
 */
export function drive(net: usize, steps: i32, cosW: f64, sinW: f64, gate: f64, log: usize, raster: usize): i32 {
  const trials = load<i32>(net + NET_TRIALS);
  const src = first(net, KIND_POISSON);
  const lif = first(net, KIND_LIF);
  if (src == 0 || lif == 0) return ERR_BAD_WIRING;
  const n0 = load<i32>(src + COMP_N);
  const inputs = load<usize>(src + POI_INPUTS);
  const n1 = load<i32>(lif + COMP_N);
  const spikes = load<usize>(lif + COMP_SPIKES);
  let c = 1.0;
  let s = 0.0;
  for (let i = 0; i < steps; i++) {
    const m = 0.5 * (1.0 + s);
    for (let t = 0; t < trials; t++) {
      let fired = false;
      for (let k = 0; k < n1; k++) if (load<f32>(spikes + (<usize>(t * n1 + k) << 2)) != 0) fired = true;
      const intensity = <f32>(fired ? m * gate : m);
      store<f32>(log + (<usize>(i * trials + t) << 2), intensity);
      for (let j = 0; j < n0; j++) store<f32>(inputs + (<usize>(t * n0 + j) << 2), intensity);
    }
    const code = stpRun(net, 1);
    if (code != OK) return code;
    for (let g = 0; g < trials * n1; g++) {
      store<u8>(raster + <usize>(i * trials * n1 + g), load<f32>(spikes + (<usize>g << 2)) != 0 ? 1 : 0);
    }
    const c2 = c * cosW - s * sinW;
    s = s * cosW + c * sinW;
    c = c2;
  }
  return OK;
}
