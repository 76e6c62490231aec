// What several commands print or write: ratios, the progress bar, PNG pictures of reports.
import { renderPngs, type PngJob } from "../present/png.js";
import type { Io } from "./args.js";

export const ratio = (post: number, pre: number) => (pre > 0 ? (post / pre).toFixed(4) : "n/a");

/** --png: picture each HTML report next to it (x.html -> x.png) in headless Chromium. */
export async function writePngs(htmlFiles: string[], io: Io): Promise<void> {
  const jobs: PngJob[] = htmlFiles.map((html) => ({ html, png: html.replace(/\.html$/, "") + ".png" }));
  await renderPngs(jobs, { env: io.env ?? process.env });
  io.out(`pictures: ${jobs.map((j) => j.png).join(", ")}\n`);
}


/** A progress bar on stderr, shown once a run has taken more than a second. */
export function progressBar(io: Io): (done: number, total: number) => void {
  const now = io.now ?? (() => performance.now());
  const start = now();
  let shown = false;
  return (done, total) => {
    const elapsed = now() - start;
    if (elapsed < 1000 && !shown) return;
    shown = true;
    const width = 30;
    const filled = Math.round((done / total) * width);
    const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
    io.err(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${((100 * done) / total).toFixed(0).padStart(3)}% ` +
      `${(elapsed / 1000).toFixed(1)} s, ${(eta / 1000).toFixed(1)} s left${done >= total ? "\n" : ""}`);
  };
}
