// docs/ABI.md against the kernel: every constant of assembly/abi.ts appears in the document with
// its value (a table row "| value | `NAME` |" or "`NAME` = value"), the exports table lists exactly
// the module's functions, and the static-data floor it states is the built kernel's heapBase().
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as A from "../assembly/abi.js";
import { BUILDS, instantiate } from "./embed/rawNetwork.js";

const doc = readFileSync(new URL("../docs/ABI.md", import.meta.url), "utf8");

/** Every value the document gives a name: table rows and inline "`NAME` = value". */
function documented(): Map<string, number[]> {
  const values = new Map<string, number[]>();
  const add = (name: string, value: string) => values.set(name, [...(values.get(name) ?? []), Number(value)]);
  for (const m of doc.matchAll(/^\| (\d+) \| `([A-Z0-9_]+)` \|/gm)) add(m[2], m[1]);
  for (const m of doc.matchAll(/`([A-Z0-9_]+)` = (0x[0-9a-fA-F]+|\d+)/g)) add(m[1], m[2]);
  return values;
}

describe("docs/ABI.md", () => {
  it("gives every constant of assembly/abi.ts, with its value and no other", () => {
    const values = documented();
    const constants = Object.entries(A).filter(([, v]) => typeof v === "number") as [string, number][];
    expect(constants.length).toBeGreaterThan(120);
    for (const [name, value] of constants) {
      expect(values.get(name), name).toBeDefined();
      expect(new Set(values.get(name)), name).toEqual(new Set([value]));
    }
    for (const name of values.keys()) expect(Object.keys(A), `${name} is documented but not in abi.ts`).toContain(name);
  });

  it("lists exactly the module's functions, and its static-data floor", async () => {
    const k = await instantiate("plain", 1);
    for (const build of BUILDS) expect((await instantiate(build, 1)).fns.heapBase(), build).toBe(k.fns.heapBase());
    const module = await WebAssembly.compile(k.bytes);
    const functions = WebAssembly.Module.exports(module).filter((e) => e.kind !== "global").map((e) => e.name).sort();
    const table = doc.slice(doc.indexOf("## 3. Exports"), doc.indexOf("## 4."));
    expect([...table.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]).sort()).toEqual(functions);
    expect(Number(/up to `heapBase\(\)`\s+\((\d+) in this version\)/.exec(doc)?.[1])).toBe(k.fns.heapBase());
    expect(doc).toContain(`# The stp-wasm kernel ABI (version ${A.ABI_VERSION})`);
  });
});
