// The Slurm suite (`npm run test:slurm`, run by .ci/run): a real one-node Slurm cluster started on
// this machine (scripts/slurm-local.sh, as root) runs `stp-wasm slurm sweep` job arrays. Kept apart
// from `npm test` (fast, no root) and from the browser suite.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test-e2e/slurm/**/*.slurm.ts"],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
