/**
 * @csbs/client: a typed client for Huawei Cloud CSBS, generated over the operation table of @csbs/types (one method
 * per operation of the spec) on openapi-fetch: token or AK/SK auth, auto-pagination, retries, timeouts, typed errors.
 */

// Every type of the API (schemas, per-operation Query/Response/…, paths, operations): the declarations stand alone.
export type * from "@csbs/types";
// The spec's enums, sort keys and sortBy at runtime (a select's options, a sort control), from the same generator.
export { enums, sortBy, sortKeys } from "@csbs/types";
export {
  type AkSkAuth,
  type ClientOptions,
  type CommonPathOptions,
  type CsbsClient,
  type CsbsClientOptions,
  type CsbsLogger,
  createCsbsClient,
  type OperationArgs,
  type OperationId,
  type OperationMethod,
  type OperationPage,
  type OperationParams,
  type OperationResponse,
  type PagedOperationId,
  type PagedOperationMethod,
  type PageItem,
  type PageIterator,
  type TokenAuth,
  type WithResponse,
} from "./client.js";
export {
  AuthenticationError,
  BadRequestError,
  CsbsApiError,
  CsbsConnectionError,
  CsbsError,
  CsbsTimeoutError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
} from "./errors.js";
export { nextMarker, nextPageQuery, type Page } from "./paginate.js";
export type { RequestOptions } from "./request.js";
// The statuses the client retries, in one place: the reference's errors tables read it.
export { RETRYABLE_STATUS } from "./retry.js";
