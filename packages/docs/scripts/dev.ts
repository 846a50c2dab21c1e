/**
 * `pnpm dev`: builds what is not built yet (turbo, cached), serves the mock on 127.0.0.1:4010 and the docs with live
 * reload on 127.0.0.1:4000, and watches spec/, redocly.yaml and packages/docs/samples/ (chokidar).
 *
 * A save rebuilds only what it touches, and only if a file's contents changed (a `touch` rebuilds nothing): the spec
 * is linted and bundled; if the bundle changed, the docs page is rebuilt and reloaded and the mock restarted on the
 * new bundle, then types, client and mock are rebuilt in the background (turbo, low priority). A sample or
 * redocly.yaml rebuilds the docs. When the spec does not lint it says where and keeps serving the last good build.
 *
 *   node packages/docs/scripts/dev.ts [--docs-only] [--no-watch]      (pnpm dev; pnpm run docs; pnpm serve)
 *   env: CSBS_MOCK_PORT (4010), CSBS_DOCS_PORT (4000), and the mock's other CSBS_MOCK_* settings
 *
 * Runs on Node's own TypeScript support (no tsx process in between), and imports @csbs/mock only once it is built.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, readFileSync, renameSync } from "node:fs";
import { createServer } from "node:net";
import { setPriority } from "node:os";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, styleText } from "node:util";
import type { MockServer } from "@csbs/mock";
import { watch } from "chokidar";
import { type DocsServer, parsePort, serveDocs } from "./serve.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const at = (path: string) => resolve(root, path);
const HOST = "127.0.0.1";
const bundle = at("spec/dist/openapi.json");

const event = process.env.npm_lifecycle_event;
const command = event === "start" ? "npm start" : event === "docs" ? "pnpm run docs" : `pnpm ${event ?? "dev"}`;
const paint = (format: Parameters<typeof styleText>[0]) => (text: string) => styleText(format, text);
const red = paint("red");
const green = paint("green");
const yellow = paint("yellow");
const bold = paint("bold");
const dim = paint("dim");
const say = (line: string) => console.log(`${dim(`[dev ${new Date().toLocaleTimeString("en-GB")}]`)} ${line}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const digest = (path: string) => {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return undefined;
  }
};
/** One line on stderr and a non-zero exit: for every mistake in how dev was started. */
const fatal = (line: string): never => {
  console.error(`${command}: ${line}`);
  process.exit(2);
};

// --- Arguments and environment: every mistake is one line that names the flag or variable. ---
const VALID = "--docs-only, --no-watch, --help";
let flags: { "docs-only"?: boolean; "no-watch"?: boolean; help?: boolean } = {};
try {
  flags = parseArgs({
    options: {
      "docs-only": { type: "boolean" },
      "no-watch": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
} catch (error) {
  fatal(`${(error as Error).message.split(". ")[0]}; valid options: ${VALID}`);
}
if (flags.help) {
  console.log(`usage: pnpm dev [--docs-only] [--no-watch]
  build, serve the mock (:4010) and the docs (:4000), rebuild what a save touches
  --docs-only   the docs only (pnpm run docs)      --no-watch   build and serve, no watching (pnpm serve)
env: CSBS_MOCK_PORT (4010), CSBS_DOCS_PORT (4000); CSBS_MOCK_RECORDS, _SEED, _LATENCY, _FAULT_RATE, _LOG_LEVEL as for pnpm mock`);
  process.exit(0);
}
const docsOnly = flags["docs-only"] === true;
const watching = flags["no-watch"] !== true;
const portOf = (name: string, fallback: number) => {
  const text = process.env[name];
  try {
    return text === undefined ? fallback : parsePort(text, name);
  } catch (error) {
    return fatal((error as Error).message);
  }
};
const ports = {
  CSBS_DOCS_PORT: portOf("CSBS_DOCS_PORT", 4000),
  ...(docsOnly ? {} : { CSBS_MOCK_PORT: portOf("CSBS_MOCK_PORT", 4010) }),
};
if (ports.CSBS_MOCK_PORT !== undefined && ports.CSBS_MOCK_PORT === ports.CSBS_DOCS_PORT && ports.CSBS_MOCK_PORT !== 0) {
  fatal(`CSBS_MOCK_PORT and CSBS_DOCS_PORT are both ${ports.CSBS_MOCK_PORT}; pick two different ports`);
}
const inUse = (name: string, port: number) =>
  `port ${port} (${name}) is in use on ${HOST}: stop what listens there, or pick another: ${name}=${port + 1} ${command}`;
for (const [name, port] of Object.entries(ports)) {
  if (port === 0) continue;
  const error = await new Promise<NodeJS.ErrnoException | undefined>((done) => {
    const probe = createServer().once("error", done);
    probe.listen(port, HOST, () => probe.close(() => done(undefined)));
  });
  if (error)
    fatal(
      error.code === "EADDRINUSE" ? inUse(name, port) : `cannot listen on ${HOST}:${port} (${name}): ${error.code}`,
    );
}

// --- Child processes: each in its own process group, so that stopping one stops everything it started. ---
const children = new Set<ChildProcess>();
const stoppedByUs = new WeakSet<ChildProcess>();
const stopChild = (child: ChildProcess | undefined) => {
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    stoppedByUs.add(child);
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
  }
};
interface Ran {
  ok: boolean;
  output: string;
  stopped: boolean;
}
function run(args: string[], cwd: string, niced = false, started?: (child: ChildProcess) => void): Promise<Ran> {
  const { FORCE_COLOR: _, ...env } = process.env;
  return new Promise((done) => {
    const child = spawn(process.execPath, args, {
      cwd,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...env, NO_COLOR: "1", TURBO_TELEMETRY_DISABLED: "1" },
    });
    try {
      if (niced && child.pid) setPriority(child.pid, 10); // before it starts its own children: they inherit it
    } catch {}
    children.add(child);
    started?.(child);
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.once("error", (error) => done({ ok: false, output: error.message, stopped: false }));
    child.once("close", (code, signal) => {
      children.delete(child);
      done({ ok: code === 0, output, stopped: signal !== null || stoppedByUs.has(child) });
    });
  });
}
/** A package's own script, as `node --run` runs it (no package manager in between: fast, and no banner). */
const script = (dir: string, name: string, extra: string[] = [], niced = false, started?: (c: ChildProcess) => void) =>
  run(["--run", name, ...(extra.length ? ["--", ...extra] : [])], at(dir), niced, started);
const tail = (output: string, lines = 12) =>
  output
    .split("\n")
    .filter((l) => l.trim() && !/[║╔╚═]/.test(l))
    .slice(-lines)
    .map((l) => `  ${l}`)
    .join("\n");

// --- The spec's lint report, reduced to what a person needs to read. ---
interface Problem {
  severity: string;
  ruleId: string;
  message: string;
  location?: { source?: { ref?: string }; pointer?: string; start?: { line: number; col: number } }[];
}
async function lint(): Promise<string | undefined> {
  const { output } = await script(".", "lint:spec", ["--format=json"]);
  let report: { totals: { errors: number; warnings: number }; problems: Problem[] };
  try {
    report = JSON.parse(output.slice(output.indexOf("{"), output.lastIndexOf("}") + 1));
  } catch {
    return `${red(bold("✗ spec/ could not be linted:"))}\n${tail(output, 5)}`;
  }
  const { errors, warnings } = report.totals;
  if (errors === 0) {
    if (warnings > 0) say(yellow(`! spec/ lints with ${warnings} warning(s): pnpm lint:spec`));
    return undefined;
  }
  const lines = [red(bold(`✗ spec/ does not lint: ${errors} error(s), ${warnings} warning(s).`))];
  for (const p of report.problems.slice(0, 12)) {
    const where = p.location?.[0];
    const file = where?.source?.ref ? relative(root, resolve(root, where.source.ref)) : "spec";
    const position = where?.start
      ? `${file}:${where.start.line}:${where.start.col}`
      : `${file} ${where?.pointer ?? ""}`;
    lines.push(
      `  ${p.severity === "error" ? red(p.severity) : yellow(p.severity)}  ${position}  ${p.message}  ${dim(p.ruleId)}`,
    );
  }
  if (report.problems.length > 12) lines.push(`  … and ${report.problems.length - 12} more (pnpm lint:spec)`);
  return lines.join("\n");
}

// --- Serving. ---
let docs: DocsServer | undefined;
let mock: MockServer | undefined;
let mockSpec: string | undefined; // the contents the running mock was started on
let served: string | undefined; // the bundle that docs and mock show
let stopping = false;

async function startMock(): Promise<string | undefined> {
  const { startMock, specPath, mockOptionsFromEnv } = await import("@csbs/mock");
  await mock?.stop();
  mock = undefined;
  try {
    // Every CSBS_MOCK_* setting the mock's CLI reads (records, seed, latency, faults…); host and port are dev's.
    mock = await startMock({ ...mockOptionsFromEnv(process.env), host: HOST, port: ports.CSBS_MOCK_PORT ?? 4010 });
    mockSpec = digest(specPath);
  } catch (error) {
    const text = (error as Error).message.split("\n")[0] ?? "";
    return /EADDRINUSE/.test(text)
      ? inUse("CSBS_MOCK_PORT", ports.CSBS_MOCK_PORT ?? 4010)
      : `the mock did not start: ${text}`;
  }
}

/** The first build: everything the servers need (turbo: a cache hit when nothing changed). Exits on a start error. */
async function start(): Promise<boolean> {
  const began = Date.now();
  say(docsOnly ? "linting spec/ and building the docs…" : "linting spec/ and building (turbo, cached)…");
  const problems = await lint();
  if (problems) {
    console.error(`${problems}\n${dim("  Fix and save: dev lints and builds on every change. Nothing to serve yet.")}`);
    return false;
  }
  // The repository's `pnpm build` (turbo run build), quiet unless a task fails.
  const built = await script(".", "build", ["--output-logs=errors-only", ...(docsOnly ? ["--filter=@csbs/docs"] : [])]);
  if (!built.ok) {
    if (!built.stopped) console.error(`${red(bold("✗ the build failed:"))}\n${tail(built.output, 30)}`);
    return false;
  }
  served = digest(bundle);
  try {
    docs ??= await serveDocs({ host: HOST, port: ports.CSBS_DOCS_PORT, liveReload: watching });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    await shutdown(
      1,
      code === "EADDRINUSE" ? inUse("CSBS_DOCS_PORT", ports.CSBS_DOCS_PORT) : `the docs server did not start: ${code}`,
    );
  }
  if (!docsOnly) {
    const failed = await startMock();
    if (failed) await shutdown(1, failed);
  }
  say(green(`✓ ready in ${seconds(began)}`));
  if (mock) {
    const path = Object.keys(JSON.parse(readFileSync(bundle, "utf8")).paths ?? {})[0] ?? "/";
    console.log(
      `  ${bold("mock")}  ${mock.url}   ${dim(`curl -H 'X-Auth-Token: any' ${mock.url}${path.replace("{project_id}", "my-project")}`)}`,
    );
  }
  if (docs) console.log(`  ${bold("docs")}  http://${HOST}:${docs.port}/`);
  if (watching) console.log(dim("  watching spec/, redocly.yaml and packages/docs/samples/; Ctrl-C to stop"));
  return true;
}

// --- The background build: types, client and mock's own build, after the fast path; stopped by the next save. ---
let background: ChildProcess | undefined;
function buildInBackground() {
  const began = Date.now();
  const args = ["--output-logs=errors-only", "--filter=!@csbs/docs"];
  void script(".", "build", args, true, (child) => (background = child)).then(async (result) => {
    if (result.stopped || stopping) return;
    background = undefined;
    if (!result.ok) {
      console.error(`${yellow("! the background build (types, client, mock) failed:")}\n${tail(result.output)}`);
      return;
    }
    const { specPath } = await import("@csbs/mock");
    // The mock's own build may serve more than the bundle (e.g. generation hints): restart on what it made.
    if (mock && digest(specPath) !== mockSpec) await startMock();
    say(dim(`types, client and mock rebuilt in the background in ${seconds(began)}`));
  });
}

/** A save after the first build: only what it touches. */
async function update(kinds: Set<string>, files: string[]) {
  stopChild(background);
  const began = Date.now();
  say(`${files.slice(0, 3).join(", ")}${files.length > 3 ? ` and ${files.length - 3} more` : ""} changed`);
  let changed = false;
  if (kinds.has("spec") || kinds.has("config")) {
    const [problems, bundled] = await Promise.all([lint(), script("spec", "build")]);
    if (stopping) return;
    if (problems) return console.error(`${problems}\n${dim("  Fix and save. Still serving the last good build.")}`);
    if (!bundled.ok) return console.error(`${red(bold("✗ the spec did not bundle:"))}\n${tail(bundled.output)}`);
    const now = digest(bundle);
    changed = now !== served;
    served = now;
  }
  if (!changed && !kinds.has("samples") && !kinds.has("config"))
    return say("the bundled spec did not change: nothing to rebuild");
  const done: string[] = kinds.has("spec") || kinds.has("config") ? [`lint + bundle ${seconds(began)}`] : [];
  await Promise.all([
    script("packages/docs", "build").then(async (result) => {
      if (!result.ok) {
        served = undefined; // the next save rebuilds, even if it brings back this bundle
        return console.error(
          `${red(bold("✗ the docs build failed; still serving the last page:"))}\n${tail(result.output)}`,
        );
      }
      await docs?.reload();
      done.push(`docs ${seconds(began)}`);
    }),
    changed && !docsOnly
      ? import("@csbs/mock").then(async ({ specPath }) => {
          // The bundle, written aside and renamed into the mock's place: its full build follows in the background.
          copyFileSync(bundle, `${specPath}.${process.pid}`);
          renameSync(`${specPath}.${process.pid}`, specPath);
          const failed = await startMock();
          if (failed) console.error(red(`✗ ${failed}`));
          else done.push(`mock ${seconds(began)}`);
        })
      : undefined,
  ]);
  if (done.length) say(green(`✓ ${done.join(" · ")}`));
  if (changed && !docsOnly && !stopping) buildInBackground();
}

// --- Watching: chokidar reports saves of every kind; a content hash per file decides whether anything changed. ---
const kinds = new Set<string>();
const files = new Set<string>();
let ready = false;
let built = false;
let running: Promise<void> | undefined;
let timer: NodeJS.Timeout | undefined;

const kick = () => {
  if (running || stopping || (built && kinds.size === 0)) return;
  const round = built
    ? update(new Set(kinds), [...files])
    : start().then(async (ok) => {
        built = ok;
        if (!ok && !watching) await shutdown(1);
      });
  kinds.clear();
  files.clear();
  running = round
    .catch((error) => console.error(red(`✗ ${(error as Error).message}`)))
    .finally(() => {
      running = undefined;
      if (kinds.size > 0) kick(); // saved during the round: one more round
    });
};

const hashes = new Map<string, string>();
/** Records a file's contents; true when they differ from what was recorded. */
const record = (file: string): boolean => {
  const now = digest(at(file));
  if (now === hashes.get(file)) return false;
  if (now === undefined) hashes.delete(file);
  else hashes.set(file, now);
  return true;
};
// Files are hashed once their events settle (50 ms), not at each event: an in-place write truncates the file before
// it writes, and hashing in between would see a change where the save changed nothing.
const pending = new Set<string>();
const settle = () => {
  for (const file of pending) {
    if (!record(file)) continue;
    files.add(file);
    kinds.add(file.startsWith("packages/docs/samples/") ? "samples" : file === "redocly.yaml" ? "config" : "spec");
  }
  pending.clear();
  kick();
};
const seen = (path: string) => {
  const file = relative(root, path);
  if (!/\.(ya?ml|json|ts|sh)$/.test(file)) return; // editors' swap and backup files, sed's temporary files
  if (!ready) return void record(file); // the first scan: what is there now is what was built
  pending.add(file);
  clearTimeout(timer);
  timer = setTimeout(settle, 50);
};
const watcher = watching
  ? watch([at("spec"), at("redocly.yaml"), at("packages/docs/samples")], {
      ignored: (path) => /(^|\/)(dist|node_modules|\.turbo|baseline|source)(\/|$)/.test(relative(root, path)),
    })
      .on("add", seen)
      .on("change", seen)
      .on("unlink", seen)
      .on("unlinkDir", (dir) => {
        for (const file of [...hashes.keys()]) if (file.startsWith(`${relative(root, dir)}/`)) seen(at(file));
      })
      .on("ready", () => (ready = true))
      .on("error", (error) => console.error(red(`✗ watching: ${(error as Error).message}`)))
  : undefined;

// --- Stopping: on SIGINT, SIGTERM, SIGHUP, or when the process that started dev is gone. ---
async function shutdown(code = 0, reason?: string): Promise<never> {
  if (reason) console.error(`${command}: ${reason}`);
  if (!stopping) {
    stopping = true;
    setTimeout(() => process.exit(code), 4_000).unref(); // whatever happens, gone within the 5 s a supervisor waits
    for (const child of children) stopChild(child);
    await Promise.allSettled([watcher?.close(), mock?.stop(), docs?.close()]);
    process.exit(code);
  }
  return new Promise<never>(() => {});
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void shutdown(0), 1_000).unref();

kick();
