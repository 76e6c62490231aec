// PNG pictures of HTML reports: each report is opened from disk in headless Chromium (driven by
// playwright-core; the browser is the system's, never downloaded) and screenshotted whole, at twice
// the CSS pixel density (sharp on high-density screens and in print).
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Where Chromium is looked for when CHROMIUM_PATH is not set. */
export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** Flags for a headless Chromium that runs as root in a container and stays off the network. */
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run",
];

/** No usable Chromium (or no playwright-core): says where it looked and what to do. */
export class ChromiumMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChromiumMissingError";
  }
}

/** The Chromium executable: CHROMIUM_PATH when set (it must exist), else the first candidate found. */
export function findChromium(env: Record<string, string | undefined> = process.env, candidates: readonly string[] = CHROMIUM_CANDIDATES): string {
  const given = env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) throw new ChromiumMissingError(`CHROMIUM_PATH=${given} does not exist; point it at a Chromium executable, or unset it to look in ${candidates.join(", ")}`);
    return given;
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new ChromiumMissingError(`no Chromium found (looked at ${candidates.join(", ")}); install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to its executable`);
  }
  return found;
}

type Playwright = typeof import("playwright-core");

async function loadPlaywright(): Promise<Playwright> {
  try {
    return await import("playwright-core");
  } catch {
    throw new ChromiumMissingError("PNG output drives Chromium through playwright-core, which is not installed; run: npm install playwright-core");
  }
}

/** One report to picture. */
export interface PngJob {
  /** The HTML file. */
  html: string;
  /** The PNG file to write. */
  png: string;
}

/** Device pixels per CSS pixel of the pictures. */
export const PNG_SCALE = 2;

/**
 * Screenshot each report (full page, `width` CSS px wide, PNG_SCALE device pixels per CSS pixel, so
 * the file is width * PNG_SCALE pixels wide). Fails, naming the file, when a page reports an error
 * or draws no chart.
 */
export async function renderPngs(jobs: PngJob[], options: { chromium?: string; width?: number; scale?: number; env?: Record<string, string | undefined> } = {}): Promise<void> {
  const executablePath = options.chromium ?? findChromium(options.env);
  const { chromium } = await loadPlaywright();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1136, height: 800 }, deviceScaleFactor: options.scale ?? PNG_SCALE });
    for (const job of jobs) {
      const errors: string[] = [];
      const onError = (e: Error) => errors.push(e.message);
      const onConsole = (m: { type(): string; text(): string }) => { if (m.type() === "error") errors.push(m.text()); };
      page.on("pageerror", onError);
      page.on("console", onConsole);
      await page.goto(pathToFileURL(job.html).href, { waitUntil: "load" });
      const charts = await page.locator(".uplot").count();
      page.off("pageerror", onError);
      page.off("console", onConsole);
      if (errors.length > 0) throw new Error(`${job.html}: the page reported ${errors.join("; ")}`);
      if (charts === 0) throw new Error(`${job.html}: the page drew no chart`);
      await page.screenshot({ path: job.png, fullPage: true });
    }
  } finally {
    await browser.close();
  }
}
