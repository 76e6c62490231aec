// The efficacy at each presynaptic spike of a spike-train lesson: the fraction of W the spike
// delivers (u x; with quantal release, released / sites), over trials (mean and sd). It runs the
// lesson's network again with W = 1, so that the recorded Wdyn of the first pair (presynaptic unit 0,
// postsynaptic unit 0) is (1 u) x = u x (or 1 * released / sites) exactly,
// in every trial, streamed chunk by chunk, up to the last spike's step; each spike's value is read at
// its step (the step whose t is the spike's time: MODEL.md section 1). The draws a run makes depend
// on (seed, stream, step, unit, trial) only, so this second run sees exactly the first one's.
import { timeToStep } from "../models/spikeTrain.js";
import { simulate } from "../simulation.js";
import { lessonNetwork, type ResolvedLesson } from "./lesson.js";

/** u x at each spike of the first presynaptic unit: its time (ms), and mean and sd over the trials. */
export interface EfficacyAtSpikes {
  t: number[];
  mean: number[];
  /** Standard deviation over the trials (divided by the number of trials; 0 for one trial). */
  sd: number[];
}

/** Trial-steps per chunk of the second run (its records: one float per trial and step). */
const CHUNK_TRIAL_STEPS = 2_000_000;

/**
 * The efficacy at the spikes of `o.spikeTimes` that fall within the first `steps` steps (all by
 * default); null without spike times.
 */
export async function efficacyAtSpikes(o: ResolvedLesson, steps = o.steps): Promise<EfficacyAtSpikes | null> {
  if (!o.spikeTimes) return null;
  const spikes = o.spikeTimes.map((t) => ({ t, step: timeToStep(t, o.dt) })).filter((s) => s.step < steps);
  const out: EfficacyAtSpikes = { t: spikes.map((s) => s.t), mean: spikes.map(() => 0), sd: spikes.map(() => 0) };
  if (spikes.length === 0) return out;
  const run = spikes[spikes.length - 1].step + 1;
  const at = new Map(spikes.map((s, i) => [s.step, i]));
  const m2 = spikes.map(() => 0);
  const network = { ...lessonNetwork({ ...o, weight: 1 }), record: [{ name: "W", vars: ["wdyn"], pairs: [[0, 0]] as [number, number][] }] };
  await simulate({ ...network, steps: run }, { chunkSteps: Math.max(1, Math.min(10_000, run, Math.floor(CHUNK_TRIAL_STEPS / o.trials))) }, {
    keep: false,
    onRecords: (chunk) => {
      const w = chunk.records.W.wdyn;
      for (let i = 0; i < chunk.steps; i++) {
        const k = at.get(chunk.firstStep + i);
        if (k === undefined) continue;
        // Welford's running mean and sum of squared deviations, over the trials (the columns)
        let mean = 0;
        let s = 0;
        for (let c = 0; c < w.columns; c++) {
          const x = w.data[i * w.columns + c];
          const d = x - mean;
          mean += d / (c + 1);
          s += d * (x - mean);
        }
        out.mean[k] = mean;
        m2[k] = s;
      }
    },
  });
  out.sd = m2.map((s) => Math.sqrt(s / o.trials));
  return out;
}
