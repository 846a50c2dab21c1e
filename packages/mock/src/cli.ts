#!/usr/bin/env node
/**
 * `pnpm mock` / `csbs-mock`: serve the CSBS spec with Prism until Ctrl-C or SIGTERM.
 *   --host H      (or CSBS_MOCK_HOST)  default 127.0.0.1
 *   --port N      (or CSBS_MOCK_PORT)  default 4010
 *   --dynamic     generate bodies from the schemas instead of the spec's examples (or CSBS_MOCK_DYNAMIC=1)
 *   --seed S      seed for --dynamic (default "csbs", or CSBS_MOCK_SEED), so runs repeat
 *   --log-level L Prism's log level: info (default, a line per request), warn, error, silent
 *   --no-strict   Prism alone: no 400 for empty values or non-decimal integers, no paging (see strict.ts)
 */
import { parseArgs } from "node:util";
import { DEFAULT_HOST, DEFAULT_PORT, type MockOptions, MockStartError, scenarios, startMock } from "./index.js";

const { values } = parseArgs({
  options: {
    host: { type: "string" },
    port: { type: "string" },
    dynamic: { type: "boolean", default: process.env.CSBS_MOCK_DYNAMIC === "1" },
    seed: { type: "string" },
    "log-level": { type: "string" },
    "no-strict": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(
    "usage: csbs-mock [--host 127.0.0.1] [--port 4010] [--dynamic] [--seed csbs] [--log-level info|warn|silent]",
  );
  process.exit(0);
}

const host = values.host ?? process.env.CSBS_MOCK_HOST ?? DEFAULT_HOST;
const portText = values.port ?? process.env.CSBS_MOCK_PORT ?? String(DEFAULT_PORT);
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`csbs-mock: --port must be an integer from 0 to 65535, got "${portText}"`);
  process.exit(2);
}

const seed = values.seed ?? process.env.CSBS_MOCK_SEED ?? "csbs";

// Handlers go in before Prism starts, so a Ctrl-C during start-up still stops it.
let stop: (() => Promise<void>) | undefined;
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  if (!stop) return; // still starting: stopped below, as soon as Prism is up
  await stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

try {
  const mock = await startMock({
    host,
    port,
    dynamic: values.dynamic,
    ...(values.dynamic ? { seed } : {}),
    stdio: "inherit",
    ...(values["log-level"] ? { logLevel: values["log-level"] as MockOptions["logLevel"] } : {}),
    strict: !values["no-strict"],
  });
  stop = () => mock.stop();
  if (stopping) {
    await mock.stop();
    process.exit(0);
  }
  const { examples, codes } = scenarios();
  const mode = values.dynamic ? `dynamic data, seed "${seed}"` : "the spec's examples";
  console.log(`\nCSBS mock listening on ${mock.url} (${mode})`);
  console.log(`  curl -H 'X-Auth-Token: any' ${mock.url}/v1/my-project/checkpoint_items`);
  console.log(`  scenarios: -H 'Prefer: example=NAME'   ${examples.join(", ")}`);
  console.log(`  errors:    -H 'Prefer: code=NNN'       ${codes.filter((c) => c !== "200").join(", ")}`);
  console.log("  generated: -H 'Prefer: dynamic=true'   (or start with --dynamic --seed S)");
} catch (error) {
  console.error(error instanceof MockStartError ? `csbs-mock: ${error.message}` : error);
  process.exit(1);
}
