// Secrets (token, secret key, security token, signature) never appear in errors, their JSON or inspection, or logs,
// even when a misbehaving server echoes the request headers back.
import type { IncomingMessage, ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterEach, describe, expect, inject, it } from "vitest";
import { CsbsApiError, type CsbsClientOptions, CsbsError, createCsbsClient } from "../src/index.js";
import { type Behaviour, type FaultServer, hang, reset, startFaultServer } from "./fault-server.js";

const TOKEN = "MIIEXAMPLE-token-0123456789abcdef";
const SECRET_KEY = "SK-secret-0123456789abcdef";
const SECURITY_TOKEN = "gQpzdGVtcG9yYXJ5LXNlY3VyaXR5LXRva2Vu";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Echoes every request header back in the error body: the worst a gateway could do. */
const echoJson =
  (status: number): Behaviour =>
  (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify({
      error_code: "APIGW.0301",
      error_msg: `rejected ${JSON.stringify(req.headers)}`,
      echo: req.headers,
    });
    res.writeHead(status, {
      "content-type": "application/json",
      "x-echo-auth": String(req.headers.authorization ?? req.headers["x-auth-token"]),
    });
    res.end(body);
  };
const echoHtml =
  (status: number): Behaviour =>
  (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { "content-type": "text/html" });
    res.end(`<html><body><h1>Bad Gateway</h1><pre>${JSON.stringify(req.headers)}</pre></body></html>`);
  };

const authModes: [string, CsbsClientOptions["auth"]][] = [
  ["token", { token: TOKEN }],
  ["AK/SK", { accessKey: "AK-public", secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN }],
];

function leaks(text: string, signatures: string[]): string[] {
  return [TOKEN, SECRET_KEY, SECURITY_TOKEN, ...signatures].filter((secret) => text.includes(secret));
}

describe.each(authModes)("with %s auth", (_, auth) => {
  async function failWith(behaviour: Behaviour, extra: Partial<CsbsClientOptions> = {}) {
    server = await startFaultServer(behaviour);
    const lines: string[] = [];
    const csbs = createCsbsClient({
      baseUrl: server.url,
      projectId: "p",
      auth,
      maxRetries: 1,
      logger: { debug: (line) => lines.push(line) },
      ...extra,
    });
    const error = await csbs.listCheckpointItems({ name: "n" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsbsError);
    const signatures = server.requests.map(
      (r) => /Signature=([0-9a-f]+)/.exec(String(r.headers.authorization))?.[1] ?? "",
    );
    // The secrets were really sent (so a leak would be visible), and the logger really logged.
    const wire = JSON.stringify(server.requests.map((r) => r.headers));
    expect(wire.includes(TOKEN) || wire.includes(SECURITY_TOKEN)).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const views = [
      String(error),
      (error as Error).message,
      (error as Error).stack ?? "",
      JSON.stringify(error),
      inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      ...lines,
      inspect(csbs, { depth: 4, showHidden: true }),
    ];
    for (const view of views) expect(leaks(view, signatures.filter(Boolean))).toEqual([]);
    return { error, lines, signatures };
  }

  it("a JSON error echoing the request headers", async () => {
    const { error, lines } = await failWith(echoJson(401));
    expect(error).toBeInstanceOf(CsbsApiError);
    expect((error as CsbsApiError).message).toContain("[redacted]");
    expect(lines.join("\n")).toMatch(/(x-auth-token|authorization): \[redacted\]/);
  });

  it("an HTML error page echoing the request headers, retried", async () => {
    const { error } = await failWith(echoHtml(502));
    expect(error).toMatchObject({ status: 502 });
    expect(JSON.stringify(error)).toContain("[redacted]");
  });

  it("a reset connection", async () => {
    await failWith(reset);
  });

  it("a timeout", async () => {
    await failWith(hang, { timeoutMs: 100 });
  });
});

it("the Prism mock's 401 carries no secret", async () => {
  const withoutToken: typeof fetch = (input, init) => {
    const request = new Request(input as Request, init);
    request.headers.delete("X-Auth-Token");
    return fetch(request);
  };
  const csbs = createCsbsClient({
    baseUrl: inject("mockUrl"),
    projectId: "p",
    auth: { token: TOKEN },
    fetch: withoutToken,
  });
  const error = await csbs.listCheckpointItems().catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 401, code: "APIGW.0301" });
  expect(inspect(error, { depth: Number.POSITIVE_INFINITY }) + JSON.stringify(error)).not.toContain(TOKEN);
});

it("validation errors name the field, never its value", () => {
  expect(() => createCsbsClient({ baseUrl: "not a url", projectId: "p", auth: { token: TOKEN } })).toThrow(/baseUrl/);
  const error = (() => {
    try {
      createCsbsClient({
        baseUrl: "http://127.0.0.1:1",
        projectId: "p",
        auth: { accessKey: "", secretKey: SECRET_KEY },
      });
    } catch (e) {
      return e as Error;
    }
  })();
  expect(error?.message).toMatch(/auth/);
  expect(inspect(error)).not.toContain(SECRET_KEY);
});

describe("secrets that are not valid header values", () => {
  // fetch's own error for a bad header value quotes the value: such secrets are refused up front, by name only.
  it.each([
    ["a token with a newline inside", { token: `${TOKEN}\nmore` }],
    ["a token beyond Latin-1", { token: `${TOKEN}\u0100` }],
    [
      "a security token with a newline",
      { accessKey: "AK", secretKey: SECRET_KEY, securityToken: `${SECURITY_TOKEN}\r\nx` },
    ],
    ["an access key with a newline", { accessKey: "AK\nB", secretKey: SECRET_KEY }],
  ] as const)("%s is refused without quoting it", (_, auth) => {
    let error: unknown;
    try {
      createCsbsClient({ baseUrl: "http://127.0.0.1:1", projectId: "p", auth: auth as CsbsClientOptions["auth"] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsbsError);
    expect(leaks(inspect(error) + JSON.stringify(error), [])).toEqual([]);
  });

  it("surrounding whitespace (a token read from a file) is trimmed, sent trimmed and redacted trimmed", async () => {
    server = await startFaultServer((req, res) => {
      res.writeHead(401, { "content-type": "text/plain" });
      res.end(`bad token ${req.headers["x-auth-token"]}`);
    });
    const csbs = createCsbsClient({ baseUrl: server.url, projectId: "p", auth: { token: `  ${TOKEN}\n` } });
    const error = await csbs.listCheckpointItems().catch((e: unknown) => e);
    expect(server.requests[0]?.headers["x-auth-token"]).toBe(TOKEN);
    expect(error).toMatchObject({ status: 401, body: "bad token [redacted]" });
  });
});

it("log lines redact cookies and proxy credentials passed in headers, and keep the rest", async () => {
  server = await startFaultServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "x-request-id": "rid-7" });
    res.end('{"checkpoint_items":[]}');
  });
  const lines: string[] = [];
  const csbs = createCsbsClient({
    baseUrl: server.url,
    projectId: "p",
    auth: { token: TOKEN },
    headers: { Cookie: "session=abc123", "Proxy-Authorization": "Basic dXNlcjpwYXNz", "X-Trace": "t-1" },
    logger: { debug: (line) => lines.push(line) },
  });
  await csbs.listCheckpointItems({ limit: 5 });
  const log = lines.join("\n");
  expect(log).toContain(`GET ${server.url}/v1/p/checkpoint_items?limit=5`);
  expect(log).toContain("x-trace: t-1");
  expect(log).toContain("rid-7");
  expect(log).toMatch(/cookie: \[redacted\]/);
  expect(log).toMatch(/proxy-authorization: \[redacted\]/);
  expect(log).not.toMatch(/abc123|dXNlcjpwYXNz/);
  expect(leaks(log, [])).toEqual([]);
});
