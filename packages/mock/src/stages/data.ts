/**
 * Stage 6, data: the query over the operation's data set (dataset.ts) by the model's rules, the filters (`filter` on
 * each parameter: exact, substring-ci, gte, lte, all-tenants), the sort (`sort`: keys, direction, default, tiebreaker)
 * and the paging (paging.ts). An operation without paging answers its example.
 */
import type { FilterRule, OperationModel, SortModel } from "@csbs/types/model";
import { badRequest, jsonAnswer } from "../answers.js";
import type { DataSet, SortTerm } from "../dataset.js";
import { pageRequest, unknownMarker } from "../paging.js";
import type { Answer, Exchange, QueryValues } from "../types.js";

/** `2017-04-18T01:21:52.7` → `2017-04-18T01:21:52.700000`: zone-less timestamps compare as text once padded. */
export const normalizeTimestamp = (s: string): string => {
  const dot = s.indexOf(".");
  return dot < 0 ? `${s}.000000` : `${s.slice(0, dot + 1)}${s.slice(dot + 1).padEnd(6, "0")}`;
};

/** A filter rule's test of record i, for the value sent (undefined: none sent); undefined when it keeps all. */
function filterTest(rule: FilterRule, col: unknown[], value: unknown): ((i: number) => boolean) | undefined {
  // all-tenants: without `true`, only the asking project's records (those whose owner is null, see data.ts).
  if (rule.match === "all-tenants") return value === true ? undefined : (i) => col[i] === null;
  if (value === undefined) return undefined;
  if (rule.match === "exact") return (i) => col[i] === value;
  if (rule.match === "substring-ci") {
    const needle = String(value).toLowerCase();
    return (i) => typeof col[i] === "string" && (col[i] as string).toLowerCase().includes(needle);
  }
  const bound = normalizeTimestamp(String(value));
  const after = rule.match === "gte";
  return (i) => {
    const v = col[i];
    if (typeof v !== "string") return false;
    return after ? normalizeTimestamp(v) >= bound : normalizeTimestamp(v) <= bound;
  };
}

/** The query's filters as one test, and a key naming them (for the cache of kept positions). */
function filtersOf(op: OperationModel, set: DataSet, values: QueryValues) {
  const tests: ((i: number) => boolean)[] = [];
  let signature = "";
  for (const p of op.parameters) {
    if (!p.filter) continue;
    const value = values.get(p.name);
    signature += `${p.name}=${JSON.stringify(value ?? null)}&`;
    const test = filterTest(p.filter, set.column(p.filter.field), value);
    if (test) tests.push(test);
  }
  return { matches: (i: number) => tests.every((t) => t(i)), signature };
}

/**
 * The sort terms of the query (or the default), then the tiebreaker. Validation lets only the model's keys through
 * (the sort parameter's pattern is the keys, checked by the spec's lint): a key that is not one is the engine's error.
 */
export function sortTerms(sort: SortModel | undefined, id: string, values: QueryValues): SortTerm[] {
  if (!sort) return [{ field: id, desc: false }];
  const text = (values.get(sort.parameter) as string | undefined) ?? sort.default;
  const terms = text.split(",").map((term) => {
    const [key = "", dir] = term.split(":");
    const rule = Object.hasOwn(sort.keys, key) ? sort.keys[key] : undefined;
    if (!rule) throw new Error(`engine: the sort key ${JSON.stringify(key)} is not one of the model's sort keys`);
    return { field: rule.field, desc: (dir ?? sort.direction) === "desc" };
  });
  return [...terms, { field: sort.keys[sort.tiebreaker]?.field ?? id, desc: false }];
}

/** The first index of `matched` (ascending positions) past `position`. */
function firstAfter(matched: Int32Array, position: number): number {
  let lo = 0;
  let hi = matched.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((matched[mid] as number) <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A page of the data set for a validated query: the items' JSON texts, or 400 for an unknown marker. An operation
 * without paging (no data set) answers its success response's example.
 */
export function dataStage(ex: Exchange, op: OperationModel, set: DataSet | undefined, values: QueryValues): Answer {
  if (!set || !op.pagination) return jsonAnswer(ex, op.response?.status ?? 200, op.response?.example ?? {});
  const pg = op.pagination;
  const { matches, signature } = filtersOf(op, set, values);
  const terms = sortTerms(op.sort, pg.id, values);
  const { order, rank } = set.ordered(terms);
  // The positions (in this order) of the records the filters keep: computed once per filters + order, then each page
  // is a binary search and a slice.
  const matched = set.matching(`${terms.map((t) => `${t.field}:${t.desc}`).join(",")}|${signature}`, () => {
    const out: number[] = [];
    for (let n = 0; n < order.length; n++) if (matches(order[n] as number)) out.push(n);
    return Int32Array.from(out);
  });
  const page = pageRequest(pg, values);
  let first = 0;
  if (page.marker !== undefined) {
    const at = set.indexOf(page.marker);
    if (at === undefined || !matches(at)) {
      return badRequest(ex, op, [unknownMarker(pg, page.marker)]);
    }
    first = firstAfter(matched, rank[at] as number);
  }
  const items: string[] = [];
  for (let j = first + page.offset; j < matched.length && items.length < page.limit; j++) {
    items.push(set.itemJson(order[matched[j] as number] as number));
  }
  return {
    status: 200,
    headers: { "content-type": "application/json", "x-request-id": ex.id },
    body: `{${JSON.stringify(pg.items)}:[${items.join(",")}]}`,
    delayMs: ex.delayMs,
  };
}
