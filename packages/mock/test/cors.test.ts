// CORS, proven the way a frontend meets it: a page served from another origin (another port) fetches the mock in
// headless Chromium with X-Auth-Token, which makes the browser send a preflight first. Debian's chromium, driven by
// playwright-core; every request that is not to 127.0.0.1 is blocked and counted (there must be none).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../src/index.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const outputDir = fileURLToPath(new URL("../test-output/", import.meta.url));

let mock: MockServer;
let site: Server;
let siteUrl: string;
let browser: BrowserContext;
let page: Page;
let profile: string;
const blocked: string[] = [];

beforeAll(async () => {
  mock = await startMock({ port: 0 });
  // The "frontend": a page on another port of 127.0.0.1, so another origin.
  site = createServer((_req, res) => {
    res
      .writeHead(200, { "content-type": "text/html; charset=utf-8" })
      .end("<!doctype html><title>frontend</title><h1>app</h1>");
  });
  await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
  const address = site.address();
  siteUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;

  profile = mkdtempSync(join(tmpdir(), "csbs-chromium-"));
  // A fresh profile per run: no state from an earlier run, nothing left behind.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
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
  page = browser.pages()[0] ?? (await browser.newPage());
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "file:" || url.hostname === "127.0.0.1") return route.continue();
    blocked.push(url.href);
    return route.abort("blockedbyclient");
  });
  await page.goto(siteUrl);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => site?.close(r));
  await mock?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

type Answer = { status: number; body: unknown; error?: string; violations?: string | null };
const fetchFromPage = (url: string, headers: Record<string, string>): Promise<Answer> =>
  page.evaluate(
    async ({ url, headers }) => {
      try {
        const res = await fetch(url, { headers });
        return { status: res.status, body: await res.json(), violations: res.headers.get("sl-violations") };
      } catch (error) {
        return { status: 0, body: null, error: String(error) };
      }
    },
    { url, headers },
  );

describe("CORS: a browser frontend on another origin", () => {
  it("the page and the mock are different origins", () => {
    expect(new URL(siteUrl).origin).not.toBe(new URL(mock.url).origin);
  });

  it("fetches the mock with X-Auth-Token (preflighted) and reads the JSON", async () => {
    const answer = await fetchFromPage(`${mock.url}/v1/my-project/checkpoint_items?status=available&limit=10`, {
      "X-Auth-Token": "any",
    });
    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(200);
    const items = (answer.body as { checkpoint_items: { status: string }[] }).checkpoint_items;
    expect(items).toHaveLength(10); // the data set, filtered: ten available backups
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(["available"]));
  });

  it("selects a scenario with Prefer and reads error answers (400 with its sl-violations header, 401)", async () => {
    const failed = await fetchFromPage(`${mock.url}/v1/my-project/checkpoint_items`, {
      "X-Auth-Token": "any",
      Prefer: "example=failed",
    });
    expect(failed).toMatchObject({ status: 200, body: { checkpoint_items: [{ status: "error" }] } });
    const bad = await fetchFromPage(`${mock.url}/v1/my-project/checkpoint_items?limit=`, { "X-Auth-Token": "any" });
    expect(bad).toMatchObject({ status: 400, body: { error_code: "CSBS.9001" } });
    expect(bad.violations).toContain("limit");
    const noToken = await fetchFromPage(`${mock.url}/v1/my-project/checkpoint_items`, {});
    expect(noToken).toMatchObject({ status: 401, body: { error_code: "APIGW.0301" } });
    const forced = await fetchFromPage(`${mock.url}/v1/my-project/checkpoint_items`, {
      "X-Auth-Token": "any",
      Prefer: "code=503",
    });
    expect(forced).toMatchObject({ status: 503, body: { error_code: "CSBS.9998" } });
  });

  it("answers the preflight itself with the origin and the header allowed", async () => {
    const origin = new URL(siteUrl).origin;
    const res = await fetch(`${mock.url}/v1/my-project/checkpoint_items`, {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "x-auth-token,prefer",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-auth-token");
  });

  it("made no request to any host but 127.0.0.1 (blocked: 0)", async () => {
    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: join(outputDir, "cors-frontend.png") });
    console.log(`CORS browser test: blocked requests to other hosts: ${blocked.length}`);
    expect(blocked).toEqual([]);
  });
});
