// `pnpm check`: its gates, and that each failure says what is wrong and the command that fixes it. Gates run on
// scratch copies here; the full run is `pnpm check` itself (CI: .ci/run).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBundledSpec, repoRoot } from "@csbs/spec/validator";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { OpenApiDoc } from "../src/breaking-rules.js";
import { type CheckContext, formatOutcome, type Gate, gates, runChecks } from "../src/check.js";

const scratch = mkdtempSync(join(tmpdir(), "csbs-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const gate = (name: string) => gates.find((g) => g.name === name) as Gate;
const ctx = (root: string, spec: OpenApiDoc = loadBundledSpec() as unknown as OpenApiDoc): CheckContext => ({
  root,
  spec: async () => spec,
});

/** Manifests, .changeset and spec sources (with the baseline): what the versions and breaking gates read. */
function miniRepo(name: string): string {
  const dir = join(scratch, name);
  const files = ["package.json", ".changeset/config.json", "spec/openapi.yaml", "spec/baseline/openapi.json"];
  for (const p of ["spec", "tools", "packages/types", "packages/client", "packages/mock", "packages/docs"]) {
    files.push(`${p}/package.json`);
  }
  for (const f of files) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    cpSync(join(repoRoot, f), join(dir, f));
  }
  return dir;
}

describe("the gates", () => {
  it("cover everything issue 5 lists, each with a description", () => {
    expect(gates.map((g) => g.name)).toEqual([
      "versions",
      "biome",
      "lint:spec",
      "drift",
      "breaking",
      "typecheck",
      "package",
      "size",
    ]);
    for (const g of gates) expect(g.description.length, g.name).toBeGreaterThan(20);
    // Drift must read packages/types/src before the build regenerates it.
    expect(gate("drift").phase).toBe("source");
  });

  it("a failing gate prints what is wrong and the fix; the run counts it", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((s: string) => void lines.push(s));
    const fake: Gate[] = [
      { name: "good", description: "passes", phase: "source", run: async () => ({ status: "pass", summary: "fine" }) },
      {
        name: "bad",
        description: "fails",
        phase: "source",
        run: async () => ({
          status: "fail",
          summary: "2 problems",
          details: "a.ts is wrong\nb.ts too",
          fix: "`pnpm fix`",
        }),
      },
      {
        name: "broken",
        description: "throws",
        phase: "source",
        run: async () => {
          throw new Error("boom");
        },
      },
    ];
    expect(await runChecks([], repoRoot, fake)).toBe(2);
    const out = lines.join("\n");
    expect(out).toMatch(/✓ good {7}fine \(\d+\.\d s\)/);
    expect(out).toMatch(/✗ bad {8}2 problems .*\n {6}a\.ts is wrong\n {6}b\.ts too\n {4}fix: `pnpm fix`/);
    expect(out).toMatch(/✗ broken {5}the gate itself failed[\s\S]*boom/);
    expect(out).toMatch(/pnpm check: 2 gate\(s\) failed: bad, broken/);
  });

  it("formats a pass without fix and a skip with its reason", () => {
    expect(formatOutcome("size", { status: "skip", summary: "no budget" }, 0)).toBe("- size       no budget (0.0 s)");
    expect(formatOutcome("drift", { status: "pass", summary: "ok", fix: "never shown" }, 1.25)).toBe(
      "✓ drift      ok (1.3 s)",
    );
  });
});

describe("each gate fails with its fix", () => {
  it("versions: a hand-edited info.version → `pnpm version-packages`", async () => {
    const dir = miniRepo("versions");
    const file = join(dir, "spec/openapi.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^ {2}version: .*$/m, "  version: 9.9.9"));
    const outcome = await gate("versions").run(ctx(dir));
    expect(outcome).toMatchObject({ status: "fail", fix: expect.stringContaining("`pnpm version-packages`") });
    expect(outcome.details).toMatch(/info.version is 9\.9\.9 but the packages are \d+\.\d+\.\d+/);
    expect(await gate("versions").run(ctx(repoRoot))).toMatchObject({ status: "pass" });
  });

  it("biome: unformatted code → `biome check --write`; generated files and dist are not checked", async () => {
    const dir = join(scratch, "biome");
    mkdirSync(join(dir, "packages/types/src"), { recursive: true });
    mkdirSync(join(dir, "packages/client/dist"), { recursive: true });
    cpSync(join(repoRoot, "biome.json"), join(dir, "biome.json"));
    writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
    writeFileSync(join(dir, "packages/types/src/index.d.ts"), "export type A = {a:string}\n");
    writeFileSync(join(dir, "packages/client/dist/index.js"), "var a = 'x'\n");
    writeFileSync(join(dir, "good.ts"), 'export const a = "x";\n');
    expect(await gate("biome").run(ctx(dir))).toMatchObject({ status: "pass" });
    writeFileSync(join(dir, "bad.ts"), "export const b = 'single quotes'\n");
    const outcome = await gate("biome").run(ctx(dir));
    expect(outcome.status).toBe("fail");
    expect(outcome.details).toContain("bad.ts");
    expect(outcome.fix).toContain("biome check --write");
  });

  it("drift: a hand edit of a generated file → `pnpm generate`", async () => {
    const dir = join(scratch, "drift");
    cpSync(join(repoRoot, "packages/types/src"), join(dir, "packages/types/src"), { recursive: true });
    const file = join(dir, "packages/types/src/index.d.ts");
    writeFileSync(file, `${readFileSync(file, "utf8")}export type Mine = string;\n`);
    const outcome = await gate("drift").run(ctx(dir));
    expect(outcome.status).toBe("fail");
    expect(outcome.details).toMatch(/^packages\/types\/src\/index\.d\.ts differs from what spec\/ generates/);
    expect(outcome.fix).toContain("run `pnpm generate`");
  });

  it("breaking: a removed parameter → make it compatible or a major changeset", async () => {
    const dir = miniRepo("breaking");
    const spec = structuredClone(loadBundledSpec()) as unknown as OpenApiDoc & { paths: Record<string, never> };
    (spec.paths as unknown as Record<string, { get: { parameters: unknown[] } }>)[
      "/v1/{project_id}/checkpoint_items"
    ]?.get.parameters.pop();
    const outcome = await gate("breaking").run(ctx(dir, spec));
    expect(outcome.status).toBe("fail");
    expect(outcome.summary).toMatch(/^1 breaking, 0 additive — spec\/ against the last release \d+\.\d+\.\d+/);
    expect(outcome.details).toMatch(
      /breaking {2}GET \/v1\/\{project_id\}\/checkpoint_items: query parameter `resource_type` removed/,
    );
    expect(outcome.fix).toMatch(/`pnpm changeset` and choose major/);
  });

  it("breaking: no baseline and no tag → how to record one", async () => {
    const dir = miniRepo("no-baseline");
    rmSync(join(dir, "spec/baseline"), { recursive: true });
    const outcome = await gate("breaking").run(ctx(dir));
    expect(outcome).toMatchObject({ status: "fail", summary: "no last release to compare with" });
    expect(outcome.fix).toContain("`pnpm check:breaking --update-baseline`");
  });

  it("typecheck: a type error names the package, the error and the tsc command", async () => {
    const dir = join(scratch, "typecheck");
    for (const d of ["spec", "tools", "packages/bad", "packages/good"])
      mkdirSync(join(dir, d, "src"), { recursive: true });
    cpSync(join(repoRoot, "tsconfig.base.json"), join(dir, "tsconfig.base.json"));
    for (const [d, code] of [
      ["packages/bad", "export const n: number = 'not a number';\n"],
      ["packages/good", "export const n: number = 1;\n"],
    ] as const) {
      writeFileSync(
        join(dir, d, "package.json"),
        JSON.stringify({ name: `@x/${d.split("/")[1]}`, version: "1.0.0", type: "module" }),
      );
      writeFileSync(
        join(dir, d, "tsconfig.json"),
        JSON.stringify({ extends: "../../tsconfig.base.json", include: ["src"] }),
      );
      writeFileSync(join(dir, d, "src/index.ts"), code);
    }
    const outcome = await gate("typecheck").run(ctx(dir));
    expect(outcome.status).toBe("fail");
    expect(outcome.summary).toBe("type errors in packages/bad");
    expect(outcome.details).toMatch(
      /src\/index\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'/,
    );
    expect(outcome.fix).toContain("`pnpm exec tsc -p packages/bad/tsconfig.json --noEmit`");
  }, 60_000);

  it("size: skipped, saying why, when the client has no size script", async () => {
    const dir = join(scratch, "size");
    mkdirSync(join(dir, "packages/client"), { recursive: true });
    writeFileSync(join(dir, "packages/client/package.json"), JSON.stringify({ name: "@csbs/client", scripts: {} }));
    expect(await gate("size").run(ctx(dir))).toMatchObject({
      status: "skip",
      summary: expect.stringMatching(/no `size` script/),
    });
  });

  it("lint:spec: the repository's spec lints clean", async () => {
    expect(await gate("lint:spec").run(ctx(repoRoot))).toMatchObject({ status: "pass" });
  }, 30_000);
});
