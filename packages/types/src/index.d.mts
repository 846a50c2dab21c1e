// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.

export type * from "./index.js";
