/**
 * @csbs/client: a typed client for Huawei Cloud CSBS, generated over the operation table of @csbs/types (one method
 * per operation of the spec) on openapi-fetch: token or AK/SK auth, auto-pagination, retries, timeouts, typed errors.
 */
import type { OperationMethod, OperationPage } from "./client.js";

// Every type of the API (schemas, per-operation Query/Response/…, paths, operations): the declarations stand alone.
export type * from "@csbs/types";
export {
  type AkSkAuth,
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
  type RequestOptions,
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
  ServiceUnavailableError,
} from "./errors.js";
export type { Page } from "./paginate.js";

// Names of the first release, kept for its consumers.
/** The method of listCheckpointItems. */
export type ListCheckpointItems = OperationMethod<"listCheckpointItems">;
/** One page of listCheckpointItems, as `pages()` yields it. */
export type CheckpointItemPage = OperationPage<"listCheckpointItems">;
