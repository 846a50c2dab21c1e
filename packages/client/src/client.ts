import {
  type CommonPathParameters,
  commonPathParameters,
  type OperationInfo,
  type OperationQueries,
  type OperationTable,
  type operations,
  operationTable,
} from "@csbs/types";
import { type Page, paginate } from "./paginate.js";
import { createRedactor } from "./redact.js";
import {
  type Answer,
  checkRetries,
  checkTimeout,
  invalid,
  makeRequest,
  type Pipeline,
  type RequestOptions,
} from "./request.js";
import { createRawClient, type RawClient } from "./transport.js";

export type { RequestOptions } from "./request.js";

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

type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
/** The path parameters every operation of the spec has (`project_id`). */
type CommonParameter = CommonPathParameters[number];
/** They are given once, as options named in camelCase: `project_id` → `projectId`, the project whose backups are listed. */
export type CommonPathOptions = { [K in CommonParameter as Camel<K>]: string };

export interface ClientOptions {
  /** e.g. "https://csbs.ap-southeast-1.myhuaweicloud.com", or the mock "http://127.0.0.1:4010". */
  baseUrl: string;
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

/** The client's options: `baseUrl`, `auth`, the common path parameters (`projectId`), and the optional ones. */
export type CsbsClientOptions = ClientOptions & CommonPathOptions;

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
/**
 * The first argument of an operation's method: its path parameters (but the common ones, which the client holds) and
 * query parameters (`sort` typed from the spec's x-sort).
 */
export type OperationParams<K extends OperationId> = Simplify<
  Omit<Present<ParamsOf<K>["path"]>, CommonParameter> & Present<OperationQueries[K]>
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
    readonly raw: RawClient;
    /**
     * The values of the path parameters every operation has, by their spec names (`{ project_id: "…" }`), frozen:
     * what tells this client's requests from another project's (@csbs/query puts them in its query keys).
     */
    readonly commonPathParams: Readonly<Record<CommonParameter, string>>;
  };

const nonEmpty = (value: unknown): value is string => typeof value === "string" && value.length > 0;
// What may go in a header as-is: printable ASCII. fetch's own error for anything else would quote the value.
const headerSafe = (value: unknown): value is string => typeof value === "string" && /^[\x20-\x7e]+$/.test(value);
const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** The credentials, checked: header-safe, and an empty one named (an unset environment variable often arrives as ""). */
function checkAuth(auth: TokenAuth | AkSkAuth | undefined) {
  const tokenAuth = auth?.token !== undefined;
  // Header values are sent trimmed; trimmed values are also what gets redacted.
  const token = typeof auth?.token === "string" ? auth.token.trim() : undefined;
  const securityToken = typeof auth?.securityToken === "string" ? auth.securityToken.trim() : undefined;
  if (tokenAuth ? !headerSafe(token) : !headerSafe(auth?.accessKey) || !nonEmpty(auth?.secretKey)) {
    const empty = (["token", "accessKey", "secretKey"] as const).find((key) => auth?.[key]?.trim?.() === "");
    throw invalid(
      empty ? `"auth.${empty}" is empty` : '"auth" must be { token } or { accessKey, secretKey }, in printable ASCII',
    );
  }
  if (securityToken !== undefined && !headerSafe(securityToken)) throw invalid('"auth.securityToken" is not valid');
  return { token: tokenAuth ? (token as string) : undefined, securityToken, auth: auth as TokenAuth | AkSkAuth };
}

/** The values of the common path parameters, from their camelCase options (`projectId`). */
function commonValues(options: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of commonPathParameters as readonly string[]) {
    const value = options[camel(name)];
    if (!nonEmpty(value)) throw invalid(`"${camel(name)}" must be a non-empty string`);
    values[name] = value;
  }
  return values;
}

/** Everything a call shares: the raw client (auth, headers, logging), redaction, defaults, the common parameters. */
function createPipeline(options: CsbsClientOptions): Pipeline {
  const { baseUrl, logger, now = () => new Date() } = options ?? ({} as CsbsClientOptions);
  try {
    new URL(baseUrl);
  } catch {
    throw invalid('"baseUrl" must be an absolute URL');
  }
  const common = commonValues(options as unknown as Record<string, unknown>);
  const { token, securityToken, auth } = checkAuth(options.auth);
  const nowMs = () => +now();
  const redact = createRedactor([token, auth.secretKey, securityToken]);
  const raw: RawClient = createRawClient({
    baseUrl,
    headers: { ...options.headers, ...(token !== undefined && { "X-Auth-Token": token }) },
    fetch: options.fetch,
    ...(token === undefined && {
      signing: { accessKey: auth.accessKey as string, secretKey: auth.secretKey as string, securityToken, nowMs },
    }),
    logger,
    redact,
  });
  return {
    raw,
    redact,
    common,
    timeoutMs: checkTimeout(options.timeoutMs ?? 60_000),
    maxRetries: checkRetries(options.maxRetries ?? 2),
    nowMs,
    logger,
  };
}

type Params = Record<string, unknown> | undefined;

/** An operation's method, and for a paged one its page iterator and item iterator. */
function operationMethods(pipeline: Pipeline, op: OperationInfo) {
  const call = (params: Params, options?: RequestOptions): Promise<Answer> =>
    makeRequest(pipeline, op, params ?? {}, options);
  const withResponse = async (params: Params, options?: RequestOptions) => {
    const { data, response } = await call(params, options);
    return { data, response, requestId: response.headers.get("x-request-id") ?? undefined };
  };
  const method: { withResponse: unknown; pages?: unknown } = Object.assign(
    async (params: Params, options?: RequestOptions) => (await call(params, options)).data,
    { withResponse },
  );
  const paging = op.pagination;
  if (!paging) return { method };
  const pages = (params: Params, options?: RequestOptions) =>
    paginate(paging, (query) => withResponse(query, options), params);
  method.pages = pages;
  const iterate = async function* (params: Params, options?: RequestOptions) {
    for await (const page of pages(params, options)) yield* page.items;
  };
  return {
    method,
    pages,
    iterate,
    iterateName: `iterate${paging.items.replace(/(?:^|[_-])(\w)/g, (_, c: string) => c.toUpperCase())}`,
  };
}

/** The client: one method per operation of the spec's operation table (see CsbsClient). */
export function createCsbsClient(options: CsbsClientOptions): CsbsClient {
  const pipeline = createPipeline(options);
  const client: Record<string, unknown> = {
    raw: pipeline.raw,
    commonPathParams: Object.freeze({ ...pipeline.common }),
  };
  for (const op of operationTable as readonly OperationInfo[]) {
    const { method, pages, iterate, iterateName } = operationMethods(pipeline, op);
    client[op.operationId] = method;
    if (iterateName) {
      client.pages ??= pages;
      client[iterateName] = iterate;
    }
  }
  return client as CsbsClient;
}
