// The demo's Vite config: `npm run demo` (dev server) and `vite preview` serve the page cross-origin
// isolated (COOP + COEP), so the kernel gets shared memory; `npm run build:demo` writes a static
// folder (demo-dist/) that any host can serve, isolated or not.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const repo = fileURLToPath(new URL("..", import.meta.url));

/** The headers that make a page cross-origin isolated (SharedArrayBuffer allowed). */
export const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

export default defineConfig({
  root,
  base: "./",
  clearScreen: false,
  server: { headers: ISOLATION_HEADERS, fs: { allow: [repo] } },
  preview: { headers: ISOLATION_HEADERS },
  worker: { format: "es" },
  optimizeDeps: { include: ["uplot", "seedrandom/seedrandom.js", "seedrandom/lib/alea.js"] },
  build: {
    outDir: fileURLToPath(new URL("../demo-dist", import.meta.url)), emptyOutDir: true, target: "es2022",
    // two pages: the simulation demo and the fit page (fit.html)
    rollupOptions: { input: { main: fileURLToPath(new URL("./index.html", import.meta.url)), fit: fileURLToPath(new URL("./fit.html", import.meta.url)) } },
  },
});
