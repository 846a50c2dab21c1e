// The seeded data set itself, through the engine (no server): valid, realistic, consistent, deterministic.
import { deref, loadBundledSpec, specValidator } from "@csbs/spec/validator";
import { describe, expect, it } from "vitest";
import { createEngine } from "../src/engine.js";

// biome-ignore lint/suspicious/noExplicitAny: JSON
type Json = any;

const doc = loadBundledSpec();
const validator = specValidator(doc);
const [template, pathItem] = Object.entries<Json>(doc.paths).find(([, item]) => item.get?.["x-pagination"]) ?? [];
const op = pathItem.get;
const pg = op["x-pagination"];
const listSchema: string = op.responses["200"].content["application/json"].schema.$ref;
const example = deref(doc, Object.values<Json>(op.responses["200"].content["application/json"].examples)[0]).value[
  pg.items
][0];

const answer = (engine: ReturnType<typeof createEngine>, query: string) => {
  const a = engine.handle({
    method: "GET",
    path: String(template).replace("{project_id}", "p"),
    query,
    header: (n) => (n === "x-auth-token" ? "t" : undefined),
  });
  return { status: a.status, body: JSON.parse(a.body ?? "null") };
};
const everything = (engine: ReturnType<typeof createEngine>): Json[] =>
  answer(engine, "all_tenants=true&limit=100000").body[pg.items];

describe("the data set", () => {
  const engine = createEngine(doc, { seed: "data-test", records: 3000 });
  const items = everything(engine);

  it("holds --records items, each valid against the spec's schema (no invented field)", () => {
    expect(items).toHaveLength(3000);
    expect(validator.errors(listSchema, { [pg.items]: items })).toEqual([]);
    expect(new Set(items.map((i) => i.id)).size).toBe(3000);
  });

  it("contains the source document's example item unchanged", () => {
    expect(items.filter((i) => i.id === example.id)).toEqual([example]);
    expect(everything(createEngine(doc, { records: 1 }))).toEqual([example]);
  });

  it("is realistic: every status, several AZs, resource and image types, tags on some, 2017–2026", () => {
    const distinct = (f: (i: Json) => unknown) => new Set(items.map(f));
    const status = deref(
      doc,
      op.parameters.map((p: Json) => deref(doc, p)).find((p: Json) => p.name === "status").schema,
    );
    expect(distinct((i) => i.status)).toEqual(new Set(status.enum));
    expect(distinct((i) => i.extend_info?.resource_az).size).toBeGreaterThanOrEqual(3);
    expect(distinct((i) => i.resource_type).size).toBeGreaterThanOrEqual(2);
    expect(distinct((i) => i.extend_info?.image_type).size).toBeGreaterThanOrEqual(2);
    const tagged = items.filter((i) => i.tags?.length).length;
    expect(tagged).toBeGreaterThan(300);
    expect(tagged).toBeLessThan(2700);
    for (const i of items) {
      expect(i.created_at).toMatch(/^20(1[7-9]|2[0-6])-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    }
  });

  it("is consistent: failures only on error items, updated_at ≥ created_at", () => {
    for (const i of items) {
      const failed = i.status === "error";
      const e = i.extend_info ?? {};
      expect(Boolean(e.fail_reason), i.id).toBe(failed);
      expect(Object.keys(e.fail_code ?? {}).length > 0, i.id).toBe(failed);
      expect(i.updated_at >= i.created_at, i.id).toBe(true);
    }
  });

  it("is the same for the same seed, different for another", () => {
    expect(everything(createEngine(doc, { seed: "data-test", records: 3000 }))).toEqual(items);
    expect(everything(createEngine(doc, { seed: "other", records: 3000 }))).not.toEqual(items);
  });

  it("filters on the attributes it keeps but does not show: policy_id, protected_at (sort), owner project", () => {
    const mine = answer(engine, "limit=100000").body[pg.items];
    expect(mine.length).toBeLessThan(items.length);
    expect(mine.length).toBeGreaterThan(items.length * 0.7);
    expect(JSON.stringify(items)).not.toMatch(/"(policy_id|protected_at|project_id)"/);
    // A policy's backups are automatic ones (auto_trigger) of the caller's or another project.
    const anyPolicy = answer(engine, "policy_id=nope").body[pg.items];
    expect(anyPolicy).toEqual([]);
    const sorted = answer(engine, "sort=protected_at:asc&limit=100000&all_tenants=true").body[pg.items];
    expect(sorted).toHaveLength(items.length);
    expect(sorted.map((i: Json) => i.id)).not.toEqual(items.map((i) => i.id));
  });

  it("rejects an impossible size", () => {
    expect(() => createEngine(doc, { records: 0 })).toThrow(/records/);
    expect(() => createEngine(doc, { records: 100_001 })).toThrow(/records/);
  });
});

describe("an operation without paging", () => {
  it("is routed and validated from the spec, and answers its example", () => {
    const grown = structuredClone(doc) as Json;
    const list = grown.paths[template as string];
    grown.paths[`${template}/count`] = {
      parameters: list.parameters,
      get: {
        operationId: "countThings",
        parameters: [list.get.parameters[0]],
        responses: {
          "200": { description: "OK", content: { "application/json": { example: { count: 3 } } } },
          "400": list.get.responses["400"],
        },
      },
    };
    const engine = createEngine(grown, { records: 10 });
    const call = (path: string, query = "") =>
      engine.handle({ method: "GET", path, query, header: (n) => (n === "x-auth-token" ? "t" : undefined) });
    const count = String(template).replace("{project_id}", "p");
    expect(JSON.parse(call(`${count}/count`).body ?? "")).toEqual({ count: 3 });
    expect(call(`${count}/count`, "status=bogus").status).toBe(400);
    expect(JSON.parse(call(count, "all_tenants=true").body ?? "")[pg.items]).toHaveLength(10); // still the list
  });
});
