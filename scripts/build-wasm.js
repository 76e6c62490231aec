// Builds the kernel's four artifacts (asconfig.json targets): shared or plain memory, with or
// without SIMD. Kernel.load() picks one at load time.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const targets = Object.keys(JSON.parse(readFileSync(new URL("../asconfig.json", import.meta.url), "utf8")).targets);
for (const target of targets) {
  execFileSync(process.execPath, ["node_modules/assemblyscript/bin/asc.js", "--config", "asconfig.json", "--target", target], { stdio: "inherit" });
}
console.log(`built ${targets.map((t) => `build/stp.${t}.wasm`).join(", ")}`);
