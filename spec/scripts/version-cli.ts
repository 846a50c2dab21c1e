/**
 * The spec's one-version script (see version.ts): `sync-version` writes info.version; `--check` (part of this
 * package's `lint`, so of `pnpm check`) fails when the versions disagree, and says what it checked when they agree.
 *
 *   tsx scripts/version-cli.ts [--check]
 */
import { FIX, syncInfoVersion, versionProblems } from "./version.js";

if (process.argv.includes("--check")) {
  const problems = await versionProblems();
  for (const p of problems) console.error(p);
  if (problems.length) console.error(`fix: ${FIX}`);
  else console.log("versions agree: spec/openapi.yaml info.version, @csbs/spec and its fixed release group");
  process.exitCode = problems.length ? 1 : 0;
} else {
  console.log(`spec/openapi.yaml info.version: ${syncInfoVersion()}`);
}
