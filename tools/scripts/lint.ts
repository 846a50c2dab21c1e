/** The root `lint` task (biome over the repository it is run in): on a failure, says how to fix it. */
import { spawnSync } from "node:child_process";

const { status } = spawnSync("biome", ["check", "."], { stdio: "inherit" });
if (status !== 0) {
  console.error(
    "fix: pnpm exec biome check --write <files> (formatting and safe fixes); pnpm exec biome check <file> explains the rest",
  );
}
process.exitCode = status ?? 1;
