// The demo's live explorer in headless Chromium, on the built demo served cross-origin isolated:
// dragging a slider with the mouse, moving one by keyboard or by touch re-runs the whole lesson,
// and the page's traces, counts and each panel's drawn points equal runLesson's in Node for the
// slider's value, to the bit; on the main thread (the default) and in the worker (?explore=worker);
// a burst of input events runs twice (the first and the last value), not once per event; a zoomed
// time range stays while exploring. No timing here: `npm run measure:explorer` measures latency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { build } from "vite";
import { runLesson, type LessonOptions } from "../src/experiments/lesson.js";
import { columnIndices, newColumns, scanColumns } from "../src/present/chart.js";
import { launch, openWatched, pageWidths, PHONE, type WatchedPage } from "./browser.js";
import { serveStatic } from "./staticServer.js";

const configFile = fileURLToPath(new URL("../demo/vite.config.ts", import.meta.url));
const outDir = fileURLToPath(new URL("../test-output/explorer-dist", import.meta.url));
const shots = fileURLToPath(new URL("../test-output/e2e", import.meta.url));
const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp", "Cross-Origin-Resource-Policy": "same-origin" };
const demo = "globalThis.stpDemo";

let browser: Browser;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  await build({ configFile, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  server = await serveStatic(outDir, ISOLATION);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function waitIdle(w: WatchedPage): Promise<void> {
  await w.page.waitForFunction(`${demo}?.mode && ${demo}.run?.finished && !${demo}.lessonView.figure?.pending && ${demo}.sweeps.every((s) => s.result) && ${demo}.queue.length === 0 && ${demo}.explorer.idle`, null, { timeout: 60_000 });
}

/** The page's run: its options, counts, traces and each panel's uPlot data. */
async function pageRun(w: WatchedPage) {
  return await w.page.evaluate(`(() => {
    const r = ${demo}.run;
    return {
      id: r.id, options: r.options, preSpikes: r.preSpikes, postSpikes: r.postSpikes,
      traces: Object.fromEntries(["u", "x", "wdyn", "v", "pre", "post"].map((k) => [k, Array.from(r[k])])),
      charts: ${demo}.lessonView.charts.map((c) => c.data.map((col) => Array.from(col))),
      columns: ${demo}.lessonView.figure.columns,
      ticks: ${demo}.lessonView.figure.drawnSpikes(),
      summary: ["pre-spikes", "post-spikes"].map((id) => document.getElementById(id).textContent),
    };
  })()`) as {
    id: number; options: LessonOptions; preSpikes: number; postSpikes: number; traces: Record<string, number[]>;
    charts: number[][][]; columns: number; ticks: { pre: number[]; post: number[] }; summary: string[];
  };
}

/** The page's run equals runLesson's for the same options: traces to the bit, counts, each panel's drawn points. */
async function expectNodeEqual(page: Awaited<ReturnType<typeof pageRun>>): Promise<void> {
  const node = await runLesson(page.options);
  for (const key of ["u", "x", "wdyn", "v", "pre", "post"] as const) expect(page.traces[key], key).toEqual(Array.from(node[key]));
  expect([page.preSpikes, page.postSpikes]).toEqual([node.preSpikes[0], node.postSpikes[0]]);
  expect(page.summary).toEqual([String(node.preSpikes[0]), String(node.postSpikes[0])]);
  const steps = node.u.length;
  const reduce = (y: ArrayLike<number>, spikes = false) => {
    const c = newColumns(0, steps, page.columns, spikes);
    scanColumns(c, y, steps);
    return columnIndices(c);
  };
  for (const [p, key] of (["u", "x", "wdyn", "v"] as const).entries()) {
    const idx = reduce(node[key]);
    expect(page.charts[p][0], key).toEqual(idx.map((i) => node.t[i]));
    expect(page.charts[p][1], key).toEqual(idx.map((i) => node[key][i]));
  }
  expect(page.ticks).toEqual({ pre: reduce(node.pre, true), post: reduce(node.post, true) });
}

describe.each([["main", ""], ["worker", "?explore=worker"]] as const)("the explorer on the %s thread", (where, query) => {
  let w: WatchedPage;

  beforeAll(async () => {
    w = await openWatched(browser, server.url + query);
    await waitIdle(w);
  });
  afterAll(async () => {
    await w?.context.close();
  });

  it("runs where it says, with six labelled sliders at the form's values", async () => {
    expect(await w.page.evaluate(`${demo}.explorer.runner.where`)).toBe(where);
    const sliders = await w.page.$$eval("#sliders input[type=range]", (els) => els.map((e) => {
      const input = e as HTMLInputElement;
      return { id: input.id, label: input.labels?.[0]?.textContent, text: input.getAttribute("aria-valuetext") };
    }));
    expect(sliders).toEqual([
      { id: "s-resources", label: "U (resources)", text: "0.15" },
      { id: "s-tauF", label: "τf", text: "750 ms" },
      { id: "s-tauD", label: "τd", text: "50 ms" },
      { id: "s-rateHz", label: "rate", text: "20 Hz" },
      { id: "s-weight", label: "W", text: "2.5" },
      { id: "s-tauM", label: "τm", text: "20 ms" },
    ]);
  });

  it("a mouse drag on τd re-runs the lesson: the figure's data change and equal runLesson's for the slider's value", async () => {
    const before = await pageRun(w);
    const runs = await w.page.evaluate(`${demo}.explorer.stats.runs`) as number;
    const box = (await w.page.locator("#s-tauD").boundingBox())!;
    const y = box.y + box.height / 2;
    await w.page.mouse.move(box.x + box.width * 0.2, y);
    await w.page.mouse.down();
    for (let i = 1; i <= 10; i++) await w.page.mouse.move(box.x + box.width * (0.2 + 0.06 * i), y);
    await w.page.mouse.up();
    await waitIdle(w);
    const after = await pageRun(w);
    expect(await w.page.evaluate(`${demo}.explorer.stats.runs`)).toBeGreaterThan(runs + 1); // runs while dragging, not only at the end
    expect(after.id).toBeGreaterThan(before.id);
    const tauD = Number(await w.page.inputValue("#f-tauD"));
    expect(tauD).toBeGreaterThan(500); // 80 % along a log scale from 1 to 5000 ms
    expect(await w.page.getAttribute("#s-tauD", "aria-valuetext")).toBe(`${tauD} ms`);
    expect(after.options).toEqual({ ...before.options, tauD });
    expect(after.charts[1][1]).not.toEqual(before.charts[1][1]); // x moved
    await expectNodeEqual(after);
  });

  it("by keyboard: arrow keys step the rate slider through its values; the run equals runLesson's", async () => {
    await w.page.focus("#s-rateHz");
    await w.page.keyboard.press("ArrowRight");
    await w.page.keyboard.press("ArrowRight");
    await w.page.keyboard.press("ArrowLeft");
    await w.page.keyboard.press("ArrowUp");
    await w.page.keyboard.press("ArrowUp");
    await waitIdle(w);
    expect(await w.page.inputValue("#f-rateHz")).toBe("21.5"); // 20 + 3 steps of 0.5 Hz
    const run = await pageRun(w);
    expect(run.options.rateHz).toBe(21.5);
    await expectNodeEqual(run);
    await w.page.keyboard.press("End");
    await waitIdle(w);
    expect(await w.page.inputValue("#f-rateHz")).toBe("100");
    await expectNodeEqual(await pageRun(w));
  });

  it("a burst of 30 input events in one task runs twice (the first value and the last), and shows the last", async () => {
    const runs = await w.page.evaluate(`${demo}.explorer.stats.runs`) as number;
    await w.page.evaluate(() => {
      const s = document.getElementById("s-weight") as HTMLInputElement;
      for (let i = 1; i <= 30; i++) {
        s.value = String(20 + i * 2);
        s.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    await waitIdle(w);
    expect(await w.page.evaluate(`${demo}.explorer.stats.runs`)).toBe(runs + 2);
    const run = await pageRun(w);
    expect(run.options.weight).toBe(4); // position 80, 0.05 apart
    expect(await w.page.inputValue("#f-weight")).toBe("4");
    await expectNodeEqual(run);
  });

  it("a zoomed time range stays while the sliders move; typing in a field moves its slider", async () => {
    await w.page.evaluate(`${demo}.lessonView.charts[0].setScale("x", { min: 1000, max: 1500 })`);
    await w.page.focus("#s-tauF");
    await w.page.keyboard.press("ArrowLeft");
    await waitIdle(w);
    const scales = await w.page.evaluate(`${demo}.lessonView.charts.map((c) => [c.scales.x.min, c.scales.x.max])`);
    expect(scales).toEqual(Array.from({ length: 5 }, () => [1000, 1500]));
    expect(await w.page.inputValue("#f-tauF")).toBe("700");
    await w.page.dblclick("#charts .u-over");
    await w.page.fill("#f-tauF", "3000");
    expect(await w.page.getAttribute("#s-tauF", "aria-valuetext")).toBe("3000 ms");
    expect(await w.page.evaluate(() => (document.getElementById("f-tauF") as HTMLInputElement).value)).toBe("3000");
    expect(w.errors).toEqual([]);
    expect(w.offsite).toEqual([]);
  });
});

// touch: Chromium's own touch events through the DevTools protocol (Input.dispatchTouchEvent)
describe("the explorer on a phone (390 px, touch)", () => {
  let w: WatchedPage;

  beforeAll(async () => {
    w = await openWatched(browser, server.url, PHONE);
    await waitIdle(w);
  });
  afterAll(async () => {
    await w?.context.close();
  });

  it("fits the width; a touch drag on U re-runs the lesson and equals runLesson's", async () => {
    const size = await pageWidths(w.page);
    expect(size.scroll).toBeLessThanOrEqual(size.client);
    const boxes = await w.page.$$eval("#sliders input[type=range]", (els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, height: r.height })));
    for (const b of boxes) {
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(PHONE.width);
      expect(b.height).toBeGreaterThanOrEqual(24); // a finger's target
    }
    await w.page.locator("#s-resources").scrollIntoViewIfNeeded();
    const box = (await w.page.locator("#s-resources").boundingBox())!;
    const y = box.y + box.height / 2;
    const cdp = await w.context.newCDPSession(w.page);
    const touch = (type: string, x: number) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
    const runs = await w.page.evaluate(`${demo}.explorer.stats.runs`) as number;
    await touch("touchStart", box.x + box.width * 0.15);
    for (let i = 1; i <= 8; i++) await touch("touchMove", box.x + box.width * (0.15 + 0.05 * i));
    await touch("touchEnd", 0);
    await waitIdle(w);
    expect(await w.page.evaluate(`${demo}.explorer.stats.runs`)).toBeGreaterThan(runs);
    const U = Number(await w.page.inputValue("#f-resources"));
    expect(U).toBeGreaterThan(0.4);
    expect(U).toBeLessThan(0.7);
    const run = await pageRun(w);
    expect(run.options.resources).toBe(U);
    await expectNodeEqual(run);
    await w.page.screenshot({ path: `${shots}/explorer-phone.png`, fullPage: true });
    expect(w.errors).toEqual([]);
  });
});
