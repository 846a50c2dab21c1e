// The model: what every product reads instead of the document. Its normalization rules are decided once, here.
import { createRequire } from "node:module";
import { model } from "@csbs/types/model";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../scripts/generate.mjs";
import { buildModel } from "../scripts/model.mjs";

const require = createRequire(import.meta.url);

/** A small document that exercises each rule. */
const doc = {
  openapi: "3.1.0",
  info: { title: "t", version: "1.2.3" },
  servers: [{ url: "https://{host}/api", variables: { host: { default: "example.com" } } }],
  security: [{ Token: [] }],
  components: {
    securitySchemes: {
      Token: { type: "apiKey", in: "header", name: "X-Auth-Token" },
      Basic: { type: "http", scheme: "basic" },
    },
    schemas: {
      Item: { type: "object", properties: { id: { type: "string" }, tags: { $ref: "#/components/schemas/Tags" } } },
      Tags: { type: "array", items: { type: "string", example: "a", "x-note": "dropped" } },
    },
    parameters: {
      limit: { name: "limit", in: "query", schema: { type: "integer", default: 50 }, example: 10 },
      project: { name: "project", in: "path", required: true, schema: { type: "string", examples: ["p1"] } },
    },
  },
  paths: {
    "/{project}/items": {
      parameters: [
        { $ref: "#/components/parameters/project" },
        { name: "q", in: "query", description: "path-level", schema: { type: "string" } },
      ],
      get: {
        operationId: "listItems",
        "x-pagination": { style: "marker", items: "items", marker: "marker", limit: "limit" },
        parameters: [
          { name: "q", in: "query", description: "operation-level", schema: { type: "string" } },
          { $ref: "#/components/parameters/limit" },
          { name: "marker", in: "query", schema: { type: "string" } },
          { name: "status", in: "query", schema: { type: "string" }, "x-filter": { field: "s", match: "exact" } },
          {
            name: "sort",
            in: "query",
            schema: { type: "string" },
            "x-sort": { keys: { id: {}, at: { field: "created", hidden: true } }, direction: "asc", default: "id" },
          },
        ],
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: { type: "object", properties: { items: { $ref: "#/components/schemas/Item" } } },
                examples: { one: { summary: "One", value: { items: [{ id: "1" }] } }, none: { value: { items: [] } } },
              },
            },
          },
          "503": {
            description: "busy",
            headers: { "Retry-After": { description: "seconds", schema: { type: "integer" } } },
            content: { "application/json": { example: { code: "busy" } } },
          },
          "400": { description: "bad" },
        },
      },
      post: { operationId: "addItem", security: [{ Basic: [] }], responses: { "204": { description: "added" } } },
    },
  },
};

describe("the model", () => {
  const m = buildModel(doc);
  const list = m.operations.find((op) => op.operationId === "listItems");
  const add = m.operations.find((op) => op.operationId === "addItem");

  it("lists every operation in document order, method by method", () => {
    expect(m.operations.map((op) => `${op.method} ${op.path}`)).toEqual([
      "get /{project}/items",
      "post /{project}/items",
    ]);
  });

  it("merges path-item and operation parameters; the operation's wins and keeps the path item's place", () => {
    expect(list?.parameters.map((p) => p.name)).toEqual(["project", "q", "limit", "marker", "status", "sort"]);
    expect(list?.parameters.find((p) => p.name === "q")?.description).toBe("operation-level");
  });

  it("inlines schemas, without OpenAPI's annotations; examples from the parameter or its schema", () => {
    expect(list?.response?.schema.properties.items.properties.tags).toEqual({
      type: "array",
      items: { type: "string" },
    });
    expect(JSON.stringify(m)).not.toContain("$ref");
    expect(list?.parameters.find((p) => p.name === "limit")).toMatchObject({ default: 50, example: 10 });
    expect(list?.parameters.find((p) => p.name === "project")).toMatchObject({ example: "p1", required: true });
  });

  it("resolves the rules' defaults once: filter hidden, sort fields, paging id and page size", () => {
    expect(list?.parameters.find((p) => p.name === "status")?.filter).toEqual({
      field: "s",
      match: "exact",
      hidden: false,
    });
    expect(list?.sort).toEqual({
      parameter: "sort",
      keys: { id: { field: "id", hidden: false }, at: { field: "created", hidden: true } },
      direction: "asc",
      default: "id",
    });
    expect(list?.pagination).toEqual({
      style: "marker",
      items: "items",
      id: "id",
      marker: "marker",
      limit: "limit",
      defaultLimit: 50,
    });
  });

  it("has the success response with its named examples, and the error responses ascending with their headers", () => {
    expect(list?.response?.status).toBe(200);
    expect(Object.keys(list?.response?.examples ?? {})).toEqual(["one", "none"]);
    expect(list?.response?.example).toEqual({ items: [{ id: "1" }] });
    expect(list?.errors.map((e) => e.status)).toEqual([400, 503]);
    expect(list?.errors[1]).toMatchObject({ example: { code: "busy" }, headers: [{ name: "Retry-After" }] });
    expect(add?.response).toMatchObject({ status: 204, examples: {} });
  });

  it("security: the operation's own requirements, else the document's; header names of API keys", () => {
    expect(list?.security).toEqual([["Token"]]);
    expect(list?.authHeaders).toEqual(["X-Auth-Token"]);
    expect(add?.security).toEqual([["Basic"]]);
    expect(add?.authHeaders).toEqual([]);
  });

  it("servers with their variables at the defaults; the path parameters every operation shares", () => {
    expect(m.servers[0]?.resolvedUrl).toBe("https://example.com/api");
    expect(m.commonPathParameters).toEqual(["project"]);
  });

  it("refuses a schema that contains itself (it could not be inlined)", () => {
    const loop = structuredClone(doc);
    (loop.components.schemas as Record<string, unknown>).Tags = {
      type: "array",
      items: { $ref: "#/components/schemas/Item" },
    };
    expect(() => buildModel(loop)).toThrow(/#\/components\/schemas\/Item contains itself/);
  });

  it("@csbs/types/model is the spec's model, the same through import and require, and plain JSON", async () => {
    expect(model).toEqual(buildModel(await loadSpec()));
    expect(require("@csbs/types/model").model).toEqual(model);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});
