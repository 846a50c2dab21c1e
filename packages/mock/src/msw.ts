/**
 * `@csbs/mock/msw`: the mock's data engine as Mock Service Worker request handlers, for tests and Storybook with no
 * process and no port. The same engine as the `csbs-mock` process (filters, sort, paging, examples, errors, faults),
 * over the spec's model (`@csbs/types/model`).
 *
 *   import { setupServer } from "msw/node";
 *   import { createHandlers, http } from "@csbs/mock/msw";
 *   const server = setupServer(...createHandlers({ seed: "demo", records: 500 }));
 *   // one test's own answer, typed from the spec (path, params, query and body are checked by TypeScript):
 *   server.use(http.get("/v1/{project_id}/checkpoint_items", ({ response }) => response(200).json({ … })));
 */

import type { paths } from "@csbs/types";
import { model } from "@csbs/types/model";
import { http as mswHttp, type RequestHandler } from "msw";
import { createOpenApiHttp, type OpenApiHttpHandlers } from "openapi-msw";
import { createEngine, type Engine, type EngineOptions } from "./engine.js";
import { answerRequest } from "./fetch.js";
import { pathTemplate } from "./stages/route.js";

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
  const engine: Engine = createEngine(model, options);
  const prefix = (options.baseUrl ?? "*").replace(/\/+$/, "");
  return [...new Set(model.operations.map((op) => op.path))].map((template) =>
    mswHttp.all(`${prefix}${pathTemplate(template).colon}`, ({ request }) =>
      answerRequest(engine, request, (failed, requestId, error) => {
        const url = new URL(failed.url);
        const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        console.error(
          `@csbs/mock/msw: 500 for ${failed.method} ${url.pathname}${url.search}, request ${requestId}: ${what}`,
        );
      }),
    ),
  );
}
