// The pipeline test's second module: test/embed/assembly/modulator.ts compiled with the
// AssemblyScript compiler's API from node_modules (in memory, nothing written to disk), and the
// same modulation in plain TypeScript for the API side of the comparison.
import asc from "assemblyscript/asc";
import { fileURLToPath } from "node:url";

export interface ModulatorExports {
  drive(net: number, steps: number, cosW: number, sinW: number, gate: number, log: number, raster: number): number;
}

/** The compiled module and the ids of its sections (11 is a data section). */
export interface Modulator {
  module: WebAssembly.Module;
  sections: number[];
}

// compiled from its own folder, so that asc does not pick up the kernel's asconfig.json (and entries)
const baseDir = fileURLToPath(new URL("./assembly/", import.meta.url));

/** Compile the modulator for a shared memory (with the threads feature) or an ordinary one. */
export async function compileModulator(shared: boolean): Promise<Modulator> {
  let binary: Uint8Array | null = null;
  let stderr = "";
  const memory = shared ? ["--sharedMemory", "--maximumMemory", "65536", "--enable", "threads"] : [];
  const result = await asc.main(["modulator.ts", "--baseDir", baseDir, "--outFile", "modulator.wasm", "--runtime", "stub", "--importMemory", "--use", "abort=", "-O3", ...memory], {
    writeFile: (name, contents) => {
      if (name.endsWith(".wasm")) binary = contents as Uint8Array;
    },
    stderr: { write: (text: string | Uint8Array) => { stderr += String(text); return true; } } as unknown as NodeJS.WritableStream,
  });
  if (result.error || binary === null) throw new Error(`asc failed: ${result.error?.message ?? "no output"}\n${stderr}`);
  return { module: await WebAssembly.compile(binary), sections: sectionIds(binary) };
}

/** The section ids of a WebAssembly binary, in order. */
export function sectionIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let p = 8; // magic and version
  while (p < bytes.length) {
    ids.push(bytes[p++]);
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[p++];
      size += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    p += size;
  }
  return ids;
}

/** The ungated intensities m_i = 0.5 (1 + s_i), by the modulator's float64 recurrence. */
export function modulation(cosW: number, sinW: number): { next(): number } {
  let c = 1;
  let s = 0;
  return {
    next() {
      const m = 0.5 * (1 + s);
      const c2 = c * cosW - s * sinW;
      s = s * cosW + c * sinW;
      c = c2;
      return m;
    },
  };
}
