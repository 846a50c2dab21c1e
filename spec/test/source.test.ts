// The spec carries every row of every table of the source document (spec/source/querying-all-backups.md), with
// its documented type, optionality and listed values, and no field the document does not list.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { deref, loadBundledSpec } from "../validator.js";

const md = readFileSync(fileURLToPath(new URL("../source/querying-all-backups.md", import.meta.url)), "utf8");
const doc = loadBundledSpec();

type Row = { name: string; mandatory?: string; type: string; description: string };

/** The rows of the markdown table that follows the line naming `Table N`. */
function table(n: number): Row[] {
  const start = md.search(new RegExp(`\\*\\*Table\\s+${n}\\*\\*`));
  expect(start, `Table ${n} in the source document`).toBeGreaterThan(-1);
  const lines = md.slice(start).split("\n");
  const first = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split("|")
        .map((c) => c.trim()),
    );
  }
  const [header = [], , ...body] = rows;
  const col = (name: string) => header.indexOf(name);
  return body.map((cells) => ({
    name: cells[col("Parameter")] ?? "",
    ...(col("Mandatory") >= 0 ? { mandatory: cells[col("Mandatory")] } : {}),
    type: (cells[col("Type")] ?? "").replaceAll("&lt;", "<"),
    description: (cells[col("Description")] ?? "").replaceAll("<br>", "\n").replaceAll("&lt;", "<"),
  }));
}

const resolveRef = (node: any): any => deref(doc, node);

/** The schema a documented type stands for, as a predicate. */
function expectType(type: string, schema: any, where: string) {
  const s = resolveRef(schema);
  const list = /^List<(\w+)>$/.exec(type);
  if (list) {
    expect(s.type, where).toBe("array");
    expect(schema.$ref ?? s.items.$ref, where).toBe(`#/components/schemas/${componentOf[list[1] as string]}`);
    return;
  }
  switch (type.toLowerCase()) {
    case "string":
      return expect(s.type, where).toBe("string");
    case "integer":
      return expect([s.type, s.format], where).toEqual(["integer", "int32"]);
    case "long":
      return expect([s.type, s.format], where).toEqual(["integer", "int64"]);
    case "boolean":
      return expect(s.type, where).toBe("boolean");
    default: // Dict, or the name of a documented object such as fail_code
      expect(s.type, where).toBe("object");
      expect(schema.$ref, where).toMatch(/^#\/components\/schemas\//);
  }
}

/** The values a description lists, in any of the document's phrasings. */
function listedValues(description: string): string[] | undefined {
  const lines = description.split("\n");
  const bullet = lines.filter((l) => /^[a-z_]+: /.test(l)).map((l) => l.split(":")[0] as string);
  if (/The value can be:/.test(description) && bullet.length) return bullet;
  const m =
    /(?:Value range:|The value can be|Possible values are|Enum:\s*\[)\s*([^.\]]+)/.exec(description) ??
    /The value is fixed at (\w+)/.exec(description);
  if (!m?.[1]) return undefined;
  return m[1]
    .split(/,|\bor\b|\band\b/)
    .map((v) => v.trim())
    .filter((v) => /^[A-Za-z_]+$/.test(v));
}

// Which component each documented object (Tables 4 to 10) is.
const componentOf: Record<string, string> = {
  checkpoint_item: "CheckpointItem",
  extend_info: "ExtendInfo",
  image_data: "ImageData",
  backup_data: "BackupData",
  fail_code: "FailCode",
  volume_backup: "VolumeBackup",
  resource_tag: "ResourceTag",
};

const operation = doc.paths["/v1/{project_id}/checkpoint_items"]?.get;
const parameters = [...doc.paths["/v1/{project_id}/checkpoint_items"]!.parameters, ...operation.parameters].map(
  resolveRef,
);

function checkValues(row: Row, schema: any, where: string) {
  const listed = listedValues(row.description);
  const s = resolveRef(schema);
  if (!listed || s.type === "boolean") return;
  expect(s.enum, `${where} lists ${listed.join(", ")}`).toBeDefined();
  expect([...s.enum].filter((v: string) => v !== "").sort(), where).toEqual([...listed].sort());
}

describe("request parameters (Tables 1 and 2)", () => {
  const rows = [...table(1), ...table(2)];
  it("are exactly the documented ones: the path parameter and 16 query parameters", () => {
    expect(rows).toHaveLength(17);
    expect(parameters.map((p) => p.name).sort()).toEqual(rows.map((r) => r.name).sort());
  });
  it.each(rows.map((r) => [r.name, r] as const))("%s has its documented type, optionality and values", (name, row) => {
    const p = parameters.find((x) => x.name === name);
    expect(p, name).toBeDefined();
    expect(p.required ?? false, `${name} required`).toBe(row.mandatory === "Yes");
    expect(p.description, `${name} description`).toBeTruthy();
    expectType(row.type, p.schema, name);
    checkValues(row, p.schema, name);
  });
});

describe("response objects (Tables 3 to 10)", () => {
  const tables: [number, string][] = [
    [3, "CheckpointItemList"],
    [4, "CheckpointItem"],
    [5, "ExtendInfo"],
    [6, "ImageData"],
    [7, "BackupData"],
    [8, "FailCode"],
    [9, "VolumeBackup"],
    [10, "ResourceTag"],
  ];
  it.each(tables)("Table %i is component %s: every row, and no invented field", (n, component) => {
    const schema = doc.components.schemas?.[component];
    const rows = table(n);
    expect(Object.keys(schema.properties).sort()).toEqual(rows.map((r) => r.name).sort());
    expect(schema.additionalProperties).toBe(false);
    for (const row of rows) {
      const where = `${component}.${row.name}`;
      const property = schema.properties[row.name];
      expect(property.description, `${where} description`).toBeTruthy();
      expectType(row.type, property, where);
      checkValues(row, property, where);
    }
  });

  it("keeps the documented bounds", () => {
    const s = doc.components.schemas!;
    expect(s.ExtendInfo.properties.progress).toMatchObject({ minimum: 0, maximum: 100 });
    expect(s.ResourceTag.properties.key).toMatchObject({ minLength: 1, maxLength: 36 });
    expect(s.ResourceTag.properties.value).toMatchObject({ minLength: 0, maxLength: 43 });
    expect(s.CheckpointItem.properties.tags.uniqueItems).toBe(true);
  });
});

describe("status codes", () => {
  it("are the documented ones, and any other says it is ours (x-ours) and why", () => {
    const documented = [...md.matchAll(/^\| (\d{3}) \|/gm)].map((m) => m[1]);
    const ours = Object.entries<{ "x-ours"?: string }>(operation.responses)
      .filter(([, response]) => deref(doc, response)["x-ours"])
      .map(([status]) => status);
    expect(
      Object.keys(operation.responses)
        .filter((s) => !ours.includes(s))
        .sort(),
    ).toEqual(documented.sort());
    for (const status of ours) expect(documented).not.toContain(status);
    for (const status of ours) expect(deref(doc, operation.responses[status])["x-ours"]).toMatch(/source document/);
  });
});
