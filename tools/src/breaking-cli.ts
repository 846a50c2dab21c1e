/**
 * `pnpm check:breaking` (this package's `breaking` task): see breaking.ts. Exit 0 passes, 1 is a breaking change
 * that the next release may not ship, 2 is a gate that could not run (no baseline, a git failure), with its fix.
 *
 *   tsx src/breaking-cli.ts [--update-baseline]
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "@csbs/spec/validator";
import { BASELINE_FILE, bundleSpec, checkBreaking, GitError, lastReleaseTag, NoBaselineError } from "./breaking.js";

try {
  if (process.argv.includes("--update-baseline")) {
    const tag = await lastReleaseTag();
    if (tag) console.warn(`note: ${tag} exists, so the gate compares with it and ignores ${BASELINE_FILE}.`);
    await writeFile(join(repoRoot, BASELINE_FILE), `${JSON.stringify(await bundleSpec(repoRoot), null, 2)}\n`);
    console.log(`wrote ${BASELINE_FILE}`);
  } else {
    const result = await checkBreaking();
    console.log(result.report);
    if (result.fix) console.error(`fix: ${result.fix}`);
    process.exitCode = result.ok ? 0 : 1;
  }
} catch (e) {
  console.error(`check:breaking: ${(e as Error).message}`);
  if (e instanceof NoBaselineError || e instanceof GitError) console.error(`fix: ${e.fix}`);
  process.exitCode = 2;
}
