/**
 * The page's plain rendition of the reference, written as HTML at build time from the spec's model (and the
 * additions of page.ts): the intro, the servers and, per operation, its parameters, every response field, every
 * status and every code sample. Redoc renders one sample and one status at a time, and mounts long sections only as
 * they scroll into view; this rendition is complete in the HTML itself, so it is what prints (a PDF made right after
 * load has everything) and what a reader without JavaScript sees. On screen with JavaScript it is hidden.
 */
import type { ApiModel, Json, OperationModel, ParameterModel } from "@csbs/types/model";
import { Marked } from "marked";
import type { PageAdditions, PageOperation } from "./page.ts";
import { intoSection } from "./redocly-plugin.ts";

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);

// Markdown of the spec and of page.ts; raw HTML in it is shown as text, never interpreted.
const markdown = new Marked({ renderer: { html: ({ text }) => escapeHtml(text) } });
const md = (text: string | undefined) => (text ? (markdown.parse(text, { async: false }) as string) : "");
const code = (text: string) => `<code>${escapeHtml(text)}</code>`;

/** A schema's type as a reader reads it: `string`, `integer (int32)`, `array of object`, `string: a | b`. */
export function typeOf(schema: Json): string {
  if (!schema || typeof schema !== "object") return "any";
  if (schema.type === "array") return `array of ${typeOf(schema.items)}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  const format = schema.format ? ` (${schema.format})` : "";
  const values = Array.isArray(schema.enum)
    ? `: ${schema.enum.map((v: unknown) => JSON.stringify(v)).join(" | ")}`
    : "";
  return `${type}${format}${values}`;
}

/** Every field of a schema, nested ones by their path (`checkpoint_items[].extend_info.size`), depth first. */
export function fieldsOf(schema: Json, prefix = ""): { path: string; schema: Json; required: boolean }[] {
  const object = schema?.type === "array" ? schema.items : schema;
  const inArray = schema?.type === "array" ? "[]" : "";
  const required = new Set<string>(object?.required ?? []);
  return Object.entries<Json>(object?.properties ?? {}).flatMap(([name, field]) => {
    const path = `${prefix}${inArray}${prefix || inArray ? "." : ""}${name}`.replace(/^\./, "");
    return [{ path, schema: field, required: required.has(name) }, ...fieldsOf(field, path)];
  });
}

function parameterRows(op: OperationModel, additions: PageAdditions): string {
  const row = (p: ParameterModel) =>
    `<tr><td>${code(p.name)}</td><td>${p.in}</td><td>${escapeHtml(typeOf(p.schema))}${p.required ? ", required" : ""}</td>` +
    `<td>${md([p.description, additions.parameters[`${p.in}:${p.name}`]].filter(Boolean).join("\n\n"))}</td></tr>`;
  return op.parameters.map(row).join("\n");
}

function responseRows(op: OperationModel): string {
  return fieldsOf(op.response?.schema)
    .map(
      (f) =>
        `<tr><td class="csbs-field">${code(f.path).replace(/(\.|\[\])/g, "$1<wbr>")}</td>` +
        `<td>${escapeHtml(typeOf(f.schema))}${f.required ? ", required" : ""}</td>` +
        `<td>${md(f.schema.description)}</td></tr>`,
    )
    .join("\n");
}

function errorsList(op: OperationModel): string {
  return op.errors
    .map((e) => {
      const headers = e.headers
        .map((h) => `<p>Header ${code(h.name)}: ${escapeHtml(h.description ?? "")}</p>`)
        .join("");
      const body = e.example === undefined ? "" : `<pre>${escapeHtml(JSON.stringify(e.example, null, 2))}</pre>`;
      return `<h4>${e.status}</h4>\n${md(e.description)}${e.ours ? md(`*${e.ours}*`) : ""}${headers}${body}`;
    })
    .join("\n");
}

function operationHtml(op: OperationModel, page: PageOperation | undefined, additions: PageAdditions): string {
  const samples = (page?.samples ?? [])
    .map((s) => `<h4>${escapeHtml(s.label)}</h4>\n<pre>${escapeHtml(s.source)}</pre>`)
    .join("\n");
  const table = (head: string[], rows: string) =>
    `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
  return [
    `<section class="csbs-static-operation" id="csbs-static-${escapeHtml(op.operationId)}">`,
    `<h2>${escapeHtml(op.summary ?? op.operationId)}</h2>`,
    `<p>${code(`${op.method.toUpperCase()} ${op.path}`)} — ${code(op.operationId)}</p>`,
    md(op.description),
    md(page?.description),
    "<h3>Parameters</h3>",
    table(["Name", "In", "Type", "Description"], parameterRows(op, additions)),
    op.response ? `<h3>Response ${op.response.status}</h3>\n${md(op.response.description)}` : "",
    op.response?.schema ? table(["Field", "Type", "Description"], responseRows(op)) : "",
    op.errors.length ? `<h3>Error responses</h3>\n${errorsList(op)}` : "",
    samples ? `<h3>Code samples</h3>\n${samples}` : "",
    "</section>",
  ].join("\n");
}

/** The whole reference as plain HTML (see the file's comment). */
export function staticReference(api: ApiModel, additions: PageAdditions): string {
  const intro = intoSection(
    intoSection(api.description ?? "", "Authentication", additions.intro.authentication),
    "Paging",
    additions.intro.paging,
  );
  const servers = api.servers
    .map(
      (s) =>
        `<li>${code(s.resolvedUrl)}${s.description ? ` — ${escapeHtml(s.description.replaceAll("`", ""))}` : ""}</li>`,
    )
    .join("\n");
  const pages = new Map(additions.operations.map((o) => [o.operationId, o]));
  return [
    `<h1>${escapeHtml(api.title)} (${escapeHtml(api.version)})</h1>`,
    api.summary ? `<p>${escapeHtml(api.summary)}</p>` : "",
    // The intro's headings one level down: h2 sections under the page's h1, as on screen.
    md(intro),
    servers ? `<h2>Servers</h2>\n<ul>\n${servers}\n</ul>` : "",
    ...api.operations.map((op) => operationHtml(op, pages.get(op.operationId), additions)),
  ].join("\n");
}
