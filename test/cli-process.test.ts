// The command line as a process (issue 15): two processes on one --out (item 2), real SIGINT and
// SIGTERM (item 4), a reader that leaves early (EPIPE), a read-only folder, a virtual-memory limit
// (ulimit -v), a file-size limit and a full file system (items 4 and 10). Runs the compiled CLI
// (dist/, checked to be newer than src/).
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertFreshDist } from "./dist.js";
import { noStack, previous, run, signalStopsRun, snapshot, start, underUlimit } from "./cli-child.js";

beforeAll(() => assertFreshDist());

describe("the CLI as a process", () => {
  // SIGINT: test/long/cli-process.test.ts (and in-process in test/cli-outputs.test.ts)
  it("a second process on the same --out is refused; SIGTERM stops the first at a chunk's end (exit 143)", () => signalStopsRun("SIGTERM", 143), 60_000);

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
    // root may write anywhere: run it without the capabilities that override file permissions
    // (setpriv, util-linux; as another user the process might not read the repository's folder)
    const asUser = process.getuid?.() === 0 ? { wrap: ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] } : {};
    for (const out of [ro, join(ro, "sub", "deeper")]) {
      const r = await run(["run", "--steps", "10", "--out", out], asUser);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(`stp-wasm run: --out = ${JSON.stringify(out)} is not allowed: permission denied (EACCES)`);
      noStack(r.err);
    }
    expect(readdirSync(ro)).toEqual([]);
  }, 30_000);

  // 2000000 KiB: test/long/cli-process.test.ts
  it("under ulimit -v 4000000 (KiB) run, run --threads 2 and sweep complete", () => underUlimit(4_000_000), 60_000);

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
