/** `pnpm check`: the gates of tools/src/check.ts, as turbo runs them. */
import { runPhases } from "../src/check.ts";
import { turbo } from "./turbo.ts";

process.exitCode = runPhases((args) => turbo([...args])) ? 0 : 1;
