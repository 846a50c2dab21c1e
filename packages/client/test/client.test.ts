import { describe, expect, inject, it } from "vitest";
import { CsbsApiError, CsbsError, createCsbsClient } from "../src/index.js";

const baseUrl = inject("mockUrl");
const projectId = "0b4ea3bd1e8047b3b7fcbb4bbc8e7e63";

describe("listCheckpointItems against the Prism mock", () => {
  it("returns the typed body of a 200", async () => {
    const csbs = createCsbsClient({ baseUrl, projectId, auth: { token: "token-123" } });
    const body = await csbs.listCheckpointItems({ status: "available", limit: 2, sort: "created_at:desc,name" });
    const [item] = body.checkpoint_items;
    expect(item?.id).toBe("90c1d5fa-1b9f-4aeb-b2f4-81c806e98190");
    expect(item?.status).toBe("available");
    expect(item?.extend_info?.volume_backups).toHaveLength(2);
    expect(item?.backup_data?.ram).toBe(4096);
  });

  it("throws a CsbsApiError 401 without a token the server accepts", async () => {
    // A fetch that drops the header: what the gateway sees when a proxy strips it.
    const withoutToken: typeof fetch = (input, init) => {
      const request = new Request(input as Request, init);
      request.headers.delete("X-Auth-Token");
      return fetch(request);
    };
    const csbs = createCsbsClient({ baseUrl, projectId, auth: { token: "t" }, fetch: withoutToken });
    const error = await csbs.listCheckpointItems().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsbsApiError);
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
  it.each(badQueries)("throws a CsbsApiError 400 with the CSBS body for %s", async (_, query) => {
    expect(longSort).toHaveLength(256);
    const csbs = createCsbsClient({ baseUrl, projectId, auth: { token: "token-123" } });
    const error = await csbs.listCheckpointItems(query as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsbsApiError);
    expect(error).toMatchObject({ status: 400, code: "CSBS.9001" });
    expect((error as CsbsApiError).message).not.toContain("token-123");
  });

  it("accepts a 255-character sort (the documented maximum)", async () => {
    const csbs = createCsbsClient({ baseUrl, projectId, auth: { token: "token-123" } });
    const sort = `status${",id".repeat(83)}`;
    expect(sort).toHaveLength(255);
    await expect(csbs.listCheckpointItems({ sort })).resolves.toHaveProperty("checkpoint_items");
  });
});

describe("createCsbsClient", () => {
  it.each([
    ["baseUrl", { baseUrl: "" }],
    ["projectId", { projectId: "" }],
    ["auth.token", { auth: { token: "" } }],
  ])("rejects a missing %s with a CsbsError", (key, override) => {
    const options = { baseUrl: "http://127.0.0.1:1", projectId: "p", auth: { token: "t" }, ...override };
    expect(() => createCsbsClient(options)).toThrow(CsbsError);
    expect(() => createCsbsClient(options)).toThrow(key);
  });
});
