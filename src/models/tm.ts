// The Tsodyks-Markram STP synapse (ngc-learn's STPDenseSynapse, for any nPre x nPost; plus exact
// relaxation, u's resting value U and three-state resources): options, defaults, checks, constants
// and variables (docs/MODEL.md). Delivered densely (src/delivery/dense.ts). The kernel's half:
// assembly/models/tm/.
import * as A from "../../assembly/abi.js";
import { fail, isArrayLike, num, oneOf } from "../core/checks.js";
import { checkInit, fillInit, type Init } from "../core/init.js";
import { denseArrays, denseFields, type DenseParams } from "../delivery/dense.js";
import type { ArrayPlan, Component, ModelDef, NetworkContext } from "./model.js";

/** The Tsodyks-Markram synapse's own options (a synapse's options also take its target's: src/network/options.ts). */
export interface TmOptions {
  /** The synapse's name: the key of its records. */
  name: string;
  /** Presynaptic population: a source (its spikes of this step) or a LIF population (of the previous step). */
  pre: string;
  /** Postsynaptic LIF population. */
  post: string;
  /** Maximal efficacies W, n_pre x n_post (default uniform on [0.025, 0.8], ngc-learn's). */
  weights?: Init;
  /** Resources U per presynaptic unit, in [0, 1] (default uniform on [0.125, 0.175], ngc-learn's). */
  resources?: Init;
  /** Facilitation time constant in ms; 0 turns STF off (u = U) (default 750). */
  tauF?: number;
  /** Depression time constant in ms; 0 turns STD off (x = 1) (default 50). */
  tauD?: number;
  /** Conductance factor g applied to the output (default 1). */
  gConduct?: number;
  /** Bias per postsynaptic unit added to the output every step (default none). */
  biases?: Init | null;
  /** "euler" (ngc-learn's map, default) or "exact" (exact relaxation between spikes). */
  integration?: "euler" | "exact";
  /**
   * The value u relaxes to between spikes, and starts at: 0 (default, the lesson's and Tsodyks,
   * Pawelzik & Markram 1998's) or "U" (u relaxes to U_j, as in Mongillo, Barak & Tsodyks 2008).
   * Either way u is incremented before it is used, so after a long silence the first response
   * is W * U with 0, and W * U * (2 - U) with "U".
   */
  uRest?: 0 | "U";
  /**
   * Inactivation time constant in ms (Tsodyks, Pawelzik & Markram 1998's tau_inact; NEST's
   * tsodyks_synapse tau_psc). 0 (default): released resources start recovering at once (x alone).
   * > 0: they stay active for tauInact, then inactive until they recover with tauD, x = 1 - y - z.
   * Needs integration "exact" and tauD > 0.
   */
  tauInact?: number;
}

export const SYNAPSE_DEFAULTS = {
  weights: { dist: "uniform", low: 0.025, high: 0.8 } as Init,
  resources: { dist: "uniform", low: 0.125, high: 0.175 } as Init,
  tauF: 750, tauD: 50, gConduct: 1, biases: null as Init | null, integration: "euler" as "euler" | "exact",
  uRest: 0 as 0 | "U", tauInact: 0,
};

export interface TmParams extends DenseParams {
  resources: Init;
  tauF: number;
  tauD: number;
  integration: "euler" | "exact";
  uRest: 0 | "U";
  /** ms; 0 = two-state resources. */
  tauInact: number;
}

/**
 * The three-state synapse's constants (tauInact > 0): dt / tauInact, and h = 1/tauInact - 1/tauD
 * as dt * h and h * tauInact = 1 - tauInact / tauD. The inactive fraction fed by the active one
 * over time t is yA * exp(-t/tauD) * (1 - exp(-h t)) / (h tauInact); when tauInact == tauD (h = 0) the
 * kernel uses the limit yA * exp(-t/tauD) * t / tauInact, so both are stored as exactly 0.
 */
export function inactivationConstants(s: TmParams, dt: number): { dtTauI: number; dtH: number; hTauI: number } {
  if (!(s.tauInact > 0)) return { dtTauI: 0, dtH: 0, hTauI: 0 };
  const h = 1 / s.tauInact - 1 / s.tauD;
  const hTauI = 1 - s.tauInact / s.tauD;
  // a difference float32 cannot hold is the limit case
  if (Math.fround(hTauI) === 0 || Math.fround(dt * h) === 0) return { dtTauI: dt / s.tauInact, dtH: 0, hTauI: 0 };
  return { dtTauI: dt / s.tauInact, dtH: dt * h, hTauI };
}

/** A synapse model: resolves its options for nPre x nPost (`where` names them in errors). */
export interface SynapseModel<O, P> extends ModelDef<P> {
  role: "synapse";
  /** Option names it accepts (besides name, pre, post and the target's). */
  keys: readonly string[];
  resolve(options: O, where: string, nPre: number, nPost: number, dt: number): P;
}

export const tm: SynapseModel<TmOptions, TmParams> = {
  type: "tm",
  kind: A.KIND_TM,
  bytes: A.TM_BYTES,
  role: "synapse",
  keys: Object.keys(SYNAPSE_DEFAULTS),

  resolve(s, where, nPre, nPost, dt) {
    const d = SYNAPSE_DEFAULTS;
    const integration = oneOf(`${where}.integration`, s.integration ?? d.integration, ["euler", "exact"] as const);
    const tau = (key: "tauF" | "tauD") => {
      const v = num(`${where}.${key}`, s[key] ?? d[key], { min: 0 });
      if (integration === "euler" && v > 0 && v < dt) {
        fail(`${where}.${key}`, v, `0 (off) or >= dt = ${dt} ms with integration "euler" (any value >= 0 with "exact")`,
          `dt / ${key} = ${dt / v} > 1 makes the Euler map leave [0, 1]`);
      }
      return v;
    };
    const finite = (o: string, v: unknown) => { num(o, v); };
    const unit = (o: string, v: unknown) => { num(o, v, { min: 0, max: 1 }); };
    const p: TmParams = {
      weights: checkInit(`${where}.weights`, s.weights ?? d.weights, nPre, nPost, finite),
      resources: checkInit(`${where}.resources`, s.resources ?? d.resources, nPre, null, unit),
      tauF: tau("tauF"), tauD: tau("tauD"),
      gConduct: num(`${where}.gConduct`, s.gConduct ?? d.gConduct),
      biases: s.biases == null ? null : checkInit(`${where}.biases`, s.biases, nPost, null, finite),
      integration,
      uRest: s.uRest === undefined ? d.uRest : s.uRest === 0 || s.uRest === "U" ? s.uRest
        : fail(`${where}.uRest`, s.uRest, `0 (u relaxes to 0, the lesson's) or "U" (u relaxes to U)`),
      tauInact: num(`${where}.tauInact`, s.tauInact ?? d.tauInact, { min: 0 }),
    };
    if (p.tauInact > 0 && integration !== "exact") {
      fail(`${where}.tauInact`, p.tauInact, `0 with integration "${integration}"`, `the three-state resources (tauInact > 0) need integration "exact"`);
    }
    if (p.tauInact > 0 && p.tauD === 0) {
      fail(`${where}.tauInact`, p.tauInact, "0 when tauD = 0", "inactive resources recover with tauD, so tauInact > 0 needs tauD > 0");
    }
    const r = p.resources;
    if (typeof r === "object" && !isArrayLike(r) && r.dist === "gaussian") {
      fail(`${where}.resources`, r, "constant, uniform within [0, 1], or explicit values in [0, 1]", "a gaussian can leave [0, 1]");
    }
    return p;
  },

  arrays(c: Component<TmParams>, net: NetworkContext): ArrayPlan[] {
    const rows = 4 * net.trials * c.n;
    const p = c.params;
    const plans: ArrayPlan[] = [
      ...denseArrays(c, net),
      { field: A.TM_RESOURCES, bytes: 4 * c.n, place: "data", fill: (b, ptr) => { fillInit(new Float32Array(b, ptr, c.n), p.resources, net.seed, `resources:${c.name}`); } },
      ...[A.TM_UVAR, A.TM_XVAR, A.TM_USPK, A.TM_XSPK].map((field) => ({ field, bytes: rows, place: "state" as const })),
    ];
    if (p.integration === "exact") plans.push(...[A.TM_UANCH, A.TM_XANCH, A.TM_NSINCE].map((field) => ({ field, bytes: rows, place: "state" as const })));
    if (p.tauInact > 0) plans.push(...[A.TM_YANCH, A.TM_ZANCH].map((field) => ({ field, bytes: rows, place: "state" as const })));
    return plans;
  },

  fields(c, net) {
    const p = c.params;
    const dt = net.dt;
    const inact = inactivationConstants(p, dt);
    const flags = (p.tauF > 0 ? A.TM_FLAG_STF : 0) | (p.tauD > 0 ? A.TM_FLAG_STD : 0) |
      (p.uRest === "U" ? A.TM_FLAG_UREST_U : 0) | (p.tauInact > 0 ? A.TM_FLAG_INACT : 0);
    return [
      ...denseFields(c, net),
      [A.TM_MODE, "i32", p.integration === "exact" ? A.TM_MODE_EXACT : A.TM_MODE_EULER], [A.TM_FLAGS, "i32", flags],
      [A.TM_DT_TAUF, "f32", p.tauF > 0 ? dt / p.tauF : 0], [A.TM_DT_TAUD, "f32", p.tauD > 0 ? dt / p.tauD : 0],
      [A.TM_DT_TAUI, "f32", inact.dtTauI], [A.TM_DT_H, "f32", inact.dtH], [A.TM_H_TAUI, "f32", inact.hTauI],
    ];
  },

  variables: (c) => ({
    u: { kind: "f32", field: A.TM_UVAR },
    x: { kind: "f32", field: A.TM_XVAR },
    wdyn: { kind: "derived", field: A.TM_VAR_WDYN, second: c.n2 },
  }),
};
