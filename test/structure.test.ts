// The code's shape: no import cycles among the host's modules (src/) nor among the kernel's
// (assembly/), type-only imports included (a cycle through types still ties the files together).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { importsOf, reachable } from "./imports.js";

const root = fileURLToPath(new URL("..", import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every cycle found by depth-first search, as a list of files (relative to the repo). */
function cycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (f: string) => {
    state.set(f, "open");
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === "open") found.push([...stack.slice(stack.indexOf(g)), g].map((p) => relative(root, p)));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return found;
}

describe("module structure", () => {
  // issue 13: the main entry and the browser entry load in a page; Node's modules are reached only
  // through runtime/platform.ts's nodeBuiltin, at run time under Node
  it.each(["src/index.ts", "src/browser.ts"])("%s reaches no Node built-in and no package but seedrandom", (entry) => {
    const files = reachable(join(root, entry));
    expect(files.length).toBeGreaterThan(15);
    const found: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+["']([^"'.][^"']*)["']|(?<!typeof )\bimport\s*\(\s*["']([^"']+)["']\s*\)|\b(createRequire|require)\s*\(/g)) {
        const what = m[1] ?? m[2] ?? m[3];
        const typeOnly = /^\s*(?:import|export)\s+type\b/.test(m[0].trim());
        if (what === "seedrandom/seedrandom.js" || what === "seedrandom/lib/alea.js" || typeOnly) continue;
        found.push(`${relative(root, f)}: ${what}`);
      }
    }
    expect(found).toEqual([]);
    expect(files.map((f) => relative(root, f))).not.toContain("src/present/report.ts");
  });


  it.each(["src", "assembly"])("%s/ has no import cycle", (dir) => {
    const files = tsFiles(join(root, dir));
    expect(files.length).toBeGreaterThan(5);
    expect(cycles(new Map(files.map((f) => [f, importsOf(f)])))).toEqual([]);
  });

  it("the search finds a cycle where there is one, and none in a tree", () => {
    const a = join(root, "a.ts"), b = join(root, "b.ts"), c = join(root, "c.ts");
    expect(cycles(new Map([[a, [b]], [b, [c]], [c, [a]]]))).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
    expect(cycles(new Map([[a, [b, c]], [b, [c]], [c, []]]))).toEqual([]);
  });
});
