// Paired-pulse protocol: two presynaptic spikes after rest, `interval` ms apart, for each interval;
// the paired-pulse ratio is the second response over the first (u2 x2 / u1 x1). All intervals run
// side by side in one kernel call, one presynaptic unit per interval.
import { pairedPulseRatio, pairedPulseRatioEuler } from "../../science/theory.js";
import {
  checkKeys, paramsOf, resolveSynapse, stepsList, trainEfficacies,
  type ResolvedSynapseProtocol, type SynapseProtocolOptions,
} from "./synapse.js";

export interface PairedPulseOptions extends SynapseProtocolOptions {
  /** Inter-spike intervals in ms, each a multiple of dt (default 5 ms to 2 s). */
  intervals?: number[];
}

export interface PairedPulseRow {
  /** ms. */
  intervalMs: number;
  /** Efficacy u * x of the first and the second spike (the response is W times it). */
  efficacy1: number;
  efficacy2: number;
  /** efficacy2 / efficacy1, simulated. */
  ratio: number;
  /** The same from the closed form: the continuous model ("exact") or the Euler map ("euler"). */
  ratioTheory: number;
}

export interface PairedPulseResult {
  options: ResolvedSynapseProtocol & { intervals: number[] };
  rows: PairedPulseRow[];
}

export const PAIRED_PULSE_INTERVALS = [5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000];

/** Run the paired-pulse protocol (options validated before anything runs). */
export async function pairedPulse(options: PairedPulseOptions = {}): Promise<PairedPulseResult> {
  checkKeys(options, ["intervals"]);
  const o = resolveSynapse(options);
  const intervals = options.intervals ?? PAIRED_PULSE_INTERVALS;
  const gaps = stepsList("intervals", intervals, o.dt);
  const efficacies = await trainEfficacies(o, gaps.map((m) => [0, m]), "intervals");
  const p = paramsOf(o);
  const rows = gaps.map((m, i) => {
    const [efficacy1, efficacy2] = efficacies[i];
    return {
      intervalMs: m * o.dt, efficacy1, efficacy2, ratio: efficacy2 / efficacy1,
      ratioTheory: o.integration === "exact" ? pairedPulseRatio(p, m * o.dt) : pairedPulseRatioEuler(p, m, o.dt),
    };
  });
  return { options: { ...o, intervals: gaps.map((m) => m * o.dt) }, rows };
}
