/**
 * `pnpm release`: shows what a release would publish. Dry run by default — nothing leaves the machine.
 *
 *   pnpm release             the version, the pending changesets, each package's tarball contents, the git tag
 *   pnpm release --publish   for real: `changeset publish` (npm credentials needed), then the `v<version>` git tag
 *
 * The flow (CONTRIBUTING.md): changesets accumulate on main → `pnpm version-packages` (versions, CHANGELOG.md,
 * spec info.version) → commit → `pnpm release --publish` → `git push --follow-tags`. The `v<version>` tag is what the
 * next `pnpm check:breaking` compares with.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { root, run } from "./check-bundle.js";
import {
  changesetBin,
  groupVersion,
  nextRelease,
  releaseGroup,
  versionProblems,
  workspacePackages,
} from "./release-version.js";

export interface PackPlan {
  name: string;
  version: string;
  private: boolean;
  files: string[];
}

/** The pending changeset files and their first summary line. */
export function pendingChangesets(rootDir: string = root): { file: string; summary: string }[] {
  return readdirSync(join(rootDir, ".changeset"))
    .filter((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md")
    .map((file) => {
      const text = readFileSync(join(rootDir, ".changeset", file), "utf8");
      const body = text.replace(/^---[\s\S]*?---\s*/, "").trim();
      return { file, summary: body.split("\n")[0] ?? "" };
    });
}

/** What each package of the release group would publish, from `pnpm pack --dry-run` (offline). */
export async function packPlan(rootDir: string = root): Promise<PackPlan[]> {
  const dirs = workspacePackages(rootDir);
  const out: PackPlan[] = [];
  for (const name of releaseGroup(rootDir)) {
    const dir = join(rootDir, dirs.get(name) as string);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string; private?: boolean };
    if (pkg.private) {
      out.push({ name, version: pkg.version, private: true, files: [] });
      continue;
    }
    const r = await run("pnpm", ["pack", "--dry-run", "--json"], { cwd: dir, timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(`pnpm pack --dry-run failed in ${dir}:\n${r.stderr}`);
    const json = JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as { files: { path: string }[] };
    out.push({ name, version: pkg.version, private: false, files: json.files.map((f) => f.path).sort() });
  }
  return out;
}

async function tagExists(tag: string): Promise<boolean> {
  const r = await run("git", ["tag", "--list", tag], { timeoutMs: 20_000 });
  return r.stdout.trim() === tag;
}

async function dryRun(): Promise<number> {
  const problems = versionProblems();
  const version = groupVersion();
  const tag = `v${version}`;
  console.log(`release dry run — nothing is published.\n\nrelease group ${releaseGroup().join(", ")} at ${version}`);
  if (problems.length) {
    console.log(`✗ versions disagree:\n  ${problems.join("\n  ")}\n  fix: \`pnpm version-packages\``);
    return 1;
  }
  const pending = pendingChangesets();
  const next = nextRelease();
  if (pending.length) {
    console.log(
      `\n${pending.length} pending changeset(s): the next release is ${next.next} (${next.bump}).` +
        " Run `pnpm version-packages` and commit before publishing:",
    );
    for (const c of pending) console.log(`  .changeset/${c.file}: ${c.summary}`);
  } else {
    console.log("\nno pending changesets: this version is the one that would be published.");
  }
  const build = await run("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"], {
    timeoutMs: 600_000,
  });
  if (build.code !== 0) {
    console.log(`✗ the build failed:\n${build.stdout}${build.stderr}\n  fix: \`pnpm build\` shows the failing task`);
    return 1;
  }
  console.log("");
  for (const p of await packPlan()) {
    if (p.private) {
      console.log(`- ${p.name}@${p.version}: private, versioned with the group (CHANGELOG.md), not published`);
      continue;
    }
    console.log(`+ ${p.name}@${p.version} would be published with ${p.files.length} files:`);
    for (const f of p.files) console.log(`    ${f}`);
  }
  console.log(
    `\ngit tag ${tag} ${(await tagExists(tag)) ? "already exists: bump the version first (`pnpm changeset`, `pnpm version-packages`)" : "would be created"}.`,
  );
  console.log("`pnpm release --publish` publishes for real (after `pnpm check` and `pnpm test` pass on a clean tree).");
  return 0;
}

async function publish(): Promise<number> {
  const problems = versionProblems();
  if (problems.length) throw new Error(`versions disagree (run \`pnpm version-packages\`):\n${problems.join("\n")}`);
  if (pendingChangesets().length) throw new Error("pending changesets: run `pnpm version-packages` and commit first");
  const status = await run("git", ["status", "--porcelain"]);
  if (status.stdout.trim()) throw new Error("the working tree is not clean: commit first");
  const tag = `v${groupVersion()}`;
  if (await tagExists(tag)) throw new Error(`${tag} already exists: nothing new to release`);
  for (const [cmd, args] of [
    ["pnpm", ["check"]],
    ["pnpm", ["test"]],
  ] as const) {
    const r = await run(cmd, [...args], { timeoutMs: 1_800_000 });
    if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
  }
  const r = await run(process.execPath, [changesetBin(), "publish"], { timeoutMs: 600_000 });
  console.log(r.stdout + r.stderr);
  if (r.code !== 0) throw new Error("changeset publish failed");
  const t = await run("git", ["tag", "-a", tag, "-m", `Release ${tag}`]);
  if (t.code !== 0) throw new Error(`git tag ${tag} failed: ${t.stderr}`);
  console.log(`published and tagged ${tag}. Push it: git push --follow-tags`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = process.argv.includes("--publish") ? await publish() : await dryRun();
  } catch (e) {
    console.error(`release: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
