// `stp-wasm slurm sweep --submit` on a real Slurm: scripts/slurm-local.sh starts munged, slurmctld
// and slurmd (a one-node cluster on free ports, in a folder of its own); a 24-row grid runs as job
// arrays of 3 and of 4 tasks, each followed by its merge job, and the merged sweep.csv, sweep.json
// and sweep.html must equal, byte for byte, what one unsharded `stp-wasm sweep` writes. The cluster
// is stopped in `finally` (and again after all, should the test itself be cut short), and every
// daemon it started is then checked gone by its PID and start time, and killed by PID if not.
import { describe, expect, it, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const script = join(root, "scripts", "slurm-local.sh");
const cli = join(root, "bin", "stp-wasm.js");
const work = join(root, "test-output", "slurm");
/** 3 tauF x 2 U x 4 rates = 24 rows, few trials and steps: the test is about the plumbing. */
const GRID = ["--vary", "tau-f=100,300,1000", "--vary", "resources=0.1,0.5", "--rates", "5,20,50,100", "--trials", "3", "--steps", "400", "--seed", "slurm"];
const FILES = ["sweep.csv", "sweep.json", "sweep.html"];

const clusterParent = mkdtempSync(join(tmpdir(), "stp-slurm-test-"));
chmodSync(clusterParent, 0o755); // munged (user munge) must reach its socket inside
const clusterDir = join(clusterParent, "cluster");
/** The daemons the cluster started: name, PID, start time (clock ticks, from /proc/PID/stat). */
let daemons: { name: string; pid: number; start: string }[] = [];

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    }).on("error", fail);
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, timeout = 120_000): { code: number | null; out: string; err: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env }, timeout });
  return { code: r.status, out: r.stdout ?? "", err: (r.stderr ?? "") + (r.error ? String(r.error) : "") };
}

/** A process's start time (clock ticks after boot), or null when it is gone (or a zombie, exited). */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
    return fields[0] === "Z" ? null : fields[19];
  } catch {
    return null;
  }
}

let env: NodeJS.ProcessEnv = {};

/** Stop the cluster; then any daemon still alive (same PID, same start time) is killed by PID. Returns the survivors. */
function stopCluster(): string[] {
  const r = run("bash", [script, "stop"], env, 90_000);
  if (r.code !== 0) console.error(`slurm-local.sh stop: exit code ${r.code}\n${r.err}`);
  const left = daemons.filter((d) => startTime(d.pid) === d.start);
  for (const d of left) {
    try { process.kill(d.pid, "SIGKILL"); } catch { /* gone meanwhile */ }
  }
  daemons = [];
  return left.map((d) => `${d.name} ${d.pid}`);
}

afterAll(() => {
  if (daemons.length > 0) stopCluster();
});

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

describe("stp-wasm slurm sweep on a one-node Slurm", () => {
  it("3 and 4 shards through job arrays and merge jobs equal the unsharded sweep to the byte", async () => {
    expect(process.getuid?.(), "the Slurm suite starts slurmd and munged: run it as root").toBe(0);
    expect(existsSync(join(root, "dist", "src", "cli", "main.js")), "run npm run build first").toBe(true);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    env = { STP_SLURM_DIR: clusterDir, STP_SLURM_CTLD_PORT: String(await freePort()), STP_SLURM_SLURMD_PORT: String(await freePort()) };
    const times: string[] = [];
    let t0 = performance.now();
    try {
      const up = run("bash", [script, "start"], env, 300_000);
      if (existsSync(join(clusterDir, "pids"))) {
        daemons = readFileSync(join(clusterDir, "pids"), "utf8").trim().split("\n").filter(Boolean).map((l) => {
          const [name, pid, start] = l.split(" ");
          return { name, pid: Number(pid), start };
        });
      }
      expect(up.code, up.err).toBe(0);
      expect(daemons.map((d) => d.name).sort()).toEqual(["munged", "slurmctld", "slurmd"]);
      env.SLURM_CONF = /export SLURM_CONF=(\S+)/.exec(up.out)![1];
      times.push(`cluster start ${seconds(t0)} s`);

      t0 = performance.now();
      const single = run(process.execPath, [cli, "sweep", ...GRID, "--out", join(work, "single")]);
      expect(single.code, single.err).toBe(0);
      expect(single.out).toMatch(/grid of 24 rows/);
      times.push(`unsharded sweep ${seconds(t0)} s`);

      t0 = performance.now();
      const jobs: Record<number, string[]> = {};
      for (const n of [3, 4]) {
        const r = run(process.execPath, [cli, "slurm", "sweep", ...GRID, "--shards", String(n), "--out", join(work, `shards${n}`), "--submit"], env);
        expect(r.code, r.err).toBe(0);
        const m = /submitted array job (\d+) \((\d+) tasks\) and merge job (\d+)/.exec(r.out);
        expect(m, r.out).not.toBeNull();
        expect(Number(m![2])).toBe(n);
        jobs[n] = [m![1], m![3]];
      }
      const ids = Object.values(jobs).flat().join(",");
      const deadline = performance.now() + 240_000;
      while (run("squeue", ["-h", "-j", ids, "-o", "%i"], env).out.trim() !== "") {
        if (performance.now() > deadline) throw new Error(`jobs ${ids} not done after 240 s:\n${run("squeue", ["-t", "all"], env).out}`);
        await new Promise((ok) => setTimeout(ok, 250));
      }
      times.push(`two arrays (3 + 4 tasks) and their merges, submit to done ${seconds(t0)} s`);
      const states = run("squeue", ["-h", "-t", "all", "-j", ids, "-o", "%i %T"], env).out.trim().split("\n").sort();
      expect(states.length).toBe(3 + 1 + 4 + 1);
      const logs = () => [3, 4].flatMap((n) => {
        const dir = join(work, `shards${n}`, "slurm", "logs");
        return existsSync(dir) ? readdirSync(dir).map((f) => `--- ${f}\n${readFileSync(join(dir, f), "utf8").slice(-2000)}`) : [];
      }).join("\n");
      expect(states.filter((s) => !s.endsWith(" COMPLETED")), logs()).toEqual([]);

      for (const n of [3, 4]) {
        expect(readdirSync(join(work, `shards${n}`, "shards")).sort()).toEqual(Array.from({ length: n }, (_, i) => `shard-${i}-of-${n}.json`).sort());
        for (const f of FILES) {
          const merged = readFileSync(join(work, `shards${n}`, f));
          expect(merged.equals(readFileSync(join(work, "single", f))), `${n} shards: ${f} differs from the unsharded run's`).toBe(true);
        }
      }
      const csv = readFileSync(join(work, "single", "sweep.csv"), "utf8").trim().split("\n");
      expect(csv.length).toBe(1 + 24);
    } finally {
      t0 = performance.now();
      const left = stopCluster();
      times.push(`cluster stop ${seconds(t0)} s`);
      console.log(`Slurm test timings: ${times.join("; ")}`);
      expect(left, "daemons still alive after slurm-local.sh stop (killed now by PID)").toEqual([]);
      expect(existsSync(clusterDir)).toBe(false);
      rmSync(clusterParent, { recursive: true, force: true });
    }
  });
});
