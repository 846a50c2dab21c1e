/**
 * One version: spec/package.json (moved by `changeset version` with the fixed release group) is the truth;
 * `info.version` of spec/openapi.yaml follows it, written through the yaml library's Document API (comments and
 * formatting kept). `pnpm version-packages` runs it after `changeset version`.
 *
 *   tsx scripts/version-cli.ts           write info.version
 *   tsx scripts/version-cli.ts --check   fail, naming each mismatch and the fix, when the versions disagree
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { getPackages } from "@manypkg/get-packages";
import { parseDocument } from "yaml";
import { repoRoot } from "../validator.js";

export const FIX = "`pnpm version-packages` moves the packages and the spec together; never edit a version by hand";

/** Sets info.version of `<root>/spec/openapi.yaml` to spec/package.json's version; returns that version. */
export function syncInfoVersion(root: string = repoRoot): string {
  const version = JSON.parse(readFileSync(resolve(root, "spec/package.json"), "utf8")).version as string;
  const file = resolve(root, "spec/openapi.yaml");
  const doc = parseDocument(readFileSync(file, "utf8"));
  if (doc.getIn(["info", "version"]) !== version) {
    doc.setIn(["info", "version"], version);
    writeFileSync(file, doc.toString({ lineWidth: 0 }));
  }
  return version;
}

/** Every disagreement between spec/package.json, info.version and the fixed release group, as sentences. */
export async function versionProblems(root: string = repoRoot): Promise<string[]> {
  const spec = JSON.parse(readFileSync(resolve(root, "spec/package.json"), "utf8"));
  const info = parseDocument(readFileSync(resolve(root, "spec/openapi.yaml"), "utf8")).getIn(["info", "version"]);
  const problems =
    info === spec.version ? [] : [`spec/openapi.yaml info.version is ${info} but ${spec.name} is ${spec.version}`];
  const fixed: string[][] = JSON.parse(readFileSync(resolve(root, ".changeset/config.json"), "utf8")).fixed ?? [];
  const group = fixed.find((g) => g.includes(spec.name)) ?? [];
  if (!group.length) problems.push(`${spec.name} is in no fixed group of .changeset/config.json`);
  for (const { packageJson: p } of (await getPackages(root)).packages) {
    if (group.includes(p.name) && p.version !== spec.version) {
      problems.push(`${p.name} is ${p.version} but ${spec.name} is ${spec.version} (one fixed release group)`);
    }
  }
  return problems;
}
