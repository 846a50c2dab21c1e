import type {
  CheckpointItem,
  ErrorBody,
  ListCheckpointItemsQuery,
  ListCheckpointItemsResponse,
  paths,
} from "@csbs/types";
import type { Client, ClientOptions } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import { apiError, CsbsConnectionError, CsbsError, CsbsTimeoutError } from "./errors.js";
import { type CheckpointItemPage, paginate } from "./paginate.js";
import { backoffMs, RETRYABLE_STATUS, retryAfterMs, sleep } from "./retry.js";
import { createSigner, sdkDate } from "./sign.js";

const PATH = "/v1/{project_id}/checkpoint_items";

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

export interface ListCheckpointItems {
  /** One page of backups. Throws a CsbsApiError subclass on an error status, after retrying what may be retried. */
  (query?: ListCheckpointItemsQuery, options?: RequestOptions): Promise<ListCheckpointItemsResponse>;
  /** The same call, answering the body with the Response and its request ID. */
  withResponse(
    query?: ListCheckpointItemsQuery,
    options?: RequestOptions,
  ): Promise<WithResponse<ListCheckpointItemsResponse>>;
}

export interface CsbsClient {
  listCheckpointItems: ListCheckpointItems;
  /** Every backup matching the query, across pages (marker pagination; `limit` is the page size). */
  iterateCheckpointItems(
    query?: ListCheckpointItemsQuery,
    options?: RequestOptions,
  ): AsyncGenerator<CheckpointItem, void, undefined>;
  /** Page by page. */
  pages(
    query?: ListCheckpointItemsQuery,
    options?: RequestOptions,
  ): AsyncGenerator<CheckpointItemPage, void, undefined>;
  /** The typed openapi-fetch client, for full control: auth, headers and logger apply; retries, timeouts and typed errors do not. */
  readonly raw: Client<paths>;
}

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
  const tokenAuth = auth && "token" in auth && auth.token !== undefined;
  // Header values are sent trimmed; trimmed values are also what gets redacted.
  const token = typeof auth?.token === "string" ? auth.token.trim() : undefined;
  const securityToken = typeof auth?.securityToken === "string" ? auth.securityToken.trim() : undefined;
  if (tokenAuth ? !headerSafe(token) : !headerSafe(auth?.accessKey) || !nonEmpty(auth.secretKey)) {
    throw invalid('"auth" must be { token } or { accessKey, secretKey }, in printable ASCII');
  }
  if (securityToken !== undefined && !headerSafe(securityToken)) throw invalid('"auth.securityToken" is not valid');
  const defaultTimeoutMs = checkTimeout(options.timeoutMs ?? 60_000);
  const defaultMaxRetries = checkRetries(options.maxRetries ?? 2);
  const nowMs = () => +now();

  // Secrets never leave in an error, a log line or JSON: their literal values (8+ characters: shorter ones would
  // mangle ordinary text) and any signature are replaced.
  const secrets = [token, auth.secretKey, securityToken].filter((s): s is string => nonEmpty(s) && s.length >= 8);
  const redact = (text: string): string => {
    for (const secret of secrets) text = text.split(secret).join("[redacted]");
    return text.replace(/Signature=[0-9a-f]+/gi, "Signature=[redacted]");
  };

  const raw = createClient<paths>({
    baseUrl,
    headers: tokenAuth ? { ...options.headers, "X-Auth-Token": token as string } : { ...options.headers },
    ...(options.fetch ? { fetch: options.fetch } : {}),
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
    if (body === undefined || body === "") return undefined;
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const clean = redact(text);
    if (clean === text) return body as ErrorBody | string;
    return typeof body === "string" ? clean : JSON.parse(clean);
  };

  const scrubHeaders = (headers: Headers): Headers => {
    const clean = new Headers();
    for (const [name, value] of headers) clean.append(name, redact(value));
    return clean;
  };

  async function send(
    query: ListCheckpointItemsQuery,
    callOptions: RequestOptions | undefined,
  ): Promise<{ data: ListCheckpointItemsResponse; response: Response }> {
    const signal = callOptions?.signal;
    const timeoutMs = callOptions?.timeoutMs === undefined ? defaultTimeoutMs : checkTimeout(callOptions.timeoutMs);
    const maxRetries = callOptions?.maxRetries === undefined ? defaultMaxRetries : checkRetries(callOptions.maxRetries);
    const init = {
      params: { path: { project_id: projectId }, query },
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
      let result: { data?: ListCheckpointItemsResponse; error?: unknown; response: Response } | undefined;
      let caught: unknown;
      try {
        result = await raw.GET(PATH, init);
      } catch (error) {
        caught = error;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }

      let failure: CsbsError;
      let wait: number | undefined;
      if (result) {
        const { data, error, response } = result;
        if (response.ok) {
          if (data === undefined) throw new CsbsError(`CSBS answered ${response.status} with an empty body`);
          return { data, response };
        }
        failure = apiError(response.status, scrub(error), scrubHeaders(response.headers));
        if (!RETRYABLE_STATUS.has(response.status)) throw failure;
        wait = retryAfterMs(response.headers.get("retry-after"), nowMs());
      } else {
        // The caller's abort surfaces as fetch throws it: the signal's reason, an AbortError by default.
        if (signal?.aborted) throw signal.reason;
        if (timedOut) failure = new CsbsTimeoutError(`GET ${PATH} timed out after ${timeoutMs} ms`);
        else if (caught instanceof SyntaxError) {
          throw new CsbsError("CSBS answered a body that is not JSON", { cause: caught });
        } else if (caught instanceof URIError) {
          throw new CsbsError("A query value cannot be encoded", { cause: caught });
        } else {
          const reason = caught instanceof Error ? (caught.cause instanceof Error ? caught.cause : caught) : undefined;
          failure = new CsbsConnectionError(redact(`GET ${PATH} failed: ${reason?.message ?? String(caught)}`), {
            cause: caught,
          });
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

  const listCheckpointItems: ListCheckpointItems = Object.assign(
    async (query?: ListCheckpointItemsQuery, callOptions?: RequestOptions) =>
      (await send(query ?? {}, callOptions)).data,
    {
      async withResponse(query?: ListCheckpointItemsQuery, callOptions?: RequestOptions) {
        const { data, response } = await send(query ?? {}, callOptions);
        return { data, response, requestId: response.headers.get("x-request-id") ?? undefined };
      },
    },
  );

  const pages = (query?: ListCheckpointItemsQuery, callOptions?: RequestOptions) =>
    paginate((pageQuery) => listCheckpointItems.withResponse(pageQuery, callOptions), query);

  return {
    raw,
    listCheckpointItems,
    pages,
    async *iterateCheckpointItems(query, callOptions) {
      for await (const page of pages(query, callOptions)) yield* page.items;
    },
  };
}

function checkTimeout(ms: unknown): number {
  if (typeof ms !== "number" || !(ms > 0)) throw invalid('"timeoutMs" must be > 0');
  return ms;
}

function checkRetries(n: unknown): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw invalid('"maxRetries" must be an integer >= 0');
  return n;
}
