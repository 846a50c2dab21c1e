// The engine over the model (`@csbs/mock/engine`, no server): the same rule gives the same answer on every path
// through it, a sort key outside the model is the engine's error rather than a silent drop, and the published entry
// is what a browser bundle can take (no node: module).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { model, type OperationModel } from "@csbs/types/model";
import { describe, expect, it } from "vitest";
import { type ApiModel, createEngine } from "../src/engine.js";

const op = model.operations.find((o) => o.pagination) as OperationModel;
const pg = op.pagination as NonNullable<OperationModel["pagination"]>;
const path = op.path.replace(/\{[^}]+\}/g, "p");
const get = (engine: ReturnType<typeof createEngine>, query: string, prefer?: string) =>
  engine.handle({
    method: "GET",
    path,
    query,
    header: (n) => ({ "x-auth-token": "t", "x-request-id": "req-1", prefer })[n],
  });

describe("one rule, one answer", () => {
  const engine = createEngine(model, { records: 50 });
  const names = Object.keys(op.response?.examples ?? {});

  it.each(names)("an unknown marker over the %s example is the data set's 400, word for word", (name) => {
    const marker = "no-such-id";
    const overData = get(engine, `${pg.marker}=${marker}`);
    const overExample = get(engine, `${pg.marker}=${marker}`, `example=${name}`);
    expect(overData.status).toBe(400);
    expect(overExample.status).toBe(400);
    expect(overExample.body).toBe(overData.body);
    expect(overExample.headers["sl-violations"]).toBe(overData.headers["sl-violations"]);
  });

  it("a marker in the example's list pages it like the data set: after the marker, offset, limit", () => {
    const list = op.response?.examples.multi?.value[pg.items] as { id: string }[];
    const page = get(engine, `${pg.marker}=${list[0]?.id}&${pg.offset}=1&${pg.limit}=2`, "example=multi");
    expect(JSON.parse(page.body ?? "")[pg.items]).toEqual(list.slice(2, 4));
  });
});

describe("a sort key the model does not have", () => {
  // A spec whose sort parameter lets any word through (the lint forbids it: the pattern is the x-sort keys).
  const loose: ApiModel = {
    ...model,
    operations: model.operations.map((o) =>
      o === op
        ? {
            ...o,
            parameters: o.parameters.map((p) =>
              p.name === o.sort?.parameter ? { ...p, schema: { type: "string" } } : p,
            ),
          }
        : o,
    ),
  };

  it("is the engine's error (500 with the spec's body, the error named), never a silent drop", () => {
    const answer = get(createEngine(loose, { records: 20 }), `${op.sort?.parameter}=sideways:asc`);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body ?? "")).toEqual(op.errors.find((e) => e.status === 500)?.example);
    expect(String(answer.error)).toContain('"sideways"');
  });

  it("is rejected by validation first over the real model (the spec's pattern)", () => {
    const answer = get(createEngine(model, { records: 20 }), `${op.sort?.parameter}=sideways:asc`);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain(op.sort?.parameter);
  });
});

describe("@csbs/mock/engine, the published entry", () => {
  const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));
  /** The modules a built file imports, and theirs (relative ones followed). */
  const imports = (file: string, seen = new Set<string>()): string[] => {
    if (seen.has(file)) return [];
    seen.add(file);
    const text = readFileSync(dist(file), "utf8");
    const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*"([^"]+)"/g)].map(
      (m) => m[1] ?? "",
    );
    return specifiers.flatMap((s) => (s.startsWith("./") ? [s, ...imports(s.slice(2), seen)] : [s]));
  };

  it("imports no node: module, directly or through its chunks (a browser bundle can take it)", () => {
    const all = imports("engine.js");
    expect(all.filter((s) => !s.startsWith("./"))).toEqual(expect.arrayContaining(["ajv/dist/2020.js", "lru-cache"]));
    expect(all.filter((s) => s.startsWith("node:") || /^(fs|path|http|net|url|module|stream)$/.test(s))).toEqual([]);
  });

  it("is declared in package.json with its types", () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8"));
    expect(pkg.exports["./engine"]).toEqual({ types: "./dist/engine.d.ts", default: "./dist/engine.js" });
  });
});
