import { describe, expect, inject, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  CsbsApiError,
  CsbsError,
  createCsbsClient,
  ServiceUnavailableError,
  sortBy,
} from "../src/index.js";

const baseUrl = inject("mockUrl");
const projectId = "0b4ea3bd1e8047b3b7fcbb4bbc8e7e63";
// The mock serves a seeded data set that holds the source document's example backup unchanged: ask for it by its
// checkpoint, as a user would.
const sourceExample = { checkpoint_id: "f672a1bb-6912-446a-816c-72792c5263e0" } as const;

describe("listCheckpointItems against the Prism mock", () => {
  it("returns the typed body of a 200", async () => {
    const csbs = createCsbsClient({ baseUrl, projectId, auth: { token: "token-123" } });
    const body = await csbs.listCheckpointItems({
      ...sourceExample,
      status: "available",
      limit: 2,
      sort: "created_at:desc,name",
    });
    const [item] = body.checkpoint_items;
    expect(item?.id).toBe("90c1d5fa-1b9f-4aeb-b2f4-81c806e98190");
    expect(item?.status).toBe("available");
    expect(item?.extend_info?.volume_backups).toHaveLength(2);
    expect(item?.backup_data?.ram).toBe(4096);
  });

  it("throws an AuthenticationError (401) without a token the server accepts", async () => {
    // A fetch that drops the header: what the gateway sees when a proxy strips it.
    const withoutToken: typeof fetch = (input, init) => {
      const request = new Request(input as Request, init);
      request.headers.delete("X-Auth-Token");
      return fetch(request);
    };
    const csbs = createCsbsClient({ baseUrl, projectId, auth: { token: "t" }, fetch: withoutToken });
    const error = await csbs.listCheckpointItems().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "APIGW.0301" });
    expect((error as CsbsApiError).requestId).toBeTruthy();
  });

  const longSort = `name${",id".repeat(84)}`; // valid terms, 256 characters
  const badQueries: [string, Record<string, unknown>][] = [
    ["status=bogus", { status: "bogus" }],
    ["limit=0", { limit: 0 }],
    ["limit=abc", { limit: "abc" }],
    ["a malformed sort", { sort: "created_at:up" }],
    ["a 256-character sort", { sort: longSort }],
    ["start_time=yesterday", { start_time: "yesterday" }],
    ["offset=-1", { offset: -1 }],
  ];
  it.each(badQueries)("throws a BadRequestError (400) with the CSBS body for %s", async (_, query) => {
    expect(longSort).toHaveLength(256);
    const csbs = createCsbsClient({ baseUrl, projectId, auth: { token: "token-123" } });
    const error = await csbs.listCheckpointItems(query as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: "CSBS.9001" });
    // The mock's error_msg names the parameter and why; the client adds the operation, path and attempt count.
    const { message } = error as CsbsApiError;
    expect(message).toMatch(
      /^Invalid request parameters: .+ \(listCheckpointItems: GET \/v1\/\{project_id\}\/checkpoint_items, attempts: 1\)$/,
    );
    expect(message).toContain(Object.keys(query)[0]);
    expect((error as CsbsApiError).message).not.toContain("token-123");
  });

  it("accepts a 255-character sort (the documented maximum)", async () => {
    const csbs = createCsbsClient({ baseUrl, projectId, auth: { token: "token-123" } });
    // Repeated keys make a long value the literal type does not spell out: sortBy builds it, checked.
    const sort = sortBy("status", ...Array<"id">(83).fill("id"));
    expect(sort).toHaveLength(255);
    await expect(csbs.listCheckpointItems({ sort })).resolves.toHaveProperty("checkpoint_items");
  });

  it("retries a 503 the mock is told to answer (Prefer: code=503), then throws ServiceUnavailableError", async () => {
    let attempts = 0;
    const csbs = createCsbsClient({
      baseUrl,
      projectId,
      auth: { token: "token-123" },
      headers: { Prefer: "code=503" },
      maxRetries: 1,
      fetch: (input, init) => {
        attempts++;
        return fetch(input, init);
      },
    });
    const error = await csbs.listCheckpointItems().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toBeInstanceOf(CsbsApiError);
    expect(attempts).toBe(2);
  });

  it("iterates the mock's backups", async () => {
    const csbs = createCsbsClient({ baseUrl, projectId, auth: { token: "token-123" } });
    const ids: string[] = [];
    for await (const item of csbs.iterateCheckpointItems({ limit: 10 })) ids.push(item.id);
    expect(ids).toContain("90c1d5fa-1b9f-4aeb-b2f4-81c806e98190");
  });

  it("raw is the typed openapi-fetch client, authenticated, without typed errors", async () => {
    const csbs = createCsbsClient({ baseUrl, projectId, auth: { token: "token-123" } });
    const ok = await csbs.raw.GET("/v1/{project_id}/checkpoint_items", {
      params: { path: { project_id: projectId }, query: { ...sourceExample, limit: 1 } },
    });
    expect(ok.data?.checkpoint_items[0]?.id).toBe("90c1d5fa-1b9f-4aeb-b2f4-81c806e98190");
    const bad = await csbs.raw.GET("/v1/{project_id}/checkpoint_items", {
      params: { path: { project_id: projectId }, query: { limit: 0 } },
    });
    expect(bad.response.status).toBe(400);
    expect(bad.error).toMatchObject({ error_code: "CSBS.9001", error_msg: expect.stringContaining("limit") });
  });
});

describe("createCsbsClient", () => {
  it("says which project it asks for, read-only: commonPathParams, by the spec's names", () => {
    const csbs = createCsbsClient({ baseUrl: "http://127.0.0.1:1", projectId: "p1", auth: { token: "t" } });
    expect(csbs.commonPathParams).toEqual({ project_id: "p1" });
    expect(Object.isFrozen(csbs.commonPathParams)).toBe(true);
  });

  it.each([
    ["baseUrl", { baseUrl: "" }],
    ["projectId", { projectId: "" }],
    ["auth.token", { auth: { token: "" } }],
    ["baseUrl (not a URL)", { baseUrl: "csbs.example.com" }],
    ["auth.secretKey", { auth: { accessKey: "AK", secretKey: "" } }],
    ["timeoutMs", { timeoutMs: 0 }],
    ["maxRetries", { maxRetries: -1 }],
    ["maxRetries (not an integer)", { maxRetries: 1.5 }],
  ])("rejects a bad %s with a CsbsError", (key, override) => {
    const options = { baseUrl: "http://127.0.0.1:1", projectId: "p", auth: { token: "t" }, ...override };
    expect(() => createCsbsClient(options as never)).toThrow(CsbsError);
    expect(() => createCsbsClient(options as never)).toThrow(key.split(/[ .]/)[0]);
  });
});
