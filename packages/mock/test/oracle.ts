// The oracle shared by the process and MSW tests: read the whole data set page by page through the API, then for
// generated queries (filters, sort keys, limits, markers, offsets in any combination) compute the expected page here,
// from the rules as the spec states them, and compare it with what the mock answers. Every body is validated.
import { deref, loadBundledSpec, specValidator } from "@csbs/spec/validator";
import { expect } from "vitest";

// biome-ignore lint/suspicious/noExplicitAny: JSON
type Json = any;

export const doc = loadBundledSpec();
const validator = specValidator(doc);
const [template, pathItem] = Object.entries<Json>(doc.paths).find(([, item]) => item.get?.["x-pagination"]) ?? [];
const op = pathItem.get;
const pg = op["x-pagination"];
const listSchema: string = op.responses["200"].content["application/json"].schema.$ref;
const params: Json[] = op.parameters.map((p: Json) => deref(doc, p));
const sortParam = params.find((p) => p["x-sort"]);
const xsort = sortParam["x-sort"];
const limitDefault: number = deref(doc, params.find((p) => p.name === pg.limit).schema).default;

export const path = (project: string) => String(template).replace("{project_id}", project);

type Fetch = (query: string) => Promise<{ status: number; body: Json }>;

/** Reads every item, in the default order, `limit` at a time, following `marker`. */
async function readAll(get: Fetch, extra: string): Promise<Json[]> {
  const out: Json[] = [];
  let marker: string | undefined;
  for (;;) {
    const q = `${pg.limit}=1000${extra}${marker ? `&${pg.marker}=${encodeURIComponent(marker)}` : ""}`;
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

export async function runOracle(get: Fetch, queries: number, seed = 7): Promise<{ checked: number; rejected: number }> {
  const all = await readAll(get, "&all_tenants=true");
  const own = await readAll(get, "");
  const ownIds = new Set(own.map((i) => i[pg.id]));
  expect(ownIds.size).toBeLessThan(all.length); // other tenants' backups exist, and are hidden without all_tenants
  expect(new Set(all.map((i) => i[pg.id])).size).toBe(all.length);

  const r = prng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)] as T;
  const randomCase = (s: string) => [...s].map((c) => (r() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join("");
  const visibleKeys = Object.entries<Json>(xsort.keys)
    .filter(([, k]) => !k.hidden)
    .map(([key]) => key);
  const statuses: string[] = deref(doc, params.find((p) => p.name === "status")?.schema)?.enum ?? [];
  let checked = 0;
  let rejected = 0;

  for (let n = 0; n < queries; n++) {
    const q: [string, string][] = [];
    const tests: ((i: Json) => boolean)[] = [];
    const allTenants = r() < 0.3 ? "true" : r() < 0.2 ? "false" : undefined;
    if (allTenants !== undefined) q.push(["all_tenants", allTenants]);
    for (const p of params) {
      const rule = p["x-filter"];
      if (!rule || rule.hidden || r() > 0.3) continue;
      const sample = pick(all);
      const value: string = field(sample, rule.field);
      if (rule.match === "exact") {
        const v = p.name === "status" ? pick(statuses) : r() < 0.1 ? "no-such-value" : value;
        q.push([p.name, v]);
        tests.push((i) => field(i, rule.field) === v);
      } else if (rule.match === "substring-ci") {
        const start = Math.floor(r() * value.length);
        const v = randomCase(value.slice(start, start + 1 + Math.floor(r() * 6)));
        q.push([p.name, v]);
        tests.push((i) => String(field(i, rule.field)).toLowerCase().includes(v.toLowerCase()));
      } else if (rule.match === "gte" || rule.match === "lte") {
        const v = r() < 0.3 ? value.slice(0, 19) : value; // sometimes without fraction
        q.push([p.name, v]);
        tests.push((i) =>
          rule.match === "gte" ? ts(field(i, rule.field)) >= ts(v) : ts(field(i, rule.field)) <= ts(v),
        );
      }
    }
    const terms: { field: string; desc: boolean }[] = [];
    if (r() < 0.7) {
      const text = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
        const key = pick(visibleKeys);
        const dir = pick(["", ":asc", ":desc"]);
        terms.push({ field: xsort.keys[key].field, desc: (dir.slice(1) || xsort.direction) === "desc" });
        return `${key}${dir}`;
      }).join(",");
      q.push([sortParam.name, text]);
    } else {
      for (const t of String(xsort.default).split(",")) {
        const [key, dir] = t.split(":");
        terms.push({ field: xsort.keys[key as string].field, desc: (dir ?? xsort.direction) === "desc" });
      }
    }
    terms.push({ field: xsort.keys[xsort.tiebreaker].field, desc: false });

    let expected = all.filter((i) => (allTenants === "true" || ownIds.has(i[pg.id])) && tests.every((t) => t(i)));
    expected.sort((a, b) => {
      for (const t of terms) {
        const x = field(a, t.field);
        const y = field(b, t.field);
        if (x === y) continue;
        return (x < y ? -1 : 1) * (t.desc ? -1 : 1);
      }
      return 0;
    });
    let badMarker = false;
    if (r() < 0.35) {
      if (expected.length > 0 && r() < 0.85) {
        const at = Math.floor(r() * expected.length);
        q.push([pg.marker, expected[at][pg.id]]);
        expected = expected.slice(at + 1);
      } else {
        // Not in this query's answer: an item the filters exclude, or no item at all.
        const outside = all.find((i) => !expected.includes(i));
        q.push([pg.marker, outside && r() < 0.5 ? outside[pg.id] : "00000000-0000-4000-8000-000000000000"]);
        badMarker = true;
      }
    }
    if (r() < 0.4) {
      const offset = Math.floor(r() * 30);
      q.push([pg.offset, String(offset)]);
      expected = expected.slice(offset);
    }
    let limit = limitDefault;
    if (r() < 0.8) {
      limit = 1 + Math.floor(r() * 60);
      q.push([pg.limit, String(limit)]);
    }
    expected = expected.slice(0, limit);

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
    expect(validator.errors(listSchema, body), query).toEqual([]);
    expect(
      body[pg.items].map((i: Json) => i[pg.id]),
      query,
    ).toEqual(expected.map((i) => i[pg.id]));
    expect(body[pg.items], query).toEqual(expected);
    checked++;
  }
  return { checked, rejected };
}
