// Releases: one version for the group and the spec (checked), changesets that write CHANGELOG entries and move
// info.version, and the breaking gate against a real `v*` git tag, in a scratch copy of the repository.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@csbs/spec/validator";
import { afterAll, describe, expect, it } from "vitest";
import { checkBreaking, lastReleaseTag, loadBaseline } from "../src/breaking.js";
import { packPlan, pendingChangesets } from "../src/release.js";
import {
  bumpVersion,
  groupVersion,
  nextRelease,
  pendingBump,
  releaseGroup,
  specInfoVersion,
  syncSpecVersion,
  versionPackages,
  versionProblems,
} from "../src/release-version.js";

const scratch = mkdtempSync(join(tmpdir(), "csbs-release-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const PACKAGES = ["packages/types", "packages/client", "packages/mock", "packages/docs"];
/** The repository's current version, and what each bump makes of it: the tests hold at any version. */
const V = groupVersion();
const [PATCH, MINOR, MAJOR] = [bumpVersion(V, "patch"), bumpVersion(V, "minor"), bumpVersion(V, "major")];
const re = (v: string) => v.replaceAll(".", "\\.");

/** A copy of what versioning and the gate read: manifests, .changeset, spec sources, redocly.yaml. */
function miniRepo(name: string): string {
  const dir = join(scratch, name);
  for (const f of ["package.json", "pnpm-workspace.yaml", "redocly.yaml", ".changeset/config.json"]) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    cpSync(join(repoRoot, f), join(dir, f));
  }
  for (const p of [...PACKAGES, "tools"]) {
    mkdirSync(join(dir, p), { recursive: true });
    cpSync(join(repoRoot, p, "package.json"), join(dir, p, "package.json"));
  }
  cpSync(join(repoRoot, "spec"), join(dir, "spec"), {
    recursive: true,
    filter: (src) => !/[/\\](dist|node_modules|baseline)$/.test(src),
  });
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

const changeset = (dir: string, file: string, bumps: Record<string, string>, summary: string) =>
  writeFileSync(
    join(dir, ".changeset", file),
    `---\n${Object.entries(bumps)
      .map(([n, b]) => `"${n}": ${b}`)
      .join("\n")}\n---\n\n${summary}\n`,
  );

const pkgVersion = (dir: string, p: string) =>
  (JSON.parse(readFileSync(join(dir, p, "package.json"), "utf8")) as { version: string }).version;

describe("one version: the release group, spec info.version, spec/package.json", () => {
  it("agree in the repository", () => {
    expect(versionProblems()).toEqual([]);
    expect(releaseGroup()).toEqual(["@csbs/types", "@csbs/client", "@csbs/mock", "@csbs/docs"]);
  });

  it("a hand-edited info.version is found, and syncSpecVersion puts it back touching nothing else", () => {
    const dir = miniRepo("mismatch");
    const yamlPath = join(dir, "spec/openapi.yaml");
    const original = readFileSync(yamlPath, "utf8");
    writeFileSync(yamlPath, original.replace(/^ {2}version: .*$/m, "  version: 9.9.9"));
    expect(versionProblems(dir)).toEqual([
      expect.stringContaining(`spec/openapi.yaml info.version is 9.9.9 but the packages are ${V}`),
    ]);
    syncSpecVersion(dir);
    expect(readFileSync(yamlPath, "utf8")).toBe(original);
    expect(versionProblems(dir)).toEqual([]);
  });

  it("a package out of step with the group is found", () => {
    const dir = miniRepo("out-of-step");
    const file = join(dir, "packages/mock/package.json");
    writeFileSync(file, readFileSync(file, "utf8").replace(`"version": "${V}"`, `"version": "${PATCH}"`));
    expect(versionProblems(dir)).toEqual([expect.stringContaining(`@csbs/mock is ${PATCH} but @csbs/types is ${V}`)]);
  });
});

describe("changesets", () => {
  it("the next release follows the highest pending bump of any group package", () => {
    const dir = miniRepo("bumps");
    expect(pendingBump(dir)).toBeUndefined();
    expect(nextRelease(dir)).toEqual({ current: V, next: V });
    changeset(dir, "a.md", { "@csbs/mock": "patch" }, "Mock fix.");
    changeset(dir, "b.md", { "@csbs/client": "minor", "@csbs/types": "minor" }, "New filter.");
    expect(nextRelease(dir)).toEqual({ current: V, next: MINOR, bump: "minor" });
    changeset(dir, "c.md", { "@csbs/types": "major" }, "Removed a field.");
    expect(nextRelease(dir).next).toBe(MAJOR);
    expect(pendingChangesets(dir).map((c) => c.summary)).toEqual(["Mock fix.", "New filter.", "Removed a field."]);
    expect([bumpVersion("1.2.3", "patch"), bumpVersion("1.2.3", "minor"), bumpVersion("1.2.3", "major")]).toEqual([
      "1.2.4",
      "1.3.0",
      "2.0.0",
    ]);
  });

  it("version-packages moves every package and the spec together and writes CHANGELOG entries", async () => {
    const dir = miniRepo("version");
    changeset(dir, "new-filter.md", { "@csbs/client": "minor" }, "Filter backups by `region`.");
    await versionPackages(dir);
    for (const p of PACKAGES) expect(pkgVersion(dir, p), p).toBe(MINOR);
    expect(specInfoVersion(dir)).toBe(MINOR);
    expect(pkgVersion(dir, "spec")).toBe(MINOR);
    expect(versionProblems(dir)).toEqual([]);
    const changelog = readFileSync(join(dir, "packages/client/CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(
      new RegExp(`^## ${re(MINOR)}\\n\\n### Minor Changes\\n\\n- .*Filter backups by \`region\`\\.`, "m"),
    );
    for (const p of PACKAGES) expect(existsSync(join(dir, p, "CHANGELOG.md")), p).toBe(true);
    expect(existsSync(join(dir, ".changeset/new-filter.md"))).toBe(false);
  }, 60_000);
});

describe("pnpm release (dry run)", () => {
  it("lists what each package of the group would publish, offline, and that @csbs/docs is private", async () => {
    const plan = await packPlan();
    expect(plan.map((p) => [p.name, p.version, p.private])).toEqual([
      ["@csbs/types", V, false],
      ["@csbs/client", V, false],
      ["@csbs/mock", V, false],
      ["@csbs/docs", V, true],
    ]);
    expect(plan[0]?.files).toEqual(expect.arrayContaining(["package.json", "src/index.d.ts", "src/openapi.d.ts"]));
    expect(plan[3]?.files).toEqual([]);
  }, 60_000);
});

describe("the breaking gate against a v* git tag", () => {
  const git = (dir: string, ...args: string[]) =>
    execFileSync(
      "git",
      ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...args],
      { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 20_000 },
    );

  it("compares with the tag's spec, fails a break, and passes it once a major changeset is pending", async () => {
    const dir = miniRepo("tagged");
    git(dir, "init", "-q", "-b", "main");
    writeFileSync(join(dir, ".gitignore"), "node_modules\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "release");
    git(dir, "tag", "v0.1.0");
    const limit = join(dir, "spec/components/parameters/limit.yaml");
    writeFileSync(limit, readFileSync(limit, "utf8").replace("minimum: 1", "minimum: 5"));
    git(dir, "commit", "-q", "-am", "tighter limit");

    expect(await lastReleaseTag(dir)).toBe("v0.1.0");
    const baseline = await loadBaseline(dir);
    expect(baseline.source).toBe("git tag v0.1.0");
    const failing = await checkBreaking(dir);
    expect(failing.ok).toBe(false);
    expect(failing.report).toContain(`against the last release ${V} (git tag v0.1.0)`);
    expect(failing.report).toMatch(/query parameter `limit`: tighter bound, minimum raised from 1 to 5/);

    changeset(dir, "limit.md", { "@csbs/client": "minor" }, "Limit at least 5.");
    expect((await checkBreaking(dir)).ok).toBe(false);
    changeset(dir, "limit.md", { "@csbs/client": "major" }, "Limit at least 5.");
    const passing = await checkBreaking(dir);
    expect(passing.ok).toBe(true);
    expect(passing.report).toContain(`allowed: ${MAJOR} is a new major version after ${V}`);
  }, 60_000);

  it("the repository passes against its last release (the committed baseline until the first tag)", async () => {
    const tag = await lastReleaseTag();
    const result = await checkBreaking();
    expect(result.report).toContain(tag ? `(git tag ${tag})` : "(spec/baseline/openapi.json)");
    expect(result.changes.filter((c) => c.severity === "breaking")).toEqual([]);
    expect(result.ok).toBe(true);
  }, 60_000);
});
