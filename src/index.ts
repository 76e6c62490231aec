// stp-wasm: short-term synaptic plasticity on a WebAssembly kernel. Public API, the same in Node
// and in a browser: nothing here imports a Node built-in (the Node-only parts, HTML report files,
// PNG pictures and the CLI, are in node.ts, the stp-wasm/node subpath).
export { Simulation, simulate, type RunResult, type RunOptions, type Trace, type SimulationOptions } from "./simulation.js";
export { Kernel, sharedMemoryAvailable, simdAvailable, setDefaultWasm, type KernelOptions, type KernelExports, type MemoryMode, type BuildName, type WasmSource } from "./runtime/kernel.js";
export { StpOptionError, StpKernelError, StpNonFiniteError } from "./core/errors.js";
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
export type { SynapseProtocolOptions } from "./experiments/protocols/synapse.js";
export { tum2000, resolveTum2000, tum2000Network, TUM2000, type Tum2000Options, type Tum2000Result, type Tum2000Summary } from "./experiments/papers/tum2000.js";
export {
  mongillo2008, resolveMongillo2008, mongillo2008Network, MBT2008, type Mongillo2008Options, type Mongillo2008Result, type Mongillo2008Summary,
} from "./experiments/papers/mongillo2008.js";
export { populationEvents, type EventRule, type PopulationEvent } from "./experiments/papers/activity.js";
export {
  renderLessonFigure, renderXYChart, PALETTE,
  type LessonFigure, type LessonFigureData, type XYChartData, type XYSeries,
} from "./present/chart.js";
export { sweepChartData, type SweepChartSet } from "./present/sweepFigure.js";
export { fitTm, checkFitOptions, DEFAULT_RANGES, FIT_PARAMS, type FitOptions, type FitResult, type FitParam, type FitSettings, type Marginal } from "./fit/fit.js";
export { parseFitCsv, FitDataError, CSV_COLUMNS } from "./fit/csv.js";
export { checkTrainData, type TrainData, type Sweep } from "./fit/data.js";
export { TrainGrid, type CandidateGrid, type GridSums } from "./fit/trains.js";
export { efficacyAtSpikes, type EfficacyAtSpikes } from "./experiments/efficacy.js";
export type { Traces } from "./simulation.js";
export type { RecordArrays, SpikeCounts, NetworkInput, NetworkChecks, CheckedNetwork, ArrayOf, ComponentName, PopulationName } from "./network/typed.js";
