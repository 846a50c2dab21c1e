/**
 * `pnpm build` of @csbs/docs: writes dist/index.html (see build.ts).
 *
 *   tsx scripts/build-cli.ts [--spec bundled.json] [--out dir]
 *
 * The entry point only runs: whatever path it was started by (spaces, symlinks), it builds.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildDocs } from "./build.js";

const { values } = parseArgs({ options: { spec: { type: "string" }, out: { type: "string" } } });
console.log(`docs: ${buildDocs(values.spec && resolve(values.spec), values.out && resolve(values.out))}`);
