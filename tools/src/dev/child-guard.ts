/**
 * Loaded first (`node --import`) in each server that `pnpm dev` starts with an IPC channel.
 *
 * - The channel closes when dev is gone, however it went (kill -9 included): the server then stops as on SIGTERM and
 *   frees its port, instead of living on without the process that owns it.
 * - A spare (`CSBS_DEV_SPARE=<the server's script>`) loads the runtime dependencies of its package now, then waits for
 *   dev's `{ go: true }` before the server itself runs: most of a mock's start is loading Prism, and a spare ready before
 *   the next save leaves a restart only what reading the new spec costs.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

if (process.channel) process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));

/** `require`s every dependency of the package that `script` belongs to; one that cannot load is left to the server. */
function preload(script: string): void {
  let dir = dirname(script);
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return;
  const require = createRequire(manifest);
  const { dependencies = {}, optionalDependencies = {} } = JSON.parse(readFileSync(manifest, "utf8"));
  // Prism is the mock's optional dependency (left out below its Node floor): preloading it is the spare's point. The
  // model (`@csbs/types/model`) is not a package name here, so a spare never holds the model of an older spec.
  for (const name of Object.keys({ ...dependencies, ...optionalDependencies })) {
    try {
      require(name);
    } catch {}
  }
}

const spareOf = process.env.CSBS_DEV_SPARE;
if (spareOf && process.channel) {
  delete process.env.CSBS_DEV_SPARE;
  preload(spareOf);
  await new Promise<void>((go) => {
    const wait = (message: { go?: boolean }) => {
      if (!message?.go) return;
      process.off("message", wait);
      go();
    };
    process.on("message", wait);
  });
}
