// The kernel's ERR_NON_FINITE, in the model's terms: which component, variable, trial and unit the
// address it reports belongs to (engine/fault.ts in the kernel), and the events of a chunk before
// the step it names.
import { StpNonFiniteError } from "../core/errors.js";
import { arrayOf, type Layout } from "../network/layout.js";
import type { NetworkSpec } from "../network/options.js";
import { variablesOf } from "../network/records.js";

/** The error for a value at byte `at` that became non-finite in step `step`. */
export function nonFiniteError(spec: NetworkSpec, layout: Layout, step: number, at: number): StpNonFiniteError {
  const K = spec.trials;
  for (let i = 0; i < spec.components.length; i++) {
    const c = spec.components[i];
    if (c.model.role === "channel") continue; // its variables are its synapse's (g)
    for (const [name, v] of Object.entries(variablesOf(spec, i))) {
      if (typeof v === "string" || v.kind !== "f32") continue;
      const base = arrayOf(layout, v.component ?? i, v.field);
      const n = v.units ?? spec.components[v.component ?? i].n;
      if (base !== 0 && at >= base && at < base + 4 * K * n) {
        const index = (at - base) / 4;
        return new StpNonFiniteError(c.name, name, index % n, Math.floor(index / n), K, step, spec.dt);
      }
    }
  }
  // an address the layout does not know (a kernel newer than this host): say what is known
  return new StpNonFiniteError(`(the value at byte ${at})`, "value", 0, 0, 1, step, spec.dt);
}
