// Types that follow a network's own names (issue 17): `simulate` and `Simulation.create` take the
// network as a `const` type parameter N, so that `records.W.u` is a Float32Array trace and
// `records.z1.spikes` a Uint8Array one, and a record, a synapse's pre or post, or a variable that the
// network does not have is a type error. Nothing here exists at run time but RECORDABLE, which a test
// holds equal to what the models offer (src/models/*: variables()).
import type { NetworkOptions } from "./options.js";

/** The variables each kind of component may record (some only in a configuration: theta, isyn, g). */
export const RECORDABLE = {
  poisson: ["spikes"],
  spikeTrain: ["spikes"],
  lif: ["v", "spikes", "rfr", "theta", "isyn"],
  synapse: ["u", "x", "wdyn", "g"],
} as const;

/** Variables recorded as 0/1 per step (a Uint8Array); every other is a Float32Array. */
export type SpikeVariable = "spikes";

/** The array of a recorded variable by its name (either, when the name is not known to the types). */
export type ArrayOf<V extends string> = string extends V ? Float32Array | Uint8Array : V extends SpikeVariable ? Uint8Array : Float32Array;

/** records[name][variable] -> its array type, when nothing is known of the names. */
export type AnyRecordArrays = Record<string, Record<string, Float32Array | Uint8Array>>;

type NameOf<T> = T extends { name: infer S extends string } ? S : never;
type ItemOf<L> = L extends readonly (infer T)[] ? T : never;
type Populations<N> = N extends { populations: infer L } ? ItemOf<L> : never;
type Synapses<N> = N extends { synapses?: infer L } ? ItemOf<L> : never;
type Requests<N> = N extends { record?: infer L } ? ItemOf<L> : never;
/** The requests recorded every step (the ones `at: "spikes"` are events, not traces). */
type StepRequests<N> = Exclude<Requests<N>, { at: "spikes" }>;

/** The names of a network's populations. */
export type PopulationName<N> = NameOf<Populations<N>>;
/** The names of a network's populations and synapses. */
export type ComponentName<N> = PopulationName<N> | NameOf<Synapses<N>>;

type TypeOf<P> = P extends { type: infer T extends string } ? T : never;
type PopulationType<N, K> = TypeOf<Extract<Populations<N>, { name: K }>>;
/** The variables the component named K may record (any string where K is not one of N's names). */
export type VariableOf<N, K> = string extends K
  ? string
  : K extends NameOf<Synapses<N>>
    ? (typeof RECORDABLE)["synapse"][number]
    : [PopulationType<N, K>] extends [keyof typeof RECORDABLE]
      ? [PopulationType<N, K>] extends [never] ? string : (typeof RECORDABLE)[PopulationType<N, K>][number]
      : string;

type VarsOf<R, K> = R extends { name: K; vars: infer L } ? Extract<ItemOf<L>, string> : never;

/** records[name][variable] -> its array type, for the network N. */
export type RecordArrays<N> = [Requests<N>] extends [never]
  ? {}
  : { [K in NameOf<StepRequests<N>>]: { [V in VarsOf<StepRequests<N>, K>]: ArrayOf<V> } };

/** events[name][variable] -> true, when nothing is known of the names. */
export type AnyEventVariables = Record<string, Record<string, true>>;

/** The requests recorded at presynaptic spikes (`at: "spikes"`): events[name][variable], for the network N. */
type EventRequests<N> = Extract<Requests<N>, { at: "spikes" }>;
export type EventVariables<N> = [Requests<N>] extends [never]
  ? {}
  : { [K in NameOf<EventRequests<N>>]: { [V in VarsOf<EventRequests<N>, K>]: true } };

/** spikeCounts[name] for the network N. */
export type SpikeCounts<N> = { [K in PopulationName<N>]: Int32Array };

/**
 * What N must also be: every synapse's pre and post a population of N, every record's name a
 * population or synapse of N and its variables ones that component has. (Where N's names are plain
 * strings, not literals, this asks nothing more than NetworkOptions.)
 */
export type NetworkChecks<N> = CheckSynapses<N> & CheckRecords<N>;

/** A record request as N allows it, for a request R: a component's name and that component's variables. */
export type RecordCheck<N, R> = { name: ComponentName<N>; vars: readonly VariableOf<N, NameOf<R>>[] };

// each item of N's own lists, with its names narrowed to N's (other options stay as given)
type CheckSynapses<N> = N extends { synapses: infer L extends readonly unknown[] }
  ? { synapses: { [I in keyof L]: Omit<L[I], "pre" | "post"> & { pre: PopulationName<N>; post: PopulationName<N> } } }
  : unknown;
type CheckRecords<N> = N extends { record: infer L extends readonly unknown[] }
  ? { record: { [I in keyof L]: Omit<L[I], "name" | "vars"> & RecordCheck<N, L[I]> } }
  : unknown;

/** A network whose names the types check (see NetworkChecks). */
export type CheckedNetwork<N extends NetworkInput> = N & NetworkChecks<N>;

/** T with every array also accepted readonly (so that a network written `as const` is one). */
export type ReadonlyArrays<T> = T extends readonly (infer E)[]
  ? readonly ReadonlyArrays<E>[]
  : T extends ArrayBufferView | ((...args: never[]) => unknown)
    ? T
    : T extends object
      ? { [K in keyof T]: ReadonlyArrays<T[K]> }
      : T;

/** What simulate and Simulation.create accept: NetworkOptions, its lists possibly readonly. */
export type NetworkInput = ReadonlyArrays<NetworkOptions>;
