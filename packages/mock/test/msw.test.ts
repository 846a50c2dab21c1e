// @csbs/mock/msw's typed `http` (openapi-msw over the spec's paths): a test's own handler over the data set. The
// expected type errors at the end are checked by this package's typecheck (tsc over test/): the spec's paths,
// statuses and bodies are enforced, not just accepted.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createHandlers, createHttp, http } from "../src/msw.js";

const server = setupServer(...createHandlers({ seed: "typed", records: 20 }));
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

const list = (origin: string, query = "") =>
  fetch(`${origin}/v1/p1/checkpoint_items${query}`, { headers: { "X-Auth-Token": "t" } }).then(async (res) => ({
    status: res.status,
    body: await res.json(),
  }));

describe("@csbs/mock/msw http, typed from the spec", () => {
  it("answers from the data set until a test puts its own handler in front", async () => {
    expect((await list("https://csbs.test", "?limit=3")).body.checkpoint_items).toHaveLength(3);

    server.use(
      http.get("/v1/{project_id}/checkpoint_items", ({ response }) => response(200).json({ checkpoint_items: [] })),
    );
    expect(await list("https://csbs.test", "?status=error")).toEqual({ status: 200, body: { checkpoint_items: [] } });
    server.resetHandlers();
    expect((await list("https://csbs.test", "?limit=2")).body.checkpoint_items).toHaveLength(2);
  });

  it("createHttp(baseUrl) answers on that origin only", async () => {
    server.use(
      createHttp("https://one.test").get("/v1/{project_id}/checkpoint_items", ({ response }) =>
        response(503).json({ error_code: "CSBS.9998", error_msg: "Service unavailable." }),
      ),
    );
    expect((await list("https://one.test")).status).toBe(503);
    expect((await list("https://two.test", "?limit=1")).status).toBe(200);
    server.resetHandlers();
  });
});

// Types only (never registered): what the compiler rejects.
// @ts-expect-error not a path of the spec
http.get("/v1/{project_id}/backups", ({ response }) => response(200).empty());
// @ts-expect-error a body the spec does not describe
http.get("/v1/{project_id}/checkpoint_items", ({ response }) => response(200).json({ items: [] }));
// @ts-expect-error a status the operation does not document
http.get("/v1/{project_id}/checkpoint_items", ({ response }) => response(418).empty());
http.get("/v1/{project_id}/checkpoint_items", ({ params, query, response }) => {
  expectTypeOf(params.project_id).toEqualTypeOf<string>();
  // @ts-expect-error a query parameter the operation does not have
  query.get("bogus");
  return response(200).json({ checkpoint_items: [] });
});
