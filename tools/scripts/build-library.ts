/**
 * `pnpm build` of a published library (run in its folder): tsdown (its tsdown.config.ts) writes the build into a
 * folder of this build's own, `dist.next-<pid>/`, which then takes the place of dist/ one file at a time, each by a
 * rename over the old one. At every moment every file of dist/ is whole: chunks go first and the package's entry
 * points (its `exports`, `main`, `types`, `bin`) last, so that an entry never names a chunk that is not there yet;
 * the old build's files that the new one has not are removed after.
 *
 * A reader of dist/ (the docs build bundling @csbs/mock/engine, a running mock, `pnpm dev`'s copy of the mock) finds
 * the old build or the new one, never an emptied or half-written folder. A build stopped half-way (`pnpm dev` stops
 * its background build at each save) leaves dist/ as it was, and its folder is removed by the next build; two builds
 * at once (dev's, and `pnpm test` in another terminal) each write their own.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const DIST = "dist";
const STAGING = /^dist\.next-(\d+)$/;
const staging = `dist.next-${process.pid}`;

/** The files below `dir`, relative to it. */
const filesOf = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));

/** Every path string in the manifest's entry-point fields, relative to dist/. */
function entryPoints(manifest: Record<string, unknown>): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      if (value.startsWith(`./${DIST}/`)) found.add(value.slice(DIST.length + 3));
    } else if (value && typeof value === "object") for (const inner of Object.values(value)) walk(inner);
  };
  walk([manifest.exports, manifest.main, manifest.module, manifest.types, manifest.bin]);
  return found;
}

/** Whether a process runs (a zombie, killed and not yet reaped, does not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true; // no /proc (macOS): it answered the signal
  }
}

/** The folders of builds that were stopped half-way (their process is gone). */
function removeLeftovers(): void {
  for (const name of readdirSync(".")) {
    const pid = Number(STAGING.exec(name)?.[1]);
    if (pid && !alive(pid)) rmSync(name, { recursive: true, force: true });
  }
}

/** Moves the build into dist/: chunks, then entry points, each renamed over the old file; then removes the rest. */
function replaceDist(built: string[]): void {
  const entries = entryPoints(JSON.parse(readFileSync("package.json", "utf8")));
  const ordered = [...built.filter((file) => !entries.has(file)), ...built.filter((file) => entries.has(file))];
  for (const file of ordered) {
    mkdirSync(dirname(join(DIST, file)), { recursive: true });
    renameSync(join(staging, file), join(DIST, file));
  }
  const kept = new Set(built);
  for (const file of filesOf(DIST)) if (!kept.has(file)) rmSync(join(DIST, file));
}

removeLeftovers();
try {
  // `tsdown` from the package's node_modules/.bin (on PATH under `pnpm run` and `node --run`).
  const { status, error } = spawnSync("tsdown", ["--out-dir", staging], { stdio: "inherit" });
  if (error) throw new Error(`build-library: tsdown did not run (${error.message})`);
  if (status !== 0) process.exit(status ?? 1);
  const built = filesOf(staging);
  if (built.length === 0) throw new Error(`build-library: tsdown wrote nothing into ${staging}/`);
  replaceDist(built);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
