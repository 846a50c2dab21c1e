/**
 * What the root verbs share: the repository root, and turbo run as the repository runs it — without turbo's
 * telemetry (its first run on a machine prints a notice about it), quiet unless a task fails.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const root: string = fileURLToPath(new URL("../../", import.meta.url));
export const env: NodeJS.ProcessEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" };

/** `turbo run <args>`: true when every task passed. `quiet`: its output only when a task fails. */
export function turbo(args: string[], { quiet = false }: { quiet?: boolean } = {}): boolean {
  const result = spawnSync("turbo", ["run", ...args, ...(quiet ? ["--output-logs=errors-only"] : [])], {
    cwd: root,
    env,
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  if (result.status !== 0 && quiet) process.stderr.write(`${result.stdout}${result.stderr}`);
  return result.status === 0;
}
