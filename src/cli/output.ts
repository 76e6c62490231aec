// What several commands print or write: ratios, the progress bar, PNG pictures of reports.
import { ChromiumMissingError, renderPngs, type PngJob } from "../present/png.js";
import type { OutputFolder } from "./atomic.js";
import type { Io } from "./args.js";

export const ratio = (post: number, pre: number) => (pre > 0 ? (post / pre).toFixed(4) : "n/a");

const pngName = (html: string) => html.replace(/\.html$/, "") + ".png";

/**
 * Commit a folder's outputs with the --png pictures: each HTML report written (not yet committed) is
 * pictured (x.html -> x.png) in headless Chromium, and all are committed together. Without --png, or
 * when Chromium is missing, the pictures of an earlier run are removed and the rest is committed;
 * any other failure commits nothing. Returns the pictures written and, when Chromium was missing, why:
 * the caller reports its files, then throws that.
 */
export async function commitWithPngs(folder: OutputFolder, htmlNames: string[], png: boolean, io: Io): Promise<{ pngs: string[]; missing?: ChromiumMissingError }> {
  const pngs = htmlNames.map(pngName);
  let missing: ChromiumMissingError | undefined;
  if (png) {
    const jobs: PngJob[] = htmlNames.map((name, i) => ({ html: folder.pendingPath(name)!, png: folder.tempPath(pngs[i]) }));
    try {
      await renderPngs(jobs, { env: io.env ?? process.env });
    } catch (err) {
      if (!(err instanceof ChromiumMissingError)) throw err;
      missing = err;
      for (const name of pngs) folder.forget(name);
    }
  }
  folder.commit(png && !missing ? [] : pngs);
  return { pngs: png && !missing ? pngs.map((p) => folder.path(p)) : [], missing };
}

/** After the "wrote ..." line: the pictures, or the reason there are none. */
export function reportPngs(result: { pngs: string[]; missing?: ChromiumMissingError }, io: Io): void {
  if (result.pngs.length > 0) io.out(`pictures: ${result.pngs.join(", ")}\n`);
  if (result.missing) throw result.missing;
}

/** The progress bar: update after each chunk, note a line without breaking the bar, end it. */
export interface ProgressBar {
  update(done: number, total: number): void;
  /** Print a line on stderr (after ending an open bar line). */
  note(text: string): void;
  /** End the bar's line if one is open (after an interruption or a failure too). */
  end(): void;
}

/**
 * A progress bar on stderr, shown once a run has taken more than a second, and only when stderr is
 * a terminal (a log file or a pipe gets no `\r` lines).
 */
export function progressBar(io: Io): ProgressBar {
  const now = io.now ?? (() => performance.now());
  const start = now();
  let shown = false;
  let open = false;
  const end = () => {
    if (open) io.err("\n");
    open = false;
  };
  return {
    update: (done, total) => {
      if (!io.errIsTTY) return;
      const elapsed = now() - start;
      if (elapsed < 1000 && !shown) return;
      shown = true;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
      io.err(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${((100 * done) / total).toFixed(0).padStart(3)}% ` +
        `${(elapsed / 1000).toFixed(1)} s, ${(eta / 1000).toFixed(1)} s left`);
      open = true;
      if (done >= total) end();
    },
    note: (text) => {
      end();
      io.err(text);
    },
    end,
  };
}
