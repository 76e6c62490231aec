// Tests that run the command line in a child process use the compiled dist/: fail clearly when it is
// older than the sources (run `npm run build`), rather than test stale code.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const bin = join(root, "bin", "stp-wasm.js");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Throws naming the first source file whose compiled file is missing or older. */
export function assertFreshDist(): void {
  for (const src of files(join(root, "src")).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))) {
    const out = join(root, "dist", relative(root, src)).replace(/\.ts$/, ".js");
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs) {
      throw new Error(`${relative(root, out)} is missing or older than ${relative(root, src)}: run "npm run build" first`);
    }
  }
}
