// stp-wasm's browser entry: the public API (index.ts) with the kernel's four builds located next to
// the package, as `new URL("...", import.meta.url)` with literal paths, a pattern Vite, webpack and
// other bundlers follow (they copy the .wasm files into the app and rewrite the URLs). This file is
// bundled into dist/browser/stp-wasm.js (scripts/build-browser.js), two folders below the package's
// root like dist/src/browser.js, so the paths are relative to either: ../../build/ is the package's
// build/ folder. Package "exports": the "browser" condition of "stp-wasm", and "stp-wasm/browser".
import { setDefaultWasm } from "./runtime/kernel.js";

setDefaultWasm({
  "shared-simd": new URL("../../build/stp.shared-simd.wasm", import.meta.url),
  shared: new URL("../../build/stp.shared.wasm", import.meta.url),
  "plain-simd": new URL("../../build/stp.plain-simd.wasm", import.meta.url),
  plain: new URL("../../build/stp.plain.wasm", import.meta.url),
});

export * from "./index.js";
