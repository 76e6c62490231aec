// One whole lesson run for the live explorer, the same code in the worker and on the page's main
// thread: the lesson's network in a loaded kernel, all its steps in one chunk, trial 0's traces.
import type { Kernel } from "../src/runtime/kernel.js";
import { lessonNetwork, resolveLesson, type LessonOptions } from "../src/experiments/lesson.js";
import { Simulation } from "../src/simulation.js";
import type { Traces } from "./protocol.js";

export interface Explored extends Traces {
  preSpikes: number;
  postSpikes: number;
  /** Time in ms spent in this function (validation, layout, the run). */
  runMs: number;
}

/** Run the lesson with `options` (validated by the API first; throws StpOptionError) in `kernel`. */
export async function exploreRun(kernel: Kernel, options: LessonOptions): Promise<Explored> {
  const start = performance.now();
  const o = resolveLesson(options);
  const sim = await Simulation.create(lessonNetwork(o), { kernel, steps: o.steps, chunkSteps: o.steps });
  try {
    const r = sim.run(o.steps).records;
    return {
      pre: r.z0.spikes.data as Uint8Array, u: r.W.u.data as Float32Array, x: r.W.x.data as Float32Array,
      wdyn: r.W.wdyn.data as Float32Array, v: r.z1.v.data as Float32Array, post: r.z1.spikes.data as Uint8Array,
      preSpikes: sim.spikesPerTrial("z0")[0], postSpikes: sim.spikesPerTrial("z1")[0],
      runMs: performance.now() - start,
    };
  } finally {
    sim.dispose();
  }
}
