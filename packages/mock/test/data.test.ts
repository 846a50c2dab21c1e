// The seeded data set itself, through the engine (no server): valid, realistic, consistent, deterministic.
import { deref, loadBundledSpec, specValidator } from "@csbs/spec/validator";
import { model, type OperationModel } from "@csbs/types/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STRATIFIED_FIELDS } from "../src/data.js";
import { createEngine } from "../src/engine.js";

// biome-ignore lint/suspicious/noExplicitAny: JSON
type Json = any;

const doc = loadBundledSpec();
const validator = specValidator(doc);
const op = model.operations.find((o) => o.pagination) as OperationModel;
const pg = op.pagination as NonNullable<OperationModel["pagination"]>;
const template = op.path;
const validList = validator.compileSchema(op.response?.schema ?? {});
const example = Object.values(op.response?.examples ?? {})[0]?.value[pg.items][0];

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
/** The project's own view: what a frontend developer sees without all_tenants. */
const ownView = (engine: ReturnType<typeof createEngine>): Json[] => answer(engine, "limit=100000").body[pg.items];
const field = (item: Json, path: string) => path.split(".").reduce((o: Json, k) => o?.[k], item);
/** The schema of an item field (`extend_info.image_type`), in the model's inlined response schema. */
const fieldSchema = (path: string): Json =>
  path.split(".").reduce((s: Json, k) => s?.properties?.[k], op.response?.schema?.properties?.[pg.items]?.items);

describe("the data set", () => {
  const engine = createEngine(model, { seed: "data-test", records: 3000 });
  const items = everything(engine);

  it("holds --records items, each valid against the spec's schema (no invented field)", () => {
    expect(items).toHaveLength(3000);
    expect(validList({ [pg.items]: items }) ? [] : validList.errors).toEqual([]);
    expect(new Set(items.map((i) => i.id)).size).toBe(3000);
  });

  it("contains the source document's example item unchanged", () => {
    expect(items.filter((i) => i.id === example.id)).toEqual([example]);
    expect(everything(createEngine(model, { records: 1 }))).toEqual([example]);
  });

  it("is realistic: every status, several AZs, resource and image types, tags on some, 2017–2026", () => {
    const distinct = (f: (i: Json) => unknown) => new Set(items.map(f));
    const status = op.parameters.find((p) => p.name === "status");
    expect(distinct((i) => i.status)).toEqual(new Set(status?.enum));
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
    expect(everything(createEngine(model, { seed: "data-test", records: 3000 }))).toEqual(items);
    expect(everything(createEngine(model, { seed: "other", records: 3000 }))).not.toEqual(items);
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
    expect(() => createEngine(model, { records: 0 })).toThrow(/records/);
    expect(() => createEngine(model, { records: 100_001 })).toThrow(/records/);
  });
});

describe("every value a filter can select is in the project's own view, for any seed", () => {
  // The exact filters on a field that takes a few values (status, resource type, image type, AZ), not on an id: the
  // values each may select that the data set generates — every value a large data set holds, in the spec's enum
  // (parameter or field) when it has one. Every status is generated (asserted below); a filter added to the spec on a
  // field the generator fills from fewer values than its enum (copy_status: no replica_copy) is held to those.
  const large = everything(createEngine(model, { seed: "filters", records: 3000 }));
  const filters = op.parameters
    .filter((p) => p.filter?.match === "exact" && !p.filter.hidden)
    .map((p) => {
      const path = p.filter?.field ?? "";
      const enumOf: unknown[] | undefined = p.enum ?? fieldSchema(path)?.enum;
      const values = [...new Set(large.map((i) => field(i, path)).filter((v) => v !== undefined))];
      return { name: p.name, path, values: enumOf ? enumOf.filter((v) => values.includes(v)) : values, enumOf };
    })
    .filter((f) => f.values.length <= 20);

  it("finds the filters (status by the spec's enum) and each one's values", () => {
    const names = filters.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["status", "resource_type", "image_type", "az"]));
    const byName = Object.fromEntries(filters.map((f) => [f.name, f]));
    expect(byName.status?.enumOf).toEqual(deref(doc, { $ref: "#/components/schemas/CheckpointItemStatus" }).enum);
    expect(byName.status?.values).toEqual(byName.status?.enumOf); // every status is generated
    // Where the spec has no enum, the data set's own values: both resource types CSBS backs up, a backup and a
    // replica, the region's AZs.
    expect(new Set(byName.resource_type?.values)).toEqual(new Set(["OS::Nova::Server", "OS::Ironic::BareMetalServer"]));
    expect(new Set(byName.image_type?.values)).toEqual(new Set(["backup", "replication"]));
    expect(byName.az?.values.length).toBeGreaterThanOrEqual(3);
  });

  const covers = (seed: string, records: number, which = filters) => {
    const mine = ownView(createEngine(model, { seed, records }));
    for (const f of which) {
      const seen = new Set(mine.map((i) => field(i, f.path)));
      expect(
        f.values.filter((v) => !seen.has(v)),
        `${f.name} missing (seed ${seed}, ${records})`,
      ).toEqual([]);
    }
    return mine;
  };

  it("the default data set (seed csbs, 200 records): every status, resource type, image type and AZ", () => {
    const mine = covers("csbs", 200);
    expect(mine.length).toBeLessThan(200); // other tenants' backups are hidden, and not the showcase
  });

  it("any seed and any size from 50 records, for the fields the first records take in turn", () => {
    // A filter added to the spec on another field is held to the default data set above, not to every small one.
    const stratified = filters.filter((f) => STRATIFIED_FIELDS.includes(f.path));
    expect(stratified.map((f) => f.name)).toEqual(
      expect.arrayContaining(["status", "resource_type", "image_type", "az"]),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.integer({ min: 50, max: 600 }), (seed, records) => {
        covers(seed, records, stratified);
      }),
      { numRuns: 40, seed: 20170418 },
    );
  });
});

describe("names", () => {
  it("are what CSBS and people give: autobk_ by a policy, manualbk_, after the server, after an occasion", () => {
    const mine = ownView(createEngine(model, { seed: "data-test", records: 3000 })).filter((i) => i.id !== example.id);
    const styles = {
      policy: mine.filter((i) => /^autobk_[0-9a-f]{4}$/.test(i.name) && i.extend_info.auto_trigger),
      console: mine.filter((i) => /^manualbk_[0-9a-f]{4}$/.test(i.name) && !i.extend_info.auto_trigger),
      server: mine.filter((i) => i.name.startsWith(`${i.extend_info.resource_name}-`) && !i.extend_info.auto_trigger),
      occasion: mine.filter((i) => /^[a-z-]+-20\d\d-\d\d$/.test(i.name) && i.name.endsWith(i.created_at.slice(0, 7))),
    };
    for (const [style, items] of Object.entries(styles)) expect(items.length, style).toBeGreaterThan(mine.length / 50);
    expect(Object.values(styles).flat()).toHaveLength(mine.length); // no other kind of name (but the example's)
  });

  it("a server's name finds its backups: name=web on the default data set and on 100,000 records since 2024", () => {
    const web = (engine: ReturnType<typeof createEngine>, query: string) => {
      const page: Json[] = answer(engine, `name=web${query}`).body[pg.items];
      for (const i of page) expect(i.name.toLowerCase()).toContain("web");
      return page;
    };
    expect(web(createEngine(model), "").length).toBeGreaterThan(0);
    const large = web(
      createEngine(model, { seed: "demo", records: 100_000 }),
      "&start_time=2024-01-01T00:00:00&limit=20",
    );
    expect(large).toHaveLength(20);
    for (const i of large) expect(i.created_at >= "2024-01-01T00:00:00").toBe(true);
  });
});

describe("an operation without paging", () => {
  it("is routed and validated from the model, and answers its example", () => {
    // The model grown by one operation, as `pnpm generate` would write it for a `/count` path beside the list.
    const count: OperationModel = {
      ...op,
      operationId: "countThings",
      path: `${template}/count`,
      parameters: op.parameters.filter((p) => p.in === "path" || p.name === "status"),
      response: { status: 200, description: "OK", examples: {}, example: { count: 3 }, headers: [] },
      errors: op.errors.filter((e) => e.status === 400),
      pagination: undefined,
      sort: undefined,
    };
    const engine = createEngine({ ...model, operations: [...model.operations, count] }, { records: 10 });
    const call = (path: string, query = "") =>
      engine.handle({ method: "GET", path, query, header: (n) => (n === "x-auth-token" ? "t" : undefined) });
    const list = String(template).replace("{project_id}", "p");
    expect(JSON.parse(call(`${list}/count`).body ?? "")).toEqual({ count: 3 });
    expect(call(`${list}/count`, "status=bogus").status).toBe(400);
    expect(JSON.parse(call(list, "all_tenants=true").body ?? "")[pg.items]).toHaveLength(10); // still the list
  });
});
