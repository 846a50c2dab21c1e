// Type tests, checked by `tsc` (pnpm test): each @ts-expect-error line must fail to compile, or tsc reports it.
import type {
  CheckpointItem,
  CheckpointItemStatus,
  ExtendInfo,
  ListCheckpointItemsErrorStatus,
  ListCheckpointItemsQuery,
  ListCheckpointItemsResponse,
  OperationInfo,
  OperationTable,
  ResourceTag,
} from "../src/index.gen.js";
import { operationTable } from "../src/index.gen.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

// The nine documented statuses, no more, no fewer.
assert<
  Equal<
    CheckpointItemStatus,
    | "waiting_protect"
    | "protecting"
    | "available"
    | "waiting_restore"
    | "restoring"
    | "error"
    | "waiting_delete"
    | "deleting"
    | "deleted"
  >
>();

// All 16 query parameters, each optional.
assert<
  Equal<
    keyof ListCheckpointItemsQuery,
    | "status"
    | "limit"
    | "marker"
    | "sort"
    | "all_tenants"
    | "name"
    | "az"
    | "resource_id"
    | "resource_name"
    | "start_time"
    | "end_time"
    | "image_type"
    | "policy_id"
    | "offset"
    | "checkpoint_id"
    | "resource_type"
  >
>();
assert<Equal<Required<ListCheckpointItemsQuery>["limit"], number>>();
assert<Equal<Required<ListCheckpointItemsQuery>["all_tenants"], boolean>>();

// The documented error statuses.
assert<Equal<ListCheckpointItemsErrorStatus, 400 | 401 | 403 | 404 | 500 | 503>>();

// Response shape: an item's identity fields are always there, the rest optional.
const body: ListCheckpointItemsResponse = { checkpoint_items: [] };
const item = body.checkpoint_items[0] as CheckpointItem;
const id: string = item.id;
const progress: number | undefined = item.extend_info?.progress;
const failOp: ExtendInfo["fail_op"] = ""; // the seed example's empty value is allowed
const tag: ResourceTag = { key: "env", value: "" };

// The operation table's literal type is an OperationInfo list, and says what the spec says.
const table: readonly OperationInfo[] = operationTable;
// Found by its operationId, not its position: adding an operation anywhere in the spec leaves these true.
type ListEntry = Extract<OperationTable[number], { operationId: "listCheckpointItems" }>;
assert<Equal<ListEntry["operationId"], "listCheckpointItems">>();
assert<Equal<NonNullable<ListEntry["pagination"]>["items"], "checkpoint_items">>();
assert<Equal<ListEntry["errorStatuses"][number], ListCheckpointItemsErrorStatus>>();

// @ts-expect-error not a documented status
const badStatus: CheckpointItemStatus = "bogus";
// @ts-expect-error limit is an integer, not a string
const badLimit: ListCheckpointItemsQuery = { limit: "10" };
// @ts-expect-error unknown query parameter
const unknownParam: ListCheckpointItemsQuery = { page: 2 };
// @ts-expect-error items carry no invented fields
const invented: CheckpointItem["extend_info"] = { color: "red" };

export { badLimit, badStatus, failOp, id, invented, progress, table, tag, unknownParam };
