// The package as consumers get it: packed tarballs install into a project outside the workspace with no registry
// (npm --offline, an empty cache, the dependencies packed from the workspace's own install), where ESM import, CJS
// require, tsc (node16 and bundler) and a call against the Prism mock all work. publint and attw run in
// `pnpm lint:package`, not here.
import { existsSync, realpathSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { alive, StepError, step } from "./steps.js";

const clientDir = fileURLToPath(new URL("..", import.meta.url));
const typesDir = fileURLToPath(new URL("../../types", import.meta.url));
// TypeScript 7 exports no ./bin/tsc: the bin is found from its package.json.
const tsc = join(dirname(createRequire(join(clientDir, "package.json")).resolve("typescript/package.json")), "bin/tsc");
const run = (command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv) =>
  step(command, args, { cwd, env: { ...process.env, ...env }, timeoutMs: 90_000 });

/** Where a dependency `name` of the package in `from` is installed (Node's lookup, which pnpm's layout follows). */
function installedDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed near ${from}`);
  }
}

/** The third-party runtime dependencies of the client, transitively, as installed in the workspace. */
async function thirdPartyDeps(): Promise<string[]> {
  const dirs = new Set<string>();
  const visit = async (dir: string) => {
    const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { dependencies?: object };
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      if (name.startsWith("@csbs/")) continue;
      const found = installedDir(name, dir);
      if (dirs.has(found)) continue;
      dirs.add(found);
      await visit(found);
    }
  };
  await visit(clientDir);
  await visit(typesDir);
  return [...dirs];
}

describe("the consumer test's steps", () => {
  it("a step that times out is killed with the processes it started", async () => {
    const tmp = await mkdtemp(join(tmpdir(), "csbs-step-"));
    try {
      // A parent that starts a long-lived child, prints its pid, and never exits on its own.
      const script = `const c = require("node:child_process").spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
require("node:fs").writeFileSync("child.pid", String(c.pid)); setTimeout(() => {}, 60000);`;
      // The timeout leaves room for two Node processes to start on a loaded machine (under a second when quiet).
      const started = Date.now();
      const error = await step(process.execPath, ["-e", script], { cwd: tmp, timeoutMs: 5_000 }).catch((e) => e);
      expect(error).toBeInstanceOf(StepError);
      expect((error as StepError).message).toMatch(/timed out after 5000 ms/);
      expect(Date.now() - started).toBeLessThan(20_000);
      const child = Number(await readFile(join(tmp, "child.pid"), "utf8"));
      // SIGKILL went to the group; the child is gone as soon as the kernel has run it once.
      const deadline = Date.now() + 10_000;
      while (alive(child) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(alive(child)).toBe(false);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    expect(existsSync(tmp)).toBe(false);
  });
});

describe("a consumer project outside the workspace", () => {
  let dir: string;
  let started = 0;

  type Manifest = {
    name: string;
    license?: string;
    homepage?: string;
    bugs?: { url?: string };
    repository?: { url?: string; directory?: string };
  };
  const published = new Map<string, { manifest: Manifest; files: string[] }>();

  beforeAll(async () => {
    started = Date.now();
    dir = await mkdtemp(join(tmpdir(), "csbs-consumer-"));
    const packs = join(dir, "packs");
    await mkdir(packs);
    await run("pnpm", ["pack", "--pack-destination", packs], typesDir);
    await run("pnpm", ["pack", "--pack-destination", packs], clientDir);
    // openapi-fetch and what it needs, packed from the workspace's install: the consumer needs no registry. Packed
    // from a copy: pnpm's store hard-links identical files, which npm pack records as links that npm install drops.
    for (const [i, dep] of (await thirdPartyDeps()).entries()) {
      const copy = join(dir, "deps", String(i));
      await cp(dep, copy, { recursive: true });
      await run(
        "npm",
        ["pack", copy, "--pack-destination", packs, "--ignore-scripts", "--offline", "--loglevel=error"],
        dir,
      );
    }
    const tarballs = await readdir(packs);
    const names = new Map<string, string>();
    for (const file of tarballs) {
      const { stdout } = await run("tar", ["-xzOf", join(packs, file), "package/package.json"], dir);
      const manifest = JSON.parse(stdout) as Manifest;
      names.set(file, manifest.name);
      if (manifest.name.startsWith("@csbs/")) {
        const listing = (await run("tar", ["-tzf", join(packs, file)], dir)).stdout.split("\n");
        published.set(manifest.name, { manifest, files: listing });
      }
    }
    const packageNameOf = (file: string) => names.get(file) as string;
    const files: Record<string, string> = {
      "package.json": JSON.stringify({
        name: "csbs-consumer",
        private: true,
        type: "module",
        // Every tarball is a direct dependency: npm takes each from its file, and a packed dependency satisfies the
        // version range of whatever needs it.
        dependencies: Object.fromEntries(
          tarballs.map((file) => [packageNameOf(file), `file:./packs/${file}`] as const),
        ),
      }),
      "esm.mjs": `import { createCsbsClient, BadRequestError } from "@csbs/client";
const csbs = createCsbsClient({ baseUrl: process.env.MOCK_URL, projectId: "p", auth: { token: "t" } });
const body = await csbs.listCheckpointItems({ checkpoint_id: "f672a1bb-6912-446a-816c-72792c5263e0", limit: 1 });
const error = await csbs.listCheckpointItems({ limit: 0 }).catch((e) => e);
console.log(JSON.stringify({ id: body.checkpoint_items[0].id, typed: error instanceof BadRequestError }));
`,
      "cjs.cjs": `const { createCsbsClient, CsbsError } = require("@csbs/client");
const csbs = createCsbsClient({ baseUrl: process.env.MOCK_URL, projectId: "p", auth: { accessKey: "AK", secretKey: "SK" } });
csbs.listCheckpointItems({ checkpoint_id: "f672a1bb-6912-446a-816c-72792c5263e0", limit: 1 }).then((body) => {
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
      // A CommonJS consumer, taking the API types from the client.
      "usage.cts": `import { createCsbsClient, type CheckpointItem, type OperationPage } from "@csbs/client";
export const ids = (items: CheckpointItem[]): string[] => items.map((item) => item.id);
export async function first(baseUrl: string): Promise<OperationPage<"listCheckpointItems"> | undefined> {
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
    // Offline, with a cache of its own (empty) and a registry nobody listens on: any registry lookup fails the step.
    await run(
      "npm",
      [
        "install",
        "--offline",
        "--cache",
        join(dir, "npm-cache"),
        "--registry",
        "http://127.0.0.1:9/",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        "--loglevel=error",
      ],
      dir,
    );
  }, 120_000);

  afterAll(async () => {
    console.log(`consumer test: packed, installed and checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each(["@csbs/types", "@csbs/client"])("%s's tarball carries LICENSE, repository, homepage and bugs", (name) => {
    const tarball = published.get(name);
    expect(tarball?.files).toContain("package/LICENSE");
    expect(tarball?.manifest).toMatchObject({
      license: "Apache-2.0",
      homepage: expect.stringMatching(/^https:\/\/github\.com\/csbs-api\/csbs-api/),
      bugs: { url: "https://github.com/csbs-api/csbs-api/issues" },
      repository: { url: "git+https://github.com/csbs-api/csbs-api.git", directory: `packages/${name.slice(6)}` },
    });
  });

  it("installs every package from its tarball, none from a registry", async () => {
    const { stdout } = await run("npm", ["ls", "--all", "--json", "--offline"], dir);
    type Tree = { resolved?: string; dependencies?: Record<string, Tree> };
    const resolved: string[] = [];
    const walk = (tree: Tree) => {
      for (const dep of Object.values(tree.dependencies ?? {})) {
        if (dep.resolved) resolved.push(dep.resolved);
        walk(dep);
      }
    };
    const tree = JSON.parse(stdout) as Tree;
    walk(tree);
    expect(Object.keys(tree.dependencies ?? {})).toEqual(
      expect.arrayContaining(["@csbs/client", "@csbs/types", "openapi-fetch"]),
    );
    expect(resolved.length).toBeGreaterThan(0);
    for (const from of resolved) expect(from).toMatch(/^file:/);
  });

  it("ESM import works and calls the Prism mock", async () => {
    const { stdout } = await run(process.execPath, ["esm.mjs"], dir, { MOCK_URL: inject("mockUrl") });
    expect(JSON.parse(stdout)).toEqual({ id: "90c1d5fa-1b9f-4aeb-b2f4-81c806e98190", typed: true });
  });

  it("CJS require works and calls the Prism mock (AK/SK)", async () => {
    const { stdout } = await run(process.execPath, ["cjs.cjs"], dir, { MOCK_URL: inject("mockUrl") });
    expect(JSON.parse(stdout)).toEqual({ id: "90c1d5fa-1b9f-4aeb-b2f4-81c806e98190", base: "function" });
  });

  it.each(["node16", "bundler"])(
    "tsc compiles a usage file with moduleResolution %s",
    async (mode) => {
      const result = await run(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`, "--pretty", "false"], dir).catch(
        (e: StepError) => e,
      );
      // tsc prints its diagnostics on stdout; anything else that failed shows its message.
      expect(result instanceof StepError ? result.stdout || result.message : result.stdout).toBe("");
    },
    60_000,
  );
});
