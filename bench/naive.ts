// Host of the naive-dense peer (bench/assembly/naive.ts): compiles it once with asc, lays a
// scenario out in its memory and runs it.
import { execFileSync } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";
import type { BenchNetwork } from "./scenarios.js";

let compiled: WebAssembly.Module | null = null;

function module(): WebAssembly.Module {
  if (compiled) return compiled;
  const root = new URL("../../", import.meta.url);
  const out = new URL("bench/build/naive.wasm", root);
  mkdirSync(new URL("bench/build/", root), { recursive: true });
  execFileSync(process.execPath, [new URL("node_modules/assemblyscript/bin/asc.js", root).pathname,
    new URL("bench/assembly/naive.ts", root).pathname, "-o", out.pathname, "-O3", "--runtime", "stub",
    "--enable", "simd", "--use", "abort=", "--initialMemory", "1"], { stdio: "inherit" });
  compiled = new WebAssembly.Module(readFileSync(out));
  return compiled;
}

/** Lay `n` out in a fresh instance; returns run(steps) -> post spikes (from rest each time it is set up). */
export function naiveDense(n: BenchNetwork): { run(steps: number): number; bytes: number } {
  const rows = n.trials * n.nPre, cols = n.trials * n.nPost;
  let at = 1024;
  const alloc = (bytes: number) => { const p = Math.ceil(at / 16) * 16; at = p + bytes; return p; };
  const W = alloc(4 * n.nPre * n.nPost), S = alloc(4 * rows), UV = alloc(4 * rows), XV = alloc(4 * rows);
  const WD = alloc(4 * n.trials * n.nPre * n.nPost), IN = alloc(4 * cols), V = alloc(4 * cols), RFR = alloc(4 * cols);
  // (asc reads the project's asconfig.json, so the module imports its memory like the kernel)
  const memory = new WebAssembly.Memory({ initial: Math.ceil(at / 65536) });
  const instance = new WebAssembly.Instance(module(), { env: { memory } });
  const exports = instance.exports as unknown as { run(steps: number): void };
  const buf = memory.buffer;
  const dv = new DataView(buf);
  const i32 = [n.nPre, n.nPost, n.trials];
  i32.forEach((v, i) => dv.setInt32(4 * i, v, true));
  dv.setUint32(12, n.key[0], true);
  dv.setUint32(16, n.key[1], true);
  [n.pRate, n.U, n.aF, n.aD, n.g, n.invTauM, n.R, n.vRest, n.vReset, n.thr, n.refract, n.dt].forEach((v, i) => dv.setFloat32(20 + 4 * i, v, true));
  [W, S, UV, XV, WD, IN, V, RFR].forEach((p, i) => dv.setInt32(68 + 4 * i, p, true));
  const w = new Float32Array(buf, W, n.nPre * n.nPost);
  if (n.weights) w.set(n.weights); else w.fill(n.wConst);
  const reset = () => {
    new Float32Array(buf, S, rows).fill(0);
    new Float32Array(buf, UV, rows).fill(0);
    new Float32Array(buf, XV, rows).fill(1);
    new Float32Array(buf, WD, n.trials * n.nPre * n.nPost).fill(0);
    new Float32Array(buf, IN, cols).fill(0);
    new Float32Array(buf, V, cols).fill(n.vRest);
    new Float32Array(buf, RFR, cols).fill(n.refract);
    dv.setInt32(100, 0, true);
  };
  return {
    bytes: at,
    run(steps: number) {
      reset();
      exports.run(steps);
      return dv.getInt32(100, true);
    },
  };
}
