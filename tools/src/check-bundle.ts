/**
 * Shared helpers of the checks: the repository root, running local commands, and bundling spec/ fresh with Redocly
 * (the checks never trust spec/dist, which may be stale).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { OpenApiDoc } from "./breaking-rules.js";

export const root: string = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
export const redoclyBin: string = resolve(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a local command (no shell), bounded by a timeout; never throws on a non-zero exit. */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      cmd,
      args,
      {
        cwd: opts.cwd ?? root,
        timeout: opts.timeoutMs ?? 180_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0", NO_COLOR: "1", ...opts.env },
      },
      (error, stdout, stderr) => {
        const exited = typeof error?.code === "number";
        const code = error ? (exited ? (error.code as number) : 1) : 0;
        // A non-zero exit speaks for itself on stdout/stderr; a spawn failure or a timeout does not.
        const why = error && !exited ? `${error.killed ? "timed out: " : ""}${error.message}` : "";
        done({ code, stdout: String(stdout), stderr: `${String(stderr)}${why}` });
      },
    );
  });
}

/** Bundles `<dir>/spec/openapi.yaml` (with `<dir>/redocly.yaml` as config) into one JSON document. */
export async function bundleSpec(dir: string = root): Promise<OpenApiDoc> {
  const tmp = await mkdtemp(join(tmpdir(), "csbs-bundle-"));
  try {
    const out = join(tmp, "openapi.json");
    const r = await run(process.execPath, [redoclyBin, "bundle", "spec/openapi.yaml", "--output", out], {
      cwd: dir,
      timeoutMs: 60_000,
    });
    if (r.code !== 0) throw new Error(`redocly bundle failed in ${dir}:\n${r.stderr || r.stdout}`);
    return JSON.parse(await readFile(out, "utf8")) as OpenApiDoc;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
