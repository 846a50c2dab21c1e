/**
 * `pnpm generate`: @csbs/types from the bundled spec (@csbs/spec/openapi.json, i.e. spec/dist/openapi.json). Every
 * file it writes is named `*.gen.*` and starts with GENERATED_HEADER:
 *   src/openapi.gen.d.ts     the openapi-typescript output (paths, components, operations)
 *   src/index.gen.d.ts       friendly aliases (one per component schema; Query/PathParams/Response/ErrorStatus/Path per
 *                            operation), the `enums`, and the operation table's declaration; CommonJS-typed
 *   src/index.gen.d.mts      the same for `import`, so ESM and CommonJS projects each resolve types of their own format
 *   src/index.gen.js, .mjs   the operation table, `commonPathParameters` and `enums` at runtime (CommonJS, ESM)
 *   src/model.gen.*          the model (`@csbs/types/model`): every operation normalized once (model.mts)
 * The operation table is the model's slice that the client needs: operationId, method, path, parameters (name, in,
 * required, default), documented error statuses and paging (`x-pagination`, with its default page size).
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
import { astToString, openapiTS } from "@csbs/typescript6";
import { type ApiModel, buildModel, type Json, type PaginationModel } from "./model.mjs";

export const GENERATED_HEADER = "// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.\n";
export const DRIFT_FIX = "run `pnpm generate` (and commit the result); never edit generated files by hand";
export const VOCABULARY_FIX = "fix: `pnpm lint:spec` shows each problem at its file:line:col in spec/";
export const SRC_DIR = fileURLToPath(new URL("../src", import.meta.url));

type Obj = Record<string, unknown>;
export interface Spec {
  paths: Record<string, Obj>;
  components?: { schemas?: Record<string, unknown> } & Obj;
  [key: string]: unknown;
}

const pascal = (s: string) => s.replace(/(^|[_\-\s.]+)([a-z0-9])/gi, (_, __, c: string) => c.toUpperCase());

export interface OperationEntry {
  operationId: string;
  method: string;
  path: string;
  parameters: { name: string; in: string; required: boolean; default?: Json }[];
  errorStatuses: number[];
  pagination?: PaginationModel;
}

/** The spec's vocabulary (x-filter, x-sort, x-pagination): what `pnpm lint:spec` refuses, refused here too. */
export function checkVocabulary(spec: Spec): void {
  const problems = checkBundle(spec);
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  csbs/${p.rule} at ${p.at}: ${p.message}`);
  throw new Error(
    `generate: the spec breaks its vocabulary (spec/vocabulary.ts):\n${lines.join("\n")}\n${VOCABULARY_FIX}`,
  );
}

/** The operation table: the model's operations, with what the client needs of each. */
export function operationTable(model: ApiModel): OperationEntry[] {
  return model.operations.map((op) => {
    const entry: OperationEntry = {
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      parameters: op.parameters.map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required,
        ...(p.default !== undefined && { default: p.default }),
      })),
      errorStatuses: op.errors.map((e) => e.status),
    };
    if (op.pagination) entry.pagination = op.pagination;
    return entry;
  });
}

/**
 * Every enum of the spec, named like the aliases: the component schemas' (`CheckpointItemStatus`,
 * `ExtendInfoCopyStatus`), then the query parameters' whose values no component enum already lists
 * (`<OperationId><Parameter>`).
 */
export function enumsOf(spec: Spec, model: ApiModel): Record<string, Json[]> {
  const out: Record<string, Json[]> = {};
  const visit = (name: string, schema: Json) => {
    if (!schema || typeof schema !== "object") return;
    if (Array.isArray(schema.enum)) out[name] = schema.enum;
    for (const [key, value] of Object.entries<Json>(schema.properties ?? {})) visit(`${name}${pascal(key)}`, value);
    if (schema.items) visit(name, schema.items);
  };
  for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) visit(pascal(name), schema);
  const known = new Set(Object.values(out).map((values) => JSON.stringify(values)));
  for (const op of model.operations) {
    for (const p of op.parameters) {
      if (p.enum && !known.has(JSON.stringify(p.enum))) out[`${pascal(op.operationId)}${pascal(p.name)}`] = p.enum;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
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
const COMMON_DOC =
  "/** The path parameters every operation has: the client takes them once (`project_id` → `projectId`). */";
const ENUMS_DOC =
  "/** Every enum of the spec's schemas and parameters, as arrays (a select's options, a runtime check). */";
const SORT_KEYS_DOC = "/** The sort keys of each operation that sorts (its x-sort), by operationId. */";
/** `sortBy` at runtime: the same text in the CommonJS and the ESM module. */
const SORT_BY = `function sortBy(...terms) {
  return terms.map((term) => (typeof term === "string" ? term : term.filter(Boolean).join(":"))).join(",");
}`;
const MODEL_DOC =
  "/** The spec's model: every operation, normalized once (parameters, rules, paging, examples, errors, auth). */";

/** The type vocabulary of `sort` parameters (x-sort): terms, literal values of up to three keys, and `sortBy`'s. */
const SORT_TYPES = [
  "// Sorting (x-sort)",
  "/** An intersection as one object type (what editors show, and what equality checks compare). */",
  "type Flatten<T> = { [P in keyof T]: T[P] } & {};",
  'export type SortDirection = "asc" | "desc";',
  "/** One sort term: a key, with or without a direction. */",
  "export type SortTerm<K extends string> = K | `${K}:${SortDirection}`;",
  "type SortPairs<K extends string> = { [A in K]: { [B in Exclude<K, A>]: `${SortTerm<A>},${SortTerm<B>}` }[Exclude<K, A>] }[K];",
  "type SortTriples<K extends string> = {",
  "  [A in K]: {",
  "    [B in Exclude<K, A>]: {",
  "      [C in Exclude<K, A | B>]: `${SortTerm<A>},${SortTerm<B>},${SortTerm<C>}`;",
  "    }[Exclude<K, A | B>];",
  "  }[Exclude<K, A>];",
  "}[K];",
  "declare const sortBrand: unique symbol;",
  "/** A sort value `sortBy` built from [key, direction] pairs, of any length: its keys are checked. */",
  "export type SortBuilt<K extends string> = string & { readonly [sortBrand]: K };",
  "/**",
  ' * A `sort` value over keys K: one to three terms of distinct keys written as a literal (`"name:asc,created_at"`), or',
  " * any number of terms built with `sortBy`. A key that is not K's does not compile.",
  " */",
  "export type SortValue<K extends string> = SortTerm<K> | SortPairs<K> | SortTriples<K> | SortBuilt<K>;",
  '/** Builds a `sort` value: `sortBy("status", ["created_at", "desc"])` → `"status,created_at:desc"`. */',
  "export declare function sortBy<K extends string>(",
  "  ...terms: readonly [SortTerm<K> | readonly [K, SortDirection?], ...(SortTerm<K> | readonly [K, SortDirection?])[]]",
  "): SortBuilt<K>;",
];

/** Per operation: its query, path parameters, answer, error statuses, path, and sort keys when it sorts. */
function operationAliases(op: ApiModel["operations"][number]): string[] {
  const T = pascal(op.operationId);
  const opRef = `operations["${op.operationId}"]`;
  const rawQuery = `NonNullable<${opRef}["parameters"]["query"]>`;
  const lines = [`// ${op.method.toUpperCase()} ${op.path}`, `export type ${T}Operation = ${opRef};`];
  lines.push(`export type ${T}PathParams = NonNullable<${opRef}["parameters"]["path"]>;`);
  if (op.sort) {
    const keys = Object.keys(op.sort.keys).map((k) => JSON.stringify(k));
    lines.push(
      `/** The sort keys of ${op.operationId} (its x-sort). */`,
      `export type ${T}SortKey = ${keys.join(" | ")};`,
      `/** A \`${op.sort.parameter}\` value of ${op.operationId}: \`key[:asc|desc]\` terms of its sort keys. */`,
      `export type ${T}Sort = SortValue<${T}SortKey>;`,
      `/** The query parameters of ${op.operationId}; \`${op.sort.parameter}\` is typed from its x-sort. */`,
      `export type ${T}Query = Flatten<Omit<${rawQuery}, ${JSON.stringify(op.sort.parameter)}> & { ${JSON.stringify(op.sort.parameter)}?: ${T}Sort }>;`,
    );
  } else {
    lines.push(`export type ${T}Query = ${rawQuery};`);
  }
  return [
    ...lines,
    `export type ${T}Response = ${opRef}["responses"][200]["content"]["application/json"];`,
    `/** The documented error statuses of ${op.operationId}. */`,
    `export type ${T}ErrorStatus = Exclude<keyof ${opRef}["responses"], 200 | "default">;`,
    `export type ${T}Path = "${op.path}";`,
  ];
}

/** The operation table's interfaces, in the alias module before its literal type. */
const TABLE_TYPES = [
  "// The operation table (runtime: index.gen.js, index.gen.mjs)",
  "/** One parameter of an operation: `default` is its schema's default, when it has one. */",
  "export interface OperationParameter {",
  "  readonly name: string;",
  '  readonly in: "path" | "query" | "header" | "cookie";',
  "  readonly required: boolean;",
  "  readonly default?: unknown;",
  "}",
  "/**",
  " * How an operation pages (its `x-pagination`): items field, their id field, the paging query parameters, and the",
  " * page size when none is sent (the limit parameter's default).",
  " */",
  "export interface OperationPagination {",
  '  readonly style: "marker";',
  "  readonly items: string;",
  "  readonly id: string;",
  "  readonly marker: string;",
  "  readonly limit?: string;",
  "  readonly offset?: string;",
  "  readonly defaultLimit?: number;",
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
];

/** The alias module: what most consumers import instead of indexing into `paths`, plus the table's types. */
export function aliasModule(spec: Spec, model: ApiModel): string {
  const table = operationTable(model);
  const lines = [
    GENERATED_HEADER,
    'import type { components, operations } from "./openapi.gen.js";',
    "",
    'export type { components, operations, paths, $defs, webhooks } from "./openapi.gen.js";',
    "",
    "// Component schemas",
  ];
  for (const name of Object.keys(spec.components?.schemas ?? {}).sort()) {
    lines.push(`export type ${pascal(name)} = components["schemas"]["${name}"];`);
  }
  for (const op of model.operations) {
    lines.push("", ...operationAliases(op));
  }
  lines.push(
    "",
    "/** Each operation's query parameters, with `sort` typed from its x-sort. */",
    "export interface OperationQueries {",
  );
  for (const { operationId: id } of model.operations) lines.push(`  ${JSON.stringify(id)}: ${pascal(id)}Query;`);
  lines.push("}", "", ...SORT_TYPES);
  lines.push(
    "",
    ...TABLE_TYPES,
    `export type OperationTable = ${literalType(table)};`,
    "/** Every error status documented by an operation of the spec. */",
    'export type DocumentedErrorStatus = OperationTable[number]["errorStatuses"][number];',
    TABLE_DOC,
    "export declare const operationTable: OperationTable;",
    `export type CommonPathParameters = ${literalType(model.commonPathParameters)};`,
    COMMON_DOC,
    "export declare const commonPathParameters: CommonPathParameters;",
    `export type Enums = ${literalType(enumsOf(spec, model))};`,
    ENUMS_DOC,
    "export declare const enums: Enums;",
    `export type SortKeys = ${literalType(sortKeysOf(model))};`,
    SORT_KEYS_DOC,
    "export declare const sortKeys: SortKeys;",
  );
  return `${lines.join("\n")}\n`;
}

/** The model's declarations: model-types.mts from its first declaration on, then the constant. */
function modelDeclarations(): string {
  const source = readFileSync(new URL("./model-types.mts", import.meta.url), "utf8");
  const body = source.slice(source.indexOf("// biome-ignore"));
  return `${GENERATED_HEADER}\n${body}\n${MODEL_DOC}\nexport declare const model: ApiModel;\n`;
}

/** The sort keys of each operation that has an x-sort. */
const sortKeysOf = (model: ApiModel): Record<string, string[]> =>
  Object.fromEntries(model.operations.flatMap((op) => (op.sort ? [[op.operationId, Object.keys(op.sort.keys)]] : [])));

/** A CommonJS and an ESM module exporting these constants. */
function runtimeModules(doc: string, constants: Record<string, unknown>): [cjs: string, esm: string] {
  const cjs = Object.entries(constants).map(([name, value]) => `exports.${name} = ${JSON.stringify(value, null, 2)};`);
  const esm = Object.entries(constants).map(
    ([name, value]) => `export const ${name} = ${JSON.stringify(value, null, 2)};`,
  );
  return [
    `${GENERATED_HEADER}"use strict";\n${doc}\n${cjs.join("\n")}\n`,
    `${GENERATED_HEADER}${doc}\n${esm.join("\n")}\n`,
  ];
}

/** The generated files of @csbs/types, by name, from a bundled spec. */
export async function renderTypes(spec: Spec): Promise<[string, string][]> {
  checkVocabulary(spec);
  const model = buildModel(spec);
  const ast = await openapiTS(structuredClone(spec) as never, {
    // A `default` in a response schema says what the server means when a field is absent, not that it is sent.
    defaultNonNullable: false,
  });
  const body = astToString(ast).replace(/^\/\*\*[\s\S]*?\*\/\n\n/, ""); // drop openapi-typescript's own banner
  const [indexCjs, indexEsm] = runtimeModules(TABLE_DOC, {
    operationTable: operationTable(model),
    commonPathParameters: model.commonPathParameters,
    enums: enumsOf(spec, model),
    sortKeys: sortKeysOf(model),
  });
  return [
    ["openapi.gen.d.ts", `${GENERATED_HEADER}\n${body}`],
    ["index.gen.d.ts", aliasModule(spec, model)],
    [
      "index.gen.d.mts",
      `${reexport("index.gen", ["CommonPathParameters", "Enums", "OperationTable", "SortKeys", "SortBuilt", "SortDirection", "SortTerm"])}` +
        `${TABLE_DOC}\nexport declare const operationTable: OperationTable;\n` +
        `${COMMON_DOC}\nexport declare const commonPathParameters: CommonPathParameters;\n` +
        `${ENUMS_DOC}\nexport declare const enums: Enums;\n` +
        `${SORT_KEYS_DOC}\nexport declare const sortKeys: SortKeys;\n` +
        "export declare function sortBy<K extends string>(\n" +
        "  ...terms: readonly [SortTerm<K> | readonly [K, SortDirection?], ...(SortTerm<K> | readonly [K, SortDirection?])[]]\n" +
        "): SortBuilt<K>;\n",
    ],
    ["index.gen.js", `${indexCjs}${SORT_BY}\nexports.sortBy = sortBy;\n`],
    ["index.gen.mjs", `${indexEsm}export ${SORT_BY}\n`],
    ...modelFiles(model),
  ];
}

const reexport = (from: string, names: string[]) =>
  `${GENERATED_HEADER}\nexport type * from "./${from}.js";\nimport type { ${names.join(", ")} } from "./${from}.js";\n`;

/** The model's files (model.gen.*) of a model. */
function modelFiles(model: ApiModel): [string, string][] {
  const [modelCjs, modelEsm] = runtimeModules(MODEL_DOC, { model });
  return [
    ["model.gen.d.ts", modelDeclarations()],
    ["model.gen.d.mts", `${reexport("model.gen", ["ApiModel"])}${MODEL_DOC}\nexport declare const model: ApiModel;\n`],
    ["model.gen.js", modelCjs],
    ["model.gen.mjs", modelEsm],
  ];
}

/**
 * The model's files alone (no openapi-typescript: fast): what `pnpm dev` writes after a spec save, so the mock and the
 * docs it restarts read the saved spec at once; the rest follows in its background build (`pnpm generate`).
 */
export function renderModel(spec: Spec): [string, string][] {
  checkVocabulary(spec);
  return modelFiles(buildModel(spec));
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

export async function generate(spec: Spec, outDir: string = SRC_DIR, only?: "model"): Promise<string[]> {
  // Rendered first: a spec the generator refuses leaves nothing behind, not even an empty folder.
  const rendered = only === "model" ? renderModel(spec) : await renderTypes(spec);
  const files = rendered.map(([name, text]) => [resolve(outDir, name), text] as const);
  await mkdir(outDir, { recursive: true });
  for (const [file, text] of files) await writeFile(file, text);
  return files.map(([f]) => f);
}
