// `stp-wasm sweep` (table and files equal the API's rateSweep) and `--png` where no Chromium can be
// found (a clear message and exit code 1, the HTML still written). Browser-free: PNGs themselves are
// checked by the e2e suite.
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./cli-helper.js";
import { ChromiumMissingError, findChromium } from "../src/present/png.js";
import { rateSweep, sweepTable } from "../src/experiments/sweep.js";


describe("stp-wasm sweep", () => {
  it("protocol rate-sweep is the same command: the same files, byte for byte", async () => {
    const a = mkdtempSync(join(tmpdir(), "stp-sweep-a-"));
    const b = mkdtempSync(join(tmpdir(), "stp-sweep-b-"));
    const args = ["--preset", "stf", "--rates", "5,40", "--trials", "3", "--steps", "2000", "--seed", "7"];
    const r1 = await cli(["sweep", ...args, "--out", a]);
    const r2 = await cli(["protocol", "rate-sweep", ...args, "--out", b]);
    expect([r1.code, r2.code], r1.err + r2.err).toEqual([0, 0]);
    for (const f of ["sweep.csv", "sweep.json", "sweep.html"]) expect(readFileSync(join(b, f), "utf8")).toBe(readFileSync(join(a, f), "utf8"));
    expect(r2.out.replaceAll(b, "DIR")).toBe(r1.out.replaceAll(a, "DIR"));
  });

  it("prints the table and writes sweep.csv, sweep.json and sweep.html with rateSweep's numbers", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-sweep-"));
    const r = await cli(["sweep", "--preset", "std", "--rates", "2,20,50", "--trials", "4", "--steps", "3000", "--seed", "s1", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const api = await rateSweep({ preset: "std", rates: [2, 20, 50], trials: 4, steps: 3000, seed: "s1" });
    const want = sweepTable(api);
    const printed = r.out.split("\n").filter((l) => /^\d/.test(l)).map((l) => l.trim().split(/\s+/));
    expect(printed).toEqual(want.rows);
    expect(readdirSync(out).sort()).toEqual(["sweep.csv", "sweep.html", "sweep.json"]);

    const csv = readFileSync(join(out, "sweep.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("rateHz,trials,preSpikes,postSpikes,transmissionRatio,efficacyPerSpike,transmissionRatioSem,efficacyPerSpikeSem");
    const cells = csv.slice(1).map((l) => l.split(",").map(Number));
    api.rows.forEach((row, i) => {
      expect(cells[i].slice(0, 4)).toEqual([row.rateHz, row.trials, row.preSpikes, row.postSpikes]);
      expect(cells[i][4]).toBeCloseTo(row.transmissionRatio, 8);
      expect(cells[i][5]).toBeCloseTo(row.efficacyPerSpike, 8);
      expect(cells[i][6]).toBeCloseTo(row.transmissionRatioSem, 8);
      expect(cells[i][7]).toBeCloseTo(row.efficacyPerSpikeSem, 8);
    });
    const json = JSON.parse(readFileSync(join(out, "sweep.json"), "utf8"));
    expect(json.rows).toEqual(api.rows);
    expect(json.options).toMatchObject({ preset: "std", rates: [2, 20, 50], trials: 4, steps: 3000, seed: "s1", resources: 0.45 });

    const html = readFileSync(join(out, "sweep.html"), "utf8");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/); // self-contained
    expect(html).toContain("renderXYChart");
    for (const cell of want.rows.flat()) expect(html).toContain(`<td>${cell}</td>`);
  });

  it("refuses bad options with the flag's name (exit code 2)", async () => {
    for (const [args, message] of [
      [["sweep", "--rates", "0,5"], /--rates\[0\] = 0 is not allowed.*> 0/],
      [["sweep", "--rates", "5,x"], /--rates = "5,x".*"x" is not a number/],
      [["sweep", "--rates=2000"], /--rates\[0\] = 2000 is not allowed/],
      [["sweep", "--trials", "0"], /--trials = 0 is not allowed/],
      [["sweep", "--rate", "20"], /unknown option --rate \(did you mean --rates\?\); allowed: --rates, --trials/],
      [["sweep", "--spike-times", "1,2"], /unknown option --spike-times/],
      [["run", "--png=yes"], /--png = "yes" is not allowed.*--png takes no value/],
      [["tutorial", "--png", "--png"], /--png is given twice/],
    ] as const) {
      const r = await cli([...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(message);
    }
  });

  it("--help lists --rates, --trials and --png", async () => {
    const r = await cli(["sweep", "--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--rates", "--trials", "--preset", "--tau-f", "--out", "--png"]) expect(r.out).toContain(flag);
    expect(r.out).not.toContain("--spike-times");
    expect((await cli(["--help"])).out).toMatch(/sweep\s+run the lesson at several input rates/);
  });
});

describe("--png without Chromium", () => {
  it.each([
    [["run", "--steps", "200"], "plot.html"],
    [["sweep", "--rates", "5", "--trials", "1", "--steps", "200"], "sweep.html"],
  ])("%j: says where it looked and how to fix it, exit code 1, the HTML still written", async (args, html) => {
    const out = mkdtempSync(join(tmpdir(), "stp-png-"));
    const r = await cli([...args, "--png", "--out", out], { env: { CHROMIUM_PATH: "/nonexistent/chromium" } });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--png: CHROMIUM_PATH=\/nonexistent\/chromium does not exist; point it at a Chromium executable.*no PNG was/);
    expect(r.err).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(existsSync(join(out, html))).toBe(true);
    expect(readdirSync(out).some((f) => f.endsWith(".png"))).toBe(false);
  });
});

describe("findChromium", () => {
  it("takes CHROMIUM_PATH when it exists, else the first candidate found, else says what to do", () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
    expect(findChromium({}, ["/nonexistent/a", process.execPath])).toBe(process.execPath);
    expect(() => findChromium({}, ["/nonexistent/a", "/nonexistent/b"])).toThrow(ChromiumMissingError);
    expect(() => findChromium({}, ["/nonexistent/a", "/nonexistent/b"]))
      .toThrow("no Chromium found (looked at /nonexistent/a, /nonexistent/b); install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to its executable");
  });
});
