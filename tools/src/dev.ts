/**
 * `pnpm dev`: build everything, serve the mock (127.0.0.1:4010) and the docs (127.0.0.1:4000), then watch spec/ and
 * on every change lint the spec, rebuild (turbo: types, client, mock, docs) and restart the mock; open docs pages
 * reload themselves. When the spec does not lint or the build fails it says so in a few lines and keeps serving
 * the last good build.
 *
 *   tsx tools/src/dev.ts [--docs-only]      (`pnpm docs` is --docs-only: the docs, rebuilt on change; no mock)
 * Ports: CSBS_MOCK_PORT (4010), CSBS_DOCS_PORT (4000). Mock: CSBS_MOCK_DYNAMIC=1, CSBS_MOCK_SEED. Ctrl-C stops all.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, watch } from "node:fs";
import { createRequire } from "node:module";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type MockServer, startMock } from "@csbs/mock";
import { repoRoot } from "@csbs/spec/validator";
import { type DocsServer, serveDocs } from "./serve.js";

const require = createRequire(import.meta.url);
const redocly = resolve(require.resolve("@redocly/cli/package.json"), "../bin/cli.js");
const turbo = resolve(repoRoot, "node_modules/.bin/turbo");

/** What dev watches: spec/, the Redoc options (redocly.yaml) and the docs' code samples. */
const WATCHED = [
  { dir: resolve(repoRoot, "spec"), recursive: true },
  { dir: resolve(repoRoot, "packages/docs/samples"), recursive: true },
  { dir: repoRoot, recursive: false, only: "redocly.yaml" },
];
/** Written by builds, not by people: a change there must not trigger another build. */
const IGNORED = /(^|\/)(dist|node_modules|\.turbo|baseline)(\/|$)/;
/** The files people edit there. Anything else (editor swap files, sed's and pnpm's temporary files) is not a change. */
const SOURCE = /\.(ya?ml|json|ts|sh)$/;

/** A hash of every watched source file's path and contents. */
function fingerprint(): string {
  const hash = createHash("sha256");
  const visit = (dir: string, recursive: boolean, only?: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = resolve(dir, entry.name);
      if (IGNORED.test(relative(repoRoot, path)) || (only && entry.name !== only)) continue;
      if (entry.isDirectory() && recursive) visit(path, true);
      else if (entry.isFile() && SOURCE.test(entry.name)) hash.update(`${path}\0`).update(readFileSync(path));
    }
  };
  for (const { dir, recursive, only } of WATCHED) visit(dir, recursive, only);
  return hash.digest("hex");
}

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const red = paint(31);
const green = paint(32);
const yellow = paint(33);
const bold = paint(1);
const dim = paint(2);
const time = () => new Date().toLocaleTimeString("en-GB");
const say = (line: string) => console.log(`${dim(`[dev ${time()}]`)} ${line}`);

export interface LintProblem {
  severity: string;
  ruleId: string;
  message: string;
  where: string;
}
export interface LintResult {
  errors: number;
  warnings: number;
  problems: LintProblem[];
  /** Set when redocly could not even report (crash, unreadable output). */
  failure?: string;
}

/** `redocly lint` with the repository's config, reduced to what a person needs to read. */
export function lintSpec(cwd: string = repoRoot): Promise<LintResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [redocly, "lint", "--format=json"],
      { cwd, maxBuffer: 64 * 2 ** 20, env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1" } },
      (_error, stdout, stderr) => {
        try {
          const report = JSON.parse(stdout.slice(stdout.indexOf("{"))) as {
            totals: { errors: number; warnings: number };
            problems: {
              ruleId: string;
              severity: string;
              message: string;
              location?: { source?: { ref?: string }; pointer?: string; start?: { line: number; col: number } }[];
            }[];
          };
          done({
            errors: report.totals.errors,
            warnings: report.totals.warnings,
            problems: report.problems.map((p) => {
              const at = p.location?.[0];
              const file = at?.source?.ref ? relative(cwd, resolve(cwd, at.source.ref)) : "spec";
              const where = at?.start
                ? `${file}:${at.start.line}:${at.start.col}`
                : `${file} ${at?.pointer ?? ""}`.trim();
              return { severity: p.severity, ruleId: p.ruleId, message: p.message, where };
            }),
          });
        } catch {
          const tail = `${stderr}`.split("\n").filter((l) => l.trim() && !/[║╔╚═]/.test(l));
          done({ errors: 1, warnings: 0, problems: [], failure: tail.slice(-5).join("\n") || "redocly lint failed" });
        }
      },
    );
  });
}

/** The few lines printed when the spec does not lint. */
export function describeLint(result: LintResult, serving: boolean): string {
  const lines = [
    red(
      bold(
        `✗ spec/ does not lint: ${result.errors} error${result.errors === 1 ? "" : "s"}, ` +
          `${result.warnings} warning${result.warnings === 1 ? "" : "s"}.`,
      ),
    ) + (serving ? " Still serving the last good build." : " Nothing to serve yet."),
  ];
  if (result.failure) lines.push(`  ${result.failure.replaceAll("\n", "\n  ")}`);
  for (const p of result.problems.slice(0, 12)) {
    lines.push(
      `  ${p.severity === "error" ? red(p.severity) : yellow(p.severity)}  ${p.where}  ${p.message}  ${dim(p.ruleId)}`,
    );
  }
  if (result.problems.length > 12) lines.push(`  … and ${result.problems.length - 12} more (pnpm lint:spec)`);
  lines.push(dim("  Fix and save: dev lints and rebuilds on every change. Full report: pnpm lint:spec"));
  return lines.join("\n");
}

/** `turbo run build`, quiet unless it fails. Resolves with whether it succeeded. */
function build(filter: string | undefined, track: (child: ChildProcess) => void): Promise<boolean> {
  return new Promise((done) => {
    const args = ["run", "build", "--output-logs=errors-only", ...(filter ? [`--filter=${filter}`] : [])];
    const child = spawn(turbo, args, {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: color ? "1" : "0" },
    });
    track(child);
    let output = "";
    child.stdout?.on("data", (c) => (output += c));
    child.stderr?.on("data", (c) => (output += c));
    child.once("error", (error) => {
      console.error(red(`✗ could not run turbo: ${error.message}`));
      done(false);
    });
    child.once("exit", (code, signal) => {
      if (code === 0) return done(true);
      if (signal) return done(false); // stopped by us
      const lines = output.split("\n").filter((l) => l.trim());
      console.error(`${red(bold("✗ the build failed."))} Still serving the last good build. The build said:`);
      console.error(lines.slice(-30).join("\n"));
      done(false);
    });
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      "docs-only": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: pnpm dev            build, serve the mock (:4010) and the docs (:4000), rebuild on spec change",
    );
    console.log("       pnpm run docs       the docs only (:4000), rebuilt on spec change");
    console.log("env:   CSBS_MOCK_PORT, CSBS_DOCS_PORT, CSBS_MOCK_DYNAMIC=1, CSBS_MOCK_SEED");
    return;
  }
  const docsOnly = values["docs-only"];
  const mockPort = Number(process.env.CSBS_MOCK_PORT ?? 4010);
  const docsPort = Number(process.env.CSBS_DOCS_PORT ?? 4000);
  const children = new Set<ChildProcess>();
  const track = (child: ChildProcess) => {
    children.add(child);
    child.once("exit", () => children.delete(child));
  };

  let mock: MockServer | undefined;
  let docs: DocsServer | undefined;
  let running: Promise<void> | undefined;
  let again: string | undefined;
  let stopping = false;

  const startTheMock = async () => {
    const previous = mock;
    mock = undefined;
    await previous?.stop();
    try {
      mock = await startMock({
        port: mockPort,
        dynamic: process.env.CSBS_MOCK_DYNAMIC === "1",
        ...(process.env.CSBS_MOCK_SEED ? { seed: process.env.CSBS_MOCK_SEED } : {}),
      });
    } catch (error) {
      console.error(red(`✗ the mock did not start: ${(error as Error).message.split("\n")[0]}`));
    }
  };

  /** One lint + build + restart round. Rounds never overlap: changes during a round cause one more round. */
  const round = async (reason: string) => {
    const started = Date.now();
    say(`${reason}: linting spec/…`);
    const lint = await lintSpec();
    if (stopping) return;
    if (lint.errors > 0 || lint.failure) {
      console.error(describeLint(lint, Boolean(mock || docs)));
      return;
    }
    if (lint.warnings > 0) console.log(yellow(`! spec/ lints with ${lint.warnings} warning(s): pnpm lint:spec`));
    say(docsOnly ? "building the docs…" : "building types, client, mock and docs…");
    const ok = await build(docsOnly ? "@csbs/docs" : undefined, track);
    if (stopping || !ok) return;
    if (!docsOnly) await startTheMock();
    if (!docs) {
      try {
        docs = await serveDocs(docsPort, "127.0.0.1", { liveReload: true });
      } catch (error) {
        console.error(red(`✗ the docs server did not start on 127.0.0.1:${docsPort}: ${(error as Error).message}`));
      }
    } else {
      docs.reload();
    }
    say(green(`✓ ready in ${((Date.now() - started) / 1000).toFixed(1)} s`));
    printUrls();
  };

  const printUrls = () => {
    if (mock) {
      console.log(`  ${bold("mock")}  ${mock.url}`);
      console.log(dim(`        curl -H 'X-Auth-Token: any' ${mock.url}/v1/my-project/checkpoint_items`));
    }
    if (docs) console.log(`  ${bold("docs")}  http://127.0.0.1:${docsPort}/`);
    console.log(dim("  watching spec/, redocly.yaml and packages/docs/samples/; Ctrl-C to stop"));
  };

  const schedule = (reason: string) => {
    if (stopping) return;
    if (running) {
      again = reason; // a change during a round: one more round, for the latest reason
      return;
    }
    running = (async () => {
      let next: string | undefined = reason;
      while (next !== undefined && !stopping) {
        again = undefined;
        await round(next).catch((error) => console.error(red(`✗ ${(error as Error).message}`)));
        next = again;
      }
      running = undefined;
    })();
  };

  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  // Which file an fs.watch event names is unreliable (editors and sed write a temporary file and rename it), so an
  // event only wakes the watcher up: a rebuild happens when the contents of the watched sources really changed.
  let built = fingerprint();
  const onChange = (base: string, only?: string) => (_event: string, name: string | Buffer | null) => {
    if (only && name !== null && String(name) !== only) return;
    const path = relative(repoRoot, resolve(base, name ? String(name) : ""));
    if (IGNORED.test(path)) return;
    if (SOURCE.test(path)) changed.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = fingerprint();
      const list = [...changed];
      changed.clear();
      if (now === built) return;
      built = now;
      const what = list.length
        ? `${list.slice(0, 3).join(", ")}${list.length > 3 ? ` and ${list.length - 3} more` : ""}`
        : "spec/";
      schedule(`changed: ${what}`);
    }, 250);
  };
  const watchers = WATCHED.map(({ dir, recursive, only }) => watch(dir, { recursive }, onChange(dir, only)));

  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    clearTimeout(timer);
    for (const w of watchers) w.close();
    for (const child of children) child.kill("SIGTERM");
    await Promise.all([mock?.stop(), docs && new Promise((r) => docs?.close(r))]);
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  schedule("starting");
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
