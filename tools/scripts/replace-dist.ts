/**
 * The last step of a library's `pnpm build` (run in its folder): the build tsdown wrote to dist.next/ (tools/tsdown.ts)
 * takes the place of dist/, one file at a time, each by a rename over the old one: at every moment, every file of
 * dist/ is whole. Chunks go first and the package's entry points (its `exports`, `main`, `types`, `bin`) last, so an
 * entry never names a chunk that is not there yet; the old build's files that the new one has not are removed after.
 *
 * A reader of dist/ (the docs build bundling @csbs/mock/engine, a running mock, `pnpm dev`'s copy of the mock) finds
 * the old build or the new one, never an emptied or half-written folder; a build stopped half-way (`pnpm dev` stops
 * its background build at each save) leaves dist/ as it was.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const [next, dist] = ["dist.next", "dist"];

/** The files below `dir`, relative to it; none when it does not exist. */
const filesOf = (dir: string): string[] => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
};

/** Every path string in the manifest's entry-point fields, relative to dist/. */
const entryPoints = (manifest: Record<string, unknown>): Set<string> => {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      if (value.startsWith(`./${dist}/`)) found.add(value.slice(dist.length + 3));
    } else if (value && typeof value === "object") for (const inner of Object.values(value)) walk(inner);
  };
  walk([manifest.exports, manifest.main, manifest.module, manifest.types, manifest.bin]);
  return found;
};

const built = filesOf(next);
if (built.length === 0) {
  console.error(`replace-dist: no build in ${join(process.cwd(), next)}/: tsdown writes it (tools/tsdown.ts)`);
  process.exit(1);
}
const entries = entryPoints(JSON.parse(readFileSync("package.json", "utf8")));
const ordered = [...built.filter((file) => !entries.has(file)), ...built.filter((file) => entries.has(file))];
for (const file of ordered) {
  mkdirSync(dirname(join(dist, file)), { recursive: true });
  renameSync(join(next, file), join(dist, file));
}
const kept = new Set(built);
for (const file of filesOf(dist)) if (!kept.has(file)) rmSync(join(dist, file));
rmSync(next, { recursive: true, force: true });
