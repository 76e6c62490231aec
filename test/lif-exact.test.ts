// The LIF's synaptic current (tauSyn) and its integrations against closed forms: one synaptic
// event through a static synapse (tauF = tauD = 0, U = 1: the current jumps by exactly W) onto a
// subthreshold LIF. Truth is src/theory.ts's pspExp (checked against RK4 in theory.test.ts).
// Tolerance for "exact", 5e-5 of the peak: float32 state, and the per-step propagators rounded to
// float32 (relative 2^-24 ~ 6e-8 each) compound over the up to 1500 steps a response lasts here, a
// bound of ~1e-4; measured <= 1.3e-5 of the peak at dt = 0.1 and <= 8e-7 at dt = 1.
import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulation.js";
import { pspExp } from "../src/science/theory.js";

const W = 100; // the current's jump, in input units (pA when R is in GOhm)
const T0 = 10; // ms: the spike's step is the one whose t = 10 ms

interface Neuron { tauM: number; tauSyn: number; resistM: number; conductLeak?: number }

async function response(l: Neuron, integration: "euler" | "midpoint" | "exact", dt: number, durationMs = 150) {
  const res = await simulate({
    steps: Math.round(durationMs / dt), dt,
    populations: [
      { type: "spikeTrain", name: "pre", times: [T0] },
      { type: "lif", name: "post", tauM: l.tauM, resistM: l.resistM, conductLeak: l.conductLeak ?? 1, tauSyn: l.tauSyn, integration, vRest: 0, vReset: 0, thr: 1e6, refractTime: 0, tauTheta: 0 },
    ],
    synapses: [{ name: "W", pre: "pre", post: "post", weights: W, resources: 1, tauF: 0, tauD: 0 }],
    record: [{ name: "post", vars: l.tauSyn > 0 ? ["v", "isyn"] : ["v"] }],
  });
  const t = Array.from({ length: res.steps }, (_, i) => (i + 1) * dt);
  return { t, v: res.records.post.v.data as Float32Array, isyn: res.records.post.isyn?.data as Float32Array | undefined };
}

/** Largest |v - closed form| over the run, and the closed form's peak. */
function worst(t: number[], v: Float32Array, l: Neuron) {
  let err = 0;
  let peak = 0;
  t.forEach((ti, i) => {
    const want = pspExp(ti - T0, W, l);
    peak = Math.max(peak, Math.abs(want));
    err = Math.max(err, Math.abs(v[i] - want));
  });
  return { err, peak };
}

const NEURONS: [string, Neuron][] = [
  ["tauSyn 3 ms, tauM 40 ms", { tauM: 40, tauSyn: 3, resistM: 1 }],
  ["tauSyn = tauM = 20 ms (the limit form)", { tauM: 20, tauSyn: 20, resistM: 1 }],
  ["tauSyn = tauM / gL = 40 ms, gL = 0.5 (the limit form)", { tauM: 20, tauSyn: 40, resistM: 1, conductLeak: 0.5 }],
  ["tauSyn = 20 ms (1 + 1e-7), next to the limit", { tauM: 20, tauSyn: 20 * (1 + 1e-7), resistM: 1 }],
  ["no leak (gL = 0)", { tauM: 20, tauSyn: 5, resistM: 1, conductLeak: 0 }],
];

describe("exact LIF with an exponential synaptic current", () => {
  it.each(NEURONS)("one event: v follows the closed form, %s (5e-5 of the peak)", async (_name, l) => {
    for (const dt of [0.1, 1]) {
      const r = await response(l, "exact", dt);
      const { err, peak } = worst(r.t, r.v, l);
      expect(peak).toBeGreaterThan(1);
      expect(err).toBeLessThan(5e-5 * peak);
    }
  });

  it("the current jumps by W at the end of the spike's step and decays with tauSyn (1e-6 relative)", async () => {
    const l = { tauM: 40, tauSyn: 3, resistM: 1 };
    const r = await response(l, "exact", 0.1);
    const k = Math.round(T0 / 0.1) - 1; // the spike's step
    expect(r.isyn![k - 1]).toBe(0);
    expect(r.v[k]).toBe(0); // v moves from the next step on (iaf_psc_exp's order)
    expect(r.v[k + 1]).toBeGreaterThan(0);
    for (let i = k; i < r.t.length; i += 7) {
      const want = W * Math.exp(-(r.t[i] - T0) / l.tauSyn);
      expect(Math.abs(r.isyn![i] - want)).toBeLessThanOrEqual(1e-6 * W);
    }
  });

  it("a one-step pulse (tauSyn = 0), integrated exactly: v = R j (1 - exp(-dt gL / tauM)) / gL, then exact decay (1e-5 relative)", async () => {
    // the lesson's neuron: tauM 20, R = tauM / dt * 12 at dt = 1, one synaptic event of W = 100 * U = 1 gives j = 100
    const l = { tauM: 20, tauSyn: 0, resistM: 240 };
    const r = await response(l, "exact", 1, 100);
    const k = T0 - 1; // the pulse acts in its own step
    const jump = (240 * W * (1 - Math.exp(-1 / 20)));
    expect(Math.abs(r.v[k] - jump) / jump).toBeLessThan(1e-5);
    for (let i = k; i < r.t.length; i++) {
      const want = jump * Math.exp(-(r.t[i] - T0) / 20);
      expect(Math.abs(r.v[i] - want)).toBeLessThan(1e-5 * jump);
    }
  });
});

describe("Euler and midpoint with a synaptic current converge to the exact response", () => {
  const l = { tauM: 40, tauSyn: 3, resistM: 1 };
  it("Euler at first order, midpoint at second: error ratios between dt = 0.2 and dt = 0.1", async () => {
    const errAt = async (integration: "euler" | "midpoint", dt: number) => {
      const r = await response(l, integration, dt);
      return worst(r.t, r.v, l).err;
    };
    const euler = (await errAt("euler", 0.2)) / (await errAt("euler", 0.1));
    const midpoint = (await errAt("midpoint", 0.2)) / (await errAt("midpoint", 0.1));
    expect(euler).toBeGreaterThan(1.8);
    expect(euler).toBeLessThan(2.2);
    expect(midpoint).toBeGreaterThan(3.6);
    expect(midpoint).toBeLessThan(4.4);
  });
});

describe("the new state across chunks and resets", () => {
  it("exact synapse (three-state, uRest U) and a synaptic current: chunked runs equal one run; reset clears the state", async () => {
    const { Simulation } = await import("../src/simulation.js");
    const network = {
      dt: 0.5, seed: 3, trials: 2,
      populations: [
        { type: "poisson" as const, name: "pre", n: 3, rateHz: 40 },
        { type: "lif" as const, name: "post", n: 2, tauM: 20, tauSyn: 4, integration: "exact" as const, resistM: 30, vRest: -65, thr: -55, vReset: -70 },
      ],
      synapses: [{ name: "W", pre: "pre", post: "post", weights: 1, resources: 0.3, tauF: 300, tauD: 200, tauInact: 5, uRest: "U" as const, integration: "exact" as const }],
      record: [{ name: "W", vars: ["u", "x", "wdyn"] }, { name: "post", vars: ["v", "isyn", "spikes"] }],
    };
    const sim = await Simulation.create(network, { steps: 2000 });
    const whole = sim.run(2000);
    sim.reset();
    const parts = [sim.run(700), sim.run(1), sim.run(1299)];
    for (const [name, v] of [["W", "u"], ["W", "x"], ["W", "wdyn"], ["post", "v"], ["post", "isyn"]] as const) {
      const joined = parts.flatMap((p) => Array.from(p.records[name][v].data));
      expect(joined, `${name} ${v}`).toEqual(Array.from(whole.records[name][v].data));
    }
    expect(Array.from(sim.state("post", "isyn")).some((i) => i !== 0)).toBe(true);
    sim.reset();
    expect(Array.from(sim.state("post", "isyn"))).toEqual([0, 0, 0, 0]);
    expect(Array.from(sim.state("W", "u"))).toEqual(new Array(6).fill(Math.fround(0.3))); // uRest U: u starts at U
    sim.dispose();
  });
});
