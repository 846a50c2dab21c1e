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
}

type Query = Record<string, unknown>;
type Fetch = (query: Query) => Promise<{ data: unknown; response: Response; requestId: string | undefined }>;

/**
 * Marker pagination, as the operation's `x-pagination` declares it: the next page's marker parameter is the id field
 * of the previous page's last item; the limit parameter (or its spec default, `defaultLimit`) is the page size; a short or empty page
 * is the last. The caller's marker and offset apply to the first page only. A server that answers a page it already
 * gave (a last id seen before) would loop forever: that throws a CsbsError.
 */
export async function* paginate(
  paging: OperationPagination,
  fetchPage: Fetch,
  query: Query = {},
): AsyncGenerator<Page<unknown, Query>, void, undefined> {
  const { items: field, id, marker, limit, offset, defaultLimit } = paging;
  const pageSize = (query[limit as string] ?? defaultLimit) as number | undefined;
  const { [offset as string]: _offset, ...rest } = query; // an undefined offset drops nothing
  const seen = new Set<unknown>([query[marker]]);
  let pageQuery = query;
  for (;;) {
    const { data, response, requestId } = await fetchPage(pageQuery);
    const items = (data as Query | undefined)?.[field];
    if (!Array.isArray(items)) throw new CsbsError(`CSBS answered a page without ${field}`);
    // Without a page size, only an empty page ends the list.
    const full = items.length > 0 && items.length >= (pageSize ?? 1);
    const last = full ? items[items.length - 1]?.[id] : undefined;
    if (full) {
      if (typeof last !== "string" || last === "")
        throw new CsbsError(`CSBS answered a page whose last item has no ${id}`);
      if (seen.has(last)) throw new CsbsError(`CSBS repeated a page (${marker} ${last})`);
      seen.add(last);
    }
    yield { items, query: pageQuery, response, requestId };
    if (!full) return;
    pageQuery = { ...rest, [marker]: last };
  }
}
