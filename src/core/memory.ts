// The host's side of the kernel's memory: where the host starts laying out.

/**
 * Lowest address the host allocates at (0 stays an invalid pointer). The kernel's static data
 * (Math.exp's tables, from 1024 up) lies below it; Kernel.load checks the kernel's heapBase().
 */
export const HEAP_BASE = 65536;
