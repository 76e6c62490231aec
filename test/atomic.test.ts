// The output folder's commit (src/cli/atomic.ts): all files or none, also when the process is killed
// in the middle of the renames (simulated by stopping after k of them and dropping the lock, as a
// killed process leaves it): the next open finishes the commit from its journal.
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OutputFolder } from "../src/cli/atomic.js";

const FILES = ["trace.csv", "summary.json", "report.html"];

/** A folder holding run "old": the three files and a plot.png. */
function oldRun(): string {
  const dir = mkdtempSync(join(tmpdir(), "stp-atomic-"));
  const f = OutputFolder.open(dir, "test");
  for (const name of [...FILES, "plot.png"]) f.writeFile(name, `old ${name}`);
  f.commit();
  f.dispose();
  return dir;
}

const contents = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), "utf8")]));
const newRun = Object.fromEntries(FILES.map((n) => [n, `new ${n}`]));

describe("an output folder's commit", () => {
  it("a complete commit: the new files, the stale one removed, no journal or temporary file left", () => {
    const dir = oldRun();
    const f = OutputFolder.open(dir, "test");
    for (const name of FILES) f.writeFile(name, `new ${name}`);
    f.commit(["plot.png"]);
    f.dispose();
    expect(contents(dir)).toEqual(newRun);
  });

  it.each([0, 1, 2, 3])("killed after %d of the 3 renames: the next open finishes the commit (the new run, whole)", (k) => {
    const dir = oldRun();
    const f = OutputFolder.open(dir, "test");
    for (const name of FILES) f.writeFile(name, `new ${name}`);
    f.commit(["plot.png"], k);
    // as the killed process leaves it: a mix of the two runs (for 0 < k < 3), the journal, its lock
    const mixed = contents(dir);
    expect(mixed[".stp-wasm-commit"]).toBeDefined();
    expect(FILES.filter((n) => mixed[n] === `new ${n}`).length).toBe(k);
    unlinkSync(join(dir, ".stp-wasm.lock")); // (its process is gone: lock.ts takes such a lock over)
    const next = OutputFolder.open(dir, "test");
    expect(contents(dir)).toEqual({ ...newRun, ".stp-wasm.lock": expect.any(String) });
    next.dispose();
    expect(contents(dir)).toEqual(newRun);
  });

  it("killed before the journal is in place: the previous run, whole", () => {
    const dir = oldRun();
    const f = OutputFolder.open(dir, "test");
    for (const name of FILES) f.writeFile(name, `new ${name}`);
    // files written, no commit: the process dies here
    unlinkSync(join(dir, ".stp-wasm.lock"));
    const next = OutputFolder.open(dir, "test");
    next.dispose();
    expect(contents(dir)).toEqual(Object.fromEntries([...FILES, "plot.png"].sort().map((n) => [n, `old ${n}`])));
    expect(existsSync(join(dir, ".stp-wasm-commit"))).toBe(false);
  });
});
