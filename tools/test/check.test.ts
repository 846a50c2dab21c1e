// `pnpm check`: turbo tasks that the packages own, each gate once, the source gates before anything regenerates;
// a failing gate names what is wrong and the command that fixes it. The gates themselves are proved where they live
// (spec/test: lint and versions; packages/types: drift; test/breaking.test.ts: breaking; packages/client: size).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { repoRoot } from "@csbs/spec/validator";
import { afterAll, describe, expect, it } from "vitest";
import { CHECK_PHASES, runPhases } from "../src/check.js";

const scratch = mkdtempSync(join(tmpdir(), "csbs-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lint = join(repoRoot, "tools/scripts/lint.ts");

/** Runs a shell command; its exit code and everything it printed. */
function sh(command: string, cwd: string): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync("sh", ["-c", command], { cwd, encoding: "utf8", stdio: "pipe" }) };
  } catch (e) {
    const error = e as { status?: number; stdout?: string; stderr?: string };
    return { code: error.status ?? 1, out: `${error.stdout ?? ""}${error.stderr ?? ""}` };
  }
}

/** The tasks (package#task) a phase of the check would run, by turbo's own dry run. */
function tasksOf(phase: readonly string[]): string[] {
  const args = phase.filter((a) => !a.startsWith("--output-logs"));
  const dry = execFileSync("turbo", ["run", ...args, "--dry=json"], { cwd: repoRoot, encoding: "utf8" });
  const plan = JSON.parse(dry) as { tasks: { taskId: string; command: string }[] };
  return plan.tasks
    .filter((t) => t.command !== "<NONEXISTENT>")
    .map((t) => t.taskId)
    .sort();
}

describe("pnpm check", () => {
  const phases = CHECK_PHASES;

  it("is the check's phases, run by the root script", () => {
    expect(JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).scripts.check).toBe(
      "node tools/scripts/check.ts",
    );
  });

  it("runs in two turbo phases: the source gates, then the gates that need the packages built", () => {
    expect(phases).toHaveLength(2);
    const [source, built] = phases.map(tasksOf) as [string[], string[]];
    // Drift must read packages/types/src before any build regenerates it: nothing in phase one generates.
    expect(source.filter((t) => t.endsWith("#generate"))).toEqual([]);
    expect(source.filter((t) => !t.endsWith("#build"))).toEqual([
      "//#lint",
      "@csbs/query#check:generated",
      "@csbs/spec#lint",
      "@csbs/tools#breaking",
      "@csbs/types#check:generated",
    ]);
    const gates = built.filter((t) => !/#(build|generate)$/.test(t));
    expect(gates).toEqual(
      expect.arrayContaining([
        "@csbs/client#lint:package",
        "@csbs/client#size",
        "@csbs/mock#lint:package",
        "@csbs/query#lint:package",
        "@csbs/query#size",
        "@csbs/types#lint:package",
      ]),
    );
    // Each gate once, in one place.
    const all = [...source, ...built].filter((t) => !/#(build|generate)$/.test(t));
    expect(new Set(all).size).toBe(all.length);
  });

  it("type-checks every package and tools/, and packs-lints every published one", () => {
    const built = tasksOf(phases[1] as readonly string[]);
    const dirs = [
      "spec",
      "tools",
      "packages/client",
      "packages/docs",
      "packages/mock",
      "packages/query",
      "packages/types",
    ];
    dirs.push("examples/backups-table");
    for (const dir of dirs) {
      const pkg = JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8"));
      // @csbs/types is declarations only: its build is the type check (`tsc -p tsconfig.json`).
      const checked = pkg.scripts?.typecheck ?? (pkg.scripts?.build?.startsWith("tsc") ? pkg.scripts.build : undefined);
      expect(checked, `${dir} type-checks`).toMatch(/^tsc -p tsconfig\.json/);
      expect(built, dir).toContain(`${pkg.name}#${pkg.scripts.typecheck ? "typecheck" : "build"}`);
      if (pkg.private !== true) expect(built, dir).toContain(`${pkg.name}#lint:package`);
    }
  });

  it("fails when a phase fails, and still runs the other phase (every failure is shown at once)", () => {
    let ran: string[] = [];
    const outcome = (results: boolean[]) => {
      ran = [];
      return runPhases((phase) => {
        ran.push(phase[0] as string);
        return results[ran.length - 1] as boolean;
      });
    };
    expect(outcome([false, true])).toBe(false);
    expect(ran).toEqual(["lint", "typecheck"]);
    expect(outcome([true, false])).toBe(false);
    expect(outcome([true, true])).toBe(true);
  });
});

describe("each gate names what is wrong and the fix", () => {
  it("biome: an unformatted file is named, with `biome check --write`; generated files and dist are not checked", () => {
    const dir = join(scratch, "biome");
    mkdirSync(join(dir, "packages/types/src"), { recursive: true });
    mkdirSync(join(dir, "packages/client/dist"), { recursive: true });
    cpSync(join(repoRoot, "biome.json"), join(dir, "biome.json"));
    writeFileSync(join(dir, ".gitignore"), "node_modules/\ndist/\n");
    writeFileSync(join(dir, "packages/types/src/index.d.ts"), "export type A = {a:string}\n");
    writeFileSync(join(dir, "packages/client/dist/index.js"), "var a = 'x'\n");
    writeFileSync(join(dir, "good.ts"), 'export const a = "x";\n');
    execFileSync("git", ["init", "-q"], { cwd: dir });
    expect(sh(`node ${lint}`, dir).code).toBe(0);
    writeFileSync(join(dir, "bad.ts"), "export const b = 'single quotes'\n");
    const result = sh(`node ${lint}`, dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain("bad.ts");
    expect(result.out).toContain("fix: pnpm exec biome check --write");
  });

  it("typecheck: a type error names the file, the line and the error", () => {
    const dir = join(scratch, "typecheck");
    mkdirSync(join(dir, "pkg/src"), { recursive: true });
    cpSync(join(repoRoot, "tsconfig.base.json"), join(dir, "tsconfig.base.json"));
    writeFileSync(
      join(dir, "pkg/tsconfig.json"),
      JSON.stringify({ extends: "../tsconfig.base.json", include: ["src"] }),
    );
    writeFileSync(join(dir, "pkg/package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(dir, "pkg/src/index.ts"), "export const n: number = 'not a number';\n");
    const command = JSON.parse(readFileSync(join(repoRoot, "packages/mock/package.json"), "utf8")).scripts.typecheck;
    const result = sh(`${join(repoRoot, "node_modules/.bin/")}${command}`, join(dir, "pkg"));
    expect(result.code).not.toBe(0);
    // tsc's plain form, `file(line,col): error`, or its pretty one, `file:line:col - error` (a terminal, FORCE_COLOR).
    expect(stripVTControlCharacters(result.out)).toMatch(
      /src\/index\.ts(\(1,14\):|:1:14 -) error TS2322: Type 'string' is not assignable to type 'number'/,
    );
  });

  it("breaking: the gate's CLI on the repository prints its report and passes", () => {
    const result = sh("tsx src/breaking-cli.ts", join(repoRoot, "tools"));
    expect(result.out).toMatch(/^spec\/ against the last release \d+\.\d+\.\d+ \(/);
    expect(result.code).toBe(0);
  });
});
