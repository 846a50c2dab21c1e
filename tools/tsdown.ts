/**
 * What every published library of the repository builds with (tsdown): its `tsdown.config.ts` spreads this and adds
 * its entries and formats.
 */
import type { UserConfig } from "tsdown";

export const library: UserConfig = {
  // `pnpm build` (tools/scripts/build-library.ts) gives tsdown a folder of the build's own (--out-dir), whose files
  // then replace dist/'s one by one: a reader of dist/ never finds it emptied or half-written. `clean` empties that
  // folder, never dist/. A bare `tsdown` writes here, and leaves dist/ alone.
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
