// The demo's live-explorer sliders (demo/explorerSliders.ts): every position is a value the API's
// own validation accepts at the form's dt, the presets' values are positions, and the lists are
// ordered and round-trip through sliderIndex.
import { describe, expect, it } from "vitest";
import { SLIDERS, sliderIndex, sliderValues } from "../demo/explorerSliders.js";
import { LESSON_DEFAULTS, PRESETS, resolveLesson } from "../src/experiments/lesson.js";

describe("the explorer's sliders", () => {
  for (const dt of [0.1, 0.25, 1, 2]) {
    it(`at dt = ${dt} ms every position passes resolveLesson, and one step past either end does not (where the API has a bound)`, () => {
      for (const spec of SLIDERS) {
        const values = sliderValues(spec, dt);
        expect(values.length, spec.key).toBeGreaterThanOrEqual(20);
        for (const v of values) expect(() => resolveLesson({ preset: "stf", dt, [spec.key]: v }), `${spec.key} = ${v}`).not.toThrow();
        for (let i = 1; i < values.length; i++) expect(values[i], spec.key).toBeGreaterThan(values[i - 1]);
        values.forEach((v, i) => expect(sliderIndex(spec, values, v)).toBe(i));
      }
      // the API's bounds the sliders stop at: tauF, tauD, tauM >= dt; rate * dt / 1000 <= 1; U in [0, 1]
      expect(() => resolveLesson({ dt, tauF: dt * 0.9 })).toThrow(/tauF/);
      expect(() => resolveLesson({ dt, tauD: dt * 0.9 })).toThrow(/tauD/);
      expect(() => resolveLesson({ dt, tauM: dt * 0.9 })).toThrow(/tauM/);
      expect(() => resolveLesson({ dt, resources: 1.01 })).toThrow(/resources/);
      expect(() => resolveLesson({ dt, rateHz: (1000 / dt) * 1.01 })).toThrow(/rateHz/);
    });
  }

  it("the bounds: U 0 to 1 by 0.01; tauF, tauD from dt to 5 s; rate 0 to 100 Hz by 0.5; W 0 to 10 by 0.05; tauM dt to 200 ms", () => {
    const at = (key: string, dt = 1) => sliderValues(SLIDERS.find((s) => s.key === key)!, dt);
    const ends = (v: number[]) => [v[0], v[v.length - 1], v.length];
    expect(ends(at("resources"))).toEqual([0, 1, 101]);
    expect(ends(at("tauF"))).toEqual([1, 5000, 24 * 3 + 17]);
    expect(ends(at("tauD", 2))).toEqual([2, 5000, 24 * 3 + 17 - 7]);
    expect(ends(at("rateHz"))).toEqual([0, 100, 201]);
    expect(ends(at("rateHz", 20))).toEqual([0, 50, 101]);
    expect(ends(at("weight"))).toEqual([0, 10, 201]);
    expect(ends(at("tauM"))).toEqual([1, 200, 24 * 2 + 8]);
  });

  it("the presets' and the lesson's values are positions (exactly, so a slider can return to them)", () => {
    const has = (key: string, v: number) => expect(sliderValues(SLIDERS.find((s) => s.key === key)!, 1), `${key} ${v}`).toContain(v);
    for (const p of Object.values(PRESETS)) {
      has("resources", p.resources);
      has("tauF", p.tauF);
      has("tauD", p.tauD);
    }
    has("rateHz", 20);
    has("rateHz", LESSON_DEFAULTS.rateHz);
    has("weight", LESSON_DEFAULTS.weight);
    has("tauM", LESSON_DEFAULTS.tauM);
  });

  it("a value between positions goes to the nearest (in ratio on a log slider), beyond the ends to the end", () => {
    const tauF = SLIDERS.find((s) => s.key === "tauF")!;
    const values = sliderValues(tauF, 1);
    expect(values[sliderIndex(tauF, values, 740)]).toBe(750);
    expect(values[sliderIndex(tauF, values, 1e6)]).toBe(5000);
    expect(values[sliderIndex(tauF, values, 0)]).toBe(1);
    const rate = SLIDERS.find((s) => s.key === "rateHz")!;
    const rates = sliderValues(rate, 1);
    expect(rates[sliderIndex(rate, rates, 20.2)]).toBe(20);
    expect(rates[sliderIndex(rate, rates, 500)]).toBe(100);
  });
});
