/**
 * The code samples of the reference, generated from the spec's model (`@csbs/types/model`), never from the OpenAPI
 * document. Per operation, the reader's first questions, each in curl and in TypeScript with @csbs/client:
 *
 * - `first`: one page (or one answer): the required query parameters and the first two optional ones that have an
 *   `example`, on the first server, with an IAM token;
 * - `pages` (operations with `x-pagination`): every item of every page — `iterate<Items>()` and `.pages()` of the
 *   client, and in the shell the raw marker loop (bash and jq): the next page starts after the last item's id, a page
 *   shorter than the page size is the last;
 * - `aksk`: the same call signed with an access key and secret key (SDK-HMAC-SHA256). curl cannot sign, so the shell
 *   sample says so and signs with a node one-liner over @csbs/client.
 *
 * The common path parameters (`project_id`) are the client's options (`projectId`) and, in the shell, environment
 * variables (`HW_PROJECT_ID`); the other path parameters take their examples.
 */
import type { ApiModel, OperationModel, ParameterModel } from "@csbs/types/model";

export type { ApiModel, OperationModel } from "@csbs/types/model";

export type SampleId = "first" | "pages" | "aksk";

export interface SampleKind {
  id: SampleId;
  ext: "sh" | "ts";
  /** Redoc's language of the sample (its syntax highlighting and the language switch, `codeSamples` in redocly.yaml). */
  lang: "curl" | "TypeScript";
  /** What the reader sees in the sample switch: the tool and what the sample answers. */
  label: string;
}

const TOOL = { sh: "curl", ts: "TypeScript" } as const;
const WHAT: Record<SampleId, string> = { first: ": first page", pages: ": every page", aksk: ": AK/SK" };

/**
 * The samples an operation gets, in the order the page lists them: curl first, then TypeScript. The labels are a
 * fixed set, listed in redocly.yaml `codeSamples.languages` (Redoc shows only the samples whose label it lists).
 */
export function sampleKinds(op: Pick<OperationModel, "pagination">): SampleKind[] {
  const ids: SampleId[] = op.pagination ? ["first", "pages", "aksk"] : ["first", "aksk"];
  return (["sh", "ts"] as const).flatMap((ext) =>
    ids.map((id) => ({
      id,
      ext,
      lang: ext === "sh" ? "curl" : "TypeScript",
      // An operation without paging has one answer, not a first page: its first sample is just the tool.
      label: id === "first" && !op.pagination ? TOOL[ext] : `${TOOL[ext]}${WHAT[id]}`,
    })),
  );
}

/** The file a sample is written to and overridden by: `<operationId>.sh`, `<operationId>.pages.ts`, … */
export const sampleFile = (operationId: string, kind: Pick<SampleKind, "id" | "ext">) =>
  `${operationId}${kind.id === "first" ? "" : `.${kind.id}`}.${kind.ext}`;

const TOKEN_ENV = "HW_IAM_TOKEN";
const AK_ENV = "HW_ACCESS_KEY";
const SK_ENV = "HW_SECRET_KEY";
const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
/** The environment variable of a common path parameter: `project_id` → `HW_PROJECT_ID`. */
export const envOf = (name: string) => `HW_${name.toUpperCase()}`;
/** The client's item iterator of a paged operation: `checkpoint_items` → `iterateCheckpointItems` (the client's rule). */
export const iteratorOf = (items: string) =>
  `iterate${items.replace(/(?:^|[_-])(\w)/g, (_, c: string) => c.toUpperCase())}`;

/** The first server's URL (variables at their defaults) and the others (e.g. the local mock). */
function servers(api: ApiModel): { url: string; others: string[] } {
  const urls = api.servers.map((s) => s.resolvedUrl);
  return { url: urls[0] ?? "http://127.0.0.1:4010", others: urls.slice(1) };
}

const paging = (op: OperationModel) =>
  new Set([op.pagination?.marker, op.pagination?.offset, op.pagination?.limit].filter(Boolean));

/** The example query: the required query parameters, then the first two optional ones that have an example. */
export function exampleQuery(op: OperationModel, { forPaging = false } = {}): [string, unknown][] {
  const skip = forPaging ? paging(op) : new Set<string | undefined>([op.pagination?.marker, op.pagination?.offset]);
  const query = op.parameters.filter((p) => p.in === "query" && p.example !== undefined && !skip.has(p.name));
  const chosen = [...query.filter((p) => p.required), ...query.filter((p) => !p.required).slice(0, 2)];
  return chosen.map((p) => [p.name, p.example]);
}

/** The page size the paging samples ask for: the limit parameter's example, else its default, else 100. */
function pageSize(op: OperationModel): number {
  const limit = op.parameters.find((p) => p.in === "query" && p.name === op.pagination?.limit);
  const value = limit?.example ?? op.pagination?.defaultLimit;
  return typeof value === "number" ? value : 100;
}

const pathParameters = (api: ApiModel, op: OperationModel): ParameterModel[] =>
  op.parameters.filter((p) => p.in === "path" && !api.commonPathParameters.includes(p.name));

/** The operation's path for the shell: common path parameters from the environment, the others their examples. */
function shellPath(api: ApiModel, op: OperationModel): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (api.commonPathParameters.includes(name)) return `$${envOf(name)}`;
    const p = op.parameters.find((q) => q.in === "path" && q.name === name);
    return encodeURIComponent(String(p?.example ?? name));
  });
}

/** The token header of the operation: its first credential header that is not `Authorization` (X-Auth-Token). */
export const tokenHeader = (op: OperationModel) => op.authHeaders.find((h) => h.toLowerCase() !== "authorization");

/** `curl … "$ENDPOINT/path"` with the token header and the query, one option a line, for a first page. */
function curlCall(api: ApiModel, op: OperationModel, query: [string, string][], extra: string[] = []): string[] {
  const header = tokenHeader(op);
  const get = op.method === "get";
  const inUrl = get || query.length === 0 ? "" : `?${new URLSearchParams(query)}`;
  const lines = [
    `curl -sS --fail-with-body ${get ? "-G" : `-X ${op.method.toUpperCase()}`}`,
    `  "$ENDPOINT${shellPath(api, op)}${inUrl}"`,
    ...(header ? [`  -H "${header}: $${TOKEN_ENV}"`] : []),
    ...(get ? query.map(([k, v]) => `  --data-urlencode "${k}=${v}"`) : []),
    ...extra.map((e) => `  ${e}`),
  ];
  return lines.map((l, i) => (i < lines.length - 1 ? `${l} \\` : l));
}

function endpointLines(api: ApiModel): string[] {
  const { url, others } = servers(api);
  // Short first line: Redoc's copy button sits at its end.
  return [...others.map((o) => `# mock: ENDPOINT=${o}`), `ENDPOINT=${url}`];
}

function curlFirst(api: ApiModel, op: OperationModel): string {
  const query = exampleQuery(op).map(([k, v]) => [k, String(v)] as [string, string]);
  return [...endpointLines(api), ...curlCall(api, op, query)].join("\n");
}

function curlPages(api: ApiModel, op: OperationModel): string {
  const p = op.pagination as NonNullable<OperationModel["pagination"]>;
  const query = exampleQuery(op, { forPaging: true }).map(([k, v]) => [k, String(v)] as [string, string]);
  const call = curlCall(
    api,
    op,
    [...query, [p.limit ?? "limit", "$LIMIT"]],
    [`\${MARKER:+--data-urlencode "${p.marker}=$MARKER"}`],
  );
  return [
    `# Every page (bash, jq): the next page starts after the last item's ${p.id} (${p.marker});`,
    `# a page shorter than ${p.limit ?? "the page size"} is the last.`,
    ...endpointLines(api).slice(-1),
    `LIMIT=${pageSize(op)}`,
    "MARKER=",
    "while :; do",
    `  PAGE=$(${call[0]}`,
    ...call.slice(1).map((l) => `  ${l}`),
    "  ) || exit 1",
    `  jq -c '.${p.items}[]' <<<"$PAGE"`,
    `  [ "$(jq '.${p.items} | length' <<<"$PAGE")" -lt "$LIMIT" ] && break`,
    `  MARKER=$(jq -r '.${p.items}[-1].${p.id}' <<<"$PAGE")`,
    "done",
  ].join("\n");
}

/** The shell's AK/SK sample: curl cannot sign, @csbs/client can, from a node one-liner. */
function shellAksk(api: ApiModel, op: OperationModel): string {
  const common = api.commonPathParameters.map((n) => `${camel(n)}: process.env.${envOf(n)}`);
  return [
    "# AK/SK: every request is signed (SDK-HMAC-SHA256, see Authentication), which curl cannot do.",
    "# Sign with @csbs/client from the shell (npm install @csbs/client), or get a token and use the curl samples.",
    ...endpointLines(api).slice(-1),
    "export ENDPOINT",
    "node --input-type=module -e '",
    'import { createCsbsClient } from "@csbs/client";',
    "const csbs = createCsbsClient({",
    `  baseUrl: process.env.ENDPOINT, ${common.join(", ")},`,
    `  auth: { accessKey: process.env.${AK_ENV}, secretKey: process.env.${SK_ENV} },`,
    "});",
    `console.log(JSON.stringify(await csbs.${op.operationId}(${callArgs(api, op, { inline: true })}), null, 2));'`,
  ].join("\n");
}

const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));

/** The first argument of the client's method: the operation's own path parameters and the example query. */
function callArgs(api: ApiModel, op: OperationModel, { forPaging = false, inline = false } = {}): string {
  const args: [string, unknown][] = [
    ...pathParameters(api, op).map((p) => [p.name, p.example] as [string, unknown]),
    ...exampleQuery(op, { forPaging }),
    ...(forPaging && op.pagination?.limit ? [[op.pagination.limit, pageSize(op)] as [string, unknown]] : []),
  ];
  if (args.length === 0) return "";
  const fields = args.map(([k, v]) => `${key(k)}: ${JSON.stringify(v)}`);
  return inline ? `{ ${fields.join(", ")} }` : `{\n${fields.map((f) => `  ${f},`).join("\n")}\n}`;
}

function tsClient(api: ApiModel, auth: "token" | "aksk"): string[] {
  const { url, others } = servers(api);
  const common = api.commonPathParameters.map((n) => `  ${camel(n)}: process.env.${envOf(n)} ?? "",`);
  const credentials =
    auth === "token"
      ? [`  auth: { token: process.env.${TOKEN_ENV} ?? "" },`]
      : [
          "  // Every request is signed (SDK-HMAC-SHA256 with X-Sdk-Date); add securityToken for temporary keys.",
          `  auth: { accessKey: process.env.${AK_ENV} ?? "", secretKey: process.env.${SK_ENV} ?? "" },`,
        ];
  return [
    "// npm install @csbs/client",
    'import { createCsbsClient } from "@csbs/client";',
    "",
    "const csbs = createCsbsClient({",
    ...others.map((o) => `  // or ${o}, the mock (any token)`),
    `  baseUrl: ${JSON.stringify(url)},`,
    ...common,
    ...credentials,
    "});",
    "",
  ];
}

function tsFirst(api: ApiModel, op: OperationModel, auth: "token" | "aksk" = "token"): string {
  return [
    ...tsClient(api, auth),
    `const result = await csbs.${op.operationId}(${callArgs(api, op)});`,
    "console.log(result);",
  ].join("\n");
}

function tsPages(api: ApiModel, op: OperationModel): string {
  const p = op.pagination as NonNullable<OperationModel["pagination"]>;
  const args = callArgs(api, op, { forPaging: true });
  return [
    ...tsClient(api, "token"),
    `// Every item of every page: the client asks for the next page (${p.marker} = the last ${p.id}) until one is short.`,
    `for await (const item of csbs.${iteratorOf(p.items)}(${args})) {`,
    `  console.log(item.${p.id});`,
    "}",
    "",
    "// Or page by page, with each page's response and marker:",
    `for await (const page of csbs.${op.operationId}.pages(${args})) {`,
    '  console.log(page.items.length, page.nextMarker ?? "(last page)");',
    "}",
  ].join("\n");
}

/** The generated sample of one kind for an operation. */
export function sampleSource(kind: Pick<SampleKind, "id" | "ext">, api: ApiModel, op: OperationModel): string {
  if (kind.id === "pages" && !op.pagination) throw new Error(`docs: ${op.operationId} has no x-pagination to page`);
  if (kind.ext === "sh") {
    return kind.id === "first" ? curlFirst(api, op) : kind.id === "pages" ? curlPages(api, op) : shellAksk(api, op);
  }
  return kind.id === "first" ? tsFirst(api, op) : kind.id === "pages" ? tsPages(api, op) : tsFirst(api, op, "aksk");
}
