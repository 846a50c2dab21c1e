/**
 * The package's `serve` script: the built page on 127.0.0.1 until Ctrl-C or SIGTERM (see serve.ts).
 *
 *   node scripts/serve-cli.ts [--port 4000]     (or CSBS_DOCS_PORT)
 *
 * A wrong flag, port or busy port is one line and exit code 2.
 */
import { parseArgs } from "node:util";
import { parsePort, serveDocs } from "./serve.ts";

const fail = (line: string): never => {
  console.error(`docs serve: ${line}`);
  process.exit(2);
};
let port = 4000;
try {
  const { values } = parseArgs({ options: { port: { type: "string" } } });
  if (values.port !== undefined) port = parsePort(values.port, "--port");
  else if (process.env.CSBS_DOCS_PORT !== undefined) port = parsePort(process.env.CSBS_DOCS_PORT, "CSBS_DOCS_PORT");
} catch (error) {
  fail(`${(error as Error).message.split(". ")[0]} (valid: --port N, or CSBS_DOCS_PORT)`);
}
const docs = await serveDocs({ port }).catch((error: NodeJS.ErrnoException) =>
  fail(
    error.code === "EADDRINUSE"
      ? `port ${port} is in use on 127.0.0.1; pick another: --port ${port + 1} (or CSBS_DOCS_PORT)`
      : `cannot listen on 127.0.0.1:${port}: ${error.message}`,
  ),
);
console.log(`docs  http://127.0.0.1:${docs.port}/`);
const stop = () => docs.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
