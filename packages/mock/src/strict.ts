/**
 * The checks Prism does not make on a query string, made in front of it.
 *
 * Prism validates each parameter's value against its schema, but it reads an empty value (`?limit=`) as no value and
 * it coerces numbers with `Number()`, so `limit=1e3`, `limit=0x10` or `offset=+5` pass. The spec says otherwise:
 * OpenAPI forbids empty query values unless a parameter sets `allowEmptyValue` (none does), and an integer is written
 * in decimal digits. These checks read the parameters of the operation from the served document, so they follow it.
 */

// The OpenAPI document is walked as plain JSON.
// biome-ignore lint/suspicious/noExplicitAny: a JSON tree
type Json = any;

export interface QueryParameter {
  name: string;
  type: string | undefined;
  allowEmptyValue: boolean;
}

export interface Violation {
  location: string[];
  severity: "Error";
  code: string;
  message: string;
}

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** The query parameters of every GET operation, keyed by a RegExp of its path template. */
export function queryParameters(doc: Json): { path: RegExp; parameters: QueryParameter[] }[] {
  const deref = (node: Json): Json =>
    node?.$ref
      ? deref(
          node.$ref
            .slice(2)
            .split("/")
            .reduce((o: Json, k: string) => o?.[k.replaceAll("~1", "/").replaceAll("~0", "~")], doc),
        )
      : node;
  const out: { path: RegExp; parameters: QueryParameter[] }[] = [];
  for (const [template, item] of Object.entries<Json>(doc.paths ?? {})) {
    const op = item.get;
    if (!op) continue;
    const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])]
      .map(deref)
      .filter((p) => p?.in === "query")
      .map((p) => ({ name: p.name, type: deref(p.schema)?.type, allowEmptyValue: p.allowEmptyValue === true }));
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("");
    out.push({ path: new RegExp(`^${source}$`), parameters });
  }
  return out;
}

/** What is wrong with a raw query string (`a=1&b=2`, without `?`) for these parameters; empty when nothing is. */
export function queryViolations(rawQuery: string, parameters: QueryParameter[]): Violation[] {
  const violations: Violation[] = [];
  const byName = new Map(parameters.map((p) => [p.name, p]));
  const violation = (name: string, code: string, message: string) =>
    violations.push({ location: ["request", "query", name], severity: "Error", code, message });
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replaceAll("+", " "));
      value = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1).replaceAll("+", " "));
    } catch {
      violation(
        pair.slice(0, Math.max(eq, 0)) || pair,
        "encoding",
        `Request query "${pair}" is not valid percent-encoding`,
      );
      continue;
    }
    const parameter = byName.get(name);
    if (!parameter) continue; // unknown parameters are ignored, as the service does
    if (value === "" && !parameter.allowEmptyValue) {
      violation(name, "allowEmptyValue", `Request query parameter ${name} must not be empty`);
    } else if (parameter.type === "integer" && !INTEGER.test(value)) {
      violation(name, "type", `Request query parameter ${name} must be an integer in decimal digits, got "${value}"`);
    }
  }
  return violations;
}

/**
 * Paging, as the service pages: skip to after the item whose `id` is `marker`, skip `offset` more, keep `limit`.
 * Applied to the list the mock answers (a named example, or generated data), so `multi` (four backups) can be paged
 * through with `limit=2` and `marker`. An unknown `marker` gives an empty page, the end of the list. Returns
 * undefined when the query has no paging parameter or the body is not a list.
 */
export function pageOf(body: unknown, rawQuery: string): unknown {
  const query = new URLSearchParams(rawQuery);
  const [marker, offset, limit] = [query.get("marker"), query.get("offset"), query.get("limit")];
  if (marker === null && offset === null && limit === null) return undefined;
  const list = (body as { checkpoint_items?: unknown })?.checkpoint_items;
  if (!Array.isArray(list)) return undefined;
  let items = list as { id?: unknown }[];
  if (marker !== null) {
    const at = items.findIndex((item) => item?.id === marker);
    items = at < 0 ? [] : items.slice(at + 1);
  }
  if (offset !== null) items = items.slice(Number(offset));
  if (limit !== null) items = items.slice(0, Number(limit));
  return { ...(body as object), checkpoint_items: items };
}
