// The built page, opened from disk in headless Chromium (Debian's chromium, driven by playwright-core) the way a
// reader opens it: every request that is not to 127.0.0.1 or a file: URL is blocked and counted, and there must be
// none. The operation is open on load; its 16 query parameters, nested response fields and both code samples render;
// the servers box, the first line of the curl sample, the search snippets and the favicon look right.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docsSpec } from "../scripts/build.js";
import { operationsOf } from "../scripts/samples.js";
import { serveDocs } from "../scripts/serve.js";

const require = createRequire(import.meta.url);
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

/**
 * How long the page may take to show something, on a loaded 2-core machine (a quiet one takes about a second): every
 * wait of the context (waitFor, click, goto, scrollIntoViewIfNeeded) and each expect.poll below use it.
 */
const WAIT = 60_000;

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
    timeout: WAIT,
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
  browser.setDefaultTimeout(WAIT);
  browser.setDefaultNavigationTimeout(WAIT);
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
  // No click: the operation is open on load.
  await page.getByText("Responses", { exact: true }).first().waitFor();
  // Redoc renders long sections as they scroll into view: scroll through the page once, then wait until every
  // parameter and field the tests look at is in the page.
  for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 600);
  await page.keyboard.press("End");
  for (const name of [...QUERY_PARAMETERS, ...NESTED_FIELDS]) {
    await middle().getByText(name, { exact: true }).first().waitFor({ state: "attached" });
  }
}, 3 * WAIT);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const middle = () => page.locator('[data-testid="middle-panel"]');
const right = () => page.locator('[data-testid="right-panel"]');

describe("the reference page in a browser", () => {
  it("shows every operation open on load, with nothing behind a “+ Show” button", async () => {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(page$);
      await fresh.getByText("Querying All Backups", { exact: true }).first().waitFor();
      const operations = operationsOf(docsSpec().doc);
      // One "Responses" per operation, rendered one after another: wait for the last, then count.
      const responses = fresh.getByText("Responses", { exact: true });
      await responses.nth(operations.length - 1).waitFor();
      expect(await responses.count()).toBe(operations.length);
      expect(await fresh.getByRole("button", { name: /^\+ Show$/ }).count()).toBe(0);
      expect(await fresh.evaluate(() => location.hash)).toBe("");
    } finally {
      await fresh.close();
    }
  });

  it("renders the operation", async () => {
    await expect(page.getByRole("heading", { name: "Querying All Backups" }).first().isVisible()).resolves.toBe(true);
    expect(await page.getByText("/v1/{project_id}/checkpoint_items").count()).toBeGreaterThan(0);
  });

  it.each(QUERY_PARAMETERS)("renders the query parameter %s", async (name) => {
    const label = middle().getByText(name, { exact: true }).first();
    await label.scrollIntoViewIfNeeded();
    expect(await label.isVisible()).toBe(true);
  });

  it("states under each filter parameter the rule the spec declares for it (x-filter, x-sort)", async () => {
    const text = (await middle().allInnerTexts()).join("\n");
    // az filters a nested field, name matches a substring, sort names its keys and its tie-breaker.
    expect(text).toContain("an item matches when extend_info.resource_az equals the value.");
    expect(text).toContain("an item matches when name contains the value, ignoring case.");
    expect(text).toMatch(/sort keys created_at, updated_at, name, status, protected_at, id; .*ties are broken by id/);
    const declared = Object.values<Record<string, unknown>>(docsSpec().doc.components.parameters).filter(
      (p) => p["x-filter"] || p["x-sort"],
    );
    expect(text.match(/Rule:/g)?.length).toBe(declared.length);
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
    await code().filter({ hasText: "curl -sS -G" }).first().waitFor();
    // Switch the sample language.
    await right().getByText("curl", { exact: true }).first().click();
    await page.getByText("TypeScript (@csbs/client)", { exact: true }).last().click();
    await code().filter({ hasText: "createCsbsClient" }).filter({ hasText: "listCheckpointItems" }).first().waitFor();
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

  it("shows the servers without literal markdown backticks", async () => {
    const urls: string[] = docsSpec().doc.servers.map((server: { url: string }) => server.url);
    const fresh = await browser.newPage();
    try {
      await fresh.goto(page$);
      // The panel under the "Servers" heading.
      const servers = fresh
        .getByText("Servers", { exact: true })
        .locator("xpath=ancestor::*[.//*[@data-component-name='Panel/PanelBody']][1]");
      await servers.waitFor();
      const text = (await servers.textContent()) ?? "";
      for (const url of urls) expect(text).toContain(url);
      expect(text).toContain("The local Prism mock (pnpm mock).");
      expect(text).not.toContain("`");
    } finally {
      await fresh.close();
    }
  });

  it("shows the curl sample's first comment line whole, clear of the copy button, at 1280 px", async () => {
    const narrow = await browser.newPage();
    try {
      await narrow.setViewportSize({ width: 1280, height: 900 });
      await narrow.goto(page$);
      const pre = narrow.locator("pre").filter({ hasText: "curl -sS" }).first();
      await pre.waitFor();
      await pre.scrollIntoViewIfNeeded();
      const box = await pre.evaluate((el) => {
        const line = el.querySelector(".line") ?? el.firstChild;
        const range = document.createRange();
        range.selectNodeContents(line as Node);
        const text = range.getBoundingClientRect();
        const copy = el.parentElement?.querySelector("button")?.getBoundingClientRect();
        const pane = el.getBoundingClientRect();
        return { line: range.toString(), right: text.right, paneRight: pane.right, copyLeft: copy?.left ?? Infinity };
      });
      expect(box.line).toMatch(/^# /);
      expect(box.right).toBeLessThanOrEqual(box.paneRight);
      expect(box.right).toBeLessThanOrEqual(box.copyLeft);
    } finally {
      await narrow.close();
    }
  });

  it("keeps the spaces between words in search snippets (where the spec's text breaks a line)", async () => {
    // Words the spec's descriptions split over two lines, and how they read glued together.
    const glued = new Set<string>();
    const raw = JSON.parse(readFileSync(require.resolve("@csbs/spec/openapi.json"), "utf8"));
    JSON.stringify(raw, (key, value) => {
      if ((key === "description" || key === "summary") && typeof value === "string") {
        for (const m of value.matchAll(/([A-Za-z]+)\n([A-Za-z]+)/g)) glued.add(`${m[1]}${m[2]}`);
      }
      return value;
    });
    expect(glued.size).toBeGreaterThan(0);
    const search = await browser.newPage();
    try {
      await search.goto(page$);
      await search.getByTestId("search-trigger").first().click();
      const dialog = search.getByTestId("search-dialog");
      // The text as rendered (line breaks between elements): textContent would glue elements' words together.
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is asserted
      const shown = () => dialog.innerText();
      let snippets = "";
      for (const query of ["marker", "request parameter", "elastic", "last item"]) {
        await dialog.locator("input").first().fill(query);
        await expect.poll(shown, { timeout: WAIT }).not.toMatch(/Searching\.\.\./);
        await expect.poll(shown, { timeout: WAIT }).toContain("→");
        snippets += await shown();
      }
      expect(snippets).toContain("shorter than");
      for (const word of glued) expect(snippets, word).not.toContain(word);
    } finally {
      await search.close();
    }
  });

  it("served over HTTP, asks for no favicon that is not there (an inline icon, no 404)", async () => {
    const html = readFileSync(fileURLToPath(page$), "utf8");
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? "");
      if (req.url === "/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const served = await browser.newPage();
    const notFound: string[] = [];
    served.on("response", (r) => void (r.status() === 404 && notFound.push(r.url())));
    try {
      const address = server.address();
      await served.goto(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`);
      await served.getByText("Querying All Backups", { exact: true }).first().waitFor();
      // A browser asks for /favicon.ico after the page has loaded: wait until the network has been idle (500 ms).
      await served.waitForLoadState("networkidle");
      const icon = await served.evaluate(() => document.querySelector('link[rel~="icon"]')?.getAttribute("href"));
      expect(notFound).toEqual([]);
      expect(requests).toEqual(["/"]);
      expect(icon).toMatch(/^data:image\/svg\+xml,/);
    } finally {
      await served.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
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
