// The lesson, end to end through the API: first weight jumps, the two regimes, and ngc-learn's
// reported post-spike counts as typical draws of our trial distribution.
import { describe, expect, it } from "vitest";
import { runLesson } from "../src/experiments/lesson.js";

describe("the STP lesson", () => {
  it.each([["stf", 0.375], ["std", 1.125]] as const)("first weight jump of %s is W * U = %d (to 1e-6)", async (preset, jump) => {
    const run = await runLesson({ preset, spikeTimes: [10, 400], steps: 500 });
    expect(Array.from(run.wdyn.subarray(0, 9))).toEqual(new Array(9).fill(0)); // before the first spike
    expect(run.wdyn[9]).toBeCloseTo(jump, 6); // the step whose t = 10 ms
    expect(run.wdyn[398]).toBe(run.wdyn[9]); // stays until the next spike (the staircase)
  });

  it("STF at 20 Hz: u rises well above U = 0.15 and stays there", async () => {
    const run = await runLesson({ preset: "stf", rateHz: 20 });
    const late = run.u.subarray(2500);
    const mean = late.reduce((a, b) => a + b, 0) / late.length;
    expect(mean).toBeGreaterThan(0.45); // three times U
    expect(Math.max(...run.u)).toBeGreaterThan(0.6);
  });

  it("STD at 20 Hz: x falls below 0.3 and stays low", async () => {
    const run = await runLesson({ preset: "std", rateHz: 20 });
    const late = run.x.subarray(2500);
    expect(late.reduce((a, b) => a + b, 0) / late.length).toBeLessThan(0.3);
    expect(Math.min(...run.x)).toBeLessThan(0.1);
  });

  it("STD transmits the first spike and almost nothing after it at 20 Hz", async () => {
    const run = await runLesson({ preset: "std", rateHz: 20, trials: 200 });
    const firstPre = run.pre.indexOf(1);
    expect(run.post[firstPre]).toBe(1); // 1.125 * 240 / 20 = 13.5 mV jump from -60 crosses -50
    const mean = run.postSpikes.reduce((a, b) => a + b, 0) / run.postSpikes.length;
    expect(mean).toBeLessThan(2);
  });

  // ngc-learn's lesson reports about 3, 68, 3 and 1 post spikes for one draw of each setting.
  // Each must lie inside the central 95% of 400 trials of ours (a fixed seed, so the check is
  // reproducible; a draw outside would say our model differs from theirs).
  it.each([
    ["stf", 2, 3], ["stf", 20, 68], ["std", 2, 3], ["std", 20, 1],
  ] as const)("%s at %d Hz: ngc-learn's %d post spikes is a typical draw", async (preset, rateHz, reported) => {
    const run = await runLesson({ preset, rateHz, trials: 400, seed: "typical" });
    const below = run.postSpikes.filter((c) => c < reported).length / 400;
    const above = run.postSpikes.filter((c) => c > reported).length / 400;
    expect(below).toBeLessThanOrEqual(0.975);
    expect(above).toBeLessThanOrEqual(0.975);
    expect(Math.max(below, above)).toBeLessThan(0.975);
  });
});
