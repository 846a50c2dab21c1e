// The code samples of the reference cannot rot: the TypeScript sample is type-checked against the real @csbs/client
// (and through it the generated types), the curl sample is checked against the spec, and the page shows exactly
// the files that are checked.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deref, loadBundledSpec, specValidator } from "@csbs/spec/validator";
import { describe, expect, it } from "vitest";
import { docsSpec, OPERATION_PATH, samples } from "../scripts/build.js";

// The OpenAPI document is walked as plain JSON.
// biome-ignore lint/suspicious/noExplicitAny: a JSON tree
type Json = any;

const root = fileURLToPath(new URL("..", import.meta.url));
const read = (file: string) => readFileSync(resolve(root, file), "utf8");
const doc = loadBundledSpec();
const validator = specValidator(doc);
const operation = doc.paths[OPERATION_PATH]?.get;
const resolveRef = (node: Json): Json => deref(doc, node);

describe("code samples", () => {
  it("the TypeScript sample type-checks against @csbs/client (tsc --noEmit, strict)", () => {
    const tsc = resolve(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", "samples/tsconfig.json"], { cwd: root, encoding: "utf8" });
    } catch (error) {
      output = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
    }
    expect(output).toBe("");
  });

  it("the TypeScript sample uses the client's public API", () => {
    const source = read("samples/list-checkpoint-items.ts");
    expect(source).toContain('from "@csbs/client"');
    expect(source).toMatch(/createCsbsClient\(/);
    expect(source).toMatch(/\.listCheckpointItems\(/);
  });

  it("the curl sample calls the documented operation with valid parameters and the token header", () => {
    const source = read("samples/list-checkpoint-items.sh");
    const url = /curl [^"]*"\$ENDPOINT(\/[^"]+)"/.exec(source)?.[1];
    expect(url).toBeDefined();
    const template = new RegExp(`^${OPERATION_PATH.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    expect(url).toMatch(template);
    const security = doc.components.securitySchemes?.IamToken;
    expect(source).toContain(`-H "${security.name}: `);
    const pairs = [...source.matchAll(/--data-urlencode "([^=]+)=([^"]*)"/g)].map((m) => [m[1], m[2]] as const);
    expect(pairs.length).toBeGreaterThan(0);
    const parameters = operation.parameters.map(resolveRef);
    for (const [name, value] of pairs) {
      const parameter = parameters.find((p: Json) => p.name === name && p.in === "query");
      expect(parameter, name).toBeDefined();
      const schema = resolveRef(parameter.schema);
      const typed = schema.type === "integer" ? Number(value) : schema.type === "boolean" ? value === "true" : value;
      const validate = validator.compileSchema(parameter.schema);
      expect(validate(typed) ? [] : validate.errors, `${name}=${value}`).toEqual([]);
    }
  });

  it("the page carries both samples, verbatim from samples/, on the operation", () => {
    const injected = docsSpec().paths[OPERATION_PATH].get["x-codeSamples"];
    for (const sample of samples) {
      expect(injected).toContainEqual({ lang: sample.lang, label: sample.label, source: read(sample.file).trimEnd() });
    }
    const html = read("dist/index.html");
    for (const sample of samples) expect(html).toContain(JSON.stringify(read(sample.file).trimEnd()).slice(1, -1));
  });

  it("the spec itself carries no hand-written samples (they live in packages/docs/samples/)", () => {
    expect(operation["x-codeSamples"]).toBeUndefined();
  });
});
