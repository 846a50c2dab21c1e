/**
 * The try-it console's build step: console/main.ts (with @csbs/types/model, @csbs/client and @csbs/mock/engine) as
 * one browser IIFE, `dist/console.js`, put into the page by `withConsole` (scripts/build.ts calls it).
 *
 * The page must paint as fast as without it: the bundle goes in as an inert `<script type="text/plain">`, and a
 * one-line loader runs it after the page's `load` event, when the main thread is idle, so after Redoc has rendered
 * (and hydrated) its sections. Nothing is fetched: the code is in the page.
 *
 * The console reads the model of the spec the page is built from: `@csbs/types/model` when that is the spec's model
 * (after `pnpm generate`), else the spec's model by @csbs/types's own normalization, bundled in its place.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { type ApiModel, model as published } from "@csbs/types/model";
import { buildSync } from "esbuild";
import { require as tsxRequire } from "tsx/cjs/api";

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BUNDLE = require.resolve("@csbs/spec/openapi.json");
const SOURCE_ID = "csbs-console-source";

/** The browsers the console is written for: those with AbortSignal.any (2023 and later). */
const TARGET = ["chrome116", "edge116", "firefox124", "safari17.4"];

/** The model of a bundled spec, by @csbs/types's own normalization (scripts/model.mts, what `pnpm generate` runs). */
function modelOf(spec: string): ApiModel {
  const normalize = join(dirname(require.resolve("@csbs/types/package.json")), "scripts/model.mts");
  const { buildModel } = tsxRequire(normalize, import.meta.url) as { buildModel: (doc: unknown) => ApiModel };
  return buildModel(JSON.parse(readFileSync(spec, "utf8")));
}

/**
 * What the bundle's `@csbs/types/model` is: the published module when it is this spec's model (a build after
 * `pnpm generate`), else this spec's model written aside: `pnpm dev` builds the page before it regenerates
 * @csbs/types, and the growth test builds the page of another spec.
 */
function modelModule(spec: string): { file?: string; dispose(): void } {
  const model = modelOf(spec);
  if (isDeepStrictEqual(model, published)) return { dispose: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), "csbs-console-model-"));
  const file = join(dir, "model.mjs");
  writeFileSync(file, `export const model = ${JSON.stringify(model)};\n`);
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The console as one minified browser IIFE, over the model of `spec` (default: the repository's spec). */
export function buildConsole(spec: string = BUNDLE): string {
  const model = modelModule(spec);
  try {
    const result = buildSync({
      entryPoints: [join(root, "console/main.ts")],
      bundle: true,
      format: "iife",
      platform: "browser",
      target: TARGET,
      minify: true,
      charset: "ascii",
      legalComments: "eof",
      write: false,
      logLevel: "silent",
      ...(model.file && { alias: { "@csbs/types/model": model.file } }),
    });
    const [file] = result.outputFiles;
    if (!file) throw new Error("docs build: esbuild wrote no console bundle");
    return file.text;
  } finally {
    model.dispose();
  }
}

/** The loader: after `load`, when the page is idle (Redoc has hydrated), run the inert bundle. */
const LOADER =
  `addEventListener("load",function(){var go=function(){var s=document.createElement("script");` +
  `s.textContent=document.getElementById("${SOURCE_ID}").textContent;document.body.appendChild(s)};` +
  `"requestIdleCallback"in window?requestIdleCallback(go,{timeout:2000}):setTimeout(go,50)})`;

/**
 * The page with the console in it, before `</body>`; the bundle is also written to `<out>/console.js`. Fails when the
 * bundle holds what would end or confuse an inline script (`</script`, `<!--`).
 */
export function withConsole(html: string, spec: string = BUNDLE, out: string = join(root, "dist")): string {
  const code = buildConsole(spec);
  if (/<\/script|<!--/i.test(code)) {
    throw new Error("docs build: the console bundle contains </script or <!--, which would break the inline script");
  }
  writeFileSync(join(out, "console.js"), code);
  const at = html.lastIndexOf("</body>");
  if (at < 0) throw new Error("docs build: the page has no </body> to put the console before");
  const tags = `<script type="text/plain" id="${SOURCE_ID}">${code}</script>\n<script>${LOADER}</script>\n`;
  return `${html.slice(0, at)}${tags}${html.slice(at)}`;
}
