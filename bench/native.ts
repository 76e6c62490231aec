// Host of the native-c peer (bench/native/stp.c): compiles it with gcc -O3 -march=native
// (-ffp-contract=off: no fused multiply-adds, so its float32 arithmetic is the kernel's), writes the
// scenario's parameters and weights, and runs it; the program times its own simulation loop.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import type { BenchNetwork } from "./scenarios.js";

const root = new URL("../../", import.meta.url);
const dir = new URL("bench/build/", root);

/** Compile once; null (with the reason) when gcc is missing. */
export function compileNative(): string | null {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync("gcc", ["-O3", "-march=native", "-ffp-contract=off", "-o", new URL("stp-native", dir).pathname,
      new URL("bench/native/stp.c", root).pathname, "-lm"], { stdio: "pipe" });
    return null;
  } catch (e) {
    return `gcc failed: ${(e as Error).message.split("\n")[0]}`;
  }
}

/** Best of `repeats` runs of `steps` steps (seconds of simulation only) and the post spikes. */
export function runNative(n: BenchNetwork, steps: number, repeats: number): { seconds: number; postSpikes: number } {
  const params = new URL("native-params.txt", dir);
  const weights = new URL("native-weights.bin", dir);
  const fl = (v: number) => v.toPrecision(9);
  writeFileSync(params, [n.nPre, n.nPost, n.trials, steps, repeats, n.weights ? 0 : 1, n.key[0], n.key[1],
    fl(n.pRate), fl(n.wConst), fl(n.U), fl(n.aF), fl(n.aD), fl(n.g), fl(n.invTauM), fl(n.R), fl(n.vRest), fl(n.vReset),
    fl(n.thr), fl(n.refract), fl(n.dt), n.blocks].join(" ") + "\n");
  writeFileSync(weights, n.weights ? Buffer.from(n.weights.buffer, n.weights.byteOffset, n.weights.byteLength) : Buffer.alloc(0));
  const out = execFileSync(new URL("stp-native", dir).pathname, [params.pathname, weights.pathname], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out) as { seconds: number; postSpikes: number };
}
