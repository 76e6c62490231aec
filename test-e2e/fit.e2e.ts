// The fit page (demo/fit.html) in headless Chromium, built and served by a plain static host: it
// loads the example and fits it in its worker on its own; the numbers (every field of the result)
// equal Node's fitTm on the same CSV, within 1e-12 relative (the kernel gives the same bits on both,
// but Math.exp, Math.log, Math.pow and Math.sin of this Chromium's V8 and of Node 20's differ in the
// last bit for about 10%, 2%, 10% and 3% of arguments: the JavaScript half of the fit, the
// posterior's weights and the draws, carries that); the grid (its rounds, sizes, candidates) is the
// same exactly; clicking "Load the example", opening a file and dropping one fit them too;
// a bad CSV is refused with its line and column; no console error, no request beyond the origin; a
// screenshot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { build } from "vite";
import { parseFitCsv } from "../src/fit/csv.js";
import { fitTm, type FitResult } from "../src/fit/fit.js";
import { launch, openWatched, type WatchedPage } from "./browser.js";
import { serveStatic } from "./staticServer.js";

const configFile = fileURLToPath(new URL("../demo/vite.config.ts", import.meta.url));
const outDir = fileURLToPath(new URL("../test-output/fit-dist", import.meta.url));
const shots = fileURLToPath(new URL("../test-output/e2e", import.meta.url));
const example = readFileSync(new URL("../demo/fit-example.csv", import.meta.url), "utf8");

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let w: WatchedPage;
let node: FitResult;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  await build({ configFile, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  server = await serveStatic(outDir);
  browser = await launch();
  node = await fitTm(parseFitCsv(example), { ranges: { U: [0.01, 0.99], tauF: [1, 5000], tauD: [1, 5000] }, fixed: {} }, { mode: "plain" });
  w = await openWatched(browser, `${server.url}fit.html`);
});

afterAll(async () => {
  await w?.context.close();
  await browser?.close();
  await server?.close();
});

const page = "globalThis.stpFit";

/** Every number of `got` within `rel` (relative) of `want`'s, everything else equal. */
function close(got: unknown, want: unknown, rel: number, path = "result"): void {
  if (typeof want === "number" && typeof got === "number") {
    if (Number.isNaN(want)) expect(got, path).toBeNaN();
    else expect(Math.abs(got - want), path).toBeLessThanOrEqual(rel * Math.max(Math.abs(want), Math.abs(got)));
  } else if (want !== null && typeof want === "object") {
    expect(typeof got, path).toBe("object");
    expect(Object.keys(got as object).sort(), path).toEqual(Object.keys(want).sort());
    for (const k of Object.keys(want)) close((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], rel, `${path}.${k}`);
  } else expect(got, path).toEqual(want);
}
const done = async () => w.page.waitForFunction(`${page}?.phase === "done" || ${page}?.phase === "error"`, null, { timeout: 60_000 });

describe("the fit page", () => {
  it("fits the example on its own, in its worker, to Node's numbers (1e-12)", async () => {
    await done();
    const got = await w.page.evaluate(`({ phase: ${page}.phase, error: ${page}.error, result: ${page}.result, build: ${page}.build, example: ${page}.example })`) as
      { phase: string; error: string | null; result: FitResult; build: string; example: string };
    expect(got.error).toBeNull();
    expect(got.phase).toBe("done");
    expect(got.example).toBe(example);
    expect(got.build).toBe(node.grid.build);
    expect(got.result.grid).toEqual(node.grid);
    close(got.result, node, 1e-12);
    // what the page shows is that result: the table's best fit and intervals
    const cells = await w.page.$$eval("#fit-results tbody tr", (rows) => rows.map((r) => Array.from(r.querySelectorAll("td"), (td) => td.textContent)));
    expect(cells.map((c) => c[0])).toEqual(["U", "tauF (ms)", "tauD (ms)", "A", "sigma"]);
    expect(Number(cells[0][1])).toBeCloseTo(node.U!, 3);
    expect(cells[2][2]).toBe(`[${Number(node.ci95.tauD[0].toPrecision(4))}, ${Number(node.ci95.tauD[1].toPrecision(4))}]`);
    // one panel per sweep and one per free parameter, each a uPlot canvas
    expect(await w.page.locator("#fit-charts canvas").count()).toBe(3 + 5);
    expect(await w.page.textContent("#kernel-status")).toContain("plain-simd WebAssembly build");
  });

  it("fits again on a click of \"Load the example\", to the same numbers", async () => {
    await w.page.evaluate(`${page}.result = null; ${page}.phase = "idle";`);
    await w.page.click("#example");
    await done();
    close(await w.page.evaluate(`${page}.result`), node, 1e-12);
  });

  it("refuses a bad CSV with its line and column, and keeps working", async () => {
    await w.page.fill("#csv", "sweep,t,amplitude\n1,0,10\n1,20,9\n1,10,8\n");
    await w.page.click("#fit");
    await done();
    const text = await w.page.textContent("#fit-error");
    expect(text).toBe("CSV line 4, column 2 (t): 10 ms is not after the previous time of sweep \"1\", 20 ms on line 3; times within a sweep must increase");
    expect(await w.page.isVisible("#fit-error")).toBe(true);
    await w.page.click("#example");
    await done();
    expect(await w.page.evaluate(`${page}.phase`)).toBe("done");
    expect(await w.page.isVisible("#fit-error")).toBe(false);
  });

  it("fits a file opened with the file picker, and a file dropped on the box", async () => {
    const one = "sweep,t,amplitude\n" + example.split("\n").slice(1).filter((l) => l.startsWith("1,")).join("\n") + "\n";
    await w.page.setInputFiles("#file", { name: "sweep1.csv", mimeType: "text/csv", buffer: Buffer.from(one) });
    await w.page.waitForFunction(`${page}.result?.data.sweeps === 1`, null, { timeout: 60_000 });
    expect(await w.page.inputValue("#csv")).toBe(one);
    close(await w.page.evaluate(`${page}.result`), await fitTm(parseFitCsv(one), { ranges: { U: [0.01, 0.99], tauF: [1, 5000], tauD: [1, 5000] }, fixed: {} }, { mode: "plain" }), 1e-12);
    // a drop: a DragEvent carrying the example as a file
    await w.page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([${JSON.stringify(example)}], "example.csv", { type: "text/csv" }));
      document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    })()`);
    await w.page.waitForFunction(`${page}.result?.data.sweeps === 3`, null, { timeout: 60_000 });
    close(await w.page.evaluate(`${page}.result`), node, 1e-12);
  });

  it("shows no console error and requests nothing beyond its origin; screenshot", async () => {
    await w.page.screenshot({ path: `${shots}/fit.png`, fullPage: true });
    expect(w.errors).toEqual([]);
    expect(w.offsite).toEqual([]);
  });
});
