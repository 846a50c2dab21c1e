// The package as consumers get it: publint and attw report nothing; packed tarballs install into a project outside
// the workspace, where ESM import, CJS require, tsc (node16 and bundler) and a call against the Prism mock all work.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const run = promisify(execFile);
const clientDir = fileURLToPath(new URL("..", import.meta.url));
const typesDir = fileURLToPath(new URL("../../types", import.meta.url));
const bin = (name: string) => join(clientDir, "node_modules", ".bin", name);
const tsc = createRequire(join(clientDir, "package.json")).resolve("typescript/bin/tsc");

describe("package lint", () => {
  it("publint --strict reports nothing", async () => {
    const { stdout, stderr } = await run(bin("publint"), ["--strict"], { cwd: clientDir });
    expect(stdout + stderr).toContain("All good!");
    expect(stdout + stderr).not.toMatch(/suggestion|warning|error/i);
  }, 60_000);

  it("attw --pack reports nothing", async () => {
    const { stdout } = await run(bin("attw"), ["--pack", ".", "--format", "json"], { cwd: clientDir });
    const report = JSON.parse(stdout) as { analysis: { problems: unknown[] } };
    expect(report.analysis.problems).toEqual([]);
  }, 60_000);
});

describe("a consumer project outside the workspace", () => {
  let dir: string;
  let started = 0;

  beforeAll(async () => {
    started = Date.now();
    dir = await mkdtemp(join(tmpdir(), "csbs-consumer-"));
    const packs = join(dir, "packs");
    await mkdir(packs);
    await run("pnpm", ["pack", "--pack-destination", packs], { cwd: typesDir });
    await run("pnpm", ["pack", "--pack-destination", packs], { cwd: clientDir });
    const tarballs = await readdir(packs);
    const tarball = (prefix: string) => `file:./packs/${tarballs.find((f) => f.startsWith(prefix))}`;
    const files: Record<string, string> = {
      "package.json": JSON.stringify({
        name: "csbs-consumer",
        private: true,
        type: "module",
        dependencies: { "@csbs/client": tarball("csbs-client-"), "@csbs/types": tarball("csbs-types-") },
      }),
      "esm.mjs": `import { createCsbsClient, BadRequestError } from "@csbs/client";
const csbs = createCsbsClient({ baseUrl: process.env.MOCK_URL, projectId: "p", auth: { token: "t" } });
const body = await csbs.listCheckpointItems({ status: "available", limit: 1 });
const error = await csbs.listCheckpointItems({ limit: 0 }).catch((e) => e);
console.log(JSON.stringify({ id: body.checkpoint_items[0].id, typed: error instanceof BadRequestError }));
`,
      "cjs.cjs": `const { createCsbsClient, CsbsError } = require("@csbs/client");
const csbs = createCsbsClient({ baseUrl: process.env.MOCK_URL, projectId: "p", auth: { accessKey: "AK", secretKey: "SK" } });
csbs.listCheckpointItems({ limit: 1 }).then((body) => {
  console.log(JSON.stringify({ id: body.checkpoint_items[0].id, base: typeof CsbsError }));
});
`,
      "usage.ts": `import { createCsbsClient, CsbsApiError, type CheckpointItem } from "@csbs/client";
export async function main(baseUrl: string): Promise<CheckpointItem[]> {
  const csbs = createCsbsClient({ baseUrl, projectId: "p", auth: { token: "t" }, maxRetries: 1 });
  const all: CheckpointItem[] = [];
  for await (const item of csbs.iterateCheckpointItems({ status: "available", limit: 100 })) all.push(item);
  const { requestId } = await csbs.listCheckpointItems.withResponse();
  // @ts-expect-error "bogus" is not a documented status
  await csbs.listCheckpointItems({ status: "bogus" }).catch((e: unknown) => e instanceof CsbsApiError && e.code);
  return requestId ? all : [];
}
`,
      // CommonJS consumers take the API types from the client: @csbs/types is ESM-only (see the client README).
      "usage.cts": `import { createCsbsClient, type CheckpointItem, type CheckpointItemPage } from "@csbs/client";
export const ids = (items: CheckpointItem[]): string[] => items.map((item) => item.id);
export async function first(baseUrl: string): Promise<CheckpointItemPage | undefined> {
  const csbs = createCsbsClient({ baseUrl, projectId: "p", auth: { accessKey: "AK", secretKey: "SK" } });
  // @ts-expect-error limit is a number
  await csbs.listCheckpointItems({ limit: "1" });
  return (await csbs.pages().next()).value ?? undefined;
}
`,
      "tsconfig.node16.json": JSON.stringify({
        compilerOptions: {
          module: "node16",
          moduleResolution: "node16",
          target: "es2022",
          lib: ["es2022", "dom", "dom.iterable"],
          types: [],
          strict: true,
          noEmit: true,
        },
        files: ["usage.ts", "usage.cts"],
      }),
      "tsconfig.bundler.json": JSON.stringify({
        compilerOptions: {
          module: "esnext",
          moduleResolution: "bundler",
          target: "es2022",
          lib: ["es2022", "dom", "dom.iterable"],
          types: [],
          strict: true,
          noEmit: true,
        },
        files: ["usage.ts"],
      }),
    };
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    await run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], { cwd: dir });
  }, 120_000);

  afterAll(async () => {
    console.log(`consumer test: packed, installed and checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await rm(dir, { recursive: true, force: true });
  });

  it("installs @csbs/types from its tarball, not from a registry", async () => {
    const { stdout } = await run("npm", ["ls", "--all", "--json"], { cwd: dir });
    const tree = JSON.parse(stdout);
    expect(tree.dependencies["@csbs/client"].dependencies["@csbs/types"]?.resolved ?? "deduped").not.toMatch(
      /^https?:/,
    );
    expect(tree.dependencies["@csbs/types"].resolved).toMatch(/^file:/);
  });

  it("ESM import works and calls the Prism mock", async () => {
    const { stdout } = await run(process.execPath, ["esm.mjs"], {
      cwd: dir,
      env: { ...process.env, MOCK_URL: inject("mockUrl") },
    });
    expect(JSON.parse(stdout)).toEqual({ id: "90c1d5fa-1b9f-4aeb-b2f4-81c806e98190", typed: true });
  });

  it("CJS require works and calls the Prism mock (AK/SK)", async () => {
    const { stdout } = await run(process.execPath, ["cjs.cjs"], {
      cwd: dir,
      env: { ...process.env, MOCK_URL: inject("mockUrl") },
    });
    expect(JSON.parse(stdout)).toEqual({ id: "90c1d5fa-1b9f-4aeb-b2f4-81c806e98190", base: "function" });
  });

  it.each(["node16", "bundler"])(
    "tsc compiles a usage file with moduleResolution %s",
    async (mode) => {
      const result = await run(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`], { cwd: dir }).catch(
        (e: { stdout: string }) => e,
      );
      expect(result.stdout).toBe("");
    },
    60_000,
  );
});
