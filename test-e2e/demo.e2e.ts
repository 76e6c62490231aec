// The demo in headless Chromium, served three ways: the Vite dev server (`npm run demo`) and
// `vite preview`, both cross-origin isolated (shared-memory kernel), and a plain static host
// (no isolation: the plain kernel, said on the page). In each: click STD, set 20 Hz, run; the page's
// numbers and the charts' data equal the Node API's for the same seed and parameters; a rate sweep
// equals rateSweep's; no console error; no request beyond the page's origin; a screenshot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from "vite";
import { runLesson } from "../src/experiments/lesson.js";
import { rateSweep, sweepTable } from "../src/experiments/sweep.js";
import { launch, openWatched, type WatchedPage } from "./browser.js";
import { serveStatic } from "./staticServer.js";

const configFile = fileURLToPath(new URL("../demo/vite.config.ts", import.meta.url));
const outDir = fileURLToPath(new URL("../test-output/demo-dist", import.meta.url));
const shots = fileURLToPath(new URL("../test-output/e2e", import.meta.url));

let browser: Browser;
let dev: ViteDevServer;
let prev: PreviewServer;
let plain: { url: string; close(): Promise<void> };
const urls: Record<string, string> = {};

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  await build({ configFile, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  dev = await createServer({ configFile, logLevel: "warn", server: { port: 0, host: "127.0.0.1", strictPort: false } });
  await dev.listen();
  prev = await preview({ configFile, logLevel: "warn", preview: { port: 0, host: "127.0.0.1" }, build: { outDir } });
  plain = await serveStatic(outDir);
  urls.dev = dev.resolvedUrls!.local[0];
  urls.preview = prev.resolvedUrls!.local[0];
  urls.static = plain.url;
  browser = await launch();
  // the dev server optimises dependencies on its first visit; let that happen before the tests
  const warm = await openWatched(browser, urls.dev);
  await waitIdle(warm);
  await warm.context.close();
});

afterAll(async () => {
  await browser?.close();
  await dev?.close();
  await new Promise<void>((resolve) => (prev ? prev.httpServer.close(() => resolve()) : resolve()));
  await plain?.close();
});

/** The page's state, as main.ts exposes it. */
const demo = "globalThis.stpDemo";

/** Wait until the kernel is loaded and every run and sweep the page started has finished. */
async function waitIdle(w: WatchedPage): Promise<void> {
  await w.page.waitForFunction(`${demo}?.mode && ${demo}.run?.finished && ${demo}.sweeps.every((s) => s.result) && ${demo}.queue.length === 0`, null, { timeout: 60_000 });
}

const LESSON = { preset: "std" as const, rateHz: 20, resources: 0.45, tauF: 50, tauD: 750, weight: 2.5, tauM: 20, rM: 12, steps: 5000, seed: 231, dt: 1 };

describe.each([
  ["dev", "shared", true],
  ["preview", "shared", true],
  ["static", "plain", false],
] as const)("the demo on the %s server", (server, mode, isolated) => {
  let w: WatchedPage;

  beforeAll(async () => {
    w = await openWatched(browser, urls[server]);
    await waitIdle(w);
  });
  afterAll(async () => {
    await w?.context.close();
  });

  it(`loads the ${mode} kernel and says so`, async () => {
    const state = await w.page.evaluate(`({ mode: ${demo}.mode, isolated: ${demo}.isolated, coi: globalThis.crossOriginIsolated })`);
    expect(state).toEqual({ mode, isolated, coi: isolated });
    const status = await w.page.textContent("#kernel-status");
    if (isolated) expect(status).toContain("shared-memory WebAssembly build (this page is cross-origin isolated)");
    else expect(status).toMatch(/plain WebAssembly build\. This page is not cross-origin isolated/);
    expect(await w.page.getAttribute("body", "data-mode")).toBe(mode);
  });

  it("STD, 20 Hz, run: the summary and every chart's data equal runLesson's", async () => {
    const before = await w.page.evaluate(`${demo}.run.id`) as number;
    await w.page.click("#preset-std");
    expect(await w.page.getAttribute("#preset-std", "aria-pressed")).toBe("true");
    await w.page.fill("#f-rateHz", "20");
    await w.page.click("#run");
    await w.page.waitForFunction(`${demo}.run.id > ${before} && ${demo}.run.finished`);
    expect(await w.page.evaluate(`${demo}.run.options`)).toEqual(LESSON);
    // drawn live: once per chunk of 100 steps (50 chunks), each time with the data so far
    expect(await w.page.evaluate(`${demo}.run.draws`)).toEqual(Array.from({ length: 50 }, (_, i) => (i + 1) * 100));

    const node = await runLesson(LESSON);
    const [pre, post] = [node.preSpikes[0], node.postSpikes[0]];
    expect(pre).toBeGreaterThan(50); // a real run, not an empty one
    expect(await w.page.textContent("#pre-spikes")).toBe(String(pre));
    expect(await w.page.textContent("#post-spikes")).toBe(String(post));
    expect(await w.page.textContent("#post-pre")).toBe((post / pre).toFixed(4));

    const charts = await w.page.evaluate(`${demo}.lessonView.charts.map((c) => c.data)`) as (number | null)[][][];
    expect(charts.length).toBe(5);
    const t = Array.from(node.t);
    for (const panel of charts) expect(panel[0]).toEqual(t);
    expect(charts[0][1]).toEqual(Array.from(node.u));
    expect(charts[1][1]).toEqual(Array.from(node.x));
    expect(charts[2][1]).toEqual(Array.from(node.wdyn));
    expect(charts[3][1]).toEqual(Array.from(node.v));
    expect(charts[3][2]).toEqual(t.map(() => -50));
    expect(charts[4][1]).toEqual(Array.from(node.pre, (s) => (s ? 1 : null)));
    expect(charts[4][2]).toEqual(Array.from(node.post, (s) => (s ? 0 : null)));
    // the canvases were drawn at the page's width
    const widths = await w.page.$$eval(".charts canvas", (cs) => cs.map((c) => (c as HTMLCanvasElement).width));
    expect(widths.length).toBeGreaterThanOrEqual(6);
    expect(Math.min(...widths)).toBeGreaterThan(500);
  });

  it("a rate sweep of the form's parameters equals rateSweep's, in the table and in the chart", async () => {
    await w.page.fill("#f-rates", "2, 20, 60");
    await w.page.fill("#f-trials", "5");
    await w.page.click("#sweep-run");
    await w.page.waitForFunction(`${demo}.sweeps.length === 1 && ${demo}.sweeps[0].options.trials === 5 && ${demo}.sweeps[0].result !== null`);
    const { rateHz: _, ...lesson } = LESSON;
    const node = await rateSweep({ ...lesson, rates: [2, 20, 60], trials: 5 });
    const page = await w.page.evaluate(`${demo}.sweeps[0].result`) as typeof node;
    expect(page.rows).toEqual(node.rows);
    expect(page.options).toEqual(node.options);
    const cells = await w.page.$$eval("#sweep-tables table tbody tr", (trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
    expect(cells).toEqual(sweepTable(node).rows);
    const chart = await w.page.evaluate(`${demo}.sweepView.chart.data`) as (number | null)[][];
    expect(chart).toEqual([[2, 20, 60], node.rows.map((r) => r.transmissionRatio), node.rows.map((r) => r.efficacyPerSpike)]);
  });

  it("no console error, no request beyond its own origin; screenshot", async () => {
    await w.page.screenshot({ path: `${shots}/demo-${server}.png`, fullPage: true });
    expect(w.errors).toEqual([]);
    expect(await w.page.evaluate(`${demo}.errors`)).toEqual([]);
    expect(w.offsite).toEqual([]);
  });
});

describe("the demo at phone width, by keyboard, with bad input (static host)", () => {
  let w: WatchedPage;

  beforeAll(async () => {
    w = await openWatched(browser, urls.static, { width: 390, height: 844 });
    await waitIdle(w);
  });
  afterAll(async () => {
    await w?.context.close();
  });

  it("fits a 390 px screen: no sideways scrolling, charts within the width", async () => {
    const size = await w.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(size.scroll).toBeLessThanOrEqual(size.client);
    const widest = await w.page.$$eval(".uplot", (els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(390);
  });

  it("runs by keyboard: Tab to STD, Enter; type a rate, Enter; numbers equal runLesson's", async () => {
    const before = await w.page.evaluate(`${demo}.run.id`) as number;
    await w.page.focus("#preset-stf");
    await w.page.keyboard.press("Tab");
    expect(await w.page.evaluate(() => document.activeElement?.id)).toBe("preset-std");
    await w.page.keyboard.press("Enter");
    await w.page.focus("#f-rateHz");
    await w.page.keyboard.press("Control+A");
    await w.page.keyboard.type("7");
    await w.page.keyboard.press("Enter");
    await w.page.waitForFunction(`${demo}.run.id > ${before} && ${demo}.run.finished`);
    const node = await runLesson({ ...LESSON, rateHz: 7 });
    expect(await w.page.textContent("#pre-spikes")).toBe(String(node.preSpikes[0]));
    expect(await w.page.textContent("#post-spikes")).toBe(String(node.postSpikes[0]));
    await w.page.screenshot({ path: `${shots}/demo-phone.png`, fullPage: true });
  });

  it("refuses a bad rate with the API's message at the field, and starts no run", async () => {
    const before = await w.page.evaluate(`${demo}.run.id`) as number;
    await w.page.fill("#f-rateHz", "2000");
    await w.page.click("#run");
    const error = await w.page.textContent("#form-error");
    expect(error).toMatch(/^rate \(Hz\): rateHz = 2000 is not allowed: .*rateHz <= 1000 at dt = 1 ms$/);
    expect(await w.page.isVisible("#form-error")).toBe(true);
    expect(await w.page.getAttribute("#f-rateHz", "aria-invalid")).toBe("true");
    expect(await w.page.evaluate(() => document.activeElement?.id)).toBe("f-rateHz");
    expect(await w.page.evaluate(`${demo}.run.id`)).toBe(before);
    await w.page.fill("#f-trials", "0");
    await w.page.fill("#f-rateHz", "20");
    await w.page.click("#sweep-run");
    expect(await w.page.textContent("#sweep-error")).toMatch(/^trials per rate: trials = 0 is not allowed/);
    expect(w.errors).toEqual([]);
    expect(w.offsite).toEqual([]);
  });
});
