// Sparse delivery, the host's half (the kernel's: assembly/delivery/sparse.ts): a synapse's
// connections in CSR order (src/network/connect.ts), a weight per connection (or one constant), a
// delay per connection in whole steps (or one), and the ring its output goes through.
import * as A from "../../assembly/abi.js";
import { constantOf, fillInit, type Init } from "../core/init.js";
import type { Connections } from "../network/connect.js";
import type { ArrayPlan, Component, Field, NetworkContext } from "../models/model.js";
import { halfLength } from "./dense.js";

/** What a synapse gives its sparse delivery. */
export interface SparseParams {
  connections: Connections;
  /** Weight per connection: a constant, a distribution, or nnz values in connection order (see connectionValues). */
  weights: Init;
  gConduct: number;
  biases: Init | null;
  /** Delay of each connection in steps, or one for all. */
  delays: Uint16Array | number;
  /** Slots of the ring: 1 + the largest delay. */
  slots: number;
}

/** Connections of a synapse. */
export function nnzOf(p: SparseParams): number {
  return p.connections.rows[p.connections.rows.length - 1];
}

/** Whether the posts fit u16 (nPost <= 65536): 2 bytes per connection instead of 4. */
export function narrowPosts(nPost: number): boolean {
  return nPost <= 65536;
}

/** Whether every delay fits u8 (the ring has at most 256 slots): 1 byte per connection instead of 2. */
export function narrowDelays(slots: number): boolean {
  return slots <= 256;
}

/** The sparse block's arrays; `fillWeights` writes the nnz weights when they vary. */
export function sparseArrays(c: Component, p: SparseParams, net: NetworkContext, fillWeights: (out: Float32Array) => void): ArrayPlan[] {
  const K = net.trials;
  const nnz = nnzOf(p);
  const { rows, posts } = p.connections;
  const narrow = narrowPosts(c.n2);
  const plans: ArrayPlan[] = [
    { field: A.DLV_ROWS, bytes: 4 * rows.length, place: "descriptor", fill: (b, ptr) => new Int32Array(b, ptr, rows.length).set(rows) },
    { field: A.DLV_POSTS, bytes: (narrow ? 2 : 4) * nnz, place: "descriptor", fill: (b, ptr) => (narrow ? new Uint16Array(b, ptr, nnz) : new Int32Array(b, ptr, nnz)).set(posts) },
  ];
  if (typeof p.delays !== "number") {
    const delays = p.delays;
    const narrowD = narrowDelays(p.slots);
    plans.push({ field: A.DLV_DELAYS, bytes: (narrowD ? 1 : 2) * nnz, place: "descriptor", fill: (b, ptr) => (narrowD ? new Uint8Array(b, ptr, nnz) : new Uint16Array(b, ptr, nnz)).set(delays) });
  }
  if (constantOf(p.weights) === null) plans.push({ field: A.DLV_W, bytes: 4 * nnz, place: "data", fill: (b, ptr) => fillWeights(new Float32Array(b, ptr, nnz)) });
  if (p.biases !== null) {
    const biases = p.biases;
    plans.push({ field: A.DLV_BIAS, bytes: 4 * c.n2, place: "data", fill: (b, ptr) => fillBiases(new Float32Array(b, ptr, c.n2), biases, net, c.name) });
  }
  plans.push({ field: A.DLV_RING, bytes: 4 * K * p.slots * c.n2, place: "state" });
  plans.push({ field: A.DLV_LIST, bytes: 24 * halfLength(K * c.n), place: "state" });
  return plans;
}

export function fillBiases(out: Float32Array, biases: Init, net: NetworkContext, name: string): void {
  fillInit(out, biases, net.seed, `biases:${name}`);
}

/** The sparse block's fields (DLV_FA and DLV_FB are the model's arrays: it writes them). */
export function sparseFields(c: Component, p: SparseParams): Field[] {
  return [
    [A.DLV_KIND, "i32", A.DLV_SPARSE], [A.DLV_W_CONST, "f32", constantOf(p.weights) ?? 0], [A.DLV_G, "f32", p.gConduct],
    [A.DLV_WIDTHS, "i32", (narrowPosts(c.n2) ? 0 : A.DLV_WIDE_POSTS) | (narrowDelays(p.slots) ? 0 : A.DLV_WIDE_DELAYS)], [A.DLV_DELAY, "i32", typeof p.delays === "number" ? p.delays : 0],
    [A.DLV_SLOTS, "i32", p.slots],
  ];
}
