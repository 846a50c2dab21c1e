/**
 * What `pnpm dev` builds, each as the repository's or a package's own script (`node --run`):
 *   - the first build: the spec linted, then `pnpm build` (turbo, cached; `--continue=dependencies-successful`: what does not
 *     depend on a failed task is still built and can be served);
 *   - the fast path of a spec save: `redocly lint` and the spec's own `build` (the bundle) in parallel; then the
 *     model (`@csbs/types`' `generate:model`, what the mock's engine and the docs read); then the docs page (and the
 *     loop gives the bundle, Prism's input, to the mock);
 *   - the background build: types, client and mock at low priority, stopped by the next save; the save's own steps
 *     wait until it is gone (turbo stops its tasks before it exits), so nothing of it writes over what they write.
 * Every failure comes back as a `Failure` (report.ts): which task, the command that reproduces it, what it said.
 */
import type { ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import type { Processes } from "./processes.ts";
import { buildFailure, type Failure, lintFailure } from "./report.ts";
import { bold, digest, red, say, tail } from "./say.ts";

export class Builds {
  readonly #processes: Processes;
  readonly #root: string;
  /** The bundled spec (spec/dist/openapi.json). */
  readonly bundle: string;
  /** The bundle that the docs and the mock show (its hash); undefined: rebuild them whatever the next bundle is. */
  #served: string | undefined;
  #background: { child: ChildProcess; ended: Promise<unknown> } | undefined;

  constructor(processes: Processes, root: string) {
    this.#processes = processes;
    this.#root = root;
    this.bundle = resolve(root, "spec/dist/openapi.json");
  }

  async lint(): Promise<Failure | undefined> {
    const { output } = await this.#processes.script(this.#root, "lint:spec", ["--format=json"]);
    return lintFailure(output, this.#root, say);
  }

  /** Everything the servers need: a cache hit when nothing changed. `stopped`: dev stopped it. */
  async first(docsOnly: boolean): Promise<{ failure?: Failure; stopped?: boolean }> {
    const problems = await this.lint();
    if (problems) return { failure: problems };
    const filter = docsOnly ? ["--filter=@csbs/docs"] : [];
    const built = await this.#processes.script(this.#root, "build", [
      "--output-logs=errors-only",
      "--continue=dependencies-successful",
      ...filter,
    ]);
    if (built.stopped) return { stopped: true };
    if (!built.ok) return { failure: buildFailure("the build", built.output) };
    this.#served = digest(this.bundle);
    return {};
  }

  /** Lints and bundles the spec; `changed`: the bundle is not the one served. */
  async spec(): Promise<{ failure?: Failure; changed: boolean }> {
    const [problems, bundled] = await Promise.all([
      this.lint(),
      this.#processes.script(resolve(this.#root, "spec"), "build"),
    ]);
    if (problems) return { failure: problems, changed: false };
    if (!bundled.ok) {
      const headline = "the spec did not bundle";
      return { failure: { headline, text: `${red(bold(`✗ ${headline}:`))}\n${tail(bundled.output)}` }, changed: false };
    }
    const now = digest(this.bundle);
    const changed = now !== this.#served;
    if (changed) {
      // The model every product reads (the mock's engine, the docs page), from the new bundle: the mock and the docs
      // restarted next must answer the saved spec, not wait for the background build's `pnpm generate`.
      const modelled = await this.#processes.script(resolve(this.#root, "packages/types"), "generate:model");
      if (!modelled.ok) {
        const headline = "the model was not generated";
        return { failure: { headline, text: `${red(bold(`✗ ${headline}:`))}\n${tail(modelled.output)}` }, changed };
      }
    }
    this.#served = now;
    return { changed };
  }

  /** The docs page (the docs package's own build). */
  async docs(): Promise<Failure | undefined> {
    const result = await this.#processes.script(resolve(this.#root, "packages/docs"), "build");
    if (result.ok || result.stopped) return undefined;
    this.#served = undefined; // the next save rebuilds, even if it brings back this bundle
    const headline = "the docs build failed; still serving the last page";
    return { headline, text: `${red(bold(`✗ ${headline}:`))}\n${tail(result.output)}` };
  }

  /** Types, client and mock (turbo, low priority). Resolves with the failure, or undefined; `stopped` by a save. */
  async background(): Promise<{ failure?: Failure; stopped?: boolean }> {
    await this.stopBackground();
    const args = ["--output-logs=errors-only", "--continue=dependencies-successful", "--filter=!@csbs/docs"];
    let child: ChildProcess | undefined;
    const ended = this.#processes.script(this.#root, "build", args, { niced: true }, (started) => (child = started));
    const background = child && { child, ended };
    this.#background = background;
    const result = await ended;
    if (this.#background === background) this.#background = undefined;
    if (result.stopped) return { stopped: true };
    return result.ok ? {} : { failure: buildFailure("the background build (types, client, mock)", result.output) };
  }

  /** Stops the background build, if one runs; resolves once it and its tasks have ended (killed after 5 s). */
  async stopBackground(): Promise<void> {
    const background = this.#background;
    if (!background) return;
    await this.#processes.end([background.child], 5_000);
    await background.ended;
  }
}
