// The command line: `stp-wasm tutorial` (the lesson's four runs), `stp-wasm run` (one setting) and
// `stp-wasm sweep` (the rate sweep, over a grid with --vary, one shard of it with --shard),
// `stp-wasm merge` (shards into the whole sweep), `stp-wasm fit` (STP fitted to recorded PSC trains),
// `stp-wasm slurm sweep` (a sweep as a Slurm job array), `stp-wasm protocol NAME` (paired-pulse,
// train-recovery, rate-sweep, tsodyks1998; see src/experiments/protocols/) and `stp-wasm paper NAME`
// (tum2000, mongillo2008: the recurrent classics, src/experiments/papers/); `--png` also pictures
// each report in headless Chromium.
import { StpBusyError, StpKernelError, StpOptionError, show } from "../core/errors.js";
import { didYouMean } from "../core/suggest.js";
import { ChromiumMissingError } from "../present/png.js";
import { flagNames, parseArgs, UsageError, type Io, type OptionDef } from "./args.js";
import { OutputWriteError, describeErrno } from "./atomic.js";
import { terminal } from "./terminal.js";
import {
  FIT_OPTIONS, MERGE_OPTIONS, MONGILLO2008_OPTIONS, RUN_OPTIONS, SLURM_SWEEP_OPTIONS, SWEEP_OPTIONS, SYNAPSE_PROTOCOL_OPTIONS, TUM2000_OPTIONS, TUTORIAL_OPTIONS,
} from "./options.js";
import type { Produce } from "./commands/protocol.js";
import type { PairedPulseOptions } from "../experiments/protocols/pairedPulse.js";
import type { TrainRecoveryOptions } from "../experiments/protocols/trainRecovery.js";

export type { Io } from "./args.js";
export { parseArgs, fmt } from "./args.js";

interface Command {
  summary: string;
  options: OptionDef[];
  /** Arguments that are not options, as the usage line names them (e.g. "SHARD_DIR..."); none when absent. */
  positional?: string;
  /** Runs the command; returns its exit code when not 0. */
  action: (values: Record<string, unknown>, io: Io, positional: string[]) => Promise<number | void>;
}

type Action = Command["action"];

/**
 * An action whose module is imported when the command runs, not when the CLI starts: `--help` and
 * each command load only what they use (a fast start; modules are cached, so a second call is cheap).
 */
const lazy = <M>(load: () => Promise<M>, pick: (m: M) => Action): Action => async (values, io, positional) => pick(await load())(values, io, positional);

const runCommand = lazy(() => import("./commands/run.js"), (m) => m.run);
const sweepCommand = lazy(() => import("./commands/sweep.js"), (m) => m.sweep);

/** Commands that are a group word and a name, e.g. "protocol paired-pulse", "slurm sweep", "paper tum2000". */
const GROUPS = ["protocol", "slurm", "paper"];

/** The command "protocol NAME": its options plus --out, run by protocolCommand. */
function protocol(name: string, summary: string, options: OptionDef[], produce: Produce): Record<string, Command> {
  const out: OptionDef = { flag: "--out", key: "out", kind: "text", help: `output folder (default stp-out): writes ${name}.html and ${name}.json` };
  return { [`protocol ${name}`]: { summary, options: [...options, out], action: lazy(() => import("./commands/protocol.js"), (m) => (values, io) => m.protocolCommand(name, values, io, produce)) } };
}

const SWEEP_SUMMARY = "run the lesson at several input rates, many trials each, over a grid of options with --vary, in shards with --shard; print post/pre and efficacy per spike, write sweep.csv, sweep.json and sweep.html";

const COMMANDS: Record<string, Command> = {
  tutorial: { summary: "run the lesson's four settings (STF and STD at 2 and 20 Hz, 5000 steps), print a table, write HTML reports", options: TUTORIAL_OPTIONS, action: lazy(() => import("./commands/tutorial.js"), (m) => m.tutorial) },
  run: { summary: "run one setting of the lesson; write trace.csv, summary.json and plot.html", options: RUN_OPTIONS, action: runCommand },
  sweep: { summary: `${SWEEP_SUMMARY} (shorthand for protocol rate-sweep)`, options: SWEEP_OPTIONS, action: sweepCommand },
  merge: {
    summary: "check that shards of one sweep (stp-wasm sweep --shard I/N) are all there, once each, and merge them into sweep.csv, sweep.json and sweep.html, the files an unsharded sweep writes",
    options: MERGE_OPTIONS, positional: "SHARD_DIR...", action: lazy(() => import("./commands/merge.js"), (m) => m.merge),
  },
  fit: {
    summary: "fit the Tsodyks-Markram model (U, tauF, tauD, amplitude A, noise sigma) to recorded PSC trains in a CSV (columns sweep,t,amplitude); print the best fit and 95% intervals, write fit.json and fit.html",
    options: FIT_OPTIONS, positional: "DATA.csv", action: lazy(() => import("./commands/fit.js"), (m) => m.fit),
  },
  "slurm sweep": {
    summary: "write (and with --submit submit) a Slurm job array that runs a sweep in --shards N shards, and a merge job that runs after it",
    options: SLURM_SWEEP_OPTIONS, action: lazy(() => import("./commands/slurm.js"), (m) => m.slurmSweep),
  },
  ...protocol("paired-pulse", "paired-pulse ratio against inter-spike interval, simulated and in closed form", [...SYNAPSE_PROTOCOL_OPTIONS,
    { flag: "--intervals", key: "intervals", kind: "list", help: "I1,I2,... inter-spike intervals in ms, multiples of dt (default 5 ms to 2 s)" },
  ], async (o) => {
    const [{ pairedPulse }, { pairedPulseReport }] = await Promise.all([import("../experiments/protocols/pairedPulse.js"), import("../present/protocolReports.js")]);
    const result = await pairedPulse(o as PairedPulseOptions);
    return { report: pairedPulseReport(result), data: result };
  }),
  ...protocol("train-recovery", "a regular train after rest, then a recovery spike at each delay", [...SYNAPSE_PROTOCOL_OPTIONS,
    { flag: "--rate", key: "rateHz", kind: "number", help: "train rate in Hz (default 20)" },
    { flag: "--spikes", key: "spikes", kind: "int", help: "spikes in the train (default 10)" },
    { flag: "--delays", key: "delays", kind: "list", help: "D1,D2,... delays in ms after the train's last spike, multiples of dt (default 25 ms to 5 s)" },
  ], async (o) => {
    const [{ trainRecovery }, { trainRecoveryReport }] = await Promise.all([import("../experiments/protocols/trainRecovery.js"), import("../present/protocolReports.js")]);
    const result = await trainRecovery(o as TrainRecoveryOptions);
    return { report: trainRecoveryReport(result), data: result };
  }),
  "protocol rate-sweep": { summary: `steady-state efficacy per spike and post/pre against the input rate: ${SWEEP_SUMMARY}`, options: SWEEP_OPTIONS, action: sweepCommand },
  ...protocol("tsodyks1998", "Tsodyks, Pawelzik & Markram (1998) Fig. 1 against NEST's values for it", [
    { flag: "--dt", key: "dt", kind: "number", help: "step in ms, 0.1 / k for a whole k (default 0.1)" },
  ], async (o) => {
    const [{ tsodyks1998 }, { tsodyks1998Report }] = await Promise.all([import("../experiments/protocols/tsodyks1998.js"), import("../present/protocolReports.js")]);
    const panels = await tsodyks1998(o as { dt?: number });
    const data = panels.map(({ name, title, params, sampleT, nestV, ourV, maxAbsError }) => ({ name, title, params, sampleT, nestV, ourV, maxAbsError }));
    return { report: tsodyks1998Report(panels, (o.dt as number | undefined) ?? 0.1), data };
  }),
  "paper tum2000": {
    summary: "Tsodyks, Uziel & Markram (2000): 400 E + 100 I LIF with per-connection depressing and facilitating synapses, population bursts; print the bursts, write report.html and summary.json",
    options: TUM2000_OPTIONS, action: lazy(() => import("./commands/paper.js"), (m) => m.paperTum2000),
  },
  "paper mongillo2008": {
    summary: "Mongillo, Barak & Tsodyks (2008): working memory in facilitating synapses, 8000 E + 2000 I, a cue to one of five populations and its reactivation by population spikes; write report.html and summary.json",
    options: MONGILLO2008_OPTIONS, action: lazy(() => import("./commands/paper.js"), (m) => m.paperMongillo2008),
  },
};

/** The commands of a group, by their name after the group word. */
const inGroup = (group: string) => Object.entries(COMMANDS).filter(([name]) => name.startsWith(`${group} `)).map(([name, c]) => [name.slice(group.length + 1), c] as const);

function usage(command?: string): string {
  if (command && GROUPS.includes(command)) {
    return `usage: stp-wasm ${command} <name> [options]\n\n${command === "protocol" ? "protocols" : command === "paper" ? "papers" : "commands"}:\n` + inGroup(command)
      .map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`).join("\n") + `\n\nstp-wasm ${command} <name> --help lists its options.\n`;
  }
  if (command && COMMANDS[command]) {
    const c = COMMANDS[command];
    const width = Math.max(...c.options.map((d) => d.flag.length)) + 2;
    return `usage: stp-wasm ${command} [options]${c.positional ? ` ${c.positional}` : ""}\n\n${c.summary}.\n\noptions (--name VALUE or --name=VALUE; negative numbers need --name=-60):\n` +
      c.options.map((d) => `  ${d.flag.padEnd(width)}${d.help}`).join("\n") + `\n  ${"--help".padEnd(width)}this text\n`;
  }
  return "usage: stp-wasm <command> [options]\n\ncommands:\n" +
    Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(24)}${c.summary}`).join("\n") +
    "\n\nstp-wasm <command> --help lists the command's options.\n";
}

/**
 * Whether `err` is an instance of a class of a module that only some commands load: its module is
 * imported only when the error's name matches (it was then loaded by the command that threw it).
 */
async function isError(err: unknown, name: string, load: () => Promise<abstract new (...args: never[]) => Error>): Promise<boolean> {
  return err instanceof Error && err.name === name && err instanceof await load();
}

/**
 * The message of a failure that is not a bug (a kernel refusal, an output that could not be written,
 * a file-system error, stp-wasm's own errors such as a memory it could not reserve), or undefined:
 * those get their message, anything else its stack.
 */
function expectedFailure(err: unknown): string | undefined {
  if (err instanceof StpKernelError || err instanceof OutputWriteError) return err.message;
  const e = err as NodeJS.ErrnoException;
  if (e instanceof Error && typeof e.code === "string" && typeof e.syscall === "string") {
    return `${describeErrno(e)}${e.path ? `: ${e.syscall} ${e.path}` : `: ${e.syscall}`}`;
  }
  if (e instanceof Error && e.message.startsWith("stp-wasm: ")) return e.message.slice("stp-wasm: ".length);
  return undefined;
}

/** Run the CLI; returns the exit code (0 ok, 2 bad usage or options or a busy --out, 1 failure, 130 or 143 after SIGINT or SIGTERM). */
export async function main(args: string[], io: Io = terminal()): Promise<number> {
  let [command, ...rest] = args;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.out(usage(rest[0]));
    return command === undefined ? 2 : 0;
  }
  if (GROUPS.includes(command)) {
    // `protocol NAME ...` is the command "protocol NAME" (and so for slurm)
    const name = rest[0];
    if (name === undefined || name === "--help" || name === "-h") {
      io.out(usage(command));
      return name === undefined ? 2 : 0;
    }
    if (!COMMANDS[`${command} ${name}`]) {
      io.err(`stp-wasm ${command}: unknown ${command === "protocol" || command === "paper" ? command : `${command} command`} ${show(name)}${didYouMean(name, inGroup(command).map(([n]) => n))}; allowed: ${inGroup(command).map(([n]) => n).join(", ")}\n\n${usage(command)}`);
      return 2;
    }
    command = `${command} ${name}`;
    rest = rest.slice(1);
  }
  const spec = COMMANDS[command];
  if (!spec) {
    io.err(`stp-wasm: unknown command ${show(command)}${didYouMean(command, Object.keys(COMMANDS))}; allowed: ${Object.keys(COMMANDS).join(", ")}\n\n${usage()}`);
    return 2;
  }
  try {
    const { values, help, positional } = parseArgs(spec.options, rest, spec.positional !== undefined);
    if (help) {
      io.out(usage(command));
      return 0;
    }
    return (await spec.action(values, io, positional)) ?? 0;
  } catch (err) {
    if (err instanceof StpOptionError) {
      io.err(`stp-wasm ${command}: ${err.renamed(flagNames(spec.options)).message}\n`);
      return 2;
    }
    if (err instanceof ChromiumMissingError) {
      io.err(`stp-wasm ${command}: --png: ${err.message}. The other outputs were written; no PNG was.\n`);
      return 1;
    }
    if (await isError(err, "SweepMergeError", async () => (await import("../experiments/merge.js")).SweepMergeError)) {
      io.err(`stp-wasm ${command}: ${(err as Error).message}\nnothing was written.\n`);
      return 1;
    }
    if (await isError(err, "SlurmSubmitError", async () => (await import("./commands/slurm.js")).SlurmSubmitError)) {
      io.err(`stp-wasm ${command}: ${(err as Error).message}\n`);
      return 1;
    }
    if (err instanceof UsageError) {
      io.err(`stp-wasm ${command}: ${err.message}\n(see stp-wasm ${command} --help)\n`);
      return 2;
    }
    if (err instanceof StpBusyError) {
      io.err(`stp-wasm ${command}: ${err.message}\n`);
      return 2;
    }
    const message = expectedFailure(err);
    if (message !== undefined) {
      io.err(`stp-wasm ${command}: ${message}\n`);
      return 1;
    }
    io.err(`stp-wasm ${command}: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return 1;
  }
}
