/**
 * Serves the built page (dist/index.html) on 127.0.0.1, optionally with live reload: `pnpm dev` and `pnpm run docs`
 * call `reload()` after each rebuild and every open page reloads itself.
 *
 *   node scripts/serve-cli.ts [--port 4000] [--live-reload]     (or CSBS_DOCS_PORT; the package's `serve` script)
 *
 * `pnpm dev` (tools/src/dev) runs it as a child process with `--live-reload` and an IPC channel, and sends it
 * `{ reload: true, failure? }` after each build: `failure` is what the page at / says while there is no page.
 *
 * The page is read into memory at start and on `reload()`, so a build writing dist/ meanwhile is never served half.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";

export const docsFile: string = fileURLToPath(new URL("../dist/index.html", import.meta.url));

export interface DocsServer {
  readonly server: Server;
  /** The port it listens on (useful with port 0). */
  readonly port: number;
  /**
   * Reads the page again and, with `liveReload`, tells every open page to reload. `failure`: why there is no page
   * (a failed build), said instead of "not built yet" while there is none.
   */
  reload(failure?: string): Promise<void>;
  close(): Promise<void>;
}

/** A port number from a flag or an environment variable, or the one line that says what is wrong with it. */
export function parsePort(text: string, name: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) {
    throw new Error(`${name} must be a port number from 0 to 65535, got "${text}"`);
  }
  return Number(text);
}

const hook =
  '<script>new EventSource("/__reload").addEventListener("reload", function () { location.reload(); });</script>';

/** Starts serving; rejects (EADDRINUSE, …) if it cannot listen. */
export async function serveDocs(
  options: { port?: number; host?: string; liveReload?: boolean; file?: string } = {},
): Promise<DocsServer> {
  const { port = 4000, host = "127.0.0.1", liveReload = false, file = docsFile } = options;
  const listeners = new Set<ServerResponse>();
  let page: string | undefined;
  let failure: string | undefined;
  const load = async () => {
    try {
      const html = await readFile(file, "utf8");
      const end = html.lastIndexOf("</body>");
      page = !liveReload ? html : end < 0 ? html + hook : html.slice(0, end) + hook + html.slice(end);
    } catch {
      page = undefined;
    }
  };
  await load();

  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (liveReload && path === "/__reload") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write(": connected\n\n");
      listeners.add(res);
      req.on("close", () => listeners.delete(res));
      return;
    }
    if (path !== "/" && path !== "/index.html") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    } else if (page === undefined) {
      const why = (failure ?? "docs not built yet: run `pnpm build`").replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);
      res.writeHead(503, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" });
      res.end(`<!doctype html><title>docs: no page</title><pre>${why}</pre>${liveReload ? hook : ""}\n`);
    } else {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : page);
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok());
  });
  const address = server.address();
  return {
    server,
    port: typeof address === "object" && address ? address.port : port,
    async reload(why?: string) {
      failure = why;
      await load();
      for (const res of listeners) res.write("event: reload\ndata: {}\n\n");
    },
    close() {
      for (const res of listeners) res.end();
      listeners.clear();
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections(); // browsers keep idle connections open: do not wait for them
      return closed;
    },
  };
}
