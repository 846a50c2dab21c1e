/**
 * When `pnpm dev` builds and what it then serves. First the whole build; until it succeeds, every save tries it
 * again, and meanwhile the servers serve what they can (the mock from the last spec it was built on; the docs' last
 * good page, or a page that names the failure). After it, one round per batch of saves (saves during a round make
 * one more round): a spec save is linted and bundled; if the bundle changed, the docs page is rebuilt and reloaded
 * and the mock restarted on it, then types, client and mock rebuild in the background; a docs file rebuilds the page;
 * another package's file rebuilds in the background, and the mock restarts if its build changed.
 *
 * Rounds never overlap: a save's round first stops the background build and waits for it to be gone, and what a
 * background build that ended on its own brought (the mock's new build) is taken in a round of its own. A background
 * build stopped by a save is still owed: that save's round starts one again, whatever the save touched.
 */
import { stripVTControlCharacters } from "node:util";
import type { MockCopy } from "./mock-copy.ts";
import type { Builds } from "./rebuild.ts";
import type { Failure } from "./report.ts";
import { bold, complain, dim, green, red, say, seconds } from "./say.ts";
import type { Server, StartFailure } from "./server.ts";
import { type Kind, kindOf } from "./watch.ts";

export interface LoopOptions {
  builds: Builds;
  docs: Server;
  mock: Server | undefined;
  /** The copy of the mock's build that the mock runs from (none with --docs-only). */
  mockCopy: MockCopy | undefined;
  watching: boolean;
  docsOnly: boolean;
  /** Whether the docs have a page (a good one, from an earlier build). */
  hasPage: () => boolean;
  /** The request to show next to the mock's URL. */
  curl: (base: string) => Promise<string | undefined>;
  /** Ends dev: `reason` is the one line to print (a mistake in how it was started); none: already said. */
  exit: (code: number, reason?: { server: string; line: string }) => void;
}

export class DevLoop {
  readonly #o: LoopOptions;
  readonly #kinds = new Set<Kind>();
  readonly #files = new Set<string>();
  #built = false;
  #served = false;
  #running: Promise<void> | undefined;
  #stopping = false;
  /** A background build is due: one started and has not ended on its own (a save stopped it, or it runs). */
  #owed = false;
  /** A background build that ended on its own, not yet taken (its round follows the one that runs). */
  #finished: { began: number; failure?: Failure } | undefined;
  /** What failed in the first build, for the docs page while there is none. */
  #failure: string | undefined;

  constructor(options: LoopOptions) {
    this.#o = options;
  }

  get failure(): string | undefined {
    return this.#failure;
  }

  /** Files whose contents changed (from the watcher). */
  saved(files: string[]): void {
    for (const file of files) {
      this.#files.add(file);
      this.#kinds.add(kindOf(file));
    }
    this.kick();
  }

  /** Starts a round unless one runs (then it follows that one). */
  kick(): void {
    if (this.#running || this.#stopping) return;
    let round: Promise<void>;
    if (!this.#built) round = this.#start();
    else if (this.#kinds.size > 0) round = this.#update(new Set(this.#kinds), [...this.#files]);
    else if (this.#finished) round = this.#afterBackground(this.#finished);
    else return;
    this.#kinds.clear();
    this.#files.clear();
    this.#running = round
      .catch((error) => complain(red(`✗ ${(error as Error).message}`)))
      .finally(() => {
        this.#running = undefined;
        // Saved during the round, or a background build ended meanwhile: one more round.
        if (this.#kinds.size > 0 || this.#finished) this.kick();
      });
  }

  stop(): void {
    this.#stopping = true;
  }

  get #servers(): Server[] {
    return this.#o.mock ? [this.#o.docs, this.#o.mock] : [this.#o.docs];
  }

  /** The first build (and, until it succeeds, each save's). */
  async #start(): Promise<void> {
    const { builds, docsOnly, watching } = this.#o;
    const began = Date.now();
    for (const server of this.#servers) server.arm();
    say(docsOnly ? "linting spec/ and building the docs…" : "linting spec/ and building (turbo, cached)…");
    const { failure, stopped } = await builds.first(docsOnly);
    if (stopped || this.#stopping) return;
    this.#o.mockCopy?.take(); // turbo ran to its end: the mock's build is whole (a failed mock build leaves none)
    if (failure) {
      complain(failure.text);
      if (!watching) return this.#o.exit(1);
      this.#failure = `${stripVTControlCharacters(failure.text)}\n\nFix and save: pnpm dev builds again, and this page reloads.`;
    } else this.#failure = undefined;
    await this.#serve(true);
    if (this.#stopping) return;
    if (failure) return this.#stillServing();
    this.#built = true;
    await this.#ready(began);
    this.#o.mock?.prepareSpare();
  }

  /** Starts what is down, restarts what changed; `tell`: the docs page reloads (showing the failure, if any). */
  async #serve(tell = false): Promise<void> {
    const first = !this.#served;
    this.#served = true;
    const { docs } = this.#o;
    const wasRunning = docs.running;
    const failed = await Promise.all(this.#servers.map((server) => server.refresh()));
    if (tell && wasRunning) await docs.ask({ reload: true, failure: this.#failure });
    this.#servers.forEach((server, i) => {
      const failure = failed[i];
      if (failure && !this.#stopping) this.#startFailed(server, failure, first);
    });
  }

  #startFailed(server: Server, failed: StartFailure, first: boolean): void {
    // At the very first start, a server that refuses its settings (exit code 2) or its port is a mistake in how dev
    // was started: one line, and dev ends. Later, it is said, and the next save tries again.
    if (first && (failed.code === 2 || /EADDRINUSE|in use/.test(failed.line))) {
      this.#o.exit(1, { server: server.name, line: failed.line });
    } else complain(red(`✗ the ${server.name} did not start (${failed.line}); it starts again on the next save`));
  }

  #stillServing(): void {
    const { docs, mock, hasPage } = this.#o;
    const serving = [
      mock?.running ? `the mock on ${mock.url} (the spec it was last built on)` : undefined,
      docs.running
        ? `the docs on ${docs.url} (${hasPage() ? "the last good page" : "a page that names this failure"})`
        : undefined,
    ].filter(Boolean);
    if (serving.length) say(`still serving ${serving.join(" and ")}`);
    console.log(dim("  Fix and save: dev builds again on a save of any file the build reads (spec/, packages/*)."));
  }

  async #ready(began: number): Promise<void> {
    const { docs, mock, watching, curl } = this.#o;
    say(green(`✓ ready in ${seconds(began)}`));
    if (mock?.url) console.log(`  ${bold("mock")}  ${mock.url}   ${dim((await curl(mock.url)) ?? "")}`);
    if (docs.url) console.log(`  ${bold("docs")}  ${docs.url}`);
    if (watching) console.log(dim("  watching spec/, redocly.yaml and packages/*; Ctrl-C to stop"));
  }

  /** A save after the first build: only what it touches. */
  async #update(kinds: Set<Kind>, files: string[]): Promise<void> {
    const { builds, docsOnly, mock } = this.#o;
    const began = Date.now();
    await builds.stopBackground(); // nothing of it may write over what this round writes
    if (this.#stopping) return;
    say(`${files.slice(0, 3).join(", ")}${files.length > 3 ? ` and ${files.length - 3} more` : ""} changed`);
    for (const server of this.#servers) server.arm();
    const specSaved = kinds.has("spec") || kinds.has("config");
    let changed = false;
    if (specSaved) {
      const result = await builds.spec();
      if (this.#stopping) return;
      if (result.failure) {
        complain(`${result.failure.text}\n${dim("  Fix and save. Still serving the last good build.")}`);
        return this.#serve();
      }
      changed = result.changed;
    }
    const page = changed || kinds.has("docs") || kinds.has("config");
    const background = !docsOnly && (changed || kinds.has("package") || this.#owed);
    if (background) this.#finished = undefined; // the build this round starts supersedes it
    if (!page && !background) {
      say(specSaved ? "the bundled spec did not change: nothing to rebuild" : "nothing to rebuild");
      return this.#serve();
    }
    const done: string[] = specSaved ? [`lint + bundle ${seconds(began)}`] : [];
    await Promise.all([page && this.#page(began, done), changed && mock && this.#mock(mock, began, done)]);
    // On the same line (one write): whoever reads it knows whether a background build follows, and waits for it.
    const next = background ? dim(" (types, client and mock next, in the background)") : "";
    if (done.length) say(`${green(`✓ ${done.join(" · ")}`)}${next}`);
    await this.#serve();
    if (background && !this.#stopping) void this.#background();
    else this.#o.mock?.prepareSpare();
  }

  async #page(began: number, done: string[]): Promise<void> {
    const failure = await this.#o.builds.docs();
    if (this.#stopping) return;
    if (failure) return complain(failure.text);
    await this.#o.docs.ask({ reload: true });
    done.push(`docs ${seconds(began)}`);
  }

  async #mock(mock: Server, began: number, done: string[]): Promise<void> {
    try {
      this.#o.mockCopy?.install(this.#o.builds.bundle); // its full build follows in the background
    } catch (error) {
      return complain(red(`✗ the new spec could not be given to the mock: ${(error as Error).message}`));
    }
    const failed = await mock.restart();
    if (this.#stopping) return;
    if (failed) complain(red(`✗ the mock did not start (${failed.line}); it starts again on the next save`));
    else done.push(`mock ${seconds(began)}`);
  }

  async #background(): Promise<void> {
    const began = Date.now();
    this.#owed = true;
    const { failure, stopped } = await this.#o.builds.background();
    if (stopped || this.#stopping) return;
    this.#owed = false;
    this.#finished = { began, failure };
    this.kick();
  }

  /** What a background build that ended on its own brought, in a round of its own. */
  async #afterBackground({ began, failure }: { began: number; failure?: Failure }): Promise<void> {
    this.#finished = undefined;
    if (failure) complain(failure.text);
    else {
      // The mock's own build may serve more than the bundle alone (its code): restart it if that changed.
      this.#o.mockCopy?.take();
      await this.#serve();
      say(dim(`types, client and mock rebuilt in the background in ${seconds(began)}`));
    }
    this.#o.mock?.prepareSpare(); // now that the save's work is done (the spare takes a core for a while)
  }
}
