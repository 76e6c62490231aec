// The LIF neuron (ngc-learn's LIFCell, plus a synaptic current, exact integration and a direct
// current input): options, defaults, checks, the per-step constants and the variables it offers
// (docs/MODEL.md). The kernel's half: assembly/models/lif/.
import * as A from "../../assembly/abi.js";
import { bool, fail, num, oneOf } from "../core/checks.js";
import { checkInit, constantOf, fillInit, type Init } from "../core/init.js";
import { expIntegral } from "../science/theory.js";
import { perUnit, type ArrayPlan, type Component, type NetworkContext, type PopulationModel } from "./model.js";

/** LIFCell, ngc-learn's meanings and defaults. */
export interface LifOptions {
  /** A LIF population. */
  type: "lif";
  /** The population's name: the key of its records, spike counts, ports, and of synapses' pre and post. */
  name: string;
  /** Units (default 1). */
  n?: number;
  /** Membrane time constant in ms (default 20, the lesson's; ngc-learn has none). */
  tauM?: number;
  /** Membrane resistance: input current is multiplied by it (default 1). */
  resistM?: number;
  /** Resting potential in mV (default -65). */
  vRest?: number;
  /** Reset potential in mV (default -60). */
  vReset?: number;
  /** Base spike threshold in mV (default -52). */
  thr?: number;
  /** Refractory period in ms (default 5). */
  refractTime?: number;
  /** Adaptive-threshold time constant in ms; 0 turns adaptation off (default 1e7). */
  tauTheta?: number;
  /** Threshold increment per spike in mV (default 0.05). */
  thetaPlus?: number;
  /** Leak conductance factor g_L, dimensionless (default 1). */
  conductLeak?: number;
  /** Lower bound on v in mV, or null for none (default null). */
  vMin?: number | null;
  /**
   * "euler" (default), "midpoint" (RK2) or "exact" (exponential propagators, iaf_psc_exp style:
   * exact for an input constant over the step, or for the decaying current of tauSyn > 0).
   */
  integration?: "euler" | "midpoint" | "exact";
  /**
   * Synaptic current time constant in ms. 0 (default, the lesson's): each step's synaptic input
   * is a one-step current pulse. > 0: the input feeds a current that decays with tauSyn; input that
   * arrives in a step raises the current at the end of that step (iaf_psc_exp's convention).
   */
  tauSyn?: number;
  /**
   * A bias current per unit, added to the drive every step (in input units, times R: like the
   * synaptic input; the same in every trial): a number, a distribution or n values (default 0: none).
   */
  bias?: Init;
  /**
   * A current port: Simulation.inject(name, currents) adds a current (input units, times R in mV)
   * to each unit's drive in the next step, bypassing tauSyn's filter (default false).
   */
  inject?: boolean;
}

export const LIF_DEFAULTS = {
  n: 1, tauM: 20, resistM: 1, vRest: -65, vReset: -60, thr: -52, refractTime: 5, tauTheta: 1e7,
  thetaPlus: 0.05, conductLeak: 1, vMin: null as number | null, integration: "euler" as "euler" | "midpoint" | "exact",
  tauSyn: 0, bias: 0 as Init, inject: false,
};

/**
 * Largest dt / tauSyn the exact method takes: its propagator p21 multiplies exp(-dt/tauSyn) by
 * expm1(dt/tauSyn - dt gL/tauM), which overflows float64 beyond about 709.78 (NaN or Infinity in the
 * kernel); 700 leaves room for the leak term.
 */
export const EXACT_MAX_DT_OVER_TAU_SYN = 700;

export type LifParams = Required<Omit<LifOptions, "type" | "name" | "n">>;

/**
 * The LIF's per-step constants, in float64 (the kernel stores them as float32). With a = gL / tauM
 * and b = 1 / tauSyn (1/ms), over one step of dt ms, exactly:
 *   p22 = exp(-a dt)
 *   p21 = (1/tauM) * integral_0^dt exp(-a (dt - s)) c(s) ds, for a drive c(s) = 1 constant over the
 *         step (tauSyn = 0): (1 - exp(-a dt)) / (a tauM), and dt / tauM when a = 0;
 *         or decaying from 1 as exp(-b s) (tauSyn > 0): exp(-b dt) (1 - exp(-(a - b) dt)) / ((a - b) tauM),
 *         and dt exp(-b dt) / tauM in the limit a = b (tauSyn = tauM / gL): no division by zero.
 * expm1 keeps both forms accurate near their limits.
 */
export function lifPropagators(l: LifParams, dt: number): { p22: number; p21: number; p21Direct: number; synDecay: number; synDecayHalf: number } {
  const a = l.conductLeak / l.tauM;
  const p22 = Math.exp(-a * dt);
  // a direct current is constant over the step whatever tauSyn is (the exact method with tauSyn > 0 uses it apart)
  const p21Direct = expIntegral(dt, a) / l.tauM;
  if (l.tauSyn > 0) {
    const b = 1 / l.tauSyn;
    return { p22, p21: Math.exp(-b * dt) * expIntegral(dt, a - b) / l.tauM, p21Direct, synDecay: Math.exp(-b * dt), synDecayHalf: Math.exp(-b * dt / 2) };
  }
  return { p22, p21: p21Direct, p21Direct, synDecay: 0, synDecayHalf: 0 };
}

/** Whether the LIF has a direct current input: its current port, or a channel (a conductance) drives it. */
function hasDirect(c: Component<LifParams>, net: NetworkContext): boolean {
  const me = net.components.indexOf(c);
  return c.params.inject || net.components.some((o) => o.model.role === "channel" && o.post === me);
}

const METHODS = { euler: A.LIF_METHOD_EULER, midpoint: A.LIF_METHOD_MIDPOINT, exact: A.LIF_METHOD_EXACT } as const;

export const lif: PopulationModel<LifOptions, LifParams> = {
  type: "lif",
  kind: A.KIND_LIF,
  bytes: A.LIF_BYTES,
  role: "neuron",
  keys: Object.keys(LIF_DEFAULTS),

  resolve(p, where, { dt }) {
    const d = LIF_DEFAULTS;
    const n = num(`${where}.n`, p.n ?? d.n, { min: 1, integer: true, max: 2 ** 30 });
    const tauM = num(`${where}.tauM`, p.tauM ?? d.tauM, { min: 0, minExclusive: true });
    const conductLeak = num(`${where}.conductLeak`, p.conductLeak ?? d.conductLeak, { min: 0 });
    const integration = oneOf(`${where}.integration`, p.integration ?? d.integration, ["euler", "midpoint", "exact"] as const);
    if (integration !== "exact" && conductLeak * dt / tauM > 1) {
      fail(`${where}.tauM`, tauM, `tauM >= conductLeak * dt = ${conductLeak * dt} ms`,
        `conductLeak * dt / tauM = ${conductLeak * dt / tauM} > 1 makes the explicit step overshoot v_rest`);
    }
    const tauSyn = num(`${where}.tauSyn`, p.tauSyn ?? d.tauSyn, { min: 0 });
    if (integration === "exact" && tauSyn > 0 && dt / tauSyn > EXACT_MAX_DT_OVER_TAU_SYN) {
      fail(`${where}.tauSyn`, tauSyn, `0 (one-step pulses), or >= dt / ${EXACT_MAX_DT_OVER_TAU_SYN} = ${dt / EXACT_MAX_DT_OVER_TAU_SYN} ms with integration "exact" (any value >= 0 with "euler" or "midpoint")`,
        `dt / tauSyn = ${dt / tauSyn} > ${EXACT_MAX_DT_OVER_TAU_SYN}: the exact propagator's exp(dt / tauSyn) leaves float64's range (such a current decays within the step)`);
    }
    const vMinRaw = p.vMin === undefined ? d.vMin : p.vMin;
    return {
      n,
      params: {
        tauM,
        resistM: num(`${where}.resistM`, p.resistM ?? d.resistM, { min: 0 }),
        vRest: num(`${where}.vRest`, p.vRest ?? d.vRest),
        vReset: num(`${where}.vReset`, p.vReset ?? d.vReset),
        thr: num(`${where}.thr`, p.thr ?? d.thr),
        refractTime: num(`${where}.refractTime`, p.refractTime ?? d.refractTime, { min: 0 }),
        tauTheta: num(`${where}.tauTheta`, p.tauTheta ?? d.tauTheta, { min: 0 }),
        thetaPlus: num(`${where}.thetaPlus`, p.thetaPlus ?? d.thetaPlus),
        conductLeak,
        vMin: vMinRaw === null ? null : num(`${where}.vMin`, vMinRaw),
        integration,
        tauSyn,
        bias: checkInit(`${where}.bias`, p.bias ?? d.bias, n, null, (o, v) => { num(o, v); }),
        inject: bool(`${where}.inject`, p.inject ?? d.inject),
      },
    };
  },

  arrays(c, net) {
    const bytes = perUnit(net.trials, c.n);
    const l = c.params;
    const plans: ArrayPlan[] = [{ field: A.LIF_V, bytes, place: "state" }, { field: A.LIF_RFR, bytes, place: "state" }];
    if (l.tauTheta > 0) plans.push({ field: A.LIF_THETA, bytes, place: "state" });
    if (l.tauSyn > 0) plans.push({ field: A.LIF_ISYN, bytes, place: "state" });
    if (hasDirect(c, net)) plans.push({ field: A.LIF_DIRECT, bytes, place: "state" });
    if (constantOf(l.bias) !== 0) plans.push({ field: A.LIF_BIAS, bytes: 4 * c.n, place: "data", fill: (b, ptr) => { fillInit(new Float32Array(b, ptr, c.n), l.bias, net.seed, `bias:${c.name}`); } });
    return plans;
  },

  fields(c, net) {
    const l = c.params;
    const p = lifPropagators(l, net.dt);
    const flags = (l.tauTheta > 0 ? A.LIF_FLAG_THETA : 0) | (l.vMin !== null ? A.LIF_FLAG_VMIN : 0) |
      (l.tauSyn > 0 ? A.LIF_FLAG_SYN : 0) | (hasDirect(c, net) ? A.LIF_FLAG_DIRECT : 0) | (constantOf(l.bias) !== 0 ? A.LIF_FLAG_BIAS : 0);
    return [
      [A.LIF_INV_TAU_M, "f32", 1 / l.tauM], [A.LIF_R, "f32", l.resistM], [A.LIF_V_REST, "f32", l.vRest],
      [A.LIF_V_RESET, "f32", l.vReset], [A.LIF_THR, "f32", l.thr], [A.LIF_REFRACT, "f32", l.refractTime],
      [A.LIF_THETA_DECAY, "f32", l.tauTheta > 0 ? Math.exp(-net.dt / l.tauTheta) : 0], [A.LIF_THETA_PLUS, "f32", l.thetaPlus],
      [A.LIF_G_L, "f32", l.conductLeak], [A.LIF_V_MIN, "f32", l.vMin ?? 0], [A.LIF_FLAGS, "i32", flags],
      [A.LIF_METHOD, "i32", METHODS[l.integration]], [A.LIF_SYN_DECAY, "f32", p.synDecay],
      [A.LIF_SYN_DECAY_HALF, "f32", p.synDecayHalf], [A.LIF_P22, "f32", p.p22], [A.LIF_P21, "f32", p.p21],
      [A.LIF_P21_DIRECT, "f32", p.p21Direct],
    ];
  },

  variables: (c) => ({
    v: { kind: "f32", field: A.LIF_V, unit: "mV" },
    spikes: { kind: "spike", field: A.COMP_SPIKES },
    rfr: { kind: "f32", field: A.LIF_RFR, unit: "ms" },
    theta: c.params.tauTheta > 0 ? { kind: "f32", field: A.LIF_THETA, unit: "mV" } : "theta needs tauTheta > 0 (an adaptive threshold)",
    isyn: c.params.tauSyn > 0 ? { kind: "f32", field: A.LIF_ISYN } : "isyn needs tauSyn > 0 (a synaptic current)",
  }),

  port: (c) => (c.params.inject ? { field: A.LIF_DIRECT, kind: "current" } : "a current port needs the population option inject: true"),
};
