// The oracle shared by the process and MSW tests: read the whole data set page by page through the API, then for
// generated queries (filters, sort keys, limits, markers, offsets in any combination) compute the expected page here,
// from the rules as the spec's model states them, and compare it with what the mock answers. Every body is validated.
// Everything is read from the model (`@csbs/types/model`): a filter parameter added to the spec, of any match and
// schema, is generated and checked with no edit here.
import { specValidator } from "@csbs/spec/validator";
import { model, type OperationModel, type ParameterModel } from "@csbs/types/model";
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";

// biome-ignore lint/suspicious/noExplicitAny: JSON
type Json = any;

const op = model.operations.find((o) => o.pagination) as OperationModel;
const pg = op.pagination as NonNullable<OperationModel["pagination"]>;
const sort = op.sort as NonNullable<OperationModel["sort"]>;
const limitName = pg.limit as string;
const offsetName = pg.offset as string;
const limitDefault = pg.defaultLimit ?? Number.POSITIVE_INFINITY;
const validBody = specValidator().compileSchema(op.response?.schema ?? {});
const allTenants = op.parameters.find((p) => p.filter?.match === "all-tenants");
/** The filters whose effect a response shows: every one but the tenant switch and hidden fields. */
const filters = op.parameters.filter((p) => p.filter && p.filter.match !== "all-tenants" && !p.filter.hidden);

export const path = (project: string) => op.path.replace(/\{[^}]+\}/, project);

/** Whether a query text is a valid value of a parameter, by its schema in the model (as the mock reads it). */
const ajv = new Ajv2020({ strict: false });
ajv.addFormat("int32", { type: "number", validate: (n: number) => n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
const typed = (p: ParameterModel, text: string): unknown =>
  p.schema?.type === "integer" || p.schema?.type === "number"
    ? Number(text)
    : p.schema?.type === "boolean"
      ? text === "true"
      : text;
const checks = new Map(filters.map((p) => [p.name, ajv.compile(p.schema ?? {})]));
const isValid = (p: ParameterModel, text: string) =>
  text !== "" && (checks.get(p.name)?.(typed(p, text)) ?? false) === true;

type Fetch = (query: string) => Promise<{ status: number; body: Json }>;

/** Reads every item, in the default order, `limit` at a time, following `marker`. */
async function readAll(get: Fetch, extra: string): Promise<Json[]> {
  const out: Json[] = [];
  let marker: string | undefined;
  for (;;) {
    const q = `${limitName}=1000${extra}${marker ? `&${pg.marker}=${encodeURIComponent(marker)}` : ""}`;
    const { status, body } = await get(q);
    expect(status).toBe(200);
    const page: Json[] = body[pg.items];
    out.push(...page);
    if (page.length < 1000) return out;
    marker = page.at(-1)[pg.id];
  }
}

const field = (item: Json, f: string) => f.split(".").reduce((o: Json, k) => o?.[k], item);
const ts = (s: string) => {
  const dot = s.indexOf(".");
  return dot < 0 ? `${s}.000000` : `${s.slice(0, dot + 1)}${s.slice(dot + 1).padEnd(6, "0")}`;
};

/** A small seeded PRNG (mulberry32), so a failing query repeats. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
type Rand = () => number;
const pickOf = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const randomCase = (r: Rand, s: string) => [...s].map((c) => (r() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join("");

/**
 * Values a filter may be sent, each valid by the parameter's schema: from its enum, else from the data set's own
 * values of its field (as they are, or cut for a substring or a bound) and the schema's example, which may match nothing.
 */
function candidates(r: Rand, p: ParameterModel, sample: Json): string[] {
  const rule = p.filter as NonNullable<ParameterModel["filter"]>;
  const value = field(sample, rule.field);
  const own = value === undefined || value === null ? [] : [String(value)];
  let texts: string[];
  if (p.enum) texts = [String(pickOf(r, p.enum))];
  else if (rule.match === "substring-ci") {
    const start = Math.floor(r() * (own[0]?.length ?? 0));
    texts = own.map((v) => randomCase(r, v.slice(start, start + 1 + Math.floor(r() * 6))));
  } else if (rule.match === "gte" || rule.match === "lte") {
    texts = r() < 0.3 ? own.map((v) => v.slice(0, 19)) : own; // sometimes without fraction
  } else {
    texts = r() < 0.1 ? [String(p.example ?? "no-such-value"), "no-such-value"] : own;
  }
  return [...texts, ...own, ...(p.example === undefined ? [] : [String(p.example)])].filter((t) => isValid(p, t));
}

/** The expected test of a filter's value, by its match rule. */
function filterTest(p: ParameterModel, text: string): (item: Json) => boolean {
  const rule = p.filter as NonNullable<ParameterModel["filter"]>;
  const v = typed(p, text);
  if (rule.match === "exact") return (i) => field(i, rule.field) === v;
  if (rule.match === "substring-ci")
    return (i) => String(field(i, rule.field)).toLowerCase().includes(text.toLowerCase());
  const bound = ts(text);
  return (i) => {
    const x = field(i, rule.field);
    return typeof x === "string" && (rule.match === "gte" ? ts(x) >= bound : ts(x) <= bound);
  };
}

/** Sort terms: random keys of the model (visible ones) or its default, then its tiebreaker. */
function sortOf(r: Rand): { text?: string; terms: { field: string; desc: boolean }[] } {
  const visible = Object.entries(sort.keys)
    .filter(([, k]) => !k.hidden)
    .map(([key]) => key);
  const asked = r() < 0.7;
  const text = asked
    ? Array.from(
        { length: 1 + Math.floor(r() * 3) },
        () => `${pickOf(r, visible)}${pickOf(r, ["", ":asc", ":desc"])}`,
      ).join(",")
    : sort.default;
  const terms = text.split(",").map((t) => {
    const [key = "", dir] = t.split(":");
    return { field: sort.keys[key]?.field ?? key, desc: (dir ?? sort.direction) === "desc" };
  });
  terms.push({ field: sort.keys[sort.tiebreaker]?.field ?? pg.id, desc: false });
  return { ...(asked ? { text } : {}), terms };
}

const compare = (terms: { field: string; desc: boolean }[]) => (a: Json, b: Json) => {
  for (const t of terms) {
    const x = field(a, t.field);
    const y = field(b, t.field);
    if (x === y) continue;
    return (x < y ? -1 : 1) * (t.desc ? -1 : 1);
  }
  return 0;
};

interface Case {
  query: [string, string][];
  expected: Json[];
  badMarker: boolean;
}

/** One generated query and the page the model's rules give for it over `all` (every tenant's items). */
function generate(r: Rand, all: Json[], ownIds: Set<string>): Case {
  const query: [string, string][] = [];
  const tests: ((i: Json) => boolean)[] = [];
  const tenants = allTenants && (r() < 0.3 ? "true" : r() < 0.2 ? "false" : undefined);
  if (allTenants && tenants !== undefined) query.push([allTenants.name, tenants]);
  for (const p of filters) {
    if (r() > 0.3) continue;
    const texts = candidates(r, p, pickOf(r, all));
    if (texts.length === 0) continue;
    query.push([p.name, texts[0] as string]);
    tests.push(filterTest(p, texts[0] as string));
  }
  const sorted = sortOf(r);
  if (sorted.text !== undefined) query.push([sort.parameter, sorted.text]);
  let expected = all.filter((i) => (tenants === "true" || ownIds.has(i[pg.id])) && tests.every((t) => t(i)));
  expected.sort(compare(sorted.terms));
  let badMarker = false;
  if (r() < 0.35) {
    if (expected.length > 0 && r() < 0.85) {
      const at = Math.floor(r() * expected.length);
      query.push([pg.marker, expected[at][pg.id]]);
      expected = expected.slice(at + 1);
    } else {
      // Not in this query's answer: an item the filters exclude, or no item at all.
      const outside = all.find((i) => !expected.includes(i));
      query.push([pg.marker, outside && r() < 0.5 ? outside[pg.id] : "00000000-0000-4000-8000-000000000000"]);
      badMarker = true;
    }
  }
  if (r() < 0.4) {
    const offset = Math.floor(r() * 30);
    query.push([offsetName, String(offset)]);
    expected = expected.slice(offset);
  }
  let limit = limitDefault;
  if (r() < 0.8) {
    limit = 1 + Math.floor(r() * 60);
    query.push([limitName, String(limit)]);
  }
  return { query, expected: expected.slice(0, limit), badMarker };
}

export async function runOracle(get: Fetch, queries: number, seed = 7): Promise<{ checked: number; rejected: number }> {
  const all = await readAll(get, allTenants ? `&${allTenants.name}=true` : "");
  const own = await readAll(get, "");
  const ownIds = new Set(own.map((i) => i[pg.id]));
  expect(ownIds.size).toBeLessThan(all.length); // other tenants' backups exist, and are hidden without all_tenants
  expect(new Set(all.map((i) => i[pg.id])).size).toBe(all.length);

  const r = prng(seed);
  let checked = 0;
  let rejected = 0;
  for (let n = 0; n < queries; n++) {
    const { query: q, expected, badMarker } = generate(r, all, ownIds);
    // Parameters in a random order: the answer must not depend on it.
    q.sort(() => r() - 0.5);
    const query = q.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
    const { status, body } = await get(query);
    if (badMarker) {
      expect(status, query).toBe(400);
      expect(body.error_msg, query).toContain(pg.marker);
      rejected++;
      continue;
    }
    expect(status, query).toBe(200);
    expect(validBody(body) ? [] : validBody.errors, query).toEqual([]);
    expect(
      body[pg.items].map((i: Json) => i[pg.id]),
      query,
    ).toEqual(expected.map((i) => i[pg.id]));
    expect(body[pg.items], query).toEqual(expected);
    checked++;
  }
  return { checked, rejected };
}
