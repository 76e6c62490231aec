// stp-wasm: short-term synaptic plasticity on a WebAssembly kernel. Public API.
export { Simulation, simulate, type RunResult, type RunOptions, type Trace, type SimulationOptions } from "./simulation.js";
export { Kernel, sharedMemoryAvailable, simdAvailable, type KernelOptions, type KernelExports, type MemoryMode, type BuildName } from "./kernel.js";
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
export {
  steadyState, eulerFixedPoint, pairedPulseRatio, pairedPulseRatioEuler, trainStates, trainStatesEuler,
  inactivated, pspExp, expIntegral, type StpParams, type SpikeState,
} from "./theory.js";
export { pairedPulse, PAIRED_PULSE_INTERVALS, type PairedPulseOptions, type PairedPulseResult, type PairedPulseRow } from "./protocols/pairedPulse.js";
export { trainRecovery, TRAIN_RECOVERY_DELAYS, type TrainRecoveryOptions, type TrainRecoveryResult, type TrainRecoveryRow } from "./protocols/trainRecovery.js";
export { tsodyks1998, TPM1998_PANELS, type Tpm1998Panel, type Tpm1998Params } from "./protocols/tsodyks1998.js";
export { pairedPulseReport, trainRecoveryReport, tsodyks1998Report, type ProtocolReport } from "./protocols/report.js";
export type { SynapseProtocolOptions } from "./protocols/synapse.js";
