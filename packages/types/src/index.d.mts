// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.

export type * from "./index.js";
import type { OperationTable } from "./index.js";
/** Every operation of the spec, in document order: what @csbs/client builds its methods from. */
export declare const operationTable: OperationTable;
