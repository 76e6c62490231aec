// Connectivity: which presynaptic unit connects to which postsynaptic unit, as CSR (compressed sparse
// rows): row j's connections are [rows[j], rows[j + 1]) of `posts`, posts ascending within a row.
// CSR by presynaptic row because delivery is event-driven: a spike reads its row's connections, one
// contiguous run of memory, and a worker that owns a range of postsynaptic units finds its part of
// a row by binary search (docs/MODEL.md, "Connectivity"). Random rules draw from seedrandom's Alea,
// seeded by the run seed and the synapse's name: the same network every time, on every machine.
import alea from "seedrandom/lib/alea.js";
import { fail, isArrayLike, knownKeys, num } from "../core/checks.js";

/**
 * Which pairs connect: "all" (every pre to every post), "oneToOne" (pre j to post j, nPre = nPost), `{ p }` (each pair independently with
 * probability p), `{ inDegree }` (each post from that many distinct pres, drawn uniformly),
 * `{ outDegree }` (each pre to that many distinct posts), or `{ pre, post }`, explicit lists of
 * equal length (connection i is pre[i] -> post[i]; a pair may repeat).
 */
export type Connect =
  | "all"
  | "oneToOne"
  | {
    /** Probability in [0, 1] that a pair connects, each pair drawn on its own. */
    p: number;
  }
  | {
    /** Presynaptic units per postsynaptic unit, distinct, drawn uniformly (0 to nPre, fewer without autapses). */
    inDegree: number;
  }
  | {
    /** Postsynaptic units per presynaptic unit, distinct, drawn uniformly (0 to nPost, fewer without autapses). */
    outDegree: number;
  }
  | {
    /** Presynaptic unit of each connection (0 .. nPre - 1). */
    pre: ArrayLike<number>;
    /** Postsynaptic unit of each connection (0 .. nPost - 1), as many as `pre`. */
    post: ArrayLike<number>;
  };

/** A synapse's connections. */
export interface Connections {
  /** nPre + 1 row starts; nnz = rows[nPre]. */
  rows: Int32Array;
  /** The postsynaptic unit of each connection, ascending within a row. */
  posts: Int32Array;
  /** Explicit lists: for each connection (CSR order), its index in the lists given (their values follow it). */
  given: Int32Array | null;
}

/** Check `connect` for nPre x nPost; `noAutapses` forbids j -> j (pre and post one population). */
export function checkConnect(option: string, connect: unknown, nPre: number, nPost: number, noAutapses: boolean): Connect {
  if (connect === "all") return connect;
  if (connect === "oneToOne") {
    if (nPre !== nPost) fail(option, connect, `"all", {p}, {inDegree}, {outDegree} or {pre, post} (one-to-one needs as many presynaptic as postsynaptic units)`, `${nPre} presynaptic and ${nPost} postsynaptic units`);
    if (noAutapses) fail(option, connect, `another rule, or autapses: true`, "pre and post are one population: every j -> j is an autapse");
    return connect;
  }
  const forms = `"all", "oneToOne", {p}, {inDegree}, {outDegree} or {pre: [...], post: [...]}`;
  if (connect === null || typeof connect !== "object" || isArrayLike(connect)) fail(option, connect, forms);
  const c = connect as Record<string, unknown>;
  const keys = Object.keys(c);
  if ("p" in c) {
    knownKeys(option, c, ["p"]);
    num(`${option}.p`, c.p, { min: 0, max: 1 });
    return connect as Connect;
  }
  const most = (n: number) => (noAutapses ? n - 1 : n);
  if ("inDegree" in c) {
    knownKeys(option, c, ["inDegree"]);
    num(`${option}.inDegree`, c.inDegree, { min: 0, max: most(nPre), integer: true });
    return connect as Connect;
  }
  if ("outDegree" in c) {
    knownKeys(option, c, ["outDegree"]);
    num(`${option}.outDegree`, c.outDegree, { min: 0, max: most(nPost), integer: true });
    return connect as Connect;
  }
  if ("pre" in c || "post" in c) {
    knownKeys(option, c, ["pre", "post"]);
    if (!isArrayLike(c.pre)) fail(`${option}.pre`, c.pre, "a list of presynaptic unit indices");
    if (!isArrayLike(c.post)) fail(`${option}.post`, c.post, "a list of postsynaptic unit indices");
    const pre = c.pre as ArrayLike<unknown>;
    const post = c.post as ArrayLike<unknown>;
    if (pre.length !== post.length) fail(`${option}.post`, `${post.length} indices`, `${pre.length} indices, one per entry of ${option}.pre`);
    for (let i = 0; i < pre.length; i++) {
      const j = num(`${option}.pre[${i}]`, pre[i], { min: 0, max: nPre - 1, integer: true });
      const k = num(`${option}.post[${i}]`, post[i], { min: 0, max: nPost - 1, integer: true });
      if (noAutapses && j === k) fail(`${option}.post[${i}]`, k, `a unit other than ${j}, or autapses: true`, `${j} -> ${j} is an autapse (pre and post are one population)`);
    }
    return connect as Connect;
  }
  fail(option, connect, forms, keys.length ? `unknown rule ${keys.map((k) => JSON.stringify(k)).join(", ")}` : "no rule given");
}

/** `count` distinct integers of [0, n) other than `skip` (-1: none), ascending (Floyd's algorithm). */
function choose(rng: () => number, n: number, count: number, skip: number): number[] {
  const m = skip >= 0 ? n - 1 : n;
  const picked = new Set<number>();
  for (let i = m - count; i < m; i++) {
    const r = Math.floor(rng() * (i + 1));
    picked.add(picked.has(r) ? i : r);
  }
  // map [0, m) onto [0, n) without skip
  return [...picked].map((v) => (skip >= 0 && v >= skip ? v + 1 : v)).sort((a, b) => a - b);
}

/** Rows of a pre -> post list (CSR); posts ascending within a row (stable: equal pairs keep their order). */
function toRows(nPre: number, pre: ArrayLike<number>, post: ArrayLike<number>): Connections & { given: Int32Array } {
  const n = pre.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => pre[a] - pre[b] || post[a] - post[b] || a - b);
  const rows = new Int32Array(nPre + 1);
  for (let i = 0; i < n; i++) rows[pre[i] + 1]++;
  for (let j = 0; j < nPre; j++) rows[j + 1] += rows[j];
  return { rows, posts: Int32Array.from(order, (i) => post[i]), given: order };
}

/** The connections of a checked rule, drawn reproducibly from (seed, name). */
export function connectionsOf(connect: Connect, nPre: number, nPost: number, noAutapses: boolean, seed: number | string, name: string): Connections {
  const rng = alea(`stp-wasm:${String(seed)}:connect:${name}`);
  const skip = (j: number) => (noAutapses ? j : -1);
  if (connect === "oneToOne") return { rows: Int32Array.from({ length: nPre + 1 }, (_, j) => j), posts: Int32Array.from({ length: nPre }, (_, j) => j), given: null };
  if (connect === "all" || ("p" in connect && connect.p === 1)) {
    const per = noAutapses ? nPost - 1 : nPost;
    const rows = Int32Array.from({ length: nPre + 1 }, (_, j) => j * per);
    const posts = new Int32Array(nPre * per);
    let c = 0;
    for (let j = 0; j < nPre; j++) for (let k = 0; k < nPost; k++) if (k !== skip(j)) posts[c++] = k;
    return { rows, posts, given: null };
  }
  if ("p" in connect) {
    // each pair with probability p: the gaps between connections of a row are geometric, one draw each
    const rows = new Int32Array(nPre + 1);
    let posts = new Int32Array(Math.max(16, Math.ceil(connect.p * nPre * nPost * 1.05)));
    let n = 0;
    const logQ = Math.log1p(-connect.p);
    for (let j = 0; j < nPre; j++) {
      if (connect.p > 0) {
        const s = skip(j);
        for (let k = Math.floor(Math.log(1 - rng()) / logQ); k < nPost; k += 1 + Math.floor(Math.log(1 - rng()) / logQ)) {
          if (k === s) continue;
          if (n === posts.length) {
            const grown = new Int32Array(posts.length * 2);
            grown.set(posts);
            posts = grown;
          }
          posts[n++] = k;
        }
      }
      rows[j + 1] = n;
    }
    return { rows, posts: posts.slice(0, n), given: null };
  }
  if ("outDegree" in connect) {
    const rows = Int32Array.from({ length: nPre + 1 }, (_, j) => j * connect.outDegree);
    const posts = new Int32Array(nPre * connect.outDegree);
    for (let j = 0; j < nPre; j++) posts.set(choose(rng, nPost, connect.outDegree, skip(j)), j * connect.outDegree);
    return { rows, posts, given: null };
  }
  if ("inDegree" in connect) {
    const pre = new Int32Array(nPost * connect.inDegree);
    const post = new Int32Array(nPost * connect.inDegree);
    for (let k = 0; k < nPost; k++) {
      pre.set(choose(rng, nPre, connect.inDegree, skip(k)), k * connect.inDegree);
      post.fill(k, k * connect.inDegree, (k + 1) * connect.inDegree);
    }
    return { ...toRows(nPre, pre, post), given: null };
  }
  return toRows(nPre, connect.pre, connect.post);
}
