import type { OperationPagination } from "@csbs/types";
import { CsbsError } from "./errors.js";

/** One page of an operation's items, as the page iterator yields it. */
export interface Page<Item, Query> {
  /** The items of this page, in the server's order. */
  items: Item[];
  /** The query that fetched this page (its marker parameter resumes here). */
  query: Query;
  /** The HTTP response (body already read). */
  response: Response;
  /** X-Request-Id of the response, when sent. */
  requestId: string | undefined;
  /** The marker of the next page (this page's last id); undefined when this page is the last. */
  nextMarker: string | undefined;
  /** Whether this page is the last: shorter than the page size (an empty page included). */
  last: boolean;
}

type Query = Record<string, unknown>;
type Fetch = (query: Query) => Promise<{ data: unknown; response: Response; requestId: string | undefined }>;

/**
 * The paging rule of `x-pagination`, in one place (the page iterator and @csbs/query's infinite queries use it): a
 * page as long as the page size — the query's limit, else the spec's default — is followed by the page after its last
 * item's id; a shorter or empty page is the last (undefined). Without a page size, only an empty page ends the list.
 */
export function nextMarker(paging: OperationPagination, query: Query, data: unknown): string | undefined {
  const { items: field, id, limit, defaultLimit } = paging;
  const items = (data as Query | undefined)?.[field];
  if (!Array.isArray(items)) throw new CsbsError(`CSBS answered a page without ${field}`);
  const pageSize = (query[limit as string] ?? defaultLimit) as number | undefined;
  if (items.length === 0 || items.length < (pageSize ?? 1)) return undefined;
  const last = items[items.length - 1]?.[id];
  if (typeof last !== "string" || last === "") throw new CsbsError(`CSBS answered a page whose last item has no ${id}`);
  return last;
}

/** The query of the page after `marker`: the caller's query with that marker, and without offset (first page only). */
export function nextPageQuery(paging: OperationPagination, query: Query, marker: string): Query {
  const { [paging.offset as string]: _offset, ...rest } = query; // an undefined offset drops nothing
  return { ...rest, [paging.marker]: marker };
}

/**
 * Marker pagination, as the operation's `x-pagination` declares it (`nextMarker`). The caller's marker and offset
 * apply to the first page only. A server that answers a page it already gave (a last id seen before) would loop
 * forever: that throws a CsbsError.
 */
export async function* paginate(
  paging: OperationPagination,
  fetchPage: Fetch,
  query: Query = {},
): AsyncGenerator<Page<unknown, Query>, void, undefined> {
  const { items: field, marker } = paging;
  const seen = new Set<unknown>([query[marker]]);
  let pageQuery = query;
  for (;;) {
    const { data, response, requestId } = await fetchPage(pageQuery);
    const next = nextMarker(paging, pageQuery, data);
    if (next !== undefined && seen.has(next)) throw new CsbsError(`CSBS repeated a page (${marker} ${next})`);
    seen.add(next);
    const items = (data as Query)[field] as unknown[];
    yield { items, query: pageQuery, response, requestId, nextMarker: next, last: next === undefined };
    if (next === undefined) return;
    pageQuery = nextPageQuery(paging, query, next);
  }
}
