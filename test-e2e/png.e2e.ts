// `--png` in headless Chromium: `tutorial --png` writes the four reports' pictures, `run --png`,
// `sweep --png` and `paper tum2000 --png` one each. renderPngs itself refuses a page that reports an
// error or draws no chart; here the files are checked to be PNGs of the report's full page at twice
// the CSS pixel density (twice the viewport's width; the height of five panels, twice), kept in
// test-output/png for people to look at.
import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { cli } from "../test/cli-helper.js";

const root = fileURLToPath(new URL("../test-output/png", import.meta.url));

/** Width and height from a PNG's IHDR chunk (after checking the signature). */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}


describe("--png", () => {
  it("tutorial --png writes a full-page picture of each of the four reports", async () => {
    const out = join(root, "tutorial");
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const r = await cli(["tutorial", "--png", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const names = ["stf-2hz", "stf-20hz", "std-2hz", "std-20hz"];
    expect(r.out).toContain(`pictures: ${names.map((n) => join(out, `${n}.png`)).join(", ")}`);
    expect(readdirSync(out).filter((f) => f.endsWith(".png")).sort()).toEqual(names.map((n) => `${n}.png`).sort());
    for (const n of names) {
      const { width, height } = pngSize(join(out, `${n}.png`));
      expect(width).toBe(2 * 1136);
      expect(height).toBeGreaterThan(2 * 5 * 116); // five panels of 116 CSS px, plus the rest
    }
  });

  it("run --png and sweep --png write plot.png and sweep.png", async () => {
    const runOut = join(root, "run");
    const sweepOut = join(root, "sweep");
    for (const d of [runOut, sweepOut]) rmSync(d, { recursive: true, force: true });
    const a = await cli(["run", "--preset", "std", "--rate", "20", "--png", "--out", runOut]);
    expect(a.code, a.err).toBe(0);
    expect(pngSize(join(runOut, "plot.png")).width).toBe(2 * 1136);
    const b = await cli(["sweep", "--trials", "5", "--png", "--out", sweepOut]);
    expect(b.code, b.err).toBe(0);
    const size = pngSize(join(sweepOut, "sweep.png"));
    expect(size.width).toBe(2 * 1136);
    expect(size.height).toBeGreaterThan(2 * 340); // the chart, plus the table
  });

  it("paper tum2000 --png pictures the raster and the two panels, the page reporting no error", async () => {
    const out = join(root, "tum2000");
    rmSync(out, { recursive: true, force: true });
    const r = await cli(["paper", "tum2000", "--duration", "2000", "--burn-in", "500", "--png", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const { width, height } = pngSize(join(out, "report.png"));
    expect(width).toBe(2 * 1136);
    expect(height).toBeGreaterThan(2 * (330 + 2 * 230)); // the raster and two panels, plus the tables
  });

    it("merge --png pictures a grid's report: two charts of 6 lines each, the 24-row table", async () => {
    const shards = join(root, "grid-shards");
    const out = join(root, "grid");
    for (const d of [shards, out]) rmSync(d, { recursive: true, force: true });
    const grid = ["--vary", "tau-f=100,300,1000", "--vary", "resources=0.1,0.5", "--rates", "5,20,50,100", "--trials", "3", "--steps", "400"];
    for (const i of [0, 1, 2]) expect((await cli(["sweep", ...grid, "--shard", `${i}/3`, "--out", shards])).code).toBe(0);
    const m = await cli(["merge", "--png", "--out", out, shards]);
    expect(m.code, m.err).toBe(0);
    expect(m.out).toContain(`pictures: ${join(out, "sweep.png")}`);
    const html = readFileSync(join(out, "sweep.html"), "utf8");
    const charts = JSON.parse(/const gridCharts = (\[.*\]);/.exec(html)![1]) as { title: string; series: { label: string }[] }[];
    expect(charts.map((c) => c.title)).toEqual(["post/pre (transmission ratio)", "efficacy u\u00b7x per spike"]);
    for (const c of charts) expect(c.series.map((s) => s.label)).toEqual([100, 300, 1000].flatMap((f) => [`tauF = ${f}, resources = 0.1`, `tauF = ${f}, resources = 0.5`]));
    const size = pngSize(join(out, "sweep.png"));
    expect(size.width).toBe(2 * 1136);
    expect(size.height).toBeGreaterThan(2 * (300 + 24 * 20)); // the charts and their legends, plus 24 rows of table
  });
});
