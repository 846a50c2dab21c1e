// Proof by growth, for the reference: a second operation written into a COPY of the bundled spec (CSBS "Querying the
// Number of Backups", .../count) gets its page section, open on load, with both code samples generated from the spec,
// with no edit of scripts/ or samples/. The page is built into test-output/; the repository is not written.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadBundledSpec } from "@csbs/spec/validator";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "../scripts/build.js";
import type { Json } from "../scripts/samples.js";

const outputDir = fileURLToPath(new URL("../test-output/", import.meta.url));
mkdirSync(outputDir, { recursive: true });
const out = mkdtempSync(join(outputDir, "growth-"));
const spec = loadBundledSpec() as Json;
const [path, item] = Object.entries<Json>(spec.paths)[0] as [string, Json];
const countPath = `${path}/count`;
spec.paths[countPath] = {
  parameters: item.parameters,
  get: {
    operationId: "countCheckpointItems",
    summary: "Querying the Number of Backups",
    description: "Counts the backups that match the filters.",
    parameters: [{ $ref: "#/components/parameters/status" }],
    responses: {
      "200": {
        description: "OK.",
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: { count: { type: "integer", description: "How many." } },
              required: ["count"],
            },
            example: { count: 3 },
          },
        },
      },
    },
  },
};

let browser: BrowserContext;
let profile: string;
/** How long the page may take to show something, on a loaded 2-core machine (a quiet one takes about a second). */
const WAIT = 60_000;

beforeAll(() => {
  writeFileSync(join(out, "openapi.json"), JSON.stringify(spec));
  buildDocs(join(out, "openapi.json"), out);
  profile = mkdtempSync(join(outputDir, "growth-chromium-"));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe("a second operation in the spec", () => {
  it("gets both samples, generated from the spec: its path, the token header, an example query, its method", () => {
    const curl = readFileSync(join(out, "samples/countCheckpointItems.sh"), "utf8");
    expect(curl).toContain(`"$ENDPOINT${countPath.replace("{project_id}", "$HW_PROJECT_ID")}"`);
    expect(curl).toContain('-H "X-Auth-Token: $HW_IAM_TOKEN"');
    expect(curl).toContain('--data-urlencode "status=available"');
    const ts = readFileSync(join(out, "samples/countCheckpointItems.ts"), "utf8");
    expect(ts).toContain('await csbs.countCheckpointItems({\n  status: "available",\n});');
  });

  it("is on the page, open on load beside the first, each with its curl and TypeScript samples", async () => {
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      timeout: WAIT,
      viewport: { width: 1440, height: 900 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    await browser.route("**/*", (route) =>
      /^(file|data):/.test(route.request().url()) ? route.continue() : route.abort("blockedbyclient"),
    );
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(pathToFileURL(join(out, "index.html")).href, { timeout: WAIT });
    await page.getByText("Querying the Number of Backups", { exact: true }).first().waitFor({ timeout: WAIT });
    // Redoc renders the sections one after another: wait for the second to be there, then count.
    const responses = page.getByText("Responses", { exact: true });
    await responses.nth(1).waitFor({ timeout: WAIT });
    expect(await responses.count()).toBe(2);
    // Each operation's sample panel opens on curl; the TypeScript samples are in the page, one language switch away.
    const curls = page.locator("pre").filter({ hasText: "curl -sS" });
    await curls.nth(1).waitFor({ timeout: WAIT });
    expect(await curls.count()).toBe(2);
    const code = await page.locator("pre").filter({ hasText: "/count" }).first().textContent();
    expect(code).toContain("curl -sS -G");
    const html = readFileSync(join(out, "index.html"), "utf8");
    for (const id of ["listCheckpointItems", "countCheckpointItems"]) {
      const ts = readFileSync(join(out, `samples/${id}.ts`), "utf8").trimEnd();
      expect(html).toContain(JSON.stringify(ts).slice(1, -1));
    }
  }, 180_000);

  it("gets its try-it console from the copy's model, with no edit: “This page” answers the operation's example", async () => {
    browser ??= await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      timeout: WAIT,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    const outside: string[] = [];
    await browser.route("**/*", (route) => {
      if (/^(file|data):/.test(route.request().url())) return route.continue();
      outside.push(route.request().url());
      return route.abort("blockedbyclient");
    });
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, "index.html")).href, { timeout: WAIT });
    const tryIts = page.getByRole("button", { name: "Try it" });
    await tryIts.nth(1).waitFor({ timeout: WAIT });
    expect(await tryIts.count()).toBe(2);
    const count = page.locator('[data-operation="countCheckpointItems"]');
    await count.getByRole("button", { name: "Try it" }).click();
    expect(await count.getByLabel("limit", { exact: true }).count()).toBe(0); // its own parameters only
    await count.getByLabel("project_id", { exact: true }).fill("p1");
    await count.getByLabel("status", { exact: true }).selectOption("available");
    await count.getByLabel("Token (X-Auth-Token)").fill("t");
    await count.getByRole("button", { name: "Send request" }).click();
    const body = count.getByRole("region", { name: "Response" }).getByLabel("Response body");
    await body.waitFor({ timeout: WAIT });
    expect(JSON.parse((await body.textContent()) ?? "")).toEqual({ count: 3 });
    expect(outside).toEqual([]);
  }, 180_000);
});
