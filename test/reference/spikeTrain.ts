// Reference of the spike-train source: unit j spikes on the steps listed for it, in every trial.
import type { Component } from "../../src/models/model.js";
import type { SpikeTrainParams } from "../../src/models/spikeTrain.js";
import type { ComponentRef } from "./types.js";

export class SpikeTrainRef implements ComponentRef {
  spikes: number[];
  private readonly cursor: number[];
  constructor(private readonly c: Component<SpikeTrainParams>, private readonly K: number) {
    this.spikes = new Array(K * c.n).fill(0);
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
      for (let t = 0; t < this.K; t++) this.spikes[t * this.c.n + j] = spike;
    }
  }
  values() {
    return { spikes: this.spikes.slice() };
  }
}
