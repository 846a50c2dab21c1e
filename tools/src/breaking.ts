/**
 * `pnpm check:breaking`: compares the spec in spec/ with the spec of the last release and fails, naming each
 * change, when a consumer pinned to that release would break — unless the release this goes into is a new major.
 *
 * The last release is the newest `v*` git tag reachable from HEAD (its spec/ bundled fresh), or, before the first
 * tag, the committed spec/baseline/openapi.json. The release this goes into is the release group's version bumped by
 * the pending changesets (.changeset/*.md). Two judges decide what is breaking: explicit rules (breaking-rules.ts)
 * and the TypeScript compiler on the generated types (breaking-types.ts).
 *
 *   pnpm check:breaking                    the gate
 *   pnpm check:breaking --update-baseline  rewrite spec/baseline/openapi.json from spec/ (only before the first tag)
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Change, dedupe, diffSpecs, type OpenApiDoc } from "./breaking-rules.js";
import { typeIncompatibilities } from "./breaking-types.js";
import { bundleSpec, root as repoRoot, run } from "./check-bundle.js";
import { majorOf, nextRelease } from "./release-version.js";

export type { Change, OpenApiDoc };
export const BASELINE_FILE = "spec/baseline/openapi.json";

/** Which half of an operation's contract a change is about: what the consumer sends, or what it gets back. */
const side = (c: Change): "request" | "response" =>
  /^(TypeScript: )?(response|documented status code)/.test(c.message) ? "response" : "request";

/** Both judges: the rules' named changes, plus whatever the compiler finds that the rules did not already name. */
export async function compareSpecs(oldDoc: OpenApiDoc, newDoc: OpenApiDoc): Promise<Change[]> {
  const rules = diffSpecs(oldDoc, newDoc);
  const types = await typeIncompatibilities(oldDoc, newDoc);
  // The compiler's verdict on one side of an operation is kept only when the rules found nothing breaking there:
  // the rules' message is the precise one, the compiler's the safety net.
  const named = new Set(rules.filter((c) => c.severity === "breaking").map((c) => `${c.where}|${side(c)}`));
  return dedupe([...rules, ...types.filter((c) => !named.has(`${c.where}|${side(c)}`))]);
}

/** A breaking change may ship only in a new major version of the last release. */
export function allowsBreaking(lastRelease: string, next: string): boolean {
  return majorOf(next) > majorOf(lastRelease);
}

export interface Baseline {
  doc: OpenApiDoc;
  /** Where it came from, for the report: "git tag v1.2.0" or "spec/baseline/openapi.json". */
  source: string;
}

/** The newest `v*` tag reachable from HEAD, if any. */
export async function lastReleaseTag(root: string = repoRoot): Promise<string | undefined> {
  const r = await run("git", ["describe", "--tags", "--abbrev=0", "--match", "v[0-9]*", "HEAD"], {
    cwd: root,
    timeoutMs: 20_000,
  });
  return r.code === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** The spec of the last release: the tag's spec/ bundled, else the committed baseline file. */
export async function loadBaseline(root: string = repoRoot): Promise<Baseline> {
  const tag = await lastReleaseTag(root);
  if (tag) {
    const tmp = await mkdtemp(join(tmpdir(), "csbs-baseline-"));
    try {
      const archive = join(tmp, "release.tar");
      const paths = ["spec", ...(existsSync(join(root, "redocly.yaml")) ? ["redocly.yaml"] : [])];
      const a = await run("git", ["archive", "--format=tar", "-o", archive, tag, "--", ...paths], { cwd: root });
      if (a.code !== 0) throw new Error(`git archive ${tag} failed: ${a.stderr}`);
      const x = await run("tar", ["-xf", archive, "-C", tmp]);
      if (x.code !== 0) throw new Error(`tar failed: ${x.stderr}`);
      return { doc: await bundleSpec(tmp), source: `git tag ${tag}` };
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  const file = join(root, BASELINE_FILE);
  const shallow = await run("git", ["rev-parse", "--is-shallow-repository"], { cwd: root, timeoutMs: 20_000 });
  const note =
    shallow.stdout.trim() === "true"
      ? " — a shallow clone: if releases are tagged, `git fetch --tags --unshallow` for the right baseline"
      : "";
  if (!existsSync(file)) {
    throw new Error(
      `no release to compare with: no v* git tag and no ${BASELINE_FILE}. ` +
        "Run `pnpm check:breaking --update-baseline` to record the current spec as the baseline.",
    );
  }
  return { doc: JSON.parse(await readFile(file, "utf8")) as OpenApiDoc, source: `${BASELINE_FILE}${note}` };
}

export interface GateResult {
  ok: boolean;
  report: string;
  changes: Change[];
}

/** The gate, on documents: the report to print and whether it passes. */
export async function breakingGate(
  baseline: Baseline,
  current: OpenApiDoc,
  release: { next: string; bump?: string },
): Promise<GateResult> {
  const changes = await compareSpecs(baseline.doc, current);
  const last = String(baseline.doc.info?.version ?? "0.0.0");
  const breaking = changes.filter((c) => c.severity === "breaking");
  const additive = changes.filter((c) => c.severity === "additive");
  const notices = changes.filter((c) => c.severity === "notice");
  const lines = [`spec/ against the last release ${last} (${baseline.source}); the next release is ${release.next}.`];
  for (const c of breaking) lines.push(`  breaking  ${c.where}: ${c.message}`);
  for (const c of additive) lines.push(`  additive  ${c.where}: ${c.message}`);
  for (const c of notices) lines.push(`  notice    ${c.where}: ${c.message}`);
  if (!changes.length) lines.push("  no change a consumer can notice");
  if (!breaking.length) {
    if (additive.length + notices.length && release.next === last) {
      lines.push(
        "note: consumers will see these changes but no changeset is pending: add one with `pnpm changeset` (minor).",
      );
    }
    return { ok: true, report: lines.join("\n"), changes };
  }
  if (allowsBreaking(last, release.next)) {
    lines.push(`${breaking.length} breaking change(s), allowed: ${release.next} is a new major version after ${last}.`);
    return { ok: true, report: lines.join("\n"), changes };
  }
  lines.push(
    `${breaking.length} breaking change(s), and ${release.next} is not a new major version after ${last}.`,
    "Fix: make the change compatible (keep the parameter or field, make new parameters optional, loosen instead of " +
      "tighten), or, if the break is intended, add a major changeset: `pnpm changeset` and choose major " +
      `(the release becomes ${majorOf(last) + 1}.0.0).`,
  );
  return { ok: false, report: lines.join("\n"), changes };
}

/** The gate on the repository: spec/ bundled fresh, the last release, the pending changesets. */
export async function checkBreaking(root: string = repoRoot): Promise<GateResult> {
  const [baseline, current] = await Promise.all([loadBaseline(root), bundleSpec(root)]);
  return breakingGate(baseline, current, nextRelease(root));
}

export async function updateBaseline(root: string = repoRoot): Promise<string> {
  const file = join(root, BASELINE_FILE);
  await mkdir(resolve(file, ".."), { recursive: true });
  await writeFile(file, `${JSON.stringify(await bundleSpec(root), null, 2)}\n`);
  return file;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--update-baseline")) {
    const tag = await lastReleaseTag();
    if (tag) console.warn(`note: ${tag} exists, so the gate compares with it and ignores ${BASELINE_FILE}.`);
    console.log(`wrote ${(await updateBaseline()).slice(repoRoot.length + 1)}`);
  } else {
    try {
      const result = await checkBreaking();
      console.log(result.report);
      process.exitCode = result.ok ? 0 : 1;
    } catch (e) {
      console.error(`check:breaking: ${(e as Error).message}`);
      process.exitCode = 2;
    }
  }
}
