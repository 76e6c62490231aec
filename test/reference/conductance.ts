// Reference of a conductance target (docs/MODEL.md, "Conductance target"): after the synapses and
// before its LIF, each unit adds g (eRev - v) to the LIF's direct current (v at the start of the
// step), then g = g * f32(exp(-dt / tauSyn)) + the synapses' output of this step.
import type { Component } from "../../src/models/model.js";
import type { ConductanceParams } from "../../src/models/conductance.js";
import type { LifRef } from "./lif.js";
import { f, type ComponentRef } from "./types.js";

export class ConductanceRef implements ComponentRef {
  input: number[];
  private readonly g: number[];
  private readonly decay: number;
  constructor(private readonly c: Component<ConductanceParams>, K: number, dt: number, private readonly lif: LifRef) {
    this.input = new Array(K * c.n).fill(0);
    this.g = new Array(K * c.n).fill(0);
    this.decay = f(Math.exp(-dt / c.params.tauSyn));
  }
  step(): void {
    const eRev = f(this.c.params.eRev);
    const v = this.lif.potential;
    for (let u = 0; u < this.g.length; u++) {
      this.lif.direct[u] = f(this.lif.direct[u] + f(this.g[u] * f(eRev - v[u])));
      this.g[u] = f(f(this.g[u] * this.decay) + this.input[u]);
      this.input[u] = 0;
    }
  }
  values() {
    return { g: this.g.slice() };
  }
}
