/**
 * The child processes of `pnpm dev`: each in a process group of its own, so that stopping one stops everything it
 * started (turbo and its tasks), and every one of them stops with dev.
 */
import { type ChildProcess, spawn } from "node:child_process";
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

  /** Stops every child; what has not exited within `ms` is killed. */
  async stopAll(ms: number): Promise<void> {
    const children = [...this.#children];
    for (const child of children) this.stop(child);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(children.map((c) => (exited(c) ? undefined : new Promise((r) => c.once("exit", r))))),
      new Promise((r) => (timer = setTimeout(r, ms))),
    ]);
    clearTimeout(timer);
    for (const child of children) {
      try {
        if (child.pid && !exited(child)) process.kill(-child.pid, "SIGKILL");
      } catch {}
    }
  }
}
