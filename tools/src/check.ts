/**
 * `pnpm check`: the gate CI runs before the tests. Every gate prints what is wrong and the command that fixes it.
 *
 *   pnpm check                    all gates
 *   pnpm check drift breaking     only these gates (names below); `pnpm check --list` lists them
 *
 * Order: the gates that read sources run first (drift must see packages/types/src before any build regenerates it),
 * then `turbo run build` (a cache hit when nothing changed), then the gates that need built packages.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { breakingGate, loadBaseline } from "./breaking.js";
import type { OpenApiDoc } from "./breaking-rules.js";
import { bundleSpec, redoclyBin, root, run } from "./check-bundle.js";
import { nextRelease, versionProblems, workspacePackages } from "./release-version.js";

const require = createRequire(import.meta.url);
/** A file of an installed package (found on Node's lookup path; works for packages that do not export package.json). */
function bin(pkg: string, path: string): string {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    if (existsSync(join(dir, pkg, "package.json"))) return join(dir, pkg, path);
  }
  throw new Error(`${pkg} is not installed: run \`pnpm install\``);
}

export interface GateOutcome {
  /** pass, fail, or skip (nothing to check, said why). */
  status: "pass" | "fail" | "skip";
  /** One line for the summary. */
  summary: string;
  /** What is wrong, in full (printed indented under a failing gate). */
  details?: string;
  /** The command (or action) that fixes it. */
  fix?: string;
}

export interface Gate {
  name: string;
  description: string;
  /** "source" gates run before the build, "built" gates after it. */
  phase: "source" | "built";
  run(ctx: CheckContext): Promise<GateOutcome>;
}

export interface CheckContext {
  root: string;
  /** spec/ bundled once, shared by the drift and breaking gates. */
  spec(): Promise<OpenApiDoc>;
}

const tail = (text: string, lines = 40) => {
  const all = text.trimEnd().split("\n");
  return all.length > lines
    ? [`... (${all.length - lines} more lines above)`, ...all.slice(-lines)].join("\n")
    : all.join("\n");
};
const pass = (summary: string): GateOutcome => ({ status: "pass", summary });
const fail = (summary: string, details: string, fix: string): GateOutcome => ({
  status: "fail",
  summary,
  details,
  fix,
});

type Pkg = { name: string; dir: string; json: Record<string, unknown> };
function packages(rootDir: string): Pkg[] {
  return [...workspacePackages(rootDir)].map(([name, dir]) => ({
    name,
    dir,
    json: JSON.parse(readFileSync(join(rootDir, dir, "package.json"), "utf8")) as Record<string, unknown>,
  }));
}
const scripts = (p: Pkg) => (p.json.scripts ?? {}) as Record<string, string>;

function hasTs(dir: string): boolean {
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === "dist" || entry.startsWith(".")) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory() ? hasTs(path) : /\.(c|m)?tsx?$/.test(entry)) return true;
  }
  return false;
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
const CONCURRENCY = Math.max(2, Math.min(4, cpus().length));

export const gates: Gate[] = [
  {
    name: "versions",
    description: "the release group's versions, spec/openapi.yaml info.version and spec/package.json agree",
    phase: "source",
    async run(ctx) {
      const problems = versionProblems(ctx.root);
      if (!problems.length) return pass(`one version everywhere: ${nextRelease(ctx.root).current}`);
      return fail(
        `${problems.length} version mismatch(es)`,
        problems.join("\n"),
        "`pnpm version-packages` moves the packages and the spec together; never edit a version by hand",
      );
    },
  },
  {
    name: "biome",
    description: "biome lint and format check (biome.json)",
    phase: "source",
    async run(ctx) {
      const r = await run(process.execPath, [bin("@biomejs/biome", "bin/biome"), "check", ".", "--reporter=summary"], {
        cwd: ctx.root,
      });
      if (r.code === 0) return pass("lint and format clean");
      return fail(
        "lint or format problems",
        tail(`${r.stdout}\n${r.stderr}`, 60),
        "`pnpm exec biome check --write <files>` fixes formatting and safe lint fixes; " +
          "`pnpm exec biome check <file>` explains the rest",
      );
    },
  },
  {
    name: "lint:spec",
    description: "redocly lint of spec/ (recommended-strict and the repository's rules), no error and no warning",
    phase: "source",
    async run(ctx) {
      const r = await run(process.execPath, [redoclyBin, "lint", "--format=json"], { cwd: ctx.root });
      let report: { totals?: { errors: number; warnings: number }; problems?: { message: string; ruleId: string }[] };
      try {
        report = JSON.parse(r.stdout.slice(r.stdout.indexOf("{")));
      } catch {
        return fail("redocly lint did not run", tail(r.stderr || r.stdout), "`pnpm lint:spec` shows the error");
      }
      const { errors = 0, warnings = 0 } = report.totals ?? {};
      if (!errors && !warnings) return pass("spec/ lints clean");
      return fail(
        `${errors} error(s), ${warnings} warning(s)`,
        (report.problems ?? []).map((p) => `${p.ruleId}: ${p.message}`).join("\n"),
        "edit spec/ until `pnpm lint:spec` is clean",
      );
    },
  },
  {
    name: "drift",
    description: "packages/types/src is exactly what spec/ generates (no stale or hand-edited generated file)",
    phase: "source",
    async run(ctx) {
      // @csbs/types owns its generator; `--check` regenerates in memory and lists each drifted file.
      const tmp = await mkdtemp(join(tmpdir(), "csbs-drift-"));
      try {
        const spec = join(tmp, "openapi.json");
        await writeFile(spec, JSON.stringify(await ctx.spec()));
        const r = await run(
          process.execPath,
          [
            bin("tsx", "dist/cli.mjs"),
            join(root, "packages/types/scripts/generate.mts"),
            "--check",
            "--spec",
            spec,
            "--out",
            join(ctx.root, "packages/types/src"),
          ],
          { cwd: ctx.root },
        );
        if (r.code === 0) return pass("generated types match spec/");
        return fail("generated file(s) out of date", r.stderr.trim(), "run `pnpm generate` (and commit the result)");
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    },
  },
  {
    name: "breaking",
    description: "no breaking change against the last release unless the next release is a new major",
    phase: "source",
    async run(ctx) {
      let baseline: Awaited<ReturnType<typeof loadBaseline>>;
      try {
        baseline = await loadBaseline(ctx.root);
      } catch (e) {
        return fail(
          "no last release to compare with",
          (e as Error).message,
          "`pnpm check:breaking --update-baseline` (before the first release), or fetch the tags: `git fetch --tags`",
        );
      }
      const result = await breakingGate(baseline, await ctx.spec(), nextRelease(ctx.root));
      const breaking = result.changes.filter((c) => c.severity === "breaking").length;
      const additive = result.changes.filter((c) => c.severity === "additive").length;
      const notices = result.changes.filter((c) => c.severity === "notice").length;
      const [head = "", ...rest] = result.report.split("\n");
      const counts = `${breaking} breaking, ${additive} additive${notices ? `, ${notices} notice(s)` : ""}`;
      if (result.ok) {
        return {
          status: "pass",
          summary: `${counts}${breaking ? " (allowed: a new major)" : ""} — ${head}`,
          ...(result.changes.length ? { details: rest.join("\n") } : {}),
        };
      }
      const fixAt = rest.findIndex((l) => l.startsWith("Fix: "));
      return fail(`${counts} — ${head}`, rest.slice(0, fixAt).join("\n"), (rest[fixAt] ?? "").replace(/^Fix: /, ""));
    },
  },
  {
    name: "typecheck",
    description: "tsc --noEmit on every package and on tools/ (each tsconfig.json)",
    phase: "built",
    async run(ctx) {
      const tsc = bin("typescript", "bin/tsc");
      const targets = packages(ctx.root).filter((p) => hasTs(join(ctx.root, p.dir)));
      const tmp = await mkdtemp(join(tmpdir(), "csbs-typecheck-"));
      try {
        const results = await pool(targets, CONCURRENCY, async (p) => {
          let project = join(ctx.root, p.dir, "tsconfig.json");
          let note = "";
          if (!existsSync(project)) {
            // No tsconfig.json of its own: check it with the base config and Node's types, and say so.
            project = join(tmp, `${p.name.replace(/\W/g, "_")}.json`);
            const dir = join(ctx.root, p.dir);
            await writeFile(
              project,
              JSON.stringify({
                extends: join(ctx.root, "tsconfig.base.json"),
                compilerOptions: { types: ["node"], typeRoots: [join(dir, "node_modules/@types")] },
                include: [join(dir, "**/*.ts")],
                exclude: [join(dir, "node_modules"), join(dir, "dist")],
              }),
            );
            note = " (no tsconfig.json: checked with tsconfig.base.json)";
          }
          const r = await run(process.execPath, [tsc, "-p", project, "--noEmit", "--pretty", "false"], {
            cwd: ctx.root,
          });
          return { p, ok: r.code === 0, out: `${r.stdout}${r.stderr}`.trim(), note };
        });
        const bad = results.filter((r) => !r.ok);
        const notes = results.filter((r) => r.note).map((r) => `${r.p.dir}${r.note}`);
        if (!bad.length)
          return pass(`${results.length} projects type-check${notes.length ? `; ${notes.join("; ")}` : ""}`);
        return fail(
          `type errors in ${bad.map((r) => r.p.dir).join(", ")}`,
          [...bad.map((r) => `${r.p.dir}${r.note}:\n${tail(r.out, 20)}`), ...notes].join("\n"),
          bad[0]?.note
            ? `fix the errors, and give ${bad[0].p.dir} a tsconfig.json extending tsconfig.base.json`
            : `fix the errors; \`pnpm exec tsc -p ${bad[0]?.p.dir}/tsconfig.json --noEmit\` reproduces them`,
        );
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    },
  },
  {
    name: "package",
    description:
      "publint and @arethetypeswrong/cli on every published package (its `lint:package` script if it has one)",
    phase: "built",
    async run(ctx) {
      const published = packages(ctx.root).filter((p) => p.json.private !== true);
      const results = await pool(published, CONCURRENCY, async (p) => {
        const dir = join(ctx.root, p.dir);
        if (scripts(p)["lint:package"]) {
          const r = await run("pnpm", ["--filter", p.name, "run", "lint:package"], { cwd: ctx.root });
          return { p, ok: r.code === 0, out: tail(`${r.stdout}${r.stderr}`, 30), how: "lint:package" };
        }
        const publint = await run(process.execPath, [bin("publint", "src/cli.js"), "run", dir, "--strict"], {
          cwd: dir,
        });
        // An ESM package ("type": "module") with no `require` condition is ESM-only: attw's esm-only profile.
        const esmOnly = p.json.type === "module" && !JSON.stringify(p.json.exports ?? {}).includes('"require"');
        const attw = await run(
          process.execPath,
          [
            bin("@arethetypeswrong/cli", "dist/index.js"),
            "--pack",
            dir,
            "--format",
            "table-flipped",
            ...(esmOnly ? ["--profile", "esm-only"] : []),
          ],
          { cwd: dir },
        );
        // publint --strict fails on errors and warnings; its suggestions are shown but do not fail.
        const ok = publint.code === 0 && attw.code === 0;
        return {
          p,
          ok,
          out: tail(`publint:\n${publint.stdout}${publint.stderr}\nattw:\n${attw.stdout}${attw.stderr}`, 30),
          how: `publint + attw${esmOnly ? " (esm-only)" : ""}`,
        };
      });
      const bad = results.filter((r) => !r.ok);
      const all = results.map((r) => `${r.p.name} (${r.how})`).join(", ");
      if (!bad.length) return pass(all);
      return fail(
        `packaging problems in ${bad.map((r) => r.p.name).join(", ")}`,
        bad.map((r) => `${r.p.name}:\n${r.out}`).join("\n"),
        "fix package.json (exports, types, files) or the build as the report says, then `pnpm check package`",
      );
    },
  },
  {
    name: "size",
    description: "the client's bundle-size budget (packages/client `size` script)",
    phase: "built",
    async run(ctx) {
      const client = packages(ctx.root).find((p) => p.name === "@csbs/client");
      const script = client && (scripts(client).size ? "size" : scripts(client)["test:size"] ? "test:size" : undefined);
      if (!client || !script) {
        return { status: "skip", summary: "packages/client has no `size` script yet: no budget to check" };
      }
      const r = await run("pnpm", ["--filter", client.name, "run", script], { cwd: ctx.root });
      if (r.code === 0) {
        const line = `${r.stdout}`.trim().split("\n").filter(Boolean).at(-1) ?? "";
        return pass(`within budget${line ? ` — ${line.trim()}` : ""}`);
      }
      return fail(
        "over the size budget",
        tail(`${r.stdout}${r.stderr}`, 30),
        `shrink the client (or, deliberately, raise the budget); \`pnpm --filter @csbs/client run ${script}\` reproduces`,
      );
    },
  },
];

const buildGate: Gate = {
  name: "build",
  description: "turbo run build (needed by the gates after it; a cache hit when nothing changed)",
  phase: "built",
  async run(ctx) {
    const r = await run(process.execPath, [bin("turbo", "bin/turbo"), "run", "build", "--output-logs=errors-only"], {
      cwd: ctx.root,
      timeoutMs: 600_000,
    });
    if (r.code === 0) return pass(/FULL TURBO/.test(r.stdout) ? "cache hit (FULL TURBO)" : "built");
    return fail("the build failed", tail(`${r.stdout}${r.stderr}`, 40), "`pnpm build` shows the failing task");
  },
};

const ICON = { pass: "✓", fail: "✗", skip: "-" } as const;
const indent = (text: string, by = "      ") =>
  text
    .split("\n")
    .map((l) => by + l)
    .join("\n");

export function formatOutcome(name: string, o: GateOutcome, seconds: number): string {
  const lines = [`${ICON[o.status]} ${name.padEnd(10)} ${o.summary} (${seconds.toFixed(1)} s)`];
  if (o.details && o.status !== "pass") lines.push(indent(o.details));
  if (o.details && o.status === "pass") lines.push(indent(o.details, "    "));
  if (o.fix && o.status === "fail") lines.push(`    fix: ${o.fix}`);
  return lines.join("\n");
}

async function timed(gate: Gate, ctx: CheckContext): Promise<{ gate: Gate; outcome: GateOutcome; seconds: number }> {
  const start = performance.now();
  let outcome: GateOutcome;
  try {
    outcome = await gate.run(ctx);
  } catch (e) {
    outcome = fail("the gate itself failed", (e as Error).stack ?? String(e), "see the error above");
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(formatOutcome(gate.name, outcome, seconds));
  return { gate, outcome, seconds };
}

/** Runs the selected gates (all by default); resolves to the number of failed gates. */
export async function runChecks(
  selected: string[] = [],
  rootDir: string = root,
  available: Gate[] = gates,
): Promise<number> {
  const chosen = selected.length ? available.filter((g) => selected.includes(g.name)) : available;
  let bundled: Promise<OpenApiDoc> | undefined;
  const ctx: CheckContext = { root: rootDir, spec: () => (bundled ??= bundleSpec(rootDir)) };
  const start = performance.now();
  const source = chosen.filter((g) => g.phase === "source");
  const built = chosen.filter((g) => g.phase === "built");
  const results = await pool(source, CONCURRENCY, (g) => timed(g, ctx));
  if (built.length) {
    const build = await timed(buildGate, ctx);
    results.push(build);
    if (build.outcome.status === "fail") {
      for (const g of built) {
        const outcome: GateOutcome = { status: "skip", summary: "not run: the build failed" };
        console.log(formatOutcome(g.name, outcome, 0));
      }
    } else {
      results.push(...(await pool(built, CONCURRENCY, (g) => timed(g, ctx))));
    }
  }
  const failed = results.filter((r) => r.outcome.status === "fail").map((r) => r.gate.name);
  const total = ((performance.now() - start) / 1000).toFixed(1);
  console.log(
    failed.length
      ? `\npnpm check: ${failed.length} gate(s) failed: ${failed.join(", ")} (${total} s). Each says its fix above.`
      : `\npnpm check: all ${results.length} gates passed (${total} s).`,
  );
  return failed.length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes("--list") || args.includes("--help")) {
    for (const g of gates) console.log(`${g.name.padEnd(10)} ${g.description}`);
    console.log("\nusage: pnpm check [gate ...]");
  } else {
    const unknown = args.filter((a) => !gates.some((g) => g.name === a));
    if (unknown.length) {
      console.error(`unknown gate(s): ${unknown.join(", ")}. \`pnpm check --list\` lists them.`);
      process.exit(2);
    }
    process.exitCode = (await runChecks(args)) ? 1 : 0;
  }
}
