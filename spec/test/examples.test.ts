// Every example in the spec validates against the schema it illustrates: media-type examples against the
// response schema, parameter examples against the parameter schema, and schema-level `examples`.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { deref, loadBundledSpec, specValidator } from "../validator.js";

const doc = loadBundledSpec();
const validator = specValidator(doc);

type Case = { where: string; schema: object; value: unknown };
const cases: Case[] = [];

const resolveRef = (node: any) => deref(doc, node);

for (const [path, item] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (method === "parameters") continue;
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolveRef);
    for (const p of params) {
      if ("example" in p)
        cases.push({ where: `${method} ${path} parameter ${p.name}`, schema: p.schema, value: p.example });
    }
    for (const [status, res] of Object.entries<any>(op.responses)) {
      for (const [type, media] of Object.entries<any>(resolveRef(res).content ?? {})) {
        for (const [name, ex] of Object.entries<any>(media.examples ?? {})) {
          cases.push({
            where: `${method} ${path} ${status} ${type} example "${name}"`,
            schema: media.schema,
            value: resolveRef(ex).value,
          });
        }
      }
    }
  }
}
for (const [name, schema] of Object.entries<any>(doc.components.schemas ?? {})) {
  for (const [i, value] of (schema.examples ?? []).entries()) {
    cases.push({ where: `schema ${name} examples[${i}]`, schema: { $ref: `#/components/schemas/${name}` }, value });
  }
}

describe("spec examples", () => {
  it("has examples for every status every operation documents", () => {
    const withExamples = new Set(cases.filter((c) => c.where.includes(" example ")).map((c) => c.where.split(" ")[2]));
    const documented = Object.values(doc.paths).flatMap((item) =>
      Object.values<{ responses?: object }>(item).flatMap((op) => Object.keys(op?.responses ?? {})),
    );
    expect(documented.length).toBeGreaterThan(1);
    expect([...withExamples].sort()).toEqual([...new Set(documented)].sort());
  });

  it.each(cases.map((c) => [c.where, c] as const))("%s validates against its schema", (_, c) => {
    const validate = validator.compileSchema(c.schema);
    const ok = validate(c.value);
    expect(ok ? [] : validate.errors).toEqual([]);
  });
});

describe("the source document's example response", () => {
  const md = readFileSync(fileURLToPath(new URL("../source/querying-all-backups.md", import.meta.url)), "utf8");
  const seedExample = JSON.parse(/Example response\s*\n\s*```\n([\s\S]*?)```/.exec(md)?.[1] ?? "null");

  it("validates against the 200 schema", () => {
    expect(validator.errors("#/components/schemas/CheckpointItemList", seedExample)).toEqual([]);
  });

  it("is the spec's `available` example, verbatim", () => {
    const media = doc.paths["/v1/{project_id}/checkpoint_items"]?.get.responses["200"].content["application/json"];
    expect(resolveRef(media.examples.available).value).toEqual(seedExample);
  });

  it("would be rejected if it carried an invented field or broke a bound (the schema is not vacuous)", () => {
    const item = seedExample.checkpoint_items[0];
    const mutate = (f: (copy: any) => void) => {
      const copy = structuredClone(seedExample);
      f(copy.checkpoint_items[0]);
      return validator.errors("#/components/schemas/CheckpointItemList", copy);
    };
    expect(item).toBeDefined();
    expect(mutate((i) => (i.colour = "red"))).not.toEqual([]);
    expect(mutate((i) => (i.extend_info.progress = 101))).not.toEqual([]);
    expect(mutate((i) => (i.status = "bogus"))).not.toEqual([]);
    expect(mutate((i) => (i.created_at = "2017-04-15 04:20:37"))).not.toEqual([]);
    expect(mutate((i) => (i.tags = [{ key: "", value: "x" }]))).not.toEqual([]);
    expect(mutate((i) => (i.tags = [{ key: "k".repeat(37), value: "x" }]))).not.toEqual([]);
    expect(mutate((i) => (i.tags = [{ key: "k", value: "v".repeat(44) }]))).not.toEqual([]);
    expect(mutate((i) => (i.tags = [{ key: "k", value: "v".repeat(43) }]))).toEqual([]);
    expect(mutate((i) => (i.extend_info.fail_code = { Code: 1.5 }))).not.toEqual([]);
    expect(mutate((i) => delete i.id)).not.toEqual([]);
  });
});
