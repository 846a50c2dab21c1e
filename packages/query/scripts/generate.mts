/**
 * `pnpm generate` for @csbs/query: writes src/operations.gen.ts from the spec's model (`@csbs/types/model`, itself
 * generated from spec/): one entry per operation, named by its operationId, with its summary, description, method
 * and path as JSDoc (what an editor shows on `csbsq.listCheckpointItems`), and its paging (`x-pagination`), which
 * decides whether the entry has `infiniteQueryOptions`.
 *
 *   tsx scripts/generate.mts [--out dir] [--check]
 * `--check` writes nothing: it fails, naming the file and the fix, when the committed file is not what the model
 * generates (`pnpm check` runs it).
 */
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type ApiModel, model } from "@csbs/types/model";

export const GENERATED_HEADER =
  "// generated from the spec's model (@csbs/types/model) by `pnpm generate` — do not edit.\n";
export const FILE = "operations.gen.ts";
const SRC_DIR = fileURLToPath(new URL("../src", import.meta.url));

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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: "string" }, check: { type: "boolean" } } });
  const file = join(resolve(values.out ?? SRC_DIR), FILE);
  const want = render(model);
  if (!values.check) {
    await writeFile(file, want);
    console.log(`generated ${file}`);
  } else if (existsSync(file) && readFileSync(file, "utf8") === want) {
    console.log(`${file} is what the model generates.`);
  } else {
    const why = !existsSync(file)
      ? "is missing"
      : readFileSync(file, "utf8").startsWith(GENERATED_HEADER)
        ? "differs from what the spec's model generates (a hand edit, or a spec edit that was not regenerated)"
        : "lost its generated header: it was edited by hand (or replaced)";
    console.error(`${relative(process.cwd(), file)} ${why}`);
    console.error("fix: run `pnpm generate` (and commit the result); never edit generated files by hand");
    process.exitCode = 1;
  }
}
