// Reference of the Poisson source (docs/MODEL.md, "Poisson source"): unit g = trial * n + j spikes
// when uniform(word g & 3 of Philox(step, g >> 2, stream, 0; key)) < f32(inputs) * f32(rateHz dt / 1000),
// or when its spike port holds a value other than 0 (the port is then cleared).
import type { Component } from "../../src/models/model.js";
import type { PoissonParams } from "../../src/models/poisson.js";
import { philoxRef, uniformRef } from "../philox.js";
import { f, type ComponentRef } from "./types.js";

export class PoissonRef implements ComponentRef {
  spikes: number[];
  /** The spike port: what the host wrote for this step (K n values, cleared by the step). */
  inject: number[];
  private readonly p: number;
  constructor(private readonly c: Component<PoissonParams>, private readonly K: number, dt: number, private readonly key: [number, number]) {
    this.spikes = new Array(K * c.n).fill(0);
    this.inject = new Array(K * c.n).fill(0);
    this.p = f(c.params.rateHz * dt / 1000);
  }
  step(step: number): void {
    const { inputs, stream } = this.c.params;
    for (let g = 0; g < this.K * this.c.n; g++) {
      const word = philoxRef([step, g >>> 2, stream, 0], this.key)[g & 3];
      const intensity = f(typeof inputs === "number" ? inputs : inputs[g % this.c.n]);
      this.spikes[g] = uniformRef(word) < f(intensity * this.p) || this.inject[g] !== 0 ? 1 : 0;
      this.inject[g] = 0;
    }
  }
  values() {
    return { spikes: this.spikes.slice() };
  }
}
