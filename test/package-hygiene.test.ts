// Issue 17, package hygiene: the tarball installs without running any script (npm 11 warns about
// every install-time script, `prepare` included), ships LICENSE and CHANGELOG.md, and packing a
// built checkout rebuilds nothing (prepack runs scripts/build-stale.js, which skips current steps).
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { root } from "./dist.js";

const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8"));

describe("package hygiene", () => {
  it("declares no script that runs when the package is installed", () => {
    for (const s of ["preinstall", "install", "postinstall", "prepare"]) expect(pkg.scripts[s], s).toBeUndefined();
    expect(pkg.scripts.prepack).toBe("node scripts/build-stale.js");
  });

  it("ships LICENSE (MIT, as package.json says) and CHANGELOG.md", () => {
    expect(pkg.license).toBe("MIT");
    expect(readFileSync(`${root}LICENSE`, "utf8")).toMatch(/^MIT License\n/);
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain("LICENSE");
    expect(files).toContain("CHANGELOG.md");
    expect(files.filter((f) => f.startsWith("docs/api/"))).toEqual([]);
  });

  it("finds a built checkout current: prepack would rebuild nothing", () => {
    // npm test's pretest has just run build-stale.js, so every step is current
    const out = execFileSync(process.execPath, ["scripts/build-stale.js", "--check"], { cwd: root, encoding: "utf8" });
    expect(out).toMatch(/^build: current \(build:header, build:wasm, build:ts/);
  });
});
