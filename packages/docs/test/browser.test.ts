// The built page, opened from disk in headless Chromium (Debian's chromium, driven by playwright-core) the way a
// reader opens it: every request that is not to 127.0.0.1 or a file: URL is blocked and counted, and there must be
// none. The operation, its 16 query parameters, nested response fields and both code samples must render.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDocs } from "../scripts/serve.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const page$ = pathToFileURL(fileURLToPath(new URL("../dist/index.html", import.meta.url))).href;
const outputDir = fileURLToPath(new URL("../test-output/", import.meta.url));

const QUERY_PARAMETERS = [
  ...["status", "limit", "marker", "sort", "all_tenants", "name", "az", "resource_id", "resource_name"],
  ...["start_time", "end_time", "image_type", "policy_id", "offset", "checkpoint_id", "resource_type"],
];
const NESTED_FIELDS = [
  "checkpoint_items",
  "extend_info",
  "volume_backups",
  "source_volume_size",
  "backup_data",
  "__openstack_region_name",
  "fail_code",
  "os_images_data",
  "tags",
];

let browser: BrowserContext;
let page: Page;
let profile: string;
const blocked: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), "csbs-docs-chromium-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
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
  // Counts every request of the context (pages, workers) before it leaves the browser.
  await browser.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "file:" || url.protocol === "data:" || url.hostname === "127.0.0.1") return route.continue();
    blocked.push(url.href);
    return route.abort("blockedbyclient");
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(page$);
  await page.getByText("Querying All Backups", { exact: true }).first().waitFor();
  // Open the operation from the sidebar, as a reader would.
  await page.getByText("Backups", { exact: true }).first().click();
  await page.getByText("Querying All Backups", { exact: true }).last().click();
  await page.getByText("Responses", { exact: true }).first().waitFor();
  // Redoc renders long sections as they scroll into view: scroll through the page once.
  for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 600);
  await page.keyboard.press("End");
  await page.waitForTimeout(300);
});

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const middle = () => page.locator('[data-testid="middle-panel"]');
const right = () => page.locator('[data-testid="right-panel"]');

describe("the reference page in a browser", () => {
  it("renders the operation", async () => {
    await expect(page.getByRole("heading", { name: "Querying All Backups" }).first().isVisible()).resolves.toBe(true);
    expect(await page.getByText("/v1/{project_id}/checkpoint_items").count()).toBeGreaterThan(0);
  });

  it.each(QUERY_PARAMETERS)("renders the query parameter %s", async (name) => {
    const label = middle().getByText(name, { exact: true }).first();
    await label.scrollIntoViewIfNeeded();
    expect(await label.isVisible()).toBe(true);
  });

  it.each(NESTED_FIELDS)("renders the response field %s", async (name) => {
    // Nested fields are shown with their path, e.g. checkpoint_items[].extend_info.volume_backups[].source_volume_size
    const field = middle().getByText(name, { exact: true }).first();
    await field.scrollIntoViewIfNeeded();
    expect(await field.isVisible()).toBe(true);
  });

  it("renders the curl sample and the @csbs/client (TypeScript) sample", async () => {
    const code = () => right().locator("pre, code").filter({ hasText: /\S/ });
    await right().getByText("curl", { exact: true }).first().scrollIntoViewIfNeeded();
    await expect.poll(async () => (await code().allInnerTexts()).join("\n")).toContain("curl -sS -G");
    // Switch the sample language.
    await right().getByText("curl", { exact: true }).first().click();
    await page.getByText("TypeScript (@csbs/client)", { exact: true }).last().click();
    await expect.poll(async () => (await code().allInnerTexts()).join("\n")).toContain("createCsbsClient");
    await expect.poll(async () => (await code().allInnerTexts()).join("\n")).toContain("listCheckpointItems");
  });

  it("served as `pnpm run docs` serves it (http://127.0.0.1, live reload on), it renders the same", async () => {
    const docs = await serveDocs({ port: 0, liveReload: true });
    try {
      const served = await browser.newPage();
      served.on("pageerror", (error) => pageErrors.push(error.message));
      await served.goto(`http://127.0.0.1:${docs.port}/`);
      await served.getByText("Querying All Backups", { exact: true }).first().waitFor();
      expect(await served.evaluate(() => document.title)).toContain("CSBS");
      await served.close();
    } finally {
      await docs.close();
    }
  });

  it("saves a screenshot and made no request to any other host (blocked: 0)", async () => {
    mkdirSync(outputDir, { recursive: true });
    await page.getByText("Querying All Backups", { exact: true }).last().click();
    await page.screenshot({ path: join(outputDir, "reference.png") });
    await page.screenshot({ path: join(outputDir, "reference-full.png"), fullPage: true });
    console.log(`docs browser test: blocked requests to other hosts: ${blocked.length}`);
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
