/**
 * @csbs/client: a typed client for CSBS "Querying All Backups" (GET /v1/{project_id}/checkpoint_items), on
 * openapi-fetch and the generated @csbs/types: token or AK/SK auth, auto-pagination, retries, timeouts, typed errors.
 */
export type {
  CheckpointItem,
  CheckpointItemStatus,
  ErrorBody,
  ListCheckpointItemsQuery,
  ListCheckpointItemsResponse,
  paths,
} from "@csbs/types";
export {
  type AkSkAuth,
  type CsbsClient,
  type CsbsClientOptions,
  type CsbsLogger,
  createCsbsClient,
  type ListCheckpointItems,
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
export type { CheckpointItemPage } from "./paginate.js";
