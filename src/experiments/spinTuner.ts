// Choosing the barrier's spins (NET_SPINS) while a run goes, from the chunks' own timings. A thread
// waiting at the kernel's barrier polls NET_SPINS times before it sleeps. With a core for each
// thread, polling a while is cheapest (a wait is a few microseconds; a sleep and a wake cost more);
// when the cores are shared (a page's own threads, other programs) a polling thread holds the core
// its partner waits for, and each barrier can cost a scheduler time slice. Measured with dense-10k
// on this 2-core machine under other work (load average 6 to 8), 2 threads ran at 3.5x to 4.9x real
// time with 100,000 spins and at 7.2x to 7.8x with 10,000, in Chromium and in Node alike. Which is
// best depends on what else runs, and changes while a run goes; spins never change results.
//
// The tuner keeps a moving average of the ms per step seen with each choice, runs the best, and
// every PROBE_EVERY chunks tries the choice measured longest ago, so that it follows the machine.

/** The spins tried: sleep at once, about 5 us of polling, about 50 us (the kernel's default). */
export const SPIN_CHOICES: readonly number[] = [0, 10_000, 100_000];
/** One chunk in this many tries another choice than the best. */
export const PROBE_EVERY = 16;
/** Weight of a new timing in a choice's moving average. */
const ALPHA = 0.3;

export class SpinTuner {
  /** Moving average of ms per step for each choice (NaN: not yet measured). */
  readonly msPerStep: number[];
  /** Chunk index at which each choice was last measured. */
  private readonly seen: number[];
  private chunk = 0;

  constructor(readonly choices: readonly number[] = SPIN_CHOICES) {
    this.msPerStep = choices.map(() => NaN);
    this.seen = choices.map(() => -1);
  }

  /** Index of the choice with the lowest average so far (the first unmeasured one before that). */
  best(): number {
    let best = 0;
    for (let i = 1; i < this.choices.length; i++) if (this.msPerStep[i] < this.msPerStep[best]) best = i;
    return best;
  }

  /** The index of the choice to run the next chunk with. */
  next(): number {
    const unmeasured = this.msPerStep.findIndex((v) => Number.isNaN(v));
    if (unmeasured >= 0) return unmeasured;
    if (this.chunk % PROBE_EVERY !== PROBE_EVERY - 1) return this.best();
    let oldest = -1;
    const best = this.best();
    for (let i = 0; i < this.choices.length; i++) if (i !== best && (oldest < 0 || this.seen[i] < this.seen[oldest])) oldest = i;
    return oldest < 0 ? best : oldest;
  }

  /** Note that a chunk ran with choice `index` at `msPerStep`. */
  record(index: number, msPerStep: number): void {
    const old = this.msPerStep[index];
    this.msPerStep[index] = Number.isNaN(old) ? msPerStep : old + ALPHA * (msPerStep - old);
    this.seen[index] = this.chunk++;
  }
}
