// Child processes for the consumer test: each step runs in its own process group, so a step that times out is killed
// with everything it started (npm's children included), and the caller's `finally` removes its temp folder.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface StepResult {
  stdout: string;
  stderr: string;
}

export class StepError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** Runs `command args` in `cwd`; rejects with a StepError on a non-zero exit or after `timeoutMs` (group killed). */
export function step(
  command: string,
  args: string[],
  { cwd, env, timeoutMs = 60_000 }: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      // Whatever the step left running (a daemon, a stuck grandchild) goes with it.
      killGroup(child.pid);
      const what = `${command} ${args.join(" ")}`;
      if (timedOut) reject(new StepError(`${what} timed out after ${timeoutMs} ms`, code, stdout, stderr));
      else if (code !== 0) reject(new StepError(`${what} exited ${code}: ${stderr.trim()}`, code, stdout, stderr));
      else resolve({ stdout, stderr });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Whether a process is still running (a zombie, killed but not yet reaped by its new parent, is not). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // Linux: the state follows the parenthesised command name in /proc/<pid>/stat.
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}
