// A small, readable reference of DESIGN section 1, used only by tests. It follows the equations
// literally (ngc-learn's dense form: the whole Wdyn matrix updated every step, the output summed
// over every presynaptic row, in rowBlocks(nPre) blocks of rows as the kernel does) with Math.fround
// after every operation, in the same operation order as the kernel, so float32 results must agree
// exactly.
import type { NetworkSpec } from "../src/network/options.js";
import { fillInit } from "../src/core/init.js";
import { seedKey } from "../src/core/seed.js";
import { inactivationConstants, lifPropagators, rowBlocks } from "../src/network/layout.js";
import { philoxRef, uniformRef } from "./philox.js";

const f = Math.fround;

export interface ReferenceTrace {
  /** [step][component][trial * n + unit] for sources, LIFs, u and x; wdyn is [step][synapse][trial][j * nPost + k]. */
  sourceSpikes: number[][][];
  lifV: number[][][];
  lifSpikes: number[][][];
  u: number[][][];
  x: number[][][];
  wdyn: number[][][][];
}

export function referenceRun(spec: NetworkSpec, steps: number): ReferenceTrace {
  const K = spec.trials;
  const dt = f(spec.dt);
  const [k0, k1] = seedKey(spec.seed);
  const out: ReferenceTrace = { sourceSpikes: [], lifV: [], lifSpikes: [], u: [], x: [], wdyn: [] };

  const src = spec.sources.map((s) => ({ s: new Array(K * s.n).fill(0), cursor: new Array(s.n).fill(0) }));
  const lif = spec.lifs.map((l) => ({
    j: new Array(K * l.n).fill(0), v: new Array(K * l.n).fill(f(l.vRest)),
    rfr: new Array(K * l.n).fill(f(l.refractTime)), theta: new Array(K * l.n).fill(0), s: new Array(K * l.n).fill(0),
    iSyn: new Array(K * l.n).fill(0), prop: lifPropagators(l, spec.dt),
  }));
  const syn = spec.synapses.map((s) => {
    const U = Array.from(fillInit(new Float32Array(s.nPre), s.resources, spec.seed, `resources:${s.name}`));
    const u0 = Array.from({ length: K * s.nPre }, (_, r) => (s.uRest === "U" ? U[r % s.nPre] : 0));
    return {
      W: Array.from(fillInit(new Float32Array(s.nPre * s.nPost), s.weights, spec.seed, `weights:${s.name}`)),
      U,
      b: s.biases === null ? new Array(s.nPost).fill(0) : Array.from(fillInit(new Float32Array(s.nPost), s.biases, spec.seed, `biases:${s.name}`)),
      u: u0.slice(),
      x: new Array(K * s.nPre).fill(1),
      // exact mode: the state right after the last spike (initially the resting state), and the steps since
      anchor: { u: u0.slice(), x: new Array(K * s.nPre).fill(1), y: new Array(K * s.nPre).fill(0), z: new Array(K * s.nPre).fill(0), n: new Array(K * s.nPre).fill(0) },
      inact: inactivationConstants(s, spec.dt),
      wdyn: Array.from({ length: K }, () => new Array(s.nPre * s.nPost).fill(0)),
    };
  });

  for (let step = 0; step < steps; step++) {
    // 1. sources
    spec.sources.forEach((S, i) => {
      const st = src[i];
      if (S.kind === "poisson") {
        const p = f(S.rateHz * spec.dt / 1000);
        for (let g = 0; g < K * S.n; g++) {
          const word = philoxRef([step, g >>> 2, i, 0], [k0, k1])[g & 3];
          st.s[g] = uniformRef(word) < f(f(typeof S.inputs === "number" ? S.inputs : S.inputs[g % S.n]) * p) ? 1 : 0;
        }
      } else {
        for (let j = 0; j < S.n; j++) {
          let spike = 0;
          const c = st.cursor[j];
          if (S.offsets[j] + c < S.offsets[j + 1] && S.steps[S.offsets[j] + c] === step) { spike = 1; st.cursor[j]++; }
          for (let t = 0; t < K; t++) st.s[t * S.n + j] = spike;
        }
      }
    });
    // 2. synapses
    spec.synapses.forEach((S, i) => {
      const st = syn[i];
      const pre = S.pre.kind === "source" ? src[S.pre.index].s : lif[S.pre.index].s;
      const post = lif[S.post].j;
      for (let t = 0; t < K; t++) {
        for (let j = 0; j < S.nPre; j++) {
          const r = t * S.nPre + j;
          const s = pre[r];
          const U = st.U[j];
          let u = st.u[r];
          let x = st.x[r];
          let uNew: number;
          let xUsed: number;
          let xNew: number;
          const uR = S.uRest === "U" ? U : 0;
          if (S.integration === "euler") {
            const aF = f(spec.dt / S.tauF);
            const aD = f(spec.dt / S.tauD);
            // u relaxes to uR: u + (uR - u) aF, written u - u aF when uR = 0
            const relaxed = S.uRest === "U" ? f(u + f(f(U - u) * aF)) : f(u - f(u * aF));
            uNew = S.tauF > 0 ? f(relaxed + f(f(U * f(1 - u)) * s)) : U;
            xUsed = x;
            xNew = S.tauD > 0 ? f(f(x + f(f(1 - x) * aD)) - f(f(uNew * x) * s)) : x;
          } else {
            // relax from the anchor over the n steps since it (exponentials in float64, rounded once)
            const A = st.anchor;
            const n = A.n[r] + 1;
            const decay = (tau: number) => Math.exp(-(n * f(spec.dt / tau)));
            u = S.tauF > 0 ? f(uR + f(f(A.u[r] - uR) * f(decay(S.tauF)))) : U;
            uNew = S.tauF > 0 ? f(u + f(f(U * f(1 - u)) * s)) : U;
            let y = 0;
            let z = 0;
            if (S.tauInact > 0) {
              const { dtTauI, dtH, hTauI } = st.inact;
              const tI = n * f(dtTauI);
              const g = f(hTauI) === 0 ? tI : -Math.expm1(-(n * f(dtH))) / f(hTauI);
              y = f(A.y[r] * f(Math.exp(-tI)));
              z = f(f(A.z[r] * f(decay(S.tauD))) + f(A.y[r] * f(decay(S.tauD) * g)));
              xUsed = f(f(1 - y) - z);
            } else xUsed = S.tauD > 0 ? f(1 - f(f(1 - A.x[r]) * f(decay(S.tauD)))) : x;
            const rel = f(uNew * xUsed);
            xNew = S.tauD > 0 && s ? f(xUsed - rel) : xUsed;
            if (s) {
              A.u[r] = uNew;
              A.x[r] = xNew;
              A.y[r] = S.tauInact > 0 ? f(y + rel) : 0;
              A.z[r] = z;
              A.n[r] = 0;
            } else A.n[r] = n;
          }
          for (let k = 0; k < S.nPost; k++) {
            const m = j * S.nPost + k;
            st.wdyn[t][m] = f(f(f(f(st.W[m] * uNew) * xUsed) * s) + f(st.wdyn[t][m] * (1 - s)));
          }
          st.u[r] = uNew;
          st.x[r] = xNew;
        }
        if (!pre.slice(t * S.nPre, (t + 1) * S.nPre).some((s) => s !== 0) && S.biases === null) continue;
        const blocks = rowBlocks(S.nPre);
        const blockStart = (b: number) => Math.floor((b * S.nPre) / blocks);
        for (let k = 0; k < S.nPost; k++) {
          // the rows in `blocks` blocks: each block summed in ascending j, then the blocks' sums in order
          let sum = 0;
          for (let b = 0; b < blocks; b++) {
            let part = 0;
            for (let j = blockStart(b); j < blockStart(b + 1); j++) part = f(part + f(pre[t * S.nPre + j] * st.wdyn[t][j * S.nPost + k]));
            sum = f(sum + part);
          }
          post[t * S.nPost + k] = f(post[t * S.nPost + k] + f(f(f(S.gConduct) * sum) + st.b[k]));
        }
      }
    });
    // 3. LIF populations
    spec.lifs.forEach((L, i) => {
      const st = lif[i];
      const invTauM = f(1 / L.tauM);
      const dvdt = (v: number, drive: number) => f(f(f(f(f(L.vRest) - v) * f(L.conductLeak)) + drive) * invTauM);
      const P = st.prop;
      for (let g = 0; g < K * L.n; g++) {
        const open = st.rfr[g] >= f(L.refractTime);
        const iSyn = st.iSyn[g];
        const j = f((L.tauSyn > 0 ? iSyn : st.j[g]) * f(L.resistM));
        const drive = open ? j : 0;
        let v = st.v[g];
        if (L.integration === "exact") {
          v = f(f(f(L.vRest) + f(f(v - f(L.vRest)) * f(P.p22))) + f(drive * f(P.p21)));
        } else if (L.integration === "midpoint") {
          const vh = f(v + f(dvdt(v, drive) * f(dt * 0.5)));
          const driveHalf = L.tauSyn > 0 ? (open ? f(f(iSyn * f(P.synDecayHalf)) * f(L.resistM)) : 0) : drive;
          v = f(v + f(dvdt(vh, driveHalf) * dt));
        } else v = f(v + f(dvdt(v, drive) * dt));
        if (L.tauSyn > 0) st.iSyn[g] = f(f(iSyn * f(P.synDecay)) + st.j[g]);
        const s = v > f(f(L.thr) + st.theta[g]) ? 1 : 0;
        st.rfr[g] = s ? 0 : f(st.rfr[g] + dt);
        if (s) v = f(L.vReset);
        if (L.tauTheta > 0) st.theta[g] = f(f(st.theta[g] * f(Math.exp(-spec.dt / L.tauTheta))) + f(s * f(L.thetaPlus)));
        if (L.vMin !== null) v = Math.max(v, f(L.vMin));
        st.v[g] = v;
        st.s[g] = s;
        st.j[g] = 0;
      }
    });
    out.sourceSpikes.push(src.map((s) => s.s.slice()));
    out.lifV.push(lif.map((l) => l.v.slice()));
    out.lifSpikes.push(lif.map((l) => l.s.slice()));
    out.u.push(syn.map((s) => s.u.slice()));
    out.x.push(syn.map((s) => s.x.slice()));
    out.wdyn.push(syn.map((s) => s.wdyn.map((w) => w.slice())));
  }
  return out;
}
