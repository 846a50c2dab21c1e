/**
 * Saves, as `pnpm dev` sees them: chokidar reports every kind of save (in place, an editor's write-and-rename, vim's
 * backup-and-write, `sed -i`, `git checkout`, files created or deleted); a content hash per file decides whether
 * anything changed, so a `touch` or a write of the same contents is no save.
 *
 * What is watched is what the build reads: the spec's sources, redocly.yaml, tsconfig.base.json, and each package's
 * own files (src/, scripts/, samples/, its configs), so that a save of any file a failed task reads builds again.
 * Build outputs (dist/, the generated `*.gen.*` files of @csbs/types), tests and benches are not watched.
 */
import { readdirSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { type FSWatcher, watch } from "chokidar";

/** What a save touches: the spec's sources, redocly.yaml, the docs package, or another package's build. */
export type Kind = "spec" | "config" | "docs" | "package";

export function kindOf(file: string): Kind {
  if (/^spec\/(openapi\.yaml|components\/|paths\/)/.test(file)) return "spec";
  if (file === "redocly.yaml") return "config";
  if (file.startsWith("packages/docs/")) return "docs";
  return "package";
}

const IGNORED =
  /(^|\/)(dist(\.next[-\w]*)?|node_modules|\.turbo|baseline|source|test|bench|test-output|coverage)(\/|$)|\.gen\./;
// Editors' swap and backup files and sed's temporary files have other names: they are no save.
const SOURCE = /\.(ya?ml|json|[cm]?[jt]s|sh|hbs)$/;

/** The folders and files watched, relative to the repository. */
export const watchedPaths = (root: string): string[] => [
  "spec",
  "redocly.yaml",
  "tsconfig.base.json",
  ...readdirSync(resolve(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `packages/${entry.name}`),
];

export class SaveWatcher {
  readonly #root: string;
  readonly #onSave: (files: string[]) => void;
  readonly #hashes = new Map<string, string>();
  readonly #pending = new Set<string>();
  /** How many times each emptied file was looked at again (see #beingWritten). */
  readonly #waits = new Map<string, number>();
  readonly #watcher: FSWatcher;
  readonly #digest: (path: string) => string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #ready = false;

  /** `onSave` gets the files (relative to `root`) whose contents changed, once their events settled. */
  constructor(
    root: string,
    digest: (path: string) => string | undefined,
    onSave: (files: string[]) => void,
    onError: (error: Error) => void,
  ) {
    this.#root = root;
    this.#digest = digest;
    this.#onSave = onSave;
    const seen = (path: string) => this.#seen(path);
    this.#watcher = watch(
      watchedPaths(root).map((path) => resolve(root, path)),
      { ignored: (path) => IGNORED.test(relative(root, path)) },
    )
      .on("add", seen)
      .on("change", seen)
      .on("unlink", seen)
      .on("unlinkDir", (dir) => {
        const prefix = `${relative(root, dir)}/`;
        for (const file of [...this.#hashes.keys()]) if (file.startsWith(prefix)) seen(resolve(root, file));
      })
      .on("ready", () => (this.#ready = true))
      .on("error", (error) => onError(error as Error));
  }

  close(): Promise<void> {
    clearTimeout(this.#timer);
    return this.#watcher.close();
  }

  #seen(path: string): void {
    const file = relative(this.#root, path);
    if (!SOURCE.test(file)) return;
    if (!this.#ready) return void this.#record(file); // the first scan: what is there now is what was built
    this.#pending.add(file);
    clearTimeout(this.#timer);
    // Files are hashed once their events settle (50 ms), not at each event: an in-place write truncates the file
    // before it writes, and hashing in between would see a change where the save changed nothing.
    this.#timer = setTimeout(() => this.#settle(), 50);
  }

  #settle(): void {
    const changed: string[] = [];
    for (const file of [...this.#pending]) {
      if (this.#beingWritten(file)) continue; // still pending
      this.#pending.delete(file);
      this.#waits.delete(file);
      if (this.#record(file)) changed.push(file);
    }
    if (this.#pending.size > 0) this.#timer = setTimeout(() => this.#settle(), 250);
    if (changed.length > 0) this.#onSave(changed);
  }

  /**
   * A file that is empty now but held something is most likely being written: truncated by a writer that has not
   * written yet (an in-place save is a truncate, then a write; on a loaded machine the writer can wait longer than
   * the 50 ms settle). It is looked at again every 250 ms, up to 2 s; a file really saved empty counts after that.
   */
  #beingWritten(file: string): boolean {
    const waits = this.#waits.get(file) ?? 0;
    if (waits >= 8 || !this.#hashes.has(file)) return false;
    if (statSync(resolve(this.#root, file), { throwIfNoEntry: false })?.size !== 0) return false;
    this.#waits.set(file, waits + 1);
    return true;
  }

  /** Records a file's contents; true when they differ from what was recorded. */
  #record(file: string): boolean {
    const now = this.#digest(resolve(this.#root, file));
    if (now === this.#hashes.get(file)) return false;
    if (now === undefined) this.#hashes.delete(file);
    else this.#hashes.set(file, now);
    return true;
  }
}
