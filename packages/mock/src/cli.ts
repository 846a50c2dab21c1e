#!/usr/bin/env node
/**
 * `pnpm mock` / `csbs-mock`: serve the CSBS mock until Ctrl-C or SIGTERM. Every setting has a flag and an environment
 * variable (settings.ts); the flag wins. A mistake is one line on stderr and exit code 2 (1 when the port cannot be
 * opened); no stack trace.
 */
import { parseArgs } from "node:util";
import type { MockServer } from "./index.js";
import { MockConfigError, type MockSettings, readSettings, SETTINGS } from "./settings.js";

// Prism (@stoplight/prism-http) declares Node >= 24.18 and is an optional dependency: npm and pnpm skip it on older
// Node, where only the MSW handlers (@csbs/mock/msw) are supported. Checked before anything imports it, so the answer
// is this line rather than a module-not-found stack.
const PRISM_NODE = "24.18.0";
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
const [floorMajor = 0, floorMinor = 0] = PRISM_NODE.split(".").map(Number);
if (major < floorMajor || (major === floorMajor && minor < floorMinor)) {
  process.stderr.write(
    `csbs-mock: the mock process needs Node.js >= ${PRISM_NODE} (Prism's), this is ${process.version}; on older Node use @csbs/mock/msw\n`,
  );
  process.exit(1);
}
const { MockStartError, scenarios, startMock } = await import("./index.js");

const FLAGS = {
  ...SETTINGS,
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
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") fail(`option ${name.split(" ")[0] ?? ""} needs a value`);
  if (e.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") fail(`unexpected argument ${name}; valid: ${flagList}`);
  fail(e.message.split("\n")[0] ?? "invalid arguments");
}

if (values.help) {
  const lines = Object.entries(FLAGS).map(
    ([name, f]) => `  --${name.padEnd(11)} ${f.help}${f.env ? `  [${f.env}]` : ""}`,
  );
  process.stdout.write(`${["usage: csbs-mock [options]", ...lines].join("\n")}\n`, () => process.exit(0));
  await new Promise(() => {}); // exits once the help is written
}

let settings: MockSettings;
try {
  settings = readSettings(values, process.env);
} catch (error) {
  settings = fail(error instanceof MockConfigError ? error.message : String(error));
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
  mock = await startMock({ ...settings, prism: !values["no-prism"] });
} catch (error) {
  fail(error instanceof MockStartError ? error.message : (String((error as Error).message).split("\n")[0] ?? ""), 1);
}
if (stopping) await mock?.stop();
else if (mock) {
  const { paths, examples, codes, faults } = scenarios();
  const mode = settings.examples ? "the spec's examples" : `${settings.records} backups, seed "${settings.seed}"`;
  console.log(
    `CSBS mock listening on ${mock.url} (${mode}; ${values["no-prism"] ? "Prism validation off" : "Prism validates every request"})`,
  );
  for (const path of paths) {
    console.log(`  curl -H 'X-Auth-Token: any' '${mock.url}${path.replace(/\{[^}]+\}/g, "my-project")}'`);
  }
  console.log(`  scenarios: -H 'Prefer: example=NAME'   ${examples.join(", ")}`);
  console.log(`  errors:    -H 'Prefer: code=NNN'       ${codes.filter((c) => c !== "200").join(", ")}`);
  console.log(`  faults:    -H 'Prefer: fault=F'        ${faults.join(", ")}   delay: -H 'Prefer: delay=500'`);
}
