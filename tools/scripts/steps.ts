/** Commands run one after the other, each with the output shown, stopping at the first that fails. */
import { spawnSync } from "node:child_process";
import { env, root } from "./turbo.ts";

export function steps(...commands: string[][]): void {
  for (const [command, ...args] of commands) {
    const { status, error } = spawnSync(command as string, args, { cwd: root, env, stdio: "inherit" });
    if (error) throw error;
    if (status !== 0) {
      process.exitCode = status ?? 1;
      return;
    }
  }
}
