// generated from the spec's model (@csbs/types/model) by `pnpm generate` — do not edit.

import type { OperationPagination } from "@csbs/client";
import type { OperationQueries, PagedOperationQueries } from "./index.js";

/** One entry per operation of "Huawei Cloud CSBS — Querying All Backups", named by its operationId. */
export interface CsbsQueries {
  /**
   * Querying All Backups — `GET /v1/{project_id}/checkpoint_items`
   *
   * This API is used to query all backups. Filtering parameters are supported.
   *
   * Results are paged: pass the `id` of the last item of a page as `marker` to get the next one. A page shorter
   * than `limit` is the last.
   *
   * Pages (x-pagination): `infiniteQueryOptions` walks `checkpoint_items` by `marker` = the last item's `id`.
   */
  readonly listCheckpointItems: PagedOperationQueries<"listCheckpointItems">;
}

/** Each operation's paging (its x-pagination), or null when it does not page. */
export const operations: { readonly [K in keyof CsbsQueries]: OperationPagination | null } = {
  listCheckpointItems: {"style":"marker","items":"checkpoint_items","id":"id","marker":"marker","limit":"limit","offset":"offset","defaultLimit":1000},
};
