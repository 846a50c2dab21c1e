// Headless Chromium for the page's tests (Debian's chromium, driven by playwright-core): every request that is not to
// 127.0.0.1, a file: or a data:/blob: URL is blocked and counted (the page must make none).
import { fileURLToPath, pathToFileURL } from "node:url";
import { type ApiModel, model, type OperationModel } from "@csbs/types/model";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { fieldsOf } from "../scripts/static.ts";

export type { ApiModel };

/**
 * How long the page may take to show something, on a loaded 2-core machine (a quiet one takes about a second): every
 * wait of a context (waitFor, click, goto) and each expect.poll use it.
 */
export const WAIT = 60_000;

export const pageFile = fileURLToPath(new URL("../dist/index.html", import.meta.url));
export const pageUrl = pathToFileURL(pageFile).href;

export interface Chromium {
  browser: Browser;
  /** A new page in a context of its own (viewport, colour scheme, JavaScript on or off), blocking outside requests. */
  open(options?: BrowserContextOptions): Promise<Page>;
  /** Requests to other hosts, blocked. */
  blocked: string[];
  /** Uncaught errors of the pages. */
  errors: string[];
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    timeout: WAIT,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const blocked: string[] = [];
  const errors: string[] = [];
  return {
    browser,
    blocked,
    errors,
    async open(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...options });
      context.setDefaultTimeout(WAIT);
      context.setDefaultNavigationTimeout(WAIT);
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (/^(file|data|blob):$/.test(url.protocol) || url.hostname === "127.0.0.1") return route.continue();
        blocked.push(url.href);
        return route.abort("blockedbyclient");
      });
      const page = await context.newPage();
      page.on("pageerror", (error) => errors.push(error.message));
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * Resolves once Redoc has rendered every operation of the model with every field of its success response (the page's
 * script mounts Redoc's lazy sections and nested fields without scrolling), so nothing moves any more.
 */
export async function rendered(page: Page, operations: readonly OperationModel[] = model.operations): Promise<void> {
  // The page's script marks the page once no lazy part has been left for a few frames.
  await page.locator("html[data-csbs-rendered]").waitFor({ state: "attached" });
  for (const op of operations) {
    await page
      .locator(`#redoc [id$="/${op.operationId.toLowerCase()}/responses"]`)
      .first()
      .waitFor({ state: "attached" });
    for (const field of fieldsOf(op.response?.schema)) {
      const id = `t=response&c=${op.response?.status}&path=${field.path.replaceAll(".", "/")}`.toLowerCase();
      await page.locator(`#redoc [id$="${id}"]`).first().waitFor({ state: "attached" });
    }
  }
}

/**
 * Scrolls to the request samples the way a reader does, with the wheel: Redoc treats a scroll it did not see the
 * reader make (a script's scrollIntoView) as its own and may move the page back to its current route.
 */
export async function reachSamples(page: Page) {
  const panel = page.locator("#redoc .panel-request-samples").first();
  await page.mouse.move(10, 400);
  const top = () => panel.evaluate((e) => Math.round(e.getBoundingClientRect().top));
  await page.mouse.wheel(0, (await top()) - 100);
  await expect.poll(top).toBeLessThan(400);
  await expect.poll(top).toBeGreaterThanOrEqual(0);
}
