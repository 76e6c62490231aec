// Reference of the spike-train source: unit j spikes on the steps listed for it, in every trial, and
// (trial t, unit j) also when its spike port holds a value other than 0 (the port is then cleared).
import type { Component } from "../../src/models/model.js";
import type { SpikeTrainParams } from "../../src/models/spikeTrain.js";
import type { ComponentRef } from "./types.js";

export class SpikeTrainRef implements ComponentRef {
  spikes: number[];
  /** The spike port: what the host wrote for this step (K n values, cleared by the step). */
  inject: number[];
  private readonly cursor: number[];
  constructor(private readonly c: Component<SpikeTrainParams>, private readonly K: number) {
    this.spikes = new Array(K * c.n).fill(0);
    this.inject = new Array(K * c.n).fill(0);
    this.cursor = new Array(c.n).fill(0);
  }
  step(step: number): void {
    const { offsets, steps } = this.c.params;
    for (let j = 0; j < this.c.n; j++) {
      let spike = 0;
      const at = offsets[j] + this.cursor[j];
      if (at < offsets[j + 1] && steps[at] === step) {
        spike = 1;
        this.cursor[j]++;
      }
      for (let t = 0; t < this.K; t++) {
        const g = t * this.c.n + j;
        this.spikes[g] = spike || this.inject[g] !== 0 ? 1 : 0;
        this.inject[g] = 0;
      }
    }
  }
  values() {
    return { spikes: this.spikes.slice() };
  }
}
