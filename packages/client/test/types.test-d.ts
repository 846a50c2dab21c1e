// Type tests, checked by `tsc` in `pnpm test`: every @ts-expect-error line must fail to compile.
import type { CheckpointItem, ListCheckpointItemsQuery, ListCheckpointItemsResponse } from "@csbs/types";
import type { Client } from "openapi-fetch";
import { expectTypeOf } from "vitest";
import {
  CsbsApiError,
  type CsbsClient,
  type CsbsConnectionError,
  type CsbsError,
  CsbsTimeoutError,
  createCsbsClient,
  NotFoundError,
  type OperationId,
  type OperationPage,
  type PagedOperationId,
  sortBy,
  type WithResponse,
} from "../src/index.js";

const csbs = createCsbsClient({ baseUrl: "http://127.0.0.1:4010", projectId: "p", auth: { token: "t" } });

export async function typed() {
  const body = await csbs.listCheckpointItems({ status: "available", limit: 10, all_tenants: true });
  const item: CheckpointItem | undefined = body.checkpoint_items[0];
  const withResponse: WithResponse<{ checkpoint_items: CheckpointItem[] }> =
    await csbs.listCheckpointItems.withResponse(
      { limit: 1 },
      { signal: AbortSignal.timeout(1_000), timeoutMs: 500, maxRetries: 0, headers: { "X-Trace": "1" } },
    );
  const response: Response = withResponse.response;
  const requestId: string | undefined = withResponse.requestId;
  const ids: string[] = [];
  for await (const each of csbs.iterateCheckpointItems({ limit: 100 })) ids.push(each.id);
  const pages: OperationPage<"listCheckpointItems">[] = [];
  for await (const page of csbs.pages()) pages.push(page satisfies { items: CheckpointItem[] });
  const raw: Client<import("@csbs/types").paths> = csbs.raw;
  return [item?.extend_info?.progress, response, requestId, ids, pages, raw] as const;
}

export function options() {
  createCsbsClient({
    baseUrl: "https://csbs.ap-southeast-1.myhuaweicloud.com",
    projectId: "p",
    auth: { accessKey: "AK", secretKey: "SK", securityToken: "ST" },
    timeoutMs: 10_000,
    maxRetries: 5,
    fetch: globalThis.fetch,
    headers: { "X-Trace": "1" },
    logger: console,
    now: () => new Date(),
  });
  createCsbsClient({ baseUrl: "u", projectId: "p", auth: { accessKey: "AK", secretKey: "SK" }, now: Date.now });
}

export function errors(error: unknown) {
  if (error instanceof CsbsApiError) {
    const fields: [number, string | undefined, string, string | undefined, Headers, unknown] = [
      error.status,
      error.code,
      error.message,
      error.requestId,
      error.headers,
      error.body,
    ];
    return fields;
  }
  const hierarchy: CsbsError[] = [new NotFoundError(404, undefined), new CsbsTimeoutError("t")];
  const connection: CsbsConnectionError = new CsbsTimeoutError("t");
  return [hierarchy, connection];
}

export async function rejected() {
  // @ts-expect-error "bogus" is not a documented status
  await csbs.listCheckpointItems({ status: "bogus" });
  // @ts-expect-error limit is a number
  await csbs.listCheckpointItems({ limit: "10" });
  // @ts-expect-error unknown query parameter
  await csbs.listCheckpointItems({ page: 2 });
  // @ts-expect-error all_tenants is a boolean
  await csbs.listCheckpointItems({ all_tenants: "yes" });
  // @ts-expect-error unknown per-call option
  await csbs.listCheckpointItems({}, { retries: 1 });
  // @ts-expect-error a token and a key pair at once
  createCsbsClient({ baseUrl: "u", projectId: "p", auth: { token: "t", secretKey: "s" } });
  // @ts-expect-error an access key without its secret key
  createCsbsClient({ baseUrl: "u", projectId: "p", auth: { accessKey: "AK" } });
  // @ts-expect-error projectId is required
  createCsbsClient({ baseUrl: "u", auth: { token: "t" } });
  // @ts-expect-error the logger needs debug()
  createCsbsClient({ baseUrl: "u", projectId: "p", auth: { token: "t" }, logger: {} });
  // @ts-expect-error internals are not exported
  await import("../src/index.js").then((m) => m.createSigner);
}

// The generated surface: methods typed from the spec's operations.
export function generated() {
  expectTypeOf<OperationId>().toEqualTypeOf<"listCheckpointItems">();
  expectTypeOf<PagedOperationId>().toEqualTypeOf<"listCheckpointItems">();
  expectTypeOf<keyof CsbsClient>().toEqualTypeOf<
    "listCheckpointItems" | "iterateCheckpointItems" | "pages" | "raw" | "commonPathParams"
  >();
  expectTypeOf(csbs.commonPathParams).toEqualTypeOf<Readonly<Record<"project_id", string>>>();
  expectTypeOf(csbs.listCheckpointItems).parameter(0).toEqualTypeOf<ListCheckpointItemsQuery | undefined>();
  expectTypeOf(csbs.listCheckpointItems).returns.resolves.toEqualTypeOf<ListCheckpointItemsResponse>();
  expectTypeOf(csbs.listCheckpointItems.withResponse).returns.resolves.toEqualTypeOf<
    WithResponse<ListCheckpointItemsResponse>
  >();
  expectTypeOf(csbs.iterateCheckpointItems).returns.toEqualTypeOf<AsyncGenerator<CheckpointItem, void, undefined>>();
  expectTypeOf(csbs.pages).returns.toEqualTypeOf<
    AsyncGenerator<OperationPage<"listCheckpointItems">, void, undefined>
  >();
  expectTypeOf(csbs.listCheckpointItems.pages).toEqualTypeOf(csbs.pages);
  // @ts-expect-error project_id is the client's (projectId), not a call parameter
  csbs.listCheckpointItems({ project_id: "other" });
  // @ts-expect-error marker is a string
  csbs.iterateCheckpointItems({ marker: 5 });
  // sort is typed from the spec's x-sort: its keys, either direction, several terms
  csbs.listCheckpointItems({ sort: "status:asc,created_at" });
  csbs.listCheckpointItems({ sort: sortBy("status", ["created_at", "desc"], "name", "id:asc") });
  // @ts-expect-error not a sort key or direction of the spec
  csbs.listCheckpointItems({ sort: "sideways:up" });
  // @ts-expect-error unknown query parameter on the page iterator too
  csbs.pages({ page: 2 });
}
