// Generated-code drift: a spec change that was not regenerated, or a hand edit of a generated file, is found with the
// file and the fix (`pnpm generate`); `generate --check` fails on it. Copies only: src/ is never touched.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIFT_FIX, findDrift, GENERATED_HEADER, loadSpec, type Spec, SRC_DIR } from "../scripts/generate.mjs";

const run = promisify(execFile);
const script = fileURLToPath(new URL("../scripts/generate-cli.mts", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
const GENERATED = [
  "openapi.gen.d.ts",
  "index.gen.d.ts",
  "index.gen.d.mts",
  "index.gen.js",
  "index.gen.mjs",
  "model.gen.d.ts",
  "model.gen.d.mts",
  "model.gen.js",
  "model.gen.mjs",
];
const tmp = mkdtempSync(join(tmpdir(), "csbs-drift-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec();
});

/** A copy of the committed generated files, to edit. */
function copyOfSrc(name: string): string {
  const dir = join(tmp, name);
  cpSync(SRC_DIR, dir, { recursive: true });
  return dir;
}

describe("drift", () => {
  it("none: the committed src/ is what the spec generates", async () => {
    expect(await findDrift(spec, SRC_DIR)).toEqual([]);
  });

  it("every generated file starts with the generated header", () => {
    for (const name of GENERATED) {
      expect(readFileSync(join(SRC_DIR, name), "utf8").startsWith(GENERATED_HEADER)).toBe(true);
    }
    expect(GENERATED_HEADER).toMatch(/generated from spec\/ .* do not edit/);
  });

  it("every generated file says so in its name (*.gen.*), and src/ holds nothing else", () => {
    expect(GENERATED.every((name) => name.includes(".gen."))).toBe(true);
    expect(readdirSync(SRC_DIR).sort()).toEqual([...GENERATED].sort());
  });

  it("a parameter edit that was not regenerated shows in the types and the model", async () => {
    const doc = structuredClone(spec) as Spec & { components: { parameters: Record<string, { description: string }> } };
    const limit = doc.components.parameters.limit as { description: string };
    limit.description = limit.description.replace("Number of resources", "Count of resources");
    const drift = await findDrift(doc, SRC_DIR);
    expect(drift.map((d) => d.file).sort()).toEqual(["model.gen.js", "model.gen.mjs", "openapi.gen.d.ts"]);
    expect(drift[0]?.problem).toMatch(/differs from what spec\/ generates, from line \d+: .*Count of resources/);
  });

  it("a schema edit shows in openapi.gen.d.ts and the aliases", async () => {
    const doc = structuredClone(spec) as Spec & { components: { schemas: Record<string, unknown> } };
    doc.components.schemas.Region = { type: "string", description: "A region." };
    expect((await findDrift(doc, SRC_DIR)).map((d) => d.file).sort()).toEqual(["index.gen.d.ts", "openapi.gen.d.ts"]);
  });

  it("a paging edit shows in the operation table (runtime and declaration) and the model", async () => {
    const doc = structuredClone(spec);
    const [path, item] = Object.entries(doc.paths)[0] as [string, { get: Record<string, unknown> }];
    item.get["x-pagination"] = { ...(item.get["x-pagination"] as object), id: "checkpoint_id" };
    doc.paths[path] = item;
    expect((await findDrift(doc, SRC_DIR)).map((d) => d.file).sort()).toEqual([
      "index.gen.d.ts",
      "index.gen.js",
      "index.gen.mjs",
      "model.gen.js",
      "model.gen.mjs",
    ]);
  });

  it("a hand edit of a generated file, named with its first differing line", async () => {
    const dir = copyOfSrc("hand-edit");
    const file = join(dir, "index.gen.d.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace("export type CheckpointItem =", "export type Backup ="));
    const drift = await findDrift(spec, dir);
    expect(drift).toHaveLength(1);
    expect(drift[0]?.file).toBe("index.gen.d.ts");
    expect(drift[0]?.problem).toMatch(
      /from line \d+: committed "export type Backup =.*", generated "export type CheckpointItem =/,
    );
  });

  it("a generated file whose header was removed", async () => {
    const dir = copyOfSrc("no-header");
    const file = join(dir, "index.gen.mjs");
    writeFileSync(file, readFileSync(file, "utf8").replace(GENERATED_HEADER, "// my table\n"));
    expect(await findDrift(spec, dir)).toEqual([
      { file: "index.gen.mjs", problem: expect.stringMatching(/edited by hand/) },
    ]);
  });

  it("a missing generated file, and a stale one left behind", async () => {
    const dir = copyOfSrc("missing");
    unlinkSync(join(dir, "index.gen.js"));
    writeFileSync(join(dir, "old.d.ts"), `${GENERATED_HEADER}\nexport type Old = string;\n`);
    expect(await findDrift(spec, dir)).toEqual([
      { file: "index.gen.js", problem: "is missing" },
      { file: "old.d.ts", problem: "carries the generated header but is no longer generated" },
    ]);
  });

  it("`generate --check` passes on src/ and fails on a drifted copy, printing the fix `pnpm generate`", async () => {
    const clean = await run(tsx, [script, "--check"]);
    expect(clean.stdout).toContain("is what the spec generates");
    const dir = copyOfSrc("cli");
    writeFileSync(join(dir, "index.gen.mjs"), `${readFileSync(join(dir, "index.gen.mjs"), "utf8")}// extra\n`);
    const failed = await run(tsx, [script, "--check", "--out", dir]).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(
      /^\S*cli\/index\.gen\.mjs differs from what spec\/ generates/,
    );
    expect((failed as { stderr: string }).stderr).toContain(`fix: ${DRIFT_FIX}`);
    expect(DRIFT_FIX).toContain("`pnpm generate`");
    // --check wrote nothing.
    expect(readFileSync(join(dir, "index.gen.mjs"), "utf8")).toMatch(/\/\/ extra\n$/);
  });

  it("a spec that cannot be read is one clear line, not a stack trace", async () => {
    const failed = await run(tsx, [script, "--check", "--spec", join(tmp, "nope.json")]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr.trim().split("\n")).toHaveLength(1);
    expect((failed as { stderr: string }).stderr).toMatch(/cannot read the bundled spec/);
  });
});
