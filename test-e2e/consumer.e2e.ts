// The package as a stranger gets it (issue 13): `npm pack`, then a fresh folder outside the repo
// with the tarball and Vite installed by npm (from its cache when it can). The README's recipes are
// written there as they stand in README.md (the blocks marked `<!-- recipe: FILE -->`), the Vite
// app is built with the folder's own Vite, and each page runs in Chromium served two ways: cross-origin
// isolated (the shared kernel, two threads) and by a plain host (the plain kernel, one thread).
// Their numbers must equal Node's, computed from the same installed package, to the bit; the Vite
// page must print what the README says it prints. A probe page built from the same package (not a
// recipe) runs random networks with 1, 2 and 3 threads in the page's main thread and in a Web
// Worker: every recorded value equal to Node's single thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import type { Browser } from "playwright-core";
import { simulate } from "../src/simulation.js";
import type { NetworkOptions } from "../src/network/options.js";
import { blockNetwork, networkArb } from "../test/arbitraries.js";
import { ISOLATION_HEADERS } from "../demo/vite.config.js";
import { launch, openWatched, type WatchedPage } from "./browser.js";
import { serveStatic } from "./staticServer.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const viteVersion = JSON.parse(readFileSync(join(repo, "node_modules/vite/package.json"), "utf8")).version as string;

/** The README's recipe files (`<!-- recipe: NAME -->` before a fenced block) and shown outputs. */
function recipes(): { files: Record<string, string>; outputs: Record<string, string> } {
  const readme = readFileSync(join(repo, "README.md"), "utf8");
  const files: Record<string, string> = {};
  const outputs: Record<string, string> = {};
  for (const m of readme.matchAll(/<!-- recipe(-output)?: (\S+) -->\n```[a-z]*\n([\s\S]*?)```\n/g)) {
    (m[1] ? outputs : files)[m[2]] = m[3];
  }
  return { files, outputs };
}

// Not a recipe: a page and a worker that expose the package to the test.
const PROBE_RUN = `
/** Run a network on a fresh simulation; every record and spike count as plain arrays. */
export async function runNetwork(stp, { network, steps, threads }) {
  const sim = await stp.Simulation.create(network, { threads, steps });
  try {
    const r = sim.run(steps);
    const records = {};
    for (const [name, vars] of Object.entries(r.records)) for (const [v, t] of Object.entries(vars)) records[name + "." + v] = Array.from(t.data);
    const counts = {};
    for (const p of network.populations) counts[p.name] = Array.from(sim.spikeCounts(p.name));
    return { build: sim.kernel.build, threads: sim.threads, records, counts };
  } finally {
    sim.dispose();
  }
}
`;
const PROBE_FILES: Record<string, string> = {
  "probe.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>probe</title></head><body><script type="module" src="./probe.js"></script></body></html>\n`,
  "probe-run.js": PROBE_RUN,
  "probe.js": `import * as stp from "stp-wasm";
import { runNetwork } from "./probe-run.js";
globalThis.probe = {
  main: (job) => runNetwork(stp, job),
  worker: (job) => new Promise((resolve, reject) => {
    const w = new Worker(new URL("./probe-worker.js", import.meta.url), { type: "module" });
    w.onmessage = (e) => { w.terminate(); e.data.error ? reject(new Error(e.data.error)) : resolve(e.data); };
    w.onerror = (e) => reject(new Error(e.message));
    w.postMessage(job);
  }),
};
`,
  "probe-worker.js": `import * as stp from "stp-wasm";
import { runNetwork } from "./probe-run.js";
self.onmessage = async (e) => {
  try { self.postMessage(await runNetwork(stp, e.data)); } catch (err) { self.postMessage({ error: String(err && err.stack || err) }); }
};
`,
  "probe.config.js": `export default { build: { outDir: "dist-probe", target: "es2022", rollupOptions: { input: "probe.html" } }, worker: { format: "es" } };\n`,
};

let app: string;
let browser: Browser;
let viteLog = "";
const servers: { url: string; close(): Promise<void> }[] = [];
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(async () => {
  const tmp = mkdtempSync(join(tmpdir(), "stp-consumer-"));
  const packed = JSON.parse(run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], repo))[0].filename as string;
  app = join(tmp, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  // the README's `npm install stp-wasm` and `npm install --save-dev vite`, with the tarball for stp-wasm
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", join(tmp, packed)], app);
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--save-dev", `vite@${viteVersion}`], app);
  for (const [name, text] of Object.entries({ ...recipes().files, ...PROBE_FILES })) writeFileSync(join(app, name), text);
  const vite = join(app, "node_modules/vite/bin/vite.js");
  viteLog = run(process.execPath, [vite, "build"], app) + run(process.execPath, [vite, "build", "--config", "probe.config.js"], app);
  browser = await launch();
}, 170_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  if (app) rmSync(join(app, ".."), { recursive: true, force: true });
});

/**
 * A page's errors, less one console report of a 404: the browser's own request for /favicon.ico
 * (the recipes have no icon), which Playwright does not list among the page's requests; every
 * request it does list must have been found.
 */
function errorsOf(w: WatchedPage): string[] {
  expect(w.missing).toEqual([]);
  const favicon = w.errors.findIndex((e) => /Failed to load resource: .* 404/.test(e));
  return w.errors.filter((_, i) => i !== favicon);
}

async function serve(folder: string, isolated: boolean): Promise<string> {
  const s = await serveStatic(join(app, folder), isolated ? ISOLATION_HEADERS : {});
  servers.push(s);
  return s.url;
}

/** Run JavaScript with Node in the app folder (it imports the installed package). */
function nodeInApp(code: string): string {
  return run(process.execPath, ["--input-type=module", "-e", code], app);
}

describe("the packed package in a fresh app", () => {
  it("installs and builds with Vite with no warning; the bundle holds no Node built-in", () => {
    expect(viteLog).not.toMatch(/externalized for browser compatibility|warn/i);
    const pkg = JSON.parse(readFileSync(join(app, "node_modules/stp-wasm/package.json"), "utf8"));
    const bundle = readFileSync(join(app, "node_modules/stp-wasm", pkg.exports["."].browser), "utf8");
    // no import of anything: one self-contained module (Node's worker_threads appears only inside
    // the worker's source text, which Node evaluates and a page never does)
    expect(bundle.match(/^\s*(import|export)\s.*from\s/gm) ?? []).toEqual([]);
    expect(bundle).not.toMatch(/\bimport\s*\(\s*["']/);
    expect(bundle).not.toMatch(/createRequire/);
  });

  const { files, outputs } = recipes();
  it("the README has the Vite recipe (index.html, main.js, vite.config.js), its output, and the import-map page", () => {
    expect(Object.keys(files).sort()).toEqual(["index.html", "main.js", "page.html", "vite.config.js"]);
    expect(Object.keys(outputs)).toEqual(["index.html"]);
  });

  // what main.js prints, computed by Node from the installed package (the thread count aside)
  const expected = (threads: number) => nodeInApp(`
import { runLesson } from "stp-wasm";
const run = await runLesson({ preset: "std", rateHz: 20, trials: 8 });
const last = run.u.length - 1;
console.log([
  "${threads} thread(s), " + run.options.steps + " steps of " + run.options.dt + " ms, " + run.options.trials + " trials",
  "pre spikes per trial:  " + run.preSpikes.join(" "),
  "post spikes per trial: " + run.postSpikes.join(" "),
  "trial 1 at the end: u = " + run.u[last] + ", x = " + run.x[last] + ", v = " + run.v[last] + " mV",
].join("\\n"));`);

  it.each([[true, 2], [false, 1]])("the Vite app (isolated: %s) runs the lesson on %d thread(s), Node's numbers to the bit", async (isolated, threads) => {
    const w = await openWatched(browser, await serve("dist", isolated));
    await w.page.waitForFunction(() => !document.getElementById("out")!.textContent!.startsWith("running"), null, { timeout: 30_000 });
    const text = await w.page.textContent("#out");
    expect(await w.page.evaluate(() => globalThis.crossOriginIsolated)).toBe(isolated);
    expect(text + "\n").toBe(expected(threads));
    if (isolated) expect(text + "\n").toBe(outputs["index.html"]); // what the README says the page shows
    expect(errorsOf(w)).toEqual([]);
    expect(w.offsite).toEqual([]);
    await w.context.close();
  });

  it("the Vite dev server (`npx vite`, the recipe's headers: isolated) runs it on 2 threads, Node's numbers", async () => {
    const dev = spawn(process.execPath, [join(app, "node_modules/vite/bin/vite.js"), "--host", "127.0.0.1", "--port", "0", "--clearScreen", "false"], { cwd: app, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = "";
        const timer = setTimeout(() => reject(new Error(`the dev server did not start: ${text}`)), 30_000);
        dev.stdout!.on("data", (d: Buffer) => {
          text += d.toString();
          const m = /Local:\s+(http:\/\/\S+)/.exec(text.replace(/\x1b\[[0-9;]*m/g, ""));
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      const w = await openWatched(browser, url);
      await w.page.waitForFunction(() => !document.getElementById("out")!.textContent!.startsWith("running"), null, { timeout: 60_000 });
      expect(await w.page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
      expect((await w.page.textContent("#out")) + "\n").toBe(expected(2));
      expect(errorsOf(w).filter((e) => !/\[vite\]/.test(e))).toEqual([]);
      await w.context.close();
    } finally {
      dev.kill();
    }
  });

  it.each([[true, 2], [false, 1]])("the import-map page without a bundler (isolated: %s) runs on %d thread(s), Node's numbers", async (isolated, threads) => {
    const w = await openWatched(browser, (await serve(".", isolated)) + "page.html");
    await w.page.waitForFunction(() => !document.getElementById("out")!.textContent!.startsWith("running"), null, { timeout: 30_000 });
    const node = nodeInApp(`import { runLesson } from "stp-wasm";
const run = await runLesson({ preset: "std", rateHz: 20, trials: 8 });
console.log("${threads} thread(s): pre spikes " + run.preSpikes.join(" ") + ", post spikes " + run.postSpikes.join(" "));`);
    expect((await w.page.textContent("#out")) + "\n").toBe(node);
    expect(errorsOf(w)).toEqual([]);
    await w.context.close();
  });
});

describe("threads in the page (the packed package, built by Vite)", () => {
  const lesson: NetworkOptions = {
    seed: 231, trials: 3,
    populations: [
      { type: "poisson", name: "z0", n: 1, rateHz: 20 },
      { type: "lif", name: "z1", n: 1, tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, thetaPlus: 0, refractTime: 0 },
    ],
    synapses: [{ name: "W", pre: "z0", post: "z1", weights: 2.5, resources: 0.45, tauF: 50, tauD: 750 }],
    record: [{ name: "W", vars: ["u", "x", "wdyn"] }, { name: "z1", vars: ["v", "spikes"] }],
  };
  // random networks (some with fewer trials than threads: slices and barriers), the lesson with
  // whole trials per thread, and a synapse wide enough for row blocks (8195 rows)
  const jobs: { name: string; network: NetworkOptions; steps: number }[] = [
    ...fc.sample(networkArb, { numRuns: 5, seed: 13 }).map((j, i) => ({ name: `random network ${i}`, ...j })),
    { name: "the lesson, 3 trials", network: lesson, steps: 2000 },
    { name: "8195-row blocks, 1 trial", network: blockNetwork(1, 60), steps: 30 },
  ];

  it.each([true, false])("every job on 1, 2 and 3 threads, in the main thread (2 at most) and in a Web Worker, equals Node on 1 thread (isolated page: %s)", async (isolated) => {
    const w = await openWatched(browser, (await serve("dist-probe", isolated)) + "probe.html");
    await w.page.waitForFunction(() => "probe" in globalThis);
    for (const job of jobs) {
      const r = await simulate({ ...job.network, steps: job.steps });
      const node = {
        records: Object.fromEntries(Object.entries(r.records).flatMap(([n, vars]) => Object.entries(vars).map(([v, t]) => [`${n}.${v}`, Array.from(t.data)]))),
        counts: Object.fromEntries(Object.entries(r.spikeCounts).map(([k, v]) => [k, Array.from(v)])),
      };
      const runs: [string, number][] = isolated ? [["main", 1], ["main", 2], ["worker", 1], ["worker", 2], ["worker", 3]] : [["main", 1], ["worker", 1]];
      for (const [where, threads] of runs) {
        const page = await w.page.evaluate(([where, job]) => (globalThis as unknown as { probe: Record<string, (j: unknown) => Promise<unknown>> }).probe[where](job),
          [where, { network: job.network, steps: job.steps, threads }] as const) as typeof node & { build: string; threads: number };
        expect(page.threads).toBe(threads);
        expect(page.build.startsWith(isolated ? "shared" : "plain"), page.build).toBe(true);
        expect(page.records, `${job.name}, ${where}, ${threads} thread(s)`).toEqual(node.records);
        expect(page.counts, `${job.name}, ${where}, ${threads} thread(s)`).toEqual(node.counts);
      }
    }
    if (!isolated) {
      // no shared memory: threads are refused with the API's message
      const refused = await w.page.evaluate(([job]) => (globalThis as unknown as { probe: Record<string, (j: unknown) => Promise<unknown>> }).probe.main(job).then(() => "ran", (e: Error) => e.message),
        [{ network: lesson, steps: 10, threads: 2 }] as const);
      expect(refused).toMatch(/threads = 2 is not allowed.*shared memory/);
    }
    expect(errorsOf(w)).toEqual([]);
    await w.context.close();
  }, 120_000);
});
