// Threads against the cores this machine has. A thread waiting at the kernel's barrier polls it
// (NET_SPINS times) before it sleeps: with more threads than cores a polling thread takes the core
// of a thread that still has work, and each barrier then costs whole scheduler time slices. So with
// more threads than cores the barriers sleep at once (barrierSpins 0).

import { MAX_WORKERS } from "../../assembly/abi.js";

/** The most threads a Simulation runs on: the kernel's most workers of one runSlice call. */
export const MAX_THREADS = MAX_WORKERS;

interface NodeProcess {
  getBuiltinModule?: (id: string) => unknown;
}

/** Cores available to this process (Node: os.availableParallelism(); browsers: navigator.hardwareConcurrency), or undefined. */
export function availableCores(): number | undefined {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const os = proc?.getBuiltinModule?.("node:os") as { availableParallelism?(): number; cpus(): unknown[] } | undefined;
  if (os) return os.availableParallelism?.() ?? os.cpus().length;
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return nav?.hardwareConcurrency || undefined;
}

/** The barrier's spins when none are given: 0 (sleep at once) for more threads than cores, else the kernel's default (undefined). */
export function defaultBarrierSpins(threads: number, cores = availableCores()): number | undefined {
  return cores !== undefined && threads > cores ? 0 : undefined;
}
