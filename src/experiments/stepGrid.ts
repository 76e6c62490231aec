// Times on the step grid. Every command and protocol places a spike at T on the step whose
// t = T, so T must be a whole number of steps of dt; a time between two steps is refused (the API's
// spikeTrain source, src/network/options.ts, moves such a time to the next step instead).

/** `ms` as a whole number of steps of `dt`, or undefined when it lies between two steps (beyond float rounding). */
export function wholeSteps(ms: number, dt: number): number | undefined {
  const m = Math.round(ms / dt);
  return Math.abs(m * dt - ms) > 1e-9 * Math.max(1, Math.abs(ms)) ? undefined : m;
}

/** Why `ms` is off the grid, for an error: "it lies between t = 1 ms and t = 2 ms". */
export function offGrid(ms: number, dt: number): string {
  const below = Math.floor(ms / dt) * dt;
  return `spikes lie on the step grid; ${ms} ms lies between t = ${Number(below.toPrecision(12))} ms and t = ${Number((below + dt).toPrecision(12))} ms`;
}
