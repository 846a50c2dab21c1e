/**
 * The spec's model: every operation of the bundled document, normalized once, as plain JSON that any product can
 * read in Node or a browser. `pnpm generate` writes it into @csbs/types as `src/model.gen.*` (`@csbs/types/model`);
 * the operation table (`src/index.gen.*`) is its slice that the client needs.
 *
 * This file and the breaking gate are the only readers of raw OpenAPI documents; both walk `$ref`s with the one
 * resolver of the repository (`@csbs/spec/resolve`). What the model says is what every product does: the mock's
 * engine, the MSW handlers, the client, the docs build and its samples read the model, never the document.
 *
 * Normalization rules, decided here once:
 * - parameters: the path item's, then the operation's; an operation parameter overrides a path one of the same `in`
 *   and `name` (OpenAPI 3.1 §4.8.10), keeping the path item's position;
 * - schemas are inlined (every `$ref` replaced by its target, `$ref` siblings merged over it), without OpenAPI's
 *   annotations that no JSON Schema validator reads (`example`, `x-*`);
 * - a parameter's `example` is its own, else its schema's first `examples` entry;
 * - `x-filter` gets `hidden: false` when not set; `x-sort` keys get `field` = the key and `hidden: false` when not
 *   set; `x-pagination` gets `id: "id"` when not set and `defaultLimit`, the default of its limit parameter;
 * - security: the operation's requirements, else the document's; `authHeaders` are the header names of the
 *   `apiKey`-in-header schemes any requirement names.
 */
import { HTTP_METHODS, resolveRef } from "@csbs/spec/resolve";
import type {
  ApiModel,
  ExampleModel,
  HttpMethod,
  Json,
  OperationModel,
  PaginationModel,
  ParameterModel,
  ResponseModel,
  SecuritySchemeModel,
  ServerModel,
  SortModel,
} from "./model-types.mjs";

export type * from "./model-types.mjs";

const defined = <T extends object>(object: T): T =>
  Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;

/** The document being normalized, and the one resolver that reads it. */
class Reader {
  constructor(readonly doc: Json) {}

  resolve(node: Json): Json {
    return resolveRef(this.doc, node).node;
  }

  /** A schema with every `$ref` inlined; a reference to a schema it is already inside of is an error (recursion). */
  inline(node: Json, inside: string[] = []): Json {
    if (Array.isArray(node)) return node.map((n) => this.inline(n, inside));
    if (!node || typeof node !== "object") return node;
    const { node: target, refs } = resolveRef(this.doc, node);
    const loop = refs.find((ref) => inside.includes(ref));
    if (loop) throw new Error(`generate: the schema ${loop} contains itself; the model cannot inline it`);
    const out: Json = {};
    for (const [key, value] of Object.entries<Json>(target)) {
      if (key === "example" || key.startsWith("x-")) continue;
      out[key] = this.inline(value, [...inside, ...refs]);
    }
    return out;
  }
}

function parameterOf(read: Reader, raw: Json): ParameterModel {
  const p = read.resolve(raw);
  const schema = read.inline(p.schema ?? {});
  const filter = p["x-filter"];
  return defined({
    name: String(p.name),
    in: p.in,
    required: p.required === true,
    description: p.description,
    schemaDescription: schema.description,
    schema,
    default: schema.default,
    enum: schema.enum,
    example: p.example ?? schema.examples?.[0],
    allowEmptyValue: p.allowEmptyValue === true,
    deprecated: p.deprecated === true,
    filter: filter && { field: String(filter.field), match: filter.match, hidden: filter.hidden === true },
  });
}

/** Path-item then operation parameters; an operation's overrides the path item's of the same `in` and name. */
function parametersOf(read: Reader, raw: Json[]): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  for (const p of raw.map((r) => parameterOf(read, r))) {
    byKey.set(`${p.in}:${p.name}`, p); // a Map keeps the first position of a key: the override stays in place
  }
  return [...byKey.values()];
}

function sortOf(read: Reader, raw: Json[]): SortModel | undefined {
  const p = raw.map((r) => read.resolve(r)).find((q) => q["x-sort"]);
  if (!p) return undefined;
  const x = p["x-sort"];
  const keys: SortModel["keys"] = {};
  for (const [key, rule] of Object.entries<Json>(x.keys ?? {})) {
    keys[key] = { field: String(rule?.field ?? key), hidden: rule?.hidden === true };
  }
  return { parameter: p.name, keys, direction: x.direction, default: x.default, tiebreaker: x.tiebreaker };
}

function responseOf(read: Reader, status: number, raw: Json): ResponseModel {
  const r = read.resolve(raw);
  const media = r.content?.["application/json"];
  const examples: Record<string, ExampleModel> = {};
  for (const [name, ex] of Object.entries<Json>(media?.examples ?? {})) {
    const e = read.resolve(ex);
    examples[name] = defined({ summary: e.summary, description: e.description, value: e.value });
  }
  const headers = Object.entries<Json>(r.headers ?? {}).map(([name, h]) => {
    const header = read.resolve(h);
    return defined({ name, description: header.description, schema: read.inline(header.schema ?? {}) });
  });
  return defined({
    status,
    description: String(r.description ?? ""),
    ours: r["x-ours"],
    schema: media?.schema && read.inline(media.schema),
    examples,
    example: Object.values(examples)[0]?.value ?? media?.example,
    headers,
  });
}

function paginationOf(x: Json, parameters: ParameterModel[]): PaginationModel | undefined {
  if (!x) return undefined;
  const limit = parameters.find((p) => p.in === "query" && p.name === x.limit);
  return defined({
    style: x.style,
    items: x.items,
    id: x.id ?? "id",
    marker: x.marker,
    limit: x.limit,
    offset: x.offset,
    defaultLimit: limit?.default,
  });
}

/** Security: the operation's requirements, else the document's; the headers of their apiKey-in-header schemes. */
function securityOf(doc: Json, op: Json, schemes: Record<string, SecuritySchemeModel>) {
  const security: string[][] = (op.security ?? doc.security ?? []).map((req: Json) => Object.keys(req ?? {}));
  const authHeaders = [...new Set(security.flat())]
    .map((name) => schemes[name])
    .filter((s): s is SecuritySchemeModel => s?.type === "apiKey" && s.in === "header" && Boolean(s.name))
    .map((s) => s.name as string);
  return { security, authHeaders };
}

function operationOf(
  read: Reader,
  schemes: Record<string, SecuritySchemeModel>,
  { path, method, item, op }: { path: string; method: HttpMethod; item: Json; op: Json },
): OperationModel {
  if (typeof op.operationId !== "string")
    throw new Error(`generate: ${method.toUpperCase()} ${path} has no operationId`);
  const rawParameters = [...(item.parameters ?? []), ...(op.parameters ?? [])];
  const parameters = parametersOf(read, rawParameters);
  const statuses = Object.keys(op.responses ?? {}).filter((s) => /^[1-5]\d\d$/.test(s));
  const success = statuses.find((s) => s.startsWith("2"));
  return defined({
    operationId: op.operationId,
    method,
    path,
    summary: op.summary,
    description: op.description,
    tags: op.tags ?? [],
    deprecated: op.deprecated === true,
    parameters,
    response: success ? responseOf(read, Number(success), op.responses[success]) : undefined,
    errors: statuses
      .filter((s) => /^[45]/.test(s))
      .sort()
      .map((s) => responseOf(read, Number(s), op.responses[s])),
    ...securityOf(read.doc, op, schemes),
    pagination: paginationOf(op["x-pagination"], parameters),
    sort: sortOf(read, rawParameters),
  });
}

function serverOf(s: Json): ServerModel {
  const variables: ServerModel["variables"] = {};
  let resolvedUrl = String(s.url);
  for (const [name, v] of Object.entries<Json>(s.variables ?? {})) {
    variables[name] = defined({ default: String(v.default), description: v.description, enum: v.enum });
    resolvedUrl = resolvedUrl.replaceAll(`{${name}}`, String(v.default));
  }
  return defined({ url: String(s.url), resolvedUrl, description: s.description, variables });
}

/** The path parameters every operation has (`project_id`). */
function commonPathParametersOf(operations: OperationModel[]): string[] {
  const lists = operations.map((op) => op.parameters.filter((p) => p.in === "path").map((p) => p.name));
  return (lists[0] ?? []).filter((name) => lists.every((l) => l.includes(name)));
}

/** Builds the model of a bundled OpenAPI 3.1 document. */
export function buildModel(doc: Json): ApiModel {
  const read = new Reader(doc);
  const schemes: Record<string, SecuritySchemeModel> = {};
  for (const [name, raw] of Object.entries<Json>(doc.components?.securitySchemes ?? {})) {
    const s = read.resolve(raw);
    schemes[name] = defined({ type: s.type, in: s.in, name: s.name, scheme: s.scheme, description: s.description });
  }
  const operations = Object.entries<Json>(doc.paths ?? {}).flatMap(([path, rawItem]) => {
    const item = read.resolve(rawItem);
    return HTTP_METHODS.filter((method) => item[method]).map((method) =>
      operationOf(read, schemes, { path, method, item, op: item[method] }),
    );
  });
  return defined({
    title: String(doc.info?.title ?? ""),
    version: String(doc.info?.version ?? ""),
    summary: doc.info?.summary,
    description: doc.info?.description,
    servers: (doc.servers ?? []).map(serverOf),
    tags: (doc.tags ?? []).map((t: Json) => defined({ name: String(t.name), description: t.description })),
    securitySchemes: schemes,
    commonPathParameters: commonPathParametersOf(operations),
    operations,
  });
}
