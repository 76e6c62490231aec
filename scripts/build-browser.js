// Bundles the browser entry (dist/src/browser.js, compiled by `npm run build:ts`) into one ES
// module, dist/browser/stp-wasm.js, with its one dependency (seedrandom's ARC4 and Alea generators,
// CommonJS, MIT: their notices head the file) inside: a page can load it without a bundler (an import map names
// it "stp-wasm"), and bundlers take it through the package's "browser" condition. The kernel's
// .wasm files stay outside, located by the literal `new URL("../../build/...", import.meta.url)`
// of src/browser.ts, kept as written so that the bundlers of the apps using the package find and
// copy them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "rolldown";

const require = createRequire(import.meta.url);
const seedrandom = readFileSync(require.resolve("seedrandom/seedrandom.js"), "utf8");
const notice = seedrandom.slice(seedrandom.indexOf("/*"), seedrandom.indexOf("*/") + 2);
if (!notice.includes("Copyright")) throw new Error("seedrandom.js: its copyright notice was not found");
const alea = readFileSync(require.resolve("seedrandom/lib/alea.js"), "utf8");
const aleaNotice = alea.slice(0, alea.indexOf("(function"));
if (!aleaNotice.includes("Copyright")) throw new Error("seedrandom/lib/alea.js: its copyright notice was not found");
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

await build({
  input: "dist/src/browser.js",
  platform: "browser",
  logLevel: "warn",
  output: {
    file: "dist/browser/stp-wasm.js",
    format: "esm",
    banner: `// stp-wasm ${version}, browser bundle (MIT). Contains seedrandom 3 (seedrandom.js and lib/alea.js), whose notices follow.\n${notice}\n${aleaNotice.trim()}\n`,
  },
});
console.log("built dist/browser/stp-wasm.js");
