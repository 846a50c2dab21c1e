// The breaking-change gate, proved case by case on mutated copies of the bundled spec: each breaking change of
// issue 5 fails the gate and is named; each additive change passes; a breaking change passes only into a new major.
import { loadBundledSpec } from "@csbs/spec/validator";
import { describe, expect, it } from "vitest";
import { allowsBreaking, breakingGate, compareSpecs, type OpenApiDoc } from "../src/breaking.js";
import { diffSpecs } from "../src/breaking-rules.js";
import { typeIncompatibilities } from "../src/breaking-types.js";

const base = loadBundledSpec() as unknown as OpenApiDoc;
const OP = "GET /v1/{project_id}/checkpoint_items";
const PATH = "/v1/{project_id}/checkpoint_items";

// biome-ignore lint/suspicious/noExplicitAny: mutations reach anywhere into the document
type Doc = any;
const mutate = (fn: (doc: Doc) => void, from: OpenApiDoc = base): OpenApiDoc => {
  const doc = structuredClone(from) as Doc;
  fn(doc);
  return doc;
};
const op = (doc: Doc) => doc.paths[PATH].get;
const param = (doc: Doc, name: string) => doc.components.parameters[name];
const schema = (doc: Doc, name: string) => doc.components.schemas[name];

async function gate(next: OpenApiDoc, release = "0.1.1", old: OpenApiDoc = base) {
  return breakingGate({ doc: old, source: "test baseline" }, next, { next: release });
}

const breakingCases: [string, (doc: Doc) => void, RegExp][] = [
  ["a removed query parameter", (d) => op(d).parameters.splice(0, 1), /query parameter `status` removed/],
  [
    "a renamed query parameter",
    (d) => {
      d.components.parameters.next_marker = { ...param(d, "marker"), name: "next_marker" };
      op(d).parameters[2] = { $ref: "#/components/parameters/next_marker" };
    },
    /query parameter `marker` removed \(renamed to `next_marker`\?\)/,
  ],
  ["a parameter made required", (d) => (param(d, "limit").required = true), /query parameter `limit` made required/],
  [
    "a new required parameter",
    (d) =>
      op(d).parameters.push({
        name: "region",
        in: "query",
        required: true,
        description: "r",
        schema: { type: "string" },
      }),
    /new required query parameter `region`/,
  ],
  [
    "a narrowed enum on a request parameter",
    (d) => {
      param(d, "status").schema = { type: "string", enum: ["available", "error", "deleted"] };
    },
    /query parameter `status`: enum narrowed, no longer accepts "waiting_protect", "protecting"/,
  ],
  [
    "a tighter minimum",
    (d) => (param(d, "limit").schema.minimum = 10),
    /`limit`: tighter bound, minimum raised from 1 to 10/,
  ],
  ["a new maximum", (d) => (param(d, "limit").schema.maximum = 500), /`limit`: tighter bound, maximum added, to 500/],
  [
    "a tighter maxLength",
    (d) => (param(d, "sort").schema.maxLength = 100),
    /`sort`: tighter bound, maxLength lowered from 255 to 100/,
  ],
  ["a new minLength", (d) => (param(d, "name").schema.minLength = 3), /`name`: tighter bound, minLength added, to 3/],
  [
    "a new pattern",
    (d) => (param(d, "marker").schema.pattern = "^[0-9a-f-]{36}$"),
    /`marker`: pattern added, to \/\^\[0-9a-f-\]\{36\}\$\//,
  ],
  [
    "a changed pattern",
    (d) => (param(d, "sort").schema.pattern = "^(created_at|name)(:(asc|desc))?$"),
    /`sort`: pattern changed from/,
  ],
  [
    "a changed type of a request parameter",
    (d) => (param(d, "limit").schema.type = "string"),
    /`limit`: type changed from integer to string/,
  ],
  [
    "a changed format",
    (d) => (param(d, "limit").schema.format = "int64"),
    /`limit`: format changed from int32 to int64/,
  ],
  [
    "a changed type of a response field",
    (d) => (schema(d, "CheckpointItem").properties.name = { type: "integer", description: "n" }),
    /response 200 body\.checkpoint_items\[\]\.name: type changed from string to integer/,
  ],
  [
    "a changed type deep in a response",
    (d) => (schema(d, "VolumeBackup").properties.size = { type: "string", description: "s" }),
    /extend_info\.volume_backups\[\]\.size: type changed from integer to string/,
  ],
  [
    "a field made nullable (a type change)",
    (d) => (schema(d, "CheckpointItem").properties.checkpoint_id.type = ["string", "null"]),
    /checkpoint_id: type changed from string to null \| string/,
  ],
  [
    "a removed response field",
    (d) => delete schema(d, "CheckpointItem").properties.description,
    /response 200 body\.checkpoint_items\[\]\.description: response field removed/,
  ],
  [
    "a removed field of an error body",
    (d) => {
      delete schema(d, "ErrorBody").properties.request_id;
    },
    /response 400 body\.request_id: response field removed/,
  ],
  [
    "a response field made optional",
    (d) => {
      const s = schema(d, "CheckpointItem");
      s.required = s.required.filter((r: string) => r !== "name");
    },
    /checkpoint_items\[\]\.name: response field made optional/,
  ],
  ["a removed documented status code", (d) => delete op(d).responses["404"], /documented status code 404 removed/],
  [
    "a removed operation",
    (d) => {
      d.paths[PATH].post = d.paths[PATH].get;
      delete d.paths[PATH].get;
    },
    /GET \/v1\/\{project_id\}\/checkpoint_items: operation removed/,
  ],
  [
    "a removed path",
    (d) => {
      d.paths["/v2/{project_id}/checkpoint_items"] = d.paths[PATH];
      delete d.paths[PATH];
    },
    /\/v1\/\{project_id\}\/checkpoint_items: path removed \(with GET operations\)/,
  ],
  [
    "a new value in a response enum",
    (d) => schema(d, "ExtendInfo").properties.copy_status.enum.push("paused"),
    /copy_status: new value\(s\) "paused" in a response enum/,
  ],
  [
    "a new value in an enum shared by a request parameter and a response field",
    (d) => schema(d, "CheckpointItemStatus").enum.push("frozen"),
    /checkpoint_items\[\]\.status: new value\(s\) "frozen" in a response enum/,
  ],
  [
    "an authentication method no longer accepted",
    (d) => (d.security = [{ IamToken: [] }]),
    /security requirement \{"AkSkSignature":\[\]\} no longer accepted/,
  ],
  [
    "a renamed operationId",
    (d) => (op(d).operationId = "listBackups"),
    /operationId renamed from listCheckpointItems to listBackups/,
  ],
];

describe("breaking changes fail the gate, each named", () => {
  it.each(breakingCases)("%s", async (_name, fn, expected) => {
    const next = mutate(fn);
    const result = await gate(next);
    expect(result.ok).toBe(false);
    const breaking = result.changes.filter((c) => c.severity === "breaking").map((c) => `${c.where}: ${c.message}`);
    expect(breaking.join("\n")).toMatch(expected);
    expect(result.report).toContain("breaking  ");
    expect(result.report).toContain("`pnpm changeset` and choose major");
  });
});

const additiveCases: [string, (doc: Doc) => void, RegExp | undefined][] = [
  [
    "a new optional query parameter",
    (d) => op(d).parameters.push({ name: "region", in: "query", description: "r", schema: { type: "string" } }),
    /new optional query parameter `region`/,
  ],
  [
    "a new optional response field",
    (d) => (schema(d, "CheckpointItem").properties.region = { type: "string", description: "The region." }),
    /checkpoint_items\[\]\.region: new optional response field/,
  ],
  [
    "description edits",
    (d) => {
      op(d).description = "Lists backups.";
      param(d, "limit").description = "Page size.";
      schema(d, "CheckpointItem").properties.name.description = "The name of the backup.";
      d.info.description = "Changed.";
    },
    undefined,
  ],
  [
    "example edits",
    (d) => {
      param(d, "limit").example = 25;
      param(d, "status").example = "error";
      for (const ex of Object.values(d.components.examples ?? {}) as Doc[]) ex.summary = "edited";
    },
    undefined,
  ],
  [
    "a looser bound on a request parameter",
    (d) => (param(d, "limit").schema.minimum = 0),
    /`limit`: looser bound, minimum 1 → 0/,
  ],
  [
    "a removed maxLength",
    (d) => delete param(d, "sort").schema.maxLength,
    /`sort`: looser bound, maxLength 255 → \(none\)/,
  ],
  [
    "a widened request-only enum",
    (d) => {
      param(d, "status").schema = { type: "string", enum: [...schema(d, "CheckpointItemStatus").enum] };
    },
    undefined,
  ],
  [
    "a new documented status code",
    (d) => (op(d).responses["429"] = structuredClone(op(d).responses["503"])),
    /new documented status code 429/,
  ],
  [
    "a required parameter made optional",
    (d) => (param(d, "project_id").required = false),
    /path parameter `project_id` made optional/,
  ],
];

describe("additive changes pass the gate", () => {
  it.each(additiveCases)("%s", async (_name, fn, expected) => {
    const result = await gate(mutate(fn));
    expect(result.changes.filter((c) => c.severity === "breaking")).toEqual([]);
    expect(result.ok).toBe(true);
    if (expected) expect(result.report).toMatch(expected);
  });

  it("an enum widened on a request parameter is additive", async () => {
    const narrow = mutate((d) => (param(d, "status").schema = { type: "string", enum: ["available", "error"] }));
    const wide = mutate(
      (d) => (param(d, "status").schema = { type: "string", enum: ["available", "error", "deleted"] }),
    );
    const result = await gate(wide, "0.1.1", narrow);
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/`status`: enum accepts new values "deleted"/);
  });

  it("the spec unchanged: nothing to report", async () => {
    const result = await gate(structuredClone(base));
    expect(result).toMatchObject({ ok: true, changes: [] });
    expect(result.report).toContain("no change a consumer can notice");
  });
});

describe("notices: same shape, changed meaning", () => {
  it("a changed default of a request parameter is reported, not failed", async () => {
    const result = await gate(mutate((d) => (param(d, "limit").schema.default = 100)));
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/notice {4}GET .*: query parameter `limit`: default changed from 1000 to 100/);
  });

  it("deprecations are reported, not failed", async () => {
    const result = await gate(
      mutate((d) => {
        param(d, "offset").deprecated = true;
        schema(d, "ExtendInfo").properties.support_lld.deprecated = true;
      }),
    );
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/notice {4}GET .*: query parameter `offset` deprecated/);
    expect(result.report).toMatch(/notice {4}GET .*extend_info\.support_lld: deprecated/);
  });

  it("an additional accepted authentication method is additive", async () => {
    const result = await gate(mutate((d) => d.security.push({ Basic: [] })));
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/additive .*new security requirement \{"Basic":\[\]\} accepted/);
  });

  it("with no changeset pending, it says to add one", async () => {
    const result = await gate(
      mutate((d) => (schema(d, "CheckpointItem").properties.region = { type: "string" })),
      String(base.info?.version),
    );
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/no changeset is pending: add one with `pnpm changeset`/);
  });
});

describe("a breaking change passes only into a new major version", () => {
  const removed = mutate((d) => op(d).parameters.splice(0, 1));
  it.each([
    ["0.1.0", "0.1.1", false],
    ["0.1.0", "0.2.0", false],
    ["0.1.0", "1.0.0", true],
    ["1.4.2", "1.5.0", false],
    ["1.4.2", "2.0.0", true],
  ])("last release %s, next %s: allowed %s", async (last, next, allowed) => {
    expect(allowsBreaking(last, next)).toBe(allowed);
    const old = mutate((d) => (d.info.version = last));
    const result = await gate(removed, next, old);
    expect(result.ok).toBe(allowed);
    expect(result.report).toMatch(allowed ? /allowed: .* is a new major version/ : /is not a new major version/);
  });
});

describe("the TypeScript judge", () => {
  it("finds no incompatibility between a spec and itself", async () => {
    expect(await typeIncompatibilities(base, structuredClone(base))).toEqual([]);
  });

  it.each([
    "a new required parameter",
    "a parameter made required",
    "a narrowed enum on a request parameter",
    "a changed type of a request parameter",
    "a changed type of a response field",
    "a new value in a response enum",
    "a response field made optional",
    "a field made nullable (a type change)",
  ])("catches %s on its own", async (name) => {
    const fn = breakingCases.find(([n]) => n === name)?.[1];
    expect(fn, name).toBeDefined();
    const found = await typeIncompatibilities(base, mutate(fn as (d: Doc) => void));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.message).toMatch(/^TypeScript: /);
  });

  it.each(additiveCases.map(([name, fn]) => [name, fn] as const))("accepts %s", async (_name, fn) => {
    expect(await typeIncompatibilities(base, mutate(fn))).toEqual([]);
  });

  it("backs the rules up: a break only the compiler sees is still reported", async () => {
    // The rules do not read prefixItems; the generated types do (`[number, ...ResourceTag[]]`).
    const next = mutate((d) => {
      const tags = schema(d, "CheckpointItem").properties.tags;
      tags.prefixItems = [{ type: "integer", description: "x" }];
    });
    expect(diffSpecs(base, next).filter((c) => c.severity === "breaking")).toEqual([]);
    const changes = await compareSpecs(base, next);
    const found = changes.filter((c) => c.severity === "breaking");
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(
      /^TypeScript: response 200 \(application\/json\) can now be something .* at checkpoint_items/,
    );
    expect((await gate(next)).ok).toBe(false);
  });
});

describe("both judges together", () => {
  it("a request-side break named by the rules does not hide a response-side break only the compiler sees", async () => {
    const next = mutate((d) => {
      op(d).parameters.splice(0, 1);
      schema(d, "CheckpointItem").properties.tags.prefixItems = [{ type: "integer", description: "x" }];
    });
    const breaking = (await compareSpecs(base, next)).filter((c) => c.severity === "breaking").map((c) => c.message);
    expect(breaking).toEqual([
      "query parameter `status` removed",
      expect.stringMatching(/^TypeScript: response 200 .* at checkpoint_items\.tags/),
    ]);
  });

  it("a break both judges see is reported once, in the rules' words", async () => {
    const next = mutate((d) => schema(d, "ExtendInfo").properties.copy_status.enum.push("paused"));
    const breaking = (await compareSpecs(base, next)).filter((c) => c.severity === "breaking");
    expect(breaking).toHaveLength(1);
    expect(breaking[0]?.message).toMatch(/^response 200 body.*copy_status: new value/);
  });
});

describe("the rules alone", () => {
  it("report every difference of the mutations above with a place", () => {
    for (const [name, fn] of breakingCases) {
      const changes = diffSpecs(base, mutate(fn));
      expect(changes.filter((c) => c.severity === "breaking").length, name).toBeGreaterThan(0);
      for (const c of changes)
        expect(c.where === OP || c.where.startsWith("/") || c.where.includes(" /"), name).toBe(true);
    }
  });
});
