/**
 * `pnpm build` of @csbs/docs (scripts/build-cli.ts runs it): the spec → dist/index.html, one offline page.
 *
 *   1. From the spec's model (`@csbs/types/model`, never the OpenAPI document): every operation's code samples
 *      (samples.ts; a hand-written samples/<file> overrides one), errors table, the intro's Authentication and Paging
 *      additions, each parameter's schema description and mock rule (page.ts), written to dist/page-additions.json.
 *      Each sample shown is also written to dist/samples/, each generated one to dist/samples/generated/, for the
 *      tests to type-check, run against the mock and check against the spec.
 *   2. `redocly build-docs` on the bundled spec with packages/docs/redocly.yaml: Redoc's options, and the docs'
 *      decorator (redocly-plugin.ts), which writes those additions into the page's copy of the document;
 *      `--inlineBundle`, and template.hbs (an inline favicon, the page's CSS and script, a <noscript> notice).
 *   3. Makes the page offline: Redoc 3 draws its "API docs by Redocly" badge from cdn.redoc.ly and keeps icon
 *      sets on cdn.redocly.com, with no option to turn them off. Those URLs become inline data: URLs; the build
 *      fails if any such CDN URL is left.
 *   4. Fills the template's slots: the page's CSS and script (page/), the bundled spec as a data: URL (the
 *      "Download OpenAPI" link, also in the <noscript> notice), the plain rendition of the whole reference (static.ts:
 *      what prints, and what a reader without JavaScript sees), and the try-it console's bundle when one is built
 *      (`console/dist/console.js`, injected as a module script before </body>).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RETRYABLE_STATUS } from "@csbs/client";
import { model as specModel } from "@csbs/types/model";
import { consoleTags } from "./console.ts";
import { type PageAdditions, pageAdditions } from "./page.ts";
import {
  type ApiModel,
  type OperationModel,
  type SampleKind,
  sampleFile,
  sampleKinds,
  sampleSource,
} from "./samples.ts";
import { staticReference } from "./static.ts";

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const at = (path: string) => resolve(root, path);

/** The page's only outside URLs that a browser would load, and what replaces them. */
const badge = (text: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${text.length * 7 + 4}" height="16" viewBox="0 0 ${text.length * 7 + 4} 16">` +
      `<text x="2" y="12" font-family="system-ui,sans-serif" font-size="12" font-weight="600" fill="#0044d4">${text}</text></svg>`,
  )}`;
const offline: [RegExp, string][] = [
  [/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg/g, badge("Redocly")],
  [/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg/g, badge("R")],
  // Icon sets: `${base}/${name}.svg`. An empty SVG data URL keeps any use harmless and offline.
  [
    /https:\/\/cdn\.redocly\.com\/icons\/[a-z-]+\/[0-9.]+/g,
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E#",
  ],
];
const CDN = /https?:\/\/cdn\.redoc(?:ly\.com|\.ly)\b[^`"' )]*/g;

/** The bundled spec Redoc renders (and the page offers for download). */
export const BUNDLE = require.resolve("@csbs/spec/openapi.json");

/** A hand-written sample that overrides the generated one: samples/<operationId>[.<kind>].<ext>. */
export const overrideFile = (operationId: string, kind: Pick<SampleKind, "id" | "ext">) =>
  at(`samples/${sampleFile(operationId, kind)}`);

/** A sample as the page shows it: the hand-written file when there is one, else the generated one. */
export function shownSample(api: ApiModel, op: OperationModel, kind: SampleKind): string {
  const file = overrideFile(op.operationId, kind);
  return existsSync(file) ? readFileSync(file, "utf8").trimEnd() : sampleSource(kind, api, op);
}

/** What the page adds to the spec, for a model: samples (as shown), errors tables, intro, parameter texts. */
export const additionsFor = (api: ApiModel): PageAdditions =>
  pageAdditions(api, (op, kind) => shownSample(api, op, kind), RETRYABLE_STATUS);

/** The page's slots (template.hbs) filled: its CSS and script, download link, plain rendition, the console. */
function fillSlots(html: string, spec: string, api: ApiModel, additions: PageAdditions, out: string): string {
  // Percent-encoded rather than base64: the same bytes gzip to two thirds of the size.
  const download = `data:application/json;charset=utf-8,${encodeURIComponent(readFileSync(spec, "utf8"))}`;
  const slots: Record<string, string> = {
    "<!--csbs:style-->": `<style>\n${readFileSync(at("page/page.css"), "utf8")}</style>`,
    "<!--csbs:script-->": `<script>\n${readFileSync(at("page/page.js"), "utf8").replace(/<\/(script)/gi, "<\\/$1")}</script>`,
    "<!--csbs:download-->": download,
    "<!--csbs:page-data-->": JSON.stringify({
      operations: api.operations.map((op) => ({ operationId: op.operationId, tags: op.tags })),
    }).replace(/</g, "\\u003c"),
    "<!--csbs:static-->": staticReference(api, additions),
    "<!--csbs:console-->": consoleTags(api, out),
  };
  for (const [slot, value] of Object.entries(slots)) {
    if (!html.includes(slot)) throw new Error(`docs build: template.hbs has no ${slot} slot`);
    html = html.replaceAll(slot, () => value);
  }
  return html;
}

function redoclyBuildDocs(spec: string, output: string, additionsFile: string): void {
  // `redocly` from this package's node_modules/.bin, which pnpm (and vitest run by pnpm) puts on the PATH.
  const redocly = spawnSync(
    "redocly",
    [
      "build-docs",
      spec,
      "--config",
      at("redocly.yaml"),
      "--template",
      at("template.hbs"),
      "--inlineBundle",
      "--output",
      output,
    ],
    {
      stdio: ["ignore", "ignore", "pipe"],
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, CSBS_DOCS_PAGE: additionsFile },
    },
  );
  // Redocly prints a boxed "build-docs now renders docs with Redoc 3" notice on every build (a migration note for
  // Redoc 2 users, not a finding) and progress lines; a build shows only what failed or warns.
  const said = (redocly.stderr ?? "").split("\n").filter((line) => line.trim() && !/^\s*[╔║╚]/.test(line));
  if (redocly.status !== 0) {
    throw new Error(
      `docs build: redocly build-docs failed (${redocly.error?.message ?? `exit ${redocly.status}`}):\n${said.join("\n")}`,
    );
  }
  for (const line of said) if (/warn|error/i.test(line)) console.warn(line);
}

export interface BuildOptions {
  /** The bundled spec (default: @csbs/spec's bundle). */
  spec?: string;
  /** Its model (default: `@csbs/types/model`, generated from that bundle by `pnpm generate`). */
  model?: ApiModel;
  /** The output folder (default: dist/). */
  out?: string;
}

/** Writes the page (and the samples it shows) into `out`. */
export function buildDocs(options: BuildOptions = {}): string {
  const { spec = BUNDLE, model = specModel, out = at("dist") } = options;
  const additions = additionsFor(model);
  rmSync(resolve(out, "samples"), { recursive: true, force: true });
  mkdirSync(resolve(out, "samples/generated"), { recursive: true });
  for (const op of model.operations) {
    for (const kind of sampleKinds(op)) {
      const file = sampleFile(op.operationId, kind);
      writeFileSync(resolve(out, `samples/${file}`), `${shownSample(model, op, kind)}\n`);
      writeFileSync(resolve(out, `samples/generated/${file}`), `${sampleSource(kind, model, op)}\n`);
    }
  }
  const additionsFile = resolve(out, "page-additions.json");
  writeFileSync(additionsFile, `${JSON.stringify(additions, null, 2)}\n`);

  const output = resolve(out, "index.html");
  redoclyBuildDocs(spec, output, additionsFile);
  let html = readFileSync(output, "utf8");
  for (const [pattern, replacement] of offline) html = html.replace(pattern, replacement);
  const left = [...new Set(html.match(CDN) ?? [])];
  if (left.length > 0) {
    throw new Error(`docs build: the page would still load from a CDN: ${left.join(", ")}. Extend scripts/build.ts.`);
  }
  writeFileSync(output, fillSlots(html, spec, model, additions, out));
  const samples = additions.operations.reduce((n, op) => n + op.samples.length, 0);
  return `${output} (offline, ${samples} code samples for ${model.operations.length} operation(s))`;
}
