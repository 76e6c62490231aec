// A second language on the kernel's memory (issue 14): include/stp_abi.h is generated from
// assembly/abi.ts by `npm run build` (scripts/gen-abi-header.js) and must not drift from it; its
// constants are the module's layout queries; and a stage written in C against it alone
// (test/embed/stage.c), compiled here to wasm32 with clang and lld, shares the kernel's memory:
// it writes a source's spike port and a LIF's current port before every step, calls the kernel's
// `step` itself and reads the spikes after it. Its spike trains and the final state equal the
// TypeScript API's driven with Simulation.inject between 1-step runs, on all four builds.
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { abiHeader } from "../scripts/gen-abi-header.js";
import * as A from "../assembly/abi.js";
import { Kernel } from "../src/runtime/kernel.js";
import { Simulation } from "../src/simulation.js";
import { HEAP_BASE } from "../src/core/memory.js";
import type { NetworkOptions } from "../src/network/options.js";
import { BUILDS, instantiate } from "./embed/rawNetwork.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const header = readFileSync(join(root, "include/stp_abi.h"), "utf8");
/** Where the C stage's own stack lives: above the kernel's static data, below the API's layout (HEAP_BASE). */
const STAGE_BASE = 4096;

describe("include/stp_abi.h", () => {
  it("is what the generator makes of assembly/abi.ts now (rebuild with npm run build when this fails)", () => {
    expect(header).toBe(abiHeader(readFileSync(join(root, "assembly/abi.ts"), "utf8")));
  });

  it("defines every layout query of the module as STP_<NAME> with its value, and nothing else", async () => {
    const k = await instantiate("plain", 1);
    const globals = Object.entries(k.instance.exports).filter(([, e]) => e instanceof WebAssembly.Global).map(([name, e]) => [name, (e as WebAssembly.Global).value as number] as const);
    const defines = new Map([...header.matchAll(/^#define STP_([A-Z0-9_]+) (0x[0-9a-fA-F]+|\d+)/gm)].map((m) => [m[1], Number(m[2])]));
    expect(globals.length).toBeGreaterThan(140);
    for (const [name, value] of globals) expect(defines.get(name), name).toBe(value);
    expect([...defines.keys()].sort()).toEqual(globals.map(([name]) => name).sort());
    expect(defines.get("ABI_VERSION")).toBe(A.ABI_VERSION);
  });
});

/** The C stage compiled for an ordinary or a shared memory, with the compiler's own checks of the header's structs. */
function compileStage(dir: string, shared: boolean): Uint8Array<ArrayBuffer> {
  const out = join(dir, `stage.${shared ? "shared" : "plain"}.wasm`);
  const args = [
    "--target=wasm32", "-nostdlib", "-ffreestanding", "-std=c11", "-O2", "-ffp-contract=off", "-Wall", "-Wextra", "-Werror",
    `-I${join(root, "include")}`, "-Wl,--no-entry", "-Wl,--import-memory", "-Wl,--export=drive", "-Wl,--export=__heap_base",
    `-Wl,--global-base=${STAGE_BASE}`, "-Wl,-z,stack-size=8192",
    ...(shared ? ["-matomics", "-mbulk-memory", "-Wl,--shared-memory", "-Wl,--max-memory=4294967296"] : []),
    "-o", out, join(root, "test/embed/stage.c"),
  ];
  try {
    execFileSync("clang", args, { stdio: "pipe" });
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer; message: string };
    if (err.code === "ENOENT") throw new Error("clang is missing: this test needs Debian's clang and lld (apt-get install -y clang lld; .ci/run installs them)");
    throw new Error(`clang failed: ${err.stderr?.toString() ?? err.message}`);
  }
  return new Uint8Array(readFileSync(out));
}

interface StageExports {
  drive(net: number, steps: number, pre: number, post: number): number;
  __heap_base: WebAssembly.Global;
}

const K = 3, N0 = 4, N1 = 2, STEPS = 1000;
const network: NetworkOptions = {
  seed: 14, trials: K,
  populations: [
    { type: "poisson", name: "z0", n: N0, rateHz: 15, inject: true },
    { type: "lif", name: "z1", n: N1, tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, refractTime: 2, inject: true },
  ],
  synapses: [{ name: "W", pre: "z0", post: "z1", weights: { dist: "uniform", low: 0.3, high: 1.2 }, resources: 0.2, tauF: 300, tauD: 100 }],
  record: [{ name: "z0", vars: ["spikes"] }, { name: "z1", vars: ["spikes", "v"] }],
};

/** stage.c's rule, for the API side: the ports' values before step i, from the LIF spikes of step i - 1 (K N1, or null). */
function ports(i: number, lastPost: ArrayLike<number> | null) {
  const spikes = new Float32Array(K * N0);
  const currents = new Float32Array(K * N1);
  for (let t = 0; t < K; t++) {
    let fired = false;
    for (let k = 0; k < N1; k++) fired ||= i > 0 && lastPost![t * N1 + k] !== 0;
    for (let j = 0; j < N0; j++) spikes[t * N0 + j] = (i + 3 * j + t) % 11 === 0 || (fired && j === i % N0) ? 1 : 0;
    for (let k = 0; k < N1; k++) currents[t * N1 + k] = fired ? Math.fround(-0.01) : Math.fround(Math.fround(0.012) * ((i + k + 2 * t) % 5));
  }
  return { spikes, currents };
}

describe("a C stage in the pipeline", () => {
  const stages: Record<"plain" | "shared", Uint8Array<ArrayBuffer>> = {} as never;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "stp-cstage-"));
    stages.plain = compileStage(dir, false);
    stages.shared = compileStage(dir, true);
  });

  it("is a module of its own: imports the memory and the kernel's step only, and keeps its stack between the kernel's static data and the API's layout", async () => {
    for (const [mode, bytes] of Object.entries(stages)) {
      const module = await WebAssembly.compile(bytes);
      expect(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`).sort(), mode).toEqual(["env.memory:memory", "stp.step:function"]);
      const memory = new WebAssembly.Memory(mode === "shared" ? { initial: 2, maximum: 65536, shared: true } : { initial: 2 });
      const stage = (await WebAssembly.instantiate(module, { env: { memory }, stp: { step: () => 0 } })).exports as unknown as StageExports;
      expect(stage.__heap_base.value).toBeGreaterThan(STAGE_BASE);
      expect(stage.__heap_base.value).toBeLessThanOrEqual(HEAP_BASE);
    }
    expect((await instantiate("plain", 1)).fns.heapBase()).toBeLessThanOrEqual(STAGE_BASE);
  });

  it.each(BUILDS)("%s kernel + C stage: the spike trains of z0 and z1 and the final state equal the API's with inject between 1-step runs", async (build) => {
    const settings = { mode: build.startsWith("shared") ? "shared" as const : "plain" as const, simd: build.endsWith("simd"), steps: STEPS };
    // the C stage drives a network the API laid out, through the kernel instance the API uses
    const kernel = await Kernel.load(settings);
    const sim = await Simulation.create(network, { ...settings, kernel });
    const pre = kernel.bytes;
    const post = pre + STEPS * K * N0;
    kernel.ensure(post + STEPS * K * N1);
    const stage = (await WebAssembly.instantiate(stages[settings.mode], {
      env: { memory: kernel.memory },
      stp: { step: kernel.exports.step },
    })).instance.exports as unknown as StageExports;
    expect(stage.drive(sim.netPtr, STEPS, pre, post)).toBe(A.OK);
    expect(sim.step).toBe(STEPS);
    const cPre = new Uint8Array(kernel.buffer, pre, STEPS * K * N0).slice();
    const cPost = new Uint8Array(kernel.buffer, post, STEPS * K * N1).slice();
    const cState = { v: sim.state("z1", "v"), u: sim.state("W", "u"), x: sim.state("W", "x"), counts: [sim.spikeCounts("z0"), sim.spikeCounts("z1")] };

    // the same through the API alone: inject, then one step
    const api = await Simulation.create(network, settings);
    const apiPre = new Uint8Array(STEPS * K * N0);
    const apiPost = new Uint8Array(STEPS * K * N1);
    let last: Uint8Array | null = null;
    let injectedSpikes = 0;
    let afterSpike = 0;
    for (let i = 0; i < STEPS; i++) {
      const p = ports(i, last);
      injectedSpikes += p.spikes.reduce((a, b) => a + b, 0);
      afterSpike += p.currents.filter((c) => c < 0).length;
      api.inject("z0", p.spikes);
      api.inject("z1", p.currents);
      const r = api.run(1).records;
      apiPre.set(r.z0.spikes.data, i * K * N0);
      apiPost.set(r.z1.spikes.data, i * K * N1);
      last = r.z1.spikes.data as Uint8Array;
    }
    expect(Array.from(cPre)).toEqual(Array.from(apiPre));
    expect(Array.from(cPost)).toEqual(Array.from(apiPost));
    expect(cState).toEqual({ v: api.state("z1", "v"), u: api.state("W", "u"), x: api.state("W", "x"), counts: [api.spikeCounts("z0"), api.spikeCounts("z1")] });
    // the ports mattered: most of z0's spikes were injected (15 Hz alone gives 1.5% per step and unit,
    // about 180 here), and the LIFs fired often enough for the feedback to act
    const preSpikes = apiPre.reduce((a, b) => a + b, 0);
    expect(injectedSpikes).toBeGreaterThan(1000);
    expect(preSpikes).toBeGreaterThan(injectedSpikes);
    expect(apiPost.reduce((a, b) => a + b, 0)).toBeGreaterThan(60);
    expect(afterSpike).toBeGreaterThan(60);
    sim.dispose();
    api.dispose();
  });
});
