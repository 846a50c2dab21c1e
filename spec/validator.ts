/**
 * JSON Schema validation against the bundled spec, with ajv (draft 2020-12, the dialect of OpenAPI 3.1).
 * Used by the spec's own tests, the mock's contract tests and the tools. Also the repository root.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
type FormatsPlugin = typeof addFormatsModule.default;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const bundledSpecPath: string = resolve(repoRoot, "spec/dist/openapi.json");

export type OpenApiDocument = {
  openapi: string;
  info: { version: string; [k: string]: unknown };
  paths: Record<string, Record<string, any>>;
  components: Record<string, Record<string, any>>;
  [k: string]: unknown;
};

export function loadBundledSpec(path: string = bundledSpecPath): OpenApiDocument {
  return JSON.parse(readFileSync(path, "utf8")) as OpenApiDocument;
}

const SPEC_ID = "https://csbs-api.local/openapi.json";

// The resolver is re-exported for the spec's own tests; it lives in resolve.ts.
export { deref, resolveRef } from "./resolve.js";

export interface SpecValidator {
  /** A validator for the schema at a JSON pointer of the spec, e.g. "#/components/schemas/CheckpointItem". */
  compile(pointer: string): ValidateFunction;
  /** A validator for an inline schema that may $ref the spec's components ("#/components/..."). */
  compileSchema(schema: object): ValidateFunction;
  /** Validates and returns readable error lines (empty when valid). */
  errors(pointer: string, value: unknown): string[];
}

export function specValidator(doc: OpenApiDocument = loadBundledSpec()): SpecValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  // The spec is no JSON Schema itself: register its keywords so strict mode lets it be a $ref target.
  for (const keyword of ["openapi", "info", "servers", "security", "tags", "paths", "components", "example"]) {
    ajv.addKeyword({ keyword });
  }
  ajv.addSchema({ ...doc, $id: SPEC_ID });
  const cache = new Map<string, ValidateFunction>();
  const compile = (pointer: string) => {
    let fn = cache.get(pointer);
    if (!fn) {
      fn = ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
      cache.set(pointer, fn);
    }
    return fn;
  };
  const compileSchema = (schema: object) =>
    ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`)));
  return {
    compile,
    compileSchema,
    errors(pointer, value) {
      const fn = compile(pointer);
      return fn(value) ? [] : formatErrors(fn.errors);
    },
  };
}

export function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) => `${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`,
  );
}
