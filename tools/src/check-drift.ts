/**
 * Generated-code drift: regenerates @csbs/types from spec/ (bundled fresh) in memory and compares it with the
 * committed packages/types/src. A spec edit that was not regenerated, or a hand edit of a generated file, shows up
 * here with the file, the first differing line and the fix, `pnpm generate`. Nothing is written.
 *
 *   tsx tools/src/check-drift.ts
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "@csbs/spec/validator";
import { bundleSpec } from "./breaking.js";
import type { OpenApiDoc } from "./breaking-rules.js";
import { GENERATED_HEADER, renderTypes } from "./generate-types.js";

export const TYPES_DIR = "packages/types/src";
export const DRIFT_FIX = "run `pnpm generate` (and commit the result); never edit generated files by hand";

export interface Drift {
  file: string;
  problem: string;
}

const clip = (s: string) => (s.length > 100 ? `${s.slice(0, 97)}...` : s);

/** How the committed generated files in `dir` differ from what `doc` generates. */
export async function findDrift(doc: OpenApiDoc, dir: string, label: string = TYPES_DIR): Promise<Drift[]> {
  const expected = new Map(await renderTypes(doc as never));
  const out: Drift[] = [];
  for (const [name, want] of expected) {
    const file = `${label}/${name}`;
    const path = join(dir, name);
    if (!existsSync(path)) {
      out.push({ file, problem: "is missing" });
      continue;
    }
    const have = readFileSync(path, "utf8");
    if (have === want) continue;
    if (!have.startsWith(GENERATED_HEADER.trimEnd())) {
      out.push({ file, problem: "lost its generated header: it was edited by hand (or replaced)" });
      continue;
    }
    const a = have.split("\n");
    const b = want.split("\n");
    let i = 0;
    while (i < Math.min(a.length, b.length) && a[i] === b[i]) i++;
    out.push({
      file,
      problem:
        `differs from what spec/ generates, from line ${i + 1}: ` +
        `committed ${JSON.stringify(clip(a[i] ?? "(end of file)"))}, generated ${JSON.stringify(clip(b[i] ?? "(end of file)"))} ` +
        "(a hand edit, or a spec edit that was not regenerated)",
    });
  }
  // A file that says it is generated but no longer is: left behind by an older generator.
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      if (expected.has(name) || !name.endsWith(".ts")) continue;
      if (readFileSync(join(dir, name), "utf8").startsWith(GENERATED_HEADER.trimEnd())) {
        out.push({ file: `${label}/${name}`, problem: "carries the generated header but is no longer generated" });
      }
    }
  }
  return out;
}

/** Drift of the repository: spec/ bundled fresh against the committed packages/types/src. */
export async function checkDrift(root: string = repoRoot, doc?: OpenApiDoc): Promise<Drift[]> {
  return findDrift(doc ?? (await bundleSpec(root)), join(root, TYPES_DIR));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const drift = await checkDrift();
  for (const d of drift) console.error(`${d.file} ${d.problem}`);
  if (drift.length) console.error(`fix: ${DRIFT_FIX}`);
  else console.log(`${TYPES_DIR} is what spec/ generates.`);
  process.exitCode = drift.length ? 1 : 0;
}
