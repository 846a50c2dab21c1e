/**
 * `pnpm generate`: @csbs/types from the bundled spec (@csbs/spec/openapi.json, i.e. spec/dist/openapi.json).
 *   src/openapi.d.ts  the openapi-typescript output (paths, components, operations)
 *   src/index.d.ts    friendly aliases (one per component schema; Query/PathParams/Response/ErrorStatus/Path per
 *                     operation) and the operation table's declaration; CommonJS-typed, like the package
 *   src/index.d.mts   the same for `import`, so ESM and CommonJS projects each resolve types of their own format
 *   src/index.js      the operation table at runtime, CommonJS
 *   src/index.mjs     the operation table at runtime, ESM
 * The operation table describes every operation: operationId, method, path, parameters (name, in, required,
 * default), documented error statuses and paging (the operation's `x-pagination`). Every file starts with
 * GENERATED_HEADER.
 *
 *   tsx scripts/generate-cli.mts [--spec bundled.json] [--out dir] [--check]
 * `--check` writes nothing: it regenerates in memory and fails, naming each drifted file and the fix, when `--out`
 * (default src/) differs from what the spec generates.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkBundle } from "@csbs/spec/vocabulary";
import openapiTS, { astToString } from "openapi-typescript";

export const GENERATED_HEADER = "// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.\n";
export const DRIFT_FIX = "run `pnpm generate` (and commit the result); never edit generated files by hand";
export const VOCABULARY_FIX = "fix: `pnpm lint:spec` shows each problem at its file:line:col in spec/";
export const SRC_DIR = fileURLToPath(new URL("../src", import.meta.url));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, unknown>;
export interface Spec {
  paths: Record<string, Obj>;
  components?: { schemas?: Record<string, unknown> } & Obj;
  [key: string]: unknown;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const pascal = (s: string) => s.replace(/(^|[_\-\s]+)([a-z0-9])/gi, (_, __, c: string) => c.toUpperCase());

/** Follows a local `$ref` (`#/components/...`) of the bundled document, as often as it chains. */
function deref(spec: Spec, value: unknown): Obj {
  let node = value as Obj;
  for (let hops = 0; node && typeof node.$ref === "string"; hops++) {
    const ref = node.$ref;
    if (!ref.startsWith("#/") || hops > 20) throw new Error(`generate: cannot follow $ref ${ref}`);
    node = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((at, part) => (at as Obj | undefined)?.[part], spec) as Obj;
    if (node === undefined) throw new Error(`generate: $ref ${ref} points at nothing`);
  }
  return node;
}

export interface OperationEntry {
  operationId: string;
  method: string;
  path: string;
  parameters: { name: string; in: string; required: boolean; default?: Json }[];
  errorStatuses: number[];
  pagination?: Record<string, string>;
}

/** The operation table: every operation of the spec, in document order. */
export function operationTable(spec: Spec): OperationEntry[] {
  // The spec's vocabulary (x-filter, x-sort, x-pagination): what `pnpm lint:spec` refuses, refused here too.
  const problems = checkBundle(spec);
  if (problems.length) {
    const lines = problems.map((p) => `  csbs/${p.rule} at ${p.at}: ${p.message}`);
    throw new Error(
      `generate: the spec breaks its vocabulary (spec/vocabulary.ts):\n${lines.join("\n")}\n${VOCABULARY_FIX}`,
    );
  }
  const table: OperationEntry[] = [];
  for (const [path, rawItem] of Object.entries(spec.paths ?? {})) {
    const item = deref(spec, rawItem);
    for (const method of METHODS) {
      const op = item[method] as Obj | undefined;
      if (!op) continue;
      const operationId = op.operationId;
      if (typeof operationId !== "string")
        throw new Error(`generate: ${method.toUpperCase()} ${path} has no operationId`);
      // Operation-level parameters override path-level ones of the same name and location.
      const params = new Map<string, OperationEntry["parameters"][number]>();
      for (const raw of [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])]) {
        const p = deref(spec, raw);
        const schema = p.schema ? deref(spec, p.schema) : undefined;
        const entry: OperationEntry["parameters"][number] = {
          name: String(p.name),
          in: String(p.in),
          required: p.required === true,
        };
        if (schema && "default" in schema) entry.default = schema.default as Json;
        params.set(`${entry.in}:${entry.name}`, entry);
      }
      const errorStatuses = Object.keys((op.responses as Obj) ?? {})
        .filter((status) => /^[45]\d\d$/.test(status))
        .map(Number)
        .sort((a, b) => a - b);
      const entry: OperationEntry = { operationId, method, path, parameters: [...params.values()], errorStatuses };
      // What x-pagination may say is checked with the rest of the vocabulary (checkBundle, above).
      const paging = op["x-pagination"] as Record<string, string> | undefined;
      if (paging) entry.pagination = paging;
      table.push(entry);
    }
  }
  return table;
}

/** A TypeScript type that is exactly this JSON value (what `as const` would infer). */
function literalType(value: unknown, indent = ""): string {
  if (Array.isArray(value)) {
    if (!value.length) return "readonly []";
    const inner = `${indent}  `;
    return `readonly [\n${value.map((v) => `${inner}${literalType(v, inner)},`).join("\n")}\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const inner = `${indent}  `;
    const fields = Object.entries(value).map(
      ([k, v]) => `${inner}readonly ${JSON.stringify(k)}: ${literalType(v, inner)};`,
    );
    return `{\n${fields.join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const TABLE_DOC = "/** Every operation of the spec, in document order: what @csbs/client builds its methods from. */";

/** The alias module: what most consumers import instead of indexing into `paths`, plus the table's types. */
export function aliasModule(spec: Spec): string {
  const table = operationTable(spec);
  const lines = [
    GENERATED_HEADER,
    'import type { components, operations } from "./openapi.js";',
    "",
    'export type { components, operations, paths, $defs, webhooks } from "./openapi.js";',
    "",
    "// Component schemas",
  ];
  for (const name of Object.keys(spec.components?.schemas ?? {}).sort()) {
    lines.push(`export type ${pascal(name)} = components["schemas"]["${name}"];`);
  }
  for (const { operationId: id, method, path } of table) {
    const T = pascal(id);
    const opRef = `operations["${id}"]`;
    lines.push(
      "",
      `// ${method.toUpperCase()} ${path}`,
      `export type ${T}Operation = ${opRef};`,
      `export type ${T}PathParams = NonNullable<${opRef}["parameters"]["path"]>;`,
      `export type ${T}Query = NonNullable<${opRef}["parameters"]["query"]>;`,
      `export type ${T}Response = ${opRef}["responses"][200]["content"]["application/json"];`,
      `/** The documented error statuses of ${id}. */`,
      `export type ${T}ErrorStatus = Exclude<keyof ${opRef}["responses"], 200 | "default">;`,
      `export type ${T}Path = "${path}";`,
    );
  }
  lines.push(
    "",
    "// The operation table (runtime: index.js, index.mjs)",
    "/** One parameter of an operation: `default` is its schema's default, when it has one. */",
    "export interface OperationParameter {",
    "  readonly name: string;",
    '  readonly in: "path" | "query" | "header" | "cookie";',
    "  readonly required: boolean;",
    "  readonly default?: unknown;",
    "}",
    "/** How an operation pages (its `x-pagination`): items field, their id field, and the paging query parameters. */",
    "export interface OperationPagination {",
    '  readonly style: "marker";',
    "  readonly items: string;",
    "  readonly id: string;",
    "  readonly marker: string;",
    "  readonly limit?: string;",
    "  readonly offset?: string;",
    "}",
    "/** One operation of the spec. */",
    "export interface OperationInfo {",
    "  readonly operationId: keyof operations;",
    "  readonly method: string;",
    "  readonly path: string;",
    "  readonly parameters: readonly OperationParameter[];",
    "  /** The error statuses the spec documents for it, ascending. */",
    "  readonly errorStatuses: readonly number[];",
    "  readonly pagination?: OperationPagination;",
    "}",
    `export type OperationTable = ${literalType(table)};`,
    "/** Every error status documented by an operation of the spec. */",
    'export type DocumentedErrorStatus = OperationTable[number]["errorStatuses"][number];',
    TABLE_DOC,
    "export declare const operationTable: OperationTable;",
  );
  return `${lines.join("\n")}\n`;
}

/** The generated files of @csbs/types, by name, from a bundled spec. */
export async function renderTypes(spec: Spec): Promise<[string, string][]> {
  const ast = await openapiTS(structuredClone(spec) as never, {
    // A `default` in a response schema says what the server means when a field is absent, not that it is sent.
    defaultNonNullable: false,
  });
  const body = astToString(ast).replace(/^\/\*\*[\s\S]*?\*\/\n\n/, ""); // drop openapi-typescript's own banner
  const table = JSON.stringify(operationTable(spec), null, 2);
  return [
    ["openapi.d.ts", `${GENERATED_HEADER}\n${body}`],
    ["index.d.ts", aliasModule(spec)],
    [
      "index.d.mts",
      `${GENERATED_HEADER}\nexport type * from "./index.js";\nimport type { OperationTable } from "./index.js";\n` +
        `${TABLE_DOC}\nexport declare const operationTable: OperationTable;\n`,
    ],
    ["index.js", `${GENERATED_HEADER}"use strict";\n${TABLE_DOC}\nexports.operationTable = ${table};\n`],
    ["index.mjs", `${GENERATED_HEADER}${TABLE_DOC}\nexport const operationTable = ${table};\n`],
  ];
}

export interface Drift {
  file: string;
  problem: string;
}

const clip = (s: string) => (s.length > 100 ? `${s.slice(0, 97)}...` : s);

/** How the generated files in `dir` differ from what `spec` generates (empty: no drift). */
export async function findDrift(spec: Spec, dir: string): Promise<Drift[]> {
  const expected = new Map(await renderTypes(spec));
  const out: Drift[] = [];
  for (const [file, want] of expected) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      out.push({ file, problem: "is missing" });
      continue;
    }
    const have = readFileSync(path, "utf8");
    if (have === want) continue;
    if (!have.startsWith(GENERATED_HEADER.trimEnd())) {
      out.push({ file, problem: "lost its generated header: it was edited by hand (or replaced)" });
      continue;
    }
    const a = have.split("\n");
    const b = want.split("\n");
    let i = 0;
    while (i < Math.min(a.length, b.length) && a[i] === b[i]) i++;
    out.push({
      file,
      problem:
        `differs from what spec/ generates, from line ${i + 1}: ` +
        `committed ${JSON.stringify(clip(a[i] ?? "(end of file)"))}, generated ${JSON.stringify(clip(b[i] ?? "(end of file)"))} ` +
        "(a hand edit, or a spec edit that was not regenerated)",
    });
  }
  // A file that says it is generated but no longer is: left behind by an older generator.
  if (existsSync(dir)) {
    for (const file of readdirSync(dir)) {
      if (expected.has(file) || !/\.[cm]?[jt]s$/.test(file)) continue;
      if (readFileSync(join(dir, file), "utf8").startsWith(GENERATED_HEADER.trimEnd())) {
        out.push({ file, problem: "carries the generated header but is no longer generated" });
      }
    }
  }
  return out;
}

export async function loadSpec(file?: string): Promise<Spec> {
  const path = file ?? createRequire(import.meta.url).resolve("@csbs/spec/openapi.json");
  try {
    return JSON.parse(await readFile(path, "utf8")) as Spec;
  } catch (error) {
    throw new Error(`generate: cannot read the bundled spec ${path} (run \`pnpm build\` in spec/): ${String(error)}`);
  }
}

export async function generate(spec: Spec, outDir: string = SRC_DIR): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files = (await renderTypes(spec)).map(([name, text]) => [resolve(outDir, name), text] as const);
  for (const [file, text] of files) await writeFile(file, text);
  return files.map(([f]) => f);
}
