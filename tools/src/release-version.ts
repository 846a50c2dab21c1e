/**
 * One version for the released packages and the spec.
 *
 * The source of truth is the fixed group of .changeset/config.json (@csbs/types, @csbs/client, @csbs/mock,
 * @csbs/docs): `changeset version` moves them together, then `syncSpecVersion` copies that version into
 * spec/openapi.yaml `info.version` and spec/package.json. `versionProblems` is the check that they agree.
 *
 * CLI (`pnpm version-packages`): applies the pending changesets (CHANGELOG entries included) and syncs the spec.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { root as repoRoot, run } from "./check-bundle.js";

export type Bump = "major" | "minor" | "patch";
const RANK: Record<Bump, number> = { patch: 1, minor: 2, major: 3 };

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;

/** The released packages, as the fixed group of .changeset/config.json names them. */
export function releaseGroup(root: string = repoRoot): string[] {
  const config = readJson(join(root, ".changeset/config.json")) as { fixed?: string[][] };
  const group = config.fixed?.[0];
  if (!group?.length) throw new Error(".changeset/config.json has no fixed group");
  return group;
}

/** Workspace package name → folder (spec, packages/*, tools). */
export function workspacePackages(root: string = repoRoot): Map<string, string> {
  const dirs = ["spec", "tools", ...readdirSync(join(root, "packages")).map((d) => `packages/${d}`)];
  const map = new Map<string, string>();
  for (const dir of dirs) {
    try {
      const pkg = readJson(join(root, dir, "package.json"));
      map.set(pkg.name as string, dir);
    } catch {
      // not a package
    }
  }
  return map;
}

export function packageVersion(root: string, name: string): string {
  const dir = workspacePackages(root).get(name);
  if (!dir) throw new Error(`no workspace package ${name}`);
  return readJson(join(root, dir, "package.json")).version as string;
}

export function specInfoVersion(root: string = repoRoot): string {
  const doc = parse(readFileSync(join(root, "spec/openapi.yaml"), "utf8")) as { info?: { version?: unknown } };
  return String(doc.info?.version ?? "");
}

/** The version of the release group (the version of its first package; versionProblems checks they agree). */
export function groupVersion(root: string = repoRoot): string {
  return packageVersion(root, releaseGroup(root)[0] as string);
}

/** Every disagreement between the group's versions, spec info.version and spec/package.json, as sentences. */
export function versionProblems(root: string = repoRoot): string[] {
  const problems: string[] = [];
  const group = releaseGroup(root);
  const version = groupVersion(root);
  for (const name of group) {
    const v = packageVersion(root, name);
    if (v !== version) problems.push(`${name} is ${v} but ${group[0]} is ${version} (one fixed release group)`);
  }
  const info = specInfoVersion(root);
  if (info !== version) problems.push(`spec/openapi.yaml info.version is ${info} but the packages are ${version}`);
  const spec = readJson(join(root, "spec/package.json")).version;
  if (spec !== version) problems.push(`spec/package.json version is ${spec} but the packages are ${version}`);
  return problems;
}

/** Writes the group version into spec/openapi.yaml (info.version, formatting kept) and spec/package.json. */
export function syncSpecVersion(root: string = repoRoot): string {
  const version = groupVersion(root);
  const yamlPath = join(root, "spec/openapi.yaml");
  const lines = readFileSync(yamlPath, "utf8").split("\n");
  // info.version: the `version:` key at the indentation of info's own keys (not one inside a description).
  const info = lines.indexOf("info:");
  const indent = /^([ \t]+)\S/.exec(lines[info + 1] ?? "")?.[1];
  let at = -1;
  for (let i = info + 1; info >= 0 && indent && i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\S/.test(line)) break;
    if (line.startsWith(`${indent}version:`)) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Error("no info.version line in spec/openapi.yaml");
  lines[at] = `${indent}version: ${version}`;
  const synced = lines.join("\n");
  writeFileSync(yamlPath, synced);
  const pkgPath = join(root, "spec/package.json");
  const pkgText = readFileSync(pkgPath, "utf8");
  writeFileSync(pkgPath, pkgText.replace(/("version":\s*")[^"]*(")/, `$1${version}$2`));
  return version;
}

/** The highest bump the pending changesets (.changeset/*.md) ask for any package of the group, or undefined. */
export function pendingBump(root: string = repoRoot): Bump | undefined {
  const group = new Set(releaseGroup(root));
  let best: Bump | undefined;
  for (const file of readdirSync(join(root, ".changeset"))) {
    if (!file.endsWith(".md") || file.toLowerCase() === "readme.md") continue;
    const text = readFileSync(join(root, ".changeset", file), "utf8");
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
    if (!front) continue;
    const releases = (parse(front) ?? {}) as Record<string, string>;
    for (const [name, level] of Object.entries(releases)) {
      if (!group.has(name) || !(level in RANK)) continue;
      if (!best || RANK[level as Bump] > RANK[best]) best = level as Bump;
    }
  }
  return best;
}

export function bumpVersion(version: string, level: Bump): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`not a semver version: ${version}`);
  const [maj, min, pat] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (level === "major") return `${maj + 1}.0.0`;
  if (level === "minor") return `${maj}.${min + 1}.0`;
  return `${maj}.${min}.${pat + 1}`;
}

export const majorOf = (version: string): number => Number(/^(\d+)/.exec(version)?.[1] ?? Number.NaN);

/** The version the next release will have: the group version bumped by the pending changesets (if any). */
export function nextRelease(root: string = repoRoot): { current: string; next: string; bump?: Bump } {
  const current = groupVersion(root);
  const bump = pendingBump(root);
  return bump ? { current, next: bumpVersion(current, bump), bump } : { current, next: current };
}

export const changesetBin = (root: string = repoRoot): string => resolve(root, "node_modules/@changesets/cli/bin.js");

/** `changeset version` (package versions, CHANGELOG.md entries), then the spec follows. */
export async function versionPackages(root: string = repoRoot): Promise<string> {
  const r = await run(process.execPath, [changesetBin(repoRoot), "version"], { cwd: root, timeoutMs: 120_000 });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.code !== 0) throw new Error(`changeset version failed (exit ${r.code})`);
  return syncSpecVersion(root);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const version = await versionPackages();
  const problems = versionProblems();
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  console.log(
    `version-packages: the release group and spec/openapi.yaml info.version are at ${version}. ` +
      "Review the CHANGELOG.md entries, run `pnpm build`, and commit.",
  );
}
