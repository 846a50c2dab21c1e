/**
 * @csbs/query: TanStack Query options for every operation of the spec, over a @csbs/client instance. One entry per
 * operation (src/operations.gen.ts, generated from the spec's model): `queryKey`, `pathKey`, `queryOptions`, and on
 * operations with `x-pagination`, `infiniteQueryKey` and `infiniteQueryOptions`. Plain option objects typed with
 * @tanstack/query-core, so every adapter (React, Vue, Solid, Svelte, Angular) takes them.
 */
import {
  type CsbsClient,
  CsbsError,
  nextMarker,
  nextPageQuery,
  type OperationId,
  type OperationPagination,
  type OperationParams,
  type OperationResponse,
  type PagedOperationId,
} from "@csbs/client";
import type {
  DataTag,
  InfiniteData,
  InfiniteQueryObserverOptions,
  OmitKeyof,
  QueryObserverOptions,
} from "@tanstack/query-core";
import { type CsbsQueries, operations } from "./operations.gen.js";

export type { CsbsQueries } from "./operations.gen.js";

/** The client's common path parameters (`{ project_id }`): in every key, so two projects never share one. */
export type CommonParams = CsbsClient["commonPathParams"];
/** A key's parameters: the operation's (sorted, empty values dropped) and the client's common ones. */
export type KeyParams<K extends OperationId> = CommonParams & OperationParams<K>;
/** The key every query of an operation starts with, for this client's project. */
export type CsbsPathKey<K extends OperationId> = readonly ["csbs", K, CommonParams];
/** One query's key: `["csbs", operationId, params]`. */
export type CsbsQueryKey<K extends OperationId> = readonly ["csbs", K, KeyParams<K>];
/** One infinite query's key: its query key and `"infinite"` (pages are not the plain query's data). */
export type CsbsInfiniteQueryKey<K extends OperationId> = readonly ["csbs", K, KeyParams<K>, "infinite"];
/** The marker of a page: null for the first page, which sends none. */
export type PageParam = string | null;
/** An infinite query's data: the pages (response bodies) and the marker that fetched each. */
export type CsbsInfiniteData<K extends OperationId> = InfiniteData<OperationResponse<K>, PageParam>;

type Empty = Record<never, never>;
type Args<K extends OperationId, O> =
  Empty extends OperationParams<K>
    ? [params?: OperationParams<K>, options?: O]
    : [params: OperationParams<K>, options?: O];
type KeyArgs<K extends OperationId> =
  Empty extends OperationParams<K> ? [params?: OperationParams<K>] : [params: OperationParams<K>];
type Reserved = "queryKey" | "queryFn" | "queryHash" | "queryKeyHashFn";
type PagingReserved = "initialPageParam" | "getNextPageParam" | "getPreviousPageParam";
/** B's properties over A's. */
type Spread<A, B> = Omit<A, keyof B> & B;
/** The options' default retry (`retry`, below). */
type Retry = (failureCount: number, error: CsbsError) => boolean;

/** What a call may set: any option of TanStack's but the key and the function (`select` changes the data type). */
export type CsbsQueryOptionsIn<K extends OperationId> = OmitKeyof<
  QueryObserverOptions<OperationResponse<K>, CsbsError, unknown, OperationResponse<K>, CsbsQueryKey<K>>,
  Reserved
>;
/**
 * Options for useQuery, fetchQuery, …: the key tagged with the data and error (CsbsError) types, the function, the
 * retry policy and what the call set. Only those properties are declared, so every adapter's own option types (Vue's
 * refs, Solid's and Svelte's getters) take the object as it is.
 */
export type CsbsQueryOptions<K extends OperationId, TOptions = Empty> = Spread<
  { retry: Retry; select?: (data: OperationResponse<K>) => OperationResponse<K> },
  Omit<TOptions, Reserved>
> & {
  queryKey: DataTag<CsbsQueryKey<K>, OperationResponse<K>, CsbsError>;
  queryFn: (context: { signal: AbortSignal }) => Promise<OperationResponse<K>>;
};
/** What an infinite query call may set: paging itself is the spec's (x-pagination). */
export type CsbsInfiniteQueryOptionsIn<K extends OperationId> = OmitKeyof<
  InfiniteQueryObserverOptions<OperationResponse<K>, CsbsError, unknown, CsbsInfiniteQueryKey<K>, PageParam>,
  Reserved | PagingReserved
>;
/** Options for useInfiniteQuery, fetchInfiniteQuery, …: each page is one response body, its marker the page param. */
export type CsbsInfiniteQueryOptions<K extends OperationId, TOptions = Empty> = Spread<
  { retry: Retry; select?: (data: CsbsInfiniteData<K>) => CsbsInfiniteData<K> },
  Omit<TOptions, Reserved | PagingReserved>
> & {
  queryKey: DataTag<CsbsInfiniteQueryKey<K>, CsbsInfiniteData<K>, CsbsError>;
  queryFn: (context: { pageParam: PageParam; signal: AbortSignal }) => Promise<OperationResponse<K>>;
  initialPageParam: PageParam;
  getNextPageParam: (lastPage: OperationResponse<K>) => PageParam;
};

/** The entry of an operation. */
export interface OperationQueries<K extends OperationId> {
  /** The prefix of every key of this operation for this client's project: `invalidateQueries({ queryKey })`. */
  pathKey(): CsbsPathKey<K>;
  /** One query's exact key (a prefix of its infinite query's key too). */
  queryKey(...args: KeyArgs<K>): DataTag<CsbsQueryKey<K>, OperationResponse<K>, CsbsError>;
  /** Options of one call of the operation; `options` are TanStack's, over ours (retry: see `retry`). */
  queryOptions<TOptions extends CsbsQueryOptionsIn<K> = Empty>(
    ...args: Args<K, TOptions & CsbsQueryOptionsIn<K>>
  ): CsbsQueryOptions<K, TOptions>;
}
/** The entry of an operation with `x-pagination`: its pages too. */
export interface PagedOperationQueries<K extends PagedOperationId> extends OperationQueries<K> {
  /** One infinite query's exact key. */
  infiniteQueryKey(...args: KeyArgs<K>): DataTag<CsbsInfiniteQueryKey<K>, CsbsInfiniteData<K>, CsbsError>;
  /**
   * Options of the operation's pages, as x-pagination says: the first page sends no marker, the next one the last
   * item's id, a page shorter than the limit is the last; `offset` applies to the first page only.
   */
  infiniteQueryOptions<TOptions extends CsbsInfiniteQueryOptionsIn<K> = Empty>(
    ...args: Args<K, TOptions & CsbsInfiniteQueryOptionsIn<K>>
  ): CsbsInfiniteQueryOptions<K, TOptions>;
}

type Params = Record<string, unknown>;
type Call = (params: Params, options: { signal: AbortSignal }) => Promise<unknown>;
type Context = { signal: AbortSignal; pageParam?: unknown };

/**
 * The default `retry`: the client already retried what may be retried (CsbsError: with backoff and Retry-After), so
 * TanStack's own retries would multiply its attempts; anything else gets TanStack's default three.
 */
export const retry = (failureCount: number, error: unknown): boolean =>
  !(error instanceof CsbsError) && failureCount < 3;

/** Sorted, without undefined, null and "" (what a cleared filter leaves): equal queries, equal keys. */
function keyParams(common: CommonParams, params: Params = {}): Params {
  const all: Params = { ...params, ...common };
  return Object.fromEntries(
    Object.keys(all)
      .sort()
      .filter((k) => all[k] !== undefined && all[k] !== null && all[k] !== "")
      .map((k) => [k, all[k]]),
  );
}

/** An operation's infinite query: pages fetched by `marker`, as the client's own page iterator does. */
function infinite(paging: OperationPagination, call: Call, key: (params?: Params) => unknown[]) {
  const infiniteQueryKey = (params?: Params) => [...key(params), "infinite"];
  return {
    infiniteQueryKey,
    infiniteQueryOptions: (params?: Params, options?: object) => {
      const queryKey = infiniteQueryKey(params);
      const first = queryKey[2] as Params;
      return {
        retry,
        ...options,
        queryKey,
        initialPageParam: null,
        queryFn: async ({ pageParam, signal }: Context) => {
          const query = typeof pageParam === "string" ? nextPageQuery(paging, first, pageParam) : first;
          const page = await call(query, { signal });
          nextMarker(paging, query, page); // a malformed page fails here, not in getNextPageParam (during a render)
          return page;
        },
        getNextPageParam: (page: unknown) => nextMarker(paging, first, page) ?? null,
      };
    },
  };
}

/** TanStack Query options for every operation of the spec, over this client (its project is in every key). */
export function createCsbsQueries(csbs: CsbsClient): CsbsQueries {
  const common = csbs.commonPathParams;
  const entries: Record<string, object> = {};
  for (const [id, paging] of Object.entries(operations)) {
    const call = csbs[id as OperationId] as unknown as Call;
    const queryKey = (params?: Params) => ["csbs", id, keyParams(common, params)];
    const entry = {
      pathKey: () => ["csbs", id, { ...common }],
      queryKey,
      queryOptions: (params?: Params, options?: object) => {
        const key = queryKey(params);
        return {
          retry,
          ...options,
          queryKey: key,
          queryFn: ({ signal }: Context) => call(key[2] as Params, { signal }),
        };
      },
    };
    entries[id] = paging ? { ...entry, ...infinite(paging, call, queryKey) } : entry;
  }
  return entries as unknown as CsbsQueries;
}
