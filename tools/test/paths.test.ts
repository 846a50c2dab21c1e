// The build and the gates from a clone whose path has spaces and is reached through a symlink: each entry point
// runs whatever path it was started by. (They used to compare their own file URL with the path node was given to
// decide whether to run, which is false there, so `pnpm build` and the gates exited 0 having done nothing.)
// A copy of the repository (repo-copy.ts) at `<tmp>/link to it/csbs api`, where `link to it` → `real dir`.
import { type ChildProcess, spawn } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBundledSpec, repoRoot } from "@csbs/spec/validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRepository, failureOf, runIn } from "./repo-copy.js";

const scratch = mkdtempSync(join(tmpdir(), "csbs-paths-"));
mkdirSync(join(scratch, "real dir"));
symlinkSync(join(scratch, "real dir"), join(scratch, "link to it"), "dir");
const copy = join(scratch, "link to it", "csbs api");
const run = runIn(copy);
const pnpm = (args: string[]) => run("pnpm", args);
const at = (path: string) => join(copy, path);

// The operation's path file and its `limit` parameter, found from the spec (tools/ names no path of it).
const [listPath] = Object.keys(loadBundledSpec().paths) as [string];
const pathFile = at(`spec/paths/${listPath.slice(1).replaceAll("/", "_")}.yaml`);
const limitRef = /^\s*- \$ref: \.\.\/components\/parameters\/limit\.yaml\n/m;

/** Runs `body` with `file` edited by `edit`, then puts the file back. */
async function withEdit(file: string, edit: (text: string) => string, body: () => Promise<void>): Promise<void> {
  const original = readFileSync(file, "utf8");
  const edited = edit(original);
  expect(edited).not.toBe(original);
  writeFileSync(file, edited);
  try {
    await body();
  } finally {
    writeFileSync(file, original);
  }
}

describe("from a path with spaces, reached through a symlink", () => {
  let builtAfter = 0;
  let built = "";
  const servers: ChildProcess[] = [];

  beforeAll(async () => {
    await copyRepository(copy);
    // Filesystem timestamps lag the clock by up to a tick: anything written by the build is newer than this.
    builtAfter = Date.now() - 1000;
    built = (await pnpm(["build"])).stdout;
  }, 600_000);

  afterAll(() => {
    for (const server of servers) server.kill("SIGKILL");
    rmSync(scratch, { recursive: true, force: true });
  });

  it("`pnpm build` writes the reference page", () => {
    const page = at("packages/docs/dist/index.html");
    expect(statSync(page).mtimeMs).toBeGreaterThan(builtAfter);
    expect(readFileSync(page, "utf8")).toContain("listCheckpointItems");
    expect(built).toContain(`docs: ${join(scratch, "real dir", "csbs api", "packages/docs/dist/index.html")}`);
  });

  it("`pnpm check:breaking` passes on the copy as it is, and fails naming `limit` once the operation drops it", async () => {
    const passing = await pnpm(["check:breaking"]);
    expect(passing.stdout).toMatch(/^spec\/ against the last release \S+ \(spec\/baseline\/openapi\.json: no release/m);

    await withEdit(
      pathFile,
      (text) => text.replace(limitRef, ""),
      async () => {
        const failed = await failureOf(pnpm(["check:breaking"]));
        expect(failed.code).not.toBe(0);
        expect(failed.stdout).toMatch(/^\s*breaking\s+GET \S+: query parameter `limit` removed/m);
        expect(failed.stderr).toContain("fix: make the change compatible");
      },
    );
  }, 180_000);

  it("the version check (`@csbs/spec` lint) passes on the copy, and fails on a hand-edited info.version", async () => {
    const lint = ["--filter", "@csbs/spec", "run", "lint"];
    expect((await pnpm(lint)).stdout).toContain("versions agree:");

    const version = JSON.parse(readFileSync(at("spec/package.json"), "utf8")).version as string;
    await withEdit(
      at("spec/openapi.yaml"),
      (text) => text.replace(/^ {2}version: .*$/m, "  version: 99.0.0"),
      async () => {
        const failed = await failureOf(pnpm(lint));
        expect(failed.code).not.toBe(0);
        expect(failed.stderr).toContain(`spec/openapi.yaml info.version is 99.0.0 but @csbs/spec is ${version}`);
      },
    );
  }, 180_000);

  it("the types generator runs when started by its path through the symlink", async () => {
    const out = join(scratch, "generated types");
    const script = at("packages/types/scripts/generate-cli.mts");
    const { stdout } = await run(at("node_modules/.bin/tsx"), [script, "--out", out], at("packages/types"));
    expect(stdout).toContain(`generated ${join(out, "index.gen.d.ts")}`);
    expect(readdirSync(out).sort()).toEqual(readdirSync(join(copy, "packages/types/src")).sort());
  }, 120_000);

  it("the docs server runs when started by its path through the symlink", async () => {
    const server = spawn(process.execPath, [at("packages/docs/scripts/serve-cli.ts"), "--port", "0"], {
      cwd: at("packages/docs"),
      stdio: ["ignore", "pipe", "pipe"],
    });
    servers.push(server);
    let said = "";
    const url = await new Promise<string>((found, failed) => {
      server.stdout.on("data", (chunk: Buffer) => {
        said += chunk;
        const match = /^docs {2}(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(said);
        if (match) found(match[1] as string);
      });
      server.stderr.on("data", (chunk: Buffer) => (said += chunk));
      server.once("exit", (code) => failed(new Error(`the docs server exited (${code}) before serving:\n${said}`)));
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("listCheckpointItems");
    const exited = new Promise((done) => server.once("exit", done));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

describe("no script decides whether it is the entry point", () => {
  it("no tracked source compares its own URL or path with the script node was started with: entries only run", async () => {
    const { stdout } = await runIn(repoRoot)("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
    const sources = stdout.split("\0").filter((f) => /\.(c|m)?(t|j)s$/.test(f) && !f.startsWith("packages/types/src/"));
    // Built from parts, so that this file does not name them itself.
    const check = new RegExp(["process\\.argv\\[1\\]", "import\\.meta\\.main", "require\\.main ==="].join("|"));
    const deciding = sources.filter((file) => {
      try {
        return check.test(readFileSync(join(repoRoot, file), "utf8"));
      } catch {
        return false; // deleted in the working tree
      }
    });
    expect(deciding).toEqual([]);
  });
});
