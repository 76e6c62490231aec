// `npm run measure:demo` (after `npm run build`): the demo's two measurements in headless Chromium
// (CHROMIUM_PATH or /usr/bin/chromium), on the built demo served cross-origin isolated:
//   - the large network (dense-10k: 10,000 Poisson inputs onto 1,000 LIF, 10 million STP synapses)
//     run live for SECONDS of network time on 1 and 2 threads, ROUNDS times: its real-time factor
//     (network time / wall-clock time from its first step, as the page shows it) and its best
//     second; each page run is followed by the same run in Node, for a reference taken under the
//     same load: the demo's worker in a worker_thread (the same Simulation, settings, warm-up,
//     chunks and batches: src/experiments/live.ts), the page's main thread left out;
//   - a 200,000-step lesson run drawn live while typing into a field, ROUNDS times: the longest
//     main-thread task (Chromium's trace), the tasks over 50 ms (PerformanceObserver "longtask"),
//     the slowest input event and the wall-clock time.
// Prints the load average before and after, and beside each run: timings mean little on a busy machine.
// Settings: ROUNDS (default 3), SECONDS (default 10); DEMO=FOLDER measures another checkout's demo
// folder (its vite.config.ts, built with that checkout's node_modules) for a before/after
// comparison: only the 200,000-step run then, since an older demo may have no large network.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";
import { Worker } from "node:worker_threads";
import { findChromium } from "../dist/src/node.js";
import { serveIsolated } from "./serveIsolated.js";

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 10);
const root = fileURLToPath(new URL("..", import.meta.url));
const demoRoot = process.env.DEMO ?? join(root, "demo");
const lessonOnly = process.env.DEMO !== undefined;
const load = () => loadavg().map((v) => v.toFixed(2)).join(" ");
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const f1 = (v) => v.toFixed(1);

/** The longest task on the page's main thread and the number of tasks, from a Chromium trace. */
function longestTask(trace) {
  const events = JSON.parse(trace.toString("utf8")).traceEvents ?? [];
  const main = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`);
  const tasks = events.filter((e) => e.ph === "X" && (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && main.includes(`${e.pid}:${e.tid}`));
  return { ms: Math.max(0, ...tasks.map((e) => (e.dur ?? 0) / 1000)), tasks: tasks.length };
}

console.log(`load average at the start: ${load()}; ${ROUNDS} rounds, ${SECONDS} s of network time per large-network run; the demo in ${demoRoot}`);

// ---- Node: the demo's large-network worker (demo/bigWorker.ts) in a worker_thread ----
const NODE_WORKER = `
import { parentPort } from "node:worker_threads";
import { Simulation } from ${JSON.stringify(new URL("../dist/src/simulation.js", import.meta.url).href)};
import { denseNetwork } from ${JSON.stringify(new URL("../dist/src/experiments/dense.js", import.meta.url).href)};
import { DENSE_LIVE, runLive, warmUp } from ${JSON.stringify(new URL("../dist/src/experiments/live.js", import.meta.url).href)};
const sim = await Simulation.create(denseNetwork(10_000, 1_000), { threads: 2, chunkSteps: DENSE_LIVE.chunk });
warmUp(sim, DENSE_LIVE.warmUp, DENSE_LIVE.chunk);
parentPort.postMessage({ ready: true });
parentPort.on("message", ({ threads, steps }) => {
  sim.reset();
  const chunks = [];
  runLive(sim, { steps, chunk: DENSE_LIVE.chunk, threads, population: "z1", batchMs: DENSE_LIVE.batchMs, tuneSpins: DENSE_LIVE.tuneSpins,
    onBatch: (batch) => { chunks.push(...batch); parentPort.postMessage({ batch: batch.length }); } });
  parentPort.postMessage({ chunks });
});
`;
/** The demo's large network in a Node worker_thread: run(threads) resolves to its chunks. */
async function nodeBig() {
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(NODE_WORKER)}`));
  await new Promise((resolve, reject) => { worker.once("message", resolve); worker.once("error", reject); });
  const run = (threads) => new Promise((resolve, reject) => {
    const done = () => { worker.off("message", onMessage); worker.off("error", onError); };
    const onMessage = (m) => { if (m.chunks) { done(); resolve(m.chunks); } };
    const onError = (e) => { done(); reject(e); };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.postMessage({ threads, steps: SECONDS * 1000 });
  });
  return { run, close: () => worker.terminate() };
}

/** The real-time factor of a whole run and of its best second (10 chunks of 100 steps), from its chunks, as demo/bigView.ts computes them. */
function factors(chunks) {
  const last = chunks.at(-1);
  let best = 0;
  for (let i = 9; i < chunks.length; i++) best = Math.max(best, 1000 / (chunks[i].wallMs - (i >= 10 ? chunks[i - 10].wallMs : 0)));
  return { realTime: last.done / last.wallMs, bestSecond: best };
}

/** "0: 12, 10000: 80, 100000: 8" */
const spinShares = (counts) => Object.entries(counts).map(([s, n]) => `${s}: ${n}`).join(", ");

const node = { 1: [], 2: [] };
const nodeBest = { 1: [], 2: [] };

// ---- the page ----
const tmp = mkdtempSync(join(tmpdir(), "stp-measure-"));
const page1 = { 1: [], 2: [] };
const best = { 1: [], 2: [] };
const long = [];
try {
  await build({ configFile: join(demoRoot, "vite.config.ts"), logLevel: "warn", build: { outDir: tmp, emptyOutDir: true } });
  const { url, server } = await serveIsolated(tmp);
  const browser = await chromium.launch({ executablePath: findChromium(), args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(url);
    await page.waitForFunction("globalThis.stpDemo?.mode && stpDemo.run?.finished && !stpDemo.lessonView.figure?.pending && stpDemo.sweeps.every((s) => s.result) && stpDemo.queue.length === 0", null, { timeout: 120_000 });
    if (!(await page.evaluate("globalThis.crossOriginIsolated"))) throw new Error("the demo page is not cross-origin isolated");

    const nodeRuns = lessonOnly ? null : await nodeBig();
    for (let r = 0; r < (lessonOnly ? 0 : ROUNDS); r++) {
      for (const threads of [1, 2]) {
        await page.selectOption("#f-big-threads", String(threads));
        await page.fill("#f-big-seconds", String(SECONDS));
        await page.click("#big-run");
        await page.waitForFunction(`stpDemo.big?.finished && stpDemo.big.threads === ${threads}`, null, { timeout: 600_000 });
        const big = await page.evaluate("({ realTime: stpDemo.big.realTime, bestSecond: stpDemo.big.bestSecond, build: stpDemo.big.build, error: stpDemo.big.error, done: stpDemo.big.done, rate: stpDemo.big.rate, spins: stpDemo.big.spins })");
        if (big.error || big.done !== SECONDS * 1000) throw new Error(`the large network failed: ${big.error ?? `${big.done} steps`}`);
        page1[threads].push(big.realTime);
        best[threads].push(big.bestSecond);
        const pageLoad = load();
        const chunks = await nodeRuns.run(threads);
        const n = factors(chunks);
        node[threads].push(n.realTime);
        nodeBest[threads].push(n.bestSecond);
        // the same spikes in the page and in Node, chunk by chunk
        const spikes = chunks.map((c) => c.spikes);
        const pageSpikes = big.rate.map((hz) => Math.round(hz * 1000 * 0.1));
        if (spikes.some((s, i) => s !== pageSpikes[i])) throw new Error(`the page's spikes per chunk differ from Node's: ${pageSpikes.slice(0, 5)} vs ${spikes.slice(0, 5)}`);
        const nodeSpins = {};
        for (const c of chunks) nodeSpins[c.spins] = (nodeSpins[c.spins] ?? 0) + 1;
        console.log(`round ${r + 1}, ${threads} thread(s): page (${big.build}) ${f1(big.realTime)}x real time (best second ${f1(big.bestSecond)}x) [load ${pageLoad}]; ` +
          `Node ${f1(n.realTime)}x (best second ${f1(n.bestSecond)}x) [load ${load()}]; chunks per barrier spin count: page ${spinShares(big.spins)}, Node ${spinShares(nodeSpins)}`);
      }
    }
    await nodeRuns?.close();

    await page.evaluate(() => {
      globalThis.longTasks = [];
      globalThis.inputs = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.longTasks.push(e.duration); }).observe({ type: "longtask" });
      new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.inputs.push(e.duration); }).observe({ type: "event", durationThreshold: 16 });
    });
    await page.fill("#f-steps", "200000");
    for (let r = 0; r < ROUNDS; r++) {
      await page.evaluate("globalThis.longTasks.length = 0; globalThis.inputs.length = 0");
      const before = await page.evaluate("stpDemo.run.id");
      await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline"] });
      const started = Date.now();
      await page.click("#run");
      await page.focus("#f-seed");
      await page.keyboard.press("End");
      await page.keyboard.type("000", { delay: 60 });
      for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace", { delay: 60 });
      await page.waitForFunction(`stpDemo.run.id > ${before} && stpDemo.run.finished && !stpDemo.lessonView.figure?.pending`, null, { timeout: 120_000 });
      const wallMs = Date.now() - started;
      const longest = longestTask(await browser.stopTracing());
      const seen = await page.evaluate("({ longTasks: globalThis.longTasks, inputs: globalThis.inputs, done: stpDemo.run.done, draws: stpDemo.run.draws?.length ?? '?' })");
      if (seen.done !== 200_000) throw new Error(`the 200,000-step run ended at ${seen.done}`);
      long.push(longest.ms);
      console.log(`page, 200,000-step run ${r + 1}: ${wallMs} ms, ${seen.draws} redraws; longest main-thread task ${f1(longest.ms)} ms of ${longest.tasks} tasks; ` +
        `tasks over 50 ms (longtask): ${seen.longTasks.length}, ${seen.longTasks.reduce((a, b) => a + b, 0).toFixed(0)} ms in all; slowest input event ${Math.max(0, ...seen.inputs).toFixed(0)} ms`);
    }
    if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join("; ")}`);
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (lessonOnly) console.log(`\nsummary: longest main-thread task during a 200,000-step run ${f1(Math.max(...long))} ms (the largest of ${ROUNDS} runs)`);
else console.log(`\nsummary (medians of ${ROUNDS}): dense-10k in the page ${f1(median(page1[1]))}x real time on 1 thread, ${f1(median(page1[2]))}x on 2 ` +
  `(best seconds ${f1(median(best[1]))}x, ${f1(median(best[2]))}x); in Node ${f1(median(node[1]))}x and ${f1(median(node[2]))}x ` +
  `(best seconds ${f1(median(nodeBest[1]))}x, ${f1(median(nodeBest[2]))}x); ` +
  `page / Node ${(median(page1[1]) / median(node[1])).toFixed(2)} and ${(median(page1[2]) / median(node[2])).toFixed(2)}; ` +
  `longest main-thread task during a 200,000-step run ${f1(Math.max(...long))} ms (the largest of ${ROUNDS} runs)`);
console.log(`load average at the end: ${load()}`);
