// The operation table at runtime: the ESM and CommonJS builds answer the same table, and it says what the spec says.
import { createRequire } from "node:module";
import type { OperationInfo } from "@csbs/types";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../scripts/generate.mjs";

const require = createRequire(import.meta.url);

describe("operationTable", async () => {
  const esm: readonly OperationInfo[] = (await import("@csbs/types")).operationTable;
  const cjs = require("@csbs/types").operationTable;
  const spec = (await loadSpec()) as unknown as {
    paths: Record<string, Record<string, { operationId?: string; "x-pagination"?: object; responses: object }>>;
  };
  const ops = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => typeof op === "object" && op && "operationId" in op)
      .map(([method, op]) => ({ path, method, op })),
  );

  it("is the same table through import and require", () => {
    expect(cjs).toEqual(esm);
    expect(esm.length).toBeGreaterThan(0);
  });

  it("has one entry per operation of the spec, with its method, path and error statuses", () => {
    expect(esm.map((o) => [o.operationId, o.method, o.path])).toEqual(
      ops.map(({ path, method, op }) => [op.operationId, method, path]),
    );
    for (const { op } of ops) {
      const entry = esm.find((o) => o.operationId === op.operationId);
      expect(entry?.errorStatuses).toEqual(
        Object.keys(op.responses)
          .filter((s) => Number(s) >= 400)
          .map(Number),
      );
      // The operation's x-pagination, with the page size it implies when none is sent resolved once.
      expect(entry?.pagination).toEqual(
        op["x-pagination"] && { ...op["x-pagination"], defaultLimit: expect.any(Number) },
      );
    }
  });

  it("lists each parameter with where it goes, whether it is required, and its default", () => {
    for (const entry of esm) {
      for (const p of entry.parameters) {
        expect(Object.keys(p).sort()).toEqual(expect.arrayContaining(["in", "name", "required"]));
        expect(["path", "query", "header", "cookie"]).toContain(p.in);
        if (p.in === "path") expect(p.required).toBe(true);
        expect(entry.path.includes(`{${p.name}}`)).toBe(p.in === "path");
      }
      // Paging parameters are real query parameters; a page size without a default would make paging guess.
      const limit = entry.parameters.find((p) => p.name === entry.pagination?.limit);
      if (entry.pagination?.limit) expect(limit?.default).toBe(entry.pagination.defaultLimit);
    }
  });
});
