import type { CheckpointItem, ListCheckpointItemsQuery, ListCheckpointItemsResponse } from "@csbs/types";
import { CsbsError } from "./errors.js";

/** The page size CSBS uses when the query sets no `limit`. */
export const DEFAULT_PAGE_SIZE = 1000;

/** One page of backups, as `pages()` yields it. */
export interface CheckpointItemPage {
  /** The backups of this page, in the server's order. */
  items: CheckpointItem[];
  /** The query that fetched this page (its `marker` resumes here). */
  query: ListCheckpointItemsQuery;
  /** The HTTP response (body already read). */
  response: Response;
  /** X-Request-Id of the response, when sent. */
  requestId: string | undefined;
}

type Fetch = (
  query: ListCheckpointItemsQuery,
) => Promise<{ data: ListCheckpointItemsResponse; response: Response; requestId: string | undefined }>;

/**
 * Marker pagination: `marker` = `id` of the last item of the previous page; the caller's `limit` is the page size;
 * a short or empty page is the last. The caller's `marker` and `offset` apply to the first page only. A server that
 * answers a page it already gave (a last `id` seen before) would loop forever: that throws a CsbsError.
 */
export async function* paginate(
  fetchPage: Fetch,
  query: ListCheckpointItemsQuery = {},
): AsyncGenerator<CheckpointItemPage, void, undefined> {
  const pageSize = query.limit ?? DEFAULT_PAGE_SIZE;
  const { offset: _offset, ...rest } = query;
  const seen = new Set<string>();
  if (query.marker) seen.add(query.marker);
  let pageQuery = query;
  for (;;) {
    const { data, response, requestId } = await fetchPage(pageQuery);
    const items = data?.checkpoint_items;
    if (!Array.isArray(items)) throw new CsbsError("CSBS answered a page without checkpoint_items");
    const full = items.length > 0 && items.length >= pageSize;
    const last = full ? items[items.length - 1]?.id : undefined;
    if (full) {
      if (typeof last !== "string" || last === "")
        throw new CsbsError("CSBS answered a page whose last item has no id");
      if (seen.has(last)) throw new CsbsError(`CSBS repeated a page (marker ${last})`);
      seen.add(last);
    }
    yield { items, query: pageQuery, response, requestId };
    if (!full) return;
    pageQuery = { ...rest, marker: last as string };
  }
}
