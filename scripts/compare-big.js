// `node scripts/compare-big.js FOLDER...`: the demo's large network (dense-10k) in several built
// demos (`npm run build:demo` folders, e.g. one built from an older checkout), in headless Chromium,
// served cross-origin isolated, one page each in one browser, run in turn ROUNDS times (default 5)
// for SECONDS of network time (default 10) on THREADS threads (default 2): the real-time factor
// and best second of each run, the load average beside it, and the medians. For before/after
// comparisons under the same load (this machine is shared).
import { loadavg } from "node:os";
import { chromium } from "playwright-core";
import { findChromium } from "../dist/src/node.js";
import { serveIsolated } from "./serveIsolated.js";

const folders = process.argv.slice(2);
if (folders.length === 0) throw new Error("usage: node scripts/compare-big.js FOLDER... (built demos)");
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 10);
const THREADS = Number(process.env.THREADS ?? 2);
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const browser = await chromium.launch({ executablePath: findChromium(), args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const pages = [];
try {
  for (const folder of folders) {
    const { url, server } = await serveIsolated(folder);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(url);
    await page.waitForFunction("globalThis.stpDemo?.mode && stpDemo.run?.finished && stpDemo.sweeps.every((s) => s.result) && stpDemo.queue.length === 0", null, { timeout: 120_000 });
    pages.push({ folder, page, server, realTime: [], best: [] });
  }
  console.log(`load average at the start: ${loadavg().map((v) => v.toFixed(2)).join(" ")}; ${ROUNDS} rounds, ${SECONDS} s of network time on ${THREADS} thread(s)`);
  for (let r = 0; r < ROUNDS; r++) {
    for (const p of pages) {
      await p.page.bringToFront();
      await p.page.selectOption("#f-big-threads", String(THREADS));
      await p.page.fill("#f-big-seconds", String(SECONDS));
      await p.page.click("#big-run");
      await p.page.waitForFunction(`stpDemo.big?.finished && stpDemo.big.threads === ${THREADS}`, null, { timeout: 600_000 });
      const big = await p.page.evaluate("({ realTime: stpDemo.big.realTime, best: stpDemo.big.bestSecond, error: stpDemo.big.error, done: stpDemo.big.done })");
      if (big.error || big.done !== SECONDS * 1000) throw new Error(`${p.folder}: the large network failed: ${big.error ?? `${big.done} steps`}`);
      p.realTime.push(big.realTime);
      p.best.push(big.best);
      console.log(`round ${r + 1}, ${p.folder}: ${big.realTime.toFixed(1)}x real time (best second ${big.best.toFixed(1)}x) [load ${loadavg()[0].toFixed(2)}]`);
    }
  }
  for (const p of pages) console.log(`median of ${ROUNDS}, ${p.folder}: ${median(p.realTime).toFixed(1)}x real time (best seconds ${median(p.best).toFixed(1)}x)`);
} finally {
  await browser.close();
  for (const p of pages) p.server.close();
}
