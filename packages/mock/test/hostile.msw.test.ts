// The MSW front as a consumer's test process runs it: setupServer(...createHandlers()) and fetch. The outside probe's
// killers ended that process (ERR_INVALID_CHAR from an `sl-violations` value fetch's Headers refuses; in a browser, a
// 500 with a TypeError body): now 400 with the CSBS body and the value, the header as \u escapes. Also 405 with Allow
// for the methods fetch may send, OPTIONS 204, and a 64 KB value answered 400 with a header a client can still read.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlers } from "../src/msw.js";
import { errorBodyProblem, KILLER_PARAMETERS, KILLER_VALUES, TEMPLATE } from "./hostile.js";

const server = setupServer(...createHandlers());
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

const url = (query: string) => `https://csbs.test${TEMPLATE.replace("{project_id}", "p")}${query}`;
const get = (query: string, headers: Record<string, string> = { "X-Auth-Token": "any" }) =>
  fetch(url(query), { headers });

describe("@csbs/mock/msw under setupServer + fetch: hostile values are 400, never a dead process or a 500", () => {
  const cases = KILLER_PARAMETERS.flatMap((name) =>
    Object.entries(KILLER_VALUES).map(([encoded, char]) => ({ name, encoded, char })),
  );

  it(`${cases.length} values that killed the process: 400 naming the parameter and the value`, async () => {
    for (const { name, encoded, char } of cases) {
      const res = await get(`?${name}=2024-01-01T00${encoded}00`);
      const text = await res.text();
      expect(res.status, `${name}=${encoded}: ${text}`).toBe(400);
      expect(errorBodyProblem(400, text)).toBeUndefined();
      const body = JSON.parse(text);
      expect(body.error_code).toBe("CSBS.9001");
      expect(body.error_msg).toContain(name);
      expect(body.error_msg).toContain(char);
      const header = res.headers.get("sl-violations") ?? "";
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      expect(JSON.parse(header)[0].message).toContain(char);
    }
  });

  it("a full-width colon in start_time, and a Prefer naming a prototype's property", async () => {
    expect((await get("?start_time=2024-01-01T00%EF%BC%9A00%EF%BC%9A00")).status).toBe(400);
    for (const prefer of ["code=constructor", "example=__proto__", "example=toString"]) {
      const res = await get("", { "X-Auth-Token": "any", Prefer: prefer });
      expect(res.status, prefer).toBe(400);
      expect((await res.json()).error_msg).toContain("Prefer");
    }
  });

  it("a 64 KB value: 400 whose sl-violations header stays small (the value is cut in the message)", async () => {
    const res = await get(`?limit=${"%E2%82%AC".repeat(21_846)}`);
    expect(res.status).toBe(400);
    expect((res.headers.get("sl-violations") ?? "").length).toBeLessThan(2_048);
    expect((await res.json()).error_msg).toContain("(21846 characters)");
  });

  it.each(["POST", "PUT", "DELETE", "PATCH", "PROPFIND"])("%s: 405 with Allow: GET, HEAD, OPTIONS", async (method) => {
    const res = await fetch(url(""), { method, headers: { "X-Auth-Token": "any" } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(errorBodyProblem(405, await res.text())).toBeUndefined();
  });

  it("OPTIONS: 204 with Allow; HEAD: 200 with no body", async () => {
    const options = await fetch(url(""), { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const head = await fetch(url("?limit=1"), { method: "HEAD", headers: { "X-Auth-Token": "any" } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});
