// The long thread runs of test/threads.test.ts (npm run test:long): twelve random networks, the row
// blocks at 0.2 Hz, and the dense 203 x 97 network with 3, 8 and 40 trials (40: on 2 threads each
// runs its share in tiles of 16 trials, every step of a tile, then the next).
import { describe, it } from "vitest";
import { rowBlocksAgree, threadsAgree, threadsEqualOnRandomNetworks } from "../threaded.js";

describe("threads, long", () => {
  it("2, 3 and 4 threads equal 1 thread, bit for bit, on twelve random networks", () => threadsEqualOnRandomNetworks(12));
  it("row blocks, 1 trial at 0.2 Hz: identical for 1, 2, 3 and 4 threads", () => rowBlocksAgree(1, 0.2));
  it.each([3, 8, 40])("a 203 x 97 network with %d trials: identical for 1, 2 and 4 threads, over chunks", (trials) => threadsAgree(trials));
});
