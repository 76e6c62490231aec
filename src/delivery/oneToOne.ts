// One-to-one delivery, the host's half (the kernel's: assembly/delivery/oneToOne.ts): connection
// j -> j of n units, a weight per connection (or one constant), one delay in steps, the ring, and the
// row copies the model keeps for it (no spike list).
import * as A from "../../assembly/abi.js";
import { constantOf } from "../core/init.js";
import type { ArrayPlan, Component, Field, NetworkContext } from "../models/model.js";
import { rowCopyArrays } from "./dense.js";
import { fillBiases, type SparseParams } from "./sparse.js";

/** The one-to-one block's arrays; `fillWeights` writes the n weights when they vary. */
export function oneToOneArrays(c: Component, p: SparseParams, net: NetworkContext, fillWeights: (out: Float32Array) => void): ArrayPlan[] {
  const n = c.n;
  const plans: ArrayPlan[] = [];
  if (constantOf(p.weights) === null) plans.push({ field: A.DLV_W, bytes: 4 * n, place: "data", fill: (b, ptr) => fillWeights(new Float32Array(b, ptr, n)) });
  if (p.biases !== null) {
    const biases = p.biases;
    plans.push({ field: A.DLV_BIAS, bytes: 4 * n, place: "data", fill: (b, ptr) => fillBiases(new Float32Array(b, ptr, n), biases, net, c.name) });
  }
  plans.push({ field: A.DLV_RING, bytes: 4 * net.trials * p.slots * n, place: "state" });
  return [...plans, ...rowCopyArrays(net.trials * n)];
}

/** The one-to-one block's fields. */
export function oneToOneFields(_c: Component, p: SparseParams): Field[] {
  return [
    [A.DLV_KIND, "i32", A.DLV_ONE_TO_ONE], [A.DLV_W_CONST, "f32", constantOf(p.weights) ?? 0], [A.DLV_G, "f32", p.gConduct],
    [A.DLV_DELAY, "i32", p.delays as number], [A.DLV_SLOTS, "i32", p.slots],
  ];
}
