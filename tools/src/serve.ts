/**
 * Serves what the build made: the Prism mock on 127.0.0.1:4010 and the docs page on 127.0.0.1:4000.
 *   tsx tools/src/serve.ts [--docs-only] [--mock-only]
 * Ports: CSBS_MOCK_PORT, CSBS_DOCS_PORT. Stops cleanly on Ctrl-C / SIGTERM.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { startMock } from "@csbs/mock";
import { repoRoot } from "@csbs/spec/validator";

export const docsFile = resolve(repoRoot, "packages/docs/dist/index.html");

export interface DocsServer extends Server {
  /** With `liveReload`: tells every open page to reload (after a rebuild). */
  reload(): void;
}

/**
 * A static server for the one-file docs page. With `liveReload`, pages it serves get a small script that listens on
 * /__reload (server-sent events, same origin) and reloads when `reload()` is called: `pnpm dev` and `pnpm docs`
 * call it after each rebuild.
 */
export function serveDocs(
  port = 4000,
  host = "127.0.0.1",
  options: { liveReload?: boolean } = {},
): Promise<DocsServer> {
  const listeners = new Set<ServerResponse>();
  const script =
    '<script>new EventSource("/__reload").addEventListener("reload", function () { location.reload(); });</script>';
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (options.liveReload && path === "/__reload") {
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        connection: "keep-alive",
      });
      res.write(": connected\n\n");
      listeners.add(res);
      req.on("close", () => listeners.delete(res));
      return;
    }
    if (path !== "/" && path !== "/index.html") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    try {
      let html: string | Buffer = await readFile(docsFile);
      if (options.liveReload) {
        const text = html.toString("utf8");
        const end = text.lastIndexOf("</body>");
        html = end < 0 ? text + script : text.slice(0, end) + script + text.slice(end);
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : html);
    } catch {
      res.writeHead(503, { "content-type": "text/plain" }).end("docs not built yet: run `pnpm build`\n");
    }
  }) as DocsServer;
  server.reload = () => {
    for (const res of listeners) res.write("event: reload\ndata: {}\n\n");
  };
  const close = server.close.bind(server);
  server.close = (callback?: (error?: Error) => void) => {
    for (const res of listeners) res.end();
    listeners.clear();
    const result = close(callback);
    server.closeAllConnections(); // browsers keep idle connections open: do not wait for them
    return result;
  };
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
    console.log(`docs  http://127.0.0.1:${Number(process.env.CSBS_DOCS_PORT ?? 4000)}/`);
  }
  const shutdown = async () => {
    await Promise.all(stops.map((stop) => stop()));
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}
