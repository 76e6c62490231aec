// `npm run screenshots` (after `npm run build`): pictures of every report and of the demo, 1400 and
// 390 CSS px wide, into docs/images/ (linked from the README). The reports are written by the CLI
// into a temporary folder; the demo is built by Vite and served cross-origin isolated, and the
// large network runs for 3 s before its picture; the fit page is pictured with its example fitted. Headless Chromium as for --png (CHROMIUM_PATH or
// /usr/bin/chromium), one device pixel per CSS pixel (small files). ONLY=name,... remakes only those
// pictures (the names of REPORTS below; "demo" or "fit-page" for the demo's pages).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";
import { cli, findChromium } from "../dist/src/node.js";
import { serveIsolated } from "./serveIsolated.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "docs", "images");
const tmp = mkdtempSync(join(tmpdir(), "stp-shots-"));
const WIDTHS = [1400, 390];
const io = { out: () => {}, err: (t) => process.stderr.write(t) };

/** name -> the CLI's arguments and the report it writes. */
const REPORTS = {
  "lesson-stf-20hz": [["tutorial", "--out", join(tmp, "tutorial")], join(tmp, "tutorial", "stf-20hz.html")],
  "lesson-std-20hz": [null, join(tmp, "tutorial", "std-20hz.html")],
  "run-50-trials": [["run", "--preset", "stf", "--rate", "20", "--trials", "50", "--out", join(tmp, "run")], join(tmp, "run", "plot.html")],
  sweep: [["sweep", "--out", join(tmp, "sweep")], join(tmp, "sweep", "sweep.html")],
  "sweep-grid": [["sweep", "--vary", "tau-f=100,300,1000", "--vary", "resources=0.1,0.5", "--out", join(tmp, "grid")], join(tmp, "grid", "sweep.html")],
  "paired-pulse": [["protocol", "paired-pulse", "--preset", "std", "--out", join(tmp, "protocols")], join(tmp, "protocols", "paired-pulse.html")],
  "train-recovery": [["protocol", "train-recovery", "--out", join(tmp, "protocols")], join(tmp, "protocols", "train-recovery.html")],
  tsodyks1998: [["protocol", "tsodyks1998", "--out", join(tmp, "protocols")], join(tmp, "protocols", "tsodyks1998.html")],
  fit: [["fit", join(root, "demo", "fit-example.csv"), "--out", join(tmp, "fit")], join(tmp, "fit", "fit.html")],
  "paper-tum2000": [["paper", "tum2000", "--out", join(tmp, "tum2000")], join(tmp, "tum2000", "report.html")],
  "paper-mongillo2008": [["paper", "mongillo2008", "--out", join(tmp, "mongillo2008")], join(tmp, "mongillo2008", "report.html")],
};
// ONLY=name,... pictures only those reports (names as above; "demo" and "fit-page" for the pages)
const only = process.env.ONLY ? new Set(process.env.ONLY.split(",")) : null;
if (only) for (const name of Object.keys(REPORTS)) if (!only.has(name)) delete REPORTS[name];
const pages = !only || only.has("demo") || only.has("fit-page");

try {
  mkdirSync(out, { recursive: true });
  for (const [args] of Object.values(REPORTS)) {
    if (args && (await cli(args, io)) !== 0) throw new Error(`stp-wasm ${args.join(" ")} failed`);
  }
  const demoDist = join(tmp, "demo");
  if (pages) await build({ configFile: join(root, "demo", "vite.config.ts"), logLevel: "warn", build: { outDir: demoDist, emptyOutDir: true } });
  const { url, server } = pages ? await serveIsolated(demoDist) : { url: "", server: { close() {} } };
  const browser = await chromium.launch({ executablePath: findChromium(), args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      for (const [name, [, html]] of Object.entries(REPORTS)) {
        await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
        await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
      }
      if (!pages) {
        if (errors.length > 0) throw new Error(`pages reported errors: ${errors.join("; ")}`);
        await page.close();
        console.log(`wrote ${Object.keys(REPORTS).length} pictures ${width} px wide`);
        continue;
      }
      await page.goto(url);
      await page.waitForFunction("globalThis.stpDemo?.mode && stpDemo.run?.finished && !stpDemo.lessonView.figure?.pending && stpDemo.sweeps.every((s) => s.result)", null, { timeout: 120_000 });
      await page.fill("#f-big-seconds", "3");
      await page.click("#big-run");
      await page.waitForFunction("stpDemo.big?.finished", null, { timeout: 120_000 });
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(out, `demo-${width}.png`), fullPage: true });
      // the fit page with its example fitted
      await page.goto(url + "fit.html");
      await page.waitForFunction("globalThis.stpFit?.mode", null, { timeout: 60_000 });
      await page.click("#example");
      await page.waitForFunction("stpFit.phase === 'done'", null, { timeout: 120_000 });
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(out, `fit-page-${width}.png`), fullPage: true });
      if (errors.length > 0) throw new Error(`pages reported errors: ${errors.join("; ")}`);
      await page.close();
      console.log(`wrote ${Object.keys(REPORTS).length + 2} pictures ${width} px wide`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`into ${out}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
