/**
 * @csbs/mock: the Prism mock of the CSBS API, served from the bundled spec that ships in this package.
 *
 * Prism runs as a child process (Node running Prism's own CLI entry) on a private loopback port. In front of it, on
 * the public port, a small node:http proxy answers 400 for the malformed queries Prism lets through (empty values,
 * integers like `1e3`, see strict.ts) and passes everything else on untouched. `stop()` stops both.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, createServer as createHttpServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { connect, createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pageOf, queryParameters, queryViolations } from "./strict.js";

// The OpenAPI document is walked as plain JSON.
// biome-ignore lint/suspicious/noExplicitAny: a JSON tree
type Json = any;

export { type QueryParameter, queryParameters, queryViolations, type Violation } from "./strict.js";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 4010;

/** The bundled OpenAPI document that the mock serves (from src/ in tests, from dist/ once built). */
export const specPath: string = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));

export interface MockOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port to listen on. Default 4010; 0 picks a free port. */
  port?: number;
  /** Generate bodies from the schemas (json-schema-faker) instead of answering the spec's examples. */
  dynamic?: boolean;
  /** Seed for dynamic mode: the same seed gives the same bodies. */
  seed?: string;
  /** Where Prism's own log lines go. Default: kept in memory, see `MockServer.output()`. */
  stdio?: "inherit" | "pipe";
  /** How long to wait for Prism to listen, in ms. Default 30 000. */
  startTimeoutMs?: number;
  /** Prism's log level: one line per request and its checks at "info" (the default), quieter at "warn". */
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
  /**
   * Answer 400 for the malformed queries Prism accepts (empty values, non-decimal integers). Default true; false
   * serves Prism as it is, on the public port.
   */
  strict?: boolean;
}

export interface MockServer {
  /** Base URL, e.g. http://127.0.0.1:4010 */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The PID of the Prism process. */
  readonly pid: number;
  /** What Prism printed so far (piped mode only; the last 64 KiB). */
  output(): string;
  /** Stops Prism (SIGTERM, then SIGKILL after 5 s) and resolves when it has exited. */
  stop(): Promise<void>;
}

export class MockStartError extends Error {
  override name = "MockStartError";
}

const prismEntry = (): string => {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = require(pkgJson) as { bin: { prism: string } };
  return join(dirname(pkgJson), bin.prism);
};

/**
 * Loaded into Prism's process: it exits when its parent is gone (reparented), so even a parent killed with SIGKILL
 * leaves no orphan Prism holding the port.
 */
const WATCHDOG = `--import=data:text/javascript,${encodeURIComponent(
  "const p=process.ppid;setInterval(()=>{if(process.ppid!==p)process.exit(0)},500).unref();",
)}`;

/** What `Prefer` can select on the mock: the 200 answer's named examples and the documented statuses. */
export function scenarios(): { examples: string[]; codes: string[] } {
  const doc = JSON.parse(readFileSync(specPath, "utf8"));
  const op = doc.paths["/v1/{project_id}/checkpoint_items"].get;
  return {
    examples: Object.keys(op.responses["200"]?.content?.["application/json"]?.examples ?? {}),
    codes: Object.keys(op.responses),
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

/** Starts Prism serving the CSBS spec and resolves once it accepts requests. */
export async function startMock(options: MockOptions = {}): Promise<MockServer> {
  const host = options.host ?? DEFAULT_HOST;
  const strict = options.strict ?? true;
  // Strict: Prism listens on a private loopback port and the proxy on the public one.
  const prismHost = strict ? DEFAULT_HOST : host;
  const prismPort = strict || options.port === 0 ? await freePort(prismHost) : (options.port ?? DEFAULT_PORT);
  const args = [WATCHDOG, prismEntry(), "mock", specPath, "--host", prismHost, "--port", String(prismPort)];
  // fillProperties false: json-schema-faker adds no property the spec does not list.
  if (options.dynamic) args.push("--dynamic", "--json-schema-faker-fillProperties", "false");
  if (options.seed !== undefined) args.push("--seed", options.seed);
  if (options.logLevel) args.push("--verboseLevel", options.logLevel);

  // The proxy listens first: a busy port fails before Prism starts, and Prism's log can name the public address.
  let port = prismPort;
  let stopProxy = async () => {};
  if (strict) {
    try {
      const proxy = await startStrictProxy(host, options.port ?? DEFAULT_PORT, prismHost, prismPort);
      port = proxy.port;
      stopProxy = proxy.stop;
    } catch (error) {
      throw new MockStartError(`cannot listen on ${host}:${options.port ?? DEFAULT_PORT}: ${(error as Error).message}`);
    }
  }
  const authority = `${host.includes(":") ? `[${host}]` : host}:${port}`;

  const inherit = options.stdio === "inherit";
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  let log = "";
  const keep = (to: NodeJS.WriteStream) => (chunk: Buffer) => {
    // Prism names its own (private) port; the user should see the one they can call.
    const text = chunk.toString().replaceAll(`${prismHost}:${prismPort}`, authority);
    log = (log + text).slice(-65_536);
    if (inherit) to.write(text);
  };
  child.stdout?.on("data", keep(process.stdout));
  child.stderr?.on("data", keep(process.stderr));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stopPrism = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitUntilListening(prismHost, prismPort, child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await Promise.all([stopProxy(), stopPrism()]);
    throw new MockStartError(`${(error as Error).message}${log ? `\nPrism said:\n${log.slice(-2_000)}` : ""}`);
  }

  return {
    url: `http://${authority}`,
    host,
    port,
    pid: child.pid ?? -1,
    output: () => log,
    async stop() {
      await Promise.all([stopProxy(), stopPrism()]);
    },
  };
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"]);

/** The proxy in front of Prism: 400 for what strict.ts finds, everything else passed through. */
async function startStrictProxy(
  host: string,
  port: number,
  prismHost: string,
  prismPort: number,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const doc = JSON.parse(readFileSync(specPath, "utf8"));
  const routes = queryParameters(doc);
  const badRequest = JSON.stringify(
    firstExample(doc.components?.responses?.BadRequest) ?? { error_msg: "Bad Request" },
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });

  const reject = (req: IncomingMessage, res: ServerResponse, violations: unknown[]) => {
    const origin = req.headers.origin;
    res.writeHead(400, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(badRequest),
      "sl-violations": JSON.stringify(violations),
      "access-control-allow-origin": origin ?? "*",
      ...(origin ? { "access-control-allow-credentials": "true", vary: "origin" } : {}),
      "access-control-expose-headers": "*",
    });
    res.end(badRequest);
  };

  /** `rawQuery` is set for the list operation: its 200 answers are paged (strict.ts `pageOf`). */
  const forward = (req: IncomingMessage, res: ServerResponse, rawQuery?: string, retried = false) => {
    const upstream = request(
      { host: prismHost, port: prismPort, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        const headers: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
        }
        const json = String(answer.headers["content-type"] ?? "").includes("json");
        if (rawQuery === undefined || answer.statusCode !== 200 || !json || req.method !== "GET") {
          res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          let body = Buffer.concat(chunks);
          try {
            const paged = pageOf(JSON.parse(body.toString("utf8")), rawQuery);
            if (paged !== undefined) body = Buffer.from(JSON.stringify(paged));
          } catch {
            // not JSON after all: pass it on as it came
          }
          headers["content-length"] = String(body.length);
          res.writeHead(200, answer.statusMessage, headers);
          res.end(body);
        });
      },
    );
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      // A kept-alive socket that Prism closed just as it was reused: send the (bodiless) request again, once.
      const bodiless = req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS";
      if (!retried && bodiless && upstream.reusedSocket && error.code === "ECONNRESET" && !res.headersSent) {
        forward(req, res, rawQuery, true);
        return;
      }
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { "content-type": "text/plain" }).end(`mock: Prism did not answer (${error.message})\n`);
    });
    // GET, HEAD and OPTIONS carry no body here, so they can be sent again; anything else streams its body through.
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") upstream.end();
    else req.pipe(upstream);
  };

  const server = createHttpServer((req, res) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const hasCredentials = Boolean(req.headers["x-auth-token"] || req.headers.authorization);
    // Without credentials Prism answers 401 first, as API Gateway does; with them, query errors come before the rest.
    if (req.method === "GET" && q >= 0 && hasCredentials) {
      const pathname = url.slice(0, q);
      const route = routes.find((r) => r.path.test(pathname));
      const violations = route ? queryViolations(url.slice(q + 1), route.parameters) : [];
      if (violations.length > 0) return reject(req, res, violations);
      if (route) return forward(req, res, url.slice(q + 1));
    }
    forward(req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

const firstExample = (response: Json): unknown => {
  const examples = response?.content?.["application/json"]?.examples ?? {};
  const first: Json = Object.values(examples)[0];
  return first?.value;
};

/** Polls until Prism accepts TCP connections; fails early if the process exits. */
async function waitUntilListening(host: string, port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited with code ${child.exitCode} before listening`);
    // A bare TCP connect, not an HTTP request, so Prism's log stays free of probe noise.
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Prism did not listen on ${host}:${port} within ${timeoutMs} ms`);
}
