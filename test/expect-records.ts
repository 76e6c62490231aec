// Every record of a run (rows and events at spikes) against a reference trace of test/reference/,
// tolerance 0: the comparison kernel.test.ts and ports.test.ts share.
import { expect } from "vitest";
import { columnsOf } from "../src/network/records.js";
import type { NetworkSpec } from "../src/network/options.js";
import type { RunResult } from "../src/simulation.js";
import type { ReferenceTrace } from "./reference/network.js";
import { StpNonFiniteError } from "../src/core/errors.js";

/** Element-wise numeric equality (+0 == -0), reporting the first difference. */
export function expectSame(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    if (got[i] !== want[i]) expect(got[i], `${what}, column ${i}`).toBe(want[i]);
  }
}

/** The events a record at spikes should hold: per step, each column whose presynaptic row's spike was taken. */
function expectedEvents(r: NetworkSpec["records"][number], ref: ReferenceTrace, steps: number): { step: number; trial: number; unit: number; post?: number; value: number }[] {
  const key = r.variable === "u" ? "uSpk" : r.variable === "x" ? "xSpk" : "wdyn";
  const per = r.units.length;
  const out: { step: number; trial: number; unit: number; post?: number; value: number }[] = [];
  for (let step = 0; step < steps; step++) {
    const values = ref[step][r.component];
    const spiked = values.spiked as number[];
    r.trials.forEach((t, ti) => {
      for (let c = 0; c < per; c++) {
        const j = r.units[c];
        if (!spiked[t * r.unitsPerTrial + j]) continue;
        const v = values[key];
        const value = r.seconds && r.posts
          ? (v as number[][])[t][r.read.pairs ? r.seconds[c] : j * r.read.second! + r.seconds[c]]
          : (v as number[])[t * r.unitsPerTrial + j];
        out.push({ step, trial: t, unit: j, ...(r.posts ? { post: r.posts[c] } : {}), value });
      }
      void ti;
    });
  }
  return out;
}

/** Every record of `res` against the reference, step by step. */
export function expectRecords(spec: NetworkSpec, ref: ReferenceTrace, res: RunResult, steps: number, label = ""): void {
  for (const r of spec.records.filter((q) => q.events)) {
    const got = res.events[r.name][r.variable];
    const want = expectedEvents(r, ref, steps);
    expect(got.count, `${label}${r.name} ${r.variable} at spikes: events`).toBe(want.length);
    want.forEach((e, i) => {
      const g = { step: got.steps[i], trial: got.trials[i], unit: got.units[i], ...(got.posts ? { post: got.posts[i] } : {}), value: got.values[i] };
      if (g.step !== e.step || g.trial !== e.trial || g.unit !== e.unit || g.post !== e.post || g.value !== e.value) expect(g, `${label}${r.name} ${r.variable} event ${i}`).toEqual(e);
    });
  }
  for (const r of spec.records.filter((q) => !q.events)) {
    const tr = res.records[r.name][r.variable];
    const { trials, units, posts } = columnsOf(r);
    for (let step = 0; step < steps; step++) {
      const values = ref[step][r.component][r.variable];
      // per-pair values: [trial][the kernel's second index] (a connection), or [trial][j nPost + k] (dense)
      const per = r.units.length;
      const want = trials.map((t, m) => (posts
        ? (values as number[][])[t][r.read.pairs ? r.seconds![m % per] : units[m] * r.read.second! + posts[m]]
        : (values as number[])[t * r.unitsPerTrial + units[m]]));
      expectSame(tr.data.subarray(step * tr.columns, (step + 1) * tr.columns), want, `${label}${r.name} ${r.variable}, step ${step}`);
    }
  }
}

/**
 * A run compared with the reference as expectRecords does, where the run may stop on non-finite
 * state (a random network whose explicit step diverges): then the reference's v of the unit the
 * error names must be non-finite in that step too, and every record before it must equal the
 * reference's (tolerance 0).
 */
export async function expectRun(spec: NetworkSpec, ref: ReferenceTrace, run: () => Promise<RunResult>, steps: number, label = ""): Promise<void> {
  let res: RunResult;
  let upTo = steps;
  try {
    res = await run();
  } catch (e) {
    if (!(e instanceof StpNonFiniteError)) throw e;
    const c = spec.components.findIndex((k) => k.name === e.component);
    const v = ref[e.step][c][e.variable] as number[] | undefined;
    expect(v, `${label}the reference's ${e.component}.${e.variable}`).toBeDefined();
    const value = v![e.trial * spec.components[c].n + e.unit];
    expect(Number.isFinite(value), `${label}the reference's ${e.component}.${e.variable} [trial ${e.trial}, unit ${e.unit}] at step ${e.step}: ${value}`).toBe(false);
    res = e.result as RunResult;
    upTo = e.step;
  }
  expectRecords(spec, ref, res, upTo, label);
}
