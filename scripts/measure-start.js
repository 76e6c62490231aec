// Whole-process start-up times of the command line, side by side (issue 17): `node -e 0`,
// `stp-wasm --help` and `stp-wasm run` (the lesson, writing its three files), alternated round by
// round so that the machine's load falls on all alike; prints the median of each and its ratio to
// `node -e 0`. BEFORE=DIR also times another checkout's bin/stp-wasm.js (e.g. a copy of dist/, bin/
// and build/ from before a change) in the same rounds. ROUNDS=N (default 21).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL("..", import.meta.url));
const rounds = Number(process.env.ROUNDS ?? 21);
const out = mkdtempSync(join(tmpdir(), "stp-start-"));
const checkouts = [["now", here], ...(process.env.BEFORE ? [["before", process.env.BEFORE]] : [])];
const commands = [["node -e 0", ["-e", "0"]]];
for (const [label, dir] of checkouts) {
  const bin = join(dir, "bin", "stp-wasm.js");
  commands.push([`${label}: stp-wasm --help`, [bin, "--help"]]);
  commands.push([`${label}: stp-wasm run --help`, [bin, "run", "--help"]]);
  commands.push([`${label}: stp-wasm run`, [bin, "run", "--out", join(out, label)]]);
}
const times = commands.map(() => []);
for (let r = 0; r < rounds; r++) {
  commands.forEach(([name, args], i) => {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(process.execPath, args, { encoding: "utf8" });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 0) throw new Error(`${name} exited with ${res.status}: ${res.stderr}`);
    if (r > 0) times[i].push(ms); // round 0 warms the file cache
  });
}
rmSync(out, { recursive: true, force: true });
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const base = median(times[0]);
console.log(`${rounds - 1} rounds (after one warm-up), medians; node ${process.version}`);
commands.forEach(([name], i) => {
  const m = median(times[i]);
  console.log(`${name.padEnd(32)} ${m.toFixed(1).padStart(7)} ms  ${(m / base).toFixed(2)}x node -e 0`);
});
