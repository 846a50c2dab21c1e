/**
 * `pnpm generate` for @csbs/query: writes src/operations.gen.ts from the spec's model (`@csbs/types/model`, itself
 * generated from spec/): one entry per operation, named by its operationId, with its summary, description, method
 * and path as JSDoc (what an editor shows on `csbsq.listCheckpointItems`), and its paging (`x-pagination`), which
 * decides whether the entry has `infiniteQueryOptions`.
 *
 *   tsx scripts/generate-cli.mts [--out dir] [--check]   (this file is the library; the CLI only runs)
 * `--check` writes nothing: it fails, naming the file and the fix, when the committed file is not what the model
 * generates (`pnpm check` runs it).
 */
import { fileURLToPath } from "node:url";
import type { ApiModel } from "@csbs/types/model";

export const GENERATED_HEADER =
  "// generated from the spec's model (@csbs/types/model) by `pnpm generate` — do not edit.\n";
export const FILE = "operations.gen.ts";
export const SRC_DIR: string = fileURLToPath(new URL("../src", import.meta.url));

type Operation = ApiModel["operations"][number];

/** Text as JSDoc lines: `*‍/` cannot end the comment early. */
const doc = (lines: string[], indent: string) => [
  `${indent}/**`,
  ...lines.map((l) => `${indent} *${l ? ` ${l.replaceAll("*/", "*\\/")}` : ""}`),
  `${indent} */`,
];

/** An operation's JSDoc: what it is, where it goes, and how it pages. */
function operationDoc(op: Operation): string[] {
  const lines = [`${op.summary ?? op.operationId} — \`${op.method.toUpperCase()} ${op.path}\``];
  if (op.deprecated) lines.push("", "@deprecated The spec marks this operation deprecated.");
  if (op.description) lines.push("", ...op.description.trimEnd().split("\n"));
  const p = op.pagination;
  lines.push(
    "",
    p
      ? `Pages (x-pagination): \`infiniteQueryOptions\` walks \`${p.items}\` by \`${p.marker}\` = the last item's \`${p.id}\`.`
      : "Does not page: no `infiniteQueryOptions`.",
  );
  return doc(lines, "  ");
}

/** The text of src/operations.gen.ts for a model. */
export function render(api: ApiModel): string {
  const entries = api.operations.flatMap((op) => [
    ...operationDoc(op),
    `  readonly ${op.operationId}: ${op.pagination ? "PagedOperationQueries" : "OperationQueries"}<"${op.operationId}">;`,
  ]);
  const paging = api.operations.map(
    (op) => `  ${op.operationId}: ${op.pagination ? JSON.stringify(op.pagination) : "null"},`,
  );
  return [
    GENERATED_HEADER,
    'import type { OperationPagination } from "@csbs/client";',
    'import type { OperationQueries, PagedOperationQueries } from "./index.js";',
    "",
    `/** One entry per operation of ${JSON.stringify(api.title)}, named by its operationId. */`,
    "export interface CsbsQueries {",
    ...entries,
    "}",
    "",
    "/** Each operation's paging (its x-pagination), or null when it does not page. */",
    "export const operations: { readonly [K in keyof CsbsQueries]: OperationPagination | null } = {",
    ...paging,
    "};",
    "",
  ].join("\n");
}
