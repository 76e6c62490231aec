// Input ports (docs/ABI.md "Ports", docs/MODEL.md): Simulation.inject writes a source's spikes, a
// LIF's current or a conductance-target synapse's conductance for the next step, which the kernel
// reads and clears. (1) The kernel against the references of test/reference/ driven through the
// same ports, tolerance 0, on random networks and on every path of the Poisson source; (2) ports
// that exist but are never written change no recorded value; (3) the values act on the next step
// only, reset() drops them, an injected spike counts once; (4) a constant current through the port
// drives an exact LIF (with or without a synaptic current) to its closed form; a conductance pulse
// decays as g's closed form; (5) bad names and values are refused with the option named, nothing
// written.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Simulation, simulate, joinEvents, type RunResult } from "../src/simulation.js";
import { validateNetwork, type NetworkOptions, type NetworkSpec } from "../src/network/options.js";
import { portOf } from "../src/network/ports.js";
import { StpNonFiniteError, StpOptionError } from "../src/core/errors.js";
import { referenceRun, type PortValues } from "./reference/network.js";
import { expectRecords } from "./expect-records.js";
import { networkArb } from "./arbitraries.js";

const f = Math.fround;

/** A small deterministic generator (mulberry32) for the injection schedules. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The names of `spec` that have a port, with the units per trial of the port's component and its kind. */
function ported(spec: NetworkSpec): { name: string; units: number; kind: string }[] {
  return spec.components.flatMap((c, i) => {
    if (c.model.role === "channel") return [];
    const p = portOf(spec, i);
    return typeof p === "string" ? [] : [{ name: c.name, units: spec.components[p.component ?? i].n, kind: p.kind }];
  });
}

/**
 * A schedule of calls covering `steps` steps: each call injects into a random subset of the ported
 * names (K x units values each), then runs 1 to 3 steps. Returns the calls and, by step, what the
 * reference writes into its ports before that step.
 */
function schedule(spec: NetworkSpec, steps: number, seed: number) {
  const r = rng(seed);
  const names = ported(spec);
  const calls: { values: PortValues; steps: number }[] = [];
  const byStep = new Map<number, PortValues>();
  for (let done = 0; done < steps;) {
    const n = Math.min(steps - done, 1 + Math.floor(r() * 3));
    const values: PortValues = {};
    for (const p of names) {
      if (r() < 0.4) continue;
      values[p.name] = Float32Array.from({ length: spec.trials * p.units }, () =>
        p.kind === "spikes" ? (r() < 0.25 ? 1 : 0) : p.kind === "current" ? f(-0.02 + 0.1 * r()) : f(0.05 * r()));
    }
    calls.push({ values, steps: n });
    byStep.set(done, values);
    done += n;
  }
  return { calls, byStep };
}

/** Concatenate the records of several runs, row by row. */
function concat(spec: NetworkSpec, parts: RunResult[]): RunResult {
  const records: RunResult["records"] = {};
  const events: RunResult["events"] = {};
  for (const r of spec.records) {
    if (r.events) {
      (events[r.name] ??= {})[r.variable] = joinEvents(parts.map((p) => p.events[r.name][r.variable]), r.posts !== null);
      continue;
    }
    const chunks = parts.map((p) => p.records[r.name][r.variable]);
    const data = new (chunks[0].data.constructor as Float32ArrayConstructor)(chunks.reduce((s, c) => s + c.data.length, 0));
    let at = 0;
    for (const c of chunks) {
      data.set(c.data as Float32Array, at);
      at += c.data.length;
    }
    (records[r.name] ??= {})[r.variable] = { ...chunks[0], data, steps: parts.reduce((s, p) => s + p.steps, 0) };
  }
  return { ...parts[0], steps: parts.reduce((s, p) => s + p.steps, 0), records, events };
}

/** The network with `inject: true` on the populations picked by `pick`. */
function withPorts(network: NetworkOptions, pick: (i: number) => boolean): NetworkOptions {
  return { ...network, populations: network.populations.map((p, i) => (pick(i) ? { ...p, inject: true } : p)) };
}

const BUILDS = [["shared-simd", { mode: "shared", simd: true }], ["plain", { mode: "plain", simd: false }]] as const;

describe("ports: kernel versus reference, tolerance 0", () => {
  it.each(BUILDS)("%s: random networks driven through their ports (spikes, currents, conductances) between runs of 1 to 3 steps", async (_name, build) => {
    const injected: Record<string, number> = { spikes: 0, current: 0, conductance: 0, "current into an exact LIF with tauSyn > 0": 0 };
    await fc.assert(fc.asyncProperty(networkArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async ({ network, steps }, seed) => {
      const pick = rng(seed ^ 0x5bd1e995);
      const net = withPorts(network, () => pick() < 0.7);
      const spec = validateNetwork(net, steps);
      const { calls, byStep } = schedule(spec, steps, seed);
      const ref = referenceRun(spec, steps, (step) => byStep.get(step));
      const sim = await Simulation.create(net, { ...build, steps });
      const kinds = new Map(ported(spec).map((p) => [p.name, p.kind]));
      const parts = calls.map((c) => {
        for (const [name, v] of Object.entries(c.values)) {
          sim.inject(name, v);
          injected[kinds.get(name)!]++;
          const lif = spec.components.find((x) => x.name === name)!.params as { integration?: string; tauSyn?: number };
          if (kinds.get(name) === "current" && lif.integration === "exact" && lif.tauSyn! > 0) injected["current into an exact LIF with tauSyn > 0"]++;
        }
        return sim.run(c.steps);
      });
      sim.dispose();
      expectRecords(spec, ref, concat(spec, parts), steps);
    }), { numRuns: 25, seed: 20261201 });
    // every kind of port was used, not just present
    for (const [kind, count] of Object.entries(injected)) expect(count, kind).toBeGreaterThan(100);
  }, 120_000);

  // 203 units x 3 trials: SIMD groups of 32 and 16 units, scalar blocks, a partial last block, and
  // with 2 or 3 threads shares that start inside a block; a port on the source and on the LIF
  it.each([[1, "shared-simd"], [1, "plain"], [2, "shared-simd"], [3, "shared"]] as const)("every Poisson path with a spike port, %d thread(s), %s build", async (threads, build) => {
    const network: NetworkOptions = {
      seed: "ports", trials: 3,
      populations: [
        { type: "poisson", name: "p", n: 203, rateHz: 100, inject: true },
        { type: "lif", name: "l", n: 5, tauM: 20, resistM: 100, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, refractTime: 2, inject: true },
      ],
      synapses: [{ name: "W", pre: "p", post: "l", weights: { dist: "uniform", low: 0, high: 0.02 }, resources: 0.2, tauF: 100, tauD: 200 }],
      record: [{ name: "p", vars: ["spikes"] }, { name: "l", vars: ["v", "spikes"] }, { name: "W", vars: ["u", "x"] }],
    };
    const steps = 30;
    const spec = validateNetwork(network, steps);
    const { calls, byStep } = schedule(spec, steps, 99);
    const ref = referenceRun(spec, steps, (step) => byStep.get(step));
    const sim = await Simulation.create(network, { threads, mode: build.startsWith("shared") ? "shared" : "plain", simd: build.endsWith("simd"), steps });
    const parts = calls.map((c) => {
      for (const [name, v] of Object.entries(c.values)) sim.inject(name, v);
      return sim.run(c.steps);
    });
    sim.dispose();
    const all = concat(spec, parts);
    expectRecords(spec, ref, all, steps);
    // injected spikes beyond the source's own: more than 100 Hz alone gives (0.1 per step and unit,
    // 0.0022 its standard deviation over these 18270 draws)
    const spikes = (all.records.p.spikes.data as Uint8Array).reduce((a, b) => a + b, 0);
    expect(spikes / (steps * 3 * 203)).toBeGreaterThan(0.13);
  });
});

describe("ports that are never written", () => {
  it("change no recorded value (random networks: every population with a port, none written, against none)", async () => {
    await fc.assert(fc.asyncProperty(networkArb, async ({ network, steps }) => {
      // a random network may diverge (an explicit step through a strong conductance): then both stop
      // at the same step, unit and component (StpNonFiniteError), and the records before it compare
      const stop: string[] = [];
      const outcome = (options: Parameters<typeof simulate>[0]) => simulate(options).catch((e: unknown) => {
        if (!(e instanceof StpNonFiniteError)) throw e;
        stop.push(`${e.component} ${e.unit} ${e.trial} ${e.step}`);
        return e.result as Awaited<ReturnType<typeof simulate>>;
      });
      const plain = await outcome({ ...network, steps });
      const ports = await outcome({ ...withPorts(network, () => true), steps });
      expect(stop.length === 0 || (stop.length === 2 && stop[0] === stop[1]), stop.join(" / ")).toBe(true);
      for (const [name, vars] of Object.entries(plain.records)) {
        for (const [variable, tr] of Object.entries(vars)) {
          const other = ports.records[name][variable].data;
          for (let i = 0; i < tr.data.length; i++) if (tr.data[i] !== other[i]) expect(other[i], `${name} ${variable} [${i}]`).toBe(tr.data[i]);
        }
      }
    }), { numRuns: 25, seed: 7 });
  }, 120_000);
});

/** A silent source z0 (a port) -> W -> LIF z1 (a port), two trials, everything recorded. */
function silent(extra: Partial<Record<"lif" | "source", object>> = {}, source: "poisson" | "spikeTrain" = "poisson"): NetworkOptions {
  const z0 = source === "poisson"
    ? { type: "poisson" as const, name: "z0", n: 2, rateHz: 0, inject: true, ...extra.source }
    : { type: "spikeTrain" as const, name: "z0", times: [[3], [50]], inject: true, ...extra.source };
  return {
    trials: 2, seed: 3,
    populations: [z0, { type: "lif", name: "z1", n: 1, tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, refractTime: 0, inject: true, ...extra.lif }],
    synapses: [{ name: "W", pre: "z0", post: "z1", weights: 2.5, resources: 0.15, tauF: 750, tauD: 50 }],
    record: [{ name: "z0", vars: ["spikes"] }, { name: "W", vars: ["u", "x"] }, { name: "z1", vars: ["v", "spikes"] }],
  };
}

describe("what a port does", () => {
  it("an injected spike acts on the next step only; run(n) consumes it in its first step; reset() drops a pending one", async () => {
    const sim = await Simulation.create(silent());
    sim.inject("z0", [1, 0, 0, 1]); // trial 0 unit 0, trial 1 unit 1
    const a = sim.run(5).records;
    expect(Array.from(a.z0.spikes.data)).toEqual([1, 0, 0, 1, ...new Array(16).fill(0)]);
    expect(Array.from(sim.spikeCounts("z0"))).toEqual([1, 0, 0, 1]);
    // the synapse used it: u jumped to U = 0.15 on that row in that step, and nowhere else
    expect(a.W.u.data[0]).toBe(f(0.15));
    expect(a.W.u.data[1]).toBe(0);
    sim.inject("z0", 1); // every unit of every trial
    sim.reset();
    expect(Array.from(sim.run(3).records.z0.spikes.data).every((s) => s === 0)).toBe(true);
    sim.inject("z0", [0, 1]); // unit 1 in both trials
    sim.inject("z0", [1, 0]); // replaces it
    expect(Array.from(sim.run(1).records.z0.spikes.data)).toEqual([1, 0, 1, 0]);
    sim.dispose();
  });

  it("a spike train's own spike and an injected one on the same step make one spike; the train goes on", async () => {
    const sim = await Simulation.create(silent({}, "spikeTrain"));
    sim.run(2);
    sim.inject("z0", [1, 1]); // step 2 (t = 3 ms): unit 0 spikes anyway, unit 1 only through the port
    const r = sim.run(60).records.z0.spikes.data;
    expect(Array.from(r.subarray(0, 4))).toEqual([1, 1, 1, 1]);
    expect(Array.from(sim.spikeCounts("z0"))).toEqual([1, 2, 1, 2]); // unit 0 once; unit 1 injected, then its own spike at 50 ms
    expect(r[47 * 4 + 1]).toBe(1);
    sim.dispose();
  });

  it.each([
    ["euler", 0], ["midpoint", 0], ["exact", 0], ["euler", 5], ["midpoint", 5], ["exact", 5],
  ] as const)("a constant current through the port drives a %s LIF (tauSyn %d) to vRest + R I / gL", async (integration, tauSyn) => {
    const R = 240, I = 0.03, gL = 0.8, steps = 600; // 20 ms x 30: e^-24 of the start is left
    const sim = await Simulation.create(silent({ lif: { integration, tauSyn, thr: 0, conductLeak: gL, resistM: R } }));
    for (let i = 0; i < steps; i++) {
      sim.inject("z1", I);
      sim.run(1);
    }
    const v = sim.state("z1", "v");
    expect(Math.abs(v[0] - (-60 + (R * I) / gL))).toBeLessThan(1e-4);
    expect(v[1]).toBe(v[0]);
    sim.dispose();
    if (integration === "exact") {
      // the exact method follows the closed form from the start: v_n - vRest = (R I / gL)(1 - e^(-gL n dt / tauM))
      const s2 = await Simulation.create(silent({ lif: { integration, tauSyn, thr: 0, conductLeak: gL, resistM: R } }));
      for (let n = 1; n <= 40; n++) {
        s2.inject("z1", I);
        const got = s2.run(1).records.z1.v.data[0];
        // (float32 v near -55 mV: an ulp is 3.8e-6 mV; 40 steps of rounding)
        expect(Math.abs(got - (-60 + ((R * I) / gL) * (1 - Math.exp((-gL * n) / 20)))), `step ${n}`).toBeLessThan(5e-5);
      }
      s2.dispose();
    }
  });

  it("a conductance through a conductance-target synapse's port: g = c at the end of the step, then decays as exp(-dt / tauSyn)", async () => {
    const net = silent();
    net.synapses![0] = { ...net.synapses![0], target: "conductance", eRev: 0, tauSyn: 4 };
    net.record = [{ name: "W", vars: ["g"] }, { name: "z1", vars: ["v"] }];
    const sim = await Simulation.create(net);
    sim.inject("W", [0.0002, 0.0005]); // per trial (one unit); with R = 240 the current g (0 - v) R is 2.9 and 7.2 mV
    const r = sim.run(10).records;
    const decay = f(Math.exp(-1 / 4));
    let g = [f(0.0002), f(0.0005)];
    for (let i = 0; i < 10; i++) {
      expect([r.W.g.data[2 * i], r.W.g.data[2 * i + 1]]).toEqual(g);
      g = g.map((x) => f(x * decay));
    }
    // it acts on v from the next step on, more in trial 1 (0.5 nS) than in trial 0
    expect(r.z1.v.data[0]).toBe(-60);
    expect(r.z1.v.data[2]).toBeGreaterThan(-60);
    expect(r.z1.v.data[3] - -60).toBeGreaterThan(2 * (r.z1.v.data[2] - -60));
    sim.dispose();
  });
});

describe("bad input to inject and to the inject option", () => {
  const cases: [string, (s: Simulation) => void, string, RegExp][] = [
    ["an unknown name", (s) => s.inject("nope", 1), "name", /"nope".*a name with an input port: "z0", "z1"/],
    ["a synapse with a current target", (s) => s.inject("W", 1), "name", /"W" has no input port: a synapse has a port only with target "conductance"/],
    ["a spike of 0.5", (s) => s.inject("z0", [1, 0.5]), "values[1]", /0 \(no spike\) or 1 \(a spike\)/],
    ["a spike given as true", (s) => s.inject("z0", true as unknown as number), "values", /one value, 2 .* or 4/],
    ["three values for 2 units x 2 trials", (s) => s.inject("z0", [1, 0, 1]), "values", /one value, 2 \(one per unit\) or 4 \(trial-major/],
    ["a NaN current", (s) => s.inject("z1", [0, NaN]), "values[1]", /NaN.*finite number/],
    ["an infinite current", (s) => s.inject("z1", Infinity), "values", /Infinity.*finite number/],
  ];
  it.each(cases)("%s: refused with the option named, no port written", async (_what, act, option, message) => {
    const sim = await Simulation.create(silent());
    const err = (() => { try { act(sim); return null; } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(StpOptionError);
    expect((err as StpOptionError).option).toBe(option);
    expect((err as Error).message).toMatch(message);
    const r = sim.run(20).records;
    expect(Array.from(r.z0.spikes.data).every((s) => s === 0)).toBe(true);
    expect(Array.from(r.z1.v.data).every((v) => v === -60)).toBe(true);
    sim.dispose();
  });

  it("a population without inject: true has no port, and says how to get one", async () => {
    const net = silent();
    delete (net.populations[1] as { inject?: boolean }).inject;
    const sim = await Simulation.create(net);
    expect(() => sim.inject("z1", 1)).toThrow(/"z1" has no input port: a current port needs the population option inject: true/);
    sim.dispose();
  });

  it("the option itself: true or false", () => {
    const net = silent({ lif: { inject: "yes" } });
    expect(() => validateNetwork(net)).toThrow(StpOptionError);
    expect(() => validateNetwork(net)).toThrow(/populations\[1\]\.inject = "yes" is not allowed; it must be true or false/);
    expect(() => validateNetwork(silent({ source: { inject: 1 } }))).toThrow(/populations\[0\]\.inject = 1/);
  });

  it("inject on a disposed simulation", async () => {
    const sim = await Simulation.create(silent());
    sim.dispose();
    expect(() => sim.inject("z0", 1)).toThrow(/disposed/);
  });
});
