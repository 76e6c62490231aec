// The command line in a child process (test/cli-process.test.ts, test/long/cli-process.test.ts):
// start it, wait for it, and the checks both files run.
import { expect } from "vitest";
import { spawn, spawnSync, type SpawnOptions } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, root } from "./dist.js";

interface Done { code: number | null; signal: NodeJS.Signals | null; out: string; err: string }

/**
 * Start `node bin/stp-wasm.js args` (or `prefix... node ...` through bash for limits, or under a
 * wrapper command such as setpriv).
 */
export function start(args: string[], options: SpawnOptions & { shell?: string; wrap?: string[] } = {}) {
  const { shell, wrap, ...rest } = options;
  const quoted = [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const child = shell
    ? spawn("bash", ["-c", `${shell}; exec ${quoted}`], { cwd: root, ...rest })
    : wrap
      ? spawn(wrap[0], [...wrap.slice(1), process.execPath, bin, ...args], { cwd: root, ...rest })
      : spawn(process.execPath, [bin, ...args], { cwd: root, ...rest });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => { out += d; });
  child.stderr?.on("data", (d) => { err += d; });
  const done = new Promise<Done>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, out, err })));
  return { child, done, err: () => err };
}

export const run = (args: string[], options: SpawnOptions & { shell?: string; wrap?: string[] } = {}) => start(args, options).done;

export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

export async function previous(dir = mkdtempSync(join(tmpdir(), "stp-proc-"))): Promise<{ dir: string; files: Record<string, string> }> {
  const r = await run(["run", "--steps", "300", "--rate", "20", "--out", dir]);
  expect(r.code, r.err).toBe(0);
  return { dir, files: snapshot(dir) };
}

export async function until(test: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const noStack = (err: string) => expect(err).not.toMatch(/\n\s+at /);

/**
 * A run on a folder with previous results: while it runs those stay whole and a second process is
 * refused naming the first; `sig` stops it at a chunk's end with exit `code`, the files marked incomplete.
 */
export async function signalStopsRun(sig: "SIGINT" | "SIGTERM", code: number): Promise<void> {
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
}

/** Under `ulimit -v kib`: run, run --threads 2 and sweep complete; the API says why it cannot reserve memory. */
export async function underUlimit(kib: number): Promise<void> {
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
}
