// `stp-wasm run`: one setting of the lesson; trace.csv (streamed chunk by chunk), summary.json,
// plot.html. The files are written under temporary names and renamed together once complete
// (atomic.ts), so --out holds the previous results or the new ones. SIGINT or SIGTERM stops the run
// at the end of its current chunk: the files then hold the steps run, summary.json says
// "complete": false and "stepsDone", and the exit code is 130 or 143.
import { join } from "node:path";
import { resolveLesson, runLesson, type LessonOptions, type LessonRun } from "../../experiments/lesson.js";
import { efficacyAtSpikes } from "../../experiments/efficacy.js";
import { num } from "../../core/checks.js";
import { StpNonFiniteError } from "../../core/errors.js";
import { availableCores, MAX_THREADS } from "../../runtime/cores.js";
import { formatBytes } from "../../runtime/guard.js";
import { lessonReportHtml } from "../../present/report.js";
import { table } from "../../present/table.js";
import { columnFormat, fmt, type Io } from "../args.js";
import { withOutput } from "../atomic.js";
import { cliKernelMode } from "../kernelMode.js";
import { ANNOUNCE_BYTES, checkRoom, csvLowerBound, projectRemaining } from "../disk.js";
import { commitWithPngs, progressBar, ratio, reportPngs } from "../output.js";
import { catchInterrupts, EXIT_CODES } from "../signals.js";
import { statfsFreeBytes } from "../terminal.js";

/** Steps of trace kept for plot.html; longer runs stream every step to trace.csv and plot the first ones. */
export const PLOT_STEPS = 200_000;

const HEADER = "t,pre,u,x,wdyn,v,post\n";
/** plot.html: its page, and about this many bytes per plotted step (measured: 10.1 MB for 200000 steps). */
const PLOT_BASE_BYTES = 60_000;
const PLOT_BYTES_PER_STEP = 51;
/**
 * Trial-steps per chunk (each a Poisson unit, a synapse and a LIF unit): a signal is acted on, and
 * the progress shown, between chunks only (JavaScript does not run while WASM runs), so a chunk of
 * many trials holds fewer steps; results do not depend on it.
 */
const CHUNK_TRIAL_STEPS = 2_000_000;

/** Smallest and largest of a list, without spreading it into arguments (a long list overflows the stack). */
function range(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Runs the command; returns its exit code (130 or 143 when a signal stopped it). */
export async function run(values: Record<string, unknown>, io: Io): Promise<number> {
  const { out: outValue, png, threads, ...lesson } = values;
  const out = (outValue as string | undefined) ?? join("stp-out", "run");
  const o = resolveLesson(lesson as LessonOptions);
  if (threads !== undefined) num("threads", threads, { min: 1, max: MAX_THREADS, integer: true });
  const cores = availableCores();
  if (typeof threads === "number" && cores !== undefined && threads > cores) {
    io.err(`stp-wasm run: warning: --threads ${threads} is more than the ${cores} cores here; the threads take turns on them ` +
      `(their barriers sleep rather than spin), which is slower than --threads ${cores}\n`);
  }
  return withOutput(out, "stp-wasm run", async (folder) => {
    const free = () => (io.freeBytes ?? statfsFreeBytes)(folder.dir);
    checkRoom("trace.csv", csvLowerBound(o.steps, o.dt, 6), free(), out, o.steps);
    const bar = progressBar(io);
    const interrupts = io.signals ? catchInterrupts(io.signals, (sig) => {
      // a second signal: stop at once, leaving the previous results
      bar.end();
      folder.dispose();
      io.err(`stp-wasm run: ${sig} again: stopped at once; ${out} holds the previous results\n`);
      (io.exit ?? process.exit)(EXIT_CODES[sig]);
    }) : undefined;
    const csv = folder.open("trace.csv");
    folder.write(csv, "trace.csv", HEADER);
    let stepsDone = 0;
    // trace.csv is written chunk by chunk, so a run longer than memory holds still completes; the
    // first PLOT_STEPS steps are kept for the report
    const kept = { pre: [] as Uint8Array[], u: [] as Float32Array[], x: [] as Float32Array[], wdyn: [] as Float32Array[], v: [] as Float32Array[], post: [] as Uint8Array[] };
    let keptSteps = 0;
    const [fu, fx, fw, fv] = [columnFormat(), columnFormat(), columnFormat(), columnFormat()];
    let result: LessonRun | undefined;
    // a run stopped on non-finite state: the files hold the steps before it, marked incomplete
    let fault: StpNonFiniteError | undefined;
    try {
      const chunkSteps = Math.max(1, Math.min(10_000, o.steps, Math.floor(CHUNK_TRIAL_STEPS / o.trials)));
      result = await runLesson(o, { threads: threads as number | undefined, chunkSteps, mode: cliKernelMode(threads as number | undefined) }, {
        keep: false,
        signal: interrupts?.signal,
        onChunk: bar.update,
        onRecords: (chunk) => {
          const [pre, u, x, wdyn, v, post] = [chunk.records.z0.spikes, chunk.records.W.u, chunk.records.W.x, chunk.records.W.wdyn, chunk.records.z1.v, chunk.records.z1.spikes].map((t) => t.data);
          const lines: string[] = [];
          for (let i = 0; i < chunk.steps; i++) {
            lines.push(`${fmt((chunk.firstStep + i + 1) * o.dt)},${pre[i]},${fu(u[i])},${fx(x[i])},${fw(wdyn[i])},${fv(v[i])},${post[i]}\n`);
          }
          const text = lines.join("");
          if (stepsDone === 0 && chunk.steps < o.steps) {
            // the first chunk tells the rows' size: is there room for the rest?
            const total = text.length + projectRemaining(text.length, chunk.steps, o.steps, o.dt);
            checkRoom("trace.csv (projected from its first rows)", total + PLOT_BASE_BYTES + PLOT_BYTES_PER_STEP * Math.min(o.steps, PLOT_STEPS), free(), out, o.steps);
            if (total > ANNOUNCE_BYTES) bar.note(`stp-wasm run: trace.csv will take about ${formatBytes(total)}\n`);
          }
          folder.write(csv, "trace.csv", text);
          stepsDone = chunk.firstStep + chunk.steps;
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
    } catch (err) {
      if (!(err instanceof StpNonFiniteError)) throw err;
      fault = err;
    } finally {
      bar.end();
      interrupts?.dispose();
    }
    folder.close(csv, "trace.csv");
    const signal = interrupts?.received;
    const complete = stepsDone === o.steps;
    const join8 = (parts: Uint8Array[]) => { const a = new Uint8Array(keptSteps); let k = 0; for (const p of parts) { a.set(p, k); k += p.length; } return a; };
    const join32 = (parts: Float32Array[]) => { const a = new Float32Array(keptSteps); let k = 0; for (const p of parts) { a.set(p, k); k += p.length; } return a; };
    // after a non-finite stop the spike counts are those of trace.csv's trial (the kernel's ran past it)
    const counted = (parts: Uint8Array[]) => [parts.reduce((n, p) => n + p.reduce((a, b) => a + b, 0), 0)];
    const plotted: LessonRun = {
      ...(result ?? { preSpikes: counted(kept.pre), postSpikes: counted(kept.post), transmissionRatio: [NaN] }), options: { ...o, steps: stepsDone }, t: Float64Array.from({ length: keptSteps }, (_, i) => (i + 1) * o.dt),
      pre: join8(kept.pre), u: join32(kept.u), x: join32(kept.x), wdyn: join32(kept.wdyn), v: join32(kept.v), post: join8(kept.post),
    };
    // with --spike-times: u x at each spike over the trials (a second pass, skipped after a signal)
    const efficacy = o.spikeTimes && !signal && !fault ? await efficacyAtSpikes(o, stepsDone) : null;
    const summary = {
      complete,
      stepsDone,
      parameters: { ...o, resistM: (o.tauM / o.dt) * o.rM, source: o.spikeTimes ? "spikeTrain" : "poisson" },
      ...(fault ? { error: fault.message.replace(/^stp-wasm: /, "") } : {}),
      trials: o.trials,
      preSpikes: result ? result.preSpikes : null,
      postSpikes: result ? result.postSpikes : null,
      transmissionRatio: result ? result.transmissionRatio.map((r) => (Number.isFinite(r) ? r : null)) : null,
      ...(o.spikeTimes ? { efficacyAtSpikes: efficacy } : {}),
      notes: "complete is false when a signal stopped the run: the files then hold its first stepsDone steps (the spike counts too), " +
        "or when a value became non-finite (error): the files hold the steps before it, the spike counts are null; " +
        "transmissionRatio = postSpikes / preSpikes per trial (null where preSpikes = 0); trace.csv is trial 1" +
        (o.spikeTimes ? "; efficacyAtSpikes: the fraction of W delivered (u x, or released / sites with quantal release) at each presynaptic spike within the steps run, its time t in ms, mean and sd " +
          "(divided by the trials) over the trials, from a second run of the network with W = 1 (null when a signal stopped the run)" : ""),
    };
    folder.writeFile("summary.json", JSON.stringify(summary, null, 2) + "\n");
    const source = o.spikeTimes ? `${o.spikeTimes.length}-spike train` : `${o.rateHz} Hz Poisson input`;
    const stopNote = complete ? "" : fault ? `, stopped at step ${stepsDone} of ${o.steps}: non-finite state` : `, interrupted at step ${stepsDone} of ${o.steps}`;
    const shownNote = keptSteps < o.steps ? ` (first ${keptSteps} of ${o.steps} steps shown${stopNote})` : "";
    folder.writeFile("plot.html", lessonReportHtml(plotted, `${o.preset.toUpperCase()} preset, ${source}${shownNote}`));
    const pictures = await commitWithPngs(folder, ["plot.html"], png === true, io);
    const n = plotted.u.length;
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const last = (a: Float32Array) => (keptSteps === o.steps ? a[n - 1].toFixed(4) : "-");
    io.out(table(["regime", "input", "pre spikes", "post spikes", "post/pre", "final u", "final x"], [[
      o.preset.toUpperCase(), source, String(plotted.preSpikes[0]), String(plotted.postSpikes[0]),
      ratio(plotted.postSpikes[0], plotted.preSpikes[0]), last(plotted.u), last(plotted.x),
    ]]));
    if (o.trials > 1 && result) {
      const [lo, hi] = range(result.postSpikes);
      io.out(`\nover ${o.trials} trials: pre spikes mean ${mean(result.preSpikes).toFixed(2)}, post spikes mean ${mean(result.postSpikes).toFixed(2)}` +
        ` (min ${lo}, max ${hi})\n`);
    }
    io.out(`\nwrote ${folder.path("trace.csv")}, ${folder.path("summary.json")}, ${folder.path("plot.html")}${shownNote}\n`);
    reportPngs(pictures, io);
    if (fault) {
      io.err(`stp-wasm run: ${fault.message.replace(/^stp-wasm: /, "")}\nthe files hold steps 1 to ${stepsDone} ("complete": false in summary.json)\n`);
      return 1;
    }
    if (signal) {
      io.err(complete
        ? `stp-wasm run: ${signal} after the last step; the outputs are complete\n`
        : `stp-wasm run: interrupted (${signal}) at step ${stepsDone} of ${o.steps}; the files hold steps 1 to ${stepsDone} ("complete": false in summary.json)\n`);
      return EXIT_CODES[signal];
    }
    return 0;
  });
}
