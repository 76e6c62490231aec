// Shards and merge through the command line: a 24-row grid run whole, and in 3 and 4 shards (by
// --shard, by Slurm's array variables, by a Kubernetes completion index) then merged, writes the
// same sweep.csv, sweep.json and sweep.html to the byte; merge refuses a missing, doubled or foreign
// shard (and other damage) naming it, writing nothing; the shard choice from flags and environment;
// `slurm sweep` writes the array and merge scripts and submits them in order (a stand-in sbatch).
import { describe, expect, it } from "vitest";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./cli-helper.js";
import { parseArgs } from "../src/cli/args.js";
import { SWEEP_GRID_OPTIONS } from "../src/cli/options.js";
import { chooseShard } from "../src/cli/shard.js";
import { flagArgs } from "../src/cli/commands/slurm.js";
import { mergeShards, SHARD_FORMAT_VERSION, SweepMergeError } from "../src/experiments/merge.js";


const tmp = (name: string) => mkdtempSync(join(tmpdir(), `stp-${name}-`));
/** 3 tauF x 2 U x 4 rates = 24 rows. */
const GRID = ["--vary", "tau-f=100,300,1000", "--vary", "resources=0.1,0.5", "--rates", "5,20,50,100", "--trials", "3", "--steps", "400", "--seed", "9"];
const FILES = ["sweep.csv", "sweep.json", "sweep.html"];

/** Run every shard of GRID (plus `extra`) into one folder, each way of choosing the shard. */
async function shards(n: number, how: "flag" | "slurm" | "k8s", extra: string[] = []): Promise<string> {
  const dir = tmp(`shards${n}`);
  for (let i = 0; i < n; i++) {
    const [args, env] = how === "flag" ? [["--shard", `${i}/${n}`], {}]
      : how === "slurm" ? [[], { SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_TASK_COUNT: String(n), SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_MAX: String(n - 1) }]
      : [["--shards", String(n)], { JOB_COMPLETION_INDEX: String(i) }];
    const r = await cli(["sweep", ...GRID, ...extra, ...args, "--out", dir], { env });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`shard ${i}/${n} (`);
  }
  expect(readdirSync(dir).sort()).toEqual(Array.from({ length: n }, (_, i) => `shard-${i}-of-${n}.json`).sort());
  return dir;
}

describe("sharded, then merged = unsharded, to the byte", () => {
  it.each([
    [3, "flag"], [4, "flag"], [4, "slurm"], [3, "k8s"],
  ] as const)("%i shards chosen by %s", async (n, how) => {
    const whole = tmp("whole");
    const r = await cli(["sweep", ...GRID, "--out", whole]);
    expect(r.code, r.err).toBe(0);
    const dir = await shards(n, how);
    const merged = tmp("merged");
    const m = await cli(["merge", "--out", merged, dir]);
    expect(m.code, m.err).toBe(0);
    expect(m.out).toContain(`merged ${n} shards (of ${n}) into 24 rows`);
    for (const f of FILES) expect(readFileSync(join(merged, f)).equals(readFileSync(join(whole, f))), f).toBe(true);
    expect(readFileSync(join(whole, "sweep.csv"), "utf8").split("\n")[0]).toBe("tauF,resources,rateHz,trials,preSpikes,postSpikes,transmissionRatio,efficacyPerSpike,transmissionRatioSem,efficacyPerSpikeSem");
    expect(readFileSync(join(whole, "sweep.csv"), "utf8").trim().split("\n").length).toBe(25);
    // the table printed by merge is the unsharded run's
    const table = (text: string) => text.slice(text.indexOf("tauF (ms)"), text.indexOf("post/pre = total"));
    expect(table(m.out)).toBe(table(r.out));
  });

  it("a plain rate sweep (nothing varied) in 5 shards: the rate sweep's own files", async () => {
    const plain = ["--preset", "std", "--rates", "1,2,5,10,20,30,50,70,100", "--trials", "2", "--steps", "300"];
    const whole = tmp("whole");
    expect((await cli(["protocol", "rate-sweep", ...plain, "--out", whole])).code).toBe(0);
    const dir = tmp("plain-shards");
    for (let i = 0; i < 5; i++) expect((await cli(["sweep", ...plain, "--shard", `${i}/5`, "--out", dir])).code).toBe(0);
    const merged = tmp("merged");
    expect((await cli(["merge", "--out", merged, dir])).code).toBe(0);
    for (const f of FILES) expect(readFileSync(join(merged, f)).equals(readFileSync(join(whole, f))), f).toBe(true);
    expect(readFileSync(join(whole, "sweep.csv"), "utf8").split("\n")[0]).toBe("rateHz,trials,preSpikes,postSpikes,transmissionRatio,efficacyPerSpike,transmissionRatioSem,efficacyPerSpikeSem");
    expect(readFileSync(join(whole, "sweep.html"), "utf8")).toContain("(the same seed at every rate)");
  });

  it("per-row seeds, a varied preset and shard folders given one by one", async () => {
    const extra = ["--seeds", "per-row", "--vary", "preset=stf,std"];
    const whole = tmp("whole");
    expect((await cli(["sweep", ...GRID, ...extra, "--out", whole])).code).toBe(0);
    const dirs: string[] = [];
    for (let i = 0; i < 4; i++) {
      dirs.push(tmp(`one-shard-${i}`));
      expect((await cli(["sweep", ...GRID, ...extra, "--shard", `${i}/4`, "--out", dirs[i]])).code).toBe(0);
    }
    const merged = tmp("merged");
    const m = await cli(["merge", "--out", merged, ...dirs.reverse()]);
    expect(m.code, m.err).toBe(0);
    for (const f of FILES) expect(readFileSync(join(merged, f)).equals(readFileSync(join(whole, f))), f).toBe(true);
    const json = JSON.parse(readFileSync(join(whole, "sweep.json"), "utf8"));
    expect(json.rows.length).toBe(48);
    // row 5 = ((tauF 0 * 2 + U 0) * 2 + preset 1) * 4 + rate 1
    expect(json.rows[5]).toMatchObject({ tauF: 100, resources: 0.1, preset: "std", rateHz: 20, rowSeed: "9/5" });
    expect(json.options).toMatchObject({ seeds: "per-row", seed: 9, vary: { tauF: [100, 300, 1000], resources: [0.1, 0.5], preset: ["stf", "std"] } });
  });

  it("the report embeds nothing of the run: no time, no path, no shard", async () => {
    const whole = tmp("whole");
    expect((await cli(["sweep", ...GRID, "--out", whole])).code).toBe(0);
    const html = readFileSync(join(whole, "sweep.html"), "utf8");
    expect(html).not.toContain(whole);
    expect(html).not.toContain(tmpdir());
    expect(html).not.toMatch(/shard|20\d\d-\d\d-\d\d|\d\d:\d\d:\d\d/i);
    expect(html).toContain("24 rows, the cartesian product of tauF (ms): 100, 300, 1000 x resources: 0.1, 0.5 x rate (Hz): 5, 20, 50, 100");
  });
});

describe("merge refuses shards that do not make one sweep, naming what is wrong, writing nothing", () => {
  async function refused(args: string[], message: RegExp): Promise<void> {
    const out = join(tmp("refused"), "out");
    const r = await cli(["merge", "--out", out, ...args]);
    expect(r.code, r.out).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/nothing was written/);
    expect(existsSync(out)).toBe(false);
  }

  it("a missing shard", async () => {
    const dir = await shards(4, "flag");
    const some = tmp("some");
    for (const i of [0, 1, 3]) copyFileSync(join(dir, `shard-${i}-of-4.json`), join(some, `shard-${i}-of-4.json`));
    await refused([some], /shard 2\/4 is missing \(shard-2-of-4\.json: rows 2, 6, 10, 14, 18, 22\); run it with --shard 2\/4/);
  });

  it("a shard given twice", async () => {
    const dir = await shards(3, "flag");
    const again = tmp("again");
    copyFileSync(join(dir, "shard-1-of-3.json"), join(again, "shard-1-of-3.json"));
    await refused([dir, again], new RegExp(`shard 1/3 is given 2 times: ${join(dir, "shard-1-of-3.json")}, ${join(again, "shard-1-of-3.json")}`));
  });

  it("a shard of another sweep (another seed), and shards of another split", async () => {
    const dir = await shards(3, "flag");
    const other = tmp("other");
    const args = GRID.map((a) => (a === "9" ? "10" : a));
    expect((await cli(["sweep", ...args, "--shard", "2/3", "--out", other])).code).toBe(0);
    const mixed = tmp("mixed");
    for (const i of [0, 1]) copyFileSync(join(dir, `shard-${i}-of-3.json`), join(mixed, `shard-${i}-of-3.json`));
    copyFileSync(join(other, "shard-2-of-3.json"), join(mixed, "shard-2-of-3.json"));
    await refused([mixed], new RegExp(`${join(mixed, "shard-2-of-3.json")}: a shard of another sweep: seed = 10 \\(9 in ${join(mixed, "shard-0-of-3.json")}\\)[^]*shard 2/3 is missing`));

    const four = await shards(4, "flag");
    await refused([dir, join(four, "shard-0-of-4.json")], /shard-0-of-4\.json: shard 0\/4 of a split into 4; the other shards split the sweep into 3/);
  });

  it("a file that is not a shard, or is damaged", async () => {
    const dir = await shards(3, "flag");
    const bad = join(dir, "shard-2-of-3.json");
    const good = readFileSync(bad, "utf8");
    writeFileSync(bad, "{ not json");
    await refused([dir], /shard-2-of-3\.json: not a JSON file/);
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(good), format: "something else" }));
    await refused([dir], /shard-2-of-3\.json: not a stp-wasm sweep shard \(its "format" is "something else"/);
    const data = JSON.parse(good);
    writeFileSync(bad, JSON.stringify({ ...data, rows: data.rows.slice(1) }));
    await refused([dir], /shard-2-of-3\.json: shard 2\/3 should hold rows 2, 5, 8, 11, 14, 17, 20, 23 but holds 5, 8, 11, 14, 17, 20, 23/);
    writeFileSync(bad, JSON.stringify({ ...data, rows: data.rows.map((r: { index: number; rateHz: number }) => (r.index === 8 ? { ...r, rateHz: 6 } : r)) }));
    await refused([dir], /shard-2-of-3\.json: row 8 is not the grid's row 8/);
    writeFileSync(bad, JSON.stringify({ ...data, stpWasm: "0.0.1" }));
    await refused([dir], /shard-2-of-3\.json: a shard of another sweep: stp-wasm 0\.0\.1 \(0\.1\.0 in/);
  });

  it("no shard, no such folder, a folder without shards (usage errors, exit code 2)", async () => {
    expect((await cli(["merge", "--out", tmp("x")])).err).toMatch(/no shard given/);
    for (const [args, message] of [
      [[], /no shard given: stp-wasm merge --out DIR SHARD_DIR/],
      [["/nonexistent/shards"], /\/nonexistent\/shards: no such file or folder/],
      [[tmp("empty")], /holds no shard-I-of-N\.json file/],
    ] as const) {
      const r = await cli(["merge", ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    }
  });

  it("a shard of format version 1 (rows without the SEMs) is refused by its version", () => {
    const old = {
      format: "stp-wasm sweep shard", formatVersion: 1, stpWasm: "1", rowCount: 1, shard: { index: 0, count: 1 },
      sweep: { seed: 1, rates: [5], trials: 1, steps: 10, vary: {}, seeds: "shared" },
      rows: [{ index: 0, values: {}, seed: 1, rateHz: 5, trials: 1, preSpikes: 0, postSpikes: 0, transmissionRatio: null, efficacyPerSpike: null }],
    };
    expect(() => mergeShards([{ name: "old.json", data: old }])).toThrow(/old\.json: shard format version 1; this stp-wasm reads version 2/);
    const damaged = { ...old, formatVersion: SHARD_FORMAT_VERSION };
    expect(() => mergeShards([{ name: "d.json", data: damaged }])).toThrow(/d\.json: damaged: a row is/);
  });

  it("mergeShards lists every problem at once", () => {
    const shard = (index: number, count: number, seed: number) => ({
      format: "stp-wasm sweep shard", formatVersion: SHARD_FORMAT_VERSION, stpWasm: "1", rowCount: 2, shard: { index, count },
      sweep: { seed, rates: [5, 6], trials: 1, steps: 10, vary: {}, seeds: "shared" },
      rows: [{ index, values: {}, seed, rateHz: 5 + index, trials: 1, preSpikes: 0, postSpikes: 0, transmissionRatio: null, efficacyPerSpike: null, transmissionRatioSem: null, efficacyPerSpikeSem: null }],
    });
    try {
      mergeShards([{ name: "a", data: shard(0, 3, 1) }, { name: "b", data: shard(0, 3, 1) }, { name: "c", data: shard(1, 3, 2) }]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SweepMergeError);
      expect((err as SweepMergeError).problems).toEqual([
        "c: a shard of another sweep: seed = 2 (1 in a)",
        "shard 0/3 is given 2 times: a, b",
        "shard 1/3 is missing (shard-1-of-3.json: rows 1); run it with --shard 1/3",
        "shard 2/3 is missing (shard-2-of-3.json: rows none); run it with --shard 2/3",
      ]);
    }
  });
});

describe("the shard to run", () => {
  it.each([
    [undefined, undefined, {}, null],
    ["1/3", undefined, {}, { shard: { index: 1, count: 3 }, from: "--shard 1/3" }],
    ["1/3", 3, { SLURM_ARRAY_TASK_ID: "0" }, { shard: { index: 1, count: 3 }, from: "--shard 1/3" }],
    [undefined, undefined, { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_COUNT: "5" }, { shard: { index: 2, count: 5 }, from: "SLURM_ARRAY_TASK_ID=2, SLURM_ARRAY_TASK_COUNT=5" }],
    // a rerun of some tasks (sbatch --array=2,4): the count comes from --shards
    [undefined, 5, { SLURM_ARRAY_TASK_ID: "4", SLURM_ARRAY_TASK_COUNT: "2", SLURM_ARRAY_TASK_MIN: "2", SLURM_ARRAY_TASK_MAX: "4" }, { shard: { index: 4, count: 5 }, from: "SLURM_ARRAY_TASK_ID=4, --shards 5" }],
    [undefined, 4, { JOB_COMPLETION_INDEX: "3" }, { shard: { index: 3, count: 4 }, from: "JOB_COMPLETION_INDEX=3, --shards 4" }],
  ] as const)("--shard %s, --shards %s, env %j", (text, n, env, want) => {
    expect(chooseShard(text, n, env)).toEqual(want);
  });

  it.each([
    ["4/4", undefined, {}, /^--shard = "4\/4" is not allowed; it must be I\/N with whole numbers 0 <= I < N/],
    ["a/b", undefined, {}, /^--shard = "a\/b"/],
    ["1/3", 4, {}, /^--shards = 4 is not allowed; it must be 3, the N of --shard 1\/3/],
    [undefined, 0, {}, /^--shards = 0 is not allowed; it must be a whole number >= 1/],
    [undefined, 3, {}, /^--shards = 3 is not allowed: no shard index/],
    [undefined, undefined, { SLURM_ARRAY_TASK_ID: "x" }, /^SLURM_ARRAY_TASK_ID = "x" is not allowed/],
    [undefined, undefined, { SLURM_ARRAY_TASK_ID: "1" }, /^SLURM_ARRAY_TASK_COUNT = undefined is not allowed: SLURM_ARRAY_TASK_ID is set but not the count; give --shards N/],
    [undefined, undefined, { SLURM_ARRAY_TASK_ID: "4", SLURM_ARRAY_TASK_COUNT: "4", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "4" }, /^SLURM_ARRAY_TASK_MIN\.\.MAX = "1\.\.4" is not allowed.*--array=0-3/],
    [undefined, 3, { SLURM_ARRAY_TASK_ID: "3" }, /^SLURM_ARRAY_TASK_ID = 3 is not allowed: the array has more tasks than shards; allowed: 0 to 2/],
    [undefined, undefined, { JOB_COMPLETION_INDEX: "0" }, /^--shards = undefined is not allowed: JOB_COMPLETION_INDEX=0 is set \(a Kubernetes Indexed Job\)/],
    [undefined, 2, { JOB_COMPLETION_INDEX: "2" }, /^JOB_COMPLETION_INDEX = 2 is not allowed; it must be 0 to 1/],
  ] as const)("refuses --shard %s, --shards %s, env %j", (text, n, env, message) => {
    expect(() => chooseShard(text, n, env)).toThrow(message);
  });

  it("the command line refuses before running (exit code 2), and --png with a shard", async () => {
    for (const [args, env, message] of [
      [["--shard", "3/3"], {}, /--shard = "3\/3" is not allowed/],
      [["--shards", "3"], {}, /--shards = 3 is not allowed: no shard index/],
      [["--shard", "0/2", "--png"], {}, /--png draws the whole sweep's report, which a shard does not write/],
      [[], { SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_COUNT: "5" }, /SLURM_ARRAY_TASK_ID = 5 is not allowed/],
    ] as const) {
      const out = join(tmp("bad"), "out");
      const r = await cli(["sweep", ...GRID, ...args, "--out", out], { env });
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe("--vary on the command line", () => {
  it.each([
    [["--vary", "tau-x=1,2"], /--vary = "tau-x=1,2" is not allowed: unknown option name "tau-x"; allowed: NAME=V1,V2,\.\.\. with NAME one of preset, steps, dt, seed, trials, resources, tau-f/],
    [["--vary", "rate=1,2"], /--vary = "rate=1,2" is not allowed: the input rates are --rates/],
    [["--vary", "threads=1,2"], /--threads is not a parameter of the sweep's rows/],
    [["--vary", "tau-f"], /--vary = "tau-f" is not allowed: no NAME= before the values/],
    [["--vary", "tau-f="], /--vary tau-f = "" is not allowed; it must be a comma-separated list of values of --tau-f/],
    [["--vary", "tau-f=1,x"], /--vary tau-f = "x" is not allowed; it must be a number/],
    [["--vary", "preset=stf,stx"], /--vary preset = "stx" is not allowed; it must be stf or std/],
    [["--vary", "tau-f=100", "--vary", "tau-f=200"], /--vary = "tau-f=200" is not allowed: tau-f is varied twice/],
    [["--tau-f", "100", "--vary", "tau-f=1,2"], /--vary tau-f = \[1, 2\] is not allowed: --tau-f 100 is given too/],
    [["--vary", "tau-f=-1,100"], /--vary tau-f\[0\] = -1 is not allowed: in row 0 \(tauF = -1, rateHz = 1\)/],
    [["--vary", "dt=1,4", "--rates", "100,300"], /--rates\[1\] = 300 is not allowed: .*in row 3 \(dt = 4, rateHz = 300\)/],
    [["--seeds", "both"], /--seeds = "both" is not allowed; it must be "shared" .* or "per-row"/],
  ])("%j is refused (exit code 2), naming the flag", async (args, message) => {
    const out = join(tmp("bad"), "out");
    const r = await cli(["sweep", ...args, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("--help lists --vary, --seeds, --shard, --shards; merge and slurm sweep have their own", async () => {
    const help = (await cli(["sweep", "--help"])).out;
    for (const flag of ["--vary", "--seeds", "--shard ", "--shards", "--rates", "--out"]) expect(help).toContain(flag);
    expect((await cli(["merge", "--help"])).out).toMatch(/usage: stp-wasm merge \[options\] SHARD_DIR\.\.\./);
    expect((await cli(["slurm", "--help"])).out).toMatch(/sweep\s+write \(and with --submit submit\) a Slurm job array/);
    const slurm = await cli(["slurm", "sweep", "--help"]);
    for (const flag of ["--shards", "--submit", "--partition", "--time", "--max-parallel", "--sbatch", "--vary"]) expect(slurm.out).toContain(flag);
    const wrong = await cli(["slurm", "merge"]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/unknown slurm command "merge"; allowed: sweep/);
  });
});

describe("stp-wasm slurm sweep", () => {
  it("writes the array, merge and submit scripts; the array task's arguments read back to the same options", async () => {
    const values = parseArgs(SWEEP_GRID_OPTIONS, [...GRID.slice(0, -2), "--seeds", "per-row", "--v-rest=-65", "--seed", "it's a seed", "--integration", "exact", "--u-rest", "U"]).values;
    expect(parseArgs(SWEEP_GRID_OPTIONS, flagArgs(SWEEP_GRID_OPTIONS, values)).values).toEqual(values);

    const out = join(tmp("slurm-scripts"), "sweep");
    const r = await cli(["slurm", "sweep", ...GRID, "--shards", "4", "--out", out, "--partition", "short", "--time", "10:00", "--max-parallel", "2", "--sbatch=--qos=low"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("a sweep of 24 rows in 4 array tasks");
    expect(r.out).toContain(`submit with: sh '${join(out, "slurm", "submit.sh")}'`);
    const array = readFileSync(join(out, "slurm", "sweep.sbatch"), "utf8");
    for (const line of ["#SBATCH --array=0-3%2", "#SBATCH --partition=short", "#SBATCH --time=10:00", "#SBATCH --qos=low", `#SBATCH --output=${join(out, "slurm", "logs", "sweep-%A_%a.out")}`]) expect(array).toContain(line);
    expect(array).toContain(`stp_wasm sweep '--rates=5,20,50,100' '--trials=3' '--vary=tau-f=100,300,1000' '--vary=resources=0.1,0.5' '--steps=400' '--seed=9' '--shards=4' '--out=${join(out, "shards")}'`);
    const merge = readFileSync(join(out, "slurm", "merge.sbatch"), "utf8");
    expect(merge).toContain(`stp_wasm merge '--out=${out}' '${join(out, "shards")}'`);
    expect(merge).not.toContain("--array");
    expect(readFileSync(join(out, "slurm", "submit.sh"), "utf8")).toContain(`--dependency=afterok:"$array"`);
    expect(existsSync(join(out, "slurm", "logs"))).toBe(true);
  });

  it("--submit: sbatch the array, then the merge after it (a stand-in sbatch records the calls)", async () => {
    const bin = tmp("fake-sbatch");
    const calls = join(bin, "calls.txt");
    writeFileSync(join(bin, "sbatch"), `#!/bin/sh\necho "$@" >> '${calls}'\nn=$(wc -l < '${calls}')\necho "$((100 + n));cluster"\n`);
    chmodSync(join(bin, "sbatch"), 0o755);
    const out = join(tmp("slurm-scripts"), "sweep");
    const r = await cli(["slurm", "sweep", ...GRID, "--shards", "3", "--out", out, "--submit"], { env: { PATH: `${bin}:${process.env.PATH}` } });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("submitted array job 101 (3 tasks) and merge job 102 (after 101 succeeds)");
    expect(readFileSync(calls, "utf8")).toBe(`--parsable ${join(out, "slurm", "sweep.sbatch")}\n--parsable --dependency=afterok:101 ${join(out, "slurm", "merge.sbatch")}\n`);

    const none = await cli(["slurm", "sweep", ...GRID, "--shards", "3", "--out", join(tmp("slurm-scripts"), "s"), "--submit"], { env: { PATH: "/nonexistent" } });
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/sbatch --parsable .* failed \(sbatch not found on PATH\); the scripts are written: submit later with sh /);
  });

  it("refuses bad options before writing anything", async () => {
    const used = join(tmp("slurm-scripts"), "used");
    mkdirSync(join(used, "shards"), { recursive: true });
    writeFileSync(join(used, "shards", "shard-0-of-2.json"), "{}");
    for (const [args, message] of [
      [["--out", "x"], /--shards = undefined is not allowed; it must be the number of tasks in the job array/],
      [["--shards", "25"], /--shards = 25 is not allowed; it must be 1 to 24, the sweep's rows/],
      [["--shards", "2", "--out", "/tmp/a b"], /--out = "\/tmp\/a b" is not allowed; it must be a folder without spaces or %/],
      [["--shards", "2", "--time", "1 h"], /--time = "1 h" is not allowed/],
      [["--shards", "2", "--sbatch", "qos=low"], /--sbatch = "qos=low" is not allowed; it must be one sbatch option on one line/],
      [["--shards", "2", "--out", used], /already holds shard files; remove them or give another --out/],
      [["--shards", "2", "--vary", "weight=x"], /--vary weight = "x" is not allowed/],
      [["--shards", "2", "--shard", "0/2"], /unknown option --shard/],
    ] as const) {
      const r = await cli(["slurm", "sweep", ...GRID, ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(message);
    }
    expect(existsSync("x")).toBe(false);
  });
});
