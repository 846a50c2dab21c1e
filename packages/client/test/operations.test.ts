// The client is built from the generated operation table: one method per operation, iterators where the spec
// declares x-pagination, one error class per documented status, and messages that say where an error happened.
import { type OperationInfo, operationTable } from "@csbs/types";
import { afterEach, describe, expect, it } from "vitest";
import { errorClasses } from "../src/errors.js";
import { CsbsApiError, CsbsError, createCsbsClient } from "../src/index.js";
import { type FaultServer, json, startFaultServer } from "./fault-server.js";

const table = operationTable as readonly OperationInfo[];
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const pascal = (s: string) => s.replace(/(?:^|[_-])(\w)/g, (_, c: string) => c.toUpperCase());

describe("the client's surface follows the operation table", () => {
  const csbs = createCsbsClient({ baseUrl: "http://127.0.0.1:1", projectId: "p", auth: { token: "t" } });
  const surface = csbs as unknown as Record<string, unknown>;

  it("has one method per operation, named by its operationId, each with withResponse", () => {
    expect(table.length).toBeGreaterThan(0);
    for (const op of table) {
      expect(typeof surface[op.operationId]).toBe("function");
      expect(typeof (surface[op.operationId] as { withResponse?: unknown }).withResponse).toBe("function");
    }
  });

  it("gives each paged operation iterate<Items> and pages, and nothing else", () => {
    const paged = table.filter((op) => op.pagination);
    expect(paged.length).toBeGreaterThan(0);
    const expected = [
      "raw",
      "commonPathParams",
      "pages",
      ...table.map((op) => op.operationId),
      ...paged.map((op) => `iterate${pascal(op.pagination?.items ?? "")}`),
    ];
    expect(Object.keys(surface).sort()).toEqual(expected.sort());
    for (const op of paged) {
      expect(typeof (surface[op.operationId] as { pages?: unknown }).pages).toBe("function");
    }
    // The page iterator of the first paged operation is also `pages`, as in the first release.
    const first = surface[String(paged[0]?.operationId)] as { pages: unknown };
    expect(surface.pages).toBe(first.pages);
  });

  it("keeps the first release's names", () => {
    expect(Object.keys(surface)).toEqual(
      expect.arrayContaining(["listCheckpointItems", "iterateCheckpointItems", "pages", "raw"]),
    );
  });
});

describe("errors", () => {
  it("has exactly one class per error status the spec documents", () => {
    const documented = [...new Set(table.flatMap((op) => op.errorStatuses))].sort((a, b) => a - b);
    expect(Object.keys(errorClasses).map(Number)).toEqual(documented);
    const classes = Object.values(errorClasses);
    expect(new Set(classes).size).toBe(classes.length);
    for (const ErrorClass of classes) {
      expect(ErrorClass.prototype).toBeInstanceOf(CsbsApiError);
      expect(ErrorClass).not.toBe(CsbsApiError);
    }
  });

  it.each(Object.entries(errorClasses))("answers %s with its class, by name", async (status, ErrorClass) => {
    server = await startFaultServer(json(Number(status), { error_code: "E", error_msg: "no" }, { "retry-after": "0" }));
    const csbs = createCsbsClient({ baseUrl: server.url, projectId: "p", auth: { token: "t" }, maxRetries: 0 });
    const error = await csbs.listCheckpointItems().catch((e: unknown) => e);
    expect((error as Error).constructor).toBe(ErrorClass);
    expect((error as Error).name).toBe(ErrorClass.name);
  });

  it("answers an undocumented status with a plain CsbsApiError", async () => {
    server = await startFaultServer(json(409, { error_code: "E", error_msg: "conflict" }));
    const csbs = createCsbsClient({ baseUrl: server.url, projectId: "p", auth: { token: "t" } });
    const error = await csbs.listCheckpointItems().catch((e: unknown) => e);
    expect((error as Error).constructor).toBe(CsbsApiError);
  });

  it("names the operation, its method and path, and the attempts made", async () => {
    server = await startFaultServer(json(503, { error_code: "CSBS.9998", error_msg: "busy" }, { "retry-after": "0" }));
    const csbs = createCsbsClient({ baseUrl: server.url, projectId: "p", auth: { token: "t" }, maxRetries: 2 });
    const error = await csbs.listCheckpointItems({ limit: 1 }).catch((e: unknown) => e);
    const [op] = table;
    expect((error as Error).message).toBe(
      `busy (${op?.operationId}: ${op?.method.toUpperCase()} ${op?.path}, attempts: 3)`,
    );
    expect(server.requests).toHaveLength(3);
  });
});

describe("an empty credential", () => {
  it.each([
    ["token", { token: "" }],
    ["token", { token: "   " }],
    ["accessKey", { accessKey: "", secretKey: "secret" }],
    ["secretKey", { accessKey: "AK", secretKey: "" }],
  ])("says that auth.%s is empty", (key, auth) => {
    const create = () => createCsbsClient({ baseUrl: "http://127.0.0.1:1", projectId: "p", auth: auth as never });
    expect(create).toThrow(CsbsError);
    expect(create).toThrow(`createCsbsClient: "auth.${key}" is empty`);
  });

  it("as a sample passes it when HW_IAM_TOKEN is unset", () => {
    const env: Record<string, string | undefined> = {};
    expect(() =>
      createCsbsClient({ baseUrl: "http://127.0.0.1:1", projectId: "p", auth: { token: env.HW_IAM_TOKEN ?? "" } }),
    ).toThrow(/"auth.token" is empty/);
  });
});
