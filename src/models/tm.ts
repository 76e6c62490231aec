// The Tsodyks-Markram STP synapse (ngc-learn's STPDenseSynapse, for any nPre x nPost; plus exact
// relaxation, u's resting value U, three-state resources, connectivity rules, per-unit or
// per-connection parameters and state, and delays): options, defaults, checks, constants and
// variables (docs/MODEL.md). Delivered densely (src/delivery/dense.ts: every pair a connection, no
// delay) or sparsely (src/delivery/sparse.ts). The kernel's half: assembly/models/tm/.
import * as A from "../../assembly/abi.js";
import { fail, isArrayLike, num, oneOf } from "../core/checks.js";
import { checkInit, constantOf, fillInit, type Init } from "../core/init.js";
import { denseArrays, denseFields, type DenseParams } from "../delivery/dense.js";
import { nnzOf, sparseArrays, sparseFields, type SparseParams } from "../delivery/sparse.js";
import { oneToOneArrays, oneToOneFields } from "../delivery/oneToOne.js";
import { checkConnect, connectionsOf, type Connect, type Connections } from "../network/connect.js";
import type { ArrayPlan, Component, Field, ModelDef, NetworkContext, Variable } from "./model.js";

/** The Tsodyks-Markram synapse's own options (a synapse's options also take its target's: src/network/options.ts). */
export interface TmOptions {
  /** The synapse's name: the key of its records. */
  name: string;
  /** Presynaptic population: a source (its spikes of this step) or a LIF population (of the previous step). */
  pre: string;
  /** Postsynaptic LIF population. */
  post: string;
  /**
   * Which pairs connect (default "all"): "all", "oneToOne" (j -> j), `{ p }` (each pair with probability
   * p), `{ inDegree }`, `{ outDegree }`, or `{ pre: [...], post: [...] }` (explicit lists). Drawn from the run seed and the
   * synapse's name (src/network/connect.ts).
   */
  connect?: Connect;
  /** Whether unit j may connect to itself when pre and post are one population (default false). */
  autapses?: boolean;
  /**
   * Maximal efficacies W: with connect "all", n_pre x n_post (flat row-major or rows); otherwise one
   * per connection in connection order (presynaptic unit ascending, then postsynaptic; explicit lists:
   * their order). A number or a distribution works with any rule (default uniform on [0.025, 0.8],
   * ngc-learn's).
   */
  weights?: Init;
  /**
   * Resources U in [0, 1]: per presynaptic unit (n_pre values; default uniform on [0.125, 0.175],
   * ngc-learn's), or with stpState "connection" per connection.
   */
  resources?: Init;
  /** Facilitation time constant in ms; 0 turns STF off (u = U) (default 750); per unit or connection as resources. */
  tauF?: Init;
  /** Depression time constant in ms; 0 turns STD off (x = 1) (default 50); per unit or connection as resources. */
  tauD?: Init;
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
   * Needs integration "exact" and tauD > 0; per unit or connection as resources.
   */
  tauInact?: Init;
  /**
   * Where u and x live: "presynaptic" (default: once per presynaptic unit, shared by its connections;
   * U and the taus may vary by presynaptic unit only) or "connection" (per connection: any
   * heterogeneity; integration "exact", updated at each spike of the row, as NEST's tsodyks_synapse).
   */
  stpState?: "presynaptic" | "connection";
  /** Delay of each connection in ms (default 0), rounded to whole steps (docs/MODEL.md): a number, a distribution or per-connection values. */
  delay?: Init;
  /**
   * "deterministic" (default: the efficacy is W u x) or "quantal": each connection has `sites`
   * release sites; at a spike each available site releases with probability u, released sites
   * recover one by one with probability 1 - exp(-t / tauD) (Fuhrmann et al. 2002, as NEST's
   * quantal_stp_synapse); the efficacy is W * released / sites. Quantal release keeps u and the
   * sites per connection: it implies stpState "connection" and integration "exact", and needs tauInact 0.
   */
  release?: "deterministic" | "quantal";
  /** Release sites per connection with release "quantal": an integer in [1, 65535] (default 1, NEST's). */
  sites?: number;
}

export const SYNAPSE_DEFAULTS = {
  weights: { dist: "uniform", low: 0.025, high: 0.8 } as Init,
  resources: { dist: "uniform", low: 0.125, high: 0.175 } as Init,
  tauF: 750 as Init, tauD: 50 as Init, gConduct: 1, biases: null as Init | null, integration: "euler" as "euler" | "exact",
  uRest: 0 as 0 | "U", tauInact: 0 as Init, connect: "all" as Connect, autapses: false, stpState: "presynaptic" as "presynaptic" | "connection",
  delay: 0 as Init, release: "deterministic" as "deterministic" | "quantal", sites: 1,
};

export interface TmParams extends DenseParams {
  /**
   * How the output is delivered: dense (connect "all", no delay, per-unit state), one-to-one
   * (connect "oneToOne", one delay, per-unit state) or sparse (any other).
   */
  delivery: "dense" | "oneToOne" | "sparse";
  /** The connections and delays (null when dense; one-to-one's are j -> j). */
  sparse: (Omit<SparseParams, "weights" | "gConduct" | "biases"> & { all: boolean }) | null;
  state: "presynaptic" | "connection";
  /** U, tauF, tauD, tauInact: per presynaptic unit ("presynaptic") or per connection. A number is uniform. */
  resources: Init;
  tauF: Init;
  tauD: Init;
  tauInact: Init;
  integration: "euler" | "exact";
  uRest: 0 | "U";
  /** Release sites per connection with quantal release, else 0 (deterministic). */
  sites: number;
}

/** A time constant's single value, or null when it varies. */
export function uniform(init: Init): number | null {
  return constantOf(init);
}

/**
 * The three-state synapse's constants (tauInact > 0): dt / tauInact, and h = 1/tauInact - 1/tauD
 * as dt * h and h * tauInact = 1 - tauInact / tauD. The inactive fraction fed by the active one
 * over time t is yA * exp(-t/tauD) * (1 - exp(-h t)) / (h tauInact); when tauInact == tauD (h = 0) the
 * kernel uses the limit yA * exp(-t/tauD) * t / tauInact, so both are stored as exactly 0.
 */
export function inactivationConstants(tauInact: number, tauD: number, dt: number): { dtTauI: number; dtH: number; hTauI: number } {
  if (!(tauInact > 0)) return { dtTauI: 0, dtH: 0, hTauI: 0 };
  const h = 1 / tauInact - 1 / tauD;
  const hTauI = 1 - tauInact / tauD;
  // a difference float32 cannot hold is the limit case
  if (Math.fround(hTauI) === 0 || Math.fround(dt * h) === 0) return { dtTauI: dt / tauInact, dtH: 0, hTauI: 0 };
  return { dtTauI: dt / tauInact, dtH: dt * h, hTauI };
}

/** Where a synapse's options are checked: its sizes, step, seed and populations. */
export interface SynapseContext {
  nPre: number;
  nPost: number;
  dt: number;
  seed: number | string;
  /** Whether pre and post are one population (then autapses apply). */
  recurrent: boolean;
}

/** A synapse model: resolves its options (`where` names them in errors). */
export interface SynapseModel<O, P> extends ModelDef<P> {
  role: "synapse";
  /** Option names it accepts (besides name, pre, post and the target's). */
  keys: readonly string[];
  resolve(options: O, where: string, ctx: SynapseContext, name: string): P;
}

/** Connections of a synapse with these params, nPre x nPost. */
function connectionCount(p: TmParams, nPre: number, nPost: number): number {
  return p.sparse ? p.sparse.connections.rows[nPre] : nPre * nPost;
}

/**
 * Values of a per-connection initialiser in connection order: a distribution drawn connection by
 * connection; explicit values as given (explicit connection lists: in the order of the lists).
 */
function connectionValues(out: Float32Array, init: Init, connections: Connections | null, seed: number | string, purpose: string): Float32Array {
  if (isArrayLike(init) && connections?.given) {
    const values = init as ArrayLike<number>;
    const given = connections.given;
    for (let c = 0; c < out.length; c++) out[c] = values[given[c]];
    return out;
  }
  return fillInit(out, init, seed, purpose);
}

/** Weights of a sparse synapse in connection order; connect "all" takes the dense shapes (n_pre x n_post) and keeps the pairs it has. */
export function sparseWeights(out: Float32Array, c: Component<TmParams>, seed: number | string): Float32Array {
  const p = c.params;
  const conns = p.sparse!.connections;
  if (p.sparse!.all && isArrayLike(p.weights)) {
    const dense = fillInit(new Float32Array(c.n * c.n2), p.weights, seed, `weights:${c.name}`);
    for (let j = 0; j < c.n; j++) for (let q = conns.rows[j]; q < conns.rows[j + 1]; q++) out[q] = dense[j * c.n2 + conns.posts[q]];
    return out;
  }
  return connectionValues(out, p.weights, conns, seed, `weights:${c.name}`);
}

/** Per-unit or per-connection parameter values (count of them), and the rate arrays the kernel reads. */
export function parameterValues(c: Component<TmParams>, init: Init, count: number, seed: number | string, purpose: string): Float32Array {
  const conns = c.params.state === "connection" ? c.params.sparse!.connections : null;
  return connectionValues(new Float32Array(count), init, conns, seed, `${purpose}:${c.name}`);
}

/** dt/tauF then dt/tauD per unit or connection (0 where the rate's effect is off). */
export function rateValues(c: Component<TmParams>, count: number, net: NetworkContext): Float32Array {
  const p = c.params;
  const out = new Float32Array(2 * count);
  const tauF = parameterValues(c, p.tauF, count, net.seed, "tauF");
  const tauD = parameterValues(c, p.tauD, count, net.seed, "tauD");
  for (let i = 0; i < count; i++) {
    out[i] = tauF[i] > 0 ? net.dt / tauF[i] : 0;
    out[count + i] = tauD[i] > 0 ? net.dt / tauD[i] : 0;
  }
  return out;
}

/** (dt/tauInact, dtH, hTauI) per unit or connection: thirds of the array. */
export function inactValues(c: Component<TmParams>, count: number, net: NetworkContext): Float32Array {
  const p = c.params;
  const out = new Float32Array(3 * count);
  const tauI = parameterValues(c, p.tauInact, count, net.seed, "tauInact");
  const tauD = parameterValues(c, p.tauD, count, net.seed, "tauD");
  for (let i = 0; i < count; i++) {
    const k = inactivationConstants(tauI[i], tauD[i], net.dt);
    out[i] = k.dtTauI;
    out[count + i] = k.dtH;
    out[2 * count + i] = k.hTauI;
  }
  return out;
}

/** Whether any of U, tauF, tauD, tauInact varies (per unit or connection). */
function varies(init: Init): boolean {
  return uniform(init) === null;
}

export const tm: SynapseModel<TmOptions, TmParams> = {
  type: "tm",
  kind: A.KIND_TM,
  bytes: A.TM_BYTES,
  role: "synapse",
  keys: Object.keys(SYNAPSE_DEFAULTS),

  resolve(s, where, ctx, name) {
    const d = SYNAPSE_DEFAULTS;
    const { nPre, nPost, dt } = ctx;
    const release = oneOf(`${where}.release`, s.release ?? d.release, ["deterministic", "quantal"] as const);
    const quantal = release === "quantal";
    if (s.sites !== undefined && !quantal) fail(`${where}.sites`, s.sites, `no sites with release "${release}"`, `sites count the release sites of release "quantal"`);
    const sites = quantal ? num(`${where}.sites`, s.sites ?? d.sites, { min: 1, max: 65535, integer: true }) : 0;
    // quantal release keeps its sites per connection, updated at spikes: per-connection exact state
    const integration = oneOf(`${where}.integration`, s.integration ?? (quantal ? "exact" : d.integration), ["euler", "exact"] as const);
    const state = oneOf(`${where}.stpState`, s.stpState ?? (quantal ? "connection" : d.stpState), ["presynaptic", "connection"] as const);
    if (quantal && (integration !== "exact" || state !== "connection")) {
      const [key, value] = integration !== "exact" ? ["integration", integration] : ["stpState", state];
      fail(`${where}.${key}`, value, key === "integration" ? `"exact" with release "quantal"` : `"connection" with release "quantal"`,
        "quantal release keeps each connection's sites, updated at its spikes with the exact relaxation");
    }
    if (s.autapses !== undefined && typeof s.autapses !== "boolean") fail(`${where}.autapses`, s.autapses, "true or false");
    if (s.autapses !== undefined && !ctx.recurrent) fail(`${where}.autapses`, s.autapses, "no autapses option here", "autapses apply only when pre and post are one population");
    const noAutapses = ctx.recurrent && !(s.autapses ?? d.autapses);
    const connect = checkConnect(`${where}.connect`, s.connect ?? d.connect, nPre, nPost, noAutapses);
    // delays: whole steps, rounded to the nearest (docs/MODEL.md)
    const delayInit = s.delay ?? d.delay;
    const delayConst = uniform(delayInit as Init);
    const sparse = connect !== "all" || noAutapses || state === "connection" || delayConst !== 0;
    if (state === "connection" && integration !== "exact") {
      fail(`${where}.stpState`, state, `"presynaptic" with integration "euler", or "connection" with integration "exact"`,
        "per-connection state is updated at the row's spikes only, which needs the exact relaxation between them");
    }
    const connections = sparse ? connectionsOf(connect, nPre, nPost, noAutapses, ctx.seed, name) : null;
    const nnz = connections ? connections.rows[nPre] : nPre * nPost;
    const finite = (o: string, v: unknown) => { num(o, v); };
    const unit = (o: string, v: unknown) => { num(o, v, { min: 0, max: 1 }); };
    // per unit or per connection: the count of values U and the taus take, and what to say otherwise
    const perCount = state === "connection" ? nnz : nPre;
    const perWhat = state === "connection" ? "per connection" : "per presynaptic unit";
    const stpInit = (key: "resources" | "tauF" | "tauD" | "tauInact", check: (o: string, v: unknown) => void): Init => {
      const raw = s[key] ?? d[key];
      if (state === "presynaptic" && isArrayLike(raw) && raw.length !== nPre && raw.length === nnz) {
        fail(`${where}.${key}`, raw, `${nPre} values (one per presynaptic unit), or stpState: "connection" for ${nnz} (one per connection)`,
          "per-connection STP parameters need u and x per connection");
      }
      return checkInit(`${where}.${key}`, raw, perCount, null, check);
    };
    const tauCheck = (key: string) => (o: string, v: unknown) => {
      const value = num(o, v, { min: 0 });
      if (integration === "euler" && value > 0 && value < dt) {
        fail(o, value, `0 (off) or >= dt = ${dt} ms with integration "euler" (any value >= 0 with "exact")`, `dt / ${key} = ${dt / value} > 1 makes the Euler map leave [0, 1]`);
      }
    };
    const positiveTau = (key: "tauF" | "tauD" | "tauInact") => {
      const init = stpInit(key, tauCheck(key));
      if (varies(init)) {
        // varying time constants must all be > 0: 0 turns an effect off for the whole synapse only
        const values = fillInit(new Float32Array(perCount), init, ctx.seed, `${key}:${name}`);
        const at = values.findIndex((v) => !(v > 0));
        if (at >= 0) fail(`${where}.${key}`, init, `values > 0 ${perWhat} (0 turns the effect off only as one number for the whole synapse)`, `value ${at} is ${values[at]}`);
        if (typeof init === "object" && !isArrayLike(init) && (init.dist === "gaussian" || (init.dist === "normal" && init.low === undefined))) {
          fail(`${where}.${key}`, init, `a distribution that stays > 0: uniform, or {dist: "normal", ..., low} with low > 0`, "a gaussian can go below 0");
        }
      }
      return init;
    };
    const p: TmParams = {
      delivery: connect === "oneToOne" && state === "presynaptic" && delayConst !== null ? "oneToOne" : sparse ? "sparse" : "dense",
      sparse: null,
      state,
      weights: checkInit(`${where}.weights`, s.weights ?? d.weights, connect === "all" ? nPre : nnz, connect === "all" ? nPost : null, finite),
      resources: stpInit("resources", unit),
      tauF: positiveTau("tauF"), tauD: positiveTau("tauD"),
      gConduct: num(`${where}.gConduct`, s.gConduct ?? d.gConduct),
      biases: s.biases == null ? null : checkInit(`${where}.biases`, s.biases, nPost, null, finite),
      integration,
      uRest: s.uRest === undefined ? d.uRest : s.uRest === 0 || s.uRest === "U" ? s.uRest
        : fail(`${where}.uRest`, s.uRest, `0 (u relaxes to 0, the lesson's) or "U" (u relaxes to U)`),
      tauInact: positiveTau("tauInact"),
      sites,
    };
    const onTauInact = uniform(p.tauInact) !== 0;
    if (onTauInact && integration !== "exact") {
      fail(`${where}.tauInact`, p.tauInact, `0 with integration "${integration}"`, `the three-state resources (tauInact > 0) need integration "exact"`);
    }
    if (onTauInact && quantal) fail(`${where}.tauInact`, p.tauInact, `0 with release "quantal"`, "released sites recover with tauD directly (two-state sites)");
    if (onTauInact && uniform(p.tauD) === 0) {
      fail(`${where}.tauInact`, p.tauInact, "0 when tauD = 0", "inactive resources recover with tauD, so tauInact > 0 needs tauD > 0");
    }
    const r = p.resources;
    if (typeof r === "object" && !isArrayLike(r) && (r.dist === "gaussian" || (r.dist === "normal" && (r.low === undefined || r.high === undefined)))) {
      fail(`${where}.resources`, r, "constant, uniform within [0, 1], normal with low and high within [0, 1], or explicit values in [0, 1]", "a gaussian can leave [0, 1]");
    }
    if (connections) {
      const delayCheck = (o: string, v: unknown) => { num(o, v, { min: 0, max: 65535 * dt }); };
      const delay = checkInit(`${where}.delay`, delayInit, nnz, null, delayCheck);
      let delays: Uint16Array | number;
      let slots: number;
      if (delayConst !== null) {
        delays = Math.round(delayConst / dt);
        slots = delays + 1;
      } else {
        const ms = connectionValues(new Float32Array(nnz), delay, connections, ctx.seed, `delay:${name}`);
        delays = new Uint16Array(nnz);
        let most = 0;
        for (let q = 0; q < nnz; q++) {
          const steps = Math.round(ms[q] / dt);
          delays[q] = steps;
          if (steps > most) most = steps;
        }
        slots = most + 1;
      }
      p.sparse = { connections, delays, slots, all: connect === "all" };
    } else if (delayConst !== 0) fail(`${where}.delay`, delayInit, "0 with dense delivery");
    return p;
  },

  arrays(c: Component<TmParams>, net: NetworkContext): ArrayPlan[] {
    const K = net.trials;
    const rows = 4 * K * c.n;
    const p = c.params;
    const perConnection = p.state === "connection";
    const count = perConnection ? connectionCount(p, c.n, c.n2) : c.n;
    const inact = uniform(p.tauInact) !== 0;
    const state = (fields: number[], bytes: number): ArrayPlan[] => fields.map((field) => ({ field, bytes, place: "state" as const }));
    const delivery = p.sparse && { ...p.sparse, weights: p.weights, gConduct: p.gConduct, biases: p.biases };
    const fillWeights = (out: Float32Array) => sparseWeights(out, c, net.seed);
    const plans: ArrayPlan[] = !delivery ? denseArrays(c, net)
      : p.delivery === "oneToOne" ? oneToOneArrays(c, delivery, net, fillWeights) : sparseArrays(c, delivery, net, fillWeights);
    plans.push(
      { field: A.TM_RESOURCES, bytes: 4 * c.n, place: "data", fill: (b, ptr) => { if (!perConnection || !varies(p.resources)) fillInit(new Float32Array(b, ptr, c.n), perConnection ? uniform(p.resources)! : p.resources, net.seed, `resources:${c.name}`); } },
      ...state([A.TM_LAST], rows),
    );
    if (varies(p.tauF) || varies(p.tauD)) {
      const field = perConnection ? A.TM_RATES_CONN : A.TM_RATES_ROWS;
      plans.push({ field, bytes: 8 * count, place: "data", fill: (b, ptr) => new Float32Array(b, ptr, 2 * count).set(rateValues(c, count, net)) });
    }
    if (inact && (varies(p.tauInact) || varies(p.tauD))) {
      const field = perConnection ? A.TM_INACT_CONN : A.TM_INACT_ROWS;
      plans.push({ field, bytes: 12 * count, place: "data", fill: (b, ptr) => new Float32Array(b, ptr, 3 * count).set(inactValues(c, count, net)) });
    }
    if (perConnection) {
      const states = 4 * K * count;
      if (varies(p.resources)) plans.push({ field: A.TM_U_CONN, bytes: 4 * count, place: "data", fill: (b, ptr) => new Float32Array(b, ptr, count).set(parameterValues(c, p.resources, count, net.seed, "resources")) });
      plans.push(...state([A.TM_NSINCE], rows), ...state([A.TM_C_UANCH, A.TM_C_XANCH, A.TM_C_USPK, A.TM_C_XSPK], states));
      if (inact) plans.push(...state([A.TM_C_YANCH, A.TM_C_ZANCH], states));
      if (p.sites > 0) plans.push(...state([A.TM_C_AVAIL, A.TM_C_REL], states));
      return plans;
    }
    plans.push(...state([A.TM_USPK, A.TM_XSPK], rows));
    plans.push(...state(p.integration === "exact" ? [A.TM_UANCH, A.TM_XANCH, A.TM_NSINCE] : [A.TM_UVAR, A.TM_XVAR], rows));
    if (inact) plans.push(...state([A.TM_YANCH, A.TM_ZANCH], rows));
    return plans;
  },

  fields(c, net) {
    const p = c.params;
    const dt = net.dt;
    const tauF = uniform(p.tauF);
    const tauD = uniform(p.tauD);
    const tauI = uniform(p.tauInact);
    const inact = inactivationConstants(tauI ?? 0, tauD ?? 0, dt);
    const flags = (tauF !== 0 ? A.TM_FLAG_STF : 0) | (tauD !== 0 ? A.TM_FLAG_STD : 0) |
      (p.uRest === "U" ? A.TM_FLAG_UREST_U : 0) | (tauI !== 0 ? A.TM_FLAG_INACT : 0) |
      (p.state === "connection" ? A.TM_FLAG_CONNECTION : 0) | (p.sites > 0 ? A.TM_FLAG_QUANTAL : 0);
    const sparse = p.sparse && { ...p.sparse, weights: p.weights, gConduct: p.gConduct, biases: p.biases };
    const delivery: Field[] = !sparse ? denseFields(c, net) : p.delivery === "oneToOne" ? oneToOneFields(c, sparse) : sparseFields(c, sparse);
    return [
      ...delivery,
      [A.TM_MODE, "i32", p.integration === "exact" ? A.TM_MODE_EXACT : A.TM_MODE_EULER], [A.TM_FLAGS, "i32", flags],
      [A.TM_DT_TAUF, "f32", tauF ? dt / tauF : 0], [A.TM_DT_TAUD, "f32", tauD ? dt / tauD : 0],
      [A.TM_DT_TAUI, "f32", inact.dtTauI], [A.TM_DT_H, "f32", inact.dtH], [A.TM_H_TAUI, "f32", inact.hTauI],
      // quantal release: its sites, and its random stream (the component's index: one stream per synapse)
      ...(p.sites > 0 ? [[A.TM_SITES, "i32", p.sites], [A.TM_STREAM, "u32", net.components.indexOf(c)]] as Field[] : []),
    ];
  },

  // the delivery's per-connection factors: u and x of the spike, or (quantal) the released fraction alone
  aliases: (c) => (c.params.sites > 0 ? [[A.DLV_FA, A.TM_C_REL]] : c.params.state === "connection" ? [[A.DLV_FA, A.TM_C_USPK], [A.DLV_FB, A.TM_C_XSPK]] : []),

  variables(c) {
    const p = c.params;
    const conns = p.sparse?.connections ?? null;
    const pairs = conns ? sparsePairs(conns, c.n) : undefined;
    const second = conns ? nnzOf({ connections: conns } as SparseParams) : c.n2;
    const wdyn: Variable = { kind: "derived", field: A.TM_VAR_WDYN, second, pairs, spikes: { kind: "event", field: A.TM_VAR_WDYN, second, pairs } };
    // u and x now: per connection, or per presynaptic row (second index 0)
    const perPair = p.state === "connection" ? { second, pairs } : {};
    return {
      u: { kind: "derived", field: A.TM_VAR_U, ...perPair, spikes: { kind: "event", field: A.TM_VAR_USPK, ...perPair } },
      x: { kind: "derived", field: A.TM_VAR_X, ...perPair, spikes: { kind: "event", field: A.TM_VAR_XSPK, ...perPair } },
      wdyn,
    };
  },
};

/** A sparse synapse's [pre, post] pairs: connection c's, and the first connection of a pair. */
function sparsePairs(conns: Connections, nPre: number): NonNullable<Variable["pairs"]> {
  return {
    count: conns.rows[nPre],
    pairAt: (c) => {
      let lo = 0;
      let hi = nPre;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (conns.rows[mid] <= c) lo = mid;
        else hi = mid;
      }
      return [lo, conns.posts[c]];
    },
    indexOf: (j, k) => {
      for (let c = conns.rows[j]; c < conns.rows[j + 1]; c++) if (conns.posts[c] === k) return c;
      return -1;
    },
  };
}

export type { Connect } from "../network/connect.js";
export type { SparseParams };
