/**
 * `pnpm generate` and `check:generated` of @csbs/query: writes src/operations.gen.ts from the spec's model, or with
 * `--check` fails, naming the fix, when the committed file is not what the model generates (see generate.mts).
 *
 *   tsx scripts/generate-cli.mts [--out dir] [--check]
 */
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { model } from "@csbs/types/model";
import { FILE, GENERATED_HEADER, render, SRC_DIR } from "./generate.mjs";

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
