// STPDenseSynapse (Tsodyks-Markram) for any nPre x nPost, event-driven.
// Per presynaptic unit j (and trial): u_j (release fraction, starts 0) and x_j (available
// resources, starts 1). A row's dynamic weight is Wdyn_jk = W_jk * uSpk_j * xSpk_j with u and x
// taken at the row's last spike, so only rows that spike this step are read:
// cost O(nPre + spiking rows * nPost) per step.
import {
  SYN_NPRE, SYN_NPOST, SYN_PRE_SPIKES, SYN_POST_INPUT, SYN_W, SYN_W_CONST, SYN_RESOURCES,
  SYN_DT_TAUF, SYN_DT_TAUD, SYN_DECAY_F, SYN_DECAY_D, SYN_G, SYN_BIAS, SYN_UVAR, SYN_XVAR,
  SYN_USPK, SYN_XSPK, SYN_ACC, SYN_MODE, SYN_FLAGS, SYN_MODE_EXACT, SYN_FLAG_STF, SYN_FLAG_STD,
  SYN_FLAG_UREST_U, SYN_FLAG_INACT, SYN_UANCH, SYN_XANCH, SYN_YANCH, SYN_ZANCH, SYN_NSINCE,
  SYN_DT_TAUI, SYN_DT_H, SYN_H_TAUI,
} from "./abi";

@inline function f32at(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}
@inline function setF32(base: usize, i: i32, v: f32): void {
  store<f32>(base + (<usize>i << 2), v);
}

/** One step of the synapse record at `syn`; adds its output into the target LIF's input. */
export function stepSynapse(syn: usize, trials: i32): void {
  const nPre = load<i32>(syn + SYN_NPRE);
  const nPost = load<i32>(syn + SYN_NPOST);
  const pre = load<usize>(syn + SYN_PRE_SPIKES);
  const post = load<usize>(syn + SYN_POST_INPUT);
  const w = load<usize>(syn + SYN_W);
  const wConst = load<f32>(syn + SYN_W_CONST);
  const resources = load<usize>(syn + SYN_RESOURCES);
  const exact = load<i32>(syn + SYN_MODE) == SYN_MODE_EXACT;
  const flags = load<i32>(syn + SYN_FLAGS);
  const stf = (flags & SYN_FLAG_STF) != 0;
  const std = (flags & SYN_FLAG_STD) != 0;
  const uRestU = (flags & SYN_FLAG_UREST_U) != 0;
  const inact = (flags & SYN_FLAG_INACT) != 0;
  const dtTauF = load<f32>(syn + SYN_DT_TAUF);
  const dtTauD = load<f32>(syn + SYN_DT_TAUD);
  const decayF = load<f32>(syn + SYN_DECAY_F);
  const decayD = load<f32>(syn + SYN_DECAY_D);
  const g = load<f32>(syn + SYN_G);
  const bias = load<usize>(syn + SYN_BIAS);
  const uVar = load<usize>(syn + SYN_UVAR);
  const xVar = load<usize>(syn + SYN_XVAR);
  const uSpk = load<usize>(syn + SYN_USPK);
  const xSpk = load<usize>(syn + SYN_XSPK);
  const acc = load<usize>(syn + SYN_ACC);
  const uAnch = load<usize>(syn + SYN_UANCH);
  const xAnch = load<usize>(syn + SYN_XANCH);
  const yAnch = load<usize>(syn + SYN_YANCH);
  const zAnch = load<usize>(syn + SYN_ZANCH);
  const nSince = load<usize>(syn + SYN_NSINCE);
  const dtTauI = load<f32>(syn + SYN_DT_TAUI);
  const dtH = load<f32>(syn + SYN_DT_H);
  const hTauI = load<f32>(syn + SYN_H_TAUI);

  for (let t = 0; t < trials; t++) {
    const base = t * nPre;
    let spiking = 0;
    let rowSum: f32 = 0; // constant-weight case: every column gets the same sum
    for (let j = 0; j < nPre; j++) {
      const r = base + j;
      const spiked = f32at(pre, r) != 0;
      const U = f32at(resources, j);
      let u = f32at(uVar, r);
      let x = f32at(xVar, r);
      if (exact) {
        // Relax exactly from the anchor (the state right after the row's last spike) over the
        // n steps since then, then apply this step's spike. Order (float32 unless said):
        //   n = nSince + 1;  eF = f32(exp(-(f64(n) * f64(dtTauF))))        (f64 exp, rounded once)
        //   u = uR + (uA - uR) * eF  (uR = U with FLAG_UREST_U, else 0);  spike: u = u + U * (1 - u)
        //   two-state:   eD = f32(exp(-(n * dtTauD)));  x = 1 - (1 - xA) * eD
        //   three-state: eI = f32(exp(-(n * dtTauI)));  y = yA * eI
        //                pZY = f32(exp(-(n * dtTauD)) * g), g = hTauI == 0 ? n * dtTauI
        //                      : -expm1(-(n * dtH)) / hTauI                  (all f64)
        //                z = zA * eD + yA * pZY;  x = (1 - y) - z
        //   spike: uSpk = u, xSpk = x; rel = u * x; x = x - rel; y = y + rel (three-state);
        //          anchor = (u, x, y, z); n = 0.  No spike: nSince = n.
        const n = load<i32>(nSince + (<usize>r << 2)) + 1;
        const nf = <f64>n;
        if (stf) {
          const uR: f32 = uRestU ? U : 0;
          const eF = <f32>Math.exp(-(nf * <f64>dtTauF));
          u = uR + (f32at(uAnch, r) - uR) * eF;
          if (spiked) u = u + U * (<f32>1 - u);
        } else u = U;
        let y: f32 = 0;
        let z: f32 = 0;
        if (inact) {
          const tD = nf * <f64>dtTauD;
          const tI = nf * <f64>dtTauI;
          const eD64 = Math.exp(-tD);
          const eD = <f32>eD64;
          const eI = <f32>Math.exp(-tI);
          const g: f64 = hTauI == 0 ? tI : -Math.expm1(-(nf * <f64>dtH)) / <f64>hTauI;
          const pZY = <f32>(eD64 * g);
          const yA = f32at(yAnch, r);
          y = yA * eI;
          z = f32at(zAnch, r) * eD + yA * pZY;
          x = (<f32>1 - y) - z;
        } else if (std) {
          const eD = <f32>Math.exp(-(nf * <f64>dtTauD));
          x = <f32>1 - (<f32>1 - f32at(xAnch, r)) * eD;
        }
        if (spiked) {
          setF32(uSpk, r, u);
          setF32(xSpk, r, x);
          if (std) {
            const rel = u * x;
            x = x - rel;
            if (inact) y = y + rel;
          }
          setF32(uAnch, r, u);
          setF32(xAnch, r, x);
          if (inact) {
            setF32(yAnch, r, y);
            setF32(zAnch, r, z);
          }
          store<i32>(nSince + (<usize>r << 2), 0);
        } else store<i32>(nSince + (<usize>r << 2), n);
      } else {
        // ngc-learn's map: u first (new u is used), then x from the old x
        // (every u and x on a right-hand side is the value before this step)
        if (stf) {
          const u0 = u;
          if (uRestU) u = u + (U - u0) * dtTauF; // relaxes to U (FLAG_UREST_U)
          else u = u - u0 * dtTauF;
          if (spiked) u = u + U * (<f32>1 - u0);
        } else u = U;
        if (spiked) {
          setF32(uSpk, r, u);
          setF32(xSpk, r, x);
        }
        if (std) {
          const x0 = x;
          x = x + (<f32>1 - x0) * dtTauD;
          if (spiked) x = x - u * x0;
        }
      }
      setF32(uVar, r, u);
      setF32(xVar, r, x);
      if (!spiked) continue;
      const uS = f32at(uSpk, r);
      const xS = f32at(xSpk, r);
      if (w == 0) {
        rowSum += wConst * uS * xS;
      } else {
        const row = w + (<usize>(j * nPost) << 2);
        if (spiking == 0) {
          for (let k = 0; k < nPost; k++) setF32(acc, k, f32at(row, k) * uS * xS);
        } else {
          for (let k = 0; k < nPost; k++) setF32(acc, k, f32at(acc, k) + f32at(row, k) * uS * xS);
        }
      }
      spiking++;
    }
    if (spiking == 0 && bias == 0) continue;
    const out = post + (<usize>(t * nPost) << 2);
    for (let k = 0; k < nPost; k++) {
      const sum: f32 = spiking == 0 ? 0 : (w == 0 ? rowSum : f32at(acc, k));
      let o = sum * g;
      if (bias != 0) o += f32at(bias, k);
      setF32(out, k, f32at(out, k) + o);
    }
  }
}

/** Materialise Wdyn for row r = trial * nPre + j, column k. */
export function wdynAt(syn: usize, r: i32, k: i32): f32 {
  const nPre = load<i32>(syn + SYN_NPRE);
  const nPost = load<i32>(syn + SYN_NPOST);
  const w = load<usize>(syn + SYN_W);
  const j = r % nPre;
  const wjk = w == 0 ? load<f32>(syn + SYN_W_CONST) : f32at(w, j * nPost + k);
  return wjk * f32at(load<usize>(syn + SYN_USPK), r) * f32at(load<usize>(syn + SYN_XSPK), r);
}
