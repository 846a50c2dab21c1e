// Type tests, checked by `tsc` (pnpm test): each @ts-expect-error line must fail to compile, or tsc reports it.
import type {
  CheckpointItem,
  CheckpointItemStatus,
  Enums,
  ExtendInfo,
  ListCheckpointItemsErrorStatus,
  ListCheckpointItemsQuery,
  ListCheckpointItemsResponse,
  ListCheckpointItemsSort,
  ListCheckpointItemsSortKey,
  OperationInfo,
  OperationTable,
  ResourceTag,
  SortTerm,
} from "../src/index.gen.js";
import { type enums, operationTable, sortBy, type sortKeys } from "../src/index.gen.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

// Found by its operationId, not its position: adding an operation anywhere in the spec leaves these true.
type ListEntry = Extract<OperationTable[number], { operationId: "listCheckpointItems" }>;
type QueryNames = Extract<ListEntry["parameters"][number], { in: "query" }>["name"];

// The statuses are the spec's enum, which `enums` carries at runtime too.
assert<Equal<CheckpointItemStatus, Enums["CheckpointItemStatus"][number]>>();
assert<Equal<CheckpointItemStatus, (typeof enums.CheckpointItemStatus)[number]>>();

// Every query parameter of the operation, each optional (none is required in the spec), and no other.
assert<Equal<keyof ListCheckpointItemsQuery, QueryNames>>();
assert<Record<never, never> extends ListCheckpointItemsQuery ? true : false>();
assert<Equal<Required<ListCheckpointItemsQuery>["limit"], number>>();
assert<Equal<Required<ListCheckpointItemsQuery>["all_tenants"], boolean>>();

// The documented error statuses are the table's.
assert<Equal<ListCheckpointItemsErrorStatus, ListEntry["errorStatuses"][number]>>();

// Response shape: an item's identity fields are always there, the rest optional.
const body: ListCheckpointItemsResponse = { checkpoint_items: [] };
const item = body.checkpoint_items[0] as CheckpointItem;
const id: string = item.id;
const progress: number | undefined = item.extend_info?.progress;
const failOp: ExtendInfo["fail_op"] = ""; // the seed example's empty value is allowed
const tag: ResourceTag = { key: "env", value: "" };

// The operation table's literal type is an OperationInfo list, and says what the spec says.
const table: readonly OperationInfo[] = operationTable;
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

// Sorting, typed from x-sort: every key, alone or with either direction, and literal lists of up to three keys.
type Term = SortTerm<ListCheckpointItemsSortKey>;
assert<Equal<ListCheckpointItemsSortKey, (typeof sortKeys.listCheckpointItems)[number]>>();
assert<Term extends ListCheckpointItemsSort ? true : false>();
type Pair<A extends ListCheckpointItemsSortKey, B extends ListCheckpointItemsSortKey> = `${SortTerm<A>},${SortTerm<B>}`;
assert<[Pair<"name", "created_at"> | Pair<"status", "id">] extends [ListCheckpointItemsSort] ? true : false>();
const sorted: ListCheckpointItemsQuery = { sort: "name:asc,created_at,status:desc" };
// Any number of terms, checked, through sortBy.
const built: ListCheckpointItemsQuery = {
  sort: sortBy("status", ["created_at", "desc"], ["name"], "updated_at:asc", "id"),
};
// @ts-expect-error not a sort key, not a direction
const sideways: ListCheckpointItemsQuery = { sort: "sideways:up" };
// @ts-expect-error a known key with an unknown direction
const upward: ListCheckpointItemsQuery = { sort: "name:up" };
// @ts-expect-error sortBy checks its keys too
const badBuilt: ListCheckpointItemsQuery = { sort: sortBy(["sideways", "asc"]) };
// @ts-expect-error a string of unknown make is not a sort value
const anyString: ListCheckpointItemsQuery = { sort: String("name") };

export { anyString, badBuilt, built, sideways, sorted, upward };
