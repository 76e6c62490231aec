// Sweep grids (src/experiments/grid.ts): the documented row order, each row equal to runLesson with
// the row's parameters and seed (shared: the sweep's; per-row: "<seed>/<index>"), a grid of nothing
// equal to rateSweep, shards that partition the rows and together equal the whole, the resolved
// options resolving to the same grid, and bad grids refused before any row runs.
import { describe, expect, it } from "vitest";
import { runLesson } from "../src/experiments/lesson.js";
import { rateSweep } from "../src/experiments/sweep.js";
import { checkShard, gridTable, resolveSweepGrid, rowSeed, sweepGrid, type SweepGridRow } from "../src/experiments/grid.js";

const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
const small = { trials: 3, steps: 600, seed: 11 };

describe("sweep grid: rows", () => {
  it("are the cartesian product, the first varied option slowest and the rates fastest", () => {
    const { rows } = resolveSweepGrid({ ...small, vary: { tauF: [100, 300, 1000], resources: [0.1, 0.5] }, rates: [5, 20, 50, 100] });
    expect(rows.length).toBe(24);
    const expected: [number, number, number][] = [];
    for (const tauF of [100, 300, 1000]) for (const resources of [0.1, 0.5]) for (const rateHz of [5, 20, 50, 100]) expected.push([tauF, resources, rateHz]);
    expect(rows.map((r) => [r.lesson.tauF, r.lesson.resources, r.lesson.rateHz])).toEqual(expected);
    expect(rows.map((r) => r.index)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(rows[9].values).toEqual({ tauF: 300, resources: 0.1 });
    // what is not varied is the lesson's (the preset's tauD, the sweep's trials)
    expect(new Set(rows.map((r) => `${r.lesson.tauD} ${r.lesson.trials} ${r.lesson.steps}`))).toEqual(new Set(["50 3 600"]));
  });

  it("without vary, every row equals rateSweep's (shared seeds)", async () => {
    const options = { ...small, preset: "std" as const, rates: [2, 30, 80] };
    const grid = await sweepGrid(options);
    const plain = await rateSweep(options);
    expect(grid.rows.map(({ index: _i, values: _v, seed: _s, ...r }) => r)).toEqual(plain.rows);
    expect(grid.rows.map((r) => r.seed)).toEqual([11, 11, 11]);
  });

  it.each(["shared", "per-row"] as const)("%s seeds: every row's counts are runLesson's with the row's options and seed, exactly", async (seeds) => {
    const grid = await sweepGrid({ ...small, seeds, vary: { preset: ["stf", "std"], weight: [1.5, 4] }, rates: [10, 40] });
    expect(grid.rows.length).toBe(8);
    for (const row of grid.rows) {
      expect(row.seed).toBe(seeds === "shared" ? 11 : `11/${row.index}`);
      expect(row.seed).toBe(rowSeed(11, row.index, seeds));
      const run = await runLesson({ ...small, ...row.values, rateHz: row.rateHz, seed: row.seed });
      expect(row.preSpikes).toBe(sum(run.preSpikes) / 3);
      expect(row.postSpikes).toBe(sum(run.postSpikes) / 3);
      expect(row.transmissionRatio).toBe(sum(run.postSpikes) / sum(run.preSpikes));
    }
  });

  it("shared seeds give equal rows equal draws; per-row seeds give each row its own", async () => {
    // the same value twice: rows 0 and 1 are the same parameters
    const shared = await sweepGrid({ ...small, vary: { weight: [2, 2] }, rates: [30] });
    expect(shared.rows[1].preSpikes).toBe(shared.rows[0].preSpikes);
    const perRow = await sweepGrid({ ...small, seeds: "per-row", vary: { weight: [2, 2] }, rates: [30] });
    // a fixed outcome of fixed seeds: 3 trials of 600 steps at 30 Hz, 54 spikes expected per row
    expect(perRow.rows[1].preSpikes).not.toBe(perRow.rows[0].preSpikes);
  });

  it("shards partition the rows round robin (row i in shard i mod N) and together are the whole grid", async () => {
    const options = { ...small, vary: { tauD: [100, 400], thr: [-52, -50] }, rates: [5, 50, 90] };
    const whole = await sweepGrid(options);
    expect(whole.rowCount).toBe(12);
    for (const count of [1, 3, 4, 5, 12, 13]) {
      const parts: SweepGridRow[][] = [];
      for (let index = 0; index < count; index++) {
        const part = await sweepGrid(options, { shard: { index, count } });
        expect(part.shard).toEqual({ index, count });
        expect(part.rowCount).toBe(12);
        expect(part.rows.map((r) => r.index)).toEqual(whole.rows.map((r) => r.index).filter((i) => i % count === index));
        parts.push(part.rows);
      }
      expect(parts.flat().sort((a, b) => a.index - b.index)).toEqual(whole.rows);
    }
  });

  it("the resolved options resolve to the same grid (also with the preset varied)", () => {
    for (const options of [
      { ...small, vary: { tauF: [100, 300], dt: [0.5, 1] }, rates: [5, 20] },
      { steps: 600, seed: 11, vary: { preset: ["stf", "std"] as const, trials: [1, 2] }, rates: [7], seeds: "per-row" as const },
      { ...small, resources: 0.3, vary: { preset: ["std", "stf"] as const }, rates: [7, 8] },
    ]) {
      const first = resolveSweepGrid(options as never);
      const again = resolveSweepGrid(first.options as never);
      expect(again.options).toEqual(first.options);
      expect(again.rows).toEqual(first.rows);
    }
    const o = resolveSweepGrid({ vary: { preset: ["stf", "std"] }, rates: [5] });
    expect(o.options).not.toHaveProperty("tauF"); // each row's preset sets it
    expect(o.rows.map((r) => [r.lesson.resources, r.lesson.tauF, r.lesson.tauD])).toEqual([[0.15, 750, 50], [0.45, 50, 750]]);
    expect(o.options).toMatchObject({ vary: { preset: ["stf", "std"] }, seeds: "shared", rates: [5], trials: 20, steps: 5000 });
  });

  it("the table: the varied options' columns first, the row seed last with per-row seeds", async () => {
    const r = await sweepGrid({ steps: 600, seed: 11, seeds: "per-row", vary: { tauF: [200], trials: [2] }, rates: [5, 9] });
    const t = gridTable(r);
    expect(t.header).toEqual(["tauF (ms)", "rate (Hz)", "trials", "pre / trial", "post / trial", "post/pre", "\u00b1 SEM", "efficacy / spike", "\u00b1 SEM", "row seed"]);
    expect(t.rows.map((row) => [row[0], row[1], row[2], row[9]])).toEqual([["200", "5", "2", "11/0"], ["200", "9", "2", "11/1"]]);
  });
});

describe("sweep grid: bad grids are refused before any row runs", () => {
  it.each([
    [{ vary: { tauX: [1] } }, /^vary\.tauX = \[1\] is not allowed: unknown option; allowed: an option among preset, steps/],
    [{ vary: { rateHz: [1, 2] } }, /^vary\.rateHz = .*the rates are the option rates/],
    [{ vary: { spikeTimes: [[1]] } }, /^vary\.spikeTimes = .*the sweep sets the input itself/],
    [{ tauF: 100, vary: { tauF: [1, 2] } }, /^vary\.tauF = \[1, 2\] is not allowed: tauF is also given alone \(100\)/],
    [{ vary: { tauF: [] } }, /^vary\.tauF = \[\] is not allowed.*a list of 1 to 100000 values/],
    [{ vary: { tauF: 100 } }, /^vary\.tauF = 100 is not allowed/],
    [{ vary: [["tauF", [1]]] }, /^vary = .*an object of option -> list of values/],
    [{ vary: { tauF: [100, -1] } }, /^vary\.tauF\[1\] = -1 is not allowed: in row 9 \(tauF = -1, rateHz = 1\)/],
    [{ vary: { dt: [1, 4] }, rates: [100, 300] }, /^rates\[1\] = 300 is not allowed: the spike probability.*in row 3 \(dt = 4, rateHz = 300\)/],
    [{ vary: { preset: ["stf", "sts"] } }, /^vary\.preset\[1\] = "sts" is not allowed/],
    [{ seeds: "each" }, /^seeds = "each" is not allowed; it must be "shared" .* or "per-row"/],
    [{ vary: { steps: Array<number>(400).fill(10), tauF: Array<number>(300).fill(100) } }, /^vary = .*400 steps x 300 tauF x 9 rates = 1080000 rows; allowed: at most 100000 rows/],
    [{ rates: [5, 0] }, /^rates\[1\] = 0 is not allowed/],
    [{ rateHz: 5 }, /^rateHz = 5 is not allowed: the sweep sets the input itself/],
  ])("%#: %s", async (options, message) => {
    const seen: unknown[] = [];
    await expect(sweepGrid(options as never, { onRow: (r) => seen.push(r) })).rejects.toThrow(message);
    expect(seen).toEqual([]);
  });

  it.each([
    [{ index: 2, count: 2 }, /^shard\.index = 2 is not allowed; it must be an integer >= 0 <= 1/],
    [{ index: 0, count: 0 }, /^shard\.count = 0 is not allowed/],
    [{ index: 0.5, count: 2 }, /^shard\.index = 0\.5/],
    [null, /^shard = null is not allowed/],
  ])("shard %j", async (shard, message) => {
    expect(() => checkShard(shard as never)).toThrow(message);
    await expect(sweepGrid({ rates: [5], steps: 10, trials: 1 }, { shard: shard as never })).rejects.toThrow(message);
  });
});
