// `pnpm size`: the client's size budget. The built client bundled with openapi-fetch (esbuild, minified, ESM), gzipped,
// must stay within 6 KB. Prints the figure as its last line; exits 1 when over. test/size.test.ts asserts the same.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export const BUDGET = 6 * 1024;
const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));

export async function measure(): Promise<{ code: string; minified: number; gzipped: number }> {
  if (!existsSync(entry)) throw new Error("dist/index.js is missing: run `pnpm build` first");
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
  const [output] = outputFiles;
  if (!output) throw new Error("esbuild wrote nothing");
  const bytes = output.contents;
  return { code: Buffer.from(bytes).toString(), minified: bytes.length, gzipped: gzipSync(bytes).length };
}

export const describeSize = ({ minified, gzipped }: { minified: number; gzipped: number }) =>
  `client + openapi-fetch: ${minified} B minified, ${gzipped} B gzipped (budget ${BUDGET} B)`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const size = await measure();
  console.log(describeSize(size));
  if (size.gzipped > BUDGET) process.exit(1);
}
