// Type tests, checked by `tsc` in `pnpm test`: every @ts-expect-error line must fail to compile.
import {
  type CheckpointItem,
  type CsbsError,
  createCsbsClient,
  type ListCheckpointItemsResponse,
  RateLimitError,
  sortBy,
} from "@csbs/client";
import { type InfiniteData, InfiniteQueryObserver, QueryClient, QueryObserver } from "@tanstack/query-core";
import { expectTypeOf } from "vitest";
import { createCsbsQueries, type OperationQueries, type PageParam } from "../src/index.js";

const csbs = createCsbsClient({ baseUrl: "http://127.0.0.1:4010", projectId: "p", auth: { token: "t" } });
const csbsq = createCsbsQueries(csbs);
const queryClient = new QueryClient();
const list = csbsq.listCheckpointItems;

export function params() {
  list.queryOptions({ status: "available", sort: "name:asc,created_at", limit: 20 });
  list.queryOptions({ sort: sortBy("status", ["created_at", "desc"], "name", "id") });
  list.queryOptions();
  // @ts-expect-error a sort key the spec's x-sort does not list
  list.queryOptions({ sort: "sideways:up" });
  // @ts-expect-error status is an enum of the spec
  list.infiniteQueryOptions({ status: "bogus" });
  // @ts-expect-error limit is an integer
  list.queryKey({ limit: "10" });
  // @ts-expect-error the project is the client's: not a parameter of a call
  list.queryOptions({ project_id: "other" });
}

export function paging() {
  // Only operations with x-pagination have infinite queries: the entry type of one that does not page has none.
  const notPaged = list as OperationQueries<"listCheckpointItems">;
  // @ts-expect-error no infiniteQueryOptions on an operation without x-pagination
  notPaged.infiniteQueryOptions();
  // @ts-expect-error nor its key
  notPaged.infiniteQueryKey();
  // Paging is the spec's: the page params and getNextPageParam are not the caller's to set.
  // @ts-expect-error
  list.infiniteQueryOptions({}, { getNextPageParam: () => "x" });
  // @ts-expect-error
  list.infiniteQueryOptions({}, { initialPageParam: "0" });
  // @ts-expect-error the key is made from the params
  list.queryOptions({}, { queryKey: ["mine"] });
}

export async function data() {
  const observer = new QueryObserver(queryClient, list.queryOptions({ limit: 1 }));
  const result = observer.getCurrentResult();
  expectTypeOf(result.data).toEqualTypeOf<ListCheckpointItemsResponse | undefined>();
  // The error type is the client's: every failure is a CsbsError (narrowed with instanceof to its status classes).
  expectTypeOf(result.error).toEqualTypeOf<CsbsError | null>();
  if (result.error instanceof RateLimitError) expectTypeOf(result.error.retryAfter).toEqualTypeOf<number | undefined>();

  // The key carries the data and error types (query-core's DataTag): the cache reads back typed.
  expectTypeOf(queryClient.getQueryData(list.queryKey({ limit: 1 }))).toEqualTypeOf<
    ListCheckpointItemsResponse | undefined
  >();
  expectTypeOf(await queryClient.fetchQuery(list.queryOptions())).toEqualTypeOf<ListCheckpointItemsResponse>();
  expectTypeOf(queryClient.getQueryState(list.queryKey())?.error).toEqualTypeOf<CsbsError | null | undefined>();
}

export function select() {
  // select changes the data type, per call.
  const ids = new QueryObserver(
    queryClient,
    list.queryOptions({}, { select: (body) => body.checkpoint_items.map((item) => item.id), staleTime: 1_000 }),
  );
  expectTypeOf(ids.getCurrentResult().data).toEqualTypeOf<string[] | undefined>();

  const pages = new InfiniteQueryObserver(queryClient, list.infiniteQueryOptions({ limit: 20 }));
  expectTypeOf(pages.getCurrentResult().data).toEqualTypeOf<
    InfiniteData<ListCheckpointItemsResponse, PageParam> | undefined
  >();
  expectTypeOf(pages.getCurrentResult().error).toEqualTypeOf<CsbsError | null>();
  const rows = new InfiniteQueryObserver(
    queryClient,
    list.infiniteQueryOptions({ limit: 20 }, { select: (d) => d.pages.flatMap((p) => p.checkpoint_items) }),
  );
  expectTypeOf(rows.getCurrentResult().data).toEqualTypeOf<CheckpointItem[] | undefined>();
  expectTypeOf(queryClient.getQueryData(list.infiniteQueryKey({ limit: 20 }))).toEqualTypeOf<
    InfiniteData<ListCheckpointItemsResponse, PageParam> | undefined
  >();
}

export function keys() {
  expectTypeOf(list.pathKey()).toEqualTypeOf<
    readonly ["csbs", "listCheckpointItems", { readonly project_id: string }]
  >();
  queryClient.invalidateQueries({ queryKey: list.pathKey() });
}
