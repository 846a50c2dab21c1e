// One version: the fixed release group of .changeset/config.json (the five packages and this spec), spec/package.json
// and info.version of spec/openapi.yaml agree; `pnpm version-packages` (changeset version, then the spec's hook)
// moves them together and writes CHANGELOG entries. Scratch copies only: the repository is never touched.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { syncInfoVersion, versionProblems } from "../scripts/version.js";
import { repoRoot } from "../validator.js";

mkdirSync(join(repoRoot, "node_modules/.cache"), { recursive: true });
// In the repository (pnpm refuses to run tasks from a world-writable temporary directory) but outside node_modules
// (Node strips the types of the root's verbs, tools/scripts/*.ts, nowhere under it). The root's commands
// (changeset, pnpm) come from the PATH the tests run with.
mkdirSync(join(repoRoot, "test-output"), { recursive: true });
const scratch = mkdtempSync(join(repoRoot, "test-output/spec-version-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const PACKAGES = ["spec", "packages/types", "packages/client", "packages/query", "packages/mock", "packages/docs"];
const json = (dir: string, p: string) => JSON.parse(readFileSync(join(dir, p, "package.json"), "utf8"));
const V: string = json(repoRoot, "spec").version;
const MINOR = V.replace(/^(\d+)\.(\d+)\.\d+/, (_, a: string, b: string) => `${a}.${Number(b) + 1}.0`);

/** What versioning reads: the workspace's manifests, .changeset, spec sources, and the root's verbs. */
function miniRepo(name: string): string {
  const dir = join(scratch, name);
  for (const f of ["package.json", "pnpm-workspace.yaml", ".changeset/config.json"]) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    cpSync(join(repoRoot, f), join(dir, f));
  }
  for (const p of [...PACKAGES.slice(1), "tools", "tools/typescript6", "examples/backups-table"]) {
    mkdirSync(join(dir, p), { recursive: true });
    cpSync(join(repoRoot, p, "package.json"), join(dir, p, "package.json"));
  }
  // The root's verbs (`version-packages` is tools/scripts/version.ts).
  cpSync(join(repoRoot, "tools/scripts"), join(dir, "tools/scripts"), { recursive: true });
  cpSync(join(repoRoot, "spec"), join(dir, "spec"), {
    recursive: true,
    filter: (src) => !/[/\\](dist|node_modules|baseline)$/.test(src),
  });
  // The spec's dependencies resolve from its own node_modules.
  symlinkSync(join(repoRoot, "spec/node_modules"), join(dir, "spec/node_modules"), "dir");
  return dir;
}

describe("one version", () => {
  it("the release group, spec/package.json and info.version agree in the repository", async () => {
    expect(await versionProblems()).toEqual([]);
    const fixed = JSON.parse(readFileSync(join(repoRoot, ".changeset/config.json"), "utf8")).fixed;
    expect(fixed).toEqual([expect.arrayContaining(PACKAGES.map((p) => json(repoRoot, p).name))]);
  });

  it("a hand-edited info.version is named; the hook puts it back, touching nothing else", async () => {
    const dir = miniRepo("mismatch");
    const file = join(dir, "spec/openapi.yaml");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace(/^ {2}version: .*$/m, "  version: 9.9.9"));
    expect(await versionProblems(dir)).toEqual([`spec/openapi.yaml info.version is 9.9.9 but @csbs/spec is ${V}`]);
    expect(syncInfoVersion(dir)).toBe(V);
    expect(readFileSync(file, "utf8")).toBe(original);
    expect(await versionProblems(dir)).toEqual([]);
  });

  it("a package out of step with the group is named", async () => {
    const dir = miniRepo("out-of-step");
    const file = join(dir, "packages/mock/package.json");
    writeFileSync(file, readFileSync(file, "utf8").replace(`"version": "${V}"`, '"version": "7.7.7"'));
    expect(await versionProblems(dir)).toEqual([
      `@csbs/mock is 7.7.7 but @csbs/spec is ${V} (one fixed release group)`,
    ]);
  });

  /** `version-cli.ts --check` in a copy: its exit code and everything it printed. */
  const check = (dir: string) => {
    try {
      const stdout = execFileSync("tsx", ["scripts/version-cli.ts", "--check"], {
        cwd: join(dir, "spec"),
        encoding: "utf8",
        stdio: "pipe",
      });
      return { code: 0, output: stdout };
    } catch (error) {
      const e = error as { status?: number; stdout?: string; stderr?: string };
      return { code: e.status ?? 1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
    }
  };

  it("the check says the versions agree and passes", () => {
    expect(check(miniRepo("check-ok"))).toEqual({ code: 0, output: expect.stringMatching(/^versions agree: /) });
  });

  it("the check fails with the fix, `pnpm version-packages`", () => {
    const dir = miniRepo("check");
    const file = join(dir, "spec/package.json");
    writeFileSync(file, readFileSync(file, "utf8").replace(`"version": "${V}"`, '"version": "7.7.7"'));
    const { code, output } = check(dir);
    expect(code).toBe(1);
    expect(output).toContain("spec/openapi.yaml info.version is");
    expect(output).toContain("fix: `pnpm version-packages`");
  });
});

describe("pnpm version-packages", () => {
  it("moves every package, spec/package.json and info.version together and writes CHANGELOG entries", () => {
    const dir = miniRepo("version");
    writeFileSync(join(dir, ".changeset/new-filter.md"), '---\n"@csbs/client": minor\n---\n\nFilter by `region`.\n');
    const script = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).scripts["version-packages"];
    execFileSync("sh", ["-c", script], { cwd: dir, stdio: "pipe", timeout: 120_000 });
    for (const p of PACKAGES) expect(json(dir, p).version, p).toBe(MINOR);
    expect(readFileSync(join(dir, "spec/openapi.yaml"), "utf8")).toMatch(new RegExp(`^ {2}version: ${MINOR}$`, "m"));
    const changelog = readFileSync(join(dir, "packages/client/CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(/### Minor Changes\n\n- .*Filter by `region`\./);
    for (const p of PACKAGES) expect(existsSync(join(dir, p, "CHANGELOG.md")), p).toBe(true);
    expect(existsSync(join(dir, ".changeset/new-filter.md"))).toBe(false);
  }, 120_000);
});
