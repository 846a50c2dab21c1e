/**
 * Paging (`x-pagination` in the model): one rule for the data set and for a named example's list. A page starts after
 * the item whose `id` is the marker (an id the query does not answer is a 400), skips `offset` items, and holds
 * `limit` items, the limit parameter's default when none is sent (everything when the spec gives none).
 */
import type { PaginationModel } from "@csbs/types/model";
import { quote } from "./answers.js";
import type { QueryValues, Violation } from "./types.js";

export interface PageRequest {
  marker: string | undefined;
  offset: number;
  limit: number;
}

export function pageRequest(pg: PaginationModel, values: QueryValues): PageRequest {
  const marker = values.get(pg.marker);
  const offset = pg.offset === undefined ? undefined : values.get(pg.offset);
  const limit = pg.limit === undefined ? undefined : values.get(pg.limit);
  return {
    marker: marker === undefined ? undefined : String(marker),
    offset: Number(offset ?? 0),
    limit: Number(limit ?? pg.defaultLimit ?? Number.POSITIVE_INFINITY),
  };
}

/** The 400's violation for a marker that is not the id of an item the query answers. */
export const unknownMarker = (pg: PaginationModel, marker: string): Violation => ({
  location: ["request", "query", pg.marker],
  severity: "Error",
  code: "marker",
  message: `${pg.marker} ${quote(marker)} is not the ${pg.id} of a backup this query answers`,
});

/** A list (a named example's) paged by the request: the page, or the unknown marker's violation. */
export function pageOfList<T>(
  list: readonly T[],
  pg: PaginationModel,
  page: PageRequest,
): { items: T[] } | { violation: Violation } {
  let start = 0;
  if (page.marker !== undefined) {
    const at = list.findIndex((item) => (item as Record<string, unknown> | null)?.[pg.id] === page.marker);
    if (at < 0) return { violation: unknownMarker(pg, page.marker) };
    start = at + 1;
  }
  start += page.offset;
  return { items: list.slice(start, start + page.limit) };
}
