// Nothing a request can do takes the mock down. Hostile requests are written as raw bytes on a TCP socket to the real
// process (`node dist/cli.js`, Prism validating) and handed to the MSW handlers as fetch Requests (msw's getResponse,
// no interception). First the outside probe's known killers (regression cases), then fast-check over every query
// parameter of the spec, the path's project_id and the X-Auth-Token, Authorization and Prefer headers. Properties:
// every request gets a parseable HTTP answer and the process still answers a normal request 200 after it; no 5xx
// unless Prefer asked for it; every 4xx carries the CSBS or API Gateway error body; every 405 an Allow; no response
// header a fetch client cannot read; and where the process and a fetch Request carry the same bytes, the process and
// the MSW handlers answer the same status and body. Seeded: CSBS_FUZZ_SEED=<n> explores others, CSBS_HOSTILE_RUNS=<n>
// runs more.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { getResponse } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlers } from "../src/msw.js";
import {
  askedFor,
  countedHeadBytes,
  errorBodyProblem,
  fetchRequest,
  type HostileRequest,
  headerAcceptedByNode,
  hostileRequest,
  KILLER_PARAMETERS,
  KILLER_VALUES,
  literal,
  NORMAL,
  requestBytes,
  TEMPLATE,
  wireBytes,
} from "./hostile.js";
import { exchange, isAnswer, type NoAnswer, type RawAnswer } from "./raw-http.js";

const SEED = Number(process.env.CSBS_FUZZ_SEED ?? 20240101);
const RUNS = Number(process.env.CSBS_HOSTILE_RUNS ?? 1000);
const ORIGIN = "http://127.0.0.1";
/** Node's default --max-http-header-size: the target and headers together past it are refused 414 / 431. */
const NODE_HEAD_LIMIT = 16_384;

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
let child: ChildProcess;
let port = 0;
let stderr = "";
const handlers = createHandlers(); // the process's defaults: seed "csbs", 200 records
const counts = { raw: 0, alive: 0, msw: 0, compared: 0, statuses: {} as Record<string, number> };

beforeAll(async () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CSBS_MOCK_")));
  child = spawn(process.execPath, [cli, "--port", "0", "--log-level", "warn"], { env, stdio: "pipe" });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  let stdout = "";
  for await (const chunk of child.stdout ?? []) {
    stdout += chunk;
    const found = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
    if (found) {
      port = Number(found[1]);
      break;
    }
  }
  expect(port).toBeGreaterThan(0);
});

afterAll(async () => {
  const statuses = Object.entries(counts.statuses)
    .sort()
    .map(([s, n]) => `${s}: ${n}`)
    .join(", ");
  console.log(
    `hostile requests (seed ${SEED}): ${counts.raw} raw to the process (+${counts.alive} normal ones after them), ` +
      `${counts.msw} to the MSW handlers, ${counts.compared} compared between both; process statuses {${statuses}}`,
  );
  if (child.exitCode === null) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
});

/** One hostile request's bytes to the process (counted). */
const sendRaw = async (bytes: Buffer | string, bodyless = false) => {
  counts.raw++;
  const answer = await exchange(port, bytes, { bodyless });
  if (isAnswer(answer)) counts.statuses[answer.status] = (counts.statuses[answer.status] ?? 0) + 1;
  return answer;
};
/** A normal request: the process is still serving (counted apart). */
const sendNormal = () => {
  counts.alive++;
  return exchange(port, requestBytes(NORMAL));
};

/** Sends a hostile request to the process, then a normal one: both must be answered. */
async function toProcess(r: HostileRequest): Promise<RawAnswer | NoAnswer> {
  const answer = await sendRaw(requestBytes(r), r.method === "HEAD");
  const normal = await sendNormal();
  if (!isAnswer(normal) || normal.status !== 200) {
    throw new Error(`the process stopped serving after ${show(r)}: ${JSON.stringify(normal).slice(0, 300)}`);
  }
  return answer;
}

/** The MSW handlers' answer to the same request as fetch would send it (undefined: no handler's path). */
async function toMsw(request: Request): Promise<Response | undefined> {
  counts.msw++;
  return getResponse(handlers, request);
}

/** A request as its bytes (Latin-1), cut for a failure message. */
const show = (r: HostileRequest) => {
  const text = requestBytes(r).toString("latin1");
  return JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}… (${text.length} bytes)` : text);
};

/** The properties every answer of the process has; returns what is wrong, or undefined. */
function processProblem(r: HostileRequest, answer: RawAnswer | NoAnswer): string | undefined {
  const dropped = askedFor(r, "drop") || askedFor(r, "truncate");
  if (!isAnswer(answer)) return dropped ? undefined : `no answer (${answer.failure})`;
  const { status, headers } = answer;
  if (!answer.complete) return askedFor(r, "truncate") ? undefined : `${status} cut short`;
  if (status >= 500 && !askedFor(r, String(status))) return `${status} without Prefer asking for it`;
  if (!/^[\x21-\x7e]{1,128}$/.test(headers["x-request-id"] ?? "")) return `${status} without a usable X-Request-Id`;
  // A fetch client refuses a response head past 16 KiB (undici's default): every answer must stay well inside it.
  if (answer.headBytes > 8_192) return `${status} with a ${answer.headBytes}-byte head`;
  if (status === 405 && !/\bGET\b/.test(headers.allow ?? "")) return `405 with Allow ${headers.allow}`;
  if (status >= 400 && status < 500 && r.method !== "HEAD") return errorBodyProblem(status, answer.body.toString());
  const over = countedHeadBytes(r) > NODE_HEAD_LIMIT + 64;
  const under = countedHeadBytes(r) < NODE_HEAD_LIMIT - 64;
  // Past the limit: 414 or 431, unless the parser refused something earlier in the request (a 400 APIGW.0201).
  const parserRefused = status === 400 && (r.method === "HEAD" || answer.body.includes('"APIGW.0201"'));
  if (over && status !== 414 && status !== 431 && !parserRefused)
    return `${status} for a ${countedHeadBytes(r)}-byte head`;
  if (under && (status === 414 || status === 431)) return `${status} for a ${countedHeadBytes(r)}-byte head`;
  return undefined;
}

/** The properties of the MSW handlers' answer (never a rejection: getResponse would reject if a handler threw). */
async function mswProblem(r: HostileRequest, response: Response | undefined): Promise<string | undefined> {
  if (response === undefined) return undefined; // not a path of the spec: MSW lets it through, by design
  if (response.type === "error") return askedFor(r, "drop") ? undefined : "a network error without Prefer asking";
  const { status } = response;
  if (status >= 500 && !askedFor(r, String(status))) return `MSW ${status} without Prefer asking for it`;
  if (askedFor(r, "truncate")) return undefined; // the body errors half-way, as asked
  if (status === 405 && !/\bGET\b/.test(response.headers.get("allow") ?? "")) return "MSW 405 without Allow";
  if (status >= 400 && status < 500 && r.method !== "HEAD") {
    return errorBodyProblem(status, await response.clone().text());
  }
  return undefined;
}

/** The two fronts' answers to the same bytes: the same status, body (request IDs aside) and Allow. */
async function parityProblem(answer: RawAnswer, response: Response | undefined): Promise<string | undefined> {
  if (response === undefined) {
    return answer.status === 404 ? undefined : `MSW has no handler, the process answered ${answer.status}`;
  }
  const strip = (text: string) => {
    try {
      const { request_id: _, ...rest } = JSON.parse(text);
      return rest;
    } catch {
      return text;
    }
  };
  const mswBody = strip(await response.text());
  const processBody = strip(answer.body.toString());
  if (response.status !== answer.status || JSON.stringify(mswBody) !== JSON.stringify(processBody)) {
    const [a, b] = [processBody, mswBody].map((x) => JSON.stringify(x).slice(0, 300));
    return `process ${answer.status} ${a} ≠ MSW ${response.status} ${b}`;
  }
  if ((response.headers.get("allow") ?? "") !== (answer.headers.allow ?? "")) return "Allow differs";
  return undefined;
}

/** One hostile request through both fronts; returns every problem found. */
async function check(r: HostileRequest): Promise<string[]> {
  const problems: string[] = [];
  const answer = await toProcess(r);
  const p = processProblem(r, answer);
  if (p) problems.push(`process: ${p}`);
  const asFetch = fetchRequest(r, ORIGIN);
  if (asFetch) {
    let response: Response | undefined;
    try {
      response = await toMsw(asFetch.request);
    } catch (error) {
      problems.push(`MSW threw: ${(error as Error).message}`);
    }
    const m = await mswProblem(r, response);
    if (m) problems.push(`MSW: ${m}`);
    const headersOk = r.headers.every(([, v]) => headerAcceptedByNode(wireBytes(v)));
    const comparable =
      asFetch.identical &&
      headersOk &&
      isAnswer(answer) &&
      !askedFor(r, "truncate") &&
      countedHeadBytes(r) < NODE_HEAD_LIMIT - 64;
    if (comparable && problems.length === 0) {
      counts.compared++;
      const d = await parityProblem(answer as RawAnswer, response);
      if (d) problems.push(`parity: ${d}`);
    }
  }
  return problems.map((problem) => `${problem}\n    for ${show(r)}`);
}

describe("the outside probe's killers (regression cases)", () => {
  const cases = KILLER_PARAMETERS.flatMap((name) =>
    Object.entries(KILLER_VALUES).map(([encoded, char]) => ({ name, encoded, char })),
  );

  it(`${cases.length} one-request kills: 400 naming the parameter and the value, header as \\u escapes, process alive`, async () => {
    for (const { name, encoded, char } of cases) {
      const r = literal(`${name}=2024-01-01T00${encoded}00`);
      expect(await check(r)).toEqual([]);
      const answer = (await sendRaw(requestBytes(r))) as RawAnswer;
      expect(answer.status, `${name}=${encoded}`).toBe(400);
      const body = JSON.parse(answer.body.toString("utf8"));
      expect(body.error_code).toBe("CSBS.9001");
      expect(body.error_msg).toContain(name);
      expect(body.error_msg).toContain(char); // the UTF-8 body names the value as sent
      const header = answer.headers["sl-violations"] ?? "";
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      expect(JSON.stringify(JSON.parse(header))).toContain(name);
      expect(
        JSON.parse(header)
          .map((v: { message: string }) => v.message)
          .join(),
      ).toContain(char);
    }
  });

  it("the realistic one: a full-width colon in start_time", async () => {
    const r = literal("start_time=2024-01-01T00%EF%BC%9A00%EF%BC%9A00");
    expect(await check(r)).toEqual([]);
    const answer = (await sendRaw(requestBytes(r))) as RawAnswer;
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body.toString()).error_msg).toContain("2024-01-01T00：00：00");
  });

  it.each([
    "code=constructor",
    "code=toString",
    "code=__proto__",
    "example=constructor",
    "example=__proto__",
    "example=hasOwnProperty",
  ])("Prefer: %s is 400 naming Prefer (a prototype's name is no status or example of the spec)", async (prefer) => {
    const r = literal("", { "X-Auth-Token": "any", Prefer: prefer });
    expect(await check(r)).toEqual([]);
    const answer = (await sendRaw(requestBytes(r))) as RawAnswer;
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body.toString()).error_msg).toContain("Prefer");
  });

  it.each(["POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"])(
    "%s: 405 with Allow: GET, HEAD, OPTIONS",
    async (m) => {
      const r = literal("", { "X-Auth-Token": "any" }, m);
      expect(await check(r)).toEqual([]);
      const answer = (await sendRaw(requestBytes(r))) as RawAnswer;
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe("GET, HEAD, OPTIONS");
    },
  );

  it("OPTIONS: 204 with Allow, no body", async () => {
    const answer = (await sendRaw(requestBytes(literal("", {}, "OPTIONS")))) as RawAnswer;
    expect(answer.status).toBe(204);
    expect(answer.headers.allow).toBe("GET, HEAD, OPTIONS");
    expect(answer.headers["content-length"]).toBeUndefined();
  });

  it("X-Request-Id is echoed only when it is printable ASCII of sane length", async () => {
    const idOf = async (value: string) => {
      const r = literal("limit=1", { "X-Auth-Token": "t", "X-Request-Id": value });
      const answer = (await sendRaw(requestBytes(r))) as RawAnswer;
      expect(answer.status).toBe(200);
      return answer.headers["x-request-id"];
    };
    expect(await idOf("trace-7f3a/01")).toBe("trace-7f3a/01");
    for (const hostile of ["\xe2\x82\xac", "a\x80b", "x".repeat(129), "a\tb"]) {
      expect(await idOf(hostile)).toMatch(/^[0-9a-f]{32}$/);
    }
  });
});

describe("requests Node's HTTP parser refuses: a JSON 4xx, never a bare status line or a reset", () => {
  const T = "Host: h\r\nX-Auth-Token: x\r\nConnection: close\r\n";
  const path = TEMPLATE.replace("{project_id}", "p");
  it.each([
    ["a request line past 16 KiB", 414, `GET ${path}?name=${"a".repeat(70_000)} HTTP/1.1\r\n${T}\r\n`],
    ["a header past 16 KiB", 431, `GET ${path} HTTP/1.1\r\n${T}X-Big: ${"a".repeat(70_000)}\r\n\r\n`],
    ["3,000 headers", 431, `GET ${path} HTTP/1.1\r\n${T}${"X-A: b\r\n".repeat(3_000)}\r\n`],
    ["bytes that are no HTTP", 400, "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"],
    ["a raw byte above 0x7F in the target", 400, `GET ${path}?limit=\xe2\x82\xac HTTP/1.1\r\n${T}\r\n`],
    ["DEL in a header", 400, `GET ${path} HTTP/1.1\r\n${T}Prefer: a\x7fb\r\n\r\n`],
    ["a bare LF line end", 400, `GET ${path} HTTP/1.1\nHost: h\n\n`],
    ["HTTP/1.1 without Host", 400, `GET ${path}?limit=1 HTTP/1.1\r\nX-Auth-Token: x\r\nConnection: close\r\n\r\n`],
    ["two Content-Lengths", 400, `GET ${path} HTTP/1.1\r\n${T}Content-Length: 1\r\nContent-Length: 2\r\n\r\n`],
    ["an Expect the mock cannot meet", 417, `GET ${path} HTTP/1.1\r\n${T}Expect: teapot\r\n\r\n`],
    ["CONNECT", 400, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"],
    ["HTTP/2 prior knowledge", 400, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"],
  ])("%s → %i with API Gateway's body and its request_id", async (_, status, request) => {
    const answer = await sendRaw(Buffer.from(request, "latin1"));
    expect(isAnswer(answer) && answer.status).toBe(status);
    const { headers, body } = answer as RawAnswer;
    expect(errorBodyProblem(status, body.toString())).toBeUndefined();
    expect(JSON.parse(body.toString())).toMatchObject({
      error_code: "APIGW.0201",
      request_id: headers["x-request-id"],
    });
    expect(isAnswer(await sendNormal())).toBe(true);
  });

  it("an absolute-form target names the same resource", async () => {
    const answer = (await sendRaw(`GET http://h${path}?limit=2 HTTP/1.1\r\n${T}\r\n`)) as RawAnswer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString()).checkpoint_items).toHaveLength(2);
  });
});

describe("fast-check: hostile requests to the process (raw socket) and the MSW handlers", () => {
  it(`${RUNS} generated requests: answered, alive, no 5xx unless asked, CSBS bodies, both fronts alike`, async () => {
    const found: string[] = [];
    try {
      await fc.assert(
        fc.asyncProperty(hostileRequest, async (r) => {
          const problems = await check(r);
          if (problems.length && found.length < 10) found.push(...problems);
          return problems.length === 0;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    } finally {
      expect(found).toEqual([]); // what was wrong, in words, before fast-check's counterexample
    }
  }, 600_000);

  it("the process logged no internal error and is still running", async () => {
    expect(stderr).toBe("");
    expect(child.exitCode).toBeNull();
    expect(isAnswer(await sendNormal())).toBe(true);
  });
});
