// The code samples of the reference cannot rot: every operation of the spec gets a curl and a TypeScript sample
// (generated, or hand-written in samples/<operationId>.sh|.ts), every TypeScript sample — shown or generated — is
// type-checked against the real @csbs/client, every curl sample is checked against the spec, and the page shows
// exactly the files that are checked (dist/samples/).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deref, loadBundledSpec, specValidator } from "@csbs/spec/validator";
import { describe, expect, it } from "vitest";
import { docsSpec, overrideFile } from "../scripts/build.js";
import { type Json, operationsOf, parametersOf, SAMPLE_KINDS, sampleSource } from "../scripts/samples.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const read = (file: string) => readFileSync(resolve(root, file), "utf8");
const doc = loadBundledSpec();
const validator = specValidator(doc);
const operations = operationsOf(doc);
const tsc = resolve(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");

/** tsc's complaints about a project ("" when it type-checks). */
function typeErrors(project: string): string {
  try {
    execFileSync(process.execPath, [tsc, "-p", project], { cwd: root, encoding: "utf8" });
    return "";
  } catch (error) {
    return `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
  }
}

/** Checks a curl sample against the operation it documents; returns the problems. */
function curlProblems(source: string, op: (typeof operations)[number]): string[] {
  const problems: string[] = [];
  const url = /curl [^"]*"\$ENDPOINT(\/[^"?]+)[^"]*"/.exec(source)?.[1];
  const template = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
  if (!url || !template.test(url)) problems.push(`URL ${url} is not ${op.path}`);
  const header = doc.components.securitySchemes?.IamToken?.name;
  if (!source.includes(`-H "${header}: `)) problems.push(`no ${header} header`);
  const parameters = parametersOf(doc, op);
  for (const [, name, value] of source.matchAll(/--data-urlencode "([^=]+)=([^"]*)"/g)) {
    const parameter = parameters.find((p: Json) => p.name === name && p.in === "query");
    if (!parameter) {
      problems.push(`${name} is no query parameter of ${op.operationId}`);
      continue;
    }
    const schema = deref(doc, parameter.schema);
    const typed = schema.type === "integer" ? Number(value) : schema.type === "boolean" ? value === "true" : value;
    const validate = validator.compileSchema(parameter.schema);
    if (!validate(typed)) problems.push(`${name}=${value}: ${JSON.stringify(validate.errors)}`);
  }
  return problems;
}

describe("code samples", () => {
  it("every operation has both samples on the page, verbatim as written to dist/samples/", () => {
    const page = docsSpec().doc;
    const html = read("dist/index.html");
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) {
      const injected = page.paths[op.path][op.method]["x-codeSamples"];
      for (const kind of SAMPLE_KINDS) {
        const source = read(`dist/samples/${op.operationId}.${kind.ext}`).trimEnd();
        expect(injected, `${op.operationId} ${kind.label}`).toContainEqual({
          lang: kind.lang,
          label: kind.label,
          source,
        });
        expect(html).toContain(JSON.stringify(source).slice(1, -1));
        expect(read(`dist/samples/generated/${op.operationId}.${kind.ext}`).trimEnd()).toBe(
          sampleSource(kind.ext, doc, op),
        );
      }
    }
  });

  it("a hand-written samples/<operationId>.ts overrides the generated one; without a file, the generated is shown", () => {
    for (const op of operations) {
      for (const kind of SAMPLE_KINDS) {
        const shown = read(`dist/samples/${op.operationId}.${kind.ext}`).trimEnd();
        const file = overrideFile(op.operationId, kind.ext);
        expect(shown).toBe(existsSync(file) ? readFileSync(file, "utf8").trimEnd() : sampleSource(kind.ext, doc, op));
      }
    }
    // The repository has both cases: a hand-written TypeScript sample, a generated curl sample.
    expect(existsSync(resolve(root, "samples/listCheckpointItems.ts"))).toBe(true);
    expect(existsSync(resolve(root, "samples/listCheckpointItems.sh"))).toBe(false);
  });

  it("every TypeScript sample, shown and generated, type-checks against @csbs/client (tsc --noEmit, strict)", () => {
    expect(typeErrors("samples/tsconfig.json")).toBe("");
  });

  it("a sample that calls the client wrongly fails that check, naming the error", () => {
    const dir = resolve(root, "test-output/bad-sample");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const op = operations[0] as (typeof operations)[number];
    const good = sampleSource("ts", doc, op);
    writeFileSync(resolve(dir, "wrong-method.ts"), good.replace(`csbs.${op.operationId}(`, "csbs.noSuchOperation("));
    writeFileSync(
      resolve(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../../samples/tsconfig.json", include: ["*.ts"] }),
    );
    expect(typeErrors(resolve(dir, "tsconfig.json"))).toMatch(
      /wrong-method\.ts.*error TS2339: Property 'noSuchOperation'/,
    );
  });

  it("every curl sample, shown and generated, calls its operation with valid parameters and the token header", () => {
    for (const op of operations) {
      for (const source of [read(`dist/samples/${op.operationId}.sh`), sampleSource("sh", doc, op)]) {
        expect(curlProblems(source, op), op.operationId).toEqual([]);
        expect(source).toMatch(/--data-urlencode/);
      }
    }
  });

  it("the curl check catches a wrong parameter value", () => {
    const op = operations[0] as (typeof operations)[number];
    const bad = sampleSource("sh", doc, op).replace(/"limit=\d+"/, '"limit=0"');
    expect(curlProblems(bad, op).join("\n")).toMatch(/limit=0/);
  });

  it("a new operation gets both samples from the spec alone: its method, path, path parameters and examples", () => {
    const grown = structuredClone(doc) as Json;
    const [path, item] = Object.entries<Json>(grown.paths)[0] as [string, Json];
    grown.paths[`${path}/{checkpoint_id}/count`] = {
      parameters: item.parameters,
      get: {
        operationId: "countThings",
        parameters: [
          { name: "checkpoint_id", in: "path", required: true, schema: { type: "string" }, example: "c-1" },
          { name: "status", in: "query", schema: { type: "string" }, example: "error" },
        ],
        responses: { "200": { description: "OK" } },
      },
    };
    const op = operationsOf(grown).find((o) => o.operationId === "countThings") as (typeof operations)[number];
    const curl = sampleSource("sh", grown, op);
    expect(curl).toContain(`"$ENDPOINT${path.replace("{project_id}", "$HW_PROJECT_ID")}/c-1/count"`);
    expect(curl).toContain('--data-urlencode "status=error"');
    const ts = sampleSource("ts", grown, op);
    expect(ts).toContain('await csbs.countThings({\n  checkpoint_id: "c-1",\n  status: "error",\n});');
    expect(ts).not.toContain("project_id:");
  });

  it("the spec itself carries no hand-written samples (they live in packages/docs/samples/)", () => {
    for (const op of operations) expect(op.operation["x-codeSamples"]).toBeUndefined();
  });
});
