/**
 * @csbs/client: a typed client for CSBS "Querying All Backups", on openapi-fetch and the generated @csbs/types.
 */
import type { ErrorBody, ListCheckpointItemsQuery, ListCheckpointItemsResponse, paths } from "@csbs/types";
import createClient, { type Client } from "openapi-fetch";

export type { CheckpointItem, ListCheckpointItemsQuery, ListCheckpointItemsResponse } from "@csbs/types";

export interface CsbsClientOptions {
  /** e.g. "https://csbs.ap-southeast-1.myhuaweicloud.com", or the mock "http://127.0.0.1:4010". */
  baseUrl: string;
  /** The project whose backups are listed. */
  projectId: string;
  /** How requests authenticate: an IAM user token, sent as X-Auth-Token. */
  auth: { token: string };
  /** A fetch implementation; default: the global fetch. */
  fetch?: typeof globalThis.fetch;
}

/** Base class of every error this client throws. */
export class CsbsError extends Error {
  override name = "CsbsError";
}

/** The API answered with an error status. */
export class CsbsApiError extends CsbsError {
  override name = "CsbsApiError";
  constructor(
    readonly status: number,
    readonly body: ErrorBody | string | undefined,
    readonly requestId: string | undefined,
  ) {
    const detail = typeof body === "object" && body ? `${body.error_code}: ${body.error_msg}` : (body ?? "");
    super(`CSBS API error ${status}${detail ? ` ${detail}` : ""}`);
  }
  /** The CSBS error code, e.g. "CSBS.9001". */
  get code(): string | undefined {
    return typeof this.body === "object" ? this.body?.error_code : undefined;
  }
}

export interface CsbsClient {
  /** One page of backups; throws CsbsApiError on an error status. */
  listCheckpointItems(query?: ListCheckpointItemsQuery): Promise<ListCheckpointItemsResponse>;
  /** The typed openapi-fetch client, for full control. */
  readonly raw: Client<paths>;
}

export function createCsbsClient(options: CsbsClientOptions): CsbsClient {
  for (const key of ["baseUrl", "projectId"] as const) {
    if (typeof options?.[key] !== "string" || options[key].length === 0) {
      throw new CsbsError(`createCsbsClient: "${key}" must be a non-empty string`);
    }
  }
  if (typeof options.auth?.token !== "string" || options.auth.token.length === 0) {
    throw new CsbsError('createCsbsClient: "auth.token" must be a non-empty string');
  }
  const raw = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers: { "X-Auth-Token": options.auth.token },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const projectId = options.projectId;

  return {
    raw,
    async listCheckpointItems(query = {}) {
      const { data, error, response } = await raw.GET("/v1/{project_id}/checkpoint_items", {
        params: { path: { project_id: projectId }, query },
      });
      if (data !== undefined) return data;
      const body = error as ErrorBody | string | undefined;
      const requestId =
        response.headers.get("x-request-id") ?? (typeof body === "object" ? body?.request_id : undefined);
      throw new CsbsApiError(response.status, body, requestId ?? undefined);
    },
  };
}
