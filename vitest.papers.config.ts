// The papers suite (`npm run test:papers`, run by .ci/run): the long runs of the recurrent classics,
// tum2000 side by side with Brian2 over ten seeds each (Debian's python3-brian, installed with
// apt-get when missing) and mongillo2008's reactivation. Kept apart from `npm test`, which stays fast.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test-papers/**/*.papers.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
