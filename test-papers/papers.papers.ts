// The recurrent classics, at length: tum2000 against Brian2 (the same network, bench/brian2_tum2000.py)
// over 10 seeds each, and `stp-wasm paper mongillo2008`'s reactivation of the cued population.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/main.js";
import { compareTum2000, comparisonTable } from "../bench/tum2000Compare.js";

describe("tum2000 side by side with Brian2", () => {
  it("bursts per second and the mean E and I rates agree over 10 seeds each (Welch's t-test, 99 %)", async () => {
    const c = await compareTum2000(10);
    console.log(comparisonTable(c));
    expect(c.ours.length).toBe(10);
    expect(c.brian2.length).toBe(10);
    for (const [name, t] of Object.entries(c.tests)) {
      // the statistic is not degenerate: both sides burst and fire, and vary over seeds
      expect(t.meanA, name).toBeGreaterThan(0.3);
      expect(t.meanB, name).toBeGreaterThan(0.3);
      expect(t.sdA * t.sdB, name).toBeGreaterThan(0);
      // equal means not rejected at the 1 % level (two-sided): the 99 % confidence interval of the
      // difference contains 0
      expect(t.p, `${name}: ${comparisonTable(c)}`).toBeGreaterThan(0.01);
    }
  });
});

describe("stp-wasm paper mongillo2008", () => {
  it("the cued population reactivates in >= 3 population spikes after the cue; no uncued one has any", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-mongillo-"));
    let text = "";
    let err = "";
    const code = await main(["paper", "mongillo2008", "--out", out], { out: (t) => { text += t; }, err: (t) => { err += t; } });
    expect(code, err).toBe(0);
    const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(Object.keys(s).sort()).toEqual(["cue", "meanRateHz", "populationSpikesMs"]);
    expect(s.cue).toEqual({ population: "S1", startMs: 1000, endMs: 1350 });
    expect(Object.keys(s.populationSpikesMs).sort()).toEqual(["S1", "S2", "S3", "S4", "S5"]);
    const cued: number[] = s.populationSpikesMs.S1;
    expect(cued.length).toBeGreaterThanOrEqual(3);
    expect(cued.every((t, i) => t > 1350 && t <= 4000 && (i === 0 || t - cued[i - 1] >= 20))).toBe(true);
    for (const p of ["S2", "S3", "S4", "S5"]) expect(s.populationSpikesMs[p], p).toEqual([]);
    // a low spontaneous state: E well below 5 Hz, I a few Hz (0.82 and 6.6 Hz at seed 1)
    expect(s.meanRateHz.E).toBeGreaterThan(0.2);
    expect(s.meanRateHz.E).toBeLessThan(5);
    expect(s.meanRateHz.I).toBeGreaterThan(1);
    expect(s.meanRateHz.I).toBeLessThan(20);
    // the report shows them: its table lists the cued population's times and none for the others
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain(`<td>S1 (cued)</td><td>${cued.length}</td><td>${cued.map((t) => Number(t.toFixed(1))).join(", ")}</td>`);
    for (const p of ["S2", "S3", "S4", "S5"]) expect(html).toContain(`<td>${p}</td><td>0</td><td>none</td>`);
    expect(text).toContain("S1 (cued)");
  });
});
