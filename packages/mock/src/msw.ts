/**
 * `@csbs/mock/msw`: the mock's data engine as Mock Service Worker request handlers, for tests and Storybook with no
 * process and no port. The same engine as the `csbs-mock` process (filters, sort, paging, examples, errors, faults),
 * over the spec bundled into this module at build time.
 *
 *   import { setupServer } from "msw/node";
 *   import { createHandlers, http } from "@csbs/mock/msw";
 *   const server = setupServer(...createHandlers({ seed: "demo", records: 500 }));
 *   // one test's own answer, typed from the spec (path, params, query and body are checked by TypeScript):
 *   server.use(http.get("/v1/{project_id}/checkpoint_items", ({ response }) => response(200).json({ … })));
 */

import doc from "@csbs/spec/openapi.json" with { type: "json" };
import type { paths } from "@csbs/types";
import { delay, HttpResponse, http as mswHttp, type RequestHandler } from "msw";
import { createOpenApiHttp, type OpenApiHttpHandlers } from "openapi-msw";
import { type Answer, createEngine, type Engine, type EngineOptions, type EngineRequest } from "./engine.js";

export type { EngineOptions } from "./engine.js";

export interface HandlerOptions extends EngineOptions {
  /** Answer only on this origin (and path prefix), e.g. "https://csbs.example.com". Default: any origin. */
  baseUrl?: string;
}

/**
 * MSW's `http`, typed from the spec by openapi-msw: for a test's own handler next to (or over) `createHandlers`. Paths
 * are the spec's (`{project_id}`), `params`/`query` and `response(status).json(body)` are checked against it. Any
 * origin unless `baseUrl` is given.
 */
export function createHttp(baseUrl = "*"): OpenApiHttpHandlers<paths> {
  return createOpenApiHttp<paths>({ baseUrl: baseUrl.replace(/\/+$/, "") });
}

/** `createHttp()`: typed handlers on any origin. */
export const http: OpenApiHttpHandlers<paths> = createHttp();

/**
 * MSW handlers answering every path of the spec from the data engine: its operations, and for any other method 405
 * with `Allow` (OPTIONS: 204 with `Allow`). An exception while answering is a 500 with the spec's internal-error body
 * (and one console.error line), never a throw into MSW or the test.
 */
export function createHandlers(options: HandlerOptions = {}): RequestHandler[] {
  const engine: Engine = createEngine(doc, options);
  const prefix = (options.baseUrl ?? "*").replace(/\/+$/, "");
  return [...new Set(engine.operations.map((op) => op.template))].map((template) =>
    // /v1/{project_id}/x → /v1/:project_id/x (MSW's path syntax)
    mswHttp.all(`${prefix}${template.replace(/\{([^}]+)\}/g, ":$1")}`, async ({ request }) => {
      const url = new URL(request.url);
      const engineRequest: EngineRequest = {
        method: request.method,
        path: url.pathname,
        query: url.search.slice(1),
        header: (name) => request.headers.get(name),
      };
      try {
        const answer = engine.handle(engineRequest);
        if (answer.error !== undefined) throw answer.error;
        return await respond(request, answer);
      } catch (error) {
        const failure = engine.failure(engineRequest);
        const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        console.error(
          `@csbs/mock/msw: 500 for ${request.method} ${url.pathname}${url.search}, request ${failure.headers["x-request-id"]}: ${what}`,
        );
        return respond(request, failure);
      }
    }),
  );
}

/** The engine's answer as MSW's response: latency, faults acted out, no body where HTTP allows none. */
async function respond(request: Request, answer: Answer): Promise<Response> {
  if (answer.delayMs > 0) await delay(answer.delayMs);
  if (answer.fault === "drop") return HttpResponse.error();
  const headers = new Headers(answer.headers);
  const body = answer.body ?? "";
  if (answer.fault === "truncate") {
    // Half of the body, then the stream fails: what a connection cut mid-body looks like to fetch.
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, Math.floor(bytes.length / 2)));
        controller.error(new TypeError("the mock cut the connection mid-body (Prefer: fault=truncate)"));
      },
    });
    return new HttpResponse(stream, { status: answer.status, headers });
  }
  const empty = request.method === "HEAD" || answer.status === 204;
  return new HttpResponse(empty ? null : body, { status: answer.status, headers });
}
