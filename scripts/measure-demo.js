// `npm run measure:demo` (after `npm run build`): the demo's two measurements in headless Chromium
// (CHROMIUM_PATH or /usr/bin/chromium), on the built demo served cross-origin isolated:
//   - the large network (dense-10k: 10,000 Poisson inputs onto 1,000 LIF, 10 million STP synapses)
//     run live for SECONDS of network time on 1 and 2 threads, alternately, ROUNDS times: its
//     real-time factor (network time / wall-clock time) and its best second, as the page shows them;
//     beside it the same network in this Node process (one Simulation, warmed up the same way, run
//     on 1 and 2 threads alternately), so that the page's numbers have a reference from the same run;
//   - a 200,000-step lesson run drawn live while typing into a field, ROUNDS times: the longest
//     main-thread task (Chromium's trace), the tasks over 50 ms (PerformanceObserver "longtask"),
//     the slowest input event and the wall-clock time.
// Prints the load average before and after: timings mean little on a busy machine.
// Settings: ROUNDS (default 3), SECONDS (default 10); DEMO=FOLDER measures another checkout's demo
// folder (its vite.config.ts, built with that checkout's node_modules) for a before/after
// comparison: only the 200,000-step run then, since an older demo may have no large network.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";
import { findChromium, Simulation } from "../dist/src/node.js";
import { denseNetwork } from "../dist/src/experiments/dense.js";
import { serveIsolated } from "./serveIsolated.js";

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 10);
const CHUNK = 100; // the demo's chunk (demo/protocol.ts BIG_CHUNK)
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

// ---- Node: the same network, the same warm-up, 1 and 2 threads alternately ----
const node = { 1: [], 2: [] };
if (!lessonOnly) {
  const sim = await Simulation.create(denseNetwork(10_000, 1_000), { threads: 2, chunkSteps: CHUNK });
  try {
    for (let t = 1; t <= 2; t++) for (let done = 0; done < 300; done += CHUNK) sim.run(CHUNK, { threads: t });
    for (let r = 0; r < ROUNDS; r++) {
      for (const threads of [1, 2]) {
        sim.reset();
        const total = SECONDS * 1000;
        const start = performance.now();
        for (let done = 0; done < total; done += CHUNK) sim.run(CHUNK, { threads });
        node[threads].push(total / (performance.now() - start));
      }
    }
  } finally {
    sim.dispose();
  }
}
if (!lessonOnly) console.log(`Node ${process.versions.node}, dense-10k: 1 thread ${node[1].map(f1).join(", ")}x; 2 threads ${node[2].map(f1).join(", ")}x real time`);

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

    for (let r = 0; r < (lessonOnly ? 0 : ROUNDS); r++) {
      for (const threads of [1, 2]) {
        await page.selectOption("#f-big-threads", String(threads));
        await page.fill("#f-big-seconds", String(SECONDS));
        await page.click("#big-run");
        await page.waitForFunction(`stpDemo.big?.finished && stpDemo.big.threads === ${threads}`, null, { timeout: 600_000 });
        const big = await page.evaluate("({ realTime: stpDemo.big.realTime, bestSecond: stpDemo.big.bestSecond, build: stpDemo.big.build, error: stpDemo.big.error, done: stpDemo.big.done })");
        if (big.error || big.done !== SECONDS * 1000) throw new Error(`the large network failed: ${big.error ?? `${big.done} steps`}`);
        page1[threads].push(big.realTime);
        best[threads].push(big.bestSecond);
        console.log(`page, round ${r + 1}, ${threads} thread(s), ${big.build}: ${f1(big.realTime)}x real time (best second ${f1(big.bestSecond)}x)`);
      }
    }

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
  `(best seconds ${f1(median(best[1]))}x, ${f1(median(best[2]))}x); in Node ${f1(median(node[1]))}x and ${f1(median(node[2]))}x; ` +
  `page / Node ${(median(page1[1]) / median(node[1])).toFixed(2)} and ${(median(page1[2]) / median(node[2])).toFixed(2)}; ` +
  `longest main-thread task during a 200,000-step run ${f1(Math.max(...long))} ms (the largest of ${ROUNDS} runs)`);
console.log(`load average at the end: ${load()}`);
