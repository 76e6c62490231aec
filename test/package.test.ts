// The package ships the kernel (issue 5): the four .wasm builds under the stable subpath
// stp-wasm/wasm/<file> (package.json "exports"), the ABI constants as stp-wasm/abi, and a tarball
// (npm pack) that contains the builds, the compiled API, the CLI, docs/ABI.md and the C header.
import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const BUILDS = ["shared-simd", "shared", "plain-simd", "plain"];

describe("the package", () => {
  it("resolves stp-wasm/wasm/<build>.wasm to the built files, and nothing else under wasm/", () => {
    for (const build of BUILDS) {
      const file = require.resolve(`stp-wasm/wasm/stp.${build}.wasm`);
      expect(file).toBe(`${root}build/stp.${build}.wasm`);
      expect(WebAssembly.validate(readFileSync(file))).toBe(true);
    }
    expect(() => require.resolve("stp-wasm/wasm/stp.plain.wat")).toThrow(/not defined by "exports"/);
    expect(() => require.resolve("stp-wasm/src/kernel.js")).toThrow(/not defined by "exports"/);
  });

  it("resolves the API and the ABI constants; the browser build and the Node-only subpath", () => {
    expect(require.resolve("stp-wasm")).toBe(`${root}dist/src/index.js`);
    expect(require.resolve("stp-wasm/abi")).toBe(`${root}dist/assembly/abi.js`);
    expect(require.resolve("stp-wasm/node")).toBe(`${root}dist/src/node.js`);
    expect(require.resolve("stp-wasm/browser")).toBe(`${root}dist/browser/stp-wasm.js`);
    const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
    expect(pkg.exports["."].browser).toBe("./dist/browser/stp-wasm.js"); // bundlers building for a browser take it
  });

  it("stp-wasm/node is the API plus the reports, PNG and the CLI; the main entry has no Node-only export", async () => {
    const main = await import("stp-wasm");
    const node = await import("stp-wasm/node");
    for (const key of Object.keys(main)) expect(node).toHaveProperty(key);
    for (const key of ["lessonReportHtml", "sweepReportHtml", "gridReportHtml", "pairedPulseReport", "trainRecoveryReport", "tsodyks1998Report", "renderPngs", "cli"]) {
      expect(typeof (node as Record<string, unknown>)[key]).toBe("function");
      expect(main).not.toHaveProperty(key);
    }
  });

  it("npm pack would ship the four builds, the compiled API, the CLI, docs/ABI.md and include/stp_abi.h, and no tests", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
    for (const build of BUILDS) expect(files).toContain(`build/stp.${build}.wasm`);
    for (const f of ["dist/src/index.js", "dist/src/index.d.ts", "dist/src/node.js", "dist/browser/stp-wasm.js", "dist/assembly/abi.js", "bin/stp-wasm.js", "docs/ABI.md", "assembly/abi.ts", "include/stp_abi.h", "README.md", "package.json"]) expect(files).toContain(f);
    expect(files.filter((f) => /^(test|test-e2e|demo|node_modules|docs\/images)\//.test(f) || f.endsWith(".wat"))).toEqual([]);
  });
});
