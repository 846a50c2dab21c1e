/**
 * `pnpm mock [flags]`: builds the mock (turbo, cached; quiet unless it fails), then runs its CLI in this process, so
 * the flags, Ctrl-C and SIGTERM reach it as they reach `csbs-mock`.
 */
import { pathToFileURL } from "node:url";
import { root, turbo } from "./turbo.ts";

if (!turbo(["build", "--filter=@csbs/mock"], { quiet: true })) process.exit(1);
await import(pathToFileURL(`${root}packages/mock/dist/cli.js`).href);
