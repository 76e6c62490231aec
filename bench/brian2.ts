// Host of the brian2 peer: installs Debian's python3-brian and python3-dev when missing (apt-get),
// then runs bench/brian2_stp.py with /usr/bin/python3 (the python3 first on PATH may not import
// it). Returns null with the reason when Brian2 cannot be had.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchNetwork } from "./scenarios.js";

export const PYTHON = "/usr/bin/python3";

function importsBrian(): boolean {
  try {
    execFileSync(PYTHON, ["-c", "import brian2"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

/** Make sure Brian2 imports; null when it does, else why not. */
export function ensureBrian2(): string | null {
  if (importsBrian()) return null;
  try {
    execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-brian python3-dev"], { stdio: "pipe" });
  } catch (e) {
    return `could not install python3-brian with apt-get (${(e as Error).message.split("\n")[0]})`;
  }
  return importsBrian() ? null : "python3-brian installed, but /usr/bin/python3 cannot import brian2";
}

/** Write the scenario's parameters and weights for the Brian2 scripts into `dir`; returns [params.json, weights.bin]. */
export function brian2Inputs(n: BenchNetwork, steps: number, repeats: number, dir: string): [string, string] {
  mkdirSync(dir, { recursive: true });
  const params = join(dir, "params.json");
  const weights = join(dir, "weights.bin");
  writeFileSync(params, JSON.stringify({
    trials: n.trials, nPre: n.nPre, nPost: n.nPost, steps, repeats, dt: n.dt, tauF: n.tauF, tauD: n.tauD, tauM: n.tauM,
    U: n.U, g: n.g, R: n.R, vRest: n.vRest, vReset: n.vReset, thr: n.thr, pRate: n.pRate, constW: n.weights === null, wConst: n.wConst,
  }));
  writeFileSync(weights, n.weights ? Buffer.from(n.weights.buffer, n.weights.byteOffset, n.weights.byteLength) : Buffer.alloc(0));
  return [params, weights];
}

export function runBrian2(n: BenchNetwork, steps: number, repeats: number): { seconds: number; postSpikes: number } {
  const dir = mkdtempSync(join(tmpdir(), "stp-brian2-"));
  const [params, weights] = brian2Inputs(n, steps, repeats, dir);
  const script = new URL("../../bench/brian2_stp.py", import.meta.url).pathname;
  const out = execFileSync(PYTHON, [script, params, weights, join(dir, "standalone")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 24 });
  const line = out.trim().split("\n").filter((l) => l.startsWith("{")).pop();
  if (!line) throw new Error(`brian2 printed no result: ${out.slice(-500)}`);
  return JSON.parse(line) as { seconds: number; postSpikes: number };
}
