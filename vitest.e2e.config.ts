// The browser suite (`npm run test:e2e`): the demo in headless Chromium, isolated and not, and the
// CLI's --png. Kept apart from `npm test`, which stays fast and browser-free.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test-e2e/**/*.e2e.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
