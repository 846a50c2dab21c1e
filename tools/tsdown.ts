/**
 * What every published library of the repository builds with (tsdown): its `tsdown.config.ts` spreads this and adds
 * its entries and formats.
 */
import type { UserConfig } from "tsdown";

export const library: UserConfig = {
  // Written beside dist/, which tools/scripts/replace-dist.ts then replaces whole (the build script's last step): a
  // reader of dist/ (the docs build, a running mock, `pnpm dev`) never finds it emptied or half-written, even when a
  // build is stopped half-way (dev stops its background build at each save). `clean` empties this folder, not dist/.
  outDir: "dist.next",
  // Declarations by Oxc from tsconfig.build.json (isolatedDeclarations): TypeScript 7 has no declaration API.
  tsconfig: "tsconfig.build.json",
  dts: true,
  // A slow plugin on a loaded machine is not a finding of this build.
  checks: { bundlerTimings: false },
  fixedExtension: false,
};

/** A library that runs in Node and browsers alike, as ESM and CommonJS. */
export const universal: UserConfig = {
  ...library,
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  platform: "neutral",
  target: "es2022",
};
