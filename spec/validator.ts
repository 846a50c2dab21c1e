/**
 * JSON Schema validation against the bundled spec, with ajv (draft 2020-12, the dialect of OpenAPI 3.1).
 * Used by the spec's own tests, the mock's contract tests and the tools. Also the repository root and the one
 * `$ref` walker everyone uses.
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

/**
 * The one `$ref` walker of the repository: follows local `$ref`s ("#/components/...") through `doc` to a node that
 * is not a reference. Keywords beside a `$ref` (OpenAPI 3.1 allows e.g. a `description` there) are merged over the
 * target; `refs` are the references followed, in order (callers use them to stop on recursive schemas).
 */
// biome-ignore lint/suspicious/noExplicitAny: spec nodes are untyped JSON
export function resolveRef(doc: object, node: any): { node: any; refs: string[] } {
  const refs: string[] = [];
  let siblings: Record<string, unknown> = {};
  while (typeof node?.$ref === "string" && node.$ref.startsWith("#/") && !refs.includes(node.$ref)) {
    const { $ref, ...rest } = node;
    refs.push($ref);
    siblings = { ...rest, ...siblings };
    node = $ref
      .slice(2)
      .split("/")
      // biome-ignore lint/suspicious/noExplicitAny: walking untyped JSON
      .reduce((o: any, k: string) => o?.[k.replaceAll("~1", "/").replaceAll("~0", "~")], doc);
    if (node === undefined) throw new Error(`unresolved $ref ${$ref}`);
  }
  return {
    node: Object.keys(siblings).length && node && typeof node === "object" ? { ...node, ...siblings } : node,
    refs,
  };
}

/** `resolveRef`'s node: what a `$ref` stands for. */
// biome-ignore lint/suspicious/noExplicitAny: spec nodes are untyped JSON
export const deref = (doc: object, node: any): any => resolveRef(doc, node).node;

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
