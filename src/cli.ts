// The command line: `stp-wasm tutorial` (the lesson's four runs), `stp-wasm run` (one setting) and
// `stp-wasm sweep` (the rate sweep) and `stp-wasm protocol NAME` (paired-pulse, train-recovery,
// rate-sweep, tsodyks1998; see src/protocols/); `--png` also pictures each report in headless Chromium.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { StpOptionError, show } from "./errors.js";
import { resolveLesson, runLesson, type LessonOptions, type LessonRun, type Preset } from "./lesson.js";
import { ChromiumMissingError, renderPngs, type PngJob } from "./png.js";
import { lessonReportHtml, sweepReportHtml } from "./report.js";
import { rateSweep, resolveRateSweep, sweepLabel, sweepTable, type RateSweepOptions } from "./sweep.js";
import { table } from "./table.js";
import { pairedPulse, type PairedPulseOptions } from "./protocols/pairedPulse.js";
import { trainRecovery, type TrainRecoveryOptions } from "./protocols/trainRecovery.js";
import { tsodyks1998 } from "./protocols/tsodyks1998.js";
import { pairedPulseReport, trainRecoveryReport, tsodyks1998Report, type ProtocolReport } from "./protocols/report.js";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Environment (CHROMIUM_PATH) (default process.env). */
  env?: Record<string, string | undefined>;
  /** Clock in ms for the progress bar (default performance.now). */
  now?: () => number;
}
const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

type Kind = "number" | "int" | "seed" | "text" | "list" | "preset" | "integration" | "lifIntegration" | "uRest" | "flag";
interface OptionDef {
  flag: string;
  /** The lesson option it sets, or a CLI-only key. */
  key: string;
  kind: Kind;
  help: string;
}

const PNG_OPTION: OptionDef = { flag: "--png", key: "png", kind: "flag", help: "also write a PNG of each report, rendered in headless Chromium (/usr/bin/chromium or CHROMIUM_PATH)" };

const RUN_OPTIONS: OptionDef[] = [
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
  { flag: "--spike-times", key: "spikeTimes", kind: "list", help: "T1,T2,... presynaptic spike times in ms, replacing the Poisson source; a spike at T lands on the step whose t = T" },
  { flag: "--integration", key: "integration", kind: "integration", help: "euler | exact: the synapse's update (default euler, the lesson's map)" },
  { flag: "--u-rest", key: "uRest", kind: "uRest", help: "0 | U: the value u relaxes to between spikes (default 0, the lesson's)" },
  { flag: "--tau-inact", key: "tauInact", kind: "number", help: "inactivation time constant in ms: three-state resources, needs --integration exact (default 0: off)" },
  { flag: "--tau-syn", key: "tauSyn", kind: "number", help: "synaptic current time constant in ms (default 0: one-step pulses, the lesson's)" },
  { flag: "--lif-integration", key: "lifIntegration", kind: "lifIntegration", help: "euler | midpoint | exact: the LIF's update (default euler, the lesson's)" },
  { flag: "--threads", key: "threads", kind: "int", help: "threads stepping the trials (default 1); results are identical for any number" },
  { flag: "--out", key: "out", kind: "text", help: "output folder (default stp-out/run)" },
  PNG_OPTION,
];
const TUTORIAL_OPTIONS: OptionDef[] = [
  { flag: "--out", key: "out", kind: "text", help: "output folder for the four HTML reports (default stp-out)" },
  { flag: "--seed", key: "seed", kind: "seed", help: "run seed, a number or a string (default 231)" },
  PNG_OPTION,
];
/** The sweep takes run's options except the input (--rate, --spike-times), plus --rates. */
const SWEEP_OPTIONS: OptionDef[] = [
  { flag: "--rates", key: "rates", kind: "list", help: "R1,R2,... input rates in Hz (default 1,2,5,10,20,30,50,70,100)" },
  { flag: "--trials", key: "trials", kind: "int", help: "independent trials per rate (default 20)" },
  ...RUN_OPTIONS.filter((d) => !["--rate", "--spike-times", "--trials", "--threads", "--out", "--png"].includes(d.flag)),
  { flag: "--out", key: "out", kind: "text", help: "output folder (default stp-out/sweep)" },
  PNG_OPTION,
];

/** RUN_OPTIONS' definitions of these flags. */
const runFlags = (...flags: string[]): OptionDef[] => flags.map((f) => RUN_OPTIONS.find((d) => d.flag === f)!);

/** The synapse options every synapse protocol takes (src/protocols/synapse.ts); two defaults differ from run's. */
const SYNAPSE_PROTOCOL_OPTIONS: OptionDef[] = [
  ...runFlags("--preset", "--resources", "--tau-f", "--tau-d", "--u-rest", "--tau-inact"),
  { flag: "--integration", key: "integration", kind: "integration", help: "exact | euler: the continuous model or the lesson's map (default exact)" },
  { flag: "--dt", key: "dt", kind: "number", help: "step in ms (default 0.1)" },
];

interface Command {
  summary: string;
  options: OptionDef[];
  action: (values: Record<string, unknown>, io: Io) => Promise<void>;
}

type Produce = (options: Record<string, unknown>) => Promise<{ report: ProtocolReport; data: unknown }>;

/** The command "protocol NAME": its options plus --out, run by protocolCommand. */
function protocol(name: string, summary: string, options: OptionDef[], produce: Produce): Record<string, Command> {
  const out: OptionDef = { flag: "--out", key: "out", kind: "text", help: `output folder (default stp-out): writes ${name}.html and ${name}.json` };
  return { [`protocol ${name}`]: { summary, options: [...options, out], action: (values, io) => protocolCommand(name, values, io, produce) } };
}

const SWEEP_SUMMARY = "run the lesson at several input rates, many trials each; print post/pre and efficacy per spike, write sweep.csv, sweep.json and sweep.html";

const COMMANDS: Record<string, Command> = {
  tutorial: { summary: "run the lesson's four settings (STF and STD at 2 and 20 Hz, 5000 steps), print a table, write HTML reports", options: TUTORIAL_OPTIONS, action: tutorial },
  run: { summary: "run one setting of the lesson; write trace.csv, summary.json and plot.html", options: RUN_OPTIONS, action: run },
  sweep: { summary: `${SWEEP_SUMMARY} (shorthand for protocol rate-sweep)`, options: SWEEP_OPTIONS, action: sweep },
  ...protocol("paired-pulse", "paired-pulse ratio against inter-spike interval, simulated and in closed form", [...SYNAPSE_PROTOCOL_OPTIONS,
    { flag: "--intervals", key: "intervals", kind: "list", help: "I1,I2,... inter-spike intervals in ms, multiples of dt (default 5 ms to 2 s)" },
  ], async (o) => {
    const result = await pairedPulse(o as PairedPulseOptions);
    return { report: pairedPulseReport(result), data: result };
  }),
  ...protocol("train-recovery", "a regular train after rest, then a recovery spike at each delay", [...SYNAPSE_PROTOCOL_OPTIONS,
    { flag: "--rate", key: "rateHz", kind: "number", help: "train rate in Hz (default 20)" },
    { flag: "--spikes", key: "spikes", kind: "int", help: "spikes in the train (default 10)" },
    { flag: "--delays", key: "delays", kind: "list", help: "D1,D2,... delays in ms after the train's last spike, multiples of dt (default 25 ms to 5 s)" },
  ], async (o) => {
    const result = await trainRecovery(o as TrainRecoveryOptions);
    return { report: trainRecoveryReport(result), data: result };
  }),
  "protocol rate-sweep": { summary: `steady-state efficacy per spike and post/pre against the input rate: ${SWEEP_SUMMARY}`, options: SWEEP_OPTIONS, action: sweep },
  ...protocol("tsodyks1998", "Tsodyks, Pawelzik & Markram (1998) Fig. 1 against NEST's values for it", [
    { flag: "--dt", key: "dt", kind: "number", help: "step in ms, 0.1 / k for a whole k (default 0.1)" },
  ], async (o) => {
    const panels = await tsodyks1998(o as { dt?: number });
    const data = panels.map(({ name, title, params, sampleT, nestV, ourV, maxAbsError }) => ({ name, title, params, sampleT, nestV, ourV, maxAbsError }));
    return { report: tsodyks1998Report(panels, (o.dt as number | undefined) ?? 0.1), data };
  }),
};

/** A usage error: printed with the usage hint, exit code 2. */
class UsageError extends Error {}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function parseValue(def: OptionDef, raw: string): unknown {
  const bad = (allowed: string): never => { throw new StpOptionError(def.flag, raw, allowed); };
  switch (def.kind) {
    case "number":
      return NUMBER.test(raw.trim()) ? Number(raw) : bad("a number, e.g. 20 or -60 or 1e-3");
    case "int":
      return /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : bad("a whole number");
    case "seed":
      return NUMBER.test(raw.trim()) ? Number(raw) : raw;
    case "list":
      if (raw.trim() === "") bad("a comma-separated list of numbers, e.g. 10,20,35");
      return raw.split(",").map((s) => (NUMBER.test(s.trim()) ? Number(s) : bad(`a comma-separated list of numbers; "${s}" is not a number`)));
    case "preset":
      return raw === "stf" || raw === "std" ? raw : bad("stf or std");
    case "integration":
      return raw === "euler" || raw === "exact" ? raw : bad("euler or exact");
    case "flag":
      return bad(`nothing: ${def.flag} takes no value`);
    case "lifIntegration":
      return raw === "euler" || raw === "midpoint" || raw === "exact" ? raw : bad("euler, midpoint or exact");
    case "uRest":
      return raw === "0" ? 0 : raw === "U" ? raw : bad("0 or U");
    default:
      return raw;
  }
}

/** Parse `--name value` and `--name=value` against the command's table; unknown options are errors. */
export function parseArgs(defs: OptionDef[], args: string[]): { values: Record<string, unknown>; help: boolean } {
  const values: Record<string, unknown> = {};
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") { help = true; continue; }
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument ${show(arg)}; options start with --`);
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const def = defs.find((d) => d.flag === flag);
    if (!def) throw new UsageError(`unknown option ${flag}; allowed: ${defs.map((d) => d.flag).join(", ")}, --help`);
    if (def.key in values) throw new UsageError(`option ${flag} is given twice`);
    if (def.kind === "flag" && eq < 0) {
      values[def.key] = true;
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) throw new UsageError(`option ${flag} needs a value (write ${flag}=VALUE)`);
      raw = args[++i];
    }
    values[def.key] = parseValue(def, raw);
  }
  return { values, help };
}

function usage(command?: string): string {
  if (command === "protocol") {
    return "usage: stp-wasm protocol <name> [options]\n\nprotocols:\n" + Object.entries(COMMANDS).filter(([name]) => name.startsWith("protocol "))
      .map(([name, c]) => `  ${name.slice(9).padEnd(16)}${c.summary}`).join("\n") + "\n\nstp-wasm protocol <name> --help lists its options.\n";
  }
  if (command && COMMANDS[command]) {
    const c = COMMANDS[command];
    const width = Math.max(...c.options.map((d) => d.flag.length)) + 2;
    return `usage: stp-wasm ${command} [options]\n\n${c.summary}.\n\noptions (--name VALUE or --name=VALUE; negative numbers need --name=-60):\n` +
      c.options.map((d) => `  ${d.flag.padEnd(width)}${d.help}`).join("\n") + `\n  ${"--help".padEnd(width)}this text\n`;
  }
  return "usage: stp-wasm <command> [options]\n\ncommands:\n" +
    Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(24)}${c.summary}`).join("\n") +
    "\n\nstp-wasm <command> --help lists the command's options.\n";
}

/** 9 significant digits: enough for any float32 to read back to the same value. */
export function fmt(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(9))) : String(v);
}

/** Lesson option key -> flag, so that errors name what the user typed. */
function flagNames(defs: OptionDef[]): Record<string, string> {
  return Object.fromEntries(defs.map((d) => [d.key, d.flag]));
}

function traceCsv(run: LessonRun): string {
  const lines = ["t,pre,u,x,wdyn,v,post"];
  for (let i = 0; i < run.t.length; i++) {
    lines.push(`${fmt(run.t[i])},${run.pre[i]},${fmt(run.u[i])},${fmt(run.x[i])},${fmt(run.wdyn[i])},${fmt(run.v[i])},${run.post[i]}`);
  }
  return lines.join("\n") + "\n";
}

const ratio = (post: number, pre: number) => (pre > 0 ? (post / pre).toFixed(4) : "n/a");

/** --png: picture each HTML report next to it (x.html -> x.png) in headless Chromium. */
async function writePngs(htmlFiles: string[], io: Io): Promise<void> {
  const jobs: PngJob[] = htmlFiles.map((html) => ({ html, png: html.replace(/\.html$/, "") + ".png" }));
  await renderPngs(jobs, { env: io.env ?? process.env });
  io.out(`pictures: ${jobs.map((j) => j.png).join(", ")}\n`);
}

async function tutorial(values: Record<string, unknown>, io: Io): Promise<void> {
  const out = (values.out as string | undefined) ?? "stp-out";
  const seed = (values.seed as number | string | undefined) ?? 231;
  const settings: [Preset, number][] = [["stf", 2], ["stf", 20], ["std", 2], ["std", 20]];
  const runs = settings.map(([preset, rateHz]) => resolveLesson({ preset, rateHz, seed }));
  mkdirSync(out, { recursive: true });
  const rows: string[][] = [];
  const files: string[] = [];
  for (const o of runs) {
    const run = await runLesson(o);
    const n = run.u.length;
    rows.push([o.preset.toUpperCase(), `${o.rateHz} Hz`, String(run.preSpikes[0]), String(run.postSpikes[0]),
      ratio(run.postSpikes[0], run.preSpikes[0]), run.u[n - 1].toFixed(4), run.x[n - 1].toFixed(4)]);
    const file = join(out, `${o.preset}-${o.rateHz}hz.html`);
    writeFileSync(file, lessonReportHtml(run, `${o.preset.toUpperCase()}-dominated synapse, ${o.rateHz} Hz Poisson input`));
    files.push(file);
  }
  io.out(`ngc-learn's STP lesson: Poisson -> STP synapse (W = 2.5) -> LIF, 5000 steps of 1 ms, seed ${JSON.stringify(seed)}\n\n`);
  io.out(table(["regime", "rate", "pre spikes", "post spikes", "post/pre", "final u", "final x"], rows));
  io.out(`\npost/pre is post spikes / pre spikes (the transmission ratio).\nreports: ${files.join(", ")}\n`);
  if (values.png) await writePngs(files, io);
}

/** Steps of trace kept for plot.html; longer runs stream every step to trace.csv and plot the first ones. */
export const PLOT_STEPS = 200_000;

/** A progress bar on stderr, shown once a run has taken more than a second. */
function progressBar(io: Io): (done: number, total: number) => void {
  const now = io.now ?? (() => performance.now());
  const start = now();
  let shown = false;
  return (done, total) => {
    const elapsed = now() - start;
    if (elapsed < 1000 && !shown) return;
    shown = true;
    const width = 30;
    const filled = Math.round((done / total) * width);
    const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
    io.err(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${((100 * done) / total).toFixed(0).padStart(3)}% ` +
      `${(elapsed / 1000).toFixed(1)} s, ${(eta / 1000).toFixed(1)} s left${done >= total ? "\n" : ""}`);
  };
}

async function run(values: Record<string, unknown>, io: Io): Promise<void> {
  const { out: outValue, png: _png, threads, ...lesson } = values;
  const out = (outValue as string | undefined) ?? join("stp-out", "run");
  const o = resolveLesson(lesson as LessonOptions);
  mkdirSync(out, { recursive: true });
  // trace.csv is written chunk by chunk, so a run longer than memory holds still completes; the
  // first PLOT_STEPS steps are kept for the report
  const csv = openSync(join(out, "trace.csv"), "w");
  writeSync(csv, "t,pre,u,x,wdyn,v,post\n");
  const kept = { pre: [] as Uint8Array[], u: [] as Float32Array[], x: [] as Float32Array[], wdyn: [] as Float32Array[], v: [] as Float32Array[], post: [] as Uint8Array[] };
  let keptSteps = 0;
  let result: LessonRun;
  try {
    result = await runLesson(o, { threads: threads as number | undefined }, {
      keep: false,
      onChunk: progressBar(io),
      onRecords: (chunk) => {
        const [pre, u, x, wdyn, v, post] = [chunk.records.z0.spikes, chunk.records.W.u, chunk.records.W.x, chunk.records.W.wdyn, chunk.records.z1.v, chunk.records.z1.spikes].map((t) => t.data);
        const lines: string[] = [];
        for (let i = 0; i < chunk.steps; i++) {
          lines.push(`${fmt((chunk.firstStep + i + 1) * o.dt)},${pre[i]},${fmt(u[i])},${fmt(x[i])},${fmt(wdyn[i])},${fmt(v[i])},${post[i]}\n`);
        }
        writeSync(csv, lines.join(""));
        const take = Math.min(chunk.steps, PLOT_STEPS - keptSteps);
        if (take > 0) {
          kept.pre.push((pre as Uint8Array).subarray(0, take));
          kept.u.push((u as Float32Array).subarray(0, take));
          kept.x.push((x as Float32Array).subarray(0, take));
          kept.wdyn.push((wdyn as Float32Array).subarray(0, take));
          kept.v.push((v as Float32Array).subarray(0, take));
          kept.post.push((post as Uint8Array).subarray(0, take));
          keptSteps += take;
        }
      },
    });
  } finally {
    closeSync(csv);
  }
  const join8 = (parts: Uint8Array[]) => { const a = new Uint8Array(keptSteps); let k = 0; for (const p of parts) { a.set(p, k); k += p.length; } return a; };
  const join32 = (parts: Float32Array[]) => { const a = new Float32Array(keptSteps); let k = 0; for (const p of parts) { a.set(p, k); k += p.length; } return a; };
  const plotted: LessonRun = {
    ...result, t: Float64Array.from({ length: keptSteps }, (_, i) => (i + 1) * o.dt),
    pre: join8(kept.pre), u: join32(kept.u), x: join32(kept.x), wdyn: join32(kept.wdyn), v: join32(kept.v), post: join8(kept.post),
  };
  const summary = {
    parameters: { ...o, resistM: (o.tauM / o.dt) * o.rM, source: o.spikeTimes ? "spikeTrain" : "poisson" },
    trials: o.trials,
    preSpikes: result.preSpikes,
    postSpikes: result.postSpikes,
    transmissionRatio: result.transmissionRatio.map((r) => (Number.isFinite(r) ? r : null)),
    notes: "transmissionRatio = postSpikes / preSpikes per trial (null where preSpikes = 0); trace.csv is trial 1",
  };
  writeFileSync(join(out, "summary.json"), JSON.stringify(summary, null, 2) + "\n");
  const source = o.spikeTimes ? `${o.spikeTimes.length}-spike train` : `${o.rateHz} Hz Poisson input`;
  const shownNote = keptSteps < o.steps ? ` (first ${keptSteps} of ${o.steps} steps shown)` : "";
  writeFileSync(join(out, "plot.html"), lessonReportHtml(plotted, `${o.preset.toUpperCase()} preset, ${source}${shownNote}`));
  const n = plotted.u.length;
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const last = (a: Float32Array) => (keptSteps === o.steps ? a[n - 1].toFixed(4) : "-");
  io.out(table(["regime", "input", "pre spikes", "post spikes", "post/pre", "final u", "final x"], [[
    o.preset.toUpperCase(), source, String(result.preSpikes[0]), String(result.postSpikes[0]),
    ratio(result.postSpikes[0], result.preSpikes[0]), last(plotted.u), last(plotted.x),
  ]]));
  if (o.trials > 1) {
    io.out(`\nover ${o.trials} trials: pre spikes mean ${mean(result.preSpikes).toFixed(2)}, post spikes mean ${mean(result.postSpikes).toFixed(2)}` +
      ` (min ${Math.min(...result.postSpikes)}, max ${Math.max(...result.postSpikes)})\n`);
  }
  io.out(`\nwrote ${join(out, "trace.csv")}, ${join(out, "summary.json")}, ${join(out, "plot.html")}${shownNote}\n`);
  if (values.png) await writePngs([join(out, "plot.html")], io);
}

async function sweep(values: Record<string, unknown>, io: Io): Promise<void> {
  const { out: outValue, png, ...options } = values;
  const out = (outValue as string | undefined) ?? join("stp-out", "sweep");
  const { options: o } = resolveRateSweep(options as RateSweepOptions); // every option checked before anything runs
  io.out(`rate sweep, ${sweepLabel(o)}, W = ${o.weight}: ${o.trials} trials of ${o.steps} steps of ${o.dt} ms per rate, seed ${JSON.stringify(o.seed)}\n\n`);
  const result = await rateSweep(options as RateSweepOptions);
  const t = sweepTable(result);
  io.out(table(t.header, t.rows));
  mkdirSync(out, { recursive: true });
  const csv = ["rateHz,trials,preSpikes,postSpikes,transmissionRatio,efficacyPerSpike",
    ...result.rows.map((r) => [r.rateHz, r.trials, r.preSpikes, r.postSpikes, r.transmissionRatio, r.efficacyPerSpike].map(fmt).join(","))];
  writeFileSync(join(out, "sweep.csv"), csv.join("\n") + "\n");
  const json = {
    options: o,
    rows: result.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number.isFinite(v) ? v : null]))),
    notes: "preSpikes and postSpikes are means per trial; transmissionRatio = total post / total pre; efficacyPerSpike = mean u x over all pre spikes (null where there was no pre spike)",
  };
  writeFileSync(join(out, "sweep.json"), JSON.stringify(json, null, 2) + "\n");
  const html = join(out, "sweep.html");
  writeFileSync(html, sweepReportHtml(result, `Rate sweep, ${sweepLabel(o)}`));
  io.out(`\npost/pre = total post spikes / total pre spikes; efficacy / spike = mean u x at the pre spikes (Wdyn / W).\n` +
    `wrote ${join(out, "sweep.csv")}, ${join(out, "sweep.json")}, ${html}\n`);
  if (png) await writePngs([html], io);
}

/** A protocol: run it, print its table, write NAME.html (the report) and NAME.json (the numbers). */
async function protocolCommand(name: string, values: Record<string, unknown>, io: Io, produce: Produce): Promise<void> {
  const { out: outValue, ...options } = values;
  const out = (outValue as string | undefined) ?? "stp-out";
  const { report, data } = await produce(options);
  mkdirSync(out, { recursive: true });
  const html = join(out, `${name}.html`);
  const json = join(out, `${name}.json`);
  writeFileSync(html, report.html);
  writeFileSync(json, JSON.stringify(data, null, 2) + "\n");
  io.out(`${report.text}\nwrote ${html}, ${json}\n`);
}

/** Run the CLI; returns the exit code (0 ok, 2 bad usage or options, 1 failure). */
export async function main(args: string[], io: Io = stdio): Promise<number> {
  let [command, ...rest] = args;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.out(usage(rest[0]));
    return command === undefined ? 2 : 0;
  }
  if (command === "protocol") {
    // `protocol NAME ...` is the command "protocol NAME"
    const name = rest[0];
    if (name === undefined || name === "--help" || name === "-h") {
      io.out(usage("protocol"));
      return name === undefined ? 2 : 0;
    }
    if (!COMMANDS[`protocol ${name}`]) {
      io.err(`stp-wasm protocol: unknown protocol ${show(name)}; allowed: ${Object.keys(COMMANDS).filter((c) => c.startsWith("protocol ")).map((c) => c.slice(9)).join(", ")}\n\n${usage("protocol")}`);
      return 2;
    }
    command = `protocol ${name}`;
    rest = rest.slice(1);
  }
  const spec = COMMANDS[command];
  if (!spec) {
    io.err(`stp-wasm: unknown command ${show(command)}; allowed: ${Object.keys(COMMANDS).join(", ")}\n\n${usage()}`);
    return 2;
  }
  try {
    const { values, help } = parseArgs(spec.options, rest);
    if (help) {
      io.out(usage(command));
      return 0;
    }
    await spec.action(values, io);
    return 0;
  } catch (err) {
    if (err instanceof StpOptionError) {
      io.err(`stp-wasm ${command}: ${err.renamed(flagNames(spec.options)).message}\n`);
      return 2;
    }
    if (err instanceof ChromiumMissingError) {
      io.err(`stp-wasm ${command}: --png: ${err.message}. The other outputs were written; no PNG was.\n`);
      return 1;
    }
    if (err instanceof UsageError) {
      io.err(`stp-wasm ${command}: ${err.message}\n(see stp-wasm ${command} --help)\n`);
      return 2;
    }
    io.err(`stp-wasm ${command}: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return 1;
  }
}
