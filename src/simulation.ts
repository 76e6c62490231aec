// Simulation: a validated network laid out in a kernel's memory. run(n) advances it inside WASM in
// chunks as large as the record buffers allow and returns the records as typed arrays.
import * as A from "../assembly/abi.js";
import { StpBusyError, StpKernelError, StpNonFiniteError, StpOptionError } from "./core/errors.js";
import { Kernel, sharedMemoryAvailable, type KernelOptions } from "./runtime/kernel.js";
import { ThreadPool } from "./runtime/threads.js";
import { arrayOf, planLayout, writeLayout, type Layout } from "./network/layout.js";
import { validateNetwork, type NetworkOptions, type NetworkSpec } from "./network/options.js";
import { columnsOf, variablesOf, type RecordSpec } from "./network/records.js";
import { portNames, portOf, portValues } from "./network/ports.js";
import type { AnyEventVariables, AnyRecordArrays, CheckedNetwork, EventVariables, NetworkInput, RecordArrays, SpikeCounts } from "./network/typed.js";
import { num } from "./core/checks.js";
import type { Variable } from "./models/model.js";
import { checkKeptRecords, keptBytesBudget } from "./runtime/guard.js";
import { defaultBarrierSpins, MAX_THREADS } from "./runtime/cores.js";
import { maxBytesFor } from "./runtime/reserve.js";
import { checkBalance, sharesOf, writeBalance, type Balance } from "./runtime/balance.js";
import { nonFiniteError } from "./runtime/fault.js";

/** One recorded variable: `steps` rows of `columns` values (row-major), columns over trials then units. */
export interface Trace<T extends Float32Array | Uint8Array = Float32Array | Uint8Array> {
  data: T;
  steps: number;
  columns: number;
  /** The trial of each column. */
  trials: number[];
  /** The unit of each column (pre unit for synapse u and x); for wdyn, the pre unit of the pair. */
  units: number[];
  /** For wdyn: the post unit of each column. */
  posts?: number[];
}

/**
 * A variable recorded at presynaptic spikes (`at: "spikes"`): one event per spike of a column's
 * presynaptic unit, in the order of the steps, then the columns (trial, then unit or pair).
 */
export interface EventTrace {
  /** Events recorded. */
  count: number;
  /** The step of each event (its t is (step + 1) * dt). */
  steps: Int32Array;
  trials: Int32Array;
  /** The presynaptic unit of each event. */
  units: Int32Array;
  /** Per-pair variables (wdyn; u and x per connection): the postsynaptic unit of each event. */
  posts?: Int32Array;
  values: Float32Array;
}

/** records[name][variable] as traces, for the record arrays M (see src/network/typed.ts). */
export type Traces<M> = { [K in keyof M]: { [V in keyof M[K]]: Trace<Extract<M[K][V], Float32Array | Uint8Array>> } };

/** events[name][variable] as event traces, for the event variables E (see src/network/typed.ts). */
export type EventTraces<E> = { [K in keyof E]: { [V in keyof E[K]]: EventTrace } };

/**
 * A run's records; M and E type them by the network's names (`records.W.u` a Float32Array trace,
 * `events.W.u` an event trace where u is recorded `at: "spikes"`).
 */
export interface RunResult<M = AnyRecordArrays, E = AnyEventVariables> {
  /** Index of the first step of this run (its t is (firstStep + 1) * dt). */
  firstStep: number;
  /** Steps run (fewer than asked when stopped). */
  steps: number;
  /** True when onChunk or the signal stopped the run early. */
  stopped: boolean;
  dt: number;
  /** records[name][variable]: the variables recorded every step. */
  records: Traces<M>;
  /** events[name][variable]: the variables recorded at presynaptic spikes (`at: "spikes"`). */
  events: EventTraces<E>;
}

/** How a run reports, streams and stops. */
export interface RunOptions<M = AnyRecordArrays, E = AnyEventVariables> {
  /** Called after every chunk with (steps done, steps asked); returning false stops the run there. */
  onChunk?: (done: number, total: number) => boolean | void;
  /** Receives every chunk's records as soon as the chunk is done (fresh arrays, yours to keep). */
  onRecords?: (chunk: RunResult<M, E>) => void;
  /** Also return all records at the end (default true); false streams a run longer than memory holds. */
  keep?: boolean;
  /**
   * Largest size in bytes of the records kept for the result (default: 3/4 of the memory available
   * when the run starts, in Node; 1 GiB in browsers). A run whose kept records exceed it is refused
   * before it starts; keep: false with onRecords has no such limit.
   */
  maxKeptBytes?: number;
  /** Stops the run between chunks once aborted (runAsync yields between chunks so it can fire; simulate() then uses runAsync). */
  signal?: AbortSignal;
  /**
   * Threads for this run, 1 to the simulation's `threads` (default: all of them). Results do not
   * depend on it; it lets one network, on the same memory, be timed on fewer threads.
   */
  threads?: number;
}

/** How a Simulation is set up: its kernel (build, memory), threads and chunks. */
export interface SimulationOptions extends KernelOptions {
  /** An already loaded kernel to lay the network out in (its memory is taken over). */
  kernel?: Kernel;
  /** Threads stepping slices of the network (default 1); more than 1 needs the shared-memory build. */
  threads?: number;
  /** Times a thread polls a barrier before it sleeps (default 100000, and 0 with more threads than cores: 0 sleeps at once). */
  barrierSpins?: number;
  /**
   * How the threads share a step's work when they split trials (fewer trials than threads; see
   * src/runtime/balance.ts): "adaptive" (default), "even", or one positive weight per thread.
   */
  balance?: Balance;
  /** Steps per chunk: records are buffered in WASM memory for one chunk (default 10000, capped at 64 MiB of rows). */
  chunkSteps?: number;
  /** The run's length when known: spike times beyond it are refused, and it sizes the chunks. */
  steps?: number;
}

/** A network in a kernel's memory; M and E type its records and events by the network's names (see src/network/typed.ts). */
export class Simulation<M = AnyRecordArrays, E = AnyEventVariables> {
  private disposed = false;
  /** The run in flight (one at a time): its description, for the refusal of a second call. */
  private busy: (() => string) | null = null;
  /** Set when a run stopped on non-finite state: runs are refused until reset(). */
  private faulted: StpNonFiniteError | null = null;

  private constructor(
    readonly spec: NetworkSpec,
    readonly kernel: Kernel,
    private readonly layout: Layout,
    private readonly chunkSteps: number,
    private readonly pool: ThreadPool | null,
    private readonly balance: Balance,
  ) {}

  /** Threads stepping this network. */
  get threads(): number {
    return this.pool?.size ?? 1;
  }

  /** Validate `options`, lay the network out in a kernel's memory and initialise its state. */
  static async create<const N extends NetworkInput>(options: CheckedNetwork<N>, settings: SimulationOptions = {}): Promise<Simulation<RecordArrays<N>, EventVariables<N>>> {
    const spec = validateNetwork(options as NetworkOptions, settings.steps);
    const chunk = settings.chunkSteps === undefined ? Math.min(settings.steps ?? 10_000, 10_000) : num("chunkSteps", settings.chunkSteps, { min: 1, integer: true, max: 2 ** 31 - 1 });
    const threads = num("threads", settings.threads ?? 1, { min: 1, max: MAX_THREADS, integer: true });
    const balance = checkBalance(settings.balance, threads);
    if (threads > 1 && (settings.mode === "plain" || settings.kernel?.mode === "plain" || !sharedMemoryAvailable())) {
      throw new StpOptionError("threads", threads, "1 here", "several threads need shared memory (SharedArrayBuffer: Node, or a cross-origin-isolated page) and the shared build");
    }
    const layout = planLayout(spec, chunk, threads);
    const own = { ...settings, maxBytes: settings.maxBytes ?? maxBytesFor(layout.end) }; // reserve what the network needs
    const kernel = settings.kernel ?? await Kernel.load(threads > 1 ? { ...own, mode: "shared" } : own);
    if (layout.end > kernel.maxBytes) {
      throw new StpOptionError("network", `${layout.end} bytes`, `at most ${kernel.maxBytes} bytes (the kernel's memory limit)`,
        `this network and its record buffers need ${layout.end} bytes of kernel memory`);
    }
    kernel.ensure(layout.end);
    writeLayout(kernel.buffer, spec, layout);
    const spins = settings.barrierSpins ?? defaultBarrierSpins(threads);
    if (spins !== undefined) {
      new Int32Array(kernel.buffer, layout.net + A.NET_SPINS, 1)[0] = num("barrierSpins", spins, { min: 0, max: 2 ** 31 - 1, integer: true });
    }
    check(kernel, kernel.exports.init(layout.net));
    const pool = threads > 1 ? await ThreadPool.start(kernel, threads, layout.ctl) : null;
    return new Simulation<RecordArrays<N>, EventVariables<N>>(spec, kernel, layout, chunk, pool, balance);
  }

  /** Index of the next step (steps run so far since create or reset). */
  get step(): number {
    return new Int32Array(this.kernel.buffer, this.layout.net + A.NET_STEP, 1)[0];
  }

  /**
   * The fraction of each step's work each thread took at the end of the last run on several threads
   * that split trials (the `balance` option), or null when no run has split trials.
   */
  get threadShares(): number[] | null {
    return this.threads > 1 && this.spec.trials < this.threads ? sharesOf(this.kernel.buffer, this.layout.barrier) : null;
  }

  /** Byte offset of the network header (for the raw ABI). */
  get netPtr(): number {
    return this.layout.net;
  }

  /** Return every state variable to its initial value (step 0); parameters stay. */
  reset(): void {
    this.alive();
    this.idle("reset()");
    check(this.kernel, this.kernel.exports.init(this.layout.net));
    this.faulted = null;
  }

  /**
   * Advance nSteps steps. The loop runs inside WASM, chunk by chunk (records are buffered for one
   * chunk); records come back as fresh typed arrays.
   */
  run(nSteps: number, options: RunOptions<M, E> = {}): RunResult<M, E> {
    const job = this.start(nSteps, options, "run");
    try {
      while (job.next()) { /* chunk done */ }
    } finally {
      this.busy = null;
    }
    return job.result();
  }

  /** As run(), but yields to the event loop between chunks (so an AbortSignal or a UI can act). */
  async runAsync(nSteps: number, options: RunOptions<M, E> = {}): Promise<RunResult<M, E>> {
    const job = this.start(nSteps, options, "runAsync");
    try {
      while (job.next()) await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      this.busy = null;
    }
    return job.result();
  }

  /** Refuse `call` while a run is in flight, naming that run. */
  private idle(call: string): void {
    if (this.busy) {
      const holder = this.busy();
      throw new StpBusyError(`stp-wasm: ${call} refused: this simulation is in the middle of ${holder}; one call at a time: ` +
        "let that run finish (await it), or stop it first (its AbortSignal, onChunk returning false, or dispose())", holder);
    }
  }

  /** Check a run's arguments and mark it in flight (run and runAsync clear the mark when it ends). */
  private start(nSteps: number, options: RunOptions<M, E>, call: string) {
    this.alive();
    this.idle(`${call}(${nSteps})`);
    if (this.faulted) throw new Error(`stp-wasm: ${call}(${nSteps}) refused: this simulation's state is not finite since step ${this.faulted.step} (${this.faulted.component} unit ${this.faulted.unit}); reset() first, which returns it to step 0`);
    num("steps", nSteps, { min: 0, max: 2 ** 31 - 1 - this.step, integer: true });
    const threads = options.threads === undefined ? this.threads : num("threads", options.threads, { min: 1, max: this.threads, integer: true });
    if (this.pool) writeBalance(this.kernel.buffer, this.layout.barrier, this.balance, threads, this.threads);
    const firstStep = this.step;
    const { spec, layout, kernel } = this;
    const keep = options.keep ?? true;
    const size = (r: RecordSpec) => (keep && !r.events ? nSteps * r.columns : 0);
    if (keep) {
      const rows = spec.records.filter((r) => !r.events);
      const limit = options.maxKeptBytes === undefined ? keptBytesBudget() : num("maxKeptBytes", options.maxKeptBytes, { min: 0 });
      checkKeptRecords(nSteps, rows.reduce((b, r) => b + r.columns * (r.read.kind === "spike" ? 1 : 4), 0), rows.map((r) => r.columns), limit);
    }
    const out = spec.records.map((r) => (r.read.kind === "spike" ? new Uint8Array(size(r)) : new Float32Array(size(r))));
    const kept: EventTrace[][] = spec.records.map(() => []);
    const rowView = new Int32Array(kernel.buffer, layout.net + A.NET_REC_ROW, 1);
    const limit = layout.capacity > 0 ? layout.capacity : this.chunkSteps;
    let done = 0;
    let stopped = false;
    const next = (): boolean => {
      if (done >= nSteps || stopped) return false;
      if (options.signal?.aborted || this.disposed) {
        stopped = true;
        return false;
      }
      const m = Math.min(limit, nSteps - done);
      rowView[0] = 0;
      spec.records.forEach((r, i) => { if (r.events) new Int32Array(kernel.buffer, layout.records[i].dst, 1)[0] = 0; });
      // one thread: the prepared call (the network is checked in full at init, then once per NET_GEN)
      const code = this.pool && threads > 1 ? this.pool.runSlice(layout.net, m, threads) : kernel.exports.step(layout.net, m);
      // non-finite state: the chunk ran to its end; keep its rows before the step named, then stop
      let fault: StpNonFiniteError | null = null;
      let rows = m;
      if (code === A.ERR_NON_FINITE) {
        const f = this.pool && threads > 1 ? this.pool.fault(threads) : { step: kernel.exports.errorStep(), at: kernel.errorAt() };
        fault = nonFiniteError(spec, layout, f.step, f.at);
        rows = Math.max(0, Math.min(m, f.step - (firstStep + done)));
      } else check(kernel, code);
      const chunk = spec.records.map((r, i) => {
        const L = layout.records[i];
        if (r.events) return new Float32Array(0);
        return L.elemBytes === 1
          ? new Uint8Array(kernel.buffer, L.dst, rows * r.columns)
          : new Float32Array(kernel.buffer, L.dst, rows * r.columns);
      });
      const events = spec.records.map((r, i) => (r.events ? eventsBefore(eventsOf(r, kernel.buffer, layout.records[i].dst), firstStep + done + rows) : null));
      if (keep) {
        chunk.forEach((c, i) => { if (!spec.records[i].events) (out[i] as Float32Array).set(c as Float32Array, done * spec.records[i].columns); });
        events.forEach((e, i) => { if (e) kept[i].push(e); });
      }
      if (options.onRecords && rows > 0) options.onRecords(this.result(firstStep + done, rows, chunk.map((c) => c.slice()), events.map((e) => (e ? [e] : [])), false));
      done += rows;
      if (fault) {
        this.faulted = fault;
        fault.result = this.result(firstStep, done, out.map((o, i) => (keep ? o.subarray(0, done * spec.records[i].columns) : o)), kept, true);
        throw fault;
      }
      if (options.onChunk?.(done, nSteps) === false && done < nSteps) stopped = true;
      return done < nSteps && !stopped;
    };
    this.busy = () => `${call}(${nSteps}) from step ${firstStep} (now at step ${this.step})`;
    return { next, result: () => this.result(firstStep, done, out.map((o, i) => (keep ? o.subarray(0, done * spec.records[i].columns) : o)), kept, stopped) };
  }

  private result(firstStep: number, steps: number, data: (Float32Array | Uint8Array)[], events: EventTrace[][], stopped: boolean): RunResult<M, E> {
    const records: Record<string, Record<string, Trace>> = {};
    const byName: Record<string, Record<string, EventTrace>> = {};
    this.spec.records.forEach((r, i) => {
      if (r.events) (byName[r.name] ??= {})[r.variable] = joinEvents(events[i], r.posts !== null);
      else (records[r.name] ??= {})[r.variable] = { data: data[i], steps, columns: r.columns, ...columnsOf(r) };
    });
    return { firstStep, steps, stopped, dt: this.spec.dt, records: records as Traces<M>, events: byName as EventTraces<E> };
  }

  /** Spike counts so far of a population, one per (trial, unit): index trial * n + unit. */
  spikeCounts(name: string): Int32Array {
    const i = this.population(name);
    return new Int32Array(this.kernel.buffer, arrayOf(this.layout, i, A.COMP_COUNTS), this.spec.components[i].n * this.spec.trials).slice();
  }

  /** Total spikes per trial of a population. */
  spikesPerTrial(name: string): number[] {
    const counts = this.spikeCounts(name);
    const n = counts.length / this.spec.trials;
    return Array.from({ length: this.spec.trials }, (_, t) => counts.subarray(t * n, (t + 1) * n).reduce((a, b) => a + b, 0));
  }

  /**
   * A copy of a state variable, K x units values (trial-major): LIF v, rfr, spikes (and theta, isyn
   * where the LIF has them); synapse u, x (and g with a conductance target); source spikes.
   */
  state(name: string, variable: string): Float32Array {
    this.alive();
    const index = this.spec.components.findIndex((c) => c.name === name && c.model.role !== "channel");
    if (index < 0) throw new StpOptionError("name", name, `a population or synapse name: ${this.names().join(", ")}`);
    const vars = variablesOf(this.spec, index);
    const perUnit = (v: Variable | string): v is Variable => typeof v !== "string" && v.kind !== "event" && (v.kind !== "derived" || (v.second === undefined && !v.pairs));
    const allowed = `${Object.keys(vars).filter((k) => perUnit(vars[k])).join(", ")} on "${name}"`;
    const v = Object.hasOwn(vars, variable) ? vars[variable] : undefined;
    if (typeof v === "string") throw new StpOptionError("variable", variable, allowed, v);
    if (v === undefined || !perUnit(v)) throw new StpOptionError("variable", variable, allowed);
    const component = v.component ?? index;
    const count = this.spec.trials * (v.units ?? this.spec.components[component].n);
    if (v.kind !== "derived") return new Float32Array(this.kernel.buffer, arrayOf(this.layout, component, v.field), count).slice();
    // computed by the kernel from its state (e.g. an exact synapse's u: the anchor relaxed to now): one row through the probe
    this.idle("state()");
    const probe = this.layout.probe!;
    const dv = new DataView(this.kernel.buffer);
    dv.setUint32(probe.rec + A.REC_COMP, this.layout.components[component].desc, true);
    dv.setInt32(probe.rec + A.REC_FIELD, v.field, true);
    dv.setInt32(probe.rec + A.REC_COUNT, count, true);
    dv.setInt32(probe.net + A.NET_REC_ROW, 0, true);
    check(this.kernel, this.kernel.exports.record(probe.net));
    return new Float32Array(this.kernel.buffer, probe.dst, count).slice();
  }

  /** Set a Poisson source's input intensity (one value, n values, or K * n values) in [0, 1]. */
  setInputs(name: string, values: number | ArrayLike<number>): void {
    this.alive();
    this.idle("setInputs()");
    const index = this.spec.components.findIndex((c) => c.name === name && c.model.kind === A.KIND_POISSON);
    if (index < 0) throw new StpOptionError("name", name, "the name of a Poisson source");
    const n = this.spec.components[index].n;
    const K = this.spec.trials;
    const view = new Float32Array(this.kernel.buffer, arrayOf(this.layout, index, A.POI_INPUTS), K * n);
    if (typeof values === "number") {
      view.fill(num("inputs", values, { min: 0, max: 1 }));
      return;
    }
    if (values.length !== n && values.length !== K * n) throw new StpOptionError("inputs", values, `${n} or ${K * n} values in [0, 1]`);
    const checked = Float32Array.from({ length: values.length }, (_, i) => num(`inputs[${i}]`, values[i], { min: 0, max: 1 }));
    for (let t = 0; t < K; t++) view.set(values.length === n ? checked : checked.subarray(t * n, (t + 1) * n), t * n);
  }

  /**
   * Set an input port's values for the next step (docs/ABI.md, "Ports"): the kernel reads them in
   * that step, then clears them. `name` is a population created with `inject: true` (a source:
   * spikes, 0 or 1, each 1 making its unit spike; a LIF: a current added to each unit's drive, in
   * input units) or a synapse with target "conductance" (a conductance in nS added to its g at
   * the end of the step, as its output is). `values`: one value for every unit of every trial, n
   * values (one per unit, every trial alike) or K * n values (trial-major). A second call before
   * the next step replaces the values; reset() clears them.
   */
  inject(name: string, values: number | ArrayLike<number>): void {
    this.alive();
    const index = this.spec.components.findIndex((c) => c.name === name && c.model.role !== "channel");
    const names = portNames(this.spec);
    if (index < 0) throw new StpOptionError("name", name, `a name with an input port: ${names.join(", ") || "(none: give a population inject: true)"}`);
    const port = portOf(this.spec, index);
    if (typeof port === "string") throw new StpOptionError("name", name, `a name with an input port: ${names.join(", ") || "(none)"}`, `"${name}" has no input port: ${port}`);
    const component = port.component ?? index;
    const n = this.spec.components[component].n;
    const checked = portValues(port, values, n, this.spec.trials);
    new Float32Array(this.kernel.buffer, arrayOf(this.layout, component, port.field), checked.length).set(checked);
  }

  /** Stop the worker threads, if any; the simulation cannot run afterwards. A run in flight stops after its current chunk (stopped: true). */
  dispose(): void {
    this.disposed = true;
    this.pool?.dispose();
  }

  private alive(): void {
    if (this.disposed) throw new Error("stp-wasm: this simulation was disposed");
  }

  /** Names of the populations and synapses. */
  private names(): string[] {
    return this.spec.components.filter((c) => c.model.role !== "channel").map((c) => JSON.stringify(c.name));
  }

  /** Index of the population called `name`. */
  private population(name: string): number {
    const i = this.spec.components.findIndex((c) => c.name === name && (c.model.role === "source" || c.model.role === "neuron"));
    if (i < 0) throw new StpOptionError("name", name, `a population name: ${this.spec.components.filter((c) => c.model.role === "source" || c.model.role === "neuron").map((c) => JSON.stringify(c.name)).join(", ")}`);
    return i;
  }
}

/** The events a chunk left in an event record's buffer, sorted by step, then column. */
function eventsOf(r: RecordSpec, buffer: ArrayBufferLike, dst: number): EventTrace {
  const count = new Int32Array(buffer, dst, 1)[0];
  const raw = new DataView(buffer, dst + A.REC_EVENTS_FIRST, count * A.EVT_BYTES);
  const step = new Int32Array(count);
  const column = new Int32Array(count);
  const value = new Float32Array(count);
  for (let e = 0; e < count; e++) {
    step[e] = raw.getInt32(e * A.EVT_BYTES + A.EVT_STEP, true);
    column[e] = raw.getInt32(e * A.EVT_BYTES + A.EVT_INDEX, true);
    value[e] = raw.getFloat32(e * A.EVT_BYTES + A.EVT_VALUE, true);
  }
  // workers append concurrently: the order is the host's to fix
  const order = Int32Array.from({ length: count }, (_, e) => e).sort((a, b) => step[a] - step[b] || column[a] - column[b]);
  const per = r.units.length;
  return {
    count,
    steps: Int32Array.from(order, (e) => step[e]),
    trials: Int32Array.from(order, (e) => r.trials[Math.floor(column[e] / per)]),
    units: Int32Array.from(order, (e) => r.units[column[e] % per]),
    ...(r.posts ? { posts: Int32Array.from(order, (e) => r.posts![column[e] % per]) } : {}),
    values: Float32Array.from(order, (e) => value[e]),
  };
}

/** The events of steps before `step`. */
function eventsBefore(e: EventTrace, step: number): EventTrace {
  let count = 0;
  while (count < e.count && e.steps[count] < step) count++; // sorted by step
  if (count === e.count) return e;
  const cut = <T extends Int32Array | Float32Array>(a: T) => a.slice(0, count) as T;
  return { count, steps: cut(e.steps), trials: cut(e.trials), units: cut(e.units), ...(e.posts ? { posts: cut(e.posts) } : {}), values: cut(e.values) };
}

/** Chunks' events, one after the other. */
export function joinEvents(parts: EventTrace[], withPosts: boolean): EventTrace {
  const count = parts.reduce((n, p) => n + p.count, 0);
  const join = <T extends Int32Array | Float32Array>(make: (n: number) => T, get: (p: EventTrace) => T): T => {
    const all = make(count);
    let at = 0;
    for (const p of parts) { all.set(get(p), at); at += p.count; }
    return all;
  };
  return {
    count,
    steps: join((n) => new Int32Array(n), (p) => p.steps),
    trials: join((n) => new Int32Array(n), (p) => p.trials),
    units: join((n) => new Int32Array(n), (p) => p.units),
    ...(withPosts ? { posts: join((n) => new Int32Array(n), (p) => p.posts!) } : {}),
    values: join((n) => new Float32Array(n), (p) => p.values),
  };
}

/** Throw the kernel's refusal, with the address of the word it refused. */
function check(kernel: Kernel, code: number): void {
  if (code !== A.OK) throw new StpKernelError(code, kernel.errorAt());
}

/** Validate, create, run `steps` steps and dispose: the one-call form. */
export async function simulate<const N extends NetworkInput>(
  options: CheckedNetwork<N> & { steps: number }, settings: SimulationOptions = {}, runOptions: RunOptions<RecordArrays<N>, EventVariables<N>> = {},
): Promise<RunResult<RecordArrays<N>, EventVariables<N>> & { spikeCounts: SpikeCounts<N> }> {
  const { steps, ...network } = options;
  const sim = (await Simulation.create(network as NetworkOptions, { ...settings, steps })) as unknown as Simulation<RecordArrays<N>, EventVariables<N>>;
  try {
    const result = runOptions.signal ? await sim.runAsync(steps, runOptions) : sim.run(steps, runOptions);
    const spikeCounts: Record<string, Int32Array> = {};
    for (const c of sim.spec.components) if (c.model.role === "source" || c.model.role === "neuron") spikeCounts[c.name] = sim.spikeCounts(c.name);
    return { ...result, spikeCounts: spikeCounts as SpikeCounts<N> };
  } finally {
    sim.dispose();
  }
}
