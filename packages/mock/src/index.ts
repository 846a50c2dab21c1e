/**
 * @csbs/mock: a mock of the CSBS API that behaves like the service, served from the bundled spec in this package.
 *
 * One node:http server, one process. Each request is answered by the data engine (engine.ts: the spec's filters, sort
 * and paging over a seeded data set, its examples, errors and faults) and validated by Prism's own request validator
 * (@stoplight/prism-http, in-process): a query Prism rejects is answered 400 even if the engine let it through. The
 * port is opened only once everything is ready, so nothing that connects ever sees a half-started mock.
 */
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { type Answer, createEngine, type Engine, type EngineOptions, type Violation } from "./engine.js";
import { prismValidator } from "./prism.js";
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
  /** One line per request on stdout ("info"), or none ("warn", the default for the API; the CLI logs at "info"). */
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
  /** The request lines logged so far (the last 500). */
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

const corsHeaders = (req: IncomingMessage): Record<string, string> => {
  const origin = req.headers.origin;
  return {
    "access-control-allow-origin": origin ?? "*",
    ...(origin ? { "access-control-allow-credentials": "true", vary: "origin" } : {}),
    "access-control-expose-headers": "*",
  };
};

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
  const log: string[] = []; // the last 500 request lines
  const info = (options.logLevel ?? (options.stdio === "inherit" ? "info" : "silent")) === "info";
  // Request lines are written in batches: one write per tick instead of one per request.
  let pending = "";
  const flush = () => {
    if (pending) process.stdout.write(pending);
    pending = "";
  };
  const say = (line: string) => {
    log.push(line);
    if (log.length > 500) log.splice(0, log.length - 500);
    if (!info) return;
    if (!pending) setImmediate(flush);
    pending += line;
  };

  const send = (req: IncomingMessage, res: ServerResponse, answer: Answer) => {
    if (answer.fault === "drop") {
      req.socket.destroy();
      return;
    }
    const body = answer.body ?? "";
    const headers: Record<string, string> = { ...answer.headers, ...corsHeaders(req) };
    if (answer.violations?.length) headers["sl-violations"] = JSON.stringify(answer.violations);
    headers["content-length"] = String(Buffer.byteLength(body));
    res.writeHead(answer.status, headers);
    if (answer.fault === "truncate") {
      // Half of the body, then the connection closes: the client sees fewer bytes than content-length promised.
      const bytes = Buffer.from(body);
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
      return;
    }
    res.end(req.method === "HEAD" ? undefined : body);
  };

  const server = createHttpServer((req, res) => {
    const started = Date.now();
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
      res.writeHead(204, {
        ...corsHeaders(req),
        "access-control-allow-methods": "GET,HEAD,OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
        "access-control-max-age": "600",
        "content-length": "0",
      });
      res.end();
      return;
    }
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? "" : url.slice(q + 1);
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(", ") : v;
    };
    let answer = engine.handle({ method: req.method ?? "GET", path, query: rawQuery, header });
    const finish = () => {
      if (info) say(`${req.method} ${url} → ${answer.fault ?? answer.status} (${Date.now() - started} ms)\n`);
      send(req, res, answer);
    };
    const respond = () => (answer.delayMs > 0 ? setTimeout(finish, answer.delayMs) : finish());
    // Prism checks what the engine accepted: the spec's validator of record has the last word on a request.
    if (validate && answer.status >= 200 && answer.status < 300 && answer.operation) {
      validate(req.method ?? "GET", path, rawQuery, req.headers).then(
        (violations: Violation[]) => {
          if (violations.length > 0) answer = prismRejected(answer, violations);
          respond();
        },
        () => respond(),
      );
      return;
    }
    respond();
  });
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
    output: () => log.join(""),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The engine's 200 turned into the 400 Prism says it should be. */
function prismRejected(answer: Answer, violations: Violation[]): Answer {
  const op = answer.operation;
  const body = (op?.errors["400"] as object) ?? { error_code: "CSBS.9001" };
  return {
    ...answer,
    status: 400,
    violations,
    body: JSON.stringify({
      ...body,
      error_msg: `Invalid request parameters: ${violations.map((v) => v.message).join("; ")}.`,
    }),
  };
}
