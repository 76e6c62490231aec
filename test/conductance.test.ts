// The conductance target (docs/MODEL.md, "Conductance target") against float64 computations of its
// equations: (a) the same discrete scheme evaluated in float64 (the kernel differs only by float32
// rounding); (b) the continuous equations tauM dv/dt = (vRest - v) gL + R g (eRev - v), with g jumping
// by w at each presynaptic spike and decaying with tauSyn, solved by RK4 at a step of 1 us: the
// kernel's forward-Euler error shrinks in proportion to dt (first order).
import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulation.js";
import type { NetworkOptions } from "../src/network/options.js";
import { timeToStep } from "../src/models/spikeTrain.js";

const TIMES = [5, 7, 20, 21.2, 22.4, 23.6, 60, 61, 62]; // ms, on the grid of dt = 0.2, 0.1, 0.05 (dt = 1 moves 21.2 ... to the next step)
const LIF = { tauM: 20, resistM: 1, vRest: -65, conductLeak: 1, thr: 100, vReset: -65, refractTime: 0, tauTheta: 0 };
const W = 0.8;
const U = 0.5; // tauF = tauD = 0: every spike adds W * U to g
const E_REV = 0;
const TAU_SYN = 5;
const T_END = 100;

function network(dt: number): NetworkOptions & { steps: number } {
  return {
    dt, steps: Math.round(T_END / dt),
    populations: [{ type: "spikeTrain", name: "pre", times: TIMES }, { type: "lif", name: "post", ...LIF }],
    synapses: [{ name: "S", pre: "pre", post: "post", weights: W, resources: U, tauF: 0, tauD: 0, target: "conductance", eRev: E_REV, tauSyn: TAU_SYN }],
    record: [{ name: "post", vars: ["v"] }, { name: "S", vars: ["g"] }],
  };
}

/** The kernel's scheme in float64: per step, I = g (eRev - v); v += dt ((vRest - v) gL + R I) / tauM; g = g e^(-dt/tauSyn) + spike w. */
function discrete64(dt: number): { v: number[]; g: number[] } {
  const steps = Math.round(T_END / dt);
  const spikeSteps = new Set(TIMES.map((t) => timeToStep(t, dt)));
  const decay = Math.exp(-dt / TAU_SYN);
  let v = LIF.vRest;
  let g = 0;
  const out = { v: [] as number[], g: [] as number[] };
  for (let i = 0; i < steps; i++) {
    const current = g * (E_REV - v);
    v = v + (((LIF.vRest - v) * LIF.conductLeak + LIF.resistM * current) / LIF.tauM) * dt;
    g = g * decay + (spikeSteps.has(i) ? W * U : 0);
    out.v.push(v);
    out.g.push(g);
  }
  return out;
}

/** The continuous equations by RK4 at step h, sampled at t = (i + 1) dt. */
function continuous(dt: number, h = 0.001): number[] {
  const steps = Math.round(T_END / dt);
  const jumps = TIMES.map((t) => Math.round(t / h));
  const perSample = Math.round(dt / h);
  const dvdt = (v: number, g: number) => ((LIF.vRest - v) * LIF.conductLeak + LIF.resistM * g * (E_REV - v)) / LIF.tauM;
  let v = LIF.vRest;
  let g = 0;
  const samples: number[] = [];
  for (let n = 0; n < steps * perSample; n++) {
    // g(t + s) = g(t) e^(-s/tauSyn) between jumps
    const gHalf = g * Math.exp(-h / 2 / TAU_SYN);
    const gEnd = g * Math.exp(-h / TAU_SYN);
    const k1 = dvdt(v, g);
    const k2 = dvdt(v + (h / 2) * k1, gHalf);
    const k3 = dvdt(v + (h / 2) * k2, gHalf);
    const k4 = dvdt(v + h * k3, gEnd);
    v += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    g = gEnd;
    if (jumps.includes(n + 1)) g += W * U; // the spike at T acts from T on
    if ((n + 1) % perSample === 0) samples.push(v);
  }
  return samples;
}

describe("conductance target", () => {
  it("equals its scheme in float64 within float32 rounding (v within 1e-4 mV; g within 1e-5 relative: up to 100 float32 decays since a spike, each rounded to 2^-24)", async () => {
    for (const dt of [1, 0.1]) {
      const res = await simulate(network(dt));
      const want = discrete64(dt);
      const v = res.records.post.v.data;
      const g = res.records.S.g.data;
      let maxV = 0;
      for (let i = 0; i < v.length; i++) {
        maxV = Math.max(maxV, Math.abs(v[i] - want.v[i]));
        expect(Math.abs(g[i] - want.g[i]), `g at step ${i}, dt ${dt}`).toBeLessThanOrEqual(1e-5 * Math.max(1e-3, want.g[i]));
      }
      expect(maxV, `dt ${dt}`).toBeLessThan(1e-4);
      // a real response: the conductance depolarises the cell by several mV towards eRev
      expect(Math.max(...want.v) - LIF.vRest).toBeGreaterThan(5);
    }
  });

  it("converges to the continuous equations at first order in dt", async () => {
    const errors: number[] = [];
    for (const dt of [0.2, 0.1, 0.05]) {
      const v = (await simulate(network(dt))).records.post.v.data;
      const exact = continuous(dt);
      errors.push(Math.max(...exact.map((e, i) => Math.abs(v[i] - e))));
    }
    // forward Euler: the error halves with dt (ratios 0.5 up to higher-order terms and float32 noise)
    for (let i = 1; i < errors.length; i++) {
      const ratio = errors[i] / errors[i - 1];
      expect(ratio, `errors ${errors.join(", ")} mV`).toBeGreaterThan(0.4);
      expect(ratio, `errors ${errors.join(", ")} mV`).toBeLessThan(0.6);
    }
    expect(errors[0]).toBeGreaterThan(1e-3); // the comparison has something to measure
  });

  it("acts from the step after the spike: the spike's own step is unchanged, the next one moves", async () => {
    const res = await simulate(network(1));
    const v = res.records.post.v.data;
    const g = res.records.S.g.data;
    const first = 5 - 1; // the step whose t = 5 ms
    expect(v[first]).toBe(LIF.vRest);
    expect(g[first]).toBe(Math.fround(W * U));
    expect(v[first + 1]).toBeGreaterThan(LIF.vRest);
  });

  it("an inhibitory reversal potential pulls v down towards eRev and never past it", async () => {
    const net = network(0.1);
    (net.synapses![0] as { eRev: number }).eRev = -80;
    (net.populations[1] as { vRest: number }).vRest = -60;
    const v = (await simulate(net)).records.post.v.data;
    expect(Math.min(...v)).toBeLessThan(-62);
    expect(Math.min(...v)).toBeGreaterThan(-80);
  });
});
