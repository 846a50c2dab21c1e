// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.

import type { components, operations } from "./openapi.mjs";

export type { components, operations, paths, $defs, webhooks } from "./openapi.mjs";

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
export type ListCheckpointItemsQuery = NonNullable<operations["listCheckpointItems"]["parameters"]["query"]>;
export type ListCheckpointItemsResponse = operations["listCheckpointItems"]["responses"][200]["content"]["application/json"];
/** The documented error statuses of listCheckpointItems. */
export type ListCheckpointItemsErrorStatus = Exclude<keyof operations["listCheckpointItems"]["responses"], 200 | "default">;
export type ListCheckpointItemsPath = "/v1/{project_id}/checkpoint_items";
