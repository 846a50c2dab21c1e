/**
 * For the tests that run the repository's own commands on a copy of it (growth.test.ts, paths.test.ts): a copy as a
 * clone has it, at any path.
 *
 * The copy holds the tracked (and new, not ignored) files of this working tree, so no dist/ and no turbo cache: it
 * builds from scratch, as a fresh clone does. It is a git repository of its own with one commit and no tag (the
 * breaking gate reads the last release from git and fails where git does), and its dependencies are installed by
 * `pnpm install --offline --frozen-lockfile` from the local store: no registry.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "@csbs/spec/validator";

const exec = promisify(execFile);

/** How the commands of a copy are run: no telemetry, no colours in the output the tests read. */
export const copyEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0", CI: "true" };

/** A command in `dir`, as a shell that `cd`'d there would run it (PWD is the path as given, symlinks and all). */
export function runIn(dir: string) {
  return (command: string, args: string[], cwd = dir) =>
    exec(command, args, { cwd, env: { ...copyEnv, PWD: cwd }, maxBuffer: 64 * 1024 * 1024 });
}

/** What a failed command said: its exit code, stdout and stderr (it throws if the command passed). */
export async function failureOf(run: Promise<unknown>): Promise<{ code: number; stdout: string; stderr: string }> {
  const outcome = await run.then(
    () => undefined,
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  if (!outcome) throw new Error("the command passed, but it should have failed");
  return outcome;
}

/** Copies the repository into `dest` (created if needed), makes it a git repository and installs it. */
export async function copyRepository(dest: string): Promise<void> {
  const { stdout } = await exec("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const file of stdout.split("\0").filter(Boolean)) {
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    try {
      cpSync(join(repoRoot, file), join(dest, file));
    } catch {
      // deleted in the working tree but still in the index
    }
  }
  const run = runIn(dest);
  const git = (...args: string[]) =>
    run("git", [
      "-c",
      "user.name=copy",
      "-c",
      "user.email=copy@example.invalid",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ]);
  await git("init", "-q", "-b", "main");
  await git("add", "-A");
  await git("commit", "-q", "-m", "a copy of the working tree");
  await run("pnpm", ["install", "--offline", "--frozen-lockfile"]);
}
