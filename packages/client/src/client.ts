import {
  type ErrorBody,
  type OperationInfo,
  type OperationTable,
  type operations,
  operationTable,
  type paths,
} from "@csbs/types";
import type { Client, ClientOptions } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import { CsbsApiError, CsbsConnectionError, CsbsError, CsbsTimeoutError, errorClasses } from "./errors.js";
import { type Page, paginate } from "./paginate.js";
import { backoffMs, RETRYABLE_STATUS, retryAfterMs, sleep } from "./retry.js";
import { createSigner, sdkDate } from "./sign.js";

// openapi-fetch's CJS build exports createClient as `exports.default`; a CJS bundle that imports it the Node way
// sees the whole exports object as the default. Take the function from either shape.
type CreateClient = <P extends {}>(options?: ClientOptions) => Client<P>;
const fetchDefault = openapiFetch.default as CreateClient | { default: CreateClient };
const createClient = typeof fetchDefault === "function" ? fetchDefault : fetchDefault.default;

/** An IAM user token, sent as `X-Auth-Token`. */
export interface TokenAuth {
  token: string;
  accessKey?: never;
  secretKey?: never;
  securityToken?: never;
}

/** An access key / secret key pair: every request is signed (SDK-HMAC-SHA256). `securityToken` for temporary keys. */
export interface AkSkAuth {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
  token?: never;
}

/** Where debug lines go: `console` fits. Secrets are redacted from every line. */
export interface CsbsLogger {
  debug(message: string): void;
}

export interface CsbsClientOptions {
  /** e.g. "https://csbs.ap-southeast-1.myhuaweicloud.com", or the mock "http://127.0.0.1:4010". */
  baseUrl: string;
  /** The project whose backups are listed. */
  projectId: string;
  /** How requests authenticate: `{ token }` or `{ accessKey, secretKey, securityToken? }`. */
  auth: TokenAuth | AkSkAuth;
  /** Time limit of each attempt (until the body is read), in ms. Default 60 000; `Infinity` for none. */
  timeoutMs?: number;
  /** Retries after the first attempt, for connection errors, timeouts, 408, 429, 500, 502, 503, 504. Default 2. */
  maxRetries?: number;
  /** A fetch implementation; default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Gets a debug line per request, response, error and retry. */
  logger?: CsbsLogger;
  /** The clock, for X-Sdk-Date and Retry-After dates. Default `() => new Date()`. */
  now?: () => Date | number;
}

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

/** A body with the response it came in. */
export interface WithResponse<T> {
  data: T;
  response: Response;
  /** X-Request-Id of the response, when sent. */
  requestId: string | undefined;
}

// Everything below is derived from the generated operation table and openapi-typescript's `operations`.
type Operation = OperationTable[number];
/** The operationId of an operation of the spec. */
export type OperationId = Operation["operationId"];
type Empty = Record<never, never>;
type Present<T> = [T] extends [never] ? Empty : [T] extends [undefined] ? Empty : NonNullable<T>;
type Simplify<T> = { [P in keyof T]: T[P] } & {};
type ParamsOf<K extends OperationId> = operations[K]["parameters"];
/** The first argument of an operation's method: its path parameters (but `project_id`, which the client holds) and query parameters. */
export type OperationParams<K extends OperationId> = Simplify<
  Omit<Present<ParamsOf<K>["path"]>, "project_id"> & Present<ParamsOf<K>["query"]>
>;
type Responses<K extends OperationId> = operations[K]["responses"];
type Success = keyof Responses<OperationId> & (200 | 201 | 202 | 203 | 206);
/** The body of an operation's success response. */
export type OperationResponse<K extends OperationId> = {
  [S in keyof Responses<K> & Success]: Responses<K>[S] extends { content: { "application/json": infer B } }
    ? B
    : undefined;
}[keyof Responses<K> & Success];
/** An operation's arguments: the params object is optional when none of its fields is required. */
export type OperationArgs<K extends OperationId> =
  Empty extends OperationParams<K>
    ? [params?: OperationParams<K>, options?: RequestOptions]
    : [params: OperationParams<K>, options?: RequestOptions];

/** The method of one operation. Throws a CsbsApiError subclass on an error status, after retrying what may be retried. */
export interface OperationMethod<K extends OperationId> {
  (...args: OperationArgs<K>): Promise<OperationResponse<K>>;
  /** The same call, answering the body with the Response and its request ID. */
  withResponse(...args: OperationArgs<K>): Promise<WithResponse<OperationResponse<K>>>;
}

/** The operations whose spec declares `x-pagination`. */
export type PagedOperationId = Extract<Operation, { pagination: object }>["operationId"];
type Paging<K extends PagedOperationId> = Extract<Operation, { operationId: K }>["pagination"];
/** An item of a paged operation's pages (the element type of its `x-pagination.items` field). */
export type PageItem<K extends PagedOperationId> =
  NonNullable<OperationResponse<K>[Paging<K>["items"] & keyof OperationResponse<K>]> extends readonly (infer I)[]
    ? I
    : never;
/** One page of a paged operation. */
export type OperationPage<K extends PagedOperationId> = Page<PageItem<K>, OperationParams<K>>;
/** Page by page: `marker` follows the last item's id, `limit` is the page size. */
export type PageIterator<K extends PagedOperationId> = (
  ...args: OperationArgs<K>
) => AsyncGenerator<OperationPage<K>, void, undefined>;
/** A paged operation's method also walks its pages. */
export interface PagedOperationMethod<K extends PagedOperationId> extends OperationMethod<K> {
  pages: PageIterator<K>;
}
type Pascal<S extends string> = S extends `${infer H}${"_" | "-"}${infer T}`
  ? `${Capitalize<H>}${Pascal<T>}`
  : Capitalize<S>;
type FirstPaged<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? H extends { pagination: object; operationId: infer I extends PagedOperationId }
    ? I
    : FirstPaged<R>
  : never;

/**
 * One method per operation, named by its operationId; for each operation with `x-pagination`, `iterate<Items>`
 * (every item, across pages) and `<operationId>.pages`; `pages`, the page iterator of the first of them; `raw`.
 */
export type CsbsClient = {
  [K in OperationId]: K extends PagedOperationId ? PagedOperationMethod<K> : OperationMethod<K>;
} & {
  [K in PagedOperationId as `iterate${Pascal<Paging<K>["items"]>}`]: (
    ...args: OperationArgs<K>
  ) => AsyncGenerator<PageItem<K>, void, undefined>;
} & ([FirstPaged<OperationTable>] extends [never] ? Empty : { pages: PageIterator<FirstPaged<OperationTable>> }) & {
    /** The typed openapi-fetch client, for full control: auth, headers and logger apply; retries, timeouts and typed errors do not. */
    readonly raw: Client<paths>;
  };

const invalid = (what: string) => new CsbsError(`createCsbsClient: ${what}`);
const nonEmpty = (value: unknown): value is string => typeof value === "string" && value.length > 0;
// What may go in a header as-is: printable ASCII. fetch's own error for anything else would quote the value.
const headerSafe = (value: unknown): value is string => typeof value === "string" && /^[\x20-\x7e]+$/.test(value);
const SENSITIVE = /^(x-auth-token|authorization|x-security-token|proxy-authorization|cookie)$/i;

export function createCsbsClient(options: CsbsClientOptions): CsbsClient {
  const { baseUrl, projectId, auth, logger, now = () => new Date() } = options ?? ({} as CsbsClientOptions);
  try {
    new URL(baseUrl);
  } catch {
    throw invalid('"baseUrl" must be an absolute URL');
  }
  if (!nonEmpty(projectId)) throw invalid('"projectId" must be a non-empty string');
  const tokenAuth = auth?.token !== undefined;
  // Header values are sent trimmed; trimmed values are also what gets redacted.
  const token = typeof auth?.token === "string" ? auth.token.trim() : undefined;
  const securityToken = typeof auth?.securityToken === "string" ? auth.securityToken.trim() : undefined;
  if (tokenAuth ? !headerSafe(token) : !headerSafe(auth?.accessKey) || !nonEmpty(auth.secretKey)) {
    // An unset environment variable often arrives as "": say that, rather than something vaguer (or a 401 later).
    const empty = (["token", "accessKey", "secretKey"] as const).find((key) => auth?.[key]?.trim?.() === "");
    throw invalid(
      empty ? `"auth.${empty}" is empty` : '"auth" must be { token } or { accessKey, secretKey }, in printable ASCII',
    );
  }
  if (securityToken !== undefined && !headerSafe(securityToken)) throw invalid('"auth.securityToken" is not valid');
  const defaultTimeoutMs = checkTimeout(options.timeoutMs ?? 60_000);
  const defaultMaxRetries = checkRetries(options.maxRetries ?? 2);
  const nowMs = () => +now();

  // Secrets never leave in an error, a log line or JSON: their literal values (8+ characters: shorter ones would
  // mangle ordinary text) and any signature are replaced.
  const secrets = [token, auth.secretKey, securityToken].filter(
    (s): s is string => typeof s === "string" && s.length >= 8,
  );
  const redact = (text: string): string => {
    for (const secret of secrets) text = text.replaceAll(secret, "[redacted]");
    return text.replace(/Signature=[0-9a-f]+/gi, "Signature=[redacted]");
  };

  const raw = createClient<paths>({
    baseUrl,
    headers: { ...options.headers, ...(tokenAuth && { "X-Auth-Token": token as string }) },
    fetch: options.fetch, // undefined: openapi-fetch's default, the global fetch
    // Never follow a redirect: fetch would forward X-Auth-Token / X-Security-Token to wherever it points. A 3xx
    // answer surfaces as a CsbsApiError instead.
    redirect: "manual",
  });

  if (!tokenAuth) {
    const sign = createSigner(auth.accessKey as string, auth.secretKey as string);
    raw.use({
      async onRequest({ request }) {
        const signed: Record<string, string> = { "X-Sdk-Date": sdkDate(new Date(nowMs())) };
        if (securityToken) signed["X-Security-Token"] = securityToken;
        const authorization = await sign(request.method, request.url, signed);
        for (const [name, value] of Object.entries(signed)) request.headers.set(name, value);
        request.headers.set("Authorization", authorization);
      },
    });
  }

  if (logger) {
    const log = (line: string) => logger.debug(redact(`csbs ${line}`));
    raw.use({
      onRequest({ request }) {
        const headers = [...request.headers].map(
          ([name, value]) => `${name}: ${SENSITIVE.test(name) ? "[redacted]" : value}`,
        );
        log(`→ ${request.method} ${request.url} {${headers.join(", ")}}`);
      },
      onResponse({ request, response }) {
        log(`← ${response.status} ${request.method} ${request.url} ${response.headers.get("x-request-id") ?? ""}`);
      },
    });
  }

  const scrub = (body: unknown): ErrorBody | string | undefined => {
    if (!body) return undefined; // no body, or an empty one
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const clean = redact(text);
    return typeof body === "string" ? clean : JSON.parse(clean);
  };

  const scrubHeaders = (headers: Headers): Headers =>
    new Headers([...headers].map(([name, value]): [string, string] => [name, redact(value)]));

  async function send(
    op: OperationInfo,
    params: Record<string, unknown>,
    callOptions: RequestOptions | undefined,
  ): Promise<{ data: unknown; response: Response }> {
    const signal = callOptions?.signal;
    const timeoutMs = checkTimeout(callOptions?.timeoutMs ?? defaultTimeoutMs);
    const maxRetries = checkRetries(callOptions?.maxRetries ?? defaultMaxRetries);
    // The path template names the path parameters; everything else is query.
    const path: Record<string, unknown> = { project_id: projectId };
    const query: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(params)) {
      (name !== "project_id" && op.path.includes(`{${name}}`) ? path : query)[name] = value;
    }
    const where = `${op.method.toUpperCase()} ${op.path}`;
    const init = {
      params: { path, query },
      headers: callOptions?.headers,
      signal: undefined as AbortSignal | undefined,
    };
    for (let retry = 0; ; retry++) {
      signal?.throwIfAborted();
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
      init.signal = controller.signal;
      let result: { data?: unknown; error?: unknown; response: Response } | undefined;
      let caught: unknown;
      try {
        result = await raw.request(op.method as "get", op.path as keyof paths, init as never);
      } catch (error) {
        caught = error;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }

      let failure: CsbsError;
      let wait: number | undefined;
      // Where it happened, at the end of every error's message: "(listCheckpointItems: GET /v1/…, attempts: 1)".
      const context = `${op.operationId}: ${where}, attempts: ${retry + 1}`;
      if (result) {
        const { data, error, response } = result;
        if (response.ok) {
          if (data === undefined) throw new CsbsError(`CSBS answered ${response.status} with an empty body`);
          return { data, response };
        }
        const ErrorClass = (errorClasses as Record<number, typeof CsbsApiError>)[response.status] ?? CsbsApiError;
        failure = new ErrorClass(response.status, scrub(error), scrubHeaders(response.headers), context);
        if (!RETRYABLE_STATUS.has(response.status)) throw failure;
        wait = retryAfterMs(response.headers.get("retry-after"), nowMs());
      } else {
        // The caller's abort surfaces as fetch throws it: the signal's reason, an AbortError by default.
        if (signal?.aborted) throw signal.reason;
        if (timedOut) failure = new CsbsTimeoutError(`Request timed out after ${timeoutMs} ms (${context})`);
        else if (caught instanceof SyntaxError) {
          throw new CsbsError("CSBS answered a body that is not JSON", { cause: caught });
        } else if (caught instanceof URIError) {
          throw new CsbsError("A query value cannot be encoded", { cause: caught });
        } else {
          const reason = caught instanceof Error ? (caught.cause instanceof Error ? caught.cause : caught) : undefined;
          failure = new CsbsConnectionError(
            redact(`Request failed: ${reason?.message ?? String(caught)} (${context})`),
            {
              cause: caught,
            },
          );
        }
      }
      if (retry >= maxRetries) throw failure;
      wait ??= backoffMs(retry);
      logger?.debug(
        redact(`csbs retry ${retry + 1} of ${maxRetries} in ${wait} ms after ${failure.name}: ${failure.message}`),
      );
      await sleep(wait, signal);
    }
  }

  // One method per operation of the generated table; paged operations also get their iterators.
  type Params = Record<string, unknown> | undefined;
  const client: Record<string, unknown> = { raw };
  for (const op of operationTable as readonly OperationInfo[]) {
    const withResponse = async (params: Params, callOptions?: RequestOptions) => {
      const { data, response } = await send(op, params ?? {}, callOptions);
      return { data, response, requestId: response.headers.get("x-request-id") ?? undefined };
    };
    const method: { withResponse: unknown; pages?: unknown } = Object.assign(
      async (params: Params, callOptions?: RequestOptions) => (await send(op, params ?? {}, callOptions)).data,
      { withResponse },
    );
    client[op.operationId] = method;
    const paging = op.pagination;
    if (!paging) continue;
    const defaultLimit = op.parameters.find((p) => p.name === paging.limit)?.default;
    const pages = (params: Params, callOptions?: RequestOptions) =>
      paginate(paging, defaultLimit, (query) => withResponse(query, callOptions), params);
    method.pages = pages;
    client.pages ??= pages;
    client[`iterate${paging.items.replace(/(?:^|[_-])(\w)/g, (_, c: string) => c.toUpperCase())}`] = async function* (
      params: Params,
      callOptions?: RequestOptions,
    ) {
      for await (const page of pages(params, callOptions)) yield* page.items;
    };
  }
  return client as CsbsClient;
}

function checkTimeout(ms: unknown): number {
  if (typeof ms !== "number" || !(ms > 0)) throw invalid('"timeoutMs" must be > 0');
  return ms;
}

function checkRetries(n: unknown): number {
  // Number.isInteger is false for anything but a number.
  if (!Number.isInteger(n) || (n as number) < 0) throw invalid('"maxRetries" must be an integer >= 0');
  return n as number;
}
