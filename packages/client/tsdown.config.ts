import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  platform: "neutral",
  target: "es2022",
  dts: true,
  clean: true,
  fixedExtension: false,
  // @csbs/types is types-only and ESM ("type": "module"): a .d.cts that imports it fails `tsc` under node16 (TS1479).
  // Inline its declarations so both .d.ts and .d.cts stand alone; it stays a dependency for consumers' own imports.
  deps: { alwaysBundle: ["@csbs/types"] },
});
