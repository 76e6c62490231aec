// Which shard of a sweep this process runs: `--shard I/N`; else, in a Slurm array job,
// SLURM_ARRAY_TASK_ID with N from --shards or SLURM_ARRAY_TASK_COUNT; else, in a Kubernetes Indexed
// Job, JOB_COMPLETION_INDEX with --shards N; else none (the whole sweep).
import { StpOptionError } from "../core/errors.js";
import type { SweepShard } from "../experiments/grid.js";

export interface ShardChoice {
  shard: SweepShard;
  /** Where I and N came from, for the user, e.g. "SLURM_ARRAY_TASK_ID=2, SLURM_ARRAY_TASK_COUNT=4". */
  from: string;
}

type Env = Record<string, string | undefined>;

function envCount(env: Env, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) throw new StpOptionError(name, raw, `a whole number >= ${min}`, "read from the environment");
  return Number(raw);
}

/** The shard to run, or null for the whole sweep; errors name the flag or variable. */
export function chooseShard(shardText: string | undefined, shards: number | undefined, env: Env): ShardChoice | null {
  if (shards !== undefined && !(Number.isInteger(shards) && shards >= 1)) throw new StpOptionError("--shards", shards, "a whole number >= 1");
  if (shardText !== undefined) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(shardText);
    const [index, count] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
    if (!m || count < 1 || index >= count) throw new StpOptionError("--shard", shardText, "I/N with whole numbers 0 <= I < N, e.g. 0/4");
    if (shards !== undefined && shards !== count) throw new StpOptionError("--shards", shards, `${count}, the N of --shard ${shardText}, or no --shards`);
    return { shard: { index, count }, from: `--shard ${index}/${count}` };
  }
  const task = envCount(env, "SLURM_ARRAY_TASK_ID", 0);
  if (task !== undefined) {
    let count = shards;
    let from = `SLURM_ARRAY_TASK_ID=${task}, --shards ${shards}`;
    if (count === undefined) {
      count = envCount(env, "SLURM_ARRAY_TASK_COUNT", 1);
      if (count === undefined) throw new StpOptionError("SLURM_ARRAY_TASK_COUNT", env.SLURM_ARRAY_TASK_COUNT, "the array's number of tasks", "SLURM_ARRAY_TASK_ID is set but not the count; give --shards N");
      const [min, max] = [envCount(env, "SLURM_ARRAY_TASK_MIN", 0), envCount(env, "SLURM_ARRAY_TASK_MAX", 0)];
      if ((min !== undefined && min !== 0) || (max !== undefined && max !== count - 1)) {
        throw new StpOptionError("SLURM_ARRAY_TASK_MIN..MAX", `${min}..${max}`, `0..${count - 1}: submit the array as --array=0-${count - 1} (or give --shards N)`,
          `the array's ${count} tasks are not numbered 0 to ${count - 1}`);
      }
      from = `SLURM_ARRAY_TASK_ID=${task}, SLURM_ARRAY_TASK_COUNT=${count}`;
    }
    if (task >= count) throw new StpOptionError("SLURM_ARRAY_TASK_ID", task, `0 to ${count - 1}, a shard of ${count}`, "the array has more tasks than shards");
    return { shard: { index: task, count }, from };
  }
  const job = envCount(env, "JOB_COMPLETION_INDEX", 0);
  if (job !== undefined) {
    if (shards === undefined) throw new StpOptionError("--shards", undefined, "the number of shards, the Indexed Job's completions", `JOB_COMPLETION_INDEX=${job} is set (a Kubernetes Indexed Job)`);
    if (job >= shards) throw new StpOptionError("JOB_COMPLETION_INDEX", job, `0 to ${shards - 1}, a shard of --shards ${shards}`);
    return { shard: { index: job, count: shards }, from: `JOB_COMPLETION_INDEX=${job}, --shards ${shards}` };
  }
  if (shards !== undefined) {
    throw new StpOptionError("--shards", shards, "--shards with --shard I/N, in a Slurm array job (SLURM_ARRAY_TASK_ID) or in a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)", "no shard index: none of these is set");
  }
  return null;
}
