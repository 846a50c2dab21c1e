import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  platform: "neutral",
  target: "es2022",
  // Declarations by Oxc from tsconfig.build.json (isolatedDeclarations): TypeScript 7 has no declaration API.
  tsconfig: "tsconfig.build.json",
  dts: true,
  // A slow plugin on a loaded machine is not a finding of this build.
  checks: { bundlerTimings: false },
  clean: true,
  fixedExtension: false,
});
