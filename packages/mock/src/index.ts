/**
 * @csbs/mock: a mock of the CSBS API that behaves like the service, served from the bundled spec in this package.
 *
 * One node:http server, one process. Each request is answered by the data engine (engine.ts: the spec's filters, sort
 * and paging over a seeded data set, its examples, errors and faults) and validated by Prism's own request validator
 * (@stoplight/prism-http, in-process): a query Prism rejects is answered 400 even if the engine let it through. The
 * port is opened only once everything is ready, so nothing that connects ever sees a half-started mock.
 */
import { readFileSync } from "node:fs";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import { createServer } from "node:net";
import type { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import {
  type Answer,
  createEngine,
  type Engine,
  type EngineOptions,
  type EngineRequest,
  isPrintable,
  type Operation,
  quote,
  rejection,
  requestIdFor,
  type Violation,
} from "./engine.js";
import { type PrismValidate, prismValidator } from "./prism.js";
import { DEFAULT_HOST, DEFAULT_PORT } from "./settings.js";

export {
  type Answer,
  createEngine,
  DEFAULT_RECORDS,
  DEFAULT_SEED,
  type Engine,
  type EngineOptions,
  type EngineRequest,
  FAULTS,
  type Fault,
  MAX_RECORDS,
  parseQuery,
  readOperations,
  type Violation,
} from "./engine.js";

export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  MockConfigError,
  type MockSettings,
  mockOptionsFromEnv,
  SETTINGS,
} from "./settings.js";

/** The bundled OpenAPI document that the mock serves. */
export const specPath: string = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));

export interface MockOptions extends EngineOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port to listen on. Default 4010; 0 picks a free port. */
  port?: number;
  /**
   * One line per request on stdout ("info"), or none ("warn", the default for the API; the CLI logs at "info"). At
   * both, a failure of the mock itself (an exception answered 500) is one line on stderr; "silent" drops those too.
   */
  logLevel?: "info" | "warn" | "silent";
  /**
   * @deprecated The data mode is generated data now (seeded, schema-valid, filtered and paged); `dynamic: true` is
   * the default data mode. Kept so that callers written for Prism's `--dynamic` keep compiling.
   */
  dynamic?: boolean;
  /** @deprecated Use `logLevel`: "inherit" is `logLevel: "info"` (a line per request on stdout). */
  stdio?: "inherit" | "pipe";
  /** Validate each request with Prism too (default true). `false` skips it, for a benchmark of the engine alone. */
  prism?: boolean;
}

export interface MockServer {
  /** Base URL, e.g. http://127.0.0.1:4010 */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The PID of the process serving (the mock runs in the process that started it). */
  readonly pid: number;
  /** The lines logged so far: request lines and the mock's own failures (the last 500). */
  output(): string;
  /** Closes the port and every open connection; resolves when closed. */
  stop(): Promise<void>;
}

export class MockStartError extends Error {
  override name = "MockStartError";
  /** The system error code when the port could not be opened (e.g. "EADDRINUSE"). */
  code?: string;
}

/** What `Prefer` can select on the mock: the 200 answers' named examples and the documented statuses. */
export function scenarios(): { paths: string[]; examples: string[]; codes: string[]; faults: string[] } {
  const doc = JSON.parse(readFileSync(specPath, "utf8"));
  const operations = createEngine(doc, { records: 1 }).operations;
  return {
    paths: operations.map((op) => op.template),
    examples: [...new Set(operations.flatMap((op) => Object.keys(op.examples)))],
    codes: [...new Set(operations.flatMap((op) => ["200", ...Object.keys(op.errors)]))],
    faults: ["429", "502", "504", "drop", "truncate"],
  };
}

/** Asks the OS for a free port on `host`. */
export async function freePort(host = DEFAULT_HOST): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, host, () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** CORS on every answer; a request's Origin is echoed only when a browser could have sent it (printable ASCII). */
const corsHeaders = (req: IncomingMessage): Record<string, string> => {
  const origin = isPrintable(req.headers.origin, 2048) ? req.headers.origin : undefined;
  return {
    "access-control-allow-origin": origin ?? "*",
    ...(origin ? { "access-control-allow-credentials": "true", vary: "origin" } : {}),
    "access-control-expose-headers": "*",
  };
};

/** One line of a log: control characters and line breaks escaped, so a request cannot write a line of its own. */
const oneLine = (text: string, max = 500): string => {
  const line = text.length > max ? `${text.slice(0, max)}…` : text;
  return line.replace(/\p{Cc}/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
};
const describeError = (error: unknown): string =>
  oneLine(error instanceof Error ? `${error.name}: ${error.message}` : String(error));

interface Log {
  /** A request line (stdout at "info"; always kept for `output()`). */
  say(line: string): void;
  /** A failure of the mock itself: stderr unless "silent", whatever the level. */
  warn(line: string): void;
  readonly info: boolean;
  output(): string;
}

function createLog(level: "info" | "warn" | "silent"): Log {
  const kept: string[] = []; // the last 500 lines
  const keep = (line: string) => {
    kept.push(line);
    if (kept.length > 500) kept.splice(0, kept.length - 500);
  };
  // Request lines are written in batches: one write per tick instead of one per request.
  let pending = "";
  const flush = () => {
    if (pending) process.stdout.write(pending);
    pending = "";
  };
  return {
    info: level === "info",
    say(line) {
      keep(line);
      if (level !== "info") return;
      if (!pending) setImmediate(flush);
      pending += line;
    },
    warn(line) {
      keep(line);
      if (level !== "silent") process.stderr.write(line);
    },
    output: () => kept.join(""),
  };
}

/** The engine's view of a request. An absolute-form target (`GET http://host/v1/… HTTP/1.1`) names the same resource. */
function engineRequest(req: IncomingMessage): EngineRequest & { url: string } {
  const url = (req.url ?? "/").replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i, "") || "/";
  const q = url.indexOf("?");
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(", ") : v;
  };
  return {
    url,
    method: req.method ?? "GET",
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? "" : url.slice(q + 1),
    header,
  };
}

/** The request listener: the engine answers, Prism has the last word on what it accepted, nothing throws out. */
function createListener(engine: Engine, validate: PrismValidate | undefined, log: Log) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = Date.now();
    const request = engineRequest(req);
    const { url, path } = request;
    // Whatever throws while answering this request answers it 500 and is logged; the process goes on serving.
    const fail = (error: unknown) => {
      const answer = engine.failure(request);
      const id = answer.headers["x-request-id"];
      log.warn(`csbs-mock: 500 for ${req.method} ${oneLine(url, 200)}, request ${id}: ${describeError(error)}\n`);
      try {
        if (res.headersSent) res.destroy();
        else send(req, res, answer);
      } catch {
        res.destroy();
      }
    };
    const guarded =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A): void => {
        try {
          fn(...args);
        } catch (error) {
          fail(error);
        }
      };
    guarded(() => {
      if (req.httpVersion === "1.1" && req.headers.host === undefined) {
        return send(req, res, gatewayAnswer(400, "Bad request: an HTTP/1.1 request needs a Host header."));
      }
      if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
        preflight(req, res, engine.allowed(path));
        return;
      }
      let answer: Answer = engine.handle(request);
      const { error } = answer as { error?: unknown };
      if (error !== undefined) return fail(error);
      const finish = guarded(() => {
        if (log.info) log.say(`${req.method} ${url} → ${answer.fault ?? answer.status} (${Date.now() - started} ms)\n`);
        send(req, res, answer);
      });
      const respond = () => (answer.delayMs > 0 ? setTimeout(finish, answer.delayMs) : finish());
      // Prism checks what the engine accepted: the spec's validator of record has the last word on a request.
      if (!validate || answer.status < 200 || answer.status >= 300 || !answer.operation) return respond();
      validate(request.method, prismPath(path, answer.operation), request.query, req.headers).then(
        guarded((violations: Violation[]) => {
          if (violations.length > 0) answer = prismRejected(answer, violations);
          respond();
        }),
        guarded((error: unknown) => {
          // Prism could not check it: the engine's own checks (read from the same spec) stand.
          log.warn(`csbs-mock: Prism could not check ${req.method} ${oneLine(url, 200)}: ${describeError(error)}\n`);
          respond();
        }),
      );
    })();
  };
}

/** Starts the mock and resolves once it accepts requests (the port opens last). */
export async function startMock(options: MockOptions = {}): Promise<MockServer> {
  const host = options.host ?? DEFAULT_HOST;
  const wantedPort = options.port ?? DEFAULT_PORT;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(specPath, "utf8"));
  } catch (error) {
    throw new MockStartError(`cannot read the spec at ${specPath} (run the build first): ${(error as Error).message}`);
  }
  let engine: Engine;
  try {
    engine = createEngine(doc, options);
  } catch (error) {
    throw new MockStartError((error as Error).message);
  }
  const validate = options.prism === false ? undefined : await prismValidator(specPath);
  const log = createLog(options.logLevel ?? (options.stdio === "inherit" ? "info" : "warn"));
  // Without Host, Node would answer a bare 400 itself: the listener answers it as JSON instead.
  const server = createHttpServer({ requireHostHeader: false }, createListener(engine, validate, log));
  server.on("clientError", (error: ClientError, socket: Duplex) => answerClientError(error, socket, log));
  answerWhatNodeWould(server);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, fail) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const failure = new MockStartError(
        error.code === "EADDRINUSE"
          ? `port ${wantedPort} on ${host} is in use (EADDRINUSE); pick another with --port (or CSBS_MOCK_PORT), or 0 for any free port`
          : `cannot listen on ${host}:${wantedPort}: ${error.message}`,
      );
      if (error.code) failure.code = error.code;
      fail(failure);
    });
    server.listen(wantedPort, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : wantedPort;
  const authority = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: `http://${authority}`,
    host,
    port,
    pid: process.pid,
    output: log.output,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes an answer of the engine (CORS added); `drop` and `truncate` act the fault out. */
function send(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  if (answer.fault === "drop") {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = { ...answer.headers, ...corsHeaders(req) };
  // 204 has no content at all, and says no length (RFC 9110 §8.6).
  if (answer.status === 204) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  const body = answer.body ?? "";
  headers["content-length"] = String(Buffer.byteLength(body));
  res.writeHead(answer.status, headers);
  if (answer.fault === "truncate") {
    // Half of the body, then the connection closes: the client sees fewer bytes than content-length promised.
    const bytes = Buffer.from(body);
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    return;
  }
  res.end(req.method === "HEAD" ? undefined : body);
}

/** A CORS preflight: the path's methods (or the API's usual ones for a path of no operation). */
function preflight(req: IncomingMessage, res: ServerResponse, allowed: string[]): void {
  const asked = req.headers["access-control-request-headers"];
  res.writeHead(204, {
    ...corsHeaders(req),
    "access-control-allow-methods": (allowed.length ? allowed : ["GET", "HEAD", "OPTIONS"]).join(","),
    "access-control-allow-headers": isPrintable(asked, 2048) ? asked : "*",
    "access-control-max-age": "600",
  });
  res.end();
}

type ClientError = Error & { code?: string; rawPacket?: Buffer; bytesParsed?: number };

/** API Gateway's answer to a request it refuses before any API sees it (its `APIGW.0201` family). */
function gatewayAnswer(status: number, message: string): Answer {
  const id = requestIdFor(undefined);
  return {
    status,
    headers: { "content-type": "application/json", "x-request-id": id, connection: "close" },
    body: JSON.stringify({ error_code: "APIGW.0201", error_msg: message, request_id: id }),
    delayMs: 0,
  };
}

/** The same, written on a socket that has no request object (Node's parser refused it, or CONNECT). */
function answerSocket(socket: Duplex, answer: Answer): void {
  const body = answer.body ?? "";
  const headers = Object.entries({ ...answer.headers, "content-length": String(Buffer.byteLength(body)) });
  socket.end(
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n${body}`,
  );
  // The peer may keep the connection open or keep sending: it is closed a moment after the answer.
  setTimeout(() => socket.destroy(), 2_000).unref();
}

/**
 * What Node's parser refused before there was a request, answered as JSON (not Node's bare status line), then the
 * connection closes. Node reports an over-long request line and over-large headers alike (HPE_HEADER_OVERFLOW, their
 * sum past --max-http-header-size); it is the request line's (414) when the bytes parsed up to it hold no line end
 * yet. (Headers that trickle in small writes can be called 414 by that test; clients write a request head at once.)
 */
function answerClientError(error: ClientError, socket: Duplex, log: Log): void {
  // Node calls again for the bytes still arriving after the answer; the first answer stands.
  if (socket.writableEnded) return;
  // Node's own test (lib/_http_server.js): an answer already under way on this connection cannot be followed.
  const current = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (!socket.writable || error.code === "ECONNRESET" || current?.headersSent) {
    socket.destroy();
    return;
  }
  const parsed = error.rawPacket?.subarray(0, error.bytesParsed ?? error.rawPacket.length);
  const [status, message] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? parsed && !parsed.includes(0x0a)
        ? [414, "Request URI too large."]
        : [431, "Request headers too large."]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request timeout."]
        : error.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW"
          ? [413, "Request entity too large."]
          : [400, `Bad request: ${error.message.replace(/^Parse Error: /, "")}.`];
  answerSocket(socket, gatewayAnswer(status, message));
  if (log.info) log.say(`(unparsed request) → ${status} (${error.code ?? "?"})\n`);
}

/**
 * Where Node would answer on its own with a bare status line, or not at all, the mock answers JSON: an HTTP/1.1
 * request without Host (400), an Expect it cannot meet (417), CONNECT (400: no tunnels here; Node would close).
 */
function answerWhatNodeWould(server: Server): void {
  server.on("checkExpectation", (req: IncomingMessage, res: ServerResponse) =>
    send(req, res, gatewayAnswer(417, `Expectation failed: ${quote(String(req.headers.expect))} is not supported.`)),
  );
  server.on("connect", (_req: IncomingMessage, socket: Duplex) =>
    answerSocket(socket, gatewayAnswer(400, "Bad request: CONNECT is not served.")),
  );
}

/**
 * The path as Prism should read it. Prism matches paths with uri-template-lite, which splits a value at its commas
 * whatever the parameter's type (stoplightio/prism#2710, #2801): `/v1/a,b/…` would be a project_id array, "must be
 * string". A comma in a string parameter is sent to Prism as %2C, which it decodes to the same string.
 */
function prismPath(path: string, op: Operation): string {
  const values = op.pattern.exec(path)?.slice(1);
  if (!values?.some((v) => v.includes(","))) return path;
  let i = 0;
  return op.template.replace(/\{[^}]+\}/g, () => {
    const value = values[i] ?? "";
    return op.pathParameters[i++]?.type === "array" ? value : value.replaceAll(",", "%2C");
  });
}

/** The engine's 200 turned into the 400 Prism says it should be. */
function prismRejected(answer: Answer, violations: Violation[]): Answer {
  const { body, header } = rejection(answer.operation, violations);
  return { ...answer, status: 400, violations, body, headers: { ...answer.headers, "sl-violations": header } };
}
