/**
 * `pnpm build` of @csbs/docs: writes dist/index.html (see build.ts).
 *
 *   tsx scripts/build-cli.ts [--spec bundled.json --model model.gen.mjs] [--out dir]
 *
 * `--spec` and `--model` go together: another bundled spec and the model `pnpm generate --spec … --out …` wrote for
 * it (the module that exports `model`). The entry point only runs: whatever path it was started by, it builds.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { buildDocs } from "./build.ts";

const { values } = parseArgs({
  options: { spec: { type: "string" }, model: { type: "string" }, out: { type: "string" } },
});
if (Boolean(values.spec) !== Boolean(values.model)) {
  console.error("docs: --spec and --model go together (a bundled spec and the model generated from it)");
  process.exit(2);
}
const model = values.model ? (await import(pathToFileURL(resolve(values.model)).href)).model : undefined;
console.log(
  `docs: ${buildDocs({ spec: values.spec && resolve(values.spec), model, out: values.out && resolve(values.out) })}`,
);
