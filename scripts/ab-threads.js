// One bench scenario on 1 and 2 threads, for this checkout and another (BEFORE=DIR: a built checkout
// of another commit, dist/ and build/ made), all four alternated run by run in one process, so that
// the machine's state (its two cores' speeds change from minute to minute) falls on both alike.
// Prints, per checkout, the median and best seconds of each thread count and their ratios, and the
// threads' final shares where the checkout reports them. SCEN=name (default sparse-recurrent-10k),
// RUNS=N (default 20). Needs `npm run build:ts` in each checkout (dist/bench/scenarios.js).
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const here = fileURLToPath(new URL("..", import.meta.url));
const scenario = process.env.SCEN ?? "sparse-recurrent-10k";
const runs = Number(process.env.RUNS ?? 20);
const checkouts = [["now", here], ...(process.env.BEFORE ? [["before", process.env.BEFORE]] : [])];
const { median } = await import(join(here, "dist/bench/stats.js"));

const sides = [];
for (const [label, dir] of checkouts) {
  const { Simulation } = await import(join(dir, "dist/src/simulation.js"));
  const { SCENARIOS } = await import(join(dir, "dist/bench/scenarios.js"));
  const s = SCENARIOS.find((x) => x.name === scenario);
  if (!s) throw new Error(`no scenario ${scenario} in ${dir}`);
  const sim = await Simulation.create(s.network, { threads: 2, steps: s.steps });
  for (const t of [1, 2]) sim.run(Math.min(500, s.steps), { threads: t }); // warm-up
  sides.push({ label, sim, steps: s.steps, times: { 1: [], 2: [] } });
}
for (let r = 0; r < runs; r++) {
  for (const side of sides) {
    for (const t of [1, 2]) {
      side.sim.reset();
      const t0 = performance.now();
      side.sim.run(side.steps, { threads: t });
      side.times[t].push((performance.now() - t0) / 1000);
    }
  }
}
console.log(`${scenario}, ${runs} runs of each, alternated`);
for (const { label, sim, times } of sides) {
  const [m1, m2, b1, b2] = [median(times[1]), median(times[2]), Math.min(...times[1]), Math.min(...times[2])];
  const shares = sim.threadShares ? `; shares at the end ${sim.threadShares.map((x) => x.toFixed(3)).join(" / ")}` : "";
  console.log(`${label}: 1 thread median ${m1.toFixed(4)} s (best ${b1.toFixed(4)}), 2 threads median ${m2.toFixed(4)} s (best ${b2.toFixed(4)}); ` +
    `2 threads ${(m1 / m2).toFixed(2)} times as fast (medians), ${(b1 / b2).toFixed(2)} (bests)${shares}`);
  sim.dispose();
}
if (sides.length === 2) {
  console.log(`now / before, 2 threads: ${(median(sides[0].times[2]) / median(sides[1].times[2])).toFixed(3)} (medians); 1 thread: ${(median(sides[0].times[1]) / median(sides[1].times[1])).toFixed(3)}`);
}
