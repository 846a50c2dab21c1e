// Every TanStack Query adapter takes @csbs/query's options as they are, typed: the packed tarballs (@csbs/types,
// @csbs/client, @csbs/query) installed outside the workspace, offline from the local store (no registry), one consumer
// project per adapter (each with the query-core version its adapter pins, which @csbs/query's peer then resolves to),
// each type-checked with a usage that must compile: data, the CsbsError error type, select, infinite pages.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const pkgDir = (name: string) => fileURLToPath(new URL(`../../${name}`, import.meta.url));
const own = JSON.parse(
  readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8"),
).devDependencies;
// TypeScript 7 exports no ./bin/tsc: the bin is found from its package.json.
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");

const csbsq = `import { createCsbsClient, type CsbsError, RateLimitError } from "@csbs/client";
import { createCsbsQueries } from "@csbs/query";
const csbsq = createCsbsQueries(createCsbsClient({ baseUrl: "http://127.0.0.1:1", projectId: "p", auth: { token: "t" } }));
const list = csbsq.listCheckpointItems;
// @ts-expect-error sort keys are the spec's
list.queryOptions({ sort: "sideways:up" });
`;
/** Per adapter: its packages, the file name and the usage (after the common lines above). */
const adapters: Record<string, { deps: string[]; file: string; usage: string }> = {
  react: {
    deps: ["@tanstack/react-query", "react", "@types/react"],
    file: "use.ts",
    usage: `import { useInfiniteQuery, useQuery, useSuspenseQuery } from "@tanstack/react-query";
export function use() {
  const q = useQuery(list.queryOptions({ status: "available" }));
  const e: CsbsError | null = q.error;
  if (e instanceof RateLimitError) console.log(e.retryAfter);
  const ids: string[] | undefined = useQuery(list.queryOptions({}, { select: (b) => b.checkpoint_items.map((i) => i.id) })).data;
  const all: number = useSuspenseQuery(list.queryOptions({}, { select: (b) => b.checkpoint_items.length })).data;
  const pages = useInfiniteQuery(list.infiniteQueryOptions({ limit: 20 }, { staleTime: 1_000 }));
  const rows: { id: string }[] | undefined = pages.data?.pages.flatMap((p) => p.checkpoint_items);
  return [q.data?.checkpoint_items, ids, all, rows];
}
`,
  },
  vue: {
    deps: ["@tanstack/vue-query", "vue"],
    file: "use.ts",
    usage: `import { useInfiniteQuery, useQuery } from "@tanstack/vue-query";
import { computed, ref } from "vue";
export function setup() {
  const status = ref<"available" | "error">("available");
  const q = useQuery(computed(() => list.queryOptions({ status: status.value })));
  const e: CsbsError | null = q.error.value;
  const ids: string[] | undefined = useQuery(list.queryOptions({}, { select: (b) => b.checkpoint_items.map((i) => i.id) })).data.value;
  const pages = useInfiniteQuery(list.infiniteQueryOptions({ limit: 20 }));
  const rows: { id: string }[] | undefined = pages.data.value?.pages.flatMap((p) => p.checkpoint_items);
  return [q.data.value?.checkpoint_items, e, ids, rows];
}
`,
  },
  solid: {
    deps: ["@tanstack/solid-query", "solid-js"],
    file: "use.ts",
    usage: `import { useInfiniteQuery, useQuery } from "@tanstack/solid-query";
export function setup() {
  const q = useQuery(() => list.queryOptions({ status: "available" }));
  const e: CsbsError | null = q.error;
  const ids: string[] | undefined = useQuery(() => list.queryOptions({}, { select: (b) => b.checkpoint_items.map((i) => i.id) })).data;
  const pages = useInfiniteQuery(() => list.infiniteQueryOptions({ limit: 20 }));
  const rows: { id: string }[] | undefined = pages.data?.pages.flatMap((p) => p.checkpoint_items);
  return [q.data?.checkpoint_items, e, ids, rows];
}
`,
  },
  svelte: {
    deps: ["@tanstack/svelte-query", "svelte"],
    file: "use.ts",
    usage: `import { createInfiniteQuery, createQuery } from "@tanstack/svelte-query";
export function setup() {
  const q = createQuery(() => list.queryOptions({ status: "available" }));
  const e: CsbsError | null = q.error;
  const ids: string[] | undefined = createQuery(() => list.queryOptions({}, { select: (b) => b.checkpoint_items.map((i) => i.id) })).data;
  const pages = createInfiniteQuery(() => list.infiniteQueryOptions({ limit: 20 }));
  const rows: { id: string }[] | undefined = pages.data?.pages.flatMap((p) => p.checkpoint_items);
  return [q.data?.checkpoint_items, e, ids, rows];
}
`,
  },
  angular: {
    deps: ["@tanstack/angular-query-experimental", "@angular/core", "@angular/common", "rxjs"],
    file: "use.ts",
    usage: `import { injectInfiniteQuery, injectQuery } from "@tanstack/angular-query-experimental";
export function setup() {
  const q = injectQuery(() => list.queryOptions({ status: "available" }));
  const e: CsbsError | null = q.error();
  const ids: string[] | undefined = injectQuery(() => list.queryOptions({}, { select: (b) => b.checkpoint_items.map((i) => i.id) })).data();
  const pages = injectInfiniteQuery(() => list.infiniteQueryOptions({ limit: 20 }));
  const rows: { id: string }[] | undefined = pages.data()?.pages.flatMap((p) => p.checkpoint_items);
  return [q.data()?.checkpoint_items, e, ids, rows];
}
`,
  },
};

/**
 * The versions the consumers must install: every package the adapters' dependencies bring, as the repository's lockfile
 * resolves them. The consumers install offline, from the store a fresh install of this repository filled, so they
 * must resolve what it holds — not the newest version the registry's metadata lists (postcss under vue).
 */
function lockedVersions(roots: string[]): Record<string, string> {
  const lock = readFileSync(fileURLToPath(new URL("../../../pnpm-lock.yaml", import.meta.url)), "utf8");
  // The last document of the file (the first is pnpm's own, for its package manager): `name@version(peers)` entries.
  const snapshots = lock.slice(lock.lastIndexOf("\nsnapshots:\n"));
  // A platform's binary (os/cpu/libc) is only in the store for this platform: it is left to resolve on its own.
  const packages = lock.slice(lock.lastIndexOf("\npackages:\n"), lock.lastIndexOf("\nsnapshots:\n"));
  const platform = new Set(
    packages
      .split("\n\n")
      .filter((entry) => /\n {4}(os|cpu|libc):/.test(entry))
      .map((entry) => /^ {2}'?([^'\s:]+)'?:$/m.exec(entry)?.[1]),
  );
  const entries = new Map<string, string[]>();
  for (const entry of snapshots.split("\n\n")) {
    const [, key = ""] = /^ {2}'?([^'\s][^\n]*?)'?:(?: \{\})?$/m.exec(entry) ?? [];
    const deps = [...entry.matchAll(/^ {6}'?(@?[^@'\s:]+)'?: ([^\s(]+)/gm)].map(([, n, v]) => `${n}@${v}`);
    entries.set(key.replace(/\(.*$/, ""), deps);
  }
  const seen = new Set<string>();
  const walk = (id: string) => {
    if (seen.has(id) || !entries.has(id) || platform.has(id)) return;
    seen.add(id);
    for (const dep of entries.get(id) ?? []) walk(dep);
  };
  for (const root of roots) walk(root);
  const versions = new Map<string, Set<string>>();
  for (const id of seen) {
    const at = id.lastIndexOf("@");
    versions.set(id.slice(0, at), (versions.get(id.slice(0, at)) ?? new Set()).add(id.slice(at + 1)));
  }
  return Object.fromEntries([...versions].filter(([, v]) => v.size === 1).map(([n, v]) => [n, [...v][0] as string]));
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "csbs-query-adapters-"));
  const packs = join(dir, "packs");
  mkdirSync(packs);
  for (const name of ["types", "client", "query"]) {
    await run("pnpm", ["pack", "--pack-destination", packs], { cwd: pkgDir(name) });
  }
  const tarball = (prefix: string) => `file:${join(packs, readdirSync(packs).find((f) => f.startsWith(prefix)) ?? "")}`;
  // The tarballs ask for each other by version: the workspace's overrides point them at the tarballs.
  const roots = Object.values(adapters).flatMap((a) => a.deps.map((name) => `${name}@${own[name]}`));
  const overrides = {
    ...lockedVersions([...roots, `@tanstack/query-core@${own["@tanstack/query-core"]}`]),
    "@csbs/types": tarball("csbs-types-"),
    "@csbs/client": tarball("csbs-client-"),
  };
  const yaml = [
    `packages: [${Object.keys(adapters).join(", ")}]`,
    "overrides:",
    ...Object.entries(overrides).map(([name, spec]) => `  "${name}": "${spec}"`),
    "allowBuilds:",
    "  vue-demi: false",
    "",
  ];
  writeFileSync(join(dir, "pnpm-workspace.yaml"), yaml.join("\n"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumers", private: true }));
  for (const [name, { deps, file, usage }] of Object.entries(adapters)) {
    mkdirSync(join(dir, name));
    const dependencies = Object.fromEntries(deps.map((d) => [d, own[d]]));
    Object.assign(dependencies, { ...overrides, "@csbs/query": tarball("csbs-query-") });
    writeFileSync(
      join(dir, name, "package.json"),
      JSON.stringify({ name, private: true, type: "module", dependencies }),
    );
    writeFileSync(join(dir, name, file), `${csbsq}${usage}`);
  }
  // Offline: every package comes from the tarballs or the local store; a registry is never asked.
  await run("pnpm", ["install", "--offline", "--ignore-scripts"], { cwd: dir });
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("@csbs/query's options in every TanStack Query adapter (packed, installed outside the workspace)", () => {
  it.each(Object.keys(adapters))(
    "%s: useQuery / useInfiniteQuery take them, typed",
    async (name) => {
      const adapter = adapters[name] as (typeof adapters)[string];
      const args = ["--ignoreConfig", "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext"];
      const checked = await run(process.execPath, [tsc, ...args, "--pretty", "false", "--skipLibCheck", adapter.file], {
        cwd: join(dir, name),
      }).catch((error: { stdout: string }) => error);
      expect(checked.stdout).toBe("");
    },
    60_000,
  );
});
