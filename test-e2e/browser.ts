// Headless Chromium for the browser suite: the system's (never downloaded), found like --png finds it.
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../src/present/png.js";

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

/** A page that collects its console errors, uncaught errors and any request beyond its origin. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
  offsite: string[];
  /** Paths the page asked for and got 404 (a browser asks for /favicon.ico by itself). */
  missing: string[];
}

/** The phone the pages are checked at (CSS pixels). */
export const PHONE = { width: 390, height: 844 };

/** The page's scroll width and client width: equal when nothing scrolls sideways. */
export async function pageWidths(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
}

export async function openWatched(browser: Browser, url: string, viewport = { width: 1200, height: 900 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const errors: string[] = [];
  const offsite: string[] = [];
  const missing: string[] = [];
  page.on("response", (r) => { if (r.status() === 404) missing.push(new URL(r.url()).pathname); });
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
  context.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith("data:") && !u.startsWith("blob:") && new URL(u).origin !== origin) offsite.push(u);
  });
  await page.goto(url);
  return { page, context, errors, offsite, missing };
}
