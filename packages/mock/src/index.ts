/**
 * @csbs/mock: the Prism mock of the CSBS API, served from the bundled spec that ships in this package.
 *
 * Prism runs as a child process (Node running Prism's own CLI entry), so stopping the mock is stopping one PID.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { connect, createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
}

export interface MockServer {
  /** Base URL, e.g. http://127.0.0.1:4010 */
  readonly url: string;
  readonly host: string;
  readonly port: number;
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
  const port = options.port === 0 ? await freePort(host) : (options.port ?? DEFAULT_PORT);
  const args = [prismEntry(), "mock", specPath, "--host", host, "--port", String(port)];
  // fillProperties false: json-schema-faker adds no property the spec does not list.
  if (options.dynamic) args.push("--dynamic", "--json-schema-faker-fillProperties", "false");
  if (options.seed !== undefined) args.push("--seed", options.seed);

  const inherit = options.stdio === "inherit";
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: inherit ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-65_536);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const server: MockServer = {
    url,
    host,
    port,
    pid: child.pid ?? -1,
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };

  try {
    await waitUntilListening(host, port, child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await server.stop();
    throw new MockStartError(`${(error as Error).message}${log ? `\nPrism said:\n${log.slice(-2_000)}` : ""}`);
  }
  return server;
}

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
