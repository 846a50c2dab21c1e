import { createRequire } from "node:module";
import { defineConfig } from "tsdown";
import { library } from "../../tools/tsdown.ts";

const require = createRequire(import.meta.url);

export default defineConfig({
  ...library,
  entry: ["src/index.ts", "src/cli.ts", "src/msw.ts", "src/engine.ts"],
  format: ["esm"],
  // The engine (`@csbs/mock/engine`) and the MSW handlers run in browsers too; index/cli/prism import node: modules.
  platform: "node",
  target: "node22",
  // openapi-msw (a few hundred bytes, and its types) is bundled into dist/msw.js: its peer range (msw ^2) would make
  // npm refuse an install beside msw 3.
  deps: { alwaysBundle: ["openapi-msw"] },
  // The bundled spec ships as dist/openapi.json: the document the mock serves and Prism validates against.
  copy: [{ from: require.resolve("@csbs/spec/openapi.json") }],
});
