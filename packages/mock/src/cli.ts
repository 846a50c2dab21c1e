#!/usr/bin/env node
/**
 * `pnpm mock` / `csbs-mock`: serve the CSBS spec with Prism until Ctrl-C or SIGTERM.
 *   --host H      (or CSBS_MOCK_HOST)  default 127.0.0.1
 *   --port N      (or CSBS_MOCK_PORT)  default 4010
 *   --dynamic     generate bodies from the schemas instead of the spec's examples
 *   --seed S      seed for --dynamic (default "csbs"), so runs repeat
 */
import { parseArgs } from "node:util";
import { DEFAULT_HOST, DEFAULT_PORT, MockStartError, startMock } from "./index.js";

const { values } = parseArgs({
  options: {
    host: { type: "string" },
    port: { type: "string" },
    dynamic: { type: "boolean", default: false },
    seed: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log("usage: csbs-mock [--host 127.0.0.1] [--port 4010] [--dynamic] [--seed csbs]");
  process.exit(0);
}

const host = values.host ?? process.env.CSBS_MOCK_HOST ?? DEFAULT_HOST;
const portText = values.port ?? process.env.CSBS_MOCK_PORT ?? String(DEFAULT_PORT);
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`csbs-mock: --port must be an integer from 0 to 65535, got "${portText}"`);
  process.exit(2);
}

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
    ...(values.dynamic ? { seed: values.seed ?? "csbs" } : {}),
    stdio: "inherit",
  });
  stop = () => mock.stop();
  if (stopping) {
    await mock.stop();
    process.exit(0);
  }
  console.log(`\nCSBS mock listening on ${mock.url}`);
  console.log(`  curl -H 'X-Auth-Token: any' ${mock.url}/v1/my-project/checkpoint_items`);
} catch (error) {
  console.error(error instanceof MockStartError ? `csbs-mock: ${error.message}` : error);
  process.exit(1);
}
