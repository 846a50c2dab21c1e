/**
 * Serves what the build made: the Prism mock on 127.0.0.1:4010 and the docs page on 127.0.0.1:4000.
 *   tsx tools/src/serve.ts [--docs-only] [--mock-only]
 * Ports: CSBS_MOCK_PORT, CSBS_DOCS_PORT. Stops cleanly on Ctrl-C / SIGTERM.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { startMock } from "@csbs/mock";
import { repoRoot } from "@csbs/spec/validator";

export const docsFile = resolve(repoRoot, "packages/docs/dist/index.html");

/** A static server for the one-file docs page. */
export function serveDocs(port = 4000, host = "127.0.0.1"): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path !== "/" && path !== "/index.html") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    try {
      const html = await readFile(docsFile);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : html);
    } catch {
      res.writeHead(503, { "content-type": "text/plain" }).end("docs not built yet: run `pnpm build`\n");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { "docs-only": { type: "boolean" }, "mock-only": { type: "boolean" } } });
  const stops: (() => Promise<unknown>)[] = [];
  if (!values["docs-only"]) {
    const mock = await startMock({ port: Number(process.env.CSBS_MOCK_PORT ?? 4010), stdio: "inherit" });
    stops.push(() => mock.stop());
    console.log(`mock  ${mock.url}   (try: curl -H 'X-Auth-Token: any' ${mock.url}/v1/my-project/checkpoint_items)`);
  }
  if (!values["mock-only"]) {
    const docs = await serveDocs(Number(process.env.CSBS_DOCS_PORT ?? 4000));
    stops.push(() => new Promise((r) => docs.close(r)));
    console.log("docs  http://127.0.0.1:4000/");
  }
  const shutdown = async () => {
    await Promise.all(stops.map((stop) => stop()));
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}
