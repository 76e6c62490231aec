// The README's ```ts blocks, for the tests that type-check and run them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./dist.js";

/** The ```ts blocks of a markdown text, with the line each starts on and the ## section it is in. */
export function tsBlocks(markdown: string): { line: number; section: string; code: string }[] {
  const blocks: { line: number; section: string; code: string }[] = [];
  const lines = markdown.split("\n");
  let section = "";
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith("## ")) section = lines[i].slice(3).trim();
    if (lines[i].trim() !== "```ts") continue;
    const start = i + 1;
    while (++i < lines.length && lines[i].trim() !== "```");
    blocks.push({ line: start + 1, section, code: lines.slice(start, i).join("\n") });
  }
  return blocks;
}

export const readmeBlocks = () => tsBlocks(readFileSync(join(root, "README.md"), "utf8"));
