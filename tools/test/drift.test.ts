// Generated-code drift: an edit under spec/ that was not regenerated, or a hand edit of a generated file, is found,
// with the file and the fix (`pnpm generate`). Copies only: the repository's files are never touched.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBundledSpec, repoRoot } from "@csbs/spec/validator";
import { afterAll, describe, expect, it } from "vitest";
import { bundleSpec } from "../src/breaking.js";
import type { OpenApiDoc } from "../src/breaking-rules.js";
import { checkDrift, DRIFT_FIX, findDrift, TYPES_DIR } from "../src/check-drift.js";
import { GENERATED_HEADER } from "../src/generate-types.js";

const typesDir = join(repoRoot, TYPES_DIR);
const tmp = mkdtempSync(join(tmpdir(), "csbs-drift-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the committed generated files, to edit. */
function copyOfTypes(name: string): string {
  const dir = join(tmp, name);
  cpSync(typesDir, dir, { recursive: true });
  return dir;
}

describe("drift", () => {
  it("none: the committed packages/types/src is what spec/ generates", async () => {
    expect(await checkDrift()).toEqual([]);
  });

  it("every generated file starts with the generated header", () => {
    for (const name of ["openapi.d.ts", "index.d.ts", "index.d.mts"]) {
      expect(readFileSync(join(typesDir, name), "utf8").startsWith(GENERATED_HEADER)).toBe(true);
    }
    expect(GENERATED_HEADER).toMatch(/generated from spec\/ .* do not edit/);
  });

  it("an edit of a spec/ source file that was not regenerated", async () => {
    const copy = join(tmp, "repo");
    cpSync(join(repoRoot, "spec"), join(copy, "spec"), {
      recursive: true,
      filter: (src) => !/[/\\](dist|node_modules)$/.test(src),
    });
    cpSync(join(repoRoot, "redocly.yaml"), join(copy, "redocly.yaml"));
    const file = join(copy, "spec/components/parameters/limit.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("Number of resources", "Count of resources"));
    const drift = await findDrift(await bundleSpec(copy), typesDir);
    expect(drift.map((d) => d.file)).toEqual([`${TYPES_DIR}/openapi.d.ts`]);
    expect(drift[0]?.problem).toMatch(
      /differs from what spec\/ generates, from line \d+: .*@description Count of resources/,
    );
  }, 60_000);

  it("a schema edit in the bundle shows in both generated files", async () => {
    const doc = structuredClone(loadBundledSpec()) as unknown as OpenApiDoc & {
      components: { schemas: Record<string, unknown> };
    };
    doc.components.schemas.Region = { type: "string", description: "A region." };
    const drift = await findDrift(doc, typesDir);
    expect(drift.map((d) => d.file).sort()).toEqual(
      ["index.d.ts", "openapi.d.ts"].map((name) => `${TYPES_DIR}/${name}`),
    );
  });

  it("a hand edit of a generated file, named with its first differing line", async () => {
    const dir = copyOfTypes("hand-edit");
    const file = join(dir, "index.d.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace("export type CheckpointItem =", "export type Backup ="));
    const drift = await findDrift(loadBundledSpec(), dir);
    expect(drift).toHaveLength(1);
    expect(drift[0]?.file).toBe(`${TYPES_DIR}/index.d.ts`);
    expect(drift[0]?.problem).toMatch(
      /from line \d+: committed "export type Backup =.*", generated "export type CheckpointItem =/,
    );
  });

  it("a generated file whose header was removed", async () => {
    const dir = copyOfTypes("no-header");
    const file = join(dir, "openapi.d.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace(GENERATED_HEADER, "// my types\n"));
    const drift = await findDrift(loadBundledSpec(), dir);
    expect(drift).toEqual([{ file: `${TYPES_DIR}/openapi.d.ts`, problem: expect.stringMatching(/edited by hand/) }]);
  });

  it("a missing generated file, and a stale one left behind", async () => {
    const dir = copyOfTypes("missing");
    unlinkSync(join(dir, "index.d.ts"));
    writeFileSync(join(dir, "old.d.ts"), `${GENERATED_HEADER}\nexport type Old = string;\n`);
    const drift = await findDrift(loadBundledSpec(), dir);
    expect(drift).toEqual([
      { file: `${TYPES_DIR}/index.d.ts`, problem: "is missing" },
      { file: `${TYPES_DIR}/old.d.ts`, problem: "carries the generated header but is no longer generated" },
    ]);
  });

  it("the fix it prints is `pnpm generate`", () => {
    expect(DRIFT_FIX).toContain("`pnpm generate`");
  });
});
