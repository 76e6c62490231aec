// The references' common shape: one object per component with its state, stepped by network.ts in
// the kernel's phase order. Every value is float32, rounded with Math.fround after each operation,
// in the order docs/MODEL.md gives, so that the kernel must agree exactly.
export const f = Math.fround;

/** One component's reference: its state after each step, by variable (K x units values, trial-major). */
export interface ComponentRef {
  /** Sources and neurons: this step's spikes (0/1), K n values. */
  spikes?: number[];
  /** Neurons and channels: what synapses added this step, K n values (cleared by the component). */
  input?: number[];
  /** The variables a record can sample, K x units values each; derived ones [trial][first * second + k]. */
  values(): Record<string, number[] | number[][]>;
}
