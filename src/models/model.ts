// What the host knows of a model, as one declarative unit (the kernel's half is assembly/models/):
// its kind and role, its options' defaults and checks, the arrays it allocates, the fields of its
// descriptor, and the variables a record or Simulation.state() may read. The network layer
// (src/network/) validates, lays out and records every model through this interface alone.
import type * as A from "../../assembly/abi.js";

/** When a component steps (its kernel role): sources, synapses, channels, neurons. */
export type Role = "source" | "synapse" | "channel" | "neuron";

/**
 * Where an array goes: "descriptor" (read as structure during runs: laid out with the descriptors,
 * before anything the kernel writes), "data" (read by the kernel), "state" (written by the kernel).
 */
export type Place = "descriptor" | "data" | "state";

/** One array of a component: the field that holds its pointer, its size, its place, its content. */
export interface ArrayPlan {
  field: number;
  bytes: number;
  place: Place;
  /** Writes the initial content of a data or descriptor array (state is the kernel's to reset). */
  fill?: (buffer: ArrayBufferLike, ptr: number) => void;
}

/** A descriptor field other than an array pointer: [byte offset, type, value]. */
export type Field = [offset: number, type: "i32" | "u32" | "f32", value: number];

/** A variable a record (and, for arrays, Simulation.state) may read. */
export interface Variable {
  /**
   * "f32": an array of K x units floats; "spike": the spikes (recorded as 0/1 bytes); "derived":
   * computed by the kernel's model from (unit, second index); "event": derived, at presynaptic spikes only.
   */
  kind: "f32" | "spike" | "derived" | "event";
  /** The field of the array's pointer, or for "derived" and "event" the model's variable id. */
  field: number;
  /** The component that holds it, when it is not the named one (index in the network). */
  component?: number;
  /** Units per trial (derived: the first index's): default the component's n. */
  units?: number;
  /** "derived", "event": the count of the second index (the kernel's); given for per-pair variables only. */
  second?: number;
  /**
   * "derived", "event": when the second index is not the user's postsynaptic unit (a sparse synapse's
   * connection): the pairs [pre, post] there are, and the second index of one (-1: no such pair).
   */
  pairs?: { count: number; pairAt(c: number): [number, number]; indexOf(j: number, k: number): number };
  /** The same variable at presynaptic spikes (a record with `at: "spikes"`). */
  spikes?: Variable;
  /** What the units are, for a record's description (e.g. "mV"). */
  unit?: string;
}

/**
 * An input port: an array of K x units floats that a host may write between runs (Simulation.inject),
 * read by the kernel in the next step and then cleared (docs/ABI.md, "Ports").
 */
export interface Port {
  /** The field of the port's pointer. */
  field: number;
  /** "spikes": 1 makes the unit spike, 0 does not; "current": added to the LIF's drive (input units); "conductance": added to g (nS). */
  kind: "spikes" | "current" | "conductance";
  /** The component that holds it, when it is not the named one (a synapse's conductance is its channel's). */
  component?: number;
}

/** A component of a resolved network: a model, its sizes, its wiring and its resolved parameters. */
export interface Component<P = unknown> {
  model: ModelDef<P>;
  /** The user's name (a channel's is its synapse's name with a suffix). */
  name: string;
  /** COMP_N: units (a synapse's presynaptic units). */
  n: number;
  /** COMP_N2: a synapse's postsynaptic units (0 otherwise). */
  n2: number;
  /** COMP_PRE, COMP_POST: indices of the components wired to (-1: none). */
  pre: number;
  post: number;
  params: P;
}

/** What a model sees of the network it is part of. */
export interface NetworkContext {
  dt: number;
  seed: number | string;
  trials: number;
  /** Threads the network is laid out for (the synapse output's scratch depends on it). */
  threads: number;
  components: readonly Component[];
}

/** A model: everything the host needs to check, lay out, write and read one kind of component. */
export interface ModelDef<P = any> {
  /** The model's name: a population's `type`, or a synapse's or channel's model. */
  type: string;
  /** Its KIND_* and descriptor size (assembly/abi.ts). */
  kind: typeof A.KIND_POISSON | typeof A.KIND_TRAIN | typeof A.KIND_TM | typeof A.KIND_LIF | typeof A.KIND_COND;
  bytes: number;
  role: Role;
  /** The arrays of its own block (the header's SPIKES, COUNTS and INPUT are the network's, by role). */
  arrays(c: Component<P>, net: NetworkContext): ArrayPlan[];
  /** Its descriptor's other fields. */
  fields(c: Component<P>, net: NetworkContext): Field[];
  /** Pointer fields that point at another of its arrays: [field, the field of that array]. */
  aliases?(c: Component<P>): [field: number, of: number][];
  /** Its variables by name; a string instead says why that variable is not there in this configuration. */
  variables(c: Component<P>, net: NetworkContext): Record<string, Variable | string>;
  /** Its input port, or a string that says why it has none (no function: the model has no port). */
  port?(c: Component<P>, net: NetworkContext): Port | string;
}

/** What validating a population's or synapse's options needs. */
export interface ResolveContext {
  dt: number;
  trials: number;
  /** The run's length when known (spike times beyond it are refused). */
  steps?: number;
  /** Sources resolved so far (a Poisson source's random stream is its index among the sources). */
  sources: number;
}

/** A population model: resolves its options (`where` names them in errors) into n and parameters. */
export interface PopulationModel<O, P> extends ModelDef<P> {
  role: "source" | "neuron";
  /** Option names it accepts (besides type and name). */
  keys: readonly string[];
  resolve(options: O, where: string, ctx: ResolveContext): { n: number; params: P };
}

/** The bytes of K x n floats. */
export function perUnit(trials: number, n: number): number {
  return 4 * trials * n;
}
