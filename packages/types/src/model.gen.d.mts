// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.

export type * from "./model.gen.js";
import type { ApiModel } from "./model.gen.js";
/** The spec's model: every operation, normalized once (parameters, rules, paging, examples, errors, auth). */
export declare const model: ApiModel;
