// Population activity of recurrent networks: spikes collected from per-step records, spike counts
// in time bins, population rates, and population events (the bursts of Tsodyks, Uziel & Markram
// 2000 and the population spikes of Mongillo, Barak & Tsodyks 2008), detected by one rule:
// a maximal run of bins whose population rate is at least a threshold, runs less than a merge
// window apart counted as one, timed at the centre of the run's fullest bin.
import type { RunResult } from "../../simulation.js";

/** The spikes of one population: step and unit of each, in step order (units ascending within a step). */
export interface SpikeList {
  count: number;
  steps: Int32Array;
  units: Int32Array;
}

/** Collects the spikes of LIF populations from the per-step `spikes` records of streamed chunks. */
export class SpikeCollector {
  private readonly parts = new Map<string, { steps: number[]; units: number[] }>();

  constructor(readonly names: string[]) {
    for (const name of names) this.parts.set(name, { steps: [], units: [] });
  }

  /** Take the spikes of a chunk (its records hold `spikes` of every unit of each population, trial 0). */
  add(chunk: RunResult): void {
    for (const name of this.names) {
      const trace = chunk.records[name].spikes;
      const data = trace.data;
      const n = trace.columns;
      const part = this.parts.get(name)!;
      for (let i = 0; i < trace.steps; i++) {
        const row = i * n;
        for (let k = 0; k < n; k++) {
          if (data[row + k] !== 0) {
            part.steps.push(chunk.firstStep + i);
            part.units.push(trace.units[k]);
          }
        }
      }
    }
  }

  /** The spikes of one population so far. */
  spikes(name: string): SpikeList {
    const p = this.parts.get(name)!;
    return { count: p.steps.length, steps: Int32Array.from(p.steps), units: Int32Array.from(p.units) };
  }
}

/** The bin of a spike at step `step`: bin b holds the times t = (step + 1) dt in (b binMs, (b + 1) binMs]. */
export function binOf(step: number, dt: number, binMs: number): number {
  return Math.ceil(((step + 1) * dt) / binMs - 1e-9) - 1;
}

/** Spike counts in `bins` bins of binMs, of the spikes whose unit `keep` accepts (default all). */
export function binCounts(spikes: SpikeList, dt: number, binMs: number, bins: number, keep?: (unit: number) => boolean): Float64Array {
  const counts = new Float64Array(bins);
  for (let i = 0; i < spikes.count; i++) {
    if (keep && !keep(spikes.units[i])) continue;
    const b = binOf(spikes.steps[i], dt, binMs);
    if (b >= 0 && b < bins) counts[b]++;
  }
  return counts;
}

/** Population rate in Hz of n units from spike counts per bin of binMs. */
export function ratesHz(counts: Float64Array, n: number, binMs: number): Float64Array {
  return counts.map((c) => c / n / (binMs / 1000));
}

/** How population events are detected (see the file's header). */
export interface EventRule {
  /** Bin width in ms. */
  binMs: number;
  /** A bin belongs to an event when the population rate in it is at least this, in Hz. */
  thresholdHz: number;
  /** Runs of such bins whose gap is shorter than this (ms) are one event. */
  mergeMs: number;
}

/** A detected event: the time of the centre of its fullest bin (ms), that bin's rate (Hz), its first and last bins' edges (ms). */
export interface PopulationEvent {
  timeMs: number;
  peakHz: number;
  startMs: number;
  endMs: number;
}

/** Population events in a rate series (Hz per bin of rule.binMs, bin b covering (b binMs, (b + 1) binMs]). */
export function populationEvents(rates: ArrayLike<number>, rule: EventRule): PopulationEvent[] {
  const events: PopulationEvent[] = [];
  let current: { first: number; last: number; peak: number } | null = null;
  const close = () => {
    if (!current) return;
    events.push({
      timeMs: (current.peak + 0.5) * rule.binMs, peakHz: rates[current.peak],
      startMs: current.first * rule.binMs, endMs: (current.last + 1) * rule.binMs,
    });
    current = null;
  };
  for (let b = 0; b < rates.length; b++) {
    if (!(rates[b] >= rule.thresholdHz)) continue;
    if (current && (b - current.last - 1) * rule.binMs < rule.mergeMs) {
      current.last = b;
      if (rates[b] > rates[current.peak]) current.peak = b;
    } else {
      close();
      current = { first: b, last: b, peak: b };
    }
  }
  close();
  return events;
}

/** Mean rate in Hz of n units that fired `spikes` times over `ms`. */
export function meanRateHz(spikes: number, n: number, ms: number): number {
  return spikes / n / (ms / 1000);
}
