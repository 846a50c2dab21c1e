/**
 * The package's `serve` script, and the docs server `pnpm dev` runs as a child process: the built page on 127.0.0.1
 * until Ctrl-C or SIGTERM (see serve.ts).
 *
 *   node scripts/serve-cli.ts [--port 4000] [--live-reload]     (or CSBS_DOCS_PORT)
 *
 * With an IPC channel (dev's), `{ reload: true, failure?, id? }` reloads the page and every open one, then answers
 * `{ done: id }`. A wrong flag, port or
 * busy port is one line and exit code 2.
 */
import { parseArgs } from "node:util";
import { parsePort, serveDocs } from "./serve.ts";

const fail = (line: string): never => {
  console.error(`docs serve: ${line}`);
  process.exit(2);
};
let port = 4000;
let liveReload = false;
try {
  const { values } = parseArgs({ options: { port: { type: "string" }, "live-reload": { type: "boolean" } } });
  liveReload = values["live-reload"] === true;
  if (values.port !== undefined) port = parsePort(values.port, "--port");
  else if (process.env.CSBS_DOCS_PORT !== undefined) port = parsePort(process.env.CSBS_DOCS_PORT, "CSBS_DOCS_PORT");
} catch (error) {
  fail(`${(error as Error).message.split(". ")[0]} (valid: --port N, or CSBS_DOCS_PORT; --live-reload)`);
}
const docs = await serveDocs({ port, liveReload }).catch((error: NodeJS.ErrnoException) =>
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
// Dev waits for `{ done: id }` before it says the page is rebuilt: a request after that gets the new page.
process.on("message", async (message: { reload?: boolean; failure?: string; id?: number }) => {
  if (message?.reload) await docs.reload(message.failure);
  if (message?.id !== undefined) process.send?.({ done: message.id });
});
