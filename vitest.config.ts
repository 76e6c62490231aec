import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// `npm test`: the suite, about a minute on 2 cores. The long soaks (test/long/) run with
// `npm run test:long` (vitest.long.config.ts); CI runs both. The test files share one process
// (isolate: false): each file then does not pay for its own start, imports and WASM compiles; no
// test relies on a fresh module state. Workers: cores - 1 as vitest's default, but at least two (on
// a 2-core machine the default runs the suite on one worker: 86 s, against 62 s on two, one run
// after the other on the same busy machine).
export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism() - 1),
    include: ["test/**/*.test.ts"],
    exclude: ["test/long/**", "**/node_modules/**"],
    isolate: false,
    testTimeout: 120_000,
    // (a beforeAll that compiles, e.g. test/cstage.test.ts's clang, took over 10 s on a busy machine)
    hookTimeout: 120_000,
  },
});
