// Train-recovery protocol: a regular train of `spikes` spikes at `rateHz` after rest, then one
// recovery spike `delay` ms after the train's last spike, for each delay (one presynaptic unit per
// delay, all in one kernel call). Reports every train spike's efficacy and each recovery spike's,
// relative to the train's first (recovery of the response) and last (its steady level).
import { StpOptionError } from "../../core/errors.js";
import { num } from "../../core/checks.js";
import { trainStates, trainStatesEuler } from "../../science/theory.js";
import {
  checkKeys, paramsOf, resolveSynapse, stepsList, trainEfficacies,
  type ResolvedSynapseProtocol, type SynapseProtocolOptions,
} from "./synapse.js";

export interface TrainRecoveryOptions extends SynapseProtocolOptions {
  /** Train rate in Hz (default 20); spikes fall on the step nearest k * 1000 / rateHz ms. */
  rateHz?: number;
  /** Spikes in the train (default 10). */
  spikes?: number;
  /** Delays in ms after the train's last spike, each a multiple of dt (default 25 ms to 5 s). */
  delays?: number[];
}

export interface TrainRecoveryRow {
  /** ms after the train's last spike. */
  delayMs: number;
  /** Efficacy u * x of the recovery spike, simulated and from theory. */
  efficacy: number;
  efficacyTheory: number;
  /** Recovery spike over the train's first and last spike. */
  ratioToFirst: number;
  ratioToLast: number;
}

export interface TrainRecoveryResult {
  options: ResolvedSynapseProtocol & { rateHz: number; spikes: number; delays: number[] };
  /** The train: spike times (ms after its first spike) and efficacies, simulated and from theory. */
  train: { timeMs: number[]; efficacy: number[]; efficacyTheory: number[] };
  rows: TrainRecoveryRow[];
}

export const TRAIN_RECOVERY_DELAYS = [25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000];

/** Run the train-recovery protocol (options validated before anything runs). */
export async function trainRecovery(options: TrainRecoveryOptions = {}): Promise<TrainRecoveryResult> {
  checkKeys(options, ["rateHz", "spikes", "delays"]);
  const o = resolveSynapse(options);
  const rateHz = num("rateHz", options.rateHz ?? 20, { min: 0, minExclusive: true, max: 1000 / o.dt });
  const spikes = num("spikes", options.spikes ?? 10, { min: 1, max: 1000, integer: true });
  const train = Array.from({ length: spikes }, (_, k) => Math.round((k * 1000) / rateHz / o.dt));
  if (new Set(train).size !== spikes) {
    throw new StpOptionError("rateHz", rateHz, `at most one spike per step: rateHz <= ${1000 / o.dt} at dt = ${o.dt} ms`);
  }
  const delays = stepsList("delays", options.delays ?? TRAIN_RECOVERY_DELAYS, o.dt);
  const last = train[spikes - 1];
  const efficacies = await trainEfficacies(o, delays.map((m) => [...train, last + m]), "delays");
  const p = paramsOf(o);
  const theory = (steps: number[]) => (o.integration === "exact"
    ? trainStates(p, steps.map((i) => i * o.dt))
    : trainStatesEuler(p, steps, o.dt)).map((s) => s.efficacy);
  const trainEff = efficacies[0].slice(0, spikes);
  const rows = delays.map((m, i) => {
    const efficacy = efficacies[i][spikes];
    return {
      delayMs: m * o.dt, efficacy, efficacyTheory: theory([...train, last + m])[spikes],
      ratioToFirst: efficacy / trainEff[0], ratioToLast: efficacy / trainEff[spikes - 1],
    };
  });
  return {
    options: { ...o, rateHz, spikes, delays: delays.map((m) => m * o.dt) },
    train: { timeMs: train.map((i) => i * o.dt), efficacy: trainEff, efficacyTheory: theory(train) },
    rows,
  };
}
