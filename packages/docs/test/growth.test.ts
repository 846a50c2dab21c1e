// Proof by growth, for the reference: a second operation written into a COPY of the bundled spec (CSBS "Querying the
// Number of Backups", .../count, in the Backups tag, with 400 and 401) gets, with no edit of scripts/ or samples/, its
// model (the types generator, `--spec --out`), its samples, its errors table, its section open on load and a
// stable fragment, and its try-it console. The page is built into test-output/; the repository is not written.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadBundledSpec } from "@csbs/spec/validator";
import type { ApiModel } from "@csbs/types/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "../scripts/build.ts";
import { sampleKinds } from "../scripts/samples.ts";
import { type Chromium, launchChromium, rendered } from "./chromium.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const outputDir = resolve(root, "test-output");
mkdirSync(outputDir, { recursive: true });
const out = mkdtempSync(join(outputDir, "growth-"));
// biome-ignore lint/suspicious/noExplicitAny: a copy of the bundled document, grown by hand
const spec = loadBundledSpec() as any;
const [path, item] = Object.entries<typeof spec>(spec.paths)[0] as [string, typeof spec];
const countPath = `${path}/count`;
const listOperation = item.get;
spec.paths[countPath] = {
  parameters: item.parameters,
  get: {
    operationId: "countCheckpointItems",
    summary: "Querying the Number of Backups",
    description: "Counts the backups that match the filters.",
    tags: listOperation.tags,
    parameters: [{ $ref: "#/components/parameters/status" }],
    responses: {
      "200": {
        description: "OK.",
        content: {
          "application/json": {
            schema: {
              type: "object",
              description: "The number of backups.",
              properties: { count: { type: "integer", description: "How many." } },
              required: ["count"],
            },
            example: { count: 3 },
          },
        },
      },
      "400": listOperation.responses["400"],
      "401": listOperation.responses["401"],
    },
  },
};

let chromium: Chromium;
let model: ApiModel;

beforeAll(async () => {
  writeFileSync(join(out, "openapi.json"), JSON.stringify(spec));
  // The grown spec's model, by the generator `pnpm generate` runs, into the test's folder.
  execFileSync(
    join(root, "node_modules/.bin/tsx"),
    [
      resolve(root, "../types/scripts/generate-cli.mts"),
      "--spec",
      join(out, "openapi.json"),
      "--out",
      join(out, "types"),
    ],
    { cwd: resolve(root, "../types"), stdio: "pipe" },
  );
  model = (await import(pathToFileURL(join(out, "types/model.gen.mjs")).href)).model;
  buildDocs({ spec: join(out, "openapi.json"), model, out });
  chromium = await launchChromium();
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  rmSync(out, { recursive: true, force: true });
});

describe("a second operation in the spec", () => {
  it("gets its samples from the model: its path, the token header, an example query, no paging it does not have", () => {
    const count = model.operations.find((op) => op.operationId === "countCheckpointItems");
    expect(count && sampleKinds(count).map((k) => k.label)).toEqual([
      "curl",
      "curl: AK/SK",
      "TypeScript",
      "TypeScript: AK/SK",
    ]);
    const curl = readFileSync(join(out, "samples/countCheckpointItems.sh"), "utf8");
    expect(curl).toContain(`"$ENDPOINT${countPath.replace("{project_id}", "$HW_PROJECT_ID")}"`);
    expect(curl).toContain('-H "X-Auth-Token: $HW_IAM_TOKEN"');
    expect(curl).toContain('--data-urlencode "status=available"');
    const ts = readFileSync(join(out, "samples/countCheckpointItems.ts"), "utf8");
    expect(ts).toContain('await csbs.countCheckpointItems({\n  status: "available",\n});');
    expect(readFileSync(join(out, "samples/countCheckpointItems.aksk.ts"), "utf8")).toContain("accessKey:");
  });

  it("is on the page beside the first, open on load, with its errors table, samples and a stable fragment", async () => {
    const page = await chromium.open();
    const url = pathToFileURL(join(out, "index.html")).href;
    try {
      await page.goto(url);
      await rendered(page, model.operations);
      expect(await page.getByText("Responses", { exact: true }).count()).toBe(2);
      const table = page.locator("#redoc table").filter({ hasText: "What to do" });
      expect(await table.count()).toBe(2);
      const rows = await table.nth(1).locator("tbody tr").allTextContents();
      expect(rows.map((r) => r.trim().slice(0, 3))).toEqual(["400", "401"]);
      const html = readFileSync(join(out, "index.html"), "utf8");
      for (const file of ["countCheckpointItems.sh", "countCheckpointItems.ts", "listCheckpointItems.pages.ts"]) {
        const source = readFileSync(join(out, "samples", file), "utf8").trimEnd();
        expect(html.includes(JSON.stringify(source).slice(1, -1).replaceAll("<", "\\u003c")), file).toBe(true);
      }
      await page.goto(`${url}#countCheckpointItems/query/status`);
      const status = page.locator('#redoc [id$="/countcheckpointitems/t=request&in=query&path=status"]').first();
      await status.waitFor();
      // Scrolled into the window (the last section cannot scroll to the very top).
      await expect
        .poll(() =>
          status.evaluate((e) => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= innerHeight),
        )
        .toBe(true);
      expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
    } finally {
      await page.context().close();
    }
  }, 180_000);

  it("gets its try-it console from the copy's model, with no edit: “This page” answers the operation's example", async () => {
    const blockedBefore = chromium.blocked.length;
    const page = await chromium.open();
    await page.goto(pathToFileURL(join(out, "index.html")).href);
    const tryIts = page.getByRole("button", { name: "Try it" });
    await tryIts.nth(1).waitFor();
    expect(await tryIts.count()).toBe(2);
    const count = page.locator('[data-operation="countCheckpointItems"]');
    await count.getByRole("button", { name: "Try it" }).click();
    expect(await count.getByLabel("limit", { exact: true }).count()).toBe(0); // its own parameters only
    await count.getByLabel("project_id", { exact: true }).fill("p1");
    await count.getByLabel("status", { exact: true }).selectOption("available");
    await count.getByLabel("Token (X-Auth-Token)").fill("t");
    await count.getByRole("button", { name: "Send request" }).click();
    const body = count.getByRole("region", { name: "Response" }).getByLabel("Response body");
    await body.waitFor();
    expect(JSON.parse((await body.textContent()) ?? "")).toEqual({ count: 3 });
    expect(chromium.blocked.slice(blockedBefore)).toEqual([]);
    await page.context().close();
  }, 180_000);
});
