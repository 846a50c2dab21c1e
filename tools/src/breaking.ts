/**
 * `pnpm check:breaking`: compares the spec in spec/ with the spec of the last release and fails, naming each
 * change, when a consumer pinned to that release would break — unless the release this goes into is a new major.
 *
 * The last release is the newest release tag reachable from HEAD (`@csbs/spec@x.y.z`, which `changeset publish`
 * creates, or an older `v*`), its spec/ bundled fresh; before the first tag, the committed spec/baseline/openapi.json.
 * The release this goes into is the spec's version as changesets' release plan bumps it (.changeset/*.md). Two
 * judges decide what is breaking: explicit rules (breaking-rules.ts) and the TypeScript compiler on the generated
 * types (breaking-types.ts).
 *
 *   pnpm check:breaking                    the gate
 *   pnpm check:breaking --update-baseline  rewrite spec/baseline/openapi.json from spec/ (only before the first tag)
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { assembleReleasePlan } from "@changesets/assemble-release-plan";
import { readConfig } from "@changesets/config";
import { readChangesets } from "@changesets/read";
import { repoRoot } from "@csbs/spec/validator";
import { getPackages } from "@manypkg/get-packages";
import { type Change, dedupe, diffSpecs, type OpenApiDoc } from "./breaking-rules.js";
import { typeIncompatibilities } from "./breaking-types.js";

export type { Change, OpenApiDoc };
export const BASELINE_FILE = "spec/baseline/openapi.json";

const exec = promisify(execFile);
const git = async (root: string, ...args: string[]) =>
  (await exec("git", args, { cwd: root, timeout: 20_000 }).catch(() => ({ stdout: "" }))).stdout.trim();
const majorOf = (version: string): number => Number(/^(\d+)/.exec(version)?.[1] ?? Number.NaN);

/** Both judges: the rules' named changes, plus whatever the compiler finds that the rules did not already name. */
export async function compareSpecs(oldDoc: OpenApiDoc, newDoc: OpenApiDoc): Promise<Change[]> {
  const rules = diffSpecs(oldDoc, newDoc);
  const types = await typeIncompatibilities(oldDoc, newDoc);
  // The compiler's verdict on one side of an operation is kept only when the rules found nothing breaking there:
  // the rules' message is the precise one, the compiler's the safety net.
  const named = new Set(rules.filter((c) => c.severity === "breaking").map((c) => `${c.where}|${c.side}`));
  return dedupe([...rules, ...types.filter((c) => !named.has(`${c.where}|${c.side}`))]);
}

/** A breaking change may ship only in a new major version of the last release. */
export const allowsBreaking = (lastRelease: string, next: string): boolean => majorOf(next) > majorOf(lastRelease);

/** `<dir>/spec/openapi.yaml` bundled by Redocly into one document (never the possibly stale spec/dist). */
export async function bundleSpec(dir: string): Promise<OpenApiDoc> {
  const tmp = await mkdtemp(join(tmpdir(), "csbs-bundle-"));
  try {
    const out = join(tmp, "openapi.json");
    await exec("redocly", ["bundle", "spec/openapi.yaml", "--output", out], { cwd: dir, timeout: 60_000 });
    return JSON.parse(await readFile(out, "utf8")) as OpenApiDoc;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The spec's version now, and as changesets' release plan bumps it (the spec is in the fixed release group). */
export async function nextRelease(root: string = repoRoot): Promise<{ current: string; next: string }> {
  const packages = await getPackages(root);
  const { config, errors } = await readConfig(root, packages);
  if (!config) throw new Error(`.changeset/config.json: ${errors.join("; ")}`);
  const spec = packages.packages.find((p) => p.dir === join(root, "spec"))?.packageJson;
  if (!spec) throw new Error(`no spec/package.json in ${root}`);
  const plan = assembleReleasePlan(await readChangesets(root), packages, config, undefined);
  const current = spec.version;
  return { current, next: plan.releases.find((r) => r.name === spec.name)?.newVersion ?? current };
}

/** Neither a release tag nor a baseline file: nothing to compare with. */
export class NoBaselineError extends Error {
  readonly fix =
    "`pnpm check:breaking --update-baseline` (before the first release), or fetch the tags: `git fetch --tags`";
  constructor() {
    super(`no release to compare with: no release git tag and no ${BASELINE_FILE}`);
  }
}

export interface Baseline {
  doc: OpenApiDoc;
  /** Where it came from, for the report: "git tag @csbs/spec@1.2.0" or "spec/baseline/openapi.json". */
  source: string;
}

/** The newest release tag reachable from HEAD, if any. */
export async function lastReleaseTag(root: string = repoRoot): Promise<string | undefined> {
  const spec = JSON.parse(await readFile(join(root, "spec/package.json"), "utf8")).name as string;
  return (
    (await git(root, "describe", "--tags", "--abbrev=0", "--match", `${spec}@*`, "--match", "v[0-9]*")) || undefined
  );
}

/** The spec of the last release: the tag's spec/ bundled, else the committed baseline file. */
export async function loadBaseline(root: string = repoRoot): Promise<Baseline> {
  const tag = await lastReleaseTag(root);
  if (tag) {
    const tmp = await mkdtemp(join(tmpdir(), "csbs-baseline-"));
    try {
      const paths = ["spec", ...(existsSync(join(root, "redocly.yaml")) ? ["redocly.yaml"] : [])];
      await exec("git", ["archive", "--format=tar", "-o", join(tmp, "release.tar"), tag, "--", ...paths], {
        cwd: root,
      });
      await exec("tar", ["-xf", join(tmp, "release.tar"), "-C", tmp]);
      return { doc: await bundleSpec(tmp), source: `git tag ${tag}` };
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  if (!existsSync(join(root, BASELINE_FILE))) throw new NoBaselineError();
  const shallow = (await git(root, "rev-parse", "--is-shallow-repository")) === "true";
  const note = shallow ? " — a shallow clone: if releases are tagged, `git fetch --tags --unshallow`" : "";
  return { doc: JSON.parse(await readFile(join(root, BASELINE_FILE), "utf8")), source: `${BASELINE_FILE}${note}` };
}

export interface GateResult {
  ok: boolean;
  /** The last release's version, and the version this change goes into. */
  last: string;
  next: string;
  changes: Change[];
  /** What a reader sees: one line per change, from the fields above. */
  report: string;
  /** How to get past a failure (absent when the gate passes). */
  fix?: string;
}

/** The gate, on documents: whether it passes, each change, and the fix when it does not. */
export async function breakingGate(baseline: Baseline, current: OpenApiDoc, next: string): Promise<GateResult> {
  const changes = await compareSpecs(baseline.doc, current);
  const last = String(baseline.doc.info?.version ?? "0.0.0");
  const breaking = changes.filter((c) => c.severity === "breaking");
  const ok = !breaking.length || allowsBreaking(last, next);
  const lines = [`spec/ against the last release ${last} (${baseline.source}); the next release is ${next}.`];
  for (const severity of ["breaking", "additive", "notice"] as const) {
    for (const c of changes.filter((c) => c.severity === severity)) {
      lines.push(`  ${severity.padEnd(8)}  ${c.where}: ${c.message}`);
    }
  }
  if (!changes.length) lines.push("  no change a consumer can notice");
  if (changes.length && !breaking.length && next === last) {
    lines.push("note: consumers will see these changes but no changeset is pending: add one with `pnpm changeset`.");
  }
  if (breaking.length) {
    const verdict = ok ? `allowed: ${next} is a new major version` : `and ${next} is not a new major version`;
    lines.push(`${breaking.length} breaking change(s), ${verdict} after ${last}.`);
  }
  const fix = ok
    ? undefined
    : "make the change compatible (keep the parameter or field, make new parameters optional, loosen instead of " +
      "tighten), or, if the break is intended, add a major changeset: `pnpm changeset` and choose major " +
      `(the release becomes ${majorOf(last) + 1}.0.0).`;
  return { ok, last, next, changes, report: lines.join("\n"), ...(fix ? { fix } : {}) };
}

/** The gate on a checkout: its spec/ bundled fresh, its last release, its pending changesets. */
export async function checkBreaking(root: string = repoRoot): Promise<GateResult> {
  const [baseline, current, release] = await Promise.all([loadBaseline(root), bundleSpec(root), nextRelease(root)]);
  return breakingGate(baseline, current, release.next);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--update-baseline")) {
    const tag = await lastReleaseTag();
    if (tag) console.warn(`note: ${tag} exists, so the gate compares with it and ignores ${BASELINE_FILE}.`);
    await writeFile(join(repoRoot, BASELINE_FILE), `${JSON.stringify(await bundleSpec(repoRoot), null, 2)}\n`);
    console.log(`wrote ${BASELINE_FILE}`);
  } else {
    try {
      const result = await checkBreaking();
      console.log(result.report);
      if (result.fix) console.error(`fix: ${result.fix}`);
      process.exitCode = result.ok ? 0 : 1;
    } catch (e) {
      console.error(`check:breaking: ${(e as Error).message}`);
      if (e instanceof NoBaselineError) console.error(`fix: ${e.fix}`);
      process.exitCode = 2;
    }
  }
}
