// Dense delivery, the host's half (the kernel's: assembly/delivery/dense.ts): a synapse's weight
// matrix (or constant weight), gain, bias, and the scratch its output sums in, in a fixed order of
// blocks of rows that depends on nPre alone (docs/MODEL.md).
import * as A from "../../assembly/abi.js";
import { constantOf, fillInit, type Init } from "../core/init.js";
import type { ArrayPlan, Component, Field, NetworkContext } from "../models/model.js";

/** What a synapse gives its dense delivery. */
export interface DenseParams {
  weights: Init;
  /** Gain g applied to the output (gConduct). */
  gConduct: number;
  biases: Init | null;
}

/**
 * Blocks of presynaptic rows that a synapse's output sums one by one and then adds in block order.
 * It fixes the order of the additions, so it depends on nPre alone, never on the number of threads:
 * one block (the plain ascending sum) below 8192 rows; else the largest of 2, 4 and 8 that leaves
 * every block at least 4096 rows (few blocks: each block's last rows cost the one-thread path a
 * partial pass). Several threads on one trial then each take whole blocks of rows.
 */
export function rowBlocks(nPre: number): number {
  let blocks = 1;
  while (blocks < 8 && nPre >= 2 * blocks * 4096) blocks *= 2;
  return blocks;
}

/** Rows per half of a synapse's double buffers: K nPre rounded up to 16 (a 64-byte line). */
export function halfLength(rows: number): number {
  return Math.ceil(rows / 16) * 16;
}

/** Scratch slots per trial: one per block when threads share a trial (each sums its own blocks), else two. */
function slotsFor(blocks: number, net: NetworkContext): number {
  return blocks > 1 && net.trials < net.threads ? blocks : Math.min(blocks, 2);
}

/** The dense block's arrays. */
export function denseArrays(c: Component<DenseParams>, net: NetworkContext): ArrayPlan[] {
  const K = net.trials;
  const blocks = rowBlocks(c.n);
  const halves = 8 * halfLength(K * c.n);
  const p = c.params;
  const plans: ArrayPlan[] = [];
  if (constantOf(p.weights) === null) {
    plans.push({ field: A.DLV_W, bytes: 4 * c.n * c.n2, place: "data", fill: (b, ptr) => { fillInit(new Float32Array(b, ptr, c.n * c.n2), p.weights, net.seed, `weights:${c.name}`); } });
  }
  if (p.biases !== null) {
    const biases = p.biases;
    plans.push({ field: A.DLV_BIAS, bytes: 4 * c.n2, place: "data", fill: (b, ptr) => { fillInit(new Float32Array(b, ptr, c.n2), biases, net.seed, `biases:${c.name}`); } });
  }
  plans.push({ field: A.DLV_ACC, bytes: 4 * K * (slotsFor(blocks, net) * c.n2 + blocks), place: "state" });
  plans.push({ field: A.DLV_LIST, bytes: 3 * halves, place: "state" });
  if (c.n === 1 && c.n2 === 1) plans.push(...rowCopyArrays(K * c.n));
  return plans;
}

/** The copies of each row's spike and factors, by step parity (a 1 x 1 dense synapse, one-to-one delivery). */
export function rowCopyArrays(rows: number): ArrayPlan[] {
  return [A.DLV_SPIKED, A.DLV_CA, A.DLV_CB].map((field) => ({ field, bytes: 8 * halfLength(rows), place: "state" as const }));
}

/** The dense block's fields. */
export function denseFields(c: Component<DenseParams>, net: NetworkContext): Field[] {
  const blocks = rowBlocks(c.n);
  return [
    [A.DLV_KIND, "i32", A.DLV_DENSE], [A.DLV_W_CONST, "f32", constantOf(c.params.weights) ?? 0],
    [A.DLV_G, "f32", c.params.gConduct], [A.DLV_BLOCKS, "i32", blocks], [A.DLV_ACC_SLOTS, "i32", slotsFor(blocks, net)],
  ];
}
