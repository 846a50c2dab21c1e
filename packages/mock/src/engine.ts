/**
 * The mock's one data engine, used by both fronts: the process (`csbs-mock`, `startMock`) and the MSW handlers
 * (`@csbs/mock/msw`). Browser-safe: no node: imports, no I/O; it is given the bundled OpenAPI document and answers a
 * request with a status, headers and a JSON text (or a fault to act out).
 *
 * Everything API-specific is read from the document: the operations and their paths, query parameters and their
 * schemas (validation), the filter rules (`x-filter` on each parameter), the sort keys (`x-sort` on `sort`), the
 * paging (`x-pagination` on the operation), the named examples and the documented error bodies.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { generator, type Hidden, type Json, rng } from "./data.js";

export { rng } from "./data.js";

export interface EngineOptions {
  /** The data set's seed: the same seed gives the same data everywhere. Default "csbs". */
  seed?: string;
  /** How many backups the data set holds: 1 to 100,000. Default 200. */
  records?: number;
  /** Latency of every answer in ms: a number, or [min, max] for a seeded random delay in that range. */
  latency?: number | [number, number];
  /** Share of requests (0 to 1) answered with a random fault (429, 502, 504, drop, truncate); seeded. Default 0. */
  faultRate?: number;
  /** Answer the spec's first named example instead of the data set when no `Prefer: example=` is sent. */
  examples?: boolean;
}

export const DEFAULT_RECORDS = 200;
export const MAX_RECORDS = 100_000;
export const DEFAULT_SEED = "csbs";

export interface EngineRequest {
  method: string;
  /** The path without query, e.g. /v1/p/items */
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  header(name: string): string | null | undefined;
}

export type Fault = "429" | "502" | "504" | "drop" | "truncate";
export const FAULTS: readonly Fault[] = ["429", "502", "504", "drop", "truncate"];

export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** JSON text (absent for a dropped connection). */
  body?: string;
  /** Wait this long before answering (latency). */
  delayMs: number;
  /** `drop`: close the connection without an answer; `truncate`: send half of the body, then close. */
  fault?: "drop" | "truncate";
  /** The violations found in the query (for the `sl-violations` header, as Prism names them). */
  violations?: Violation[];
  /** The operation the request matched. */
  operation?: Operation;
}

export interface Violation {
  location: string[];
  severity: "Error";
  code: string;
  message: string;
}

/** A rule from the spec: x-filter on a query parameter. */
export interface FilterRule {
  parameter: string;
  field: string;
  match: "exact" | "substring-ci" | "gte" | "lte" | "all-tenants";
  hidden: boolean;
}

export interface SortRule {
  keys: Record<string, { field: string; hidden: boolean }>;
  direction: "asc" | "desc";
  default: string;
  tiebreaker: string;
}

export interface Pagination {
  items: string;
  id: string;
  marker: string;
  limit: string;
  offset: string;
}

interface Parameter {
  name: string;
  type: string | undefined;
  allowEmptyValue: boolean;
  validate: ValidateFunction;
  default: unknown;
  filter?: FilterRule;
}

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  /** The path's parameters, in the order of the pattern's groups, with their schema's type. */
  pathParameters: { name: string; type: string | undefined }[];
  parameters: Parameter[];
  secured: { headers: string[] } | undefined;
  examples: Record<string, unknown>;
  /** The 200 answer without a scenario: the first named example, or the media type's single `example`. */
  fallback: unknown;
  errors: Record<string, unknown>;
  pagination: Pagination | undefined;
  sort: { parameter: string; rule: SortRule } | undefined;
}

const INTEGER = /^-?(0|[1-9][0-9]*)$/;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Follows `#/…` references in the document. */
function deref(doc: Json, node: Json): Json {
  let n = node;
  for (let i = 0; i < 32 && typeof n?.$ref === "string" && n.$ref.startsWith("#/"); i++) {
    n = n.$ref
      .slice(2)
      .split("/")
      .reduce((o: Json, k: string) => o?.[k.replaceAll("~1", "/").replaceAll("~0", "~")], doc);
  }
  return n;
}

/** A schema with every reference inlined (parameter schemas are small and acyclic). */
function inline(doc: Json, node: Json, depth = 0): Json {
  if (depth > 20 || node === null || typeof node !== "object") return node;
  const n = deref(doc, node);
  if (Array.isArray(n)) return n.map((x) => inline(doc, x, depth + 1));
  const out: Json = {};
  for (const [k, v] of Object.entries(n)) {
    if (k === "$ref") continue;
    // Keep what a JSON Schema validator reads; drop OpenAPI's annotations (`example`, `x-*`).
    if (k === "example" || k.startsWith("x-")) continue;
    out[k] = inline(doc, v, depth + 1);
  }
  // A sibling `description` next to `$ref` is allowed in 3.1: keep the referenced schema's keywords.
  return out;
}

const firstExampleValue = (doc: Json, response: Json): unknown => {
  const media = deref(doc, response)?.content?.["application/json"];
  const examples = media?.examples ?? {};
  const first = Object.values<Json>(examples)[0];
  return first ? deref(doc, first)?.value : media?.example;
};

/** Reads the operations of the document: what the engine needs of each. */
export function readOperations(doc: Json): Operation[] {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  // OpenAPI's integer formats, as bounds.
  ajv.addFormat("int32", { type: "number", validate: (n: number) => n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  const out: Operation[] = [];
  for (const [template, item] of Object.entries<Json>(doc.paths ?? {})) {
    const pathItem = deref(doc, item);
    for (const method of METHODS) {
      const op = pathItem?.[method];
      if (!op) continue;
      const parameters: Parameter[] = [];
      let sort: Operation["sort"];
      const pathTypes = new Map<string, string | undefined>();
      for (const raw of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]) {
        const p = deref(doc, raw);
        if (p?.in === "path") pathTypes.set(p.name, inline(doc, p.schema ?? {}).type);
        if (p?.in !== "query") continue;
        const schema = inline(doc, p.schema ?? {});
        const filter = p["x-filter"]
          ? {
              parameter: p.name,
              field: String(p["x-filter"].field),
              match: p["x-filter"].match,
              hidden: p["x-filter"].hidden === true,
            }
          : undefined;
        parameters.push({
          name: p.name,
          type: schema.type,
          allowEmptyValue: p.allowEmptyValue === true,
          validate: ajv.compile(schema),
          default: schema.default,
          ...(filter ? { filter } : {}),
        });
        const xs = p["x-sort"];
        if (xs) {
          const keys: SortRule["keys"] = {};
          for (const [key, v] of Object.entries<Json>(xs.keys ?? {})) {
            keys[key] = { field: String(v?.field ?? key), hidden: v?.hidden === true };
          }
          sort = {
            parameter: p.name,
            rule: {
              keys,
              direction: xs.direction === "asc" ? "asc" : "desc",
              default: String(xs.default ?? ""),
              tiebreaker: String(xs.tiebreaker ?? ""),
            },
          };
        }
      }
      const ok = deref(doc, op.responses?.["200"]);
      const media = ok?.content?.["application/json"];
      const examples: Record<string, unknown> = {};
      for (const [name, ex] of Object.entries<Json>(media?.examples ?? {})) {
        examples[name] = deref(doc, ex)?.value;
      }
      const errors: Record<string, unknown> = {};
      for (const [status, response] of Object.entries<Json>(op.responses ?? {})) {
        if (status !== "200") errors[status] = firstExampleValue(doc, response);
      }
      const requirements: Json[] = op.security ?? doc.security ?? [];
      const schemes = doc.components?.securitySchemes ?? {};
      const headers = requirements
        .flatMap((req: Json) => Object.keys(req ?? {}))
        .map((name: string) => deref(doc, schemes[name]))
        .filter((s: Json) => s?.type === "apiKey" && s.in === "header")
        .map((s: Json) => String(s.name).toLowerCase());
      const source = template
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith("{") ? "([^/]+)" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("");
      const xp = op["x-pagination"];
      out.push({
        operationId: op.operationId ?? `${method} ${template}`,
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${source}/?$`),
        pathParameters: [...template.matchAll(/\{([^}]+)\}/g)].map(([, name = ""]) => ({
          name,
          type: pathTypes.get(name),
        })),
        parameters,
        secured: requirements.length ? { headers: [...new Set(headers)] } : undefined,
        examples,
        fallback: Object.values(examples)[0] ?? media?.example ?? {},
        errors,
        pagination: xp
          ? {
              items: String(xp.items),
              id: String(xp.id ?? "id"),
              marker: String(xp.marker ?? "marker"),
              limit: String(xp.limit ?? "limit"),
              offset: String(xp.offset ?? "offset"),
            }
          : undefined,
        sort,
      });
    }
  }
  return out;
}

/** `2017-04-18T01:21:52.7` → `2017-04-18T01:21:52.700000`: zone-less timestamps compare as text once padded. */
export const normalizeTimestamp = (s: string): string => {
  const dot = s.indexOf(".");
  return dot < 0 ? `${s}.000000` : `${s.slice(0, dot + 1)}${s.slice(dot + 1).padEnd(6, "0")}`;
};

/**
 * A value as a header can carry it: JSON with every character outside printable ASCII written as a `\uXXXX` escape,
 * so any text (control characters, DEL, U+0080 and above, lone surrogates) fits, and `JSON.parse` gives it back.
 * Node refuses other characters in a header value (ERR_INVALID_CHAR) and fetch's Headers refuses most of them.
 */
export const headerJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** Printable ASCII, no space at either end, at most `max` characters: safe to echo in a header as it came. */
export const isPrintable = (value: unknown, max: number): value is string =>
  typeof value === "string" && value.length <= max && /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value);

/** A request's own X-Request-Id when it is safe to echo, else a fresh one. */
export const requestIdFor = (sent: string | null | undefined): string =>
  isPrintable(sent, 128) ? sent : newRequestId();

/** Text quoted in an error message: JSON-quoted (control characters escaped), cut at 100 characters. */
export const quote = (text: string): string =>
  text.length > 100 ? `${JSON.stringify(`${text.slice(0, 100)}…`)} (${text.length} characters)` : JSON.stringify(text);

/** Parses `Prefer: example=x, code=400, delay=500, fault=429` (commas or semicolons). */
export function parsePrefer(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(/[,;]/)) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    out[part.slice(0, eq).trim().toLowerCase()] = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
  }
  return out;
}

type Parsed = Map<string, unknown>;

/** Checks a raw query against the operation's parameters; returns the typed values or the violations. */
export function parseQuery(rawQuery: string, op: Operation): { values: Parsed; violations: Violation[] } {
  const values: Parsed = new Map();
  const violations: Violation[] = [];
  const violation = (name: string, code: string, message: string) =>
    violations.push({ location: ["request", "query", name], severity: "Error", code, message });
  const byName = new Map(op.parameters.map((p) => [p.name, p]));
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    let name: string;
    let text: string;
    try {
      name = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replaceAll("+", " "));
      text = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1).replaceAll("+", " "));
    } catch {
      violation(pair.slice(0, Math.max(eq, 0)) || pair, "encoding", `${quote(pair)} is not valid percent-encoding`);
      continue;
    }
    const p = byName.get(name);
    if (!p) continue; // unknown parameters are ignored, as the service does
    if (seen.has(name)) {
      // Said once per name, however many times it repeats.
      if (!repeated.has(name)) violation(name, "duplicate", `${name} is given more than once`);
      repeated.add(name);
      continue;
    }
    seen.add(name);
    if (text === "" && !p.allowEmptyValue) {
      violation(name, "allowEmptyValue", `${name} must not be empty`);
      continue;
    }
    let value: unknown = text;
    if (p.type === "integer" || p.type === "number") {
      if (!INTEGER.test(text)) {
        violation(name, "type", `${name} must be an integer in decimal digits, got ${quote(text)}`);
        continue;
      }
      value = Number(text);
    } else if (p.type === "boolean") {
      if (text !== "true" && text !== "false") {
        violation(name, "type", `${name} must be true or false, got ${quote(text)}`);
        continue;
      }
      value = text === "true";
    }
    if (!p.validate(value)) {
      const e = p.validate.errors?.[0];
      const allowed = (e?.params as { allowedValues?: unknown[] })?.allowedValues;
      const why =
        e?.keyword === "pattern"
          ? `is not in the documented format, got ${quote(text)}`
          : `${e?.message ?? "is invalid"}${allowed ? `: ${allowed.join(", ")}` : ""}`;
      violation(name, e?.keyword ?? "schema", `${name} ${why}`);
      continue;
    }
    values.set(name, value);
  }
  return { values, violations };
}

/** A path parameter that is not valid percent-encoding (`/v1/a%G1/…`) cannot be read: 400, like a query's. */
export function pathViolations(path: string, op: Operation): Violation[] {
  const values = op.pattern.exec(path)?.slice(1) ?? [];
  return values.flatMap((raw, i) => {
    try {
      decodeURIComponent(raw);
      return [];
    } catch {
      const name = op.pathParameters[i]?.name ?? String(i);
      const message = `${name} ${quote(raw)} is not valid percent-encoding`;
      return [{ location: ["request", "path", name], severity: "Error" as const, code: "encoding", message }];
    }
  });
}

/** One operation's data set: columns for the spec's filter and sort fields, items built on demand. */
class DataSet {
  readonly size: number;
  private readonly gen: ReturnType<typeof generator>;
  private readonly columns = new Map<string, unknown[]>();
  private readonly indexById = new Map<string, number>();
  private readonly orders = new Map<string, { order: Int32Array; rank: Int32Array }>();

  constructor(
    readonly op: Operation & { pagination: Pagination },
    seed: string,
    records: number,
    example: Json,
  ) {
    this.size = records;
    this.gen = generator(seed, records, example);
    const fields = new Map<string, boolean>(); // field → hidden
    fields.set(op.pagination.id, false);
    for (const p of op.parameters) if (p.filter) fields.set(p.filter.field, p.filter.hidden);
    for (const k of Object.values(op.sort?.rule.keys ?? {})) fields.set(k.field, k.hidden);
    const getters = [...fields].map(([field, hidden]) => {
      const column: unknown[] = new Array(records);
      this.columns.set(field, column);
      const path = field.split(".");
      return (item: Json, h: Hidden, i: number) => {
        const value = hidden
          ? (h as unknown as Record<string, unknown>)[field]
          : path.reduce((o: Json, k) => (o === undefined || o === null ? undefined : o[k]), item);
        column[i] = value; // only the value is kept, not the item it came from
      };
    });
    for (let i = 0; i < records; i++) {
      const { item, hidden } = this.gen.record(i);
      for (const get of getters) get(item, hidden, i);
    }
    const ids = this.column(op.pagination.id);
    for (let i = 0; i < records; i++) this.indexById.set(String(ids[i]), i);
  }

  get exampleAt(): number {
    return this.gen.exampleAt;
  }

  column(field: string): unknown[] {
    return this.columns.get(field) ?? [];
  }

  item(i: number): Json {
    return this.gen.record(i).item;
  }

  private readonly texts = new Map<number, string>();
  /** An item as JSON text; the most recently shown ones are kept (bounded), so a page is mostly a join. */
  itemJson(i: number): string {
    let text = this.texts.get(i);
    if (text === undefined) {
      text = JSON.stringify(this.item(i));
      if (this.texts.size >= 5_000) this.texts.delete(this.texts.keys().next().value as number);
    } else {
      this.texts.delete(i);
    }
    this.texts.set(i, text);
    return text;
  }

  /** The whole data set in one sort order, cached (a few orders are kept). */
  ordered(terms: { field: string; desc: boolean }[]): { order: Int32Array; rank: Int32Array } {
    const key = terms.map((t) => `${t.field}:${t.desc ? "d" : "a"}`).join(",");
    const cached = this.orders.get(key);
    if (cached) {
      this.orders.delete(key);
      this.orders.set(key, cached); // most recently used last
      return cached;
    }
    const cols = terms.map((t) => ({ col: this.column(t.field), sign: t.desc ? -1 : 1 }));
    const order = Int32Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => {
      for (const { col, sign } of cols) {
        const x = col[a] as string | number | null | undefined;
        const y = col[b] as string | number | null | undefined;
        if (x === y) continue;
        // Absent values sort first ascending, as a database sorts NULLs low.
        if (x === undefined || x === null) return -sign;
        if (y === undefined || y === null) return sign;
        return x < y ? -sign : sign;
      }
      return 0;
    });
    const rank = new Int32Array(this.size);
    for (let n = 0; n < this.size; n++) rank[order[n] as number] = n;
    const entry = { order, rank };
    this.orders.set(key, entry);
    if (this.orders.size > 16) this.orders.delete(this.orders.keys().next().value as string);
    return entry;
  }

  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  private readonly matches = new Map<string, Int32Array>();
  /** The kept positions for a filters + order key, cached (32 kept, least recently used dropped). */
  matching(key: string, compute: () => Int32Array): Int32Array {
    let hit = this.matches.get(key);
    if (hit) this.matches.delete(key);
    else hit = compute();
    this.matches.set(key, hit);
    if (this.matches.size > 32) this.matches.delete(this.matches.keys().next().value as string);
    return hit;
  }
}

const newRequestId = (): string => {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID
    ? c.randomUUID().replaceAll("-", "")
    : Math.floor(Math.random() * 2 ** 52)
        .toString(16)
        .padStart(32, "0");
};

/** API Gateway's own answers for the faults it produces (not CSBS errors: the gateway answers them itself). */
const GATEWAY: Record<"429" | "502" | "504", { error_code: string; error_msg: string }> = {
  "429": {
    error_code: "APIGW.0308",
    error_msg: "The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute",
  },
  "502": { error_code: "APIGW.0202", error_msg: "Backend unavailable" },
  "504": { error_code: "APIGW.0203", error_msg: "Backend timeout" },
};

/** How many violations a 400 lists (in `error_msg` and `sl-violations`); the rest are counted. */
const SHOWN_VIOLATIONS = 10;

/** A 400's body and `sl-violations` header for these violations (the engine's and Prism's alike). */
export function rejection(op: Operation | undefined, violations: Violation[]): { body: string; header: string } {
  const shown = violations.slice(0, SHOWN_VIOLATIONS);
  const more = violations.length - shown.length;
  const messages = shown.map((v) => v.message).join("; ") + (more > 0 ? `; and ${more} more` : "");
  const base = op && Object.hasOwn(op.errors, "400") ? (op.errors["400"] as object) : { error_code: "CSBS.9001" };
  return {
    body: JSON.stringify({ ...base, error_msg: `Invalid request parameters: ${messages}.` }),
    header: headerJson(shown),
  };
}

const jsonAnswer = (
  status: number,
  body: unknown,
  id: string,
  delayMs: number,
  extra: Record<string, string> = {},
): Answer => ({
  status,
  headers: { "content-type": "application/json", "x-request-id": id, ...extra },
  body: JSON.stringify(body),
  delayMs,
});

const preferViolation = (message: string): Violation => ({
  location: ["request", "header", "Prefer"],
  severity: "Error",
  code: "prefer",
  message,
});

export interface Engine {
  readonly operations: Operation[];
  readonly seed: string;
  readonly records: number;
  /**
   * Answers one request. Never throws: an exception while answering is a 500 with the spec's internal-error body,
   * and the exception in `error` (the fronts log it).
   */
  handle(request: EngineRequest): Answer & { error?: unknown };
  /** The 500 answer to a request whose answering failed outside the engine (a front's own code). */
  failure(request: EngineRequest): Answer;
  /** The operation a method and path match, if any. */
  route(method: string, path: string): Operation | undefined;
  /** The methods a path answers (GET brings HEAD; OPTIONS always), or [] for a path of no operation. */
  allowed(path: string): string[];
}

/** Builds the engine over a bundled OpenAPI document. */
export function createEngine(doc: Json, options: EngineOptions = {}): Engine {
  const seed = options.seed ?? DEFAULT_SEED;
  const records = options.records ?? DEFAULT_RECORDS;
  if (!Number.isInteger(records) || records < 1 || records > MAX_RECORDS) {
    throw new RangeError(`records must be an integer from 1 to ${MAX_RECORDS}, got ${records}`);
  }
  const faultRate = options.faultRate ?? 0;
  if (!(faultRate >= 0 && faultRate <= 1)) throw new RangeError(`faultRate must be from 0 to 1, got ${faultRate}`);
  const latency = options.latency ?? 0;
  const operations = readOperations(doc);
  const sets = new Map<Operation, DataSet>();
  const random = rng(`${seed}/requests`);
  // The spec's 500 body, for an exception while answering (the first operation documenting one).
  const internalError = operations.map((op) => op.errors["500"]).find((body) => body && typeof body === "object") ?? {
    error_code: "CSBS.9999",
    error_msg: "Service internal error.",
  };

  const dataSet = (op: Operation & { pagination: Pagination }): DataSet => {
    let set = sets.get(op);
    if (!set) {
      const lists = Object.values(op.examples).map((v) => (v as Json)?.[op.pagination.items]);
      const example = lists.find((l) => Array.isArray(l) && l.length > 0)?.[0];
      set = new DataSet(op, seed, records, example);
      sets.set(op, set);
    }
    return set;
  };
  // Built now, so the first request is not the one that waits.
  for (const op of operations) if (op.pagination) dataSet(op as Operation & { pagination: Pagination });

  const route = (method: string, path: string) => {
    const upper = method.toUpperCase();
    return operations.find(
      (op) => (op.method === upper || (upper === "HEAD" && op.method === "GET")) && op.pattern.test(path),
    );
  };

  const allowed = (path: string): string[] => {
    const methods = operations.filter((op) => op.pattern.test(path)).map((op) => op.method);
    if (methods.length === 0) return [];
    return [...new Set(methods.flatMap((m) => (m === "GET" ? ["GET", "HEAD"] : [m])).concat("OPTIONS"))];
  };

  const delayFor = (prefer: Record<string, string>): number => {
    if (prefer.delay !== undefined && /^\d{1,6}$/.test(prefer.delay)) return Number(prefer.delay);
    if (Array.isArray(latency)) return Math.round(latency[0] + random() * (latency[1] - latency[0]));
    return latency;
  };

  const failure = (req: EngineRequest): Answer =>
    jsonAnswer(500, internalError, requestIdFor(req.header("x-request-id")), 0);

  const answer = (req: EngineRequest): Answer => {
    const id = requestIdFor(req.header("x-request-id"));
    const prefer = parsePrefer(req.header("prefer"));
    const delayMs = delayFor(prefer);
    const json = (status: number, body: unknown, extra?: Record<string, string>) =>
      jsonAnswer(status, body, id, delayMs, extra);
    const badRequest = (op: Operation, violations: Violation[]): Answer => {
      const { body, header } = rejection(op, violations);
      return { ...json(400, null, { "sl-violations": header }), body, violations, operation: op };
    };

    const op = route(req.method, req.path);
    if (!op) return unrouted(req, id, delayMs);

    // Faults first: they stand for the gateway or the network, before the service sees the request.
    let fault = prefer.fault as Fault | undefined;
    if (fault !== undefined && !FAULTS.includes(fault)) {
      return badRequest(op, [
        preferViolation(`Prefer: fault=${quote(fault)} is not a fault the mock knows; valid: ${FAULTS.join(", ")}`),
      ]);
    }
    if (fault === undefined && faultRate > 0 && random() < faultRate) {
      fault = FAULTS[Math.floor(random() * FAULTS.length)];
    }
    if (fault === "429" || fault === "502" || fault === "504") {
      return {
        ...json(Number(fault), { ...GATEWAY[fault], request_id: id }, fault === "429" ? { "retry-after": "1" } : {}),
        operation: op,
      };
    }
    if (fault === "drop") return { status: 0, headers: {}, delayMs, fault: "drop", operation: op };

    const finish = (answer: Answer): Answer =>
      fault === "truncate" ? { ...answer, fault: "truncate" } : { ...answer, operation: op };

    if (op.secured) {
      const has = (name: string) => Boolean(req.header(name));
      if (!has("authorization") && !op.secured.headers.some(has)) {
        const body = (op.errors["401"] as Json) ?? { error_code: "APIGW.0301", error_msg: "Unauthorized" };
        return finish(json(401, { ...body, request_id: id }));
      }
    }

    const { values, violations } = parseQuery(req.query, op);
    violations.unshift(...pathViolations(req.path, op));
    if (violations.length > 0) return finish(badRequest(op, violations));

    // Own properties only: `code=constructor` or `example=__proto__` are not statuses or examples of the spec.
    if (prefer.code !== undefined && prefer.code !== "200") {
      if (!Object.hasOwn(op.errors, prefer.code)) {
        const valid = ["200", ...Object.keys(op.errors)].join(", ");
        const message = `Prefer: code=${quote(prefer.code)} is not a documented status; valid: ${valid}`;
        return finish(badRequest(op, [preferViolation(message)]));
      }
      return finish(json(Number(prefer.code), op.errors[prefer.code]));
    }

    const exampleName = prefer.example ?? (options.examples ? Object.keys(op.examples)[0] : undefined);
    if (exampleName !== undefined) {
      if (!Object.hasOwn(op.examples, exampleName)) {
        const valid = Object.keys(op.examples).join(", ");
        const message = `Prefer: example=${quote(exampleName)} is not an example of ${op.operationId}; valid: ${valid}`;
        return finish(badRequest(op, [preferViolation(message)]));
      }
      return finish(json(200, pageExample(op, op.examples[exampleName], values)));
    }

    if (!op.pagination) return finish(json(200, op.fallback));
    const set = dataSet(op as Operation & { pagination: Pagination });
    const page = query(set, values);
    if ("violation" in page) return finish(badRequest(op, [page.violation]));
    return finish({
      status: 200,
      headers: { "content-type": "application/json", "x-request-id": id },
      body: `{${JSON.stringify(op.pagination.items)}:[${page.items.join(",")}]}`,
      delayMs,
    });
  };

  /** No operation has this method and path: OPTIONS lists the methods, another method is 405, another path 404. */
  const unrouted = (req: EngineRequest, id: string, delayMs: number): Answer => {
    const allow = allowed(req.path);
    if (allow.length === 0) {
      const message = `No operation of the API has the path ${quote(req.path)}`;
      return jsonAnswer(404, { error_code: "APIGW.0101", error_msg: message }, id, delayMs);
    }
    const headers = { allow: allow.join(", "), "x-request-id": id };
    if (req.method.toUpperCase() === "OPTIONS") return { status: 204, headers, delayMs };
    const message = `Method ${quote(req.method)} is not allowed on ${quote(req.path)}; allowed: ${headers.allow}`;
    return jsonAnswer(405, { error_code: "APIGW.0101", error_msg: message }, id, delayMs, headers);
  };

  return {
    operations,
    seed,
    records,
    route,
    allowed,
    failure,
    handle(req) {
      try {
        return answer(req);
      } catch (error) {
        return { ...failure(req), error };
      }
    },
  };
}

/** A named example's list, paged like the data set (an unknown marker is the end of the list). */
function pageExample(op: Operation, body: unknown, values: Parsed): unknown {
  const pg = op.pagination;
  const list = pg ? (body as Json)?.[pg.items] : undefined;
  if (!pg || !Array.isArray(list)) return body;
  let items = list as Json[];
  const marker = values.get(pg.marker);
  if (marker !== undefined) {
    const at = items.findIndex((item) => item?.[pg.id] === marker);
    items = at < 0 ? [] : items.slice(at + 1);
  }
  const offset = values.get(pg.offset);
  if (offset !== undefined) items = items.slice(Number(offset));
  const limit = values.get(pg.limit);
  if (limit !== undefined) items = items.slice(0, Number(limit));
  return { ...(body as object), [pg.items]: items };
}

/** Runs a validated query over a data set: the spec's filters, sort and paging. */
function query(set: DataSet, values: Parsed): { items: string[] } | { violation: Violation } {
  const op = set.op;
  const pg = op.pagination;
  const tests: ((i: number) => boolean)[] = [];
  let signature = "";
  for (const p of op.parameters) {
    const rule = p.filter;
    if (!rule) continue;
    const value = values.get(p.name);
    signature += `${p.name}=${JSON.stringify(value ?? null)}&`;
    const col = set.column(rule.field);
    if (rule.match === "all-tenants") {
      // Without `true`: only the asking project's backups (those whose owner is null, see data.ts).
      if (value !== true) tests.push((i) => col[i] === null);
      continue;
    }
    if (value === undefined) continue;
    if (rule.match === "exact") {
      tests.push((i) => col[i] === value);
    } else if (rule.match === "substring-ci") {
      const needle = String(value).toLowerCase();
      tests.push((i) => typeof col[i] === "string" && (col[i] as string).toLowerCase().includes(needle));
    } else if (rule.match === "gte" || rule.match === "lte") {
      const bound = normalizeTimestamp(String(value));
      tests.push(
        rule.match === "gte"
          ? (i) => typeof col[i] === "string" && normalizeTimestamp(col[i] as string) >= bound
          : (i) => typeof col[i] === "string" && normalizeTimestamp(col[i] as string) <= bound,
      );
    }
  }
  const matches = (i: number) => tests.every((t) => t(i));

  const sort = op.sort;
  const terms: { field: string; desc: boolean }[] = [];
  if (sort) {
    const text = (values.get(sort.parameter) as string | undefined) ?? sort.rule.default;
    for (const term of text.split(",")) {
      if (!term) continue;
      const [key, dir] = term.split(":");
      const k = sort.rule.keys[key ?? ""];
      if (k) terms.push({ field: k.field, desc: (dir ?? sort.rule.direction) === "desc" });
    }
    const tie = sort.rule.keys[sort.rule.tiebreaker]?.field ?? pg.id;
    terms.push({ field: tie, desc: false });
  } else {
    terms.push({ field: pg.id, desc: false });
  }
  const { order, rank } = set.ordered(terms);
  // The positions (in this order) of the items the filters keep: computed once per filters + order, then each page
  // is a binary search and a slice.
  const matched = set.matching(`${terms.map((t) => `${t.field}:${t.desc}`).join(",")}|${signature}`, () => {
    const out: number[] = [];
    for (let n = 0; n < order.length; n++) if (matches(order[n] as number)) out.push(n);
    return Int32Array.from(out);
  });

  let first = 0;
  const marker = values.get(pg.marker);
  if (marker !== undefined) {
    const at = set.indexOf(String(marker));
    if (at === undefined || !matches(at)) {
      return {
        violation: {
          location: ["request", "query", pg.marker],
          severity: "Error",
          code: "marker",
          message: `${pg.marker} ${quote(String(marker))} is not the ${pg.id} of a backup this query answers`,
        },
      };
    }
    // The first kept position after the marker's.
    const after = rank[at] as number;
    let lo = 0;
    let hi = matched.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((matched[mid] as number) <= after) lo = mid + 1;
      else hi = mid;
    }
    first = lo;
  }
  first += Number(values.get(pg.offset) ?? 0);
  const limitParameter = op.parameters.find((p) => p.name === pg.limit);
  const limit = Number(values.get(pg.limit) ?? limitParameter?.default ?? 1000);
  const items: string[] = [];
  for (let j = first; j < matched.length && items.length < limit; j++) {
    items.push(set.itemJson(order[matched[j] as number] as number));
  }
  return { items };
}
