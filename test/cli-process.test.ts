// The command line as a process (issue 15): two processes on one --out (item 2), real SIGINT and
// SIGTERM (item 4), a reader that leaves early (EPIPE), a read-only folder, a virtual-memory limit
// (ulimit -v), a file-size limit and a full file system (items 4 and 10). Runs the compiled CLI
// (dist/, checked to be newer than src/).
import { beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync, type SpawnOptions } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertFreshDist, bin, root } from "./dist.js";

interface Done { code: number | null; signal: NodeJS.Signals | null; out: string; err: string }

/** Start `node bin/stp-wasm.js args` (or `prefix... node ...` through bash for limits). */
function start(args: string[], options: SpawnOptions & { shell?: string } = {}) {
  const { shell, ...rest } = options;
  const quoted = [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const child = shell
    ? spawn("bash", ["-c", `${shell}; exec ${quoted}`], { cwd: root, ...rest })
    : spawn(process.execPath, [bin, ...args], { cwd: root, ...rest });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => { out += d; });
  child.stderr?.on("data", (d) => { err += d; });
  const done = new Promise<Done>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, out, err })));
  return { child, done, err: () => err };
}

const run = (args: string[], options: SpawnOptions & { shell?: string } = {}) => start(args, options).done;

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

async function previous(dir = mkdtempSync(join(tmpdir(), "stp-proc-"))): Promise<{ dir: string; files: Record<string, string> }> {
  const r = await run(["run", "--steps", "300", "--rate", "20", "--out", dir]);
  expect(r.code, r.err).toBe(0);
  return { dir, files: snapshot(dir) };
}

async function until(test: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const noStack = (err: string) => expect(err).not.toMatch(/\n\s+at /);

beforeAll(() => assertFreshDist());

describe("the CLI as a process", () => {
  it.each([["SIGTERM", 143], ["SIGINT", 130]] as const)("a second process on the same --out is refused; %s stops the first at a chunk's end (exit %d)", async (sig, code) => {
    const { dir, files } = await previous();
    const steps = 5_000_000;
    const a = start(["run", "--steps", String(steps), "--out", dir]);
    // running: its trace.csv grows under a temporary name; the previous results are still whole
    await until(() => readdirSync(dir).some((f) => f.startsWith(".stp-wasm-tmp.") && readFileSync(join(dir, f)).length > 100_000), "the first chunks");
    expect(Object.fromEntries(Object.entries(snapshot(dir)).filter(([f]) => !f.startsWith(".")))).toEqual(files);
    const b = await run(["run", "--steps", "100", "--out", dir]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(new RegExp(`^stp-wasm run: --out ${dir} is in use by process ${a.child.pid} \\(stp-wasm run, since [-0-9T:.Z]+\\); wait for it to finish or choose another --out`));
    a.child.kill(sig);
    const r = await a.done;
    expect(r.code, r.err).toBe(code);
    const m = r.err.match(new RegExp(`stp-wasm run: interrupted \\(${sig}\\) at step (\\d+) of ${steps}`));
    expect(m, r.err).not.toBeNull();
    const stepsDone = Number(m![1]);
    expect(stepsDone % 10_000).toBe(0); // whole chunks
    expect(readdirSync(dir).sort()).toEqual(["plot.html", "summary.json", "trace.csv"]);
    const lines = readFileSync(join(dir, "trace.csv"), "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(stepsDone + 1);
    expect(lines[stepsDone].split(",")[0]).toBe(String(stepsDone));
    const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
    expect([summary.complete, summary.stepsDone]).toEqual([false, stepsDone]);
    expect(r.err).not.toContain("\r"); // stderr is a pipe: no progress lines
  }, 60_000);

  it("a reader that leaves early (| head -1) ends the output, not the command: no EPIPE stack, exit 0, files written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stp-pipe-"));
    const c = start(["sweep", "--rates", "5,10,20,50", "--trials", "40", "--out", dir]);
    await new Promise((resolve) => c.child.stdout!.once("data", resolve));
    c.child.stdout!.destroy();
    const r = await c.done;
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["sweep.csv", "sweep.html", "sweep.json"]);
  }, 60_000);

  it("a folder it may not write to: an option error naming --out and EACCES, without a stack", async () => {
    const base = mkdtempSync(join(tmpdir(), "stp-ro-"));
    chmodSync(base, 0o755);
    const ro = join(base, "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    // root may write anywhere: run as nobody then
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    for (const out of [ro, join(ro, "sub", "deeper")]) {
      const r = await run(["run", "--steps", "10", "--out", out], asUser);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(`stp-wasm run: --out = ${JSON.stringify(out)} is not allowed: permission denied (EACCES)`);
      noStack(r.err);
    }
    expect(readdirSync(ro)).toEqual([]);
  }, 30_000);

  it.each([4_000_000, 2_000_000])("under ulimit -v %d (KiB) run, run --threads 2 and sweep complete", async (kib) => {
    const dir = mkdtempSync(join(tmpdir(), "stp-ulimit-"));
    for (const args of [["run", "--steps", "2000"], ["run", "--steps", "2000", "--threads", "2"], ["sweep", "--rates", "5,20", "--trials", "4"]]) {
      const r = await run([...args, "--out", dir], { shell: `ulimit -v ${kib}` });
      expect(r.code, `${args.join(" ")}: ${r.err}`).toBe(0);
      noStack(r.err);
    }
    // the API, in a node that cannot reserve WebAssembly memory, says why and what to do
    const script = `import { Simulation } from ${JSON.stringify(join(root, "dist/src/index.js"))};
      try { await Simulation.create({ populations: [{ type: "poisson", name: "p" }] }); console.log("created"); } catch (e) { console.log(e.message); }`;
    const api = spawnSync("bash", ["-c", `ulimit -v ${kib}; exec '${process.execPath}' --input-type=module -e '${script.replace(/'/g, "'\\''")}'`], { encoding: "utf8" });
    expect(api.stdout).toMatch(/could not reserve a WebAssembly memory .*ulimit -v.*--disable-wasm-trap-handler/);
  }, 60_000);

  it("a write that fails (a file-size limit: EFBIG) leaves the previous results, with a message", async () => {
    const { dir, files } = await previous();
    const r = await run(["run", "--steps", "20000", "--out", dir], { shell: "ulimit -f 200" });
    expect(r.code).toBe(1);
    expect(r.err).toBe(`stp-wasm run: writing trace.csv in ${dir} failed: file too large for this file system or limit (EFBIG); the previous results in ${dir} are unchanged\n`);
    expect(snapshot(dir)).toEqual(files);
  }, 30_000);
});

/** A tmpfs of `size` and `inodes` at a fresh mount point, or undefined where mounting is not allowed. */
function tmpfs(options: string): string | undefined {
  const at = mkdtempSync(join(tmpdir(), "stp-tmpfs-"));
  return spawnSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", at]).status === 0 ? at : undefined;
}
const canMount = (() => {
  const at = tmpfs("size=64k");
  if (at) spawnSync("umount", [at]);
  return at !== undefined;
})();

describe.runIf(canMount)("a full file system (a tmpfs; needs mount, e.g. root)", () => {
  it("out of space: refused after the first chunk by the free space statfs reports; previous results kept", async () => {
    const at = tmpfs("size=2m")!;
    try {
      const { files } = await previous(at);
      const r = await run(["run", "--steps", "30000", "--rate", "20", "--out", at]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^stp-wasm run: --steps = 30000 is not allowed: trace.csv \(projected from its first rows\) needs [\d.]+ MB and the disk holding .* has [\d.]+ MB free/);
      expect(snapshot(at)).toEqual(files);
    } finally {
      spawnSync("umount", [at]);
    }
  }, 30_000);

  it("out of inodes: ENOSPC while writing summary.json; previous results kept, nothing left behind", async () => {
    const at = tmpfs("size=8m,nr_inodes=6")!;
    try {
      const { files } = await previous(at);
      const r = await run(["run", "--steps", "300", "--rate", "20", "--out", at]);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`stp-wasm run: writing summary.json in ${at} failed: no space left on the device (ENOSPC); the previous results in ${at} are unchanged\n`);
      expect(snapshot(at)).toEqual(files);
    } finally {
      spawnSync("umount", [at]);
    }
  }, 30_000);
});
