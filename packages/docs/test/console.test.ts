// The try-it console of the reference page, in headless Chromium (Debian's chromium, playwright-core), the page opened
// from disk the way a reader opens it. Every request that is not to a file: or data: URL or to 127.0.0.1 (the real
// mock and the loopback servers the test starts, the targets a reader picks) is blocked and counted: there must be
// none. The console sends through @csbs/client; "This page" is the mock's engine in the page, whose answers must be the
// real mock process's (startMock, same seed and size) byte for byte.

import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { type MockServer, startMock } from "@csbs/mock";
import { DEFAULT_RECORDS, DEFAULT_SEED, FAULTS } from "@csbs/mock/engine";
import { model, type OperationModel } from "@csbs/types/model";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const pagePath = fileURLToPath(new URL("../dist/index.html", import.meta.url));
const pageUrl = pathToFileURL(pagePath).href;
/** How long the page may take on a loaded 2-core machine (a quiet one takes about a second). */
const WAIT = 60_000;

const op = model.operations.find((o) => o.operationId === "listCheckpointItems") as OperationModel;
const PROJECT = "0b4ea3bd1e8047b3b7fcbb4bbc8e7e63";
const TOKEN = "tok-SECRET-7d1f";
const ACCESS_KEY = "AK-SECRET-4c2a";
const SECRET_KEY = "SK-SECRET-9e8b";
const SECRETS = [TOKEN, ACCESS_KEY, SECRET_KEY];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let mock: MockServer;
/** A loopback proxy in front of the mock that keeps the headers of each request it passes on. */
let recorder: Server;
const recorded: IncomingHttpHeaders[] = [];
/** A loopback server that answers without CORS headers: the browser refuses its answers to the page. */
let refusing: Server;
let refusingHits = 0;
const blocked: string[] = [];
/** Every @csbs/client code the console showed: each must type-check against the real client. */
const shownCode = new Set<string>();
const pageErrors: string[] = [];

const listen = async (server: Server) => {
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const close = async (server: Server | undefined) => {
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
};

beforeAll(async () => {
  mock = await startMock({ port: 0, seed: DEFAULT_SEED, records: DEFAULT_RECORDS });
  recorder = createServer(async (req, res) => {
    recorded.push(req.headers);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => name !== "host" && name !== "connection"),
    ) as Record<string, string>;
    const answer = await fetch(`${mock.url}${req.url}`, { method: req.method, headers });
    res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
  });
  refusing = createServer((req, res) => {
    refusingHits++;
    res.writeHead(req.method === "OPTIONS" ? 204 : 200, { "content-type": "application/json" }).end("{}");
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: WAIT,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  context = await newContext("light");
  page = await openPage(context);
}, 3 * WAIT);

afterAll(async () => {
  await browser?.close();
  await Promise.all([mock?.stop(), close(recorder), close(refusing)]);
});

async function newContext(colorScheme: "light" | "dark"): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
  ctx.setDefaultTimeout(WAIT);
  await ctx.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "file:" || url.protocol === "data:" || url.hostname === "127.0.0.1") return route.continue();
    blocked.push(url.href);
    return route.abort("blockedbyclient");
  });
  return ctx;
}

async function openPage(ctx: BrowserContext): Promise<Page> {
  const p = await ctx.newPage();
  p.on("pageerror", (error) => pageErrors.push(error.message));
  await p.goto(pageUrl);
  return p;
}

const consoleOf = (p: Page, operationId = op.operationId) => p.locator(`[data-operation="${operationId}"]`);
const responseOf = (c: Locator) => c.getByRole("region", { name: "Response" });

/** Opens the console (once) and answers it. */
async function opened(p: Page, operationId = op.operationId): Promise<Locator> {
  const c = consoleOf(p, operationId);
  const button = c.getByRole("button", { name: "Try it" });
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  return c;
}

/** Clicks "Send request" and waits until the Response region shows the answer (its count of answers goes up). */
async function send(
  c: Locator,
): Promise<{ status?: number; text: string; body?: unknown; curl: string; code: string }> {
  const region = responseOf(c);
  const before = Number((await region.getAttribute("data-answers")) ?? 0);
  await c.getByRole("button", { name: "Send request" }).click();
  await expect
    .poll(async () => Number((await region.getAttribute("data-answers")) ?? 0), { timeout: WAIT })
    .toBe(before + 1);
  // What the region shows now (no waiting: an answer without a status or body has none).
  const status = await region
    .locator("[data-status]")
    .evaluateAll((els) => els[0]?.getAttribute("data-status") ?? null);
  const bodyText = await region.getByLabel("Response body").evaluateAll((els) => els[0]?.textContent ?? null);
  const code = (await region.getByLabel("@csbs/client code").textContent()) ?? "";
  shownCode.add(code);
  return {
    status: status === null ? undefined : Number(status),
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
    text: await region.innerText(),
    body: bodyText === null ? undefined : JSON.parse(bodyText),
    curl: (await region.getByLabel("curl", { exact: true }).textContent()) ?? "",
    code,
  };
}

async function fillList(c: Locator, values: { status?: string; limit?: string }) {
  await c.getByLabel("project_id", { exact: true }).fill(PROJECT);
  await c.getByLabel("status", { exact: true }).selectOption(values.status ?? "");
  await c.getByLabel("limit", { exact: true }).fill(values.limit ?? "");
}

const listUrl = (base: string, query: string) => `${base}${op.path.replace("{project_id}", PROJECT)}?${query}`;

describe("the try-it console", () => {
  let pageItems: unknown;

  it("answers from the mock's engine in the page (“This page”) what the real mock process answers", async () => {
    const c = await opened(page);
    await fillList(c, { status: "error", limit: "5" });
    await c.getByLabel("Target", { exact: true }).selectOption({ label: "This page" });
    await c.getByLabel("Token (X-Auth-Token)").fill(TOKEN);
    const shown = await send(c);
    expect(shown.status).toBe(200);
    const items = (shown.body as { checkpoint_items: { status: string }[] }).checkpoint_items;
    expect(items).toHaveLength(5);
    for (const item of items) expect(item.status).toBe("error");
    const real = await fetch(listUrl(mock.url, "status=error&limit=5"), { headers: { "X-Auth-Token": "t" } });
    expect(real.status).toBe(200);
    expect(shown.body).toEqual(await real.json());
    expect(shown.text).toMatch(/x-request-id\s+\S+/);
    expect(shown.text).toMatch(/Status 200\b.* · \d+ ms · This page/);
    expect(shown.curl).toContain(
      `'${listUrl(model.servers.find((s) => s.url.includes("127.0.0.1"))?.resolvedUrl ?? "", "status=error&limit=5")}'`,
    );
    expect(shown.code).toContain('query: { status: "error", limit: 5 }');
    pageItems = shown.body;
  });

  it("answers a `Prefer: code=401` with the spec's 401 body", async () => {
    const c = await opened(page);
    const codes = await c
      .getByLabel("Prefer: code")
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(codes).toEqual(["", ...op.errors.map((e) => String(e.status))]);
    await c.getByLabel("Prefer: code").selectOption("401");
    const shown = await send(c);
    expect(shown.status).toBe(401);
    expect(shown.body).toEqual(op.errors.find((e) => e.status === 401)?.example);
    expect(shown.curl).toContain("-H 'Prefer: code=401'");
    await c.getByLabel("Prefer: code").selectOption("");
  });

  it("lists the mock's scenarios from the model: example names, error statuses, the engine's faults", async () => {
    const c = await opened(page);
    const values = (label: string) =>
      c
        .getByLabel(label)
        .locator("option")
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(await values("Prefer: example")).toEqual(["", ...Object.keys(op.response?.examples ?? {})]);
    expect(await values("Prefer: fault")).toEqual(["", ...FAULTS]);
  });

  it("acts out the mock's faults in the page: a dropped connection, a body cut half-way", async () => {
    const c = await opened(page);
    await c.getByLabel("Prefer: fault").selectOption("drop");
    const dropped = await send(c);
    expect(dropped.status).toBeUndefined();
    expect(dropped.text).toContain("The mock dropped the connection without an answer");
    await c.getByLabel("Prefer: fault").selectOption("truncate");
    const cut = await send(c);
    expect(cut.status).toBe(200);
    expect(cut.text).toContain("The connection was cut in the middle of the body");
    await c.getByLabel("Prefer: fault").selectOption("");
  });

  it("sends to a local mock (its URL editable) and gets the same items", async () => {
    const c = await opened(page);
    await c.getByLabel("Target", { exact: true }).selectOption({ label: "Local mock" });
    await c.getByLabel("Local mock URL").fill(mock.url);
    const shown = await send(c);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(pageItems);
    expect(shown.text).toMatch(/x-request-id\s+\S+/);
    expect(shown.curl).toContain(`'${listUrl(mock.url, "status=error&limit=5")}'`);
    expect(shown.code).toContain(`baseUrl: "${mock.url}"`);
  });

  it("says in words when the browser gets no answer from an endpoint (CORS or network), and gives the curl line", async () => {
    const c = await opened(page);
    await c.getByLabel("Target", { exact: true }).selectOption({ label: "Real endpoint" });
    // The scenarios are the mock's: not offered for a real endpoint.
    expect(await c.getByLabel("Prefer: code").isVisible()).toBe(false);
    const refusingUrl = await listen(refusing);
    const hitsBefore = refusingHits;
    for (const base of [refusingUrl, `http://127.0.0.1:${await closedPort()}`]) {
      await c.getByLabel("Endpoint URL").fill(base);
      const shown = await send(c);
      expect(shown.status).toBeUndefined();
      expect(shown.text).toContain(`The browser got no answer from ${base}.`);
      expect(shown.text).toContain("CORS");
      expect(shown.text).toContain("The same request with curl");
      expect(shown.curl).toMatch(/^curl -sS -i '/m);
      expect(shown.curl).toContain(`'${listUrl(base, "status=error&limit=5")}'`);
      expect(shown.curl).toContain('-H "X-Auth-Token: $HW_IAM_TOKEN"');
    }
    // The refusing server was asked (the preflight), and its answer kept from the page.
    expect(refusingHits).toBeGreaterThan(hitsBefore);
  });

  it("signs with AK/SK in the page (the client's own signer): the mock answers 200 to a SDK-HMAC-SHA256 request", async () => {
    const c = await opened(page);
    await c.getByLabel("Target", { exact: true }).selectOption({ label: "Local mock" });
    await c.getByLabel("Local mock URL").fill(await listen(recorder));
    await c.getByLabel("Authentication").selectOption({ label: "AK/SK (signed in this page, SDK-HMAC-SHA256)" });
    await c.getByLabel("Access key (AK)").fill(ACCESS_KEY);
    await c.getByLabel("Secret key (SK)").fill(SECRET_KEY);
    recorded.length = 0;
    const shown = await send(c);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(pageItems);
    const get = recorded.find((h) => h.authorization);
    expect(get?.authorization).toMatch(
      new RegExp(`^SDK-HMAC-SHA256 Access=${ACCESS_KEY}, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$`),
    );
    expect(get?.["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(get?.["x-auth-token"]).toBeUndefined();
    expect(shown.curl).toContain('-H "Authorization: $HW_SDK_AUTHORIZATION"');
    expect(shown.code).toContain('accessKey: process.env.HW_ACCESS_KEY ?? ""');
  });

  it("keeps secrets in the page's memory: not in the URL, storage or cookies, nor in the curl line unless asked", async () => {
    const c = await opened(page);
    const shownByDefault = await send(c);
    const leaks = await page.evaluate((secrets) => {
      const stores = [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`));
      const places = { href: location.href, cookie: document.cookie, storage: stores.join("\n") };
      return Object.entries(places).flatMap(([where, text]) =>
        secrets.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`),
      );
    }, SECRETS);
    expect(leaks).toEqual([]);
    for (const secret of SECRETS) {
      expect(shownByDefault.curl).not.toContain(secret);
      expect(shownByDefault.code).not.toContain(secret);
    }
    // Asked for, the curl line carries the signed header (and so the access key), never the secret key itself.
    await c.getByLabel("Show secret in curl").check();
    const shown = await send(c);
    expect(shown.curl).toContain(`Authorization: SDK-HMAC-SHA256 Access=${ACCESS_KEY}`);
    expect(shown.curl).not.toContain(SECRET_KEY);
    // And for a token: the token itself.
    await c.getByLabel("Authentication").selectOption({ label: "IAM token (X-Auth-Token)" });
    const withToken = await send(c);
    expect(withToken.curl).toContain(`-H 'X-Auth-Token: ${TOKEN}'`);
    await c.getByLabel("Show secret in curl").uncheck();
  });

  it("names each parameter's control after it, typed from its schema, with its description", async () => {
    const c = await opened(page);
    for (const p of op.parameters) {
      const control = c.getByLabel(p.name, { exact: true });
      expect(await control.count(), p.name).toBe(1);
      const info = await control.evaluate((el) => ({
        tag: el.tagName,
        type: (el as HTMLInputElement).type,
        min: el.getAttribute("min"),
        required: (el as HTMLInputElement).required,
        placeholder: el.getAttribute("placeholder"),
        description: document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent,
      }));
      const type = Array.isArray(p.schema.type) ? p.schema.type[0] : p.schema.type;
      if (p.enum || type === "boolean") expect(info.tag, p.name).toBe("SELECT");
      else if (type === "integer") {
        expect(info.type, p.name).toBe("number");
        expect(info.min, p.name).toBe(p.schema.minimum === undefined ? null : String(p.schema.minimum));
      } else expect(info.type, p.name).toBe("text");
      expect(info.required, p.name).toBe(p.required);
      if (p.default !== undefined && info.tag === "INPUT") expect(info.placeholder).toContain(String(p.default));
      expect(info.description?.replace(/\s+/g, " "), p.name).toBe(
        (p.description ?? "").replaceAll("`", "").replace(/\s+/g, " "),
      );
    }
  });
});

describe("the console and the page", () => {
  it("is reached by keyboard, and Tab walks every control in order, each named, focus visible", async () => {
    const p = await openPage(context);
    const c = consoleOf(p);
    const tryIt = c.getByRole("button", { name: "Try it" });
    await tryIt.waitFor();
    let reached = false;
    for (let i = 0; i < 400 && !reached; i++) {
      await p.keyboard.press("Tab");
      reached = await tryIt.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    await p.keyboard.press("Enter");
    expect(await tryIt.getAttribute("aria-expanded")).toBe("true");
    // Every control the reader can use, in document order.
    const controls = await c.evaluate((root) =>
      [...root.querySelectorAll<HTMLElement>("input, select, button, [tabindex='0']")]
        .filter((el) => el.offsetParent !== null && !(el as HTMLInputElement).disabled && el.textContent !== "Try it")
        .map((el) => {
          el.dataset.order = String(Math.random());
          return el.dataset.order;
        }),
    );
    expect(controls.length).toBeGreaterThan(op.parameters.length);
    for (const order of controls) {
      await p.keyboard.press("Tab");
      const focused = await p.evaluate(() => {
        const el = document.activeElement as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> };
        const outline = getComputedStyle(el);
        return {
          order: el.dataset.order,
          name: el.getAttribute("aria-label") ?? el.labels?.[0]?.textContent ?? el.textContent,
          outline: outline.outlineStyle !== "none" && Number.parseFloat(outline.outlineWidth) >= 2,
        };
      });
      expect(focused.order).toBe(order);
      expect(focused.name?.trim()).toBeTruthy();
      expect(focused.outline, `focus ring on ${focused.name}`).toBe(true);
    }
    expect(await responseOf(c).getAttribute("aria-live")).toBe("polite");
    await p.close();
  });

  it("stays in its section, with what the reader typed, while Redoc renders the page again", async () => {
    const p = await openPage(context);
    const c = await opened(p);
    await c.getByLabel("project_id", { exact: true }).fill("typed-before-scrolling");
    for (let i = 0; i < 30; i++) await p.mouse.wheel(0, 600);
    await p.keyboard.press("End");
    await p.keyboard.press("Home");
    await p.getByTestId("color-mode-switcher").click();
    // The operation's own entry (the intro's, the API title, also says "Querying All Backups").
    await p
      .getByTestId("menu-item-label")
      .filter({ hasText: op.summary ?? op.operationId, hasNotText: model.title })
      .first()
      .click();
    // The console goes back into a section Redoc renders again when its observer sees it: wait for that.
    await expect.poll(() => p.locator(".csbs-console").count(), { timeout: WAIT }).toBe(model.operations.length);
    await expect
      .poll(() => c.getByLabel("project_id", { exact: true }).inputValue(), { timeout: WAIT })
      .toBe("typed-before-scrolling");
    expect(await c.getByRole("button", { name: "Try it" }).getAttribute("aria-expanded")).toBe("true");
    await p.close();
  });

  it("goes into a section Redoc renders anew (a new element under the same id), the same console", async () => {
    const p = await context.newPage(); // React is left with a section it did not make: its errors are not the page's
    await p.goto(pageUrl);
    const c = await opened(p);
    await c.getByLabel("project_id", { exact: true }).fill("typed-before-rendering");
    // What a re-render does to the DOM: the section replaced by a new one, without the console.
    await c.evaluate((element) => {
      const section = element.closest("[id]:not([id^='csbs-'])") as Element;
      const fresh = section.cloneNode(true) as Element;
      fresh.querySelector(".csbs-console")?.remove();
      section.replaceWith(fresh);
    });
    await expect.poll(() => c.evaluate((el) => el.isConnected), { timeout: WAIT }).toBe(true);
    expect(await p.locator(".csbs-console").count()).toBe(model.operations.length);
    expect(await c.getByLabel("project_id", { exact: true }).inputValue()).toBe("typed-before-rendering");
    await p.close();
  });

  it.each(["light", "dark"] as const)("has AA contrast in %s mode", async (scheme) => {
    const ctx = await newContext(scheme);
    const p = await openPage(ctx);
    const c = await opened(p);
    await c.getByLabel("project_id", { exact: true }).fill(PROJECT);
    await c.getByLabel("Token (X-Auth-Token)").fill(TOKEN);
    await send(c);
    expect(await p.evaluate(() => document.documentElement.className)).toContain(scheme);
    const failures = await c.evaluate(contrastFailures);
    expect(failures).toEqual([]);
    await ctx.close();
  });

  it("adds at most 150 KB gzipped to the page, and runs after the first contentful paint and the load event", async () => {
    const html = readFileSync(pagePath, "utf8");
    const start = html.indexOf('<script type="text/plain" id="csbs-console-source">');
    const end = html.lastIndexOf("</body>");
    expect(start).toBeGreaterThan(0);
    const without = html.slice(0, start) + html.slice(end);
    const added = gzipSync(html, { level: 9 }).length - gzipSync(without, { level: 9 }).length;
    console.log(
      `docs console: +${(added / 1024).toFixed(1)} KiB gzipped (page ${(gzipSync(html, { level: 9 }).length / 1024).toFixed(0)} KiB)`,
    );
    expect(added).toBeLessThanOrEqual(150 * 1024);
    const p = await openPage(context);
    await consoleOf(p).getByRole("button", { name: "Try it" }).waitFor();
    const timing = await p.evaluate(() => ({
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
      load: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
      console: performance.getEntriesByName("csbs-console")[0]?.startTime,
    }));
    expect(timing.fcp).toBeGreaterThan(0);
    expect(timing.console).toBeGreaterThan(timing.fcp as number);
    expect(timing.console).toBeGreaterThanOrEqual(timing.load);
    await p.close();
  });

  it("showed @csbs/client code that type-checks against the real client (tsc, strict), for every request", () => {
    const dir = fileURLToPath(new URL("../test-output/console-code/", import.meta.url));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    expect(shownCode.size).toBeGreaterThan(3);
    [...shownCode].forEach((code, i) => {
      writeFileSync(join(dir, `shown-${i}.ts`), `${code}\nexport {};\n`);
    });
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../../samples/tsconfig.json", include: ["*.ts"] }),
    );
    const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json"), "--pretty", "false"], {
      encoding: "utf8",
    });
    expect(`${run.stdout}${run.stderr}`).toBe("");
    expect(run.status).toBe(0);
  });

  it("made no request to any other host (blocked: 0) and threw no error", () => {
    console.log(`docs console test: blocked requests to other hosts: ${blocked.length}`);
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await listen(server);
  const { port } = server.address() as AddressInfo;
  await close(server);
  return port;
}

/** In the page: each text of the console below AA against its background (4.5:1), and each field's border (3:1). */
function contrastFailures(root: Element): string[] {
  const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
    const [R, G, B] = [r, g, b].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (R ?? 0) + 0.7152 * (G ?? 0) + 0.0722 * (B ?? 0);
  };
  const ratio = (a: string, b: string) => {
    const [x, y] = [luminance(rgb(a)), luminance(rgb(b))].sort((m, n) => n - m);
    return ((x ?? 0) + 0.05) / ((y ?? 0) + 0.05);
  };
  const background = (el: Element | null): string => {
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      const alpha = rgb(bg)[3];
      if (bg !== "transparent" && alpha !== 0) return bg;
    }
    return "rgb(255, 255, 255)";
  };
  const failures: string[] = [];
  for (const el of root.querySelectorAll<HTMLElement>("*")) {
    if (el.offsetParent === null && el.tagName !== "OPTION") continue;
    const style = getComputedStyle(el);
    const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
    if (hasText && el.tagName !== "OPTION") {
      const r = ratio(style.color, background(el));
      if (r < 4.5) failures.push(`${el.tagName}.${el.className} "${el.textContent?.slice(0, 30)}" ${r.toFixed(2)}`);
    }
    if (el.matches("input:not([type=checkbox]), select")) {
      const placeholder = getComputedStyle(el, "::placeholder").color;
      if (el.getAttribute("placeholder") && ratio(placeholder, background(el)) < 4.5) {
        failures.push(`placeholder of ${el.getAttribute("name")} ${ratio(placeholder, background(el)).toFixed(2)}`);
      }
      const border = ratio(style.borderTopColor, background(el.parentElement));
      if (border < 3) failures.push(`border of ${el.getAttribute("name")} ${border.toFixed(2)}`);
    }
  }
  return failures;
}
