/**
 * The docs' Redocly plugin (`plugins:` of packages/docs/redocly.yaml): one decorator, `csbs-docs/page`, that
 * `redocly build-docs` applies while it bundles the spec for Redoc. It writes into the page's copy of the document
 * what the build computed from the spec's model (scripts/page.ts), read from the JSON file named by
 * `CSBS_DOCS_PAGE`: the intro's Authentication and Paging additions, each operation's code samples and errors table,
 * each parameter's schema description and mock rule. It also adapts text to how Redoc 3 shows it (paragraph line
 * breaks, backticks in server descriptions). The spec itself is never changed.
 *
 * Loaded by Node's type stripping (erasable syntax only); it imports nothing of this repository.
 */
import { readFileSync } from "node:fs";

interface Additions {
  intro: { authentication: string; paging: string };
  operations: {
    operationId: string;
    description: string;
    samples: { lang: string; label: string; source: string }[];
  }[];
  parameters: Record<string, string>;
}
// biome-ignore lint/suspicious/noExplicitAny: nodes of the OpenAPI document as Redocly walks them
type Node = any;

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
    if (!fenced && !fence && continues && !starts) out[out.length - 1] = `${prev} ${line.trim()}`;
    else out.push(line);
    if (fence) fenced = !fenced;
  }
  return out.join("\n");
}

/** `text` with `addition` at the end of the `## heading` section (a new section at the end when there is none). */
export function intoSection(text: string, heading: string, addition: string): string {
  if (!addition) return text;
  const lines = text.trimEnd().split("\n");
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start === -1) return `${text.trimEnd()}\n\n## ${heading}\n\n${addition}\n`;
  const next = lines.findIndex((l, i) => i > start && /^#{1,2} /.test(l));
  const end = next === -1 ? lines.length : next;
  return [...lines.slice(0, end), "", addition, "", ...lines.slice(end)].join("\n").trimEnd().concat("\n");
}

/** A description shown as plain text, without markdown's code marks. */
function plainDescription(node: Node): void {
  if (typeof node.description === "string") node.description = node.description.replaceAll("`", "");
}

function readAdditions(): Additions {
  const file = process.env.CSBS_DOCS_PAGE;
  if (!file) {
    throw new Error("csbs-docs/page: CSBS_DOCS_PAGE is not set; this decorator runs in the docs build (pnpm build)");
  }
  return JSON.parse(readFileSync(file, "utf8")) as Additions;
}

function page() {
  const additions = readAdditions();
  const done = new WeakSet<object>();
  const once = (node: Node, change: () => void) => {
    if (done.has(node)) return;
    done.add(node);
    change();
  };
  const operations = new Map(additions.operations.map((o) => [o.operationId, o]));
  const appended = (text: string | undefined, more: string) =>
    unfold(more ? `${text ?? ""}\n\n${more}`.trim() : (text ?? ""));
  return {
    any: {
      leave(node: Node) {
        for (const key of ["description", "summary"])
          if (typeof node?.[key] === "string") node[key] = unfold(node[key]);
      },
    },
    Info: {
      leave(info: Node) {
        once(info, () => {
          const auth = intoSection(info.description ?? "", "Authentication", additions.intro.authentication);
          info.description = unfold(intoSection(auth, "Paging", additions.intro.paging));
        });
      },
    },
    // Server descriptions are shown as plain text: markdown code marks would show as literal backticks.
    Server: { leave: plainDescription },
    ServerVariable: { leave: plainDescription },
    Operation: {
      leave(operation: Node) {
        const add = operations.get(operation.operationId);
        if (!add) {
          throw new Error(
            `csbs-docs/page: ${operation.operationId} is not in the model the build read; run pnpm generate`,
          );
        }
        once(operation, () => {
          operation.description = appended(operation.description, add.description);
          operation["x-codeSamples"] = add.samples.map(({ lang, label, source }) => ({ lang, label, source }));
        });
      },
    },
    Parameter: {
      leave(parameter: Node) {
        const more = additions.parameters[`${parameter.in}:${parameter.name}`] ?? "";
        once(parameter, () => {
          parameter.description = appended(parameter.description, more);
        });
      },
    },
  };
}

export default function csbsDocs() {
  return { id: "csbs-docs", decorators: { oas3: { page } } };
}
