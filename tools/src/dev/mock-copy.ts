/**
 * The mock runs from a copy of its build, not from packages/mock/dist: a build rewrites dist/ (tsdown empties it
 * first), and a save stops a background build half-way, so a mock started from dist/ meanwhile would find files
 * missing. The copy is taken only after a build that ran to its end, and dev's new bundles are written into it.
 *
 * It lives in a temporary folder of this dev process (removed when dev stops; left-overs of a dev that was killed are
 * removed by the next one), with the package's manifest and a link to its node_modules, so that the mock's imports
 * and its spare's preload resolve as they do in the package.
 */
import { createHash } from "node:crypto";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const PREFIX = "csbs-dev-mock-";

/** One hash over every file below `dir` (names and contents), or undefined when it cannot be read. */
export function digestTree(dir: string): string | undefined {
  try {
    const hash = createHash("sha256");
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) hash.update(relative(dir, file)).update(readFileSync(file));
    return hash.digest("hex");
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

export class MockCopy {
  readonly #build: string;
  readonly #dir: string;
  #taken: string | undefined;

  /** `packageDir`: packages/mock (its dist/ is the build to copy). */
  constructor(packageDir: string) {
    for (const entry of readdirSync(tmpdir())) {
      const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(entry)?.[1]);
      if (pid && !alive(pid)) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
    }
    this.#build = join(packageDir, "dist");
    this.#dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
    copyFileSync(join(packageDir, "package.json"), join(this.#dir, "package.json"));
    symlinkSync(join(packageDir, "node_modules"), join(this.#dir, "node_modules"));
  }

  /** The mock's CLI, in the copy. */
  get script(): string {
    return join(this.#dir, "dist", "cli.js");
  }

  /** The spec the copy serves. */
  get spec(): string {
    return join(this.#dir, "dist", "openapi.json");
  }

  get ready(): boolean {
    return existsSync(this.script) && existsSync(this.spec);
  }

  /** A hash of the copy: it changes when a new build is taken or a new bundle written. */
  fingerprint(): string | undefined {
    return digestTree(join(this.#dir, "dist"));
  }

  /** Takes the build if it is whole and not the one taken last; call it only once a build ran to its end. */
  take(): boolean {
    if (!existsSync(join(this.#build, "cli.js")) || !existsSync(join(this.#build, "openapi.json"))) return false;
    const build = digestTree(this.#build);
    if (build === undefined || build === this.#taken) return false;
    const next = join(this.#dir, "dist.next");
    rmSync(next, { recursive: true, force: true });
    cpSync(this.#build, next, { recursive: true });
    rmSync(join(this.#dir, "dist"), { recursive: true, force: true }); // a running mock has its modules loaded
    renameSync(next, join(this.#dir, "dist"));
    this.#taken = build;
    return true;
  }

  /** A new bundle for the mock's next start: written aside and renamed, so a start never reads half of it. */
  install(bundle: string): void {
    const aside = `${this.spec}.next`;
    copyFileSync(bundle, aside);
    renameSync(aside, this.spec);
  }

  remove(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
