// The built page, opened from disk in headless Chromium the way a reader opens it, with every request off
// 127.0.0.1/file:/data: blocked and counted (there must be none). What a reader acts on: the operations open on load in
// their tag group, every parameter with its schema's description and the mock's rule labelled as such, the errors
// table, every sample in the switch, links that work from file:// and over HTTP, the OpenAPI document to download, and
// "Copy" buttons that say what they copy.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { RETRYABLE_STATUS } from "@csbs/client";
import { model } from "@csbs/types/model";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { additionsFor } from "../scripts/build.ts";
import { type OperationModel, sampleKinds } from "../scripts/samples.ts";
import { serveDocs } from "../scripts/serve.ts";
import { fieldsOf } from "../scripts/static.ts";
import { type Chromium, launchChromium, pageFile, pageUrl, reachSamples, rendered, WAIT } from "./chromium.ts";

const require = createRequire(import.meta.url);
const operationIds = model.operations.map((op) => op.operationId);
const op = model.operations[0] as OperationModel;
const leaf = (path: string) =>
  path
    .split(/\.|\[\]/)
    .filter(Boolean)
    .at(-1) as string;

let chromium: Chromium;
let page: Page;

beforeAll(async () => {
  chromium = await launchChromium();
  page = await chromium.open();
  await page.goto(pageUrl);
  await rendered(page);
  for (const name of names) await middle().getByText(name, { exact: true }).first().waitFor({ state: "attached" });
}, 3 * WAIT);

afterAll(async () => {
  await chromium?.close();
});

const middle = () => page.locator('[data-testid="middle-panel"]');
const right = () => page.locator('[data-testid="right-panel"]');
/** The page's text as in the DOM (Redoc's sections are `content-visibility: auto`: innerText skips what is off screen). */
const text = async (p: Page = page) => ((await p.locator("#redoc").textContent()) ?? "").replace(/\s+/g, " ");
/** Every query parameter and nested response field of the model, as the page names them. */
const names = [
  ...new Set([
    ...op.parameters.filter((p) => p.in === "query").map((p) => p.name),
    ...fieldsOf(op.response?.schema).map((f) => leaf(f.path)),
  ]),
];

describe("the reference page in a browser", () => {
  it("opens with every operation rendered in its tag group (Backups), at the top, nothing behind “+ Show”", async () => {
    const fresh = await chromium.open();
    try {
      await fresh.goto(pageUrl);
      await rendered(fresh);
      const responses = fresh.getByText("Responses", { exact: true });
      expect(await responses.count()).toBe(operationIds.length);
      expect(await fresh.getByRole("button", { name: /^\+ ?Show$/ }).count()).toBe(0);
      for (const tag of model.tags) {
        await expect
          .poll(() => fresh.locator("nav, aside, [data-testid]").getByText(tag.name, { exact: true }).count())
          .toBeGreaterThan(0);
      }
      expect(await fresh.evaluate(() => [scrollY, location.hash])).toEqual([0, expect.stringMatching(/^#\/backups/)]);
      await expect(fresh.getByRole("heading", { level: 1 }).first().isVisible()).resolves.toBe(true);
    } finally {
      await fresh.context().close();
    }
  });

  it("renders every query parameter and every nested response field of the model, without scrolling", async () => {
    const fresh = await chromium.open();
    try {
      await fresh.goto(pageUrl);
      expect(names.length).toBeGreaterThan(40);
      for (const name of names) {
        await fresh
          .locator('[data-testid="middle-panel"]')
          .getByText(name, { exact: true })
          .first()
          .waitFor({ state: "attached" });
      }
      expect(await fresh.evaluate(() => scrollY)).toBe(0);
    } finally {
      await fresh.context().close();
    }
  });

  it("shows each parameter's schema description under its own (My Credentials, the timestamp format)", async () => {
    const shown = await text();
    const described = op.parameters.filter((p) => p.schemaDescription && !p.description?.includes(p.schemaDescription));
    expect(described.map((p) => p.name)).toEqual(expect.arrayContaining(["project_id", "start_time"]));
    for (const p of described) {
      expect(shown, p.name).toContain(
        `Value: ${(p.schemaDescription ?? "").replace(/\s+/g, " ").replaceAll("`", "").slice(0, 50)}`,
      );
    }
    expect(shown).toContain("My Credentials");
    expect(shown).toMatch(/Value: A UTC date and time without a time zone designator/);
  });

  it("labels the x-filter and x-sort rules as the mock's, under each parameter that has one", async () => {
    const shown = await text();
    const ruled = op.parameters.filter((p) => p.filter || op.sort?.parameter === p.name);
    expect(shown.match(/Mock rule \(how @csbs\/mock answers/g)?.length).toBe(ruled.length);
    expect(shown).toContain("an item matches when extend_info.resource_az equals the value.");
    expect(shown).toContain("an item matches when name contains the value, ignoring case.");
    expect(shown).not.toMatch(/\bRule:/);
  });

  it("has an errors table: every status with its error code, what to do, and whether the client retries it", async () => {
    const rows = await middle()
      .locator("table")
      .filter({ hasText: "What to do" })
      .first()
      .locator("tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim()).join(" | ")),
      );
    expect(rows.map((r) => Number(r.split(" | ")[0]))).toEqual(op.errors.map((e) => e.status));
    for (const [i, error] of op.errors.entries()) {
      const row = (rows[i] ?? "").replace(/\s+/g, " ");
      expect(row).toContain(String((error.example as { error_code: string }).error_code));
      expect(row).toContain(RETRYABLE_STATUS.has(error.status) ? "retried by @csbs/client" : "not retried");
      if (error.headers.some((h) => h.name === "Retry-After")) expect(row).toContain("Retry-After");
    }
  });

  it("documents Retry-After under the 429 and 503 responses", async () => {
    for (const status of op.errors.filter((e) => e.headers.length).map((e) => e.status)) {
      await middle()
        .getByRole("tab", { name: String(status), exact: true })
        .first()
        .click();
      await middle().getByText("Retry-After", { exact: true }).first().waitFor();
    }
    expect(op.errors.filter((e) => e.headers.some((h) => h.name === "Retry-After")).map((e) => e.status)).toEqual([
      429, 503,
    ]);
  });

  it("offers every sample in the switch, labelled, each showing its source", async () => {
    const samples = additionsFor(model).operations[0]?.samples ?? [];
    expect(samples.map((s) => s.label)).toEqual(sampleKinds(op).map((k) => k.label));
    const panel = right().locator(".panel-request-samples").first();
    await reachSamples(page);
    for (const sample of samples) {
      await panel
        .getByRole("button", { name: /^(curl|TypeScript)/ })
        .first()
        .click();
      await page.getByRole("menuitem", { name: sample.label, exact: true }).click();
      const signature = sample.source.split("\n").find((l) => /csbs\.|curl |node /.test(l)) as string;
      await panel.locator("pre").filter({ hasText: signature.trim() }).first().waitFor();
    }
  });

  it("links work as fragments: #<operationId> and #<operationId>/query/<name>, from file:// and over HTTP", async () => {
    const docs = await serveDocs({ port: 0 });
    try {
      for (const base of [pageUrl, `http://127.0.0.1:${docs.port}/`]) {
        for (const [fragment, target] of [
          [`#${op.operationId}/query/offset`, '#redoc [id$="t=request&in=query&path=offset"]'],
          [`#${op.operationId}`, `#redoc [id$="/${op.operationId.toLowerCase()}"]`],
        ] as const) {
          const fresh = await chromium.open();
          try {
            await fresh.goto(`${base}${fragment}`);
            const element = fresh.locator(target).first();
            await element.waitFor();
            // Redoc scrolls there once it has rendered: the target ends near the top of the window.
            await expect
              .poll(() => element.evaluate((e) => Math.abs(e.getBoundingClientRect().top)), { timeout: WAIT })
              .toBeLessThan(150);
            expect(await fresh.evaluate(() => scrollY)).toBeGreaterThan(0);
            // Every link of the page is a fragment or leads out: none opens a file next to the page.
            const hrefs = await fresh
              .locator("#redoc a[href]")
              .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
            expect(hrefs.filter((h) => !/^(#|https?:|data:|mailto:)/.test(h ?? ""))).toEqual([]);
          } finally {
            await fresh.context().close();
          }
        }
      }
    } finally {
      await docs.close();
    }
  });

  it("offers the OpenAPI document to download: the bundled spec, from the page itself", async () => {
    const link = page.getByRole("link", { name: "Download OpenAPI (JSON)" });
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^data:application\/json/);
    const bundle = readFileSync(require.resolve("@csbs/spec/openapi.json"), "utf8");
    expect(decodeURIComponent(href.slice(href.indexOf(",") + 1))).toBe(bundle);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("csbs-openapi.json");
  });

  it("says what each Copy button copies", async () => {
    const buttons = page.locator('#redoc [data-testid="page-actions"] > button');
    const labels = await buttons.allTextContents();
    expect(await buttons.evaluateAll((bs) => bs.map((b) => b.getAttribute("title")))).toEqual([
      "Copy the whole OpenAPI document, as YAML",
      ...model.tags.map(() => "Copy this group as Markdown, with its part of the OpenAPI document as YAML"),
      ...operationIds.map(() => "Copy this operation as Markdown, with its part of the OpenAPI document as YAML"),
    ]);
    expect(labels.map((l) => l.trim())).toEqual([
      "Copy OpenAPI (YAML)",
      ...model.tags.map(() => "Copy as Markdown"),
      ...operationIds.map(() => "Copy as Markdown"),
    ]);
  });

  it("shows the servers without literal markdown backticks", async () => {
    const servers = page
      .locator("#redoc")
      .getByText("Servers", { exact: true })
      .locator("xpath=ancestor::*[.//*[@data-component-name='Panel/PanelBody']][1]");
    const shown = (await servers.textContent()) ?? "";
    for (const server of model.servers) expect(shown).toContain(server.url);
    expect(shown).toContain("The local Prism mock (pnpm mock).");
    expect(shown).not.toContain("`");
  });

  it("keeps the spaces between words in search snippets (where the spec's text breaks a line)", async () => {
    const glued = new Set<string>();
    JSON.stringify(JSON.parse(readFileSync(require.resolve("@csbs/spec/openapi.json"), "utf8")), (key, value) => {
      if ((key === "description" || key === "summary") && typeof value === "string") {
        for (const m of value.matchAll(/([A-Za-z]+)\n([A-Za-z]+)/g)) glued.add(`${m[1]}${m[2]}`);
      }
      return value;
    });
    expect(glued.size).toBeGreaterThan(0);
    const search = await chromium.open();
    try {
      await search.goto(pageUrl);
      await search.getByTestId("search-trigger").first().click();
      const dialog = search.getByTestId("search-dialog");
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
      await search.context().close();
    }
  });

  it("served over HTTP, asks for no favicon that is not there (an inline icon, no 404)", async () => {
    const html = readFileSync(pageFile, "utf8");
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? "");
      if (req.url === "/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const served = await chromium.open();
    const notFound: string[] = [];
    served.on("response", (r) => void (r.status() === 404 && notFound.push(r.url())));
    try {
      const address = server.address();
      await served.goto(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`);
      await rendered(served);
      // A browser asks for /favicon.ico after the page has loaded: wait until the network has been idle (500 ms).
      await served.waitForLoadState("networkidle");
      const icon = await served.evaluate(() => document.querySelector('link[rel~="icon"]')?.getAttribute("href"));
      expect(notFound).toEqual([]);
      expect(requests).toEqual(["/"]);
      expect(icon).toMatch(/^data:image\/svg\+xml,/);
    } finally {
      await served.context().close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("made no request to any other host (blocked: 0) and threw nothing", () => {
    console.log(`docs browser test: blocked requests to other hosts: ${chromium.blocked.length}`);
    expect(chromium.blocked).toEqual([]);
    expect(chromium.errors).toEqual([]);
  });
});
