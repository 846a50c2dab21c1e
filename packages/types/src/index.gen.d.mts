// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.

export type * from "./index.gen.js";
import type { CommonPathParameters, Enums, OperationTable, SortKeys, SortBuilt, SortDirection, SortTerm } from "./index.gen.js";
/** Every operation of the spec, in document order: what @csbs/client builds its methods from. */
export declare const operationTable: OperationTable;
/** The path parameters every operation has: the client takes them once (`project_id` → `projectId`). */
export declare const commonPathParameters: CommonPathParameters;
/** Every enum of the spec's schemas and parameters, as arrays (a select's options, a runtime check). */
export declare const enums: Enums;
/** The sort keys of each operation that sorts (its x-sort), by operationId. */
export declare const sortKeys: SortKeys;
export declare function sortBy<K extends string>(
  ...terms: readonly [SortTerm<K> | readonly [K, SortDirection?], ...(SortTerm<K> | readonly [K, SortDirection?])[]]
): SortBuilt<K>;
