// `npm run measure:explorer` (after `npm run build`): the live explorer's input-to-frame latency in
// headless Chromium (CHROMIUM_PATH or /usr/bin/chromium), on the built demo served cross-origin
// isolated, with the explorer running in the lesson's worker (the default) and on the page's main
// thread (?explore=main), alternately, ROUNDS times each. Two kinds of input per round:
//   - "script": EVENTS input events dispatched on the sliders from the page at random moments,
//     10 to 25 ms apart (a hand moves about once a frame, at no particular phase of it), each slider
//     swept in turn; the latency runs from the event's timeStamp;
//   - "drag": a mouse drag across the tauD slider by playwright (press, EVENTS moves 16 ms apart,
//     release); the latency runs from the pointermove's timeStamp (the browser's).
// The latency of an input event: to the first requestAnimationFrame callback after a run that
// includes its value was drawn (the frame that shows it); events dropped by coalescing count with
// the later run that carried their successor. Printed: median, p95 and max in ms and in frames at
// 60 Hz (16.7 ms), the share within one frame, runs per event, the measured frame interval, and the
// run's parts (request to result, the run itself, the figure's update). The load average before and
// after: timings mean little on a busy machine. Settings: ROUNDS (default 3), EVENTS (default 200).
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";
import { findChromium } from "../dist/src/node.js";
import { serveIsolated } from "./serveIsolated.js";

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const EVENTS = Number(process.env.EVENTS ?? 200);
const FRAME = 1000 / 60;
const root = fileURLToPath(new URL("..", import.meta.url));
const load = () => loadavg().map((v) => v.toFixed(2)).join(" ");
const quantile = (a, q) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const f1 = (v) => v.toFixed(1);

/** Dispatch `n` input events on the sliders, 10 to 25 ms apart, each slider swept back and forth in turn. */
async function scripted(n) {
  const sliders = [...document.querySelectorAll("#sliders input[type=range]")];
  for (let i = 0; i < n; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 15));
    const s = sliders[Math.floor(i / 20) % sliders.length];
    const max = Number(s.max);
    const k = i % 20;
    s.value = String(Math.round((max * (k < 10 ? k : 20 - k)) / 10) % (max + 1));
    s.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

/** The median interval between animation frames over about a second. */
async function frameInterval() {
  const t = [];
  await new Promise((resolve) => {
    const tick = (now) => {
      t.push(now);
      if (t.length < 60) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  const d = t.slice(1).map((v, i) => v - t[i]).sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)];
}

console.log(`load average at the start: ${load()}; ${ROUNDS} rounds, ${EVENTS} events per kind of input`);
const tmp = mkdtempSync(join(tmpdir(), "stp-explorer-"));
/** where -> kind -> samples */
const all = {};
const parts = {};
let frames = [];
try {
  await build({ configFile: join(root, "demo", "vite.config.ts"), logLevel: "warn", build: { outDir: tmp, emptyOutDir: true } });
  const { url, server } = await serveIsolated(tmp);
  const browser = await chromium.launch({ executablePath: findChromium(), args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (const where of ["worker", "main"]) {
        const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
        const page = await context.newPage();
        const errors = [];
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
        await page.goto(`${url}?explore=${where}`);
        await page.waitForFunction("globalThis.stpDemo?.mode && stpDemo.run?.finished && !stpDemo.lessonView.figure?.pending && stpDemo.sweeps.every((s) => s.result) && stpDemo.queue.length === 0", null, { timeout: 120_000 });
        if (!(await page.evaluate("globalThis.crossOriginIsolated"))) throw new Error("the demo page is not cross-origin isolated");
        if ((await page.evaluate("stpDemo.explorer.runner.where")) !== where) throw new Error(`the explorer does not run in the ${where}`);
        // the figure in view, as for a user watching it while dragging
        await page.evaluate("document.getElementById('explore').scrollIntoView()");
        frames.push(await page.evaluate(frameInterval));
        // warm-up: the kernel and the figure's first runs (the main thread's kernel compiles on load)
        await page.evaluate(scripted, 20);
        await page.waitForFunction("stpDemo.explorer.idle");
        for (const kind of ["script", "drag"]) {
          await page.evaluate("(() => { const s = stpDemo.explorer.stats; s.inputs = s.runs = s.drawn = 0; for (const k of ['latencies', 'resultMs', 'runMs', 'drawMs']) s[k].length = 0; })()");
          if (kind === "script") await page.evaluate(scripted, EVENTS);
          else {
            const box = await page.locator("#s-tauD").boundingBox();
            const y = box.y + box.height / 2;
            await page.mouse.move(box.x + 4, y);
            await page.mouse.down();
            for (let i = 1; i <= EVENTS; i++) {
              const k = i % 100;
              const along = (k < 50 ? k : 100 - k) / 50;
              await page.mouse.move(box.x + 4 + along * (box.width - 8), y);
              await page.waitForTimeout(16);
            }
            await page.mouse.up();
          }
          await page.waitForFunction("stpDemo.explorer.idle", null, { timeout: 60_000 });
          const s = await page.evaluate("stpDemo.explorer.stats");
          (all[where] ??= {})[kind] ??= [];
          all[where][kind].push(...s.latencies);
          (parts[where] ??= { resultMs: [], runMs: [], drawMs: [], inputs: 0, runs: 0 });
          for (const k of ["resultMs", "runMs", "drawMs"]) parts[where][k].push(...s[k]);
          parts[where].inputs += s.inputs;
          parts[where].runs += s.runs;
          console.log(`round ${r + 1}, ${where}, ${kind}: ${s.inputs} input events, ${s.runs} runs; latency median ${f1(quantile(s.latencies, 0.5))} ms, ` +
            `p95 ${f1(quantile(s.latencies, 0.95))} ms, max ${f1(Math.max(...s.latencies))} ms`);
        }
        if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join("; ")}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

console.log(`\nframe interval (median of ${frames.length} pages): ${f1(quantile(frames, 0.5))} ms`);
for (const where of ["worker", "main"]) {
  const p = parts[where];
  console.log(`${where}: ${p.runs} runs for ${p.inputs} input events; per run, medians: request to result ${f1(quantile(p.resultMs, 0.5))} ms ` +
    `(the run itself ${f1(quantile(p.runMs, 0.5))} ms), figure update ${f1(quantile(p.drawMs, 0.5))} ms; p95 request to result ${f1(quantile(p.resultMs, 0.95))} ms`);
  for (const kind of ["script", "drag"]) {
    const l = all[where][kind];
    const within = l.filter((v) => v <= FRAME).length / l.length;
    console.log(`  ${kind}: input to frame over ${l.length} events: median ${f1(quantile(l, 0.5))} ms (${(quantile(l, 0.5) / FRAME).toFixed(2)} frames at 60 Hz), ` +
      `p95 ${f1(quantile(l, 0.95))} ms (${(quantile(l, 0.95) / FRAME).toFixed(2)} frames), max ${f1(Math.max(...l))} ms; ${(100 * within).toFixed(0)}% within one frame`);
  }
}
console.log(`load average at the end: ${load()}`);
