import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// `npm test`: the suite, about a minute on 2 cores. The long soaks (test/long/) run with
// `npm run test:long` (vitest.long.config.ts); CI runs both. The test files share one process
// (isolate: false): each file then does not pay for its own start, imports and WASM compiles; no
// test relies on a fresh module state. Workers: one per core, at least two (vitest's default of
// cores - 1 runs a 2-core machine's suite on one: 86 s against 62 s on two, measured side by side).
export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism() - 1),
    include: ["test/**/*.test.ts"],
    exclude: ["test/long/**", "**/node_modules/**"],
    isolate: false,
    testTimeout: 120_000,
  },
});
