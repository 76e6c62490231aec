// Builds only what is stale: each step of `npm run build` runs when one of its outputs is missing or
// older than one of its inputs, and is skipped otherwise. `npm pack` (prepack) and `npm test`
// (pretest) call it, so packing a current checkout rebuilds nothing, and the tarball ships the
// built dist/ and build/*.wasm (installing it runs no script). `--check` builds nothing: it lists
// the stale steps and exits with 1 if there are any.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const asconfig = JSON.parse(readFileSync(join(root, "asconfig.json"), "utf8"));

/** Every file under `path` (a file or a folder) whose name passes `keep`. */
function walk(path, keep = () => true) {
  const abs = join(root, path);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return keep(path) ? [path] : [];
  return readdirSync(abs).flatMap((name) => walk(join(path, name), keep));
}
const mtime = (f) => (existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : -Infinity);

/** TypeScript's inputs (tsconfig.json "include") and each one's compiled .js. */
const tsInputs = [...walk("src", (f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), "assembly/abi.ts", ...readdirSync(join(root, "bench")).filter((f) => f.endsWith(".ts")).map((f) => `bench/${f}`)];

const STEPS = [
  { script: "build:header", inputs: ["assembly/abi.ts", "scripts/gen-abi-header.js"], outputs: ["include/stp_abi.h"] },
  {
    script: "build:wasm",
    inputs: [...walk("assembly", (f) => f.endsWith(".ts")), "asconfig.json", "scripts/build-wasm.js"],
    outputs: Object.values(asconfig.targets).map((t) => t.outFile),
  },
  // per file: a .js older than its own .ts is stale (tsc writes every output on each build)
  { script: "build:ts", pairs: tsInputs.map((f) => [[f, "tsconfig.json"], [`dist/${f.replace(/\.ts$/, ".js")}`]]) },
  // the browser bundle (issue 13), where the package has one
  { script: "build:browser", inputs: [...walk("dist/src", (f) => f.endsWith(".js")), "scripts/build-browser.js"], outputs: ["dist/browser/stp-wasm.js"] },
].filter((s) => pkg.scripts[s.script] !== undefined);

/** Why a step is stale, or null when it is current. */
function staleness(step) {
  for (const [inputs, outputs] of step.pairs ?? [[step.inputs, step.outputs]]) {
    const missing = outputs.find((o) => !existsSync(join(root, o)));
    if (missing) return `${missing} is missing`;
    const oldest = Math.min(...outputs.map(mtime));
    const newer = inputs.find((i) => mtime(i) > oldest);
    if (newer) return `${newer} is newer than ${outputs.length === 1 ? outputs[0] : "its outputs"}`;
  }
  return null;
}

const check = process.argv.includes("--check");
let stale = 0;
for (const step of STEPS) {
  // a step's inputs may be an earlier step's outputs (the bundle reads dist/src): decide after it ran
  const why = staleness(step);
  if (why === null) continue;
  stale++;
  console.log(`${step.script}: ${why}`);
  if (!check) execFileSync("npm", ["run", "--silent", step.script], { cwd: root, stdio: "inherit" });
}
if (stale === 0) console.log(`build: current (${STEPS.map((s) => s.script).join(", ")})`);
if (check && stale > 0) process.exitCode = 1;
