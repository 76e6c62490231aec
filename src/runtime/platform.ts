// Where the package runs: Node or a browser (page or worker). Node's built-in modules are fetched
// at run time with process.getBuiltinModule, never imported, so that a bundler building for the
// browser (and a page loading the package without one) meets no `node:` specifier at all.

/** True under Node (also inside its worker threads). */
export const isNode = typeof process !== "undefined" && !!process.versions?.node;

/** A Node built-in module such as "node:fs" (Node only). */
export function nodeBuiltin<T>(id: string): T {
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (typeof get !== "function") throw new Error(`stp-wasm needs Node 20.16 or later (process.getBuiltinModule, for ${id}); this is Node ${process.versions.node}`);
  return get(id) as T;
}

let blocking: boolean | undefined;

/**
 * Whether this thread may block in Atomics.wait (and in WebAssembly's memory.atomic.wait): Node's
 * threads and Web Workers may, a page's main thread may not.
 */
export function canBlock(): boolean {
  if (blocking === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      blocking = true;
    } catch {
      blocking = false;
    }
  }
  return blocking;
}
