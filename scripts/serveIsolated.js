// A static file server for the scripts (screenshots, measurements): serves a folder on 127.0.0.1 on
// a free port with the COOP/COEP/CORP headers that make its pages cross-origin isolated (shared
// memory, threads), the demo's own headers.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, relative } from "node:path";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp", "Cross-Origin-Resource-Policy": "same-origin" };

/** Serve `folder`; resolves to its URL and the server (close it when done). */
export function serveIsolated(folder) {
  const server = createServer((req, res) => {
    let file = normalize(join(folder, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)));
    if (relative(folder, file).startsWith("..")) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      statSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...ISOLATION, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, server })));
}
