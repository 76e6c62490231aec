// The code's shape: no import cycles among the host's modules (src/) nor among the kernel's
// (assembly/), type-only imports included (a cycle through types still ties the files together).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

/** Relative imports of a file, resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']/g)) {
    const base = resolve(dirname(file), m[1].replace(/\.js$/, ""));
    const target = [base + ".ts", join(base, "index.ts")].find((p) => existsSync(p));
    if (target) found.push(target);
  }
  return found;
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
