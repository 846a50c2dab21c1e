// An exception while answering one request answers that request 500 with the spec's internal-error body and its
// X-Request-Id, logs one line naming the request and the error, and the next request is answered as usual: in the
// process and in the MSW handlers. A bug is stood in by an option whose getter throws when armed (`examples` is read
// while answering a request without `Prefer: example=`), passed to the real startMock and createHandlers.
import { deref, loadBundledSpec } from "@csbs/spec/validator";
import { getResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startMock } from "../src/index.js";
import { createHandlers } from "../src/msw.js";
import { TEMPLATE } from "./hostile.js";

// The OpenAPI document is walked as plain JSON.
// biome-ignore lint/suspicious/noExplicitAny: a JSON tree
type Json = any;

const doc = loadBundledSpec();
const operation = Object.values<Json>(doc.paths).find((item) => item.get?.["x-pagination"]).get;
const internalError = Object.values<Json>(
  deref(doc, operation.responses["500"]).content["application/json"].examples,
).map((e: Json) => deref(doc, e).value)[0];
const path = `${TEMPLATE.replace("{project_id}", "p")}?limit=1`;

/** Options whose `examples` getter throws once, when armed. */
const withBug = <T extends object>(options: T) => {
  const bug = { armed: false };
  Object.defineProperty(options, "examples", {
    enumerable: true,
    get() {
      if (!bug.armed) return false;
      bug.armed = false;
      throw new TypeError("a bug stands in here");
    },
  });
  return { options, bug };
};

afterEach(() => vi.restoreAllMocks());

describe("an exception while answering one request", () => {
  it("the process answers it 500 with the spec's body, logs one line, and goes on serving", async () => {
    const { options, bug } = withBug({ port: 0, logLevel: "warn" as const });
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const mock = await startMock(options);
    try {
      const get = (id: string) => fetch(`${mock.url}${path}`, { headers: { "X-Auth-Token": "t", "X-Request-Id": id } });
      bug.armed = true;
      const failed = await get("trace-500");
      expect(failed.status).toBe(500);
      expect(failed.headers.get("x-request-id")).toBe("trace-500");
      expect(await failed.json()).toEqual(internalError);
      expect(written).toEqual([`csbs-mock: 500 for GET ${path}, request trace-500: TypeError: a bug stands in here\n`]);
      const next = await get("trace-200");
      expect(next.status).toBe(200);
      expect((await next.json()).checkpoint_items).toHaveLength(1);
    } finally {
      await mock.stop();
    }
  });

  it("the MSW handlers answer it 500 with the spec's body and one console.error line, never a throw", async () => {
    const { options, bug } = withBug({});
    const handlers = createHandlers(options);
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => {
      lines.push(line);
    });
    const request = (id: string) =>
      new Request(`https://csbs.test${path}`, { headers: { "X-Auth-Token": "t", "X-Request-Id": id } });
    bug.armed = true;
    const failed = await getResponse(handlers, request("trace-msw"));
    expect(failed?.status).toBe(500);
    expect(failed?.headers.get("x-request-id")).toBe("trace-msw");
    expect(await failed?.json()).toEqual(internalError);
    expect(lines).toEqual([`@csbs/mock/msw: 500 for GET ${path}, request trace-msw: TypeError: a bug stands in here`]);
    const next = await getResponse(handlers, request("trace-next"));
    expect(next?.status).toBe(200);
  });
});
