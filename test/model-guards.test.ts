// Issue 15's cases that belong to the model layer (items 5 and 8, and the parity property), which is
// being rewritten (issue 10, "models as modules"). SKIPPED until that lands: each test below fails
// on today's code (see the note beside it) and is to be turned on with the fix.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Simulation, simulate } from "../src/simulation.js";
import { StpKernelError, StpOptionError } from "../src/core/errors.js";
import { validateNetwork, type NetworkOptions } from "../src/network/options.js";
import { runLesson } from "../src/experiments/lesson.js";
import { networkArb } from "./arbitraries.js";

const lif = { type: "lif" as const, name: "z1", n: 1, tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, refractTime: 0 };
const source = { type: "poisson" as const, name: "z0", n: 1, rateHz: 50 };

/** Every state variable of every recorded column finite, and u, x in [0, 1]. */
function checkState(records: Awaited<ReturnType<typeof simulate>>["records"]): string {
  for (const [name, vars] of Object.entries(records)) {
    for (const [v, t] of Object.entries(vars)) {
      const i = Array.from(t.data).findIndex((x) => !Number.isFinite(x) || ((v === "u" || v === "x") && (x < 0 || x > 1)));
      if (i >= 0) return `${name}.${v}[${i}] = ${t.data[i]}`;
    }
  }
  return "";
}

/** networkArb with time constants at the edges the API accepts (tiny tauSyn, exact or not). */
const edgeNetworkArb = fc.tuple(networkArb, fc.array(fc.constantFrom(0, 1e-9, 1e-4, 5e-4, 1e-3, 1.0001e-3, 0.01, 0.2), { minLength: 2, maxLength: 2 }), fc.boolean())
  .map(([{ network, steps }, tauSyn, exact]) => ({
    steps,
    network: {
      ...network,
      populations: network.populations!.map((p, i) => (p.type === "lif" ? { ...p, tauSyn: tauSyn[i % 2], ...(exact ? { integration: "exact" as const } : {}) } : p)),
    },
  }));

describe.skip("model layer (issue 15 items 5, 8 and parity; on after issue 10 lands)", () => {
  // item 5 — today: accepted by validateNetwork, then the kernel refuses it (StpKernelError code 9)
  it("tauSyn <= 0.001 with exact LIF integration is refused up front, naming tauSyn", async () => {
    for (const tauSyn of [0.001, 0.0005, 1e-9]) {
      const net: NetworkOptions = { populations: [source, { ...lif, tauSyn, integration: "exact" }], synapses: [{ name: "W", pre: "z0", post: "z1" }], record: [] };
      expect(() => validateNetwork(net, 100), String(tauSyn)).toThrow(StpOptionError);
      expect(() => validateNetwork(net, 100)).toThrow(/populations\[1\]\.tauSyn/);
      await expect(simulate({ ...net, steps: 100 })).rejects.not.toBeInstanceOf(StpKernelError);
    }
  });

  // item 8 — today: v = -Infinity, then NaN in 19,985 of 20,000 rows, silently
  it("a weight whose float32 result overflows is refused up front, or the run stops naming the component, unit and step", async () => {
    let err: unknown;
    let run: Awaited<ReturnType<typeof runLesson>> | undefined;
    try { run = await runLesson({ weight: -3.4e38, steps: 20000, rateHz: 20 }); } catch (e) { err = e; }
    if (run) expect(Array.from(run.v).every(Number.isFinite)).toBe(true);
    else expect(String(err)).toMatch(/weight|z1.*unit 0.*step \d+/);
  });

  // item 8 — today: { dist: "gaussian", std: 1e38 } is accepted (draws beyond float32 become +-Infinity) while an explicit 1e39 is refused
  it("gaussian weights whose draws can leave float32's range are refused like explicit values", () => {
    const net = (std: number): NetworkOptions => ({ populations: [source, lif], synapses: [{ name: "W", pre: "z0", post: "z1", weights: { dist: "gaussian", mean: 0, std } }], record: [] });
    expect(() => validateNetwork(net(1e38))).toThrow(/synapses\[0\]\.weights/);
    expect(() => validateNetwork(net(1))).not.toThrow();
  });

  // item 8 — today: exact integration with tauInact >= 1e8 drives x below 0
  it("exact three-state resources with a huge tauInact keep x in [0, 1] (or are refused up front)", async () => {
    const net: NetworkOptions = {
      populations: [{ type: "spikeTrain", name: "z0", times: Array.from({ length: 40 }, (_, i) => (i + 1) * 5) }, lif],
      synapses: [{ name: "W", pre: "z0", post: "z1", weights: 1, resources: 0.5, tauF: 0, tauD: 100, integration: "exact", tauInact: 1e8 }],
      record: [{ name: "W", vars: ["u", "x"] }],
    };
    let result: Awaited<ReturnType<typeof simulate>> | undefined;
    try { result = await simulate({ ...net, steps: 250 }); } catch (e) { expect(e).toBeInstanceOf(StpOptionError); }
    if (result) expect(checkState(result.records)).toBe("");
  });

  // parity — today: the tauSyn case above is one counterexample (found by this property in a few runs)
  it("random options the API accepts, edge values included, never meet a kernel refusal", async () => {
    await fc.assert(fc.asyncProperty(edgeNetworkArb, async ({ network, steps }) => {
      let spec;
      try { spec = validateNetwork(network, steps); } catch { return; } // refused up front: fine
      expect(spec).toBeDefined();
      const sim = await Simulation.create(network, { steps });
      try {
        sim.run(steps);
      } catch (e) {
        expect.fail(`accepted by the API, refused by the kernel: ${String(e)}`);
      } finally {
        sim.dispose();
      }
    }), { numRuns: 200, seed: 15 });
  });
});
