// The docs server of `pnpm dev`, `pnpm run docs` and `pnpm serve` (scripts/serve.ts): the built page on 127.0.0.1,
// with live reload a same-origin hook that reloads open pages when `reload()` is called, and the page re-read then.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DocsServer, parsePort, serveDocs } from "../scripts/serve.js";

describe("serveDocs({ liveReload: true })", () => {
  let docs: DocsServer;
  let base: string;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "csbs-serve-"));
    file = join(dir, "index.html");
    writeFileSync(file, "<html><body><h1>first build</h1></body></html>");
    docs = await serveDocs({ port: 0, liveReload: true, file });
    base = `http://127.0.0.1:${docs.port}`;
  });
  afterAll(async () => {
    await docs?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the page with a same-origin reload hook, and 404 for anything else", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("first build");
    expect(html).toMatch(/new EventSource\("\/__reload"\).*<\/body>/);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/`, { method: "POST" })).status).toBe(405);
  });

  it("keeps serving what it read until reload(), which re-reads the page and tells open pages to reload", async () => {
    writeFileSync(file, "<html><body><h1>half writ");
    expect(await (await fetch(`${base}/`)).text()).toContain("first build");
    writeFileSync(file, "<html><body><h1>second build</h1></body></html>");
    const event = new Promise<string>((resolve, reject) => {
      const req = request(`${base}/__reload`, (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
          if (text.includes(": connected") && !text.includes("event:")) void docs.reload();
          if (text.includes("event: reload")) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on("error", (error) => (error.message.includes("aborted") ? undefined : reject(error)));
      req.end();
    });
    expect(await event).toContain("event: reload");
    expect(await (await fetch(`${base}/`)).text()).toContain("second build");
  });

  it("says 503 and how to build while there is no page", async () => {
    const empty = await serveDocs({ port: 0, file: join(dir, "missing.html") });
    try {
      const res = await fetch(`http://127.0.0.1:${empty.port}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("pnpm build");
    } finally {
      await empty.close();
    }
  });

  it("while there is no page, says why when told (pnpm dev's failed build), as a page that reloads itself", async () => {
    const empty = await serveDocs({ port: 0, file: join(dir, "missing.html"), liveReload: true });
    try {
      await empty.reload("the build failed: @csbs/client#build <see the terminal>");
      const res = await fetch(`http://127.0.0.1:${empty.port}/`);
      expect(res.status).toBe(503);
      const body = await res.text();
      expect(body).toContain("the build failed: @csbs/client#build &#60;see the terminal&#62;");
      expect(body).toContain('new EventSource("/__reload")');
    } finally {
      await empty.close();
    }
  });

  it("rejects a port that is in use (EADDRINUSE), and a port value that is not a port, naming where it came from", async () => {
    await expect(serveDocs({ port: docs.port, file })).rejects.toMatchObject({ code: "EADDRINUSE" });
    expect(parsePort("4000", "CSBS_DOCS_PORT")).toBe(4000);
    expect(() => parsePort("abc", "CSBS_DOCS_PORT")).toThrow(
      'CSBS_DOCS_PORT must be a port number from 0 to 65535, got "abc"',
    );
    expect(() => parsePort("70000", "--port")).toThrow(/--port must be/);
    expect(() => parsePort("", "CSBS_DOCS_PORT")).toThrow(/got ""/);
  });
});
