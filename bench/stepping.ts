// The "stepping" part of `npm run bench`: what a host pays per step when it calls the kernel once per
// step (a pipeline stage between steps) rather than once for all steps, on the lesson's network
// (K = 1, its six records), through the raw exports on the API's layout. Three call patterns over
// the same steps from init, alternating so that all three meet the same moments of a noisy machine,
// best run of each: run(net, N); N x run(net, 1), which checks the whole descriptor every call (the
// kernel before prepared stepping); N x step(net, 1), which checks it once per NET_GEN.
import { Simulation } from "../src/simulation.js";
import { lessonNetwork, resolveLesson } from "../src/experiments/lesson.js";

export const STEPPING = "stepping";
export const STEPPING_STEPS = 5000;
/** The builds Node picks for the API (shared memory) and for a page that is not cross-origin isolated. */
export const STEPPING_BUILDS = ["shared-simd", "plain-simd"] as const;
/** Seconds of alternation at least, per build. */
const SECONDS = 4;

export interface SteppingRow {
  build: (typeof STEPPING_BUILDS)[number];
  /** The call pattern, e.g. "5000 x step(net, 1)". */
  calls: string;
  /** Best time of the N steps. */
  seconds: number;
  /** The LIF's spikes after the N steps (equal for the three: the same steps were run). */
  postSpikes: number;
}

export async function stepping(build: (typeof STEPPING_BUILDS)[number], repeats: number): Promise<SteppingRow[]> {
  const N = STEPPING_STEPS;
  const sim = await Simulation.create(lessonNetwork(resolveLesson({ preset: "stf", rateHz: 20 })), {
    mode: build.startsWith("shared") ? "shared" : "plain", simd: true, steps: N,
  });
  const k = sim.kernel.exports;
  const net = sim.netPtr;
  const check = (code: number) => {
    if (code !== 0) throw new Error(`stepping: the kernel returned ${code}`);
  };
  const patterns: [string, () => void][] = [
    [`run(net, ${N})`, () => check(k.run(net, N))],
    [`${N} x run(net, 1)`, () => { for (let i = 0; i < N; i++) check(k.run(net, 1)); }],
    [`${N} x step(net, 1)`, () => { for (let i = 0; i < N; i++) check(k.step(net, 1)); }],
  ];
  const best = patterns.map(() => Infinity);
  const post = patterns.map(() => 0);
  const once = (i: number) => {
    check(k.init(net));
    const t0 = performance.now();
    patterns[i][1]();
    best[i] = Math.min(best[i], (performance.now() - t0) / 1000);
    post[i] = sim.spikeCounts("z1")[0];
  };
  for (let i = 0; i < patterns.length; i++) once(i); // warm-up: let the engine tier the code up
  best.fill(Infinity);
  const start = performance.now();
  for (let r = 0; r < Math.max(repeats, 30) || (performance.now() - start < SECONDS * 1000 && r < 2000); r++) {
    for (let i = 0; i < patterns.length; i++) once(i);
  }
  sim.dispose();
  if (new Set(post).size !== 1) throw new Error(`stepping: the call patterns disagree on the LIF's spikes: ${post.join(", ")}`);
  return patterns.map(([calls], i) => ({ build, calls, seconds: best[i], postSpikes: post[i] }));
}
