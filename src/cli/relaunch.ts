// Under a virtual-memory limit (`ulimit -v`) V8 cannot reserve the guard regions it puts around every
// WebAssembly memory (about 10 GiB of address space each), so every run would fail. Started with
// --disable-wasm-trap-handler, V8 checks WebAssembly's memory accesses explicitly and reserves only
// the memory itself. The command line checks this at start and, when needed, runs itself again
// under that flag. node:child_process is imported only then (it loads net, streams and more: a
// command that needs no relaunch starts without them).

export const RELAUNCH_FLAG = "--disable-wasm-trap-handler";

/** Whether this process can make a WebAssembly memory at all. */
export function wasmMemoryWorks(): boolean {
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1 });
    return true;
  } catch (err) {
    if (err instanceof RangeError) return false;
    throw err;
  }
}

/**
 * When this process cannot make a WebAssembly memory and does not run under RELAUNCH_FLAG yet, run
 * `script args` again under it and resolve with that process's exit code; otherwise undefined.
 */
export async function relaunchIfNeeded(script: string, args: string[]): Promise<number | undefined> {
  if (wasmMemoryWorks() || process.execArgv.includes(RELAUNCH_FLAG)) return undefined;
  const [{ spawn }, { constants }] = await Promise.all([import("node:child_process"), import("node:os")]);
  // in a process group of its own, so that a terminal's Ctrl-C reaches it once, passed on from here
  const child = spawn(process.execPath, [...process.execArgv, RELAUNCH_FLAG, script, ...args], { stdio: "inherit", detached: true });
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const pass = signals.map((sig) => [sig, () => { child.kill(sig); }] as const);
  for (const [sig, listener] of pass) process.on(sig, listener);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    });
  } finally {
    for (const [sig, listener] of pass) process.off(sig, listener);
  }
}
