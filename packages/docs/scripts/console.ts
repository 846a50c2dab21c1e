/**
 * The try-it console's build step: console/main.ts (with @csbs/types/model, @csbs/client and @csbs/mock/engine) as
 * one browser IIFE, `dist/console.js`, put into the page's console slot by `consoleTags` (scripts/build.ts calls it).
 *
 * The page must paint as fast as without it: the bundle goes in as an inert `<script type="text/plain">`, and a
 * one-line loader runs it after the page's `load` event, when the main thread is idle, so after Redoc has rendered
 * (and hydrated) its sections. Nothing is fetched: the code is in the page.
 *
 * The console reads the model the page is built from: `@csbs/types/model` (what `pnpm generate` wrote; `pnpm dev`
 * regenerates it after a spec save before it rebuilds the page), or another one the build is given (the growth test's
 * grown spec), bundled in its place.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type ApiModel, model as published } from "@csbs/types/model";
import { buildSync } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE_ID = "csbs-console-source";

/** The browsers the console is written for: those with AbortSignal.any (2023 and later). */
const TARGET = ["chrome116", "edge116", "firefox124", "safari17.4"];

/** The module the bundle imports as `@csbs/types/model`: the published one, or `model` written aside. */
function modelModule(model: ApiModel): { file?: string; dispose(): void } {
  if (model === published) return { dispose: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), "csbs-console-model-"));
  const file = join(dir, "model.mjs");
  writeFileSync(file, `export const model = ${JSON.stringify(model)};\n`);
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The console as one minified browser IIFE, over `api` (default: the published model). */
export function buildConsole(api: ApiModel = published): string {
  const model = modelModule(api);
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
 * The console's script tags (the inert bundle and its loader), for the page's console slot; the bundle is also written
 * to `<out>/console.js`. Fails when the bundle holds what would end or confuse an inline script (`</script`, `<!--`).
 */
export function consoleTags(api: ApiModel, out: string): string {
  const code = buildConsole(api);
  if (/<\/script|<!--/i.test(code)) {
    throw new Error("docs build: the console bundle contains </script or <!--, which would break the inline script");
  }
  writeFileSync(join(out, "console.js"), code);
  return `<script type="text/plain" id="${SOURCE_ID}">${code}</script>\n<script>${LOADER}</script>\n`;
}
