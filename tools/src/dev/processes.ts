/**
 * The child processes of `pnpm dev`: each in a process group of its own, so that stopping one stops everything it
 * started, and every one of them stops with dev. turbo starts each task in a group of its own and stops them when it
 * is told to stop; if it has not ended after a grace period, it and every process below it are killed, so that no task
 * is left running (and writing into the tree) after dev stopped it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { setPriority } from "node:os";

export interface Ran {
  ok: boolean;
  output: string;
  /** It ended because dev stopped it (or a signal did), not on its own. */
  stopped: boolean;
}

export interface SpawnOptions {
  cwd: string;
  /** At low priority (its own children inherit it): a background build leaves the CPU to the saves. */
  niced?: boolean;
  /** With an IPC channel (the servers: dev sends them messages, and they notice when dev is gone). */
  ipc?: boolean;
  /** Variables added to dev's environment. */
  env?: Record<string, string>;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Every live process below `pid`, whatever its process group (`ps`: Linux and macOS); none if ps fails. */
function descendants(pid: number): number[] {
  let table: string;
  try {
    table = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" });
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const line of table.split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (child && parent) children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length > 0; ) {
    const next = children.get(queue.shift() as number) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

const kill = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(pid, signal);
  } catch {}
};

export class Processes {
  readonly #children = new Set<ChildProcess>();
  readonly #stopped = new WeakSet<ChildProcess>();

  /** `node <args>`, output piped, colours off. */
  spawn(args: string[], { cwd, niced = false, ipc = false, env: extra }: SpawnOptions): ChildProcess {
    const { FORCE_COLOR: _, ...env } = process.env;
    const child = spawn(process.execPath, args, {
      cwd,
      detached: true,
      stdio: ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
      env: { ...env, NO_COLOR: "1", TURBO_TELEMETRY_DISABLED: "1", ...extra },
    });
    try {
      if (niced && child.pid) setPriority(child.pid, 10); // before it starts its own children: they inherit it
    } catch {}
    this.#children.add(child);
    const forget = () => this.#children.delete(child);
    child.once("exit", forget).once("error", forget);
    return child;
  }

  /** Runs `node <args>` to its end and keeps what it said. */
  run(args: string[], options: SpawnOptions, started?: (child: ChildProcess) => void): Promise<Ran> {
    return new Promise((done) => {
      const child = this.spawn(args, options);
      started?.(child);
      let output = "";
      child.stdout?.on("data", (chunk) => (output += chunk));
      child.stderr?.on("data", (chunk) => (output += chunk));
      child.once("error", (error) => done({ ok: false, output: error.message, stopped: false }));
      child.once("close", (code, signal) =>
        done({ ok: code === 0, output, stopped: signal !== null || this.#stopped.has(child) }),
      );
    });
  }

  /** A package's own script, as `node --run` runs it (no package manager in between: fast, and no banner). */
  script(
    cwd: string,
    name: string,
    extra: string[] = [],
    options: Omit<SpawnOptions, "cwd"> = {},
    started?: (child: ChildProcess) => void,
  ): Promise<Ran> {
    return this.run(["--run", name, ...(extra.length ? ["--", ...extra] : [])], { ...options, cwd }, started);
  }

  /** SIGTERM to the child's process group; it then counts as stopped by dev, not as a crash. */
  stop(child: ChildProcess | undefined): void {
    if (!child?.pid || exited(child)) return;
    this.#stopped.add(child);
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
  }

  stoppedByDev(child: ChildProcess): boolean {
    return this.#stopped.has(child);
  }

  /**
   * Stops children (SIGTERM to their groups) and resolves once they have ended; what is still there after `ms`, the
   * children and every process that was below them when they were told to stop, is killed (SIGKILL).
   */
  async end(children: ChildProcess[], ms: number): Promise<void> {
    const running = children.filter((child) => child.pid && !exited(child));
    const below = running.flatMap((child) => descendants(child.pid as number));
    for (const child of running) this.stop(child);
    let timer: NodeJS.Timeout | undefined;
    const ended = Promise.all(running.map((c) => (exited(c) ? undefined : new Promise((r) => c.once("exit", r)))));
    await Promise.race([ended, new Promise((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
    for (const child of running) if (!exited(child)) kill(-(child.pid as number), "SIGKILL");
    // A task turbo left behind (its own group, its parent gone) is killed, whether turbo ended in time or not.
    for (const pid of below) kill(pid, "SIGKILL");
    await ended;
  }

  /** Stops every child: see `end`. */
  stopAll(ms: number): Promise<void> {
    return this.end([...this.#children], ms);
  }
}
