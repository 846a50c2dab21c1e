// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.

import type { components, operations } from "./openapi.gen.js";

export type { components, operations, paths, $defs, webhooks } from "./openapi.gen.js";

// Component schemas
export type BackupData = components["schemas"]["BackupData"];
export type CheckpointItem = components["schemas"]["CheckpointItem"];
export type CheckpointItemList = components["schemas"]["CheckpointItemList"];
export type CheckpointItemStatus = components["schemas"]["CheckpointItemStatus"];
export type ErrorBody = components["schemas"]["ErrorBody"];
export type ExtendInfo = components["schemas"]["ExtendInfo"];
export type FailCode = components["schemas"]["FailCode"];
export type ImageData = components["schemas"]["ImageData"];
export type LocalDateTime = components["schemas"]["LocalDateTime"];
export type ResourceTag = components["schemas"]["ResourceTag"];
export type VolumeBackup = components["schemas"]["VolumeBackup"];

// GET /v1/{project_id}/checkpoint_items
export type ListCheckpointItemsOperation = operations["listCheckpointItems"];
export type ListCheckpointItemsPathParams = NonNullable<operations["listCheckpointItems"]["parameters"]["path"]>;
/** The sort keys of listCheckpointItems (its x-sort). */
export type ListCheckpointItemsSortKey = "created_at" | "updated_at" | "name" | "status" | "protected_at" | "id";
/** A `sort` value of listCheckpointItems: `key[:asc|desc]` terms of its sort keys. */
export type ListCheckpointItemsSort = SortValue<ListCheckpointItemsSortKey>;
/** The query parameters of listCheckpointItems; `sort` is typed from its x-sort. */
export type ListCheckpointItemsQuery = Flatten<Omit<NonNullable<operations["listCheckpointItems"]["parameters"]["query"]>, "sort"> & { "sort"?: ListCheckpointItemsSort }>;
export type ListCheckpointItemsResponse = operations["listCheckpointItems"]["responses"][200]["content"]["application/json"];
/** The documented error statuses of listCheckpointItems. */
export type ListCheckpointItemsErrorStatus = Exclude<keyof operations["listCheckpointItems"]["responses"], 200 | "default">;
export type ListCheckpointItemsPath = "/v1/{project_id}/checkpoint_items";

/** Each operation's query parameters, with `sort` typed from its x-sort. */
export interface OperationQueries {
  "listCheckpointItems": ListCheckpointItemsQuery;
}

// Sorting (x-sort)
/** An intersection as one object type (what editors show, and what equality checks compare). */
type Flatten<T> = { [P in keyof T]: T[P] } & {};
export type SortDirection = "asc" | "desc";
/** One sort term: a key, with or without a direction. */
export type SortTerm<K extends string> = K | `${K}:${SortDirection}`;
type SortPairs<K extends string> = { [A in K]: { [B in Exclude<K, A>]: `${SortTerm<A>},${SortTerm<B>}` }[Exclude<K, A>] }[K];
type SortTriples<K extends string> = {
  [A in K]: {
    [B in Exclude<K, A>]: {
      [C in Exclude<K, A | B>]: `${SortTerm<A>},${SortTerm<B>},${SortTerm<C>}`;
    }[Exclude<K, A | B>];
  }[Exclude<K, A>];
}[K];
declare const sortBrand: unique symbol;
/** A sort value `sortBy` built from [key, direction] pairs, of any length: its keys are checked. */
export type SortBuilt<K extends string> = string & { readonly [sortBrand]: K };
/**
 * A `sort` value over keys K: one to three terms of distinct keys written as a literal (`"name:asc,created_at"`), or
 * any number of terms built with `sortBy`. A key that is not K's does not compile.
 */
export type SortValue<K extends string> = SortTerm<K> | SortPairs<K> | SortTriples<K> | SortBuilt<K>;
/** Builds a `sort` value: `sortBy("status", ["created_at", "desc"])` → `"status,created_at:desc"`. */
export declare function sortBy<K extends string>(
  ...terms: readonly [SortTerm<K> | readonly [K, SortDirection?], ...(SortTerm<K> | readonly [K, SortDirection?])[]]
): SortBuilt<K>;

// The operation table (runtime: index.gen.js, index.gen.mjs)
/** One parameter of an operation: `default` is its schema's default, when it has one. */
export interface OperationParameter {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly default?: unknown;
}
/**
 * How an operation pages (its `x-pagination`): items field, their id field, the paging query parameters, and the
 * page size when none is sent (the limit parameter's default).
 */
export interface OperationPagination {
  readonly style: "marker";
  readonly items: string;
  readonly id: string;
  readonly marker: string;
  readonly limit?: string;
  readonly offset?: string;
  readonly defaultLimit?: number;
}
/** One operation of the spec. */
export interface OperationInfo {
  readonly operationId: keyof operations;
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly OperationParameter[];
  /** The error statuses the spec documents for it, ascending. */
  readonly errorStatuses: readonly number[];
  readonly pagination?: OperationPagination;
}
export type OperationTable = readonly [
  {
    readonly "operationId": "listCheckpointItems";
    readonly "method": "get";
    readonly "path": "/v1/{project_id}/checkpoint_items";
    readonly "parameters": readonly [
      {
        readonly "name": "project_id";
        readonly "in": "path";
        readonly "required": true;
      },
      {
        readonly "name": "status";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "limit";
        readonly "in": "query";
        readonly "required": false;
        readonly "default": 1000;
      },
      {
        readonly "name": "marker";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "sort";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "all_tenants";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "name";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "az";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "resource_id";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "resource_name";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "start_time";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "end_time";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "image_type";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "policy_id";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "offset";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "checkpoint_id";
        readonly "in": "query";
        readonly "required": false;
      },
      {
        readonly "name": "resource_type";
        readonly "in": "query";
        readonly "required": false;
      },
    ];
    readonly "errorStatuses": readonly [
      400,
      401,
      403,
      404,
      429,
      500,
      503,
    ];
    readonly "pagination": {
      readonly "style": "marker";
      readonly "items": "checkpoint_items";
      readonly "id": "id";
      readonly "marker": "marker";
      readonly "limit": "limit";
      readonly "offset": "offset";
      readonly "defaultLimit": 1000;
    };
  },
];
/** Every error status documented by an operation of the spec. */
export type DocumentedErrorStatus = OperationTable[number]["errorStatuses"][number];
/** Every operation of the spec, in document order: what @csbs/client builds its methods from. */
export declare const operationTable: OperationTable;
export type CommonPathParameters = readonly [
  "project_id",
];
/** The path parameters every operation has: the client takes them once (`project_id` → `projectId`). */
export declare const commonPathParameters: CommonPathParameters;
export type Enums = {
  readonly "BackupDataImagetype": readonly [
    "gold",
    "private",
    "market",
    "",
  ];
  readonly "CheckpointItemStatus": readonly [
    "waiting_protect",
    "protecting",
    "available",
    "waiting_restore",
    "restoring",
    "error",
    "waiting_delete",
    "deleting",
    "deleted",
  ];
  readonly "ExtendInfoCopyStatus": readonly [
    "na",
    "replica_copy",
    "copying",
    "success",
    "fail",
  ];
  readonly "ExtendInfoFailOp": readonly [
    "backup",
    "restore",
    "delete",
    "",
  ];
  readonly "ExtendInfoHypervisorType": readonly [
    "QEMU",
  ];
  readonly "ExtendInfoSupportedRestoreMode": readonly [
    "na",
    "snapshot",
    "backup",
  ];
  readonly "VolumeBackupImageType": readonly [
    "backup",
  ];
};
/** Every enum of the spec's schemas and parameters, as arrays (a select's options, a runtime check). */
export declare const enums: Enums;
export type SortKeys = {
  readonly "listCheckpointItems": readonly [
    "created_at",
    "updated_at",
    "name",
    "status",
    "protected_at",
    "id",
  ];
};
/** The sort keys of each operation that sorts (its x-sort), by operationId. */
export declare const sortKeys: SortKeys;
