/**
 * A server `pnpm dev` runs as a child process (the mock's CLI, the docs server) and keeps running. When it dies on
 * its own (a crash, kill -9), dev says so in one line and starts it again, once; if it dies again before the next
 * save, dev says so and waits for that save (`arm()`): a server that cannot run is never restarted in a loop, and the
 * other server keeps serving meanwhile.
 *
 * With `spare`, a second process can wait, its dependencies loaded (child-guard.ts), to be the next start: a restart
 * on a new spec then costs what reading the spec costs, not what loading Prism costs.
 */
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { Processes } from "./processes.ts";
import { red, yellow } from "./say.ts";

/** Loaded first in each server: it stops when dev is gone, even after a kill -9 of dev. */
const guard = new URL("./child-guard.ts", import.meta.url).href;

export interface ServerSpec {
  /** "mock", "docs": as dev names it in its lines. */
  name: string;
  /** The server's script and its arguments (`node <script> <args>`), run in `cwd`. */
  script: string;
  args: string[];
  cwd: string;
  /** The line on its stdout that says it listens; group 1 is its URL. */
  ready: RegExp;
  /** Lines of its stdout, once ready, that are not passed on (its start banner). */
  quiet?: RegExp;
  /** False while it cannot start at all (not built yet): then it is not started, and nothing is said. */
  runnable?: () => boolean;
  /** A hash of what it loads (a build's output): when it changes, `refresh()` restarts it. */
  fingerprint?: () => string | undefined;
  /** After each start, the first or a restart (e.g. the docs server is told what failed). */
  started?: (server: Server) => void;
  /** What happens after it died twice: "it starts again on the next save". */
  until: string;
  /** It may keep a spare process ready for its next start (`prepareSpare`). */
  spare?: boolean;
}

export interface StartFailure {
  code: number | null;
  /** The last line it said (its own error), or how it ended. */
  line: string;
}

export class Server {
  readonly #spec: ServerSpec;
  readonly #processes: Processes;
  readonly #report: (line: string) => void;
  #child: ChildProcess | undefined;
  #spare: ChildProcess | undefined;
  #starting: Promise<StartFailure | undefined> | undefined;
  #url: string | undefined;
  #fingerprint: string | undefined;
  #asked = 0;
  #restarts = 1;
  #closed = false;

  constructor(spec: ServerSpec, processes: Processes, report: (line: string) => void) {
    this.#spec = spec;
    this.#processes = processes;
    this.#report = report;
  }

  get name(): string {
    return this.#spec.name;
  }
  /** Where it listens, once it has started. */
  get url(): string | undefined {
    return this.#url;
  }
  get running(): boolean {
    return this.#child !== undefined;
  }

  /** A save: if it dies now, it is started again once more. */
  arm(): void {
    this.#restarts = 1;
  }

  /** Starts it; resolves once it listens, or with why it did not. A start under way is not started twice. */
  start(): Promise<StartFailure | undefined> {
    this.#starting ??= this.#spawn().finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  async stop(): Promise<void> {
    await this.#starting;
    const child = this.#child;
    if (!child) return;
    await new Promise((closed) => {
      child.once("close", closed);
      this.#processes.stop(child);
    });
  }

  async restart(): Promise<StartFailure | undefined> {
    await this.stop();
    return this.start();
  }

  /** Starts it if it is down, restarts it if what it loads changed; undefined when it runs. */
  async refresh(): Promise<StartFailure | undefined> {
    await this.#starting;
    if (this.#spec.runnable && !this.#spec.runnable()) return undefined;
    if (!this.#child) return this.start();
    if (this.#spec.fingerprint && this.#spec.fingerprint() !== this.#fingerprint) return this.restart();
    return undefined;
  }

  /** A message over its IPC channel; dropped while it is down (it reads everything afresh when it starts). */
  send(message: object): void {
    if (this.#child?.connected) this.#child.send(message, () => undefined);
  }

  /**
   * Sends a message and resolves once the server says it is done with it (`{ done: id }`), or is gone, or after
   * `ms`: what dev says next (ready, rebuilt) is then what a request sees.
   */
  ask(message: object, ms = 5_000): Promise<void> {
    const child = this.#child;
    if (!child?.connected) return Promise.resolve();
    const id = ++this.#asked;
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        child.off("message", onReply);
        child.off("exit", finish);
        resolve();
      };
      const onReply = (reply: { done?: number }) => reply?.done === id && finish();
      const timer = setTimeout(finish, ms);
      child.on("message", onReply);
      child.once("exit", finish);
      child.send({ ...message, id }, () => undefined);
    });
  }

  /**
   * Starts the spare for the next start, if it has none. Dev calls it once a save's work is done: loading Prism
   * takes a core for half a second, which the docs build and the browser's reload need more meanwhile.
   */
  prepareSpare(): void {
    if (this.#spec.spare && !this.#closed && this.#child && !this.#spare) this.#spare = this.#launch(true);
  }

  /** Dev is stopping: its exit from now on is no crash. */
  close(): void {
    this.#closed = true;
  }

  /** The process: a spare (told to go) if one waits, else a new one. */
  #launch(spare: boolean): ChildProcess {
    const { script, args, cwd } = this.#spec;
    const env = spare ? { CSBS_DEV_SPARE: script } : undefined;
    return this.#processes.spawn(["--import", guard, script, ...args], { cwd, ipc: true, env });
  }

  #takeSpare(): ChildProcess | undefined {
    const spare = this.#spare;
    this.#spare = undefined;
    if (spare?.connected && spare.exitCode === null && spare.signalCode === null) {
      spare.send({ go: true }, () => undefined);
      return spare;
    }
    this.#processes.stop(spare);
    return undefined;
  }

  #spawn(): Promise<StartFailure | undefined> {
    const { ready, quiet } = this.#spec;
    const child = this.#takeSpare() ?? this.#launch(false);
    this.#child = child;
    this.#fingerprint = this.#spec.fingerprint?.();
    let last: string | undefined; // the last line it said on stderr: its own error, if it fails
    let listening = false;
    return new Promise((done) => {
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
        const match = listening ? null : ready.exec(line);
        if (match) {
          listening = true;
          this.#url = match[1];
          this.#spec.started?.(this);
          done(undefined);
        } else if (listening && !quiet?.test(line)) console.log(line);
      });
      createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => {
        if (line.trim()) last = line.trim();
        if (listening) console.error(line);
      });
      child.once("close", (code, signal) => {
        if (this.#child === child) this.#child = undefined;
        const how = signal ? `killed by ${signal}` : `exit code ${code}`;
        if (!listening) return done({ code, line: last ?? how });
        if (!this.#closed && !this.#processes.stoppedByDev(child)) void this.#died(last ? `${how}: ${last}` : how);
      });
    });
  }

  async #died(why: string): Promise<void> {
    const { name, until } = this.#spec;
    if (this.#restarts === 0) return this.#report(red(`✗ the ${name} exited again (${why}); ${until}`));
    this.#restarts -= 1;
    this.#report(yellow(`! the ${name} exited (${why}); starting it again`));
    const failed = await this.start();
    if (failed && !this.#closed) this.#report(red(`✗ the ${name} did not start again (${failed.line}); ${until}`));
  }
}
