/**
 * `pnpm build` of @csbs/docs: the bundled spec → dist/index.html, one offline page.
 *
 *   1. Copies the bundle (@csbs/spec/openapi.json) to dist/openapi.docs.json and adds `x-codeSamples` to the
 *      operation, read from samples/ (the TypeScript sample is type-checked against @csbs/client by the tests,
 *      the curl sample is checked against the spec). The spec itself carries no samples.
 *   2. `redocly build-docs` on that copy, with the Redoc options of redocly.yaml, `--inlineBundle`.
 *   3. Makes the page offline: Redoc 3 draws its "API docs by Redocly" badge from cdn.redoc.ly and keeps icon
 *      sets on cdn.redocly.com, with no option to turn them off. Those URLs become inline data: URLs.
 *      The build fails if any such CDN URL is left.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The OpenAPI document is walked as plain JSON.
// biome-ignore lint/suspicious/noExplicitAny: a JSON tree
type Json = any;

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const at = (path: string) => resolve(root, path);

export const OPERATION_PATH = "/v1/{project_id}/checkpoint_items";
export const samples = [
  { lang: "Shell", label: "curl", file: "samples/list-checkpoint-items.sh" },
  { lang: "TypeScript", label: "TypeScript (@csbs/client)", file: "samples/list-checkpoint-items.ts" },
] as const;

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

export function docsSpec(): Record<string, Json> {
  const doc = JSON.parse(readFileSync(require.resolve("@csbs/spec/openapi.json"), "utf8"));
  const operation = doc.paths?.[OPERATION_PATH]?.get;
  if (!operation) throw new Error(`docs build: no GET ${OPERATION_PATH} in the bundled spec`);
  const existing: { lang: string; label?: string }[] = operation["x-codeSamples"] ?? [];
  operation["x-codeSamples"] = [
    ...existing,
    ...samples
      .filter((s) => !existing.some((e) => (e.label ?? e.lang) === s.label))
      .map((s) => ({ lang: s.lang, label: s.label, source: readFileSync(at(s.file), "utf8").trimEnd() })),
  ];
  return doc;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(at("dist"), { recursive: true });
  const copy = at("dist/openapi.docs.json");
  writeFileSync(copy, `${JSON.stringify(docsSpec(), null, 2)}\n`);

  const redocly = resolve(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");
  const output = at("dist/index.html");
  execFileSync(
    process.execPath,
    [redocly, "build-docs", copy, "--config", at("../../redocly.yaml"), "--inlineBundle", "--output", output],
    { stdio: "inherit", cwd: root },
  );

  let html = readFileSync(output, "utf8");
  for (const [pattern, replacement] of offline) html = html.replace(pattern, replacement);
  const left = [...new Set(html.match(CDN) ?? [])];
  if (left.length > 0) {
    throw new Error(`docs build: the page would still load from a CDN: ${left.join(", ")}. Extend scripts/build.ts.`);
  }
  writeFileSync(output, html);
  console.log(`docs: ${output} (offline, ${samples.length} code samples)`);
}
