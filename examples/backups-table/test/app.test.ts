// The backups screen as a user drives it, in headless Chromium (Debian's, through playwright-core), in both of its
// modes: MSW in the browser (the mock's engine in a service worker) and the mock process (`pnpm mock`'s server). The
// app is built with Vite for each mode and served by Vite's preview server on 127.0.0.1.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCsbsClient, type ListCheckpointItemsQuery } from "@csbs/client";
import { type MockServer, startMock } from "@csbs/mock";
import { type Browser, type BrowserContext, chromium, type Page, type Request } from "playwright-core";
import { build, type PreviewServer, preview } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WAIT = { timeout: 15_000 };
const PROJECT = "demo"; // the app's default project

let mock: MockServer;
let browser: Browser;
beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: "silent" });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
});
afterAll(async () => {
  await browser?.close();
  await mock?.stop();
});

/** The ids the client gives for the same query, read from the mock process (the same data set as MSW's). */
async function expectedIds(query: ListCheckpointItemsQuery, count: number): Promise<string[]> {
  const csbs = createCsbsClient({ baseUrl: mock.url, projectId: PROJECT, auth: { token: "t" } });
  const ids: string[] = [];
  for await (const item of csbs.iterateCheckpointItems(query)) {
    ids.push(item.id);
    if (ids.length === count) break;
  }
  return ids;
}

const rowIds = (page: Page) => page.locator("tr[data-id]").evaluateAll((rows) => rows.map((r) => r.dataset.id));
const isApi = (request: Request) => new URL(request.url()).pathname.endsWith("/checkpoint_items");

describe.each(["msw", "mock"] as const)("VITE_CSBS_TARGET=%s", (target) => {
  let server: PreviewServer;
  let url: string;
  let context: BrowserContext;
  const outDir = mkdtempSync(join(tmpdir(), `csbs-example-${target}-`));

  beforeAll(async () => {
    // What `vite build` makes outside vitest, which sets NODE_ENV=test (React's development build would be bundled).
    Object.assign(process.env, { VITE_CSBS_TARGET: target, VITE_CSBS_MOCK_URL: mock.url, NODE_ENV: "production" });
    await build({ root, logLevel: "warn", build: { outDir, emptyOutDir: true } });
    process.env.NODE_ENV = "test";
    server = await preview({ root, logLevel: "warn", build: { outDir }, preview: { host: "127.0.0.1", port: 0 } });
    url = server.resolvedUrls?.local[0] ?? "";
    context = await browser.newContext();
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  /** A page of the app, with every API request it sends recorded. */
  async function open(search = ""): Promise<{ page: Page; api: Request[] }> {
    const page = await context.newPage();
    const api: Request[] = [];
    page.on("request", (request) => isApi(request) && api.push(request));
    await page.goto(`${url}${search}`);
    return { page, api };
  }

  it("filters, sorts by a column, loads three pages by scrolling: the rows are iterateCheckpointItems'", async () => {
    const { page, api } = await open();
    const status = page.getByRole("status");
    await status.getByText(/^\d+ backups/).waitFor(WAIT);

    await page.getByLabel("Status").selectOption("available");
    await page.getByRole("button", { name: "Name" }).click();
    await page.locator("th[aria-sort=ascending]").getByText("Name").waitFor(WAIT);
    await status.getByText("20 backups, scroll for more").waitFor(WAIT);
    for (const rows of [40, 60]) {
      await page.locator(".scroller").evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await status.getByText(`${rows} backups, scroll for more`).waitFor(WAIT);
    }
    const query = { status: "available", sort: "name:asc", limit: 20 } as const;
    expect(await rowIds(page)).toEqual(await expectedIds(query, 60));
    // The three pages of this query: the first without a marker, each next one after the last row before it.
    const pages = api.map((r) => new URL(r.url()).searchParams).filter((q) => q.get("sort") === "name:asc");
    expect(pages.map((q) => q.get("marker"))).toEqual([
      null,
      ...(await expectedIds(query, 60)).filter((_, i) => i % 20 === 19).slice(0, 2),
    ]);

    await page.getByLabel("Name").fill("web");
    await status.getByText(/^\d+ backups$/).waitFor(WAIT);
    expect(await rowIds(page)).toEqual(await expectedIds({ ...query, name: "web" }, 60));
    await page.close();
  });

  it.each([
    ["code=401", "AuthenticationError", "Your session has expired: sign in again.", 1],
    ["fault=429", "RateLimitError", "Too many requests: try again in 1 s.", 3],
    ["code=500", "InternalServerError", "CSBS failed (HTTP 500): retry later.", 3],
    ["fault=drop", "CsbsConnectionError", "Cannot reach CSBS: check your connection and retry.", 3],
  ])(
    "Prefer: %s shows the %s message, after the client's attempts only (%s, %s)",
    async (prefer, name, text, attempts) => {
      const { page, api } = await open(`?prefer=${encodeURIComponent(prefer)}`);
      const alert = page.getByRole("alert");
      await alert.waitFor(WAIT);
      expect(await alert.getAttribute("data-error")).toBe(name);
      expect(await alert.textContent()).toBe(text);
      expect(api.length).toBe(attempts); // the client's retries, not multiplied by TanStack's
      await page.close();
    },
    30_000,
  );

  it("Cancel aborts a slow query in flight (Prefer: delay=10000)", async () => {
    const { page, api } = await open(`?prefer=${encodeURIComponent("delay=10000")}`);
    await page.getByRole("status").getByText("Loading…").waitFor(WAIT);
    if (api.length === 0) await page.waitForRequest(isApi, WAIT);
    const failed = page.waitForEvent("requestfailed", { predicate: isApi, ...WAIT });
    const started = Date.now();
    await page.getByRole("button", { name: "Cancel" }).click();
    expect((await failed).failure()?.errorText).toMatch(/abort/i);
    await page.getByRole("status").getByText("Cancelled.").waitFor(WAIT);
    expect(Date.now() - started).toBeLessThan(5_000);
    await page.close();
  }, 30_000);
});
