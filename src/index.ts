// stp-wasm: short-term synaptic plasticity on a WebAssembly kernel. Public API.
export { Simulation, simulate, type RunResult, type RunOptions, type Trace, type SimulationOptions } from "./simulation.js";
export { Kernel, sharedMemoryAvailable, simdAvailable, type KernelOptions, type KernelExports, type MemoryMode, type BuildName } from "./runtime/kernel.js";
export { StpOptionError, StpKernelError } from "./core/errors.js";
export {
  validateNetwork, NETWORK_DEFAULTS, type NetworkOptions, type NetworkSpec, type SynapseOptions, type RecordRequest, type Init,
} from "./network/options.js";
export { POISSON_DEFAULTS, type PoissonOptions } from "./models/poisson.js";
export { timeToStep, type SpikeTrainOptions } from "./models/spikeTrain.js";
export { LIF_DEFAULTS, type LifOptions } from "./models/lif.js";
export { SYNAPSE_DEFAULTS } from "./models/tm.js";
export { CONDUCTANCE_DEFAULTS } from "./models/conductance.js";
export { seedKey } from "./core/seed.js";
export { runLesson, resolveLesson, lessonNetwork, PRESETS, LESSON_DEFAULTS, type LessonOptions, type LessonRun, type Preset } from "./experiments/lesson.js";
export {
  rateSweep, resolveRateSweep, sweepTable, DEFAULT_SWEEP_RATES, DEFAULT_SWEEP_TRIALS,
  type RateSweepOptions, type RateSweepResult, type RateSweepRow, type RateSweepSettings,
} from "./experiments/sweep.js";
export {
  sweepGrid, resolveSweepGrid, rowSeed, inShard, checkShard, gridTable, MAX_SWEEP_ROWS, VARIABLE_OPTIONS, SEED_POLICIES,
  type SweepGridOptions, type SweepGridSettings, type SweepGridResult, type SweepGridRow, type SweepShard, type ResolvedSweepGrid, type SeedPolicy,
} from "./experiments/grid.js";
export { mergeShards, shardData, shardFileName, SweepMergeError, SHARD_FORMAT, SHARD_FORMAT_VERSION, type ShardData, type ShardRow } from "./experiments/merge.js";
export {
  steadyState, eulerFixedPoint, pairedPulseRatio, pairedPulseRatioEuler, trainStates, trainStatesEuler,
  inactivated, pspExp, expIntegral, type StpParams, type SpikeState,
} from "./science/theory.js";
export { pairedPulse, PAIRED_PULSE_INTERVALS, type PairedPulseOptions, type PairedPulseResult, type PairedPulseRow } from "./experiments/protocols/pairedPulse.js";
export { trainRecovery, TRAIN_RECOVERY_DELAYS, type TrainRecoveryOptions, type TrainRecoveryResult, type TrainRecoveryRow } from "./experiments/protocols/trainRecovery.js";
export { tsodyks1998, TPM1998_PANELS, type Tpm1998Panel, type Tpm1998Params } from "./experiments/protocols/tsodyks1998.js";
export { pairedPulseReport, trainRecoveryReport, tsodyks1998Report, type ProtocolReport } from "./present/protocolReports.js";
export type { SynapseProtocolOptions } from "./experiments/protocols/synapse.js";
export { fitTm, checkFitOptions, DEFAULT_RANGES, FIT_PARAMS, type FitOptions, type FitResult, type FitParam, type FitSettings, type Marginal } from "./fit/fit.js";
export { parseFitCsv, FitDataError, CSV_COLUMNS } from "./fit/csv.js";
export { checkTrainData, type TrainData, type Sweep } from "./fit/data.js";
export { TrainGrid, type CandidateGrid, type GridSums } from "./fit/trains.js";
export { efficacyAtSpikes, type EfficacyAtSpikes } from "./experiments/efficacy.js";
export type { Traces } from "./simulation.js";
export type { RecordArrays, SpikeCounts, NetworkInput, NetworkChecks, CheckedNetwork, ArrayOf, ComponentName, PopulationName } from "./network/typed.js";
