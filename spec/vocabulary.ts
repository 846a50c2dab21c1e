/**
 * The spec's own vocabulary: the vendor extensions the products read — `x-pagination` on an operation, `x-filter` on
 * a query parameter, `x-sort` on the sort parameter — and every check of them, as pure functions. One definition, two
 * readers: the Redocly plugin (`redocly-plugin.ts`: `pnpm lint:spec` reports each problem at its file:line:col) and
 * @csbs/types' generator (`checkBundle` on the bundled document: `pnpm generate` refuses what lint refuses).
 *
 * The checks walk the document through a `Walker`, so the same code reports Redocly locations (in the file each node
 * is written in) and JSON pointers (into the bundle). No package imports, only resolve.ts beside it: Redocly loads this
 * file with Node's type stripping from wherever spec/ is copied (the breaking gate bundles old releases in a temp dir
 * with no node_modules).
 */
import { HTTP_METHODS, resolveRef } from "./resolve.ts";

/** The rules, as `redocly.yaml` enables them (`csbs/<rule>`), and what each refuses. */
export const RULES = {
  "x-filter": "x-filter is {field, match, hidden?} on a query parameter; match is a known one",
  "x-sort":
    "x-sort is {keys, direction, default, tiebreaker} on a query parameter; default and tiebreaker use its keys",
  "x-pagination": "x-pagination is {style, items, id, marker, limit?, offset?} and names what the operation has",
  "response-field": "each x-filter / x-sort field is a field of the paged response items, unless hidden: true",
  "sort-pattern": "the sort parameter's pattern allows exactly the x-sort keys",
  "sort-description": "the sort parameter's description names exactly the x-sort keys, in backticks",
} as const;
export type RuleName = keyof typeof RULES;

export const FILTER_MATCHES = ["exact", "substring-ci", "gte", "lte", "all-tenants"] as const;
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
/** Marker paging is the one style the client and the mock implement. */
export const PAGINATION_STYLES = ["marker"] as const;

/** How the checks move through a document: `P` is a place in it (a Redocly location, or a JSON pointer). */
export interface Walker<P> {
  /** What `node` stands for when it is a `$ref` (followed from the file `at` is in), and where that is; else itself. */
  resolve(node: unknown, at: P): At<P>;
  /** The place of a child of the node at `at`. */
  child(at: P, ...keys: string[]): P;
  /** The place of the key (not the value) at `at`: where a problem with the key itself, or the whole entry, points. */
  key(at: P): P;
}
export interface At<P> {
  node: unknown;
  at: P;
}
export interface Problem<P> {
  rule: RuleName;
  message: string;
  at: P;
}

type Obj = Record<string, unknown>;
type Report<P> = (rule: RuleName, at: P, message: string) => void;
interface Field {
  type: "string" | "boolean" | "object";
  required?: true;
  oneOf?: readonly string[];
}
interface Items<P> {
  /** The `x-pagination.items` property name, and the schema of one of its items. */
  name: string;
  schema: At<P>;
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const quote = (v: unknown) => JSON.stringify(v);
/** `hidden` as written: absent or a boolean (a wrong type is its shape's problem, and says nothing about the field). */
const isFlag = (v: unknown) => v === undefined || typeof v === "boolean";
/** Sort keys are words, so a sort value (`key[:dir],…`) and the pattern can be read without escaping. */
const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

const FILTER: Record<string, Field> = {
  field: { type: "string", required: true },
  match: { type: "string", required: true, oneOf: FILTER_MATCHES },
  hidden: { type: "boolean" },
};
const SORT: Record<string, Field> = {
  keys: { type: "object", required: true },
  direction: { type: "string", required: true, oneOf: SORT_DIRECTIONS },
  default: { type: "string", required: true },
  tiebreaker: { type: "string", required: true },
};
const SORT_KEY: Record<string, Field> = { field: { type: "string", required: true }, hidden: { type: "boolean" } };
const PAGINATION: Record<string, Field> = {
  style: { type: "string", required: true, oneOf: PAGINATION_STYLES },
  items: { type: "string", required: true },
  id: { type: "string", required: true },
  marker: { type: "string", required: true },
  limit: { type: "string" },
  offset: { type: "string" },
};

/** The child `key` of what `from` stands for (its `$ref` followed), if it has one. */
function get<P>(w: Walker<P>, from: At<P> | undefined, key: string): At<P> | undefined {
  if (!from) return undefined;
  const r = w.resolve(from.node, from.at);
  if (!isObj(r.node) || !Object.hasOwn(r.node, key)) return undefined;
  return { node: r.node[key], at: w.child(r.at, key) };
}

/** The object at `value` if it is one, reporting each unknown key, wrong type, value out of `oneOf`, missing key. */
function checkShape<P>(
  w: Walker<P>,
  report: Report<P>,
  rule: RuleName,
  label: string,
  value: At<P>,
  fields: Record<string, Field>,
): Obj | undefined {
  const allowed = Object.keys(fields).join(", ");
  if (!isObj(value.node)) {
    report(rule, value.at, `${label} must be an object (${allowed}), not ${kind(value.node)}`);
    return undefined;
  }
  for (const [key, v] of Object.entries(value.node)) {
    const field = fields[key];
    const at = w.child(value.at, key);
    if (!field) report(rule, w.key(at), `${label} has an unknown key ${quote(key)}: it allows ${allowed}`);
    else if (kind(v) !== field.type) report(rule, at, `${label}.${key} must be a ${field.type}, not ${kind(v)}`);
    else if (field.oneOf && !field.oneOf.includes(v as string)) {
      report(rule, at, `${label}.${key} is ${quote(v)}: it must be one of ${field.oneOf.join(", ")}`);
    }
  }
  for (const [key, field] of Object.entries(fields)) {
    if (field.required && !Object.hasOwn(value.node, key)) {
      report(rule, w.key(value.at), `${label} lacks ${quote(key)} (a ${field.type})`);
    }
  }
  return value.node;
}

/** The parameters of an operation, `$ref`s followed: the path item's, overridden by the operation's (name + in). */
function parametersOf<P>(w: Walker<P>, pathItem: At<P>, op: At<P>): At<P>[] {
  const out = new Map<string, At<P>>();
  for (const owner of [pathItem, op]) {
    const list = get(w, owner, "parameters");
    if (!list || !Array.isArray(list.node)) continue;
    list.node.forEach((raw, i) => {
      const p = w.resolve(raw, w.child(list.at, String(i)));
      if (isObj(p.node)) out.set(`${p.node.in}:${p.node.name}`, p);
    });
  }
  return [...out.values()];
}

/** The schema of one item of the array property `name` of the 200 response's application/json schema. */
function itemsOf<P>(w: Walker<P>, op: At<P>, name: string): At<P> | undefined {
  let at: At<P> | undefined = op;
  for (const key of ["responses", "200", "content", "application/json", "schema", "properties", name]) {
    at = get(w, at, key);
  }
  const array = at && w.resolve(at.node, at.at);
  if (!array || !isObj(array.node)) return undefined;
  const type = array.node.type;
  if (type !== "array" && !(Array.isArray(type) && type.includes("array"))) return undefined;
  return get(w, array, "items");
}

/** The schema of the (dotted) field `path` in an item schema: object properties, `$ref`s followed. */
function fieldOf<P>(w: Walker<P>, schema: At<P>, path: string): At<P> | undefined {
  let at: At<P> | undefined = schema;
  for (const segment of path.split(".")) at = get(w, get(w, at, "properties"), segment);
  return at;
}

/**
 * A filter or sort field is a field of the response items — unless `hidden: true`: the service (and the mock's data
 * set) keeps it beside the item without returning it (the owning project, the policy, the protection time), so it is
 * exactly then NOT a response field. Operations that do not page (no `x-pagination`) have no items to check against.
 */
function checkField<P>(
  w: Walker<P>,
  report: Report<P>,
  items: Items<P> | undefined,
  label: string,
  field: At<P>,
  hidden: boolean,
): void {
  if (!items || typeof field.node !== "string") return;
  const found = fieldOf(w, items.schema, field.node) !== undefined;
  const what = `${label} ${quote(field.node)}`;
  if (!found && !hidden) {
    report(
      "response-field",
      field.at,
      `${what} is not a field of the ${items.name} items of the 200 response ` +
        "(a field the service keeps but does not return needs hidden: true)",
    );
  } else if (found && hidden) {
    report(
      "response-field",
      field.at,
      `${what} is a field of the ${items.name} items of the 200 response, but hidden: true says it is not returned`,
    );
  }
}

/** x-pagination: its shape, the items array, the id field, and the paging parameters. Answers the items' schema. */
function checkPagination<P>(w: Walker<P>, report: Report<P>, op: At<P>, params: At<P>[]): Items<P> | undefined {
  const x = get(w, op, "x-pagination");
  if (!x) return undefined;
  const pg = checkShape(w, report, "x-pagination", "x-pagination", x, PAGINATION);
  if (!pg) return undefined;
  const operationId = isObj(op.node) && typeof op.node.operationId === "string" ? op.node.operationId : "it";
  for (const key of ["marker", "limit", "offset"]) {
    const name = pg[key];
    if (typeof name !== "string") continue;
    if (!params.some((p) => isObj(p.node) && p.node.in === "query" && p.node.name === name)) {
      report(
        "x-pagination",
        w.child(x.at, key),
        `x-pagination.${key} ${quote(name)} names no query parameter of ${operationId}`,
      );
    }
  }
  if (typeof pg.items !== "string") return undefined;
  const schema = itemsOf(w, op, pg.items);
  if (!schema) {
    report(
      "x-pagination",
      w.child(x.at, "items"),
      `x-pagination.items ${quote(pg.items)} is not an array property of the 200 response's application/json schema`,
    );
    return undefined;
  }
  if (typeof pg.id === "string" && !fieldOf(w, schema, pg.id)) {
    report(
      "x-pagination",
      w.child(x.at, "id"),
      `x-pagination.id ${quote(pg.id)} is not a field of the ${pg.items} items`,
    );
  }
  return { name: pg.items, schema };
}

/** x-filter on a parameter: its shape, where it may be, and its field. */
function checkFilter<P>(w: Walker<P>, report: Report<P>, param: At<P>, items: Items<P> | undefined): void {
  const x = get(w, param, "x-filter");
  if (!x) return;
  const filter = checkShape(w, report, "x-filter", "x-filter", x, FILTER);
  const p = param.node as Obj;
  if (p.in !== "query") {
    report("x-filter", w.key(x.at), `x-filter is read on query parameters only; ${p.name} is in ${p.in}`);
  }
  const field = get(w, x, "field");
  if (filter && field && isFlag(filter.hidden)) {
    checkField(w, report, items, "x-filter.field", field, filter.hidden === true);
  }
}

/** Why `value` is not a sort value (`key[:asc|desc],…`) over `keys`, or undefined when it is one. */
export function sortValueProblem(value: string, keys: readonly string[]): string | undefined {
  for (const term of value.split(",")) {
    const [key = "", direction, ...rest] = term.split(":");
    if (!keys.includes(key)) return `${quote(key)} is not a key (${keys.join(", ")})`;
    if (rest.length || (direction !== undefined && !(SORT_DIRECTIONS as readonly string[]).includes(direction))) {
      return `${quote(term)} is not key[:asc|desc]`;
    }
  }
  return undefined;
}

/** The one pattern of a sort parameter whose keys are `keys`: `key[:asc|desc]` terms, comma-separated. */
export const sortPattern = (keys: readonly string[]): string => {
  const k = keys.join("|");
  return `^(${k})(:(asc|desc))?(,(${k})(:(asc|desc))?)*$`;
};

/** The keys a pattern of `sortPattern`'s form allows (the same alternatives in both places), else undefined. */
export function patternKeys(pattern: string): string[] | undefined {
  const m = /^\^\(([\w|]+)\)\(:\(asc\|desc\)\)\?\(,\(([\w|]+)\)\(:\(asc\|desc\)\)\?\)\*\$$/.exec(pattern);
  if (!m?.[1] || !m[2]) return undefined;
  const first = m[1].split("|");
  const later = m[2].split("|");
  const same = first.length === later.length && first.every((k) => later.includes(k));
  return same ? first : undefined;
}

/** x-sort on a parameter: its shape, its keys and their fields, default, tiebreaker, pattern and description. */
function checkSort<P>(w: Walker<P>, report: Report<P>, param: At<P>, items: Items<P> | undefined): void {
  const x = get(w, param, "x-sort");
  if (!x) return;
  const p = param.node as Obj;
  if (p.in !== "query") {
    report("x-sort", w.key(x.at), `x-sort is read on query parameters only; ${p.name} is in ${p.in}`);
  }
  const sort = checkShape(w, report, "x-sort", "x-sort", x, SORT);
  const keysAt = get(w, x, "keys");
  if (!sort || !keysAt || !isObj(keysAt.node)) return;
  const keys = Object.keys(keysAt.node);
  if (!keys.length) report("x-sort", keysAt.at, "x-sort.keys names no key");
  for (const key of keys) {
    const entry = get(w, keysAt, key) as At<P>;
    if (!WORD.test(key)) {
      report("x-sort", w.key(entry.at), `x-sort key ${quote(key)} must be a word ([A-Za-z_][A-Za-z0-9_]*)`);
    }
    const shape = checkShape(w, report, "x-sort", `x-sort.keys.${key}`, entry, SORT_KEY);
    const field = get(w, entry, "field");
    if (shape && field && isFlag(shape.hidden)) {
      checkField(w, report, items, `x-sort.keys.${key}.field`, field, shape.hidden === true);
    }
  }
  const def = get(w, x, "default");
  const why = typeof def?.node === "string" ? sortValueProblem(def.node, keys) : undefined;
  if (def && why) {
    report("x-sort", def.at, `x-sort.default ${quote(def.node)} is not a sort value of x-sort.keys: ${why}`);
  }
  const tie = get(w, x, "tiebreaker");
  if (tie && typeof tie.node === "string" && !keys.includes(tie.node)) {
    report("x-sort", tie.at, `x-sort.tiebreaker ${quote(tie.node)} is not one of x-sort.keys (${keys.join(", ")})`);
  }
  checkSortPattern(w, report, param, keysAt, keys);
  checkSortDescription(w, report, param, keys);
}

/** The sort parameter's pattern allows exactly the x-sort keys (compared as sets, after reading the pattern). */
function checkSortPattern<P>(w: Walker<P>, report: Report<P>, param: At<P>, keysAt: At<P>, keys: string[]): void {
  const name = String((param.node as Obj).name);
  const schema = get(w, param, "schema");
  const pattern = get(w, schema, "pattern");
  const expected = sortPattern(keys);
  if (!pattern || typeof pattern.node !== "string") {
    const at = schema ? w.key(schema.at) : w.key(keysAt.at);
    report("sort-pattern", at, `${name} has x-sort but its schema has no pattern: it needs ${expected}`);
    return;
  }
  const allowed = patternKeys(pattern.node);
  if (!allowed) {
    report(
      "sort-pattern",
      pattern.at,
      `the pattern of ${name} is not of the form ^(k|…)(:(asc|desc))?(,(k|…)(:(asc|desc))?)*$, so its keys cannot be ` +
        `compared with x-sort.keys; for these keys it is ${expected}`,
    );
    return;
  }
  for (const key of keys.filter((k) => !allowed.includes(k))) {
    report(
      "sort-pattern",
      w.key(w.child(keysAt.at, key)),
      `x-sort.keys has ${quote(key)}, which the pattern of ${name} does not allow`,
    );
  }
  for (const key of allowed.filter((k) => !keys.includes(k))) {
    report("sort-pattern", pattern.at, `the pattern of ${name} allows the key ${quote(key)}, which x-sort.keys lacks`);
  }
}

/** The sort parameter's description names exactly the x-sort keys: its backticked words other than asc and desc. */
function checkSortDescription<P>(w: Walker<P>, report: Report<P>, param: At<P>, keys: string[]): void {
  const name = String((param.node as Obj).name);
  const description = get(w, param, "description");
  const text = typeof description?.node === "string" ? description.node : "";
  const named = [...text.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)]
    .map((m) => m[1] as string)
    .filter((word) => !(SORT_DIRECTIONS as readonly string[]).includes(word));
  const at = description?.at ?? w.key(param.at);
  for (const key of keys.filter((k) => !named.includes(k))) {
    report(
      "sort-description",
      at,
      `the description of ${name} does not name the x-sort key ${quote(key)} (in backticks)`,
    );
  }
  for (const word of [...new Set(named)].filter((k) => !keys.includes(k))) {
    report(
      "sort-description",
      at,
      `the description of ${name} names \`${word}\`, which is not an x-sort key ` +
        "(its backticked words, besides asc and desc, are the sort keys)",
    );
  }
}

/** Every problem of the vocabulary in one operation (`op`, under `pathItem`), in document order. */
export function checkOperation<P>(w: Walker<P>, pathItem: At<P>, op: At<P>): Problem<P>[] {
  const problems: Problem<P>[] = [];
  const report: Report<P> = (rule, at, message) => problems.push({ rule, at, message });
  const params = parametersOf(w, pathItem, op);
  const items = checkPagination(w, report, op, params);
  let sorted: string | undefined;
  for (const param of params) {
    checkFilter(w, report, param, items);
    checkSort(w, report, param, items);
    const x = get(w, param, "x-sort");
    if (x && sorted) {
      report("x-sort", w.key(x.at), `x-sort is already on ${sorted}: one parameter of an operation sorts`);
    }
    if (x) sorted ??= String((param.node as Obj).name);
  }
  return problems;
}

const escapePointer = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/** A walker over one JSON document whose `$ref`s are all local (`#/…`), as `redocly bundle` writes them. */
/** Places in a bundled document are JSON pointers; `$ref`s are followed by the repository's one resolver. */
export function bundleWalker(doc: unknown): Walker<string> {
  return {
    resolve(node, from) {
      const { node: target, refs } = resolveRef(doc as object, node);
      return { node: target, at: refs.at(-1) ?? from };
    },
    child: (from, ...keys) => [from, ...keys.map(escapePointer)].join("/"),
    key: (from) => from,
  };
}

/** Every problem of the vocabulary in a bundled document, each at a JSON pointer into it (`#/components/…`). */
export function checkBundle(doc: unknown): Problem<string>[] {
  const w = bundleWalker(doc);
  const paths = isObj(doc) && isObj(doc.paths) ? doc.paths : {};
  return Object.entries(paths).flatMap(([path, raw]) => {
    const item = w.resolve(raw, w.child("#/paths", path));
    if (!isObj(item.node)) return [];
    const node = item.node;
    return HTTP_METHODS.filter((m) => isObj(node[m])).flatMap((m) =>
      checkOperation(w, item, { node: node[m], at: w.child(item.at, m) }),
    );
  });
}
