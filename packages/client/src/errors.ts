import type { DocumentedErrorStatus, ErrorBody } from "@csbs/types";
import { retryAfterMs } from "./retry.js";

/** Base class of every error this client throws (except the caller's own AbortError, which passes through). */
export class CsbsError extends Error {
  override name = "CsbsError";
  /** JSON.stringify(error): its fields and message (never a secret: those are redacted before an error is made). */
  toJSON(): object {
    return { ...this, message: this.message };
  }
}

/** The API answered with an error status. `status`, `code` (error_code), `message` (error_msg), `requestId`. */
export class CsbsApiError extends CsbsError {
  override name = "CsbsApiError";
  // `declare`: set in the constructor, with no class-field initialisers emitted (bytes count: see the size budget).
  /** The HTTP status. */
  declare readonly status: number;
  /** The parsed CSBS error body, or the raw text when it was not JSON (an HTML page from a gateway). */
  declare readonly body: ErrorBody | string | undefined;
  /** The response headers. */
  declare readonly headers: Headers;
  /** The CSBS error code, e.g. "CSBS.9001" or "APIGW.0301"; undefined when the body is not a CSBS error body. */
  declare readonly code: string | undefined;
  /** From the X-Request-Id header, or `request_id` in the body. */
  declare readonly requestId: string | undefined;
  /**
   * Seconds the server asked to wait before another attempt (`Retry-After`, in seconds or as an HTTP date, against
   * `nowMs`); undefined when it did not say. Sent with 429 and 503.
   */
  declare readonly retryAfter: number | undefined;

  /** `context` (where it happened: "operationId: METHOD /path, attempts: N") is appended to the message. */
  constructor(
    status: number,
    body: ErrorBody | string | undefined,
    headers: Headers = new Headers(),
    context?: string,
    nowMs: number = Date.now(),
  ) {
    const json = body && typeof body === "object" ? body : undefined;
    const text =
      typeof body === "string"
        ? body
            .replace(/<[^>]*>/g, " ")
            .replace(/\s+/g, " ")
            .trim()
        : "";
    super(
      (typeof json?.error_msg === "string"
        ? json.error_msg
        : `HTTP ${status}${text ? `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}` : ""}`) +
        (context ? ` (${context})` : ""),
    );
    Object.assign(this, {
      status,
      body,
      headers,
      code: typeof json?.error_code === "string" ? json.error_code : undefined,
      requestId: headers.get("x-request-id") ?? (typeof json?.request_id === "string" ? json.request_id : undefined),
      retryAfter: seconds(retryAfterMs(headers.get("retry-after"), nowMs, Number.POSITIVE_INFINITY)),
    });
  }
}

/** 400: invalid request parameters (CSBS.9001). Never retried. */
export class BadRequestError extends CsbsApiError {
  override name = "BadRequestError";
}
/** 401: the token is missing, expired or invalid, or the AK/SK signature does not verify. Never retried. */
export class AuthenticationError extends CsbsApiError {
  override name = "AuthenticationError";
}
/** 403: no permission for this query (e.g. all_tenants without admin rights). Never retried. */
export class PermissionDeniedError extends CsbsApiError {
  override name = "PermissionDeniedError";
}
/** 404: not found, e.g. an unknown project_id. Never retried. */
export class NotFoundError extends CsbsApiError {
  override name = "NotFoundError";
}
/**
 * 429: too many requests — API Gateway's throttling (APIGW.0308), not an answer of CSBS itself. Retried after
 * `retryAfter` seconds when the server says (capped at 60 s), else with backoff.
 */
export class RateLimitError extends CsbsApiError {
  override name = "RateLimitError";
}
/** 500: service internal error. Retried. */
export class InternalServerError extends CsbsApiError {
  override name = "InternalServerError";
}
/** 503: service unavailable. Retried, honouring Retry-After. */
export class ServiceUnavailableError extends CsbsApiError {
  override name = "ServiceUnavailableError";
}

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : Math.ceil(ms / 1000));

/** The request did not get an HTTP answer: DNS, refused or reset connection, TLS, a body cut short. */
export class CsbsConnectionError extends CsbsError {
  override name = "CsbsConnectionError";
}

/** An attempt took longer than `timeoutMs` (the last of them, once retries are spent). */
export class CsbsTimeoutError extends CsbsConnectionError {
  override name = "CsbsTimeoutError";
}

/**
 * The one status → class table. Its keys are exactly the error statuses the spec documents (DocumentedErrorStatus is
 * generated): a status added to the spec does not compile until it has its class here. Any other status gets a plain
 * CsbsApiError.
 */
export const errorClasses: { readonly [S in DocumentedErrorStatus]: typeof CsbsApiError } = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  429: RateLimitError,
  500: InternalServerError,
  503: ServiceUnavailableError,
};
