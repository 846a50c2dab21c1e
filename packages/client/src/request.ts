/**
 * One call of an operation, as named steps: `buildRequest` (path and query from the operation's parameters),
 * `fetchWithTimeout` (one attempt, bounded, abortable), `classify` (the answer or failure it is, and whether it may
 * be retried), `retryDelay` (how long before the next attempt). `makeRequest` runs them until an answer, a failure
 * that must not be retried, or the last attempt.
 */
import type { OperationInfo } from "@csbs/types";
import { CsbsApiError, CsbsConnectionError, CsbsError, CsbsTimeoutError, errorClasses } from "./errors.js";
import type { Redactor } from "./redact.js";
import { backoffMs, RETRYABLE_STATUS, retryAfterMs, sleep } from "./retry.js";
import { type RawClient, type RawResult, send } from "./transport.js";

/** Per-call options. */
export interface RequestOptions {
  /** Aborts the call: the request in flight and any wait before a retry. Rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
  /** Headers for this call, merged over the client's. */
  headers?: Record<string, string>;
}

/** What every call of a client shares. */
export interface Pipeline {
  raw: RawClient;
  redact: Redactor;
  /** The values of the path parameters every operation has (`project_id`), given once to the client. */
  common: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  nowMs: () => number;
  logger?: { debug(message: string): void } | undefined;
}

export interface Answer {
  data: unknown;
  response: Response;
}

export const invalid = (what: string): CsbsError => new CsbsError(`createCsbsClient: ${what}`);

export function checkTimeout(ms: unknown): number {
  if (typeof ms !== "number" || !(ms > 0)) throw invalid('"timeoutMs" must be > 0');
  return ms;
}

export function checkRetries(n: unknown): number {
  // Number.isInteger is false for anything but a number.
  if (!Number.isInteger(n) || (n as number) < 0) throw invalid('"maxRetries" must be an integer >= 0');
  return n as number;
}

/** The operation's parameters, each where the spec puts it (`in`); the client's common path parameters added. */
export function buildRequest(
  op: OperationInfo,
  params: Record<string, unknown>,
  common: Record<string, string>,
): { path: Record<string, unknown>; query: Record<string, unknown> } {
  const path: Record<string, unknown> = { ...common };
  const query: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name in common) continue;
    // A name the spec does not know goes to the query, where the service ignores it (and TypeScript rejects it).
    (op.parameters.find((p) => p.name === name)?.in === "path" ? path : query)[name] = value;
  }
  return { path, query };
}

type Attempt = { result: RawResult } | { caught: unknown; timedOut: boolean };

/** One attempt, aborted after `timeoutMs` or when the caller's signal aborts. */
export async function fetchWithTimeout(
  send: (signal: AbortSignal) => Promise<RawResult>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Attempt> {
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs >= 2 ** 31 // beyond setTimeout's range (about 24.8 days): no timeout, as for Infinity
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort);
  try {
    return { result: await send(controller.signal) };
  } catch (caught) {
    return { caught, timedOut };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** Where an attempt happened, for messages: "listCheckpointItems: GET /v1/{project_id}/checkpoint_items, attempts: 2". */
interface RequestContext {
  operationId: string;
  method: string;
  path: string;
  attempts: number;
  timeoutMs: number;
}

/** An attempt's outcome: the answer, or the error it is and whether another attempt may fix it. */
type Outcome = { answer: Answer } | { failure: CsbsError; retryable: boolean; waitMs?: number | undefined };

export function classify(attempt: Attempt, context: RequestContext, pipeline: Pipeline, signal?: AbortSignal): Outcome {
  const { redact, nowMs } = pipeline;
  const where = `${context.operationId}: ${context.method.toUpperCase()} ${context.path}, attempts: ${context.attempts}`;
  if ("result" in attempt) {
    const { data, error, response } = attempt.result;
    if (response.ok) {
      if (data === undefined) throw new CsbsError(`CSBS answered ${response.status} with an empty body (${where})`);
      return { answer: { data, response } };
    }
    const ErrorClass = (errorClasses as Record<number, typeof CsbsApiError>)[response.status] ?? CsbsApiError;
    const failure = new ErrorClass(
      response.status,
      redact.body(error),
      redact.headers(response.headers),
      where,
      nowMs(),
    );
    const waitMs = retryAfterMs(response.headers.get("retry-after"), nowMs());
    return { failure, retryable: RETRYABLE_STATUS.has(response.status), waitMs };
  }
  const { caught, timedOut } = attempt;
  // The caller's abort surfaces as fetch throws it: the signal's reason, an AbortError by default.
  if (signal?.aborted) throw signal.reason;
  if (caught instanceof SyntaxError)
    throw new CsbsError(`CSBS answered a body that is not JSON (${where})`, { cause: caught });
  if (caught instanceof URIError) throw new CsbsError(`A query value cannot be encoded (${where})`, { cause: caught });
  const reason = caught instanceof Error ? (caught.cause instanceof Error ? caught.cause : caught) : undefined;
  const failure = timedOut
    ? new CsbsTimeoutError(`Request timed out after ${context.timeoutMs} ms (${where})`)
    : new CsbsConnectionError(redact.text(`Request failed: ${reason?.message ?? String(caught)} (${where})`), {
        cause: caught,
      });
  return { failure, retryable: true };
}

/** The wait before retry number `retry + 1`: what the server asked for (Retry-After), else backoff with jitter. */
export const retryDelay = (retry: number, asked: number | undefined): number => asked ?? backoffMs(retry);

/** The call: attempts until an answer, a failure that must not be retried, or the last attempt. */
export async function makeRequest(
  pipeline: Pipeline,
  op: OperationInfo,
  params: Record<string, unknown>,
  options: RequestOptions | undefined,
): Promise<Answer> {
  const signal = options?.signal;
  const timeoutMs = checkTimeout(options?.timeoutMs ?? pipeline.timeoutMs);
  const maxRetries = checkRetries(options?.maxRetries ?? pipeline.maxRetries);
  const { path, query } = buildRequest(op, params, pipeline.common);
  const { operationId, method, path: template } = op;
  for (let retry = 0; ; retry++) {
    signal?.throwIfAborted();
    const attempt = await fetchWithTimeout(
      (abort) =>
        send(pipeline.raw, method, template, { params: { path, query }, headers: options?.headers, signal: abort }),
      timeoutMs,
      signal,
    );
    const context = { operationId, method, path: template, attempts: retry + 1, timeoutMs };
    const outcome = classify(attempt, context, pipeline, signal);
    if ("answer" in outcome) return outcome.answer;
    const { failure, retryable, waitMs } = outcome;
    if (!retryable || retry >= maxRetries) throw failure;
    const wait = retryDelay(retry, waitMs);
    pipeline.logger?.debug(
      pipeline.redact.text(
        `csbs retry ${retry + 1} of ${maxRetries} in ${wait} ms after ${failure.name}: ${failure.message}`,
      ),
    );
    await sleep(wait, signal);
  }
}
