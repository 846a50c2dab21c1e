// Retries, timeouts and errors, proved against a real loopback server that misbehaves on purpose.
import { afterEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  CsbsApiError,
  type CsbsClientOptions,
  CsbsConnectionError,
  CsbsError,
  CsbsTimeoutError,
  createCsbsClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
} from "../src/index.js";
import {
  type Behaviour,
  type FaultServer,
  hang,
  items,
  json,
  reset,
  stallBody,
  startFaultServer,
  text,
} from "./fault-server.js";

// Every CsbsApiError message ends with the operation, its method and path template, and the attempts made.
const WHERE = "listCheckpointItems: GET /v1/{project_id}/checkpoint_items";

const projectId = "p-1";
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(behaviours: Behaviour[], options: Partial<CsbsClientOptions> = {}) {
  server = await startFaultServer(...behaviours);
  const lines: string[] = [];
  const csbs = createCsbsClient({
    baseUrl: server.url,
    projectId,
    auth: { token: "token-abcdefgh" },
    logger: { debug: (line) => lines.push(line) },
    ...options,
  });
  return { csbs, requests: server.requests, lines };
}

const ok = json(200, items(1));
const csbsError = (code: string, msg: string) => ({ error_code: code, error_msg: msg });
const caught = (promise: Promise<unknown>) =>
  promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );

describe("retries", () => {
  it("retries a 503 and returns the 200 that follows", async () => {
    const { csbs, requests, lines } = await setup([json(503, csbsError("CSBS.9999", "busy")), ok]);
    const body = await csbs.listCheckpointItems({ limit: 1 });
    expect(body.checkpoint_items[0]?.id).toBe("item-0");
    expect(requests).toHaveLength(2);
    expect(requests[1]?.url.search).toBe("?limit=1");
    expect(lines.some((l) => /retry 1 of 2 in \d+ ms after ServiceUnavailableError: busy/.test(l))).toBe(true);
  });

  it("honours Retry-After (seconds) on a 429", async () => {
    const { csbs, requests, lines } = await setup([
      json(429, csbsError("APIGW.0308", "throttled"), { "retry-after": "1" }),
      ok,
    ]);
    await expect(csbs.listCheckpointItems()).resolves.toHaveProperty("checkpoint_items");
    expect(requests).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringContaining("retry 1 of 2 in 1000 ms after RateLimitError: throttled"));
  });

  it("a 429 that outlasts the retries is a RateLimitError saying how long to wait (seconds or an HTTP date)", async () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const throttled = json(429, csbsError("APIGW.0308", "throttled"), { "retry-after": "0" });
    const { csbs } = await setup([throttled, throttled], { maxRetries: 1 });
    const error = await caught(csbs.listCheckpointItems());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "APIGW.0308", retryAfter: 0 });
    const dated = json(429, csbsError("APIGW.0308", "throttled"), { "retry-after": "Thu, 01 Jan 2026 00:01:30 GMT" });
    const later = await setup([dated], { maxRetries: 0, now: () => now });
    // 90 s: what the server said, although the client itself waits at most 60 s between attempts.
    expect(await caught(later.csbs.listCheckpointItems())).toMatchObject({ retryAfter: 90 });
    const silent = await setup([json(429, csbsError("APIGW.0308", "throttled"))], { maxRetries: 0 });
    expect(await caught(silent.csbs.listCheckpointItems())).toMatchObject({ retryAfter: undefined });
  });

  it("honours Retry-After as an HTTP date, against the injected clock", async () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const { csbs, lines } = await setup(
      [json(503, csbsError("X", "later"), { "retry-after": "Thu, 01 Jan 2026 00:00:01 GMT" }), ok],
      {
        now: () => now,
      },
    );
    await csbs.listCheckpointItems();
    expect(lines).toContainEqual(expect.stringContaining("in 1000 ms after ServiceUnavailableError"));
  });

  it.each([408, 429, 500, 502, 503, 504])(
    "retries %i up to maxRetries, then throws its typed error",
    async (status) => {
      const { csbs, requests } = await setup(
        [json(status, csbsError("E", `status ${status}`), { "retry-after": "0" })],
        {
          maxRetries: 3,
        },
      );
      const error = await caught(csbs.listCheckpointItems());
      expect(requests).toHaveLength(4);
      expect(error).toBeInstanceOf(CsbsApiError);
      expect(error).toMatchObject({ status, code: "E", message: `status ${status} (${WHERE}, attempts: 4)` });
      const expected =
        status === 429
          ? RateLimitError
          : status === 500
            ? InternalServerError
            : status === 503
              ? ServiceUnavailableError
              : CsbsApiError;
      expect((error as Error).constructor).toBe(expected);
    },
  );

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
  ] as const)("never retries %i, and throws %o", async (status, type) => {
    const { csbs, requests } = await setup([json(status, csbsError("CSBS.9001", "no")), ok], { maxRetries: 5 });
    const error = await caught(csbs.listCheckpointItems());
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(CsbsApiError);
    expect(error).toBeInstanceOf(CsbsError);
    expect(requests).toHaveLength(1);
  });

  it("gives other statuses a plain CsbsApiError, not retried", async () => {
    const { csbs, requests } = await setup([json(418, csbsError("T", "teapot")), ok]);
    const error = await caught(csbs.listCheckpointItems());
    expect((error as Error).constructor).toBe(CsbsApiError);
    expect(error).toMatchObject({ status: 418, code: "T", message: `teapot (${WHERE}, attempts: 1)` });
    expect(requests).toHaveLength(1);
  });

  it("per-call maxRetries overrides the client's", async () => {
    const { csbs, requests } = await setup([json(503, csbsError("E", "busy"), { "retry-after": "0" })], {
      maxRetries: 5,
    });
    await expect(csbs.listCheckpointItems({}, { maxRetries: 0 })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(requests).toHaveLength(1);
  });
});

describe("errors", () => {
  it("an HTML 502 from a gateway still gives the typed error, with the text", async () => {
    const page = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    const { csbs, requests } = await setup([text(502, page)], { maxRetries: 1 });
    const error = await caught(csbs.listCheckpointItems());
    expect(requests).toHaveLength(2);
    expect(error).toBeInstanceOf(CsbsApiError);
    expect(error).toMatchObject({ status: 502, code: undefined, body: page });
    expect((error as Error).message).toBe(`HTTP 502: 502 Bad Gateway 502 Bad Gateway (${WHERE}, attempts: 2)`);
  });

  it("an empty error body gives the typed error", async () => {
    const { csbs } = await setup([text(404, "", "text/plain")]);
    const error = await caught(csbs.listCheckpointItems());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, body: undefined, message: `HTTP 404 (${WHERE}, attempts: 1)` });
  });

  it("takes requestId from X-Request-Id, else from the body's request_id", async () => {
    const { csbs } = await setup([
      json(400, csbsError("CSBS.9001", "bad"), { "x-request-id": "hdr-1" }),
      json(401, { ...csbsError("APIGW.0301", "auth"), request_id: "body-2" }),
    ]);
    await expect(csbs.listCheckpointItems()).rejects.toMatchObject({ requestId: "hdr-1" });
    const error = (await caught(csbs.listCheckpointItems())) as AuthenticationError;
    expect(error.requestId).toBe("body-2");
    expect(error.headers.get("content-type")).toBe("application/json");
    expect(error.body).toEqual({ error_code: "APIGW.0301", error_msg: "auth", request_id: "body-2" });
  });

  it("withResponse answers body, Response and request ID", async () => {
    const { csbs } = await setup([json(200, items(2), { "x-request-id": "req-9" })]);
    const { data, response, requestId } = await csbs.listCheckpointItems.withResponse({ limit: 2 });
    expect(data.checkpoint_items).toHaveLength(2);
    expect(response.status).toBe(200);
    expect(requestId).toBe("req-9");
  });

  it("a 200 that is not JSON is a CsbsError, not retried", async () => {
    const { csbs, requests } = await setup([text(200, "<html>captive portal</html>")]);
    const error = await caught(csbs.listCheckpointItems());
    expect(error).toBeInstanceOf(CsbsError);
    expect(error).not.toBeInstanceOf(CsbsApiError);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    expect(requests).toHaveLength(1);
  });
});

describe("connections and timeouts", () => {
  it("a hung response times out, on every attempt, as CsbsTimeoutError", async () => {
    // 500 ms an attempt: long enough for a loaded machine's server to have read each request before it is cut.
    const { csbs, requests } = await setup([hang], { timeoutMs: 500, maxRetries: 1 });
    const error = await caught(csbs.listCheckpointItems());
    expect(error).toBeInstanceOf(CsbsTimeoutError);
    expect(error).toBeInstanceOf(CsbsConnectionError);
    expect((error as Error).message).toBe(`Request timed out after 500 ms (${WHERE}, attempts: 2)`);
    await expect.poll(() => requests.length, { timeout: 10_000 }).toBe(2);
  });

  it("the timeout covers the body: headers then a stall times out", async () => {
    const { csbs } = await setup([stallBody], { maxRetries: 0 });
    await expect(csbs.listCheckpointItems({}, { timeoutMs: 150 })).rejects.toBeInstanceOf(CsbsTimeoutError);
  });

  it("timeoutMs: Infinity (or beyond setTimeout's range) means no timeout", async () => {
    const { csbs } = await setup([ok]);
    await expect(csbs.listCheckpointItems({}, { timeoutMs: Number.POSITIVE_INFINITY })).resolves.toHaveProperty(
      "checkpoint_items",
    );
    await expect(csbs.listCheckpointItems({}, { timeoutMs: 2 ** 40 })).resolves.toHaveProperty("checkpoint_items");
  });

  it("a timeout is retried: hang, then 200", async () => {
    const { csbs, requests } = await setup([hang, ok], { timeoutMs: 150 });
    await expect(csbs.listCheckpointItems()).resolves.toHaveProperty("checkpoint_items");
    expect(requests).toHaveLength(2);
  });

  it("a reset connection is retried, and is a CsbsConnectionError once retries are spent", async () => {
    const { csbs, requests } = await setup([reset, reset, ok, reset]);
    await expect(csbs.listCheckpointItems()).resolves.toHaveProperty("checkpoint_items");
    expect(requests).toHaveLength(3);
    const error = await caught(csbs.listCheckpointItems({}, { maxRetries: 0 }));
    expect(error).toBeInstanceOf(CsbsConnectionError);
    expect(error).not.toBeInstanceOf(CsbsTimeoutError);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("a refused connection is a CsbsConnectionError saying what failed: the cause, operation, path and attempts", async () => {
    const probe = await startFaultServer();
    const url = probe.url;
    await probe.close(); // nothing listens there any more
    const csbs = createCsbsClient({ baseUrl: url, projectId, auth: { token: "t" }, maxRetries: 2 });
    const error = await caught(csbs.listCheckpointItems());
    expect(error).toBeInstanceOf(CsbsConnectionError);
    const { message } = error as Error;
    expect(message).toMatch(/^Request failed: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(/);
    expect(message.endsWith(`(${WHERE}, attempts: 3)`)).toBe(true);
  });
});

describe("the caller's signal", () => {
  it("aborts a request in flight with the standard AbortError, without retrying", async () => {
    const { csbs, requests } = await setup([hang]);
    const controller = new AbortController();
    const pending = caught(csbs.listCheckpointItems({}, { signal: controller.signal }));
    while (requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(requests).toHaveLength(1);
  });

  it("stops a wait before a retry at once (Retry-After: 60 is never waited out)", async () => {
    const { csbs, requests, lines } = await setup([json(503, csbsError("E", "busy"), { "retry-after": "60" }), ok]);
    const controller = new AbortController();
    const pending = caught(csbs.listCheckpointItems({}, { signal: controller.signal }));
    while (!lines.some((l) => l.includes("retry 1"))) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new DOMException("stop", "AbortError"));
    const error = await pending;
    expect((error as DOMException).name).toBe("AbortError");
    expect((error as DOMException).message).toBe("stop");
    expect(requests).toHaveLength(1);
  });

  it("an already-aborted signal sends nothing", async () => {
    const { csbs, requests } = await setup([ok]);
    const error = await caught(csbs.listCheckpointItems({}, { signal: AbortSignal.abort() }));
    expect((error as DOMException).name).toBe("AbortError");
    expect(requests).toHaveLength(0);
  });
});

describe("fetch injection and headers", () => {
  it("sends the token, the client's headers, and uses the injected fetch", async () => {
    const seen: string[] = [];
    const { csbs, requests } = await setup([ok], {
      headers: { "X-Trace": "abc", "X-Auth-Token": "overridden?" },
      fetch: (input, init) => {
        seen.push((input as Request).url);
        return fetch(input, init);
      },
    });
    await csbs.listCheckpointItems({ status: "available" });
    expect(seen).toEqual([`${server?.url}/v1/p-1/checkpoint_items?status=available`]);
    expect(requests[0]?.headers).toMatchObject({ "x-auth-token": "token-abcdefgh", "x-trace": "abc" });
  });

  it("sends per-call headers, merged over the client's", async () => {
    const { csbs, requests } = await setup([ok], { headers: { "X-Trace": "client", "X-Team": "backup" } });
    await csbs.listCheckpointItems({}, { headers: { "X-Trace": "call-1" } });
    expect(requests[0]?.headers).toMatchObject({
      "x-trace": "call-1",
      "x-team": "backup",
      "x-auth-token": "token-abcdefgh",
    });
  });

  it("never follows a redirect (it would carry the token elsewhere): a 3xx is a CsbsApiError", async () => {
    const elsewhere = await startFaultServer(ok);
    try {
      const redirect: Behaviour = (_req, res) => {
        res.writeHead(302, { location: `${elsewhere.url}/v1/p-1/checkpoint_items` });
        res.end();
      };
      const { csbs, requests } = await setup([redirect]);
      const error = await caught(csbs.listCheckpointItems());
      expect(error).toBeInstanceOf(CsbsApiError);
      expect(error).toMatchObject({ status: 302 });
      expect(requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it("middleware added to raw runs for listCheckpointItems too", async () => {
    const { csbs, requests } = await setup([ok]);
    csbs.raw.use({
      onRequest({ request }) {
        request.headers.set("X-Extra", "from-middleware");
      },
    });
    await csbs.listCheckpointItems();
    expect(requests[0]?.headers["x-extra"]).toBe("from-middleware");
  });

  it("encodes the project ID as a path segment", async () => {
    server = await startFaultServer(ok);
    const csbs = createCsbsClient({ baseUrl: `${server.url}/`, projectId: "a/b c?", auth: { token: "t" } });
    await csbs.listCheckpointItems();
    expect(server.requests[0]?.rawUrl).toBe("/v1/a%2Fb%20c%3F/checkpoint_items");
  });
});
