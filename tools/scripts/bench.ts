/** `pnpm bench`: builds everything, then each package's own benchmark, one at a time (they measure the machine). */
import { spawnSync } from "node:child_process";
import { env, root, turbo } from "./turbo.ts";

if (!turbo(["build"], { quiet: true })) process.exit(1);
const { status } = spawnSync("pnpm", ["--recursive", "--workspace-concurrency=1", "--if-present", "run", "bench"], {
  cwd: root,
  env,
  stdio: "inherit",
});
process.exitCode = status ?? 1;
