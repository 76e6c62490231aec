// stp-wasm: short-term synaptic plasticity on a WebAssembly kernel. Public API.
export { Simulation, simulate, type RunResult, type Trace, type SimulationOptions } from "./simulation.js";
export { Kernel, sharedMemoryAvailable, type KernelOptions, type KernelExports, type MemoryMode } from "./kernel.js";
export { StpOptionError, StpKernelError } from "./errors.js";
export {
  validateNetwork, timeToStep, LIF_DEFAULTS, SYNAPSE_DEFAULTS, POISSON_DEFAULTS, NETWORK_DEFAULTS,
  type NetworkOptions, type PoissonOptions, type SpikeTrainOptions, type LifOptions, type SynapseOptions,
  type RecordRequest, type Init,
} from "./options.js";
export { seedKey } from "./seed.js";
export { runLesson, resolveLesson, lessonNetwork, PRESETS, LESSON_DEFAULTS, type LessonOptions, type LessonRun, type Preset } from "./lesson.js";
export {
  rateSweep, resolveRateSweep, sweepTable, DEFAULT_SWEEP_RATES, DEFAULT_SWEEP_TRIALS,
  type RateSweepOptions, type RateSweepResult, type RateSweepRow, type RateSweepSettings,
} from "./sweep.js";
