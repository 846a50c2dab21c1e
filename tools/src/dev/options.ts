/**
 * How `pnpm dev` was started: its flags, its ports, and whether those ports are free. Every mistake is one line that
 * names the flag or the variable (`UsageError`). Functions only: no state.
 */
import { createServer } from "node:net";
import { parseArgs } from "node:util";

export const HOST = "127.0.0.1";

export interface DevOptions {
  /** How the person started it (`pnpm dev`, `npm start`…), to name it in messages. */
  command: string;
  help: boolean;
  docsOnly: boolean;
  watching: boolean;
  docsPort: number;
  /** Undefined with `--docs-only`. */
  mockPort: number | undefined;
}

export class UsageError extends Error {
  override name = "UsageError";
}

export const helpText = `usage: pnpm dev [--docs-only] [--no-watch]
  build, serve the mock (:4010) and the docs (:4000), rebuild what a save touches
  --docs-only   the docs only (pnpm run docs)      --no-watch   build and serve, no watching (pnpm serve)
env: CSBS_MOCK_PORT (4010), CSBS_DOCS_PORT (4000); CSBS_MOCK_RECORDS, _SEED, _LATENCY, _FAULT_RATE, _LOG_LEVEL as for pnpm mock`;

const VALID = "--docs-only, --no-watch, --help";

/** The command as the person typed it, from npm's and pnpm's `npm_lifecycle_event`. */
export function commandName(event: string | undefined): string {
  if (event === "start") return "npm start";
  if (event === "docs") return "pnpm run docs";
  return `pnpm ${event ?? "dev"}`;
}

/** A port number from a variable, or the one line that says what is wrong with it. */
export function parsePort(text: string, name: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) {
    throw new UsageError(`${name} must be a port number from 0 to 65535, got "${text}"`);
  }
  return Number(text);
}

export function readOptions(argv: string[], env: Record<string, string | undefined>): DevOptions {
  let flags: { "docs-only"?: boolean; "no-watch"?: boolean; help?: boolean };
  try {
    flags = parseArgs({
      args: argv,
      options: {
        "docs-only": { type: "boolean" },
        "no-watch": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split(". ")[0]}; valid options: ${VALID}`);
  }
  const docsOnly = flags["docs-only"] === true;
  const port = (name: string, fallback: number) => {
    const text = env[name];
    return text === undefined ? fallback : parsePort(text, name);
  };
  const docsPort = port("CSBS_DOCS_PORT", 4000);
  const mockPort = docsOnly ? undefined : port("CSBS_MOCK_PORT", 4010);
  if (mockPort !== undefined && mockPort === docsPort && mockPort !== 0) {
    throw new UsageError(`CSBS_MOCK_PORT and CSBS_DOCS_PORT are both ${mockPort}; pick two different ports`);
  }
  return {
    command: commandName(env.npm_lifecycle_event),
    help: flags.help === true,
    docsOnly,
    watching: flags["no-watch"] !== true,
    docsPort,
    mockPort,
  };
}

/** The line for a port that is taken, and how to pick another. */
export const inUse = (command: string, name: string, port: number): string =>
  `port ${port} (${name}) is in use on ${HOST}: stop what listens there, or pick another: ${name}=${port + 1} ${command}`;

/** The first port of dev's that cannot be listened on, as its one line; undefined when both are free. */
export async function busyPort(options: DevOptions): Promise<string | undefined> {
  const ports: [string, number | undefined][] = [
    ["CSBS_DOCS_PORT", options.docsPort],
    ["CSBS_MOCK_PORT", options.mockPort],
  ];
  for (const [name, port] of ports) {
    if (port === undefined || port === 0) continue;
    const error = await new Promise<NodeJS.ErrnoException | undefined>((done) => {
      const probe = createServer().once("error", done);
      probe.listen(port, HOST, () => probe.close(() => done(undefined)));
    });
    if (error?.code === "EADDRINUSE") return inUse(options.command, name, port);
    if (error) return `cannot listen on ${HOST}:${port} (${name}): ${error.code}`;
  }
  return undefined;
}
