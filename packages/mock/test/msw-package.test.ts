// `@csbs/mock/msw` as a consumer gets it: the packed tarballs (@csbs/mock, @csbs/client, @csbs/types) installed with
// msw in a project outside the workspace, offline from the local pnpm store (no registry). Then:
//   - Node: setupServer(...createHandlers()) and @csbs/client, no process and no port;
//   - headless Chromium: setupWorker(...createHandlers()) in a page (bundled with esbuild) that fetches the API and
//     shows the rows in a table. Every request that is not to 127.0.0.1 is blocked and counted (there must be none).
import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadBundledSpec } from "@csbs/spec/validator";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const pkg = (name: string) => fileURLToPath(new URL(`../../${name}`, import.meta.url));
const own = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8")).devDependencies[name];
const doc = loadBundledSpec();
// biome-ignore lint/suspicious/noExplicitAny: JSON
const template = Object.entries<any>(doc.paths).find(([, item]) => item.get?.["x-pagination"])?.[0] ?? "";
const apiPath = template.replace("{project_id}", "demo-project");

// Prism declares its own Node floor (engines); it is an optional dependency, so npm and pnpm leave it out below it.
const prismFloor = String(
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@stoplight/prism-http/package.json"), "utf8")).engines
    .node,
).replace(/^>=\s*/, "");
const atLeast = (version: string, floor: string) => {
  const [a, b] = [version, floor].map((v) => v.replace(/^v/, "").split(".").map(Number)) as [number[], number[]];
  const i = a.findIndex((n, k) => n !== b[k]);
  return i === -1 || (a[i] ?? 0) > (b[i] ?? 0);
};

let dir: string;
let installLog = "";
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "csbs-msw-consumer-"));
  const packs = join(dir, "packs");
  mkdirSync(packs);
  // The client's build output is needed to pack it; build it when this run has not.
  if (!existsSync(join(pkg("client"), "dist"))) {
    await run("pnpm", ["--filter", "@csbs/types", "--filter", "@csbs/client", "run", "build"], { cwd: pkg("..") });
  }
  for (const name of ["mock", "client", "types"]) {
    await run("pnpm", ["pack", "--pack-destination", packs], { cwd: pkg(name) });
  }
  const tarballs = readdirSync(packs);
  const tarball = (prefix: string) => `file:./packs/${tarballs.find((f) => f.startsWith(prefix))}`;
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "csbs-msw-consumer",
      private: true,
      type: "module",
      dependencies: {
        "@csbs/mock": tarball("csbs-mock-"),
        "@csbs/client": tarball("csbs-client-"),
        "@csbs/types": tarball("csbs-types-"),
        msw: own("msw"),
        esbuild: "0.28.2",
      },
    }),
    "node.mjs": `import { setupServer } from "msw/node";
import { createHandlers } from "@csbs/mock/msw";
import { createCsbsClient, BadRequestError } from "@csbs/client";
const server = setupServer(...createHandlers({ seed: "demo", records: 300 }));
server.listen({ onUnhandledFrame: "error" });
const csbs = createCsbsClient({ baseUrl: "https://csbs.example.test", projectId: "demo-project", auth: { token: "t" } });
const failed = await csbs.listCheckpointItems({ status: "error", limit: 5 });
let count = 0;
for await (const _ of csbs.iterateCheckpointItems({ limit: 100, all_tenants: true })) count++;
const { requestId } = await csbs.listCheckpointItems.withResponse({ limit: 1 });
const bad = await csbs.listCheckpointItems({ limit: 0 }).catch((e) => e);
server.close();
console.log(JSON.stringify({
  statuses: [...new Set(failed.checkpoint_items.map((i) => i.status))],
  size: failed.checkpoint_items.length,
  count,
  requestId,
  badRequest: bad instanceof BadRequestError,
  message: bad.message,
}));
`,
    "page.js": `import { setupWorker } from "msw/browser";
import { createHandlers } from "@csbs/mock/msw";
const worker = setupWorker(...createHandlers({ seed: "demo", records: 300 }));
await worker.start({ quiet: true, serviceWorker: { url: "/mockServiceWorker.js" } });
const res = await fetch(${JSON.stringify(`${apiPath}?status=available&sort=name:asc&limit=7`)}, { headers: { "X-Auth-Token": "t" } });
const body = await res.json();
const rows = Object.values(body)[0].map((b) => "<tr><td>" + b.name + "</td><td>" + b.status + "</td></tr>").join("");
document.querySelector("tbody").innerHTML = rows;
document.body.dataset.status = String(res.status);
`,
    // Its own workspace root: the client's tarball asks for @csbs/types by version, this points it at the tarball.
    // Dependencies that accept any @types/node get the one the workspace uses (in the store) instead of the newest.
    "pnpm-workspace.yaml": `overrides:\n  "@csbs/types": "${tarball("csbs-types-")}"\n  "@types/node": "${own("@types/node")}"\n`,
    "index.html": `<!doctype html><meta charset="utf-8"><title>backups</title>
<table><thead><tr><th>name</th><th>status</th></tr></thead><tbody></tbody></table>
<script type="module" src="/bundle.js"></script>`,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  // Offline: every package comes from the tarballs or the local store; a registry is never asked.
  const installed = await run("pnpm", ["install", "--offline", "--ignore-scripts"], {
    cwd: dir,
  });
  installLog = `${installed.stdout}${installed.stderr}`;
  await run(
    join(dir, "node_modules/.bin/esbuild"),
    ["page.js", "--bundle", "--format=esm", "--platform=browser", "--outfile=bundle.js", "--log-level=error"],
    { cwd: dir },
  );
  copyFileSync(join(dir, "node_modules/msw/lib/mockServiceWorker.js"), join(dir, "mockServiceWorker.js"));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("@csbs/mock/msw from the packed tarball, outside the workspace", () => {
  it(`installs on this Node (${process.version}) without an engine warning; Prism only from Node ${prismFloor} on`, async () => {
    expect(installLog).not.toMatch(/unsupported engine|EBADENGINE/i);
    const mockPkg = realpathSync(join(dir, "node_modules/@csbs/mock/package.json"));
    const prism = existsSync(join(mockPkg, "../../../@stoplight/prism-http/package.json")); // pnpm's sibling layout
    expect(prism).toBe(atLeast(process.version, prismFloor));
    // The process front from the tarball: below Prism's floor, one line saying so; from it on, the CLI itself.
    const cli = await run(join(dir, "node_modules/.bin/csbs-mock"), ["--help"], { cwd: dir }).catch((e) => e);
    if (prism) expect(cli.stdout).toContain("usage: csbs-mock");
    else {
      expect(cli.code).toBe(1);
      expect(cli.stderr).toBe(
        `csbs-mock: the mock process needs Node.js >= ${prismFloor} (Prism's), this is ${process.version}; on older Node use @csbs/mock/msw\n`,
      );
    }
  });

  it("Node: setupServer + @csbs/client, no process, no port", async () => {
    const { stdout } = await run(process.execPath, ["node.mjs"], { cwd: dir });
    const out = JSON.parse(stdout);
    expect(out.statuses).toEqual(["error"]);
    expect(out.size).toBe(5);
    expect(out.count).toBe(300); // every backup, 100 at a time, all tenants
    expect(out.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(out.badRequest).toBe(true);
    expect(out.message).toContain("limit");
  });

  it("headless Chromium: setupWorker in a page that fetches the API and shows the rows", async () => {
    const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };
    const site: Server = createServer((req, res) => {
      const name = (req.url ?? "/").split("?")[0] === "/" ? "index.html" : (req.url ?? "").slice(1).split("?")[0];
      const file = join(dir, name ?? "");
      if (!["index.html", "bundle.js", "mockServiceWorker.js"].includes(name ?? "") || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res
        .writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" })
        .end(readFileSync(file));
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    const address = site.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
    const profile = mkdtempSync(join(tmpdir(), "csbs-chromium-"));
    let browser: BrowserContext | undefined;
    const blocked: string[] = [];
    try {
      browser = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
      });
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.route("**/*", (route) => {
        const u = new URL(route.request().url());
        if (u.hostname === "127.0.0.1") return route.continue();
        blocked.push(u.href);
        return route.abort("blockedbyclient");
      });
      await page.goto(url);
      await page.waitForSelector("body[data-status]", { timeout: 90_000 });
      expect(await page.getAttribute("body", "data-status")).toBe("200");
      const rows = await page.$$eval("tbody tr", (trs) =>
        trs.map((tr) => [...tr.children].map((td) => td.textContent)),
      );
      expect(rows).toHaveLength(7);
      expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(["available"]));
      const names = rows.map((r) => String(r[0]));
      expect(names).toEqual([...names].sort());
      expect(blocked).toEqual([]);
    } finally {
      await browser?.close();
      await new Promise((r) => site.close(r));
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
