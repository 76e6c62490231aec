// Reference of the LIF neuron (docs/MODEL.md, "LIF neuron"): Euler, midpoint or exact propagators
// on tauM dv/dt = (vRest - v) gL + R j, j the synaptic input (or the current with tauSyn > 0) plus
// the direct current (what the host wrote into the current port and conductance channels added),
// while not refractory; then spike, reset, refractory clock, adaptive threshold, floor.
import type { Component } from "../../src/models/model.js";
import { lifPropagators, type LifParams } from "../../src/models/lif.js";
import { f, type ComponentRef } from "./types.js";
import { constantOf, fillInit } from "../../src/core/init.js";

export class LifRef implements ComponentRef {
  input: number[];
  /** The direct current of this step: the current port (the host writes it) and channels add into it. */
  direct: number[];
  spikes: number[];
  private readonly v: number[];
  private readonly rfr: number[];
  private readonly theta: number[];
  private readonly iSyn: number[];
  private readonly prop: ReturnType<typeof lifPropagators>;
  /** The bias current per unit, or null for none. */
  private readonly bias: number[] | null;

  constructor(private readonly c: Component<LifParams>, private readonly K: number, private readonly dt: number, seed: number | string) {
    const total = K * c.n;
    this.input = new Array(total).fill(0);
    this.direct = new Array(total).fill(0);
    this.spikes = new Array(total).fill(0);
    this.v = new Array(total).fill(f(c.params.vRest));
    this.rfr = new Array(total).fill(f(c.params.refractTime));
    this.theta = new Array(total).fill(0);
    this.iSyn = new Array(total).fill(0);
    this.prop = lifPropagators(c.params, dt);
    this.bias = constantOf(c.params.bias) === 0 ? null : Array.from(fillInit(new Float32Array(c.n), c.params.bias, seed, `bias:${c.name}`));
  }

  /** The membrane potential now (a channel reads it before the step). */
  get potential(): readonly number[] {
    return this.v;
  }

  step(): void {
    const L = this.c.params;
    const dt = f(this.dt);
    const invTauM = f(1 / L.tauM);
    const dvdt = (v: number, drive: number) => f(f(f(f(f(L.vRest) - v) * f(L.conductLeak)) + drive) * invTauM);
    const P = this.prop;
    for (let g = 0; g < this.K * this.c.n; g++) {
      const open = this.rfr[g] >= f(L.refractTime);
      const iSyn = this.iSyn[g];
      const base = L.tauSyn > 0 ? iSyn : this.input[g];
      const bias = this.bias ? this.bias[g % this.c.n] : 0;
      // with no channel (no bias) the direct input (the bias) is 0 and the kernel leaves it out: x + 0 = x
      const j = f(f(f(base + this.direct[g]) + bias) * f(L.resistM));
      const drive = open ? j : 0;
      let v = this.v[g];
      if (L.integration === "exact" && L.tauSyn > 0) {
        // the currents constant over the step (direct input, bias) apart, with their own propagator (0 without them: x + 0 = x)
        const sDrive = open ? f(iSyn * f(L.resistM)) : 0;
        const dDrive = open ? f(f(this.direct[g] + bias) * f(L.resistM)) : 0;
        v = f(f(f(f(L.vRest) + f(f(v - f(L.vRest)) * f(P.p22))) + f(sDrive * f(P.p21))) + f(dDrive * f(P.p21Direct)));
      } else if (L.integration === "exact") {
        v = f(f(f(L.vRest) + f(f(v - f(L.vRest)) * f(P.p22))) + f(drive * f(P.p21)));
      } else if (L.integration === "midpoint") {
        const vh = f(v + f(dvdt(v, drive) * f(dt * 0.5)));
        const driveHalf = L.tauSyn > 0 ? (open ? f(f(f(f(iSyn * f(P.synDecayHalf)) + this.direct[g]) + bias) * f(L.resistM)) : 0) : drive;
        v = f(v + f(dvdt(vh, driveHalf) * dt));
      } else v = f(v + f(dvdt(v, drive) * dt));
      if (L.tauSyn > 0) this.iSyn[g] = f(f(iSyn * f(P.synDecay)) + this.input[g]);
      const s = v > f(f(L.thr) + this.theta[g]) ? 1 : 0;
      this.rfr[g] = s ? 0 : f(this.rfr[g] + dt);
      if (s) v = f(L.vReset);
      if (L.tauTheta > 0) this.theta[g] = f(f(this.theta[g] * f(Math.exp(-this.dt / L.tauTheta))) + f(s * f(L.thetaPlus)));
      if (L.vMin !== null) v = Math.max(v, f(L.vMin));
      this.v[g] = v;
      this.spikes[g] = s;
      this.input[g] = 0;
      this.direct[g] = 0;
    }
  }

  values() {
    return { v: this.v.slice(), spikes: this.spikes.slice(), rfr: this.rfr.slice(), theta: this.theta.slice(), isyn: this.iSyn.slice() };
  }
}
