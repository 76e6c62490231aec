// The host's registry of models: population types, synapse models and synapse targets by name.
// Adding a model is one entry here (and its file in this folder, and its kernel half).
import { poisson } from "./poisson.js";
import { spikeTrain } from "./spikeTrain.js";
import { lif } from "./lif.js";
import { tm } from "./tm.js";
import { conductance } from "./conductance.js";

/** Population models by their `type` option. */
export const POPULATIONS = { poisson, spikeTrain, lif } as const;

/** Synapse models (every synapse is a Tsodyks-Markram synapse today). */
export const SYNAPSES = { tm } as const;

/** Synapse targets by their `target` option; "current" (the default) is the LIF's own input. */
export const TARGETS = { current: null, conductance } as const;
