// Size budget: the built client bundled with openapi-fetch, minified (esbuild, ESM), gzipped: at most 6 KB.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { expect, it } from "vitest";

const BUDGET = 6 * 1024;
const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));

it(`the client with openapi-fetch is at most ${BUDGET} bytes minified and gzipped`, async () => {
  expect(existsSync(entry), "dist/index.js is missing: run `pnpm build` first").toBe(true);
  const { outputFiles } = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = outputFiles[0]!.contents;
  // openapi-fetch is really inside (its middleware errors), not left as an import.
  expect(Buffer.from(code).toString()).toContain("onRequest: must return new Request()");
  expect(Buffer.from(code).toString()).not.toMatch(/from\s*"openapi-fetch"/);
  const gzipped = gzipSync(code).length;
  console.log(`size budget: client + openapi-fetch = ${code.length} B minified, ${gzipped} B gzipped (budget ${BUDGET} B)`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET);
});
