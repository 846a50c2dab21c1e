/**
 * The engine behind the fetch API: a fetch Request in, a fetch Response out, with the answer's latency and faults
 * acted out. The one conversion between fetch and the engine, used by the MSW handlers (`src/msw.ts`) and by the docs
 * page's try-it console (`createEngineFetch`, a `fetch` that answers from an engine in the page, with no network).
 * Browser-safe: no node: module, no MSW.
 */
import type { Engine } from "./engine.js";
import type { Answer, EngineRequest } from "./types.js";

/** What a fetch Request asks the engine: method, path, raw query, headers. */
export function engineRequestOf(request: Request): EngineRequest {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname,
    query: url.search.slice(1),
    header: (name) => request.headers.get(name),
  };
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, { once: true });
  });
}

/**
 * The engine's answer as a fetch Response, after its latency: `drop` is a network error (`Response.error()`),
 * `truncate` a body that fails halfway, and no body where HTTP allows none (HEAD, 204).
 */
export async function responseOf(request: Request, answer: Answer): Promise<Response> {
  if (answer.delayMs > 0) await wait(answer.delayMs, request.signal);
  if (answer.fault === "drop") return Response.error();
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
    return new Response(stream, { status: answer.status, headers });
  }
  const empty = request.method === "HEAD" || answer.status === 204;
  return new Response(empty ? null : body, { status: answer.status, headers });
}

/** Reports an exception while answering (the 500 is answered all the same): the front's own log line. */
export type FailureReport = (request: Request, requestId: string, error: unknown) => void;

/**
 * Answers one fetch Request from the engine, as a Response (`Response.error()` for a dropped connection). Never
 * rejects but for the request's own abort: an exception while answering is the spec's 500, reported to `onFailure`.
 */
export async function answerRequest(engine: Engine, request: Request, onFailure?: FailureReport): Promise<Response> {
  const engineRequest = engineRequestOf(request);
  try {
    const answer = engine.handle(engineRequest);
    if (answer.error !== undefined) throw answer.error;
    return await responseOf(request, answer);
  } catch (error) {
    if (request.signal.aborted && error === request.signal.reason) throw error;
    const failure = engine.failure(engineRequest);
    onFailure?.(request, failure.headers["x-request-id"] ?? "", error);
    return responseOf(request, failure);
  }
}

/**
 * A `fetch` that answers every request from the engine, in this process or page, with no network: what the docs
 * page's console sends "This page" requests through. A dropped connection rejects with a TypeError, as fetch does.
 */
export function createEngineFetch(engine: Engine, onFailure?: FailureReport): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await answerRequest(engine, request, onFailure);
    if (response.type === "error") throw new TypeError("Failed to fetch: the mock dropped the connection");
    return response;
  };
}
