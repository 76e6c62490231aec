import { defineConfig } from "vitest/config";

// `npm run test:long`: the long soaks (test/long/), kept out of `npm test`; CI runs both.
export default defineConfig({
  test: {
    include: ["test/long/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
