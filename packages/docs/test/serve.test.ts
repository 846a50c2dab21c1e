// How the reference is served while working on the spec (`pnpm dev`, `pnpm run docs`, tools/src/dev.ts and serve.ts):
// the page with a live-reload hook on 127.0.0.1 only, and a short, readable report when the spec does not lint.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeLint, lintSpec } from "../../../tools/src/dev.js";
import { type DocsServer, serveDocs } from "../../../tools/src/serve.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));

describe("serveDocs({ liveReload: true })", () => {
  let docs: DocsServer;
  let base: string;
  beforeAll(async () => {
    docs = await serveDocs(0, "127.0.0.1", { liveReload: true });
    const address = docs.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise((r) => docs?.close(r)));

  it("serves the built page with a same-origin reload hook", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("listCheckpointItems");
    expect(html).toContain('new EventSource("/__reload")');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it("tells open pages to reload when reload() is called", async () => {
    const event = await new Promise<string>((resolve, reject) => {
      const req = request(`${base}/__reload`, (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
          if (text.includes(": connected")) docs.reload();
          if (text.includes("event: reload")) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on("error", (error) => (error.message.includes("aborted") ? undefined : reject(error)));
      req.end();
    });
    expect(event).toContain("event: reload");
  });
});

describe("pnpm dev when the spec does not lint", () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), "csbs-broken-spec-"));
    cpSync(join(repo, "redocly.yaml"), join(copy, "redocly.yaml"));
    cpSync(join(repo, "spec"), join(copy, "spec"), {
      recursive: true,
      filter: (src) => !/[/\\](dist|node_modules|\.turbo)$/.test(src),
    });
    // A typo a person makes: a string where the schema wants a number.
    const limit = join(copy, "spec/components/parameters/limit.yaml");
    writeFileSync(
      limit,
      "name: limit\nin: query\nrequired: false\ndescription: Page size.\nschema:\n  type: integer\n  minimum: one\n" +
        "  description: Page size.\nexample: 100\n",
    );
  });
  afterAll(() => copy && rmSync(copy, { recursive: true, force: true }));

  it("reports file:line:col, message and rule in a few lines, no stack trace", async () => {
    const result = await lintSpec(copy);
    expect(result.errors).toBeGreaterThan(0);
    const text = stripVTControlCharacters(describeLint(result, true));
    expect(text).toMatch(/spec\/ does not lint: \d+ errors?/);
    expect(text).toContain("Still serving the last good build.");
    expect(text).toMatch(/spec\/components\/parameters\/limit\.yaml:7:\d+ +Expected type `number` but got `string`\./);
    expect(text).toContain("pnpm lint:spec");
    expect(text).not.toMatch(/\n\s+at .+:\d+:\d+\)?$/m); // no stack frames
    expect(text.split("\n").length).toBeLessThan(16);
  });

  it("the real spec lints clean", async () => {
    expect(await lintSpec(repo)).toMatchObject({ errors: 0, warnings: 0 });
  });
});
