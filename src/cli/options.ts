// The option tables of the commands (run, tutorial, sweep, merge, slurm sweep, the synapse protocols,
// fit, the papers): main.ts reads them for --help and parsing without loading any command's module.
import type { OptionDef } from "./args.js";
import { VARIABLE_OPTIONS } from "../experiments/lessonDefaults.js";

export const PNG_OPTION: OptionDef = { flag: "--png", key: "png", kind: "flag", help: "also write a PNG of each report, rendered in headless Chromium (/usr/bin/chromium or CHROMIUM_PATH)" };

export const RUN_OPTIONS: OptionDef[] = [
  { flag: "--preset", key: "preset", kind: "preset", help: "stf | std: the lesson's regime (U, tau_f, tau_d) (default stf)" },
  { flag: "--rate", key: "rateHz", kind: "number", help: "Poisson input rate in Hz (default 2)" },
  { flag: "--steps", key: "steps", kind: "int", help: "number of steps (default 5000)" },
  { flag: "--dt", key: "dt", kind: "number", help: "step in ms (default 1)" },
  { flag: "--seed", key: "seed", kind: "seed", help: "run seed, a number or a string (default 231)" },
  { flag: "--trials", key: "trials", kind: "int", help: "independent trials run side by side (default 1)" },
  { flag: "--resources", key: "resources", kind: "number", help: "resources U in [0, 1] (default from the preset)" },
  { flag: "--tau-f", key: "tauF", kind: "number", help: "facilitation time constant in ms, 0 = off (default from the preset)" },
  { flag: "--tau-d", key: "tauD", kind: "number", help: "depression time constant in ms, 0 = off (default from the preset)" },
  { flag: "--weight", key: "weight", kind: "number", help: "maximal efficacy W (default 2.5)" },
  { flag: "--tau-m", key: "tauM", kind: "number", help: "membrane time constant in ms (default 20)" },
  { flag: "--r-m", key: "rM", kind: "number", help: "the lesson's R_m; resistance = tau_m / dt * R_m (default 12)" },
  { flag: "--v-rest", key: "vRest", kind: "number", help: "resting potential in mV (default -60)" },
  { flag: "--v-reset", key: "vReset", kind: "number", help: "reset potential in mV (default -70)" },
  { flag: "--thr", key: "thr", kind: "number", help: "spike threshold in mV (default -50)" },
  { flag: "--refract", key: "refractTime", kind: "number", help: "refractory period in ms (default 0)" },
  { flag: "--spike-times", key: "spikeTimes", kind: "list", help: "T1,T2,... presynaptic spike times in ms, multiples of --dt, replacing the Poisson source; a spike at T lands on the step whose t = T" },
  { flag: "--integration", key: "integration", kind: "integration", help: "euler | exact: the synapse's update (default euler, the lesson's map)" },
  { flag: "--u-rest", key: "uRest", kind: "uRest", help: "0 | U: the value u relaxes to between spikes (default 0, the lesson's)" },
  { flag: "--tau-inact", key: "tauInact", kind: "number", help: "inactivation time constant in ms: three-state resources, needs --integration exact (default 0: off)" },
  { flag: "--release", key: "release", kind: "release", help: "deterministic | quantal: W u x per spike (default), or --sites release sites each releasing with probability u (implies --integration exact)" },
  { flag: "--sites", key: "sites", kind: "int", help: "release sites of the connection with --release quantal, 1 to 65535 (default 1)" },
  { flag: "--target", key: "target", kind: "target", help: "current | conductance: what the synapse drives (default current, the lesson's); a conductance g decays with --tau-syn and drives g (e_rev - v)" },
  { flag: "--e-rev", key: "eRev", kind: "number", help: "reversal potential in mV of a conductance target (default 0)" },
  { flag: "--tau-syn", key: "tauSyn", kind: "number", help: "synaptic time constant in ms: of the LIF's current (default 0: one-step pulses, the lesson's), or of the conductance with --target conductance (default 5)" },
  { flag: "--lif-integration", key: "lifIntegration", kind: "lifIntegration", help: "euler | midpoint | exact: the LIF's update (default euler, the lesson's)" },
  { flag: "--threads", key: "threads", kind: "int", help: "threads stepping the trials (default 1, at most 256; more than the cores is slower); results are identical for any number" },
  { flag: "--out", key: "out", kind: "text", help: "output folder (default stp-out/run); locked while the run writes it, its files replaced only when all are complete" },
  PNG_OPTION,
];
export const TUTORIAL_OPTIONS: OptionDef[] = [
  { flag: "--out", key: "out", kind: "text", help: "output folder for the four HTML reports (default stp-out)" },
  { flag: "--seed", key: "seed", kind: "seed", help: "run seed, a number or a string (default 231)" },
  PNG_OPTION,
];
const VARY_NAMES = RUN_OPTIONS.filter((d) => VARIABLE_OPTIONS.includes(d.key)).map((d) => d.flag.slice(2)).join(", ");

/** What defines a sweep's rows: run's options except the input (--rate, --spike-times), plus --rates, --vary, --seeds. */
export const SWEEP_GRID_OPTIONS: OptionDef[] = [
  { flag: "--rates", key: "rates", kind: "list", help: "R1,R2,... input rates in Hz (default 1,2,5,10,20,30,50,70,100)" },
  { flag: "--trials", key: "trials", kind: "int", help: "independent trials per row (default 20)" },
  { flag: "--vary", key: "vary", kind: "text", repeat: true, help: `NAME=V1,V2,...: run the sweep at each of these values of the option --NAME (repeatable); the rows are every combination with every rate, the first --vary slowest, the rates fastest. NAME: ${VARY_NAMES}` },
  { flag: "--seeds", key: "seeds", kind: "text", help: "shared | per-row: every row runs with --seed (default), or row i with the seed \"SEED/i\"" },
  ...RUN_OPTIONS.filter((d) => !["--rate", "--spike-times", "--trials", "--threads", "--out", "--png"].includes(d.flag)),
];

/** The sweep: its grid, the shard to run, the output. */
export const SWEEP_OPTIONS: OptionDef[] = [
  ...SWEEP_GRID_OPTIONS,
  { flag: "--shard", key: "shard", kind: "text", help: "I/N: run only the rows i with i mod N = I and write shard-I-of-N.json, for stp-wasm merge (default: from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT in a Slurm array job, or JOB_COMPLETION_INDEX with --shards in a Kubernetes Indexed Job)" },
  { flag: "--shards", key: "shards", kind: "int", help: "N: the number of shards, the shard index taken from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX" },
  { flag: "--out", key: "out", kind: "text", help: "output folder (default stp-out/sweep)" },
  PNG_OPTION,
];

export const MERGE_OPTIONS: OptionDef[] = [
  { flag: "--out", key: "out", kind: "text", help: "output folder for sweep.csv, sweep.json and sweep.html (default stp-out/sweep)" },
  PNG_OPTION,
];

/** `slurm sweep`: the sweep's grid, the array's size and output, Slurm's resources, --submit. */
export const SLURM_SWEEP_OPTIONS: OptionDef[] = [
  ...SWEEP_GRID_OPTIONS,
  { flag: "--shards", key: "shards", kind: "int", help: "N: tasks in the job array (required), task I runs the rows i with i mod N = I" },
  { flag: "--out", key: "out", kind: "text", help: "output folder, on a file system the compute nodes share (default stp-out/sweep): the merged sweep.csv/json/html; shards/ the tasks' shard files; slurm/ the scripts and logs" },
  { flag: "--submit", key: "submit", kind: "flag", help: "also submit: sbatch the array, then the merge job with --dependency=afterok on it" },
  { flag: "--partition", key: "partition", kind: "text", help: "Slurm partition for both jobs (default: the cluster's default)" },
  { flag: "--time", key: "time", kind: "text", help: "time limit per task, as sbatch --time takes it, e.g. 30:00 (default: the partition's)" },
  { flag: "--mem", key: "mem", kind: "text", help: "memory per task, as sbatch --mem takes it, e.g. 2G (default: the partition's)" },
  { flag: "--account", key: "account", kind: "text", help: "Slurm account to charge (default: yours)" },
  { flag: "--max-parallel", key: "maxParallel", kind: "int", help: "K: at most K tasks of the array at once (--array=0-(N-1)%K)" },
  { flag: "--sbatch", key: "sbatch", kind: "text", repeat: true, help: "an extra sbatch option for both jobs, e.g. --sbatch=--qos=short (repeatable)" },
  PNG_OPTION,
];

/** RUN_OPTIONS' definitions of these flags. */
export const runFlags = (...flags: string[]): OptionDef[] => flags.map((f) => RUN_OPTIONS.find((d) => d.flag === f)!);

/** The synapse options every synapse protocol takes (src/experiments/protocols/synapse.ts); two defaults differ from run's. */
export const SYNAPSE_PROTOCOL_OPTIONS: OptionDef[] = [
  ...runFlags("--preset", "--resources", "--tau-f", "--tau-d", "--u-rest", "--tau-inact"),
  { flag: "--integration", key: "integration", kind: "integration", help: "exact | euler: the continuous model or the lesson's map (default exact)" },
  { flag: "--dt", key: "dt", kind: "number", help: "step in ms (default 0.1)" },
];

/** `stp-wasm fit`. */
export const FIT_OPTIONS: OptionDef[] = [
  { flag: "--range", key: "range", kind: "text", repeat: true, help: "NAME=LO:HI: the prior range of U (default 0.01:0.99), tauF or tauD (ms, LO > 0; default 1:5000), uniform in U and in ln tau (repeatable)" },
  { flag: "--fix", key: "fix", kind: "text", repeat: true, help: "NAME=V: hold U, tauF, tauD, A or sigma at V (e.g. --fix tauF=0: depression only; tau = 0 switches its term off) (repeatable)" },
  { flag: "--seed", key: "seed", kind: "int", help: "seed of the posterior draws of A and sigma (default 1)" },
  { flag: "--out", key: "out", kind: "text", help: "output folder (default stp-out/fit): writes fit.json and fit.html" },
  PNG_OPTION,
];

/** The options every paper takes. */
const common = (name: string): OptionDef[] => [
  { flag: "--seed", key: "seed", kind: "seed", help: "run seed, a number or a string: connections, parameters, noise (default 1)" },
  { flag: "--threads", key: "threads", kind: "int", help: "threads (default 1); results are identical for any number" },
  { flag: "--out", key: "out", kind: "text", help: `output folder (default stp-out/${name}): report.html and summary.json` },
  PNG_OPTION,
];

/** `stp-wasm paper tum2000`. */
export const TUM2000_OPTIONS: OptionDef[] = [
  { flag: "--duration", key: "durationMs", kind: "number", help: "simulated ms after the burn-in, analysed (default 10000)" },
  { flag: "--burn-in", key: "burnInMs", kind: "number", help: "simulated ms before, not analysed (default 1000)" },
  ...common("tum2000"),
];

/** `stp-wasm paper mongillo2008`. */
export const MONGILLO2008_OPTIONS: OptionDef[] = [
  { flag: "--duration", key: "durationMs", kind: "number", help: "simulated ms (default 4000)" },
  { flag: "--cue-start", key: "cueStartMs", kind: "number", help: "cue onset in ms; the cue lasts 350 ms (default 1000)" },
  { flag: "--cue-population", key: "cuePopulation", kind: "int", help: "the cued selective population, 1 to 5 (default 1: S1)" },
  { flag: "--mu-e", key: "muE", kind: "number", help: "mean external input onto E in mV (default 24.0; at 23.5 no reactivation, at 25 uncued populations fire population spikes too)" },
  { flag: "--u", key: "U", kind: "number", help: "U of the E -> E synapses (default 0.19)" },
  ...common("mongillo2008"),
];
