// The kernel in Chromium versus Node (issue 5): random networks are laid out by the API's own
// layout code (src/layout.ts) into a memory image; the page instantiates each raw build from
// build/ with nothing but the WebAssembly API (a cross-origin-isolated page, so the shared builds
// get a shared memory), copies the image in, runs init and run, and returns the memory. Node does
// the same with the same build. The two memories must be equal byte for byte: every state variable,
// spike count and record row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { HEAP_BASE } from "../src/core/memory.js";
import { arrayOf, planLayout, writeLayout } from "../src/network/layout.js";
import * as A from "../assembly/abi.js";
import { validateNetwork } from "../src/network/options.js";
import { networkArb } from "../test/arbitraries.js";
import { ISOLATION_HEADERS } from "../demo/vite.config.js";
import { launch } from "./browser.js";
import { serveStatic } from "./staticServer.js";
import { BUILDS, instantiate, type Build } from "../test/embed/rawNetwork.js";

const root = fileURLToPath(new URL("..", import.meta.url));

interface Job {
  build: Build;
  /** base64 of memory [HEAP_BASE, end) before init. */
  image: string;
  net: number;
  steps: number;
}

/** Runs in the page: the same as runInNode, with fetch and atob / btoa. */
async function runInPage(job: Job): Promise<{ codes: number[]; memory: string }> {
  const bytes = await (await fetch(`/build/stp.${job.build}.wasm`)).arrayBuffer();
  const image = Uint8Array.from(atob(job.image), (ch) => ch.charCodeAt(0));
  const base = 65536;
  const pages = Math.ceil((base + image.length) / 65536);
  const memory = new WebAssembly.Memory(job.build.startsWith("shared") ? { initial: pages, maximum: 65536, shared: true } : { initial: pages });
  const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
  const k = instance.exports as { init(net: number): number; run(net: number, n: number): number };
  new Uint8Array(memory.buffer).set(image, base);
  const codes = [k.init(job.net), k.run(job.net, job.steps)];
  const out = new Uint8Array(memory.buffer, base, image.length);
  let s = "";
  for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
  return { codes, memory: btoa(s) };
}

async function runInNode(job: Job): Promise<{ codes: number[]; memory: string }> {
  const image = Buffer.from(job.image, "base64");
  const k = await instantiate(job.build, Math.ceil((HEAP_BASE + image.length) / 65536));
  new Uint8Array(k.memory.buffer).set(image, HEAP_BASE);
  const codes = [k.fns.init(job.net), k.fns.run(job.net, job.steps)];
  return { codes, memory: Buffer.from(new Uint8Array(k.memory.buffer, HEAP_BASE, image.length)).toString("base64") };
}

/** A random network's memory image, as Simulation.create would write it. */
function jobFor(build: Build, network: Parameters<typeof validateNetwork>[0], steps: number): Job & { lifCounts: [number, number][] } {
  const spec = validateNetwork(network, steps);
  const layout = planLayout(spec, steps);
  const buffer = new ArrayBuffer(layout.end);
  writeLayout(buffer, spec, layout);
  const lifCounts = spec.components.flatMap((c, i): [number, number][] => (c.model.role === "neuron" ? [[arrayOf(layout, i, A.COMP_COUNTS) - HEAP_BASE, spec.trials * c.n]] : []));
  return { build, image: Buffer.from(buffer, HEAP_BASE).toString("base64"), net: layout.net, steps, lifCounts };
}

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let page: Page;

beforeAll(async () => {
  server = await serveStatic(root, ISOLATION_HEADERS);
  browser = await launch();
  page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}test-e2e/kernel.html`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the kernel in Chromium versus Node", () => {
  it("the page is cross-origin isolated and has SIMD: every build can run there", async () => {
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, ...new Array(16).fill(0), 11])))).toBe(true);
  });

  const samples = fc.sample(networkArb, { numRuns: 12, seed: 4242 });

  it.each(BUILDS)("%s: 12 random networks leave the same memory, byte for byte", async (build) => {
    let spiking = 0;
    for (const { network, steps } of samples) {
      const job = jobFor(build, network, steps);
      const [inPage, inNode] = [await page.evaluate(runInPage, job), await runInNode(job)];
      expect(inNode.codes).toEqual([0, 0]);
      expect(inPage.codes).toEqual([0, 0]);
      expect(inPage.memory === inNode.memory, `${build}, a network of ${steps} steps`).toBe(true);
      const after = new DataView(Uint8Array.from(Buffer.from(inNode.memory, "base64")).buffer);
      const counts = job.lifCounts.flatMap(([at, n]) => Array.from({ length: n }, (_, g) => after.getInt32(at + 4 * g, true)));
      if (counts.some((c) => c > 0)) spiking++;
      // and the run did change the memory (the records and the state were written)
      expect(inNode.memory === job.image).toBe(false);
    }
    expect(spiking).toBeGreaterThanOrEqual(6);
  });
});
