/**
 * `pnpm build` of @csbs/docs (scripts/build-cli.ts runs it): the bundled spec → dist/index.html, one offline page.
 *
 *   1. Copies the bundle (@csbs/spec/openapi.json) to dist/openapi.docs.json and gives EVERY operation two
 *      `x-codeSamples`, curl and TypeScript with @csbs/client, generated from the operation (samples.ts) unless
 *      samples/<operationId>.sh or .ts is hand-written. Each sample shown is also written to dist/samples/, and each
 *      generated one to dist/samples/generated/, for the tests to type-check and check against the spec.
 *   2. `redocly build-docs` on that copy, with the Redoc options of redocly.yaml, `--inlineBundle`, and template.hbs
 *      (Redoc's default template plus an inline favicon: no /favicon.ico request that answers 404).
 *   3. Makes the page offline: Redoc 3 draws its "API docs by Redocly" badge from cdn.redoc.ly and keeps icon
 *      sets on cdn.redocly.com, with no option to turn them off. Those URLs become inline data: URLs.
 *      The build fails if any such CDN URL is left.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { withConsole } from "./console.js";
import { type Json, operationsOf, SAMPLE_KINDS, sampleSource } from "./samples.js";

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

/** A hand-written sample that overrides the generated one: samples/<operationId>.sh or .ts. */
export const overrideFile = (operationId: string, ext: string) => at(`samples/${operationId}.${ext}`);

/** Markdown with the soft line breaks of its paragraphs made spaces (code fences, headings, lists, tables kept). */
export function unfold(markdown: string): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split("\n")) {
    const fence = /^\s*(```|~~~)/.test(line);
    const prev = out.at(-1);
    // A paragraph or list-item line continues on a line that starts no block of its own.
    const continues = prev !== undefined && prev.trim() !== "" && !/^\s*(#|\|)/.test(prev);
    const starts = line.trim() === "" || /^(\s*(#|\||>|[-*+] |\d+[.)] )| {4})/.test(line);
    if (!fenced && !fence && continues && !starts) {
      out[out.length - 1] = `${prev} ${line.trim()}`;
    } else out.push(line);
    if (fence) fenced = !fenced;
  }
  return out.join("\n");
}

/** Every parameter object of the document: the shared ones and those written inline on a path or an operation. */
function parametersOf(doc: Json): Json[] {
  const inline = Object.values<Json>(doc.paths ?? {}).flatMap((item) => [
    ...(item.parameters ?? []),
    ...Object.values<Json>(item).flatMap((op) => (op && typeof op === "object" ? (op.parameters ?? []) : [])),
  ]);
  return [...Object.values<Json>(doc.components?.parameters ?? {}), ...inline].filter((p) => p && !p.$ref);
}

/** A parameter's x-filter or x-sort rule, in words. */
export function ruleOf(parameter: Json): string | undefined {
  const filter = parameter["x-filter"];
  if (filter) {
    const field = `\`${filter.field}\``;
    const words: Record<string, string> = {
      exact: `an item matches when ${field} equals the value.`,
      "substring-ci": `an item matches when ${field} contains the value, ignoring case.`,
      gte: `an item matches when ${field} is at or after the value.`,
      lte: `an item matches when ${field} is at or before the value.`,
      "all-tenants": `\`true\` lists the backups of every project, not only the one in the path (${field}).`,
    };
    const hidden = filter.hidden ? ` ${field} is kept by the service but not returned in the response.` : "";
    return `${words[filter.match] ?? `${filter.match} on ${field}.`}${hidden}`;
  }
  const sort = parameter["x-sort"];
  if (sort) {
    const keys = Object.keys(sort.keys ?? {}).map((key) => `\`${key}\``);
    return (
      `sort keys ${keys.join(", ")}; \`${sort.direction}\` when a key has no direction; ` +
      `\`${sort.default}\` when \`sort\` is not sent; ties are broken by \`${sort.tiebreaker}\` ascending.`
    );
  }
  return undefined;
}

/** What Redoc 3 shows differently from the spec's meaning, adjusted in the page's copy only. */
function forThePage(doc: Json): void {
  // Redoc indexes descriptions for search with line breaks dropped ("shorter\nthan" → "shorterthan"). Joining the
  // lines of each paragraph with a space renders the same markdown and keeps the words apart.
  const unglue = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(unglue);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if ((k === "description" || k === "summary") && typeof v === "string") node[k] = unfold(v);
        else unglue(v);
      }
    }
  };
  unglue(doc);
  // Server descriptions are shown as plain text, so markdown code marks would show as literal backticks.
  for (const server of doc.servers ?? []) {
    if (server.description) server.description = server.description.replaceAll("`", "");
    for (const variable of Object.values<Json>(server.variables ?? {})) {
      if (variable.description) variable.description = variable.description.replaceAll("`", "");
    }
  }
  // The rules the spec declares for the mock (x-filter on a parameter, x-sort on sort) are vendor extensions, which
  // Redoc does not show: say them under each parameter.
  for (const parameter of parametersOf(doc)) {
    const rule = ruleOf(parameter);
    if (rule) parameter.description = `${parameter.description ?? ""}\n\n**Rule:** ${rule}`.trim();
  }
  // Redoc 3 collapses every tag section that lists operations behind "+ Show" until the URL points at it, with no
  // option to open it. Untagged, each operation is a section of its own, open on load.
  for (const { operation } of operationsOf(doc)) delete operation.tags;
  delete doc.tags;
}

const BUNDLE = require.resolve("@csbs/spec/openapi.json");

/** The page's copy of the spec: every operation with its code samples. */
export function docsSpec(spec: string = BUNDLE): {
  doc: Json;
  samples: { operationId: string; ext: string; source: string }[];
} {
  const doc = JSON.parse(readFileSync(spec, "utf8"));
  const samples: { operationId: string; ext: string; source: string }[] = [];
  for (const { operationId, operation, method, path } of operationsOf(doc)) {
    const existing: { lang: string; label?: string; source?: string }[] = operation["x-codeSamples"] ?? [];
    for (const kind of SAMPLE_KINDS) {
      const file = overrideFile(operationId, kind.ext);
      const source = existsSync(file)
        ? readFileSync(file, "utf8").trimEnd()
        : sampleSource(kind.ext, doc, { operationId, operation, method, path });
      samples.push({ operationId, ext: kind.ext, source });
      if (existing.some((e) => (e.label ?? e.lang) === kind.label)) continue;
      existing.push({ lang: kind.lang, label: kind.label, source });
    }
    operation["x-codeSamples"] = existing;
  }
  forThePage(doc);
  return { doc, samples };
}

/** Every generated sample, hand-written overrides or not: they are type-checked too, so the generator cannot rot. */
export function generatedSamples(spec: string = BUNDLE): { operationId: string; ext: string; source: string }[] {
  const doc = JSON.parse(readFileSync(spec, "utf8"));
  return operationsOf(doc).flatMap((op) =>
    SAMPLE_KINDS.map((kind) => ({
      operationId: op.operationId,
      ext: kind.ext,
      source: sampleSource(kind.ext, doc, op),
    })),
  );
}

/** Writes the page (and the samples it shows) for a bundled spec into `out`: by default the spec's bundle → dist/. */
export function buildDocs(spec: string = BUNDLE, out: string = at("dist")): string {
  const { doc, samples } = docsSpec(spec);
  rmSync(resolve(out, "samples"), { recursive: true, force: true });
  mkdirSync(resolve(out, "samples/generated"), { recursive: true });
  for (const s of samples) writeFileSync(resolve(out, `samples/${s.operationId}.${s.ext}`), `${s.source}\n`);
  for (const s of generatedSamples(spec)) {
    writeFileSync(resolve(out, `samples/generated/${s.operationId}.${s.ext}`), `${s.source}\n`);
  }
  const copy = resolve(out, "openapi.docs.json");
  writeFileSync(copy, `${JSON.stringify(doc, null, 2)}\n`);

  const output = resolve(out, "index.html");
  // `redocly` from this package's node_modules/.bin, which pnpm (and vitest run by pnpm) puts on the PATH.
  const redocly = spawnSync(
    "redocly",
    [
      "build-docs",
      copy,
      "--config",
      at("../../redocly.yaml"),
      "--template",
      at("template.hbs"),
      "--inlineBundle",
      "--output",
      output,
    ],
    { stdio: ["ignore", "ignore", "pipe"], cwd: root, encoding: "utf8" },
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

  let html = readFileSync(output, "utf8");
  for (const [pattern, replacement] of offline) html = html.replace(pattern, replacement);
  html = withConsole(html, spec, out);
  const left = [...new Set(html.match(CDN) ?? [])];
  if (left.length > 0) {
    throw new Error(`docs build: the page would still load from a CDN: ${left.join(", ")}. Extend scripts/build.ts.`);
  }
  writeFileSync(output, html);
  return `${output} (offline, ${samples.length} code samples for ${samples.length / 2} operation(s))`;
}
