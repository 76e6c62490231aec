// Issue 17, typed networks and records: the README's TypeScript examples, extracted, and
// test/types/typos.ts (mistakes marked @ts-expect-error) type-check under tsc --strict against the
// package as an app sees it ("stp-wasm" resolves through package.json "exports" to dist/*.d.ts).
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./dist.js";
import { readmeBlocks } from "./readme.js";

const dir = join(root, "test-output", "types");

function tsc(files: string[]): { code: number; out: string } {
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"],
      strict: true, noEmit: true, skipLibCheck: false, types: ["node"], typeRoots: [join(root, "node_modules", "@types")],
    },
    files,
  }));
  try {
    return { code: 0, out: execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { cwd: root, encoding: "utf8" }) };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, out: err.stdout };
  }
}

describe("types under tsc --strict", () => {
  // one tsc program (a run of tsc is most of this file's time): the README's blocks and typos.ts must
  // compile clean, and a mistake not marked, in a file of its own, must be reported (the check can fail)
  let result: { code: number; out: string };
  const unmarked = () => join(dir, "unmarked.mts");

  it("the README's examples and test/types/typos.ts compile (every marked mistake is a type error)", () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const blocks = readmeBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    const files = blocks.map((b, i) => {
      const file = join(dir, `readme-${i + 1}-line-${b.line}.mts`);
      writeFileSync(file, `${b.code}\nexport {};\n`);
      return file;
    });
    const typos = join(dir, "typos.mts");
    writeFileSync(typos, readFileSync(join(root, "test", "types", "typos.ts"), "utf8"));
    writeFileSync(unmarked(), [
      `import { simulate } from "stp-wasm";`,
      `const r = await simulate({ steps: 10, populations: [{ type: "poisson", name: "z0", n: 1 }, { type: "lif", name: "z1", n: 1 }],`,
      `  synapses: [{ name: "W", pre: "z0", post: "z1" }], record: [{ name: "W", vars: ["u"] }] });`,
      `const s: Uint8Array = r.records.W.u.data;`,
      `r.records.z1;`,
      `export {};`,
    ].join("\n"));
    result = tsc([...files, typos, unmarked()]);
    // every error is the unmarked file's
    const errors = result.out.split("\n").filter((l) => / error TS\d+:/.test(l));
    expect(errors.filter((l) => !l.startsWith(join("test-output", "types", "unmarked.mts")) && !l.includes("unmarked.mts("))).toEqual([]);
  }, 60_000);

  it("a mistake not marked is reported (the check can fail)", () => {
    expect(result.code).not.toBe(0);
    expect(result.out).toMatch(/unmarked\.mts\(4,7\): error TS2322: Type 'Float32Array<ArrayBufferLike>' is not assignable to type 'Uint8Array<ArrayBufferLike>'/);
    expect(result.out).toMatch(/unmarked\.mts\(5,11\): error TS2339: Property 'z1' does not exist on type/);
    expect(result.out.split("\n").filter((l) => / error TS\d+:/.test(l)).length).toBe(2);
  });
});

import { validateNetwork } from "../src/network/options.js";
import { variablesOf } from "../src/network/records.js";
import { RECORDABLE } from "../src/network/typed.js";

describe("RECORDABLE (the types' variables) against the models", () => {
  it("equals every variable each kind of component offers in its fullest configuration", () => {
    const spec = validateNetwork({
      populations: [
        { type: "poisson", name: "p", n: 1 }, { type: "spikeTrain", name: "s", times: [5] },
        { type: "lif", name: "l", n: 1, tauTheta: 10, thetaPlus: 1, tauSyn: 5 }, { type: "lif", name: "m", n: 1 },
      ],
      synapses: [{ name: "W", pre: "p", post: "m", target: "conductance" }],
    });
    const keys = (name: string) => Object.keys(variablesOf(spec, spec.components.findIndex((c) => c.name === name))).sort();
    expect(keys("p")).toEqual([...RECORDABLE.poisson].sort());
    expect(keys("s")).toEqual([...RECORDABLE.spikeTrain].sort());
    expect(keys("l")).toEqual([...RECORDABLE.lif].sort());
    expect(keys("W")).toEqual([...RECORDABLE.synapse].sort());
  });
});
