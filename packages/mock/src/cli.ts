#!/usr/bin/env node
/**
 * `pnpm mock` / `csbs-mock`: serve the CSBS mock until Ctrl-C or SIGTERM. Every flag has an environment variable;
 * the flag wins. A mistake is one line on stderr and exit code 2 (1 when the port cannot be opened).
 */
import { parseArgs } from "node:util";
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_RECORDS,
  DEFAULT_SEED,
  MAX_RECORDS,
  type MockServer,
  MockStartError,
  scenarios,
  startMock,
} from "./index.js";

const FLAGS = {
  host: { type: "string", env: "CSBS_MOCK_HOST", help: `interface to listen on (default ${DEFAULT_HOST})` },
  port: { type: "string", env: "CSBS_MOCK_PORT", help: `port, 0 for any free one (default ${DEFAULT_PORT})` },
  records: {
    type: "string",
    env: "CSBS_MOCK_RECORDS",
    help: `backups in the data set, 1-${MAX_RECORDS} (default ${DEFAULT_RECORDS})`,
  },
  seed: { type: "string", env: "CSBS_MOCK_SEED", help: `seed of the data set (default "${DEFAULT_SEED}")` },
  latency: { type: "string", env: "CSBS_MOCK_LATENCY", help: "delay of every answer in ms: 200, or a range 100-800" },
  "fault-rate": {
    type: "string",
    env: "CSBS_MOCK_FAULT_RATE",
    help: "share of requests answered with a random fault, 0-1",
  },
  examples: {
    type: "boolean",
    env: "CSBS_MOCK_EXAMPLES",
    help: "answer the spec's first example instead of the data set",
  },
  "log-level": {
    type: "string",
    env: "CSBS_MOCK_LOG_LEVEL",
    help: "info (a line per request, default), warn or silent",
  },
  "no-prism": { type: "boolean", env: undefined, help: "skip Prism's request validation (benchmarks only)" },
  help: { type: "boolean", env: undefined, help: "print this help" },
} as const;

const fail = (message: string, code = 2): never => {
  process.stderr.write(`csbs-mock: ${message}\n`);
  process.exit(code);
};
const flagList = Object.keys(FLAGS)
  .map((f) => `--${f}`)
  .join(", ");

let values: Record<string, string | boolean | undefined> = {};
try {
  ({ values } = parseArgs({
    options: Object.fromEntries(Object.entries(FLAGS).map(([name, f]) => [name, { type: f.type }])),
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  const e = error as { code?: string; message: string };
  const name = /'([^']+)'/.exec(e.message)?.[1] ?? "";
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") fail(`unknown option ${name || e.message}; valid: ${flagList}`);
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    fail(`option ${name.split(" ")[0] || ""} needs a value`.replace("  ", " "));
  if (e.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
    fail(`unexpected argument ${name}; valid options: ${flagList}`);
  fail(e.message.split("\n")[0] ?? "invalid arguments");
}

if (values.help) {
  const lines = Object.entries(FLAGS).map(
    ([name, f]) => `  --${name.padEnd(11)} ${f.help}${f.env ? `  [${f.env}]` : ""}`,
  );
  console.log(["usage: csbs-mock [options]", ...lines].join("\n"));
  process.exit(0);
}

/** A setting's text and where it came from, for the error line ("--port" or "CSBS_MOCK_PORT"). */
const setting = (name: keyof typeof FLAGS): { text: string | undefined; from: string } => {
  const flag = values[name];
  if (typeof flag === "string") return { text: flag, from: `--${name}` };
  const env = FLAGS[name].env;
  const fromEnv = env ? process.env[env] : undefined;
  return { text: fromEnv === "" ? undefined : fromEnv, from: env ?? `--${name}` };
};
const integer = (name: keyof typeof FLAGS, min: number, max: number, fallback: number): number => {
  const { text, from } = setting(name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    fail(`${from} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
};
const flagOn = (name: "examples"): boolean => {
  if (values[name]) return true;
  const v = process.env[FLAGS[name].env];
  if (v === undefined || v === "" || v === "0" || v === "false") return false;
  if (v === "1" || v === "true") return true;
  return fail(`${FLAGS[name].env} must be 1 or 0, got "${v}"`);
};

const host = setting("host").text ?? DEFAULT_HOST;
const port = integer("port", 0, 65_535, DEFAULT_PORT);
const records = integer("records", 1, MAX_RECORDS, DEFAULT_RECORDS);
const seed = setting("seed").text ?? DEFAULT_SEED;
let latency: number | [number, number] | undefined;
{
  const { text, from } = setting("latency");
  if (text !== undefined) {
    const m = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(text);
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) {
      fail(`${from} must be milliseconds (200) or a range (100-800), got "${text}"`);
    }
    latency = m?.[2] === undefined ? Number(m?.[1]) : [Number(m[1]), Number(m[2])];
  }
}
let faultRate = 0;
{
  const { text, from } = setting("fault-rate");
  if (text !== undefined) {
    if (!/^(0|1|0?\.\d+|1\.0*)$/.test(text))
      fail(`${from} must be a number from 0 to 1 (0.1 = one request in ten), got "${text}"`);
    faultRate = Number(text);
  }
}
const logLevel = setting("log-level");
if (logLevel.text !== undefined && !["info", "warn", "silent"].includes(logLevel.text)) {
  fail(`${logLevel.from} must be info, warn or silent, got "${logLevel.text}"`);
}

// Handlers go in before anything starts: a signal during start-up stops the process too.
let mock: MockServer | undefined;
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 3_000).unref(); // never hang on a stuck connection
  await mock?.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

try {
  mock = await startMock({
    host,
    port,
    records,
    seed,
    faultRate,
    ...(latency !== undefined ? { latency } : {}),
    examples: flagOn("examples"),
    logLevel: (logLevel.text as "info" | "warn" | "silent" | undefined) ?? "info",
    prism: !values["no-prism"],
  });
} catch (error) {
  fail(
    error instanceof MockStartError ? error.message : (String((error as Error).message ?? error).split("\n")[0] ?? ""),
    1,
  );
}
if (stopping) await mock?.stop();
else if (mock) {
  const { paths, examples, codes, faults } = scenarios();
  const mode = flagOn("examples") ? "the spec's examples" : `${records} backups, seed "${seed}"`;
  console.log(`CSBS mock listening on ${mock.url} (${mode}; Prism validates every request)`);
  for (const path of paths) {
    console.log(`  curl -H 'X-Auth-Token: any' '${mock.url}${path.replace(/\{[^}]+\}/g, "my-project")}'`);
  }
  console.log(`  scenarios: -H 'Prefer: example=NAME'   ${examples.join(", ")}`);
  console.log(`  errors:    -H 'Prefer: code=NNN'       ${codes.filter((c) => c !== "200").join(", ")}`);
  console.log(`  faults:    -H 'Prefer: fault=F'        ${faults.join(", ")}   delay: -H 'Prefer: delay=500'`);
}
