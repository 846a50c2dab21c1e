import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: true,
  // Not the whole of dist/: dist/openapi.json (scripts/mock-spec.mjs) stays in place while the code is rebuilt, so a
  // mock running from this checkout never finds it missing.
  clean: ["dist/*.js", "dist/*.d.ts", "dist/*.map"],
  fixedExtension: false,
});
