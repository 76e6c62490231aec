// The option tables of the lesson-based commands (run, tutorial, sweep) and of the synapse protocols.
import type { OptionDef } from "./args.js";

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
  { flag: "--tau-syn", key: "tauSyn", kind: "number", help: "synaptic current time constant in ms (default 0: one-step pulses, the lesson's)" },
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
/** The sweep takes run's options except the input (--rate, --spike-times), plus --rates. */
export const SWEEP_OPTIONS: OptionDef[] = [
  { flag: "--rates", key: "rates", kind: "list", help: "R1,R2,... input rates in Hz (default 1,2,5,10,20,30,50,70,100)" },
  { flag: "--trials", key: "trials", kind: "int", help: "independent trials per rate (default 20)" },
  ...RUN_OPTIONS.filter((d) => !["--rate", "--spike-times", "--trials", "--threads", "--out", "--png"].includes(d.flag)),
  { flag: "--out", key: "out", kind: "text", help: "output folder (default stp-out/sweep)" },
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
