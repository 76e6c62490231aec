// The relative-import graph of the TypeScript sources, read from their text: what test/structure.test.ts
// (cycles, what the entries reach) and test/fast-start.test.ts (what the CLI loads at start) walk.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Relative imports and re-exports of `file`, resolved to files. `runtimeOnly`: leave out `import type`
 * and `export type` (they load nothing at run time); dynamic import() is never counted.
 */
export function importsOf(file: string, runtimeOnly = false): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*((?:import|export)(?:\s+type\b)?)[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']/g)) {
    if (runtimeOnly && /\btype$/.test(m[1])) continue;
    const base = resolve(dirname(file), m[2].replace(/\.js$/, ""));
    const target = [base + ".ts", join(base, "index.ts")].find((p) => existsSync(p));
    if (target) found.push(target);
  }
  return found;
}

/** Every file reachable from `entry` (an absolute path) by relative imports, `entry` included. */
export function reachable(entry: string, runtimeOnly = false): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const g of importsOf(f, runtimeOnly)) visit(g);
  };
  visit(entry);
  return [...seen];
}
