/**
 * `pnpm generate` and `check:generated` (the drift gate of `pnpm check`): see generate.mts.
 *
 *   tsx scripts/generate-cli.mts [--spec bundled.json] [--out dir] [--check | --model-only]
 * `--model-only` writes the model's files alone (`pnpm dev`'s fast path after a spec save).
 */
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DRIFT_FIX, findDrift, generate, loadSpec, SRC_DIR } from "./generate.mjs";

const { values } = parseArgs({
  options: {
    spec: { type: "string" },
    out: { type: "string" },
    check: { type: "boolean" },
    "model-only": { type: "boolean" },
  },
});
try {
  const spec = await loadSpec(values.spec);
  const outDir = resolve(values.out ?? SRC_DIR);
  if (values.check) {
    const drift = await findDrift(spec, outDir);
    for (const d of drift) console.error(`${relative(process.cwd(), join(outDir, d.file))} ${d.problem}`);
    if (drift.length) console.error(`fix: ${DRIFT_FIX}`);
    else console.log(`${outDir} is what the spec generates.`);
    process.exitCode = drift.length ? 1 : 0;
  } else {
    const only = values["model-only"] ? "model" : undefined;
    for (const f of await generate(spec, outDir, only)) console.log(`generated ${f}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
