// Which kernel build the command line runs a simulation on. One thread runs on the plain build: V8
// compiles it with its baseline compiler (Liftoff) in a few ms and tiers hot functions up while it
// runs, where the shared build is compiled by the optimizing compiler alone (src/runtime/kernel.ts
// says why), which costs the lesson about 150 ms before its first step, more than the run itself.
// Results are identical on every build (test/determinism.test.ts); several threads need the shared one.

/** The `mode` of a Simulation run by the command line on `threads` threads (default 1). */
export function cliKernelMode(threads: number | undefined): "plain" | "auto" {
  return threads === undefined || threads <= 1 ? "plain" : "auto";
}
