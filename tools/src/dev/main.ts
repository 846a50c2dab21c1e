/**
 * `pnpm dev` (and `npm start`, `pnpm run docs`, `pnpm serve`): builds what is not built yet (turbo, cached), serves
 * the mock (its CLI) and the docs with live reload (packages/docs/scripts/serve-cli.ts), each a child process that dev
 * starts again when it dies, and rebuilds what each save touches (loop.ts). Ctrl-C, SIGTERM or SIGINT stop all of
 * it within 5 s.
 *
 *   node tools/src/dev/main.ts [--docs-only] [--no-watch]      (pnpm dev; pnpm run docs; pnpm serve)
 *   env: CSBS_MOCK_PORT (4010), CSBS_DOCS_PORT (4000), and the mock's other CSBS_MOCK_* settings
 *
 * Runs on Node's own TypeScript support: no tsx process in between, so signals reach it directly.
 *   watch.ts     saves (chokidar, content hashes)         rebuild.ts   lint, bundle, docs page, turbo builds
 *   server.ts    a server child, started again when it dies   processes.ts every child, in a group of its own
 *   loop.ts      when to build what, and what to serve     options.ts   flags, ports;  report.ts  failures
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { curlOf, currentModel } from "./curl.ts";
import { DevLoop } from "./loop.ts";
import { MockCopy } from "./mock-copy.ts";
import { busyPort, commandName, type DevOptions, HOST, helpText, inUse, readOptions } from "./options.ts";
import { Processes } from "./processes.ts";
import { Builds } from "./rebuild.ts";
import { complain, digest, red, say } from "./say.ts";
import { Server } from "./server.ts";
import { SaveWatcher } from "./watch.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const at = (path: string) => resolve(root, path);

/** The two servers, as child processes. */
function servers(
  options: DevOptions,
  processes: Processes,
  copy: MockCopy | undefined,
  failure: () => string | undefined,
) {
  const until = options.watching ? "it starts again on the next save" : `run ${options.command} again to start it`;
  const docs = new Server(
    {
      name: "docs",
      script: at("packages/docs/scripts/serve-cli.ts"),
      args: ["--port", String(options.docsPort), ...(options.watching ? ["--live-reload"] : [])],
      cwd: root,
      ready: /^docs\s+(http:\/\/\S+)/,
      // a save of the server restarts it
      fingerprint: () =>
        `${digest(at("packages/docs/scripts/serve.ts"))}${digest(at("packages/docs/scripts/serve-cli.ts"))}`,
      started: (server) => server.send({ reload: true, failure: failure() }),
      until,
    },
    processes,
    say,
  );
  if (options.mockPort === undefined || !copy) return { docs, mock: undefined };
  const mock = new Server(
    {
      name: "mock",
      // Its own CLI, with every CSBS_MOCK_* setting it reads (records, seed, latency, faults…); host and port: dev's.
      script: copy.script,
      args: ["--host", HOST, "--port", String(options.mockPort)],
      cwd: root,
      ready: /listening on (http:\/\/\S+)/,
      quiet: /^\s/, // its banner's curl and scenario lines: dev prints its own
      runnable: () => copy.ready,
      fingerprint: () => copy.fingerprint(),
      until,
      spare: true,
    },
    processes,
    say,
  );
  return { docs, mock };
}

/** How dev was started; ends the process on `--help` or on a mistake (one line). */
async function optionsOrExit(): Promise<DevOptions> {
  let options: DevOptions;
  try {
    options = readOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${commandName(process.env.npm_lifecycle_event)}: ${(error as Error).message}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(helpText);
    process.exit(0);
  }
  const busy = await busyPort(options);
  if (busy) {
    console.error(`${options.command}: ${busy}`);
    process.exit(2);
  }
  return options;
}

/** The one line for a server that refused to start at dev's start: its port named as dev names it, or its own line. */
function refusal(options: DevOptions, reason: { server: string; line: string }): string {
  if (!/EADDRINUSE|in use/.test(reason.line)) return reason.line;
  return reason.server === "mock"
    ? inUse(options.command, "CSBS_MOCK_PORT", options.mockPort ?? 4010)
    : inUse(options.command, "CSBS_DOCS_PORT", options.docsPort);
}

async function main(): Promise<void> {
  const options = await optionsOrExit();
  const processes = new Processes();
  const builds = new Builds(processes, root);
  const mockCopy = options.mockPort === undefined ? undefined : new MockCopy(at("packages/mock"));
  const { docs, mock } = servers(options, processes, mockCopy, () => loop.failure);
  const loop: DevLoop = new DevLoop({
    builds,
    docs,
    mock,
    mockCopy,
    watching: options.watching,
    docsOnly: options.docsOnly,
    hasPage: () => existsSync(at("packages/docs/dist/index.html")),
    curl: async (base) => {
      const model = await currentModel();
      return model && curlOf(model, base);
    },
    exit: (code, reason) => void shutdown(code, reason && refusal(options, reason)),
  });
  const watcher = options.watching
    ? new SaveWatcher(
        root,
        digest,
        (files) => loop.saved(files),
        (error) => complain(red(`✗ watching: ${error.message}`)),
      )
    : undefined;

  // Stopping: on SIGINT, SIGTERM, SIGHUP, or when the process that started dev is gone.
  let stopping = false;
  async function shutdown(code: number, reason?: string, signalled = false): Promise<void> {
    if (stopping) return;
    stopping = true;
    loop.stop();
    docs.close();
    mock?.close();
    if (reason) console.error(`${options.command}: ${reason}`);
    setTimeout(() => process.exit(code), 4_500).unref(); // whatever happens, gone within the 5 s a supervisor waits
    await Promise.allSettled([watcher?.close(), processes.stopAll(3_500)]);
    mockCopy?.remove();
    if (signalled) say("stopped");
    process.exit(code);
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => void shutdown(0, undefined, true));
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown(0), 1_000).unref();

  loop.kick();
}

await main();
