/**
 * The try-it console's build step: console/main.ts (with @csbs/types/model, @csbs/client and @csbs/mock/engine) as
 * one browser IIFE, `dist/console.js`, put into the page by `withConsole` (scripts/build.ts calls it).
 *
 * The page must paint as fast as without it: the bundle goes in as an inert `<script type="text/plain">`, and a
 * one-line loader runs it after the page's `load` event, when the main thread is idle, so after Redoc has rendered
 * (and hydrated) its sections. Nothing is fetched: the code is in the page.
 *
 * The console reads the model of the spec the page is built from. For the repository's own spec that is the
 * published `@csbs/types/model`; for another spec (`buildDocs(spec, out)`, the growth test), @csbs/types's own
 * generator writes that spec's model first, and the bundle takes it in place of `@csbs/types/model`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BUNDLE = require.resolve("@csbs/spec/openapi.json");
const SOURCE_ID = "csbs-console-source";

/** The browsers the console is written for: those with AbortSignal.any (2023 and later). */
const TARGET = ["chrome116", "edge116", "firefox124", "safari17.4"];

/** Writes the model of a bundled spec with @csbs/types's generator; answers the model module and a cleanup. */
function modelOf(spec: string): { file: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "csbs-console-model-"));
  const generator = join(dirname(require.resolve("@csbs/types/package.json")), "scripts/generate-cli.mts");
  const run = spawnSync(process.execPath, [require.resolve("tsx/cli"), generator, "--spec", spec, "--out", dir], {
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (run.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`docs build: the console's model of ${spec} could not be generated:\n${run.stderr}`);
  }
  return { file: join(dir, "model.gen.mjs"), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The console as one minified browser IIFE, over the model of `spec` (default: the repository's spec). */
export function buildConsole(spec: string = BUNDLE): string {
  const own = resolve(spec) === BUNDLE;
  const model = own ? undefined : modelOf(spec);
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
      ...(model && { alias: { "@csbs/types/model": model.file } }),
    });
    const [file] = result.outputFiles;
    if (!file) throw new Error("docs build: esbuild wrote no console bundle");
    return file.text;
  } finally {
    model?.dispose();
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
