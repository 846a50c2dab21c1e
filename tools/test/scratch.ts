/**
 * For the tests and the bench that run the real `pnpm dev`: a scratch copy of the repository and its processes.
 *
 * The copy has the sources only (no dist/, no turbo cache: dev starts from an unbuilt tree, as on a fresh clone),
 * shares the installed packages (node_modules/.pnpm is linked, the workspace's own links are copied), and is a git
 * repository of its own, so that `git checkout -- file` works and the real checkout is never touched.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../../", import.meta.url));
const SKIP = /(^|\/)(\.git|\.turbo|\.toolchain|dist(\.next[-\w]*)?|test-output|coverage)$|^node_modules\/\.pnpm$/;

export function scratchCopy(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "csbs-dev-"));
  cpSync(repo, dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !SKIP.test(relative(repo, src)) });
  symlinkSync(join(repo, "node_modules/.pnpm"), join(dir, "node_modules/.pnpm"));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=dev test", "-c", "user.email=dev@example.invalid", ...args], {
      cwd: dir,
      stdio: "ignore",
    });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "scratch");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await Promise.resolve(check()).catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer().once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/** A command started as a supervisor would: in a process group of its own, output kept. */
export interface Launched {
  child: ChildProcess;
  pid: number;
  output(): string;
  exited: Promise<{ code: number | null; signal: string | null; at: number }>;
  waitFor(pattern: RegExp, ms: number, from?: number): Promise<void>;
}

export function launch(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Launched {
  const child = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  let text = "";
  child.stdout?.on("data", (c) => (text += c));
  child.stderr?.on("data", (c) => (text += c));
  const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  return {
    child,
    pid: child.pid ?? -1,
    output: () => text,
    exited,
    waitFor: (pattern, ms, from = 0) =>
      until(
        `${pattern} in the output of ${command} ${args.join(" ")}`,
        () => {
          if (pattern.test(text.slice(from))) return true;
          if (gone) throw new Error(`${command} ${args.join(" ")} exited; it said:\n${text.slice(-3000)}`);
          return false;
        },
        ms,
      ).then(
        () => undefined,
        (error: Error) => {
          throw new Error(`${error.message}\n--- output ---\n${text.slice(-3000)}`);
        },
      ),
  };
}

/** The PID of the process that listens on 127.0.0.1:`port` (ss shows it for our own processes), if any. */
export function listener(port: number): number | undefined {
  const out = execFileSync("ss", ["-Htlnp", `sport = :${port}`], { encoding: "utf8" });
  const pid = Number(/pid=(\d+)/.exec(out)?.[1]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** State and parent of a live process (from /proc), or undefined once it is gone (or a zombie). */
function stat(pid: number): { ppid: number; state: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, ppid] = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return state === "Z" ? undefined : { ppid: Number(ppid), state: state ?? "" };
  } catch {
    return undefined;
  }
}

/** Every live process below `pid` (children, grandchildren, … whatever process group they are in). */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s) parents.set(s.ppid, [...(parents.get(s.ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of parents.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Members of process group `pgid` that are still alive. */
export function groupMembers(pgid: number): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        const text = readFileSync(`/proc/${e}/stat`, "utf8");
        const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
        return fields[0] !== "Z" && Number(fields[2]) === pgid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

export const isAlive = (pid: number) => stat(pid) !== undefined;

/** Stops what a test left running: by PID, and only processes working inside `dir` (a PID may have been reused). */
export function killAll(pids: number[], dir: string) {
  for (const pid of pids) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) process.kill(pid, "SIGKILL");
    } catch {}
  }
}
