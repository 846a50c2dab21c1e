/**
 * The one module that knows openapi-fetch (in maintenance mode since 2026-09-19, openapi-ts/openapi-typescript#2874):
 * replacing it is a change of this file only. It makes the typed raw client with what every request carries: the
 * base URL and headers, AK/SK signing, debug lines, and no redirects.
 */
import type { paths } from "@csbs/types";
import type { Client, ClientOptions } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import { type Redactor, SENSITIVE_HEADER } from "./redact.js";
import { createSigner, sdkDate } from "./sign.js";

// openapi-fetch's CJS build exports createClient as `exports.default`; a CJS bundle that imports it the Node way
// sees the whole exports object as the default. Take the function from either shape.
type CreateClient = <P extends {}>(options?: ClientOptions) => Client<P>;
const fetchDefault = openapiFetch.default as CreateClient | { default: CreateClient };
const createClient = typeof fetchDefault === "function" ? fetchDefault : fetchDefault.default;

export type RawClient = Client<paths>;

/** The answer of one attempt, as the raw client gives it: the parsed body or error body, and the response. */
export interface RawResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface TransportOptions {
  baseUrl: string;
  headers: Record<string, string>;
  fetch: typeof globalThis.fetch | undefined;
  /** AK/SK: every request is signed at `now`, with the security token of temporary credentials. */
  signing?: { accessKey: string; secretKey: string; securityToken: string | undefined; nowMs: () => number };
  logger?: { debug(message: string): void };
  redact: Redactor;
}

export function createRawClient(options: TransportOptions): RawClient {
  const raw = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    fetch: options.fetch, // undefined: openapi-fetch's default, the global fetch
    // Never follow a redirect: fetch would forward X-Auth-Token / X-Security-Token to wherever it points. A 3xx
    // answer surfaces as a CsbsApiError instead.
    redirect: "manual",
  });
  const { signing, logger, redact } = options;
  if (signing) {
    const sign = createSigner(signing.accessKey, signing.secretKey);
    raw.use({
      async onRequest({ request }) {
        const signed: Record<string, string> = { "X-Sdk-Date": sdkDate(new Date(signing.nowMs())) };
        if (signing.securityToken) signed["X-Security-Token"] = signing.securityToken;
        const authorization = await sign(request.method, request.url, signed);
        for (const [name, value] of Object.entries(signed)) request.headers.set(name, value);
        request.headers.set("Authorization", authorization);
      },
    });
  }
  if (logger) {
    const log = (line: string) => logger.debug(redact.text(`csbs ${line}`));
    raw.use({
      onRequest({ request }) {
        const headers = [...request.headers].map(
          ([name, value]) => `${name}: ${SENSITIVE_HEADER.test(name) ? "[redacted]" : value}`,
        );
        log(`→ ${request.method} ${request.url} {${headers.join(", ")}}`);
      },
      onResponse({ request, response }) {
        log(`← ${response.status} ${request.method} ${request.url} ${response.headers.get("x-request-id") ?? ""}`);
      },
    });
  }
  return raw;
}

/** One request of an operation through the raw client: path and query parameters, headers, the abort signal. */
export function send(
  raw: RawClient,
  method: string,
  path: string,
  init: { params: { path: object; query: object }; headers?: Record<string, string>; signal: AbortSignal },
): Promise<RawResult> {
  return raw.request(method as "get", path as keyof paths, init as never);
}
