import { defineConfig } from "vitest/config";

// `npm test`: the suite, about a minute on 2 cores. The long soaks (test/long/) run with
// `npm run test:long` (vitest.long.config.ts); CI runs both. The test files share one process
// (isolate: false): each file then does not pay for its own start, imports and WASM compiles; no
// test relies on a fresh module state.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/long/**", "**/node_modules/**"],
    isolate: false,
    testTimeout: 120_000,
  },
});
