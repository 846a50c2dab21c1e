/**
 * `pnpm check:breaking`: compares the spec in spec/ with the spec of the last release and fails, naming each
 * change, when a consumer pinned to that release would break — unless the release this goes into is a new major.
 *
 * The last release is the newest release tag reachable from HEAD (`@csbs/spec@x.y.z`, which `changeset publish`
 * creates, or an older `v*`), its spec/ bundled fresh; before the first tag, the committed spec/baseline/openapi.json,
 * and the report says why no tag was used. A git failure (not a repository, git missing, a broken ref) fails the
 * gate with git's message: it never passes for "no tag" against a baseline that may be older than the release.
 * The release this goes into is the spec's version as changesets' release plan bumps it (.changeset/*.md). Two
 * judges decide what is breaking: explicit rules (breaking-rules.ts) and the TypeScript compiler on the generated
 * types (breaking-types.ts).
 *
 * Run by breaking-cli.ts:
 *   pnpm check:breaking                    the gate
 *   pnpm check:breaking --update-baseline  rewrite spec/baseline/openapi.json from spec/ (only before the first tag)
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
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
const GIT_TIMEOUT_MS = 20_000;

/**
 * A git command failed: the gate cannot tell what the last release is, so it fails rather than compare with a
 * possibly older baseline. `message` carries git's own words.
 */
export class GitError extends Error {
  override readonly name = "GitError";
  readonly fix: string;
  constructor(
    /** The command, e.g. "git describe --tags …". */
    readonly command: string,
    why: string,
    missing = false,
  ) {
    super(`\`${command}\` failed: ${why}`);
    this.fix = missing
      ? "install git (or put it on PATH): the gate reads the last release from the repository's tags"
      : "run the gate in a working git clone of the repository (a copy without .git has no release tags): " +
        "`git status` must work there, and `git fsck` names a broken ref";
  }
}

/** Runs git in `root`; its trimmed stdout, or a GitError with git's message. */
async function git(root: string, ...args: string[]): Promise<string> {
  const command = ["git", ...args.map((a) => (/\s/.test(a) ? `"${a}"` : a))].join(" ");
  try {
    // C locale: git's message is quoted into the gate's (English) report.
    const env = { ...process.env, LC_ALL: "C" };
    return (await exec("git", args, { cwd: root, timeout: GIT_TIMEOUT_MS, env, maxBuffer: 16 << 20 })).stdout.trim();
  } catch (e) {
    const error = e as NodeJS.ErrnoException & { stderr?: string; killed?: boolean; signal?: string };
    if (error.code === "ENOENT") throw new GitError(command, "git was not found on PATH", true);
    if (error.killed) throw new GitError(command, `no answer within ${GIT_TIMEOUT_MS / 1000} s`);
    const said = error.stderr?.trim() || error.message;
    throw new GitError(command, `${said} (exit ${error.code ?? error.signal})`);
  }
}

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
  override readonly name = "NoBaselineError";
  readonly fix =
    "`pnpm check:breaking --update-baseline` (before the first release), or fetch the tags: `git fetch --tags`";
  constructor(why = "no release git tag") {
    super(`no release to compare with: ${why}, and no ${BASELINE_FILE}`);
  }
}

export interface Baseline {
  doc: OpenApiDoc;
  /**
   * Where it came from, for the report: "git tag @csbs/spec@1.2.0", or the baseline file and why no tag was used
   * ("spec/baseline/openapi.json: no release tag …").
   */
  source: string;
}

/** The last release tag, or why there is none. Any git failure is a GitError, never "no tag". */
export type LastRelease = { tag: string; why?: undefined } | { tag?: undefined; why: string };

/** The newest release tag reachable from HEAD (`<spec name>@*`, or an older `v*`), or why there is none. */
export async function lastRelease(root: string = repoRoot): Promise<LastRelease> {
  const spec = JSON.parse(await readFile(join(root, "spec/package.json"), "utf8")).name as string;
  const patterns = [`${spec}@*`, "v[0-9]*"];
  // Every release tag, read first, with the type of the object it points at: a tag whose object is missing fails
  // here ("fatal: missing object …"), where `git describe` would skip it without a word.
  const refs = await git(
    root,
    "for-each-ref",
    "--format=%(objecttype) %(refname:strip=2)",
    ...patterns.map((p) => `refs/tags/${p}`),
  );
  const tags = refs
    .split("\n")
    .filter(Boolean)
    .map((line) => line.slice(line.indexOf(" ") + 1));
  // --always: with no release tag reachable, describe prints HEAD's commit instead of failing, so that its failures
  // are only real ones (not a repository, a broken HEAD) and are never taken for "no tag".
  const described = await git(
    root,
    "describe",
    "--tags",
    "--abbrev=0",
    "--always",
    ...patterns.flatMap((p) => ["--match", p]),
  );
  if (tags.includes(described)) return { tag: described };
  const named = patterns.map((p) => `\`${p}\``).join(" or ");
  const why = tags.length
    ? `none of the ${tags.length} release tag(s) (${named}) is reachable from HEAD`
    : `no release tag (${named}) in this clone`;
  const shallow = (await git(root, "rev-parse", "--is-shallow-repository")) === "true";
  return { why: shallow ? `${why}; a shallow clone: if releases are tagged, \`git fetch --tags --unshallow\`` : why };
}

/** The newest release tag reachable from HEAD, if any (a GitError when git fails). */
export async function lastReleaseTag(root: string = repoRoot): Promise<string | undefined> {
  return (await lastRelease(root)).tag;
}

/** The spec of the last release: the tag's spec/ bundled, else the committed baseline file, saying why. */
export async function loadBaseline(root: string = repoRoot): Promise<Baseline> {
  const { tag, why } = await lastRelease(root);
  if (tag) {
    const tmp = await mkdtemp(join(tmpdir(), "csbs-baseline-"));
    try {
      const paths = ["spec", ...(existsSync(join(root, "redocly.yaml")) ? ["redocly.yaml"] : [])];
      await git(root, "archive", "--format=tar", "-o", join(tmp, "release.tar"), tag, "--", ...paths);
      await exec("tar", ["-xf", join(tmp, "release.tar"), "-C", tmp]);
      return { doc: await bundleSpec(tmp), source: `git tag ${tag}` };
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  if (!existsSync(join(root, BASELINE_FILE))) throw new NoBaselineError(why);
  return { doc: JSON.parse(await readFile(join(root, BASELINE_FILE), "utf8")), source: `${BASELINE_FILE}: ${why}` };
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
