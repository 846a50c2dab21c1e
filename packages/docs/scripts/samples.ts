/**
 * The code samples of the reference, generated from an operation of the bundled spec: its method and path, its path
 * parameters, an example query (the required query parameters and the first two optional ones, with their
 * `example`s), the first server (its variables at their defaults) and the API-key header of its security.
 */
import { deref } from "@csbs/spec/validator";

// The OpenAPI document is walked as plain JSON.
// biome-ignore lint/suspicious/noExplicitAny: a JSON tree
export type Json = any;

export interface Operation {
  operationId: string;
  operation: Json;
  method: string;
  path: string;
}

export const SAMPLE_KINDS = [
  { ext: "sh", lang: "Shell", label: "curl" },
  { ext: "ts", lang: "TypeScript", label: "TypeScript (@csbs/client)" },
] as const;

/** The path parameter the client holds (createCsbsClient's `projectId`) and curl reads from the environment. */
const PROJECT = { name: "project_id", env: "HW_PROJECT_ID" };
const TOKEN_ENV = "HW_IAM_TOKEN";
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** Every operation of the spec that has an operationId, in document order. */
export function operationsOf(doc: Json): Operation[] {
  return Object.entries<Json>(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]?.operationId).map((method) => ({
      operationId: item[method].operationId as string,
      operation: item[method],
      method,
      path,
    })),
  );
}

/** Path-item and operation parameters, resolved; the operation's win. */
export function parametersOf(doc: Json, op: Operation): Json[] {
  const all = [...(doc.paths[op.path].parameters ?? []), ...(op.operation.parameters ?? [])].map((p) => deref(doc, p));
  return all.filter((p, i) => !all.slice(i + 1).some((q) => q.name === p.name && q.in === p.in));
}

const exampleOf = (doc: Json, p: Json): unknown => p.example ?? deref(doc, p.schema)?.examples?.[0];

/** The example query: the required query parameters, then the first two optional ones that have an example. */
export function exampleQuery(doc: Json, op: Operation): [string, unknown][] {
  const query = parametersOf(doc, op).filter((p) => p.in === "query" && exampleOf(doc, p) !== undefined);
  const chosen = [...query.filter((p) => p.required), ...query.filter((p) => !p.required).slice(0, 2)];
  return chosen.map((p) => [p.name, exampleOf(doc, p)]);
}

/** The first server's URL with its variables at their defaults, and the others (e.g. the local mock). */
function servers(doc: Json): { url: string; others: string[] } {
  const urls = (doc.servers ?? []).map((s: Json) =>
    Object.entries<Json>(s.variables ?? {}).reduce(
      (url: string, [name, v]) => url.replaceAll(`{${name}}`, v.default),
      s.url as string,
    ),
  );
  return { url: urls[0] ?? "http://127.0.0.1:4010", others: urls.slice(1) };
}

/** The header of the operation's first API-key security scheme (e.g. X-Auth-Token). */
function authHeader(doc: Json, op: Operation): string | undefined {
  for (const requirement of op.operation.security ?? doc.security ?? []) {
    for (const name of Object.keys(requirement)) {
      const scheme = doc.components?.securitySchemes?.[name];
      if (scheme?.type === "apiKey" && scheme.in === "header") return scheme.name;
    }
  }
  return undefined;
}

function curl(doc: Json, op: Operation): string {
  const { url, others } = servers(doc);
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === PROJECT.name) return `$${PROJECT.env}`;
    const p = parametersOf(doc, op).find((q) => q.in === "path" && q.name === name);
    return encodeURIComponent(String(exampleOf(doc, p ?? {}) ?? name));
  });
  const header = authHeader(doc, op);
  const query = exampleQuery(doc, op);
  const get = op.method === "get";
  const lines = [
    // Short first line: Redoc's copy button sits at its end.
    ...others.map((o) => `# mock: ENDPOINT=${o}`),
    `ENDPOINT=${url}`,
    `curl -sS ${get ? "-G" : `-X ${op.method.toUpperCase()}`} "$ENDPOINT${path}${get || !query.length ? "" : `?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}`}"`,
    ...(header ? [`  -H "${header}: $${TOKEN_ENV}"`] : []),
    ...(get ? query.map(([k, v]) => `  --data-urlencode "${k}=${v}"`) : []),
  ];
  return lines.map((l, i) => (i >= others.length + 1 && i < lines.length - 1 ? `${l} \\` : l)).join("\n");
}

function typescript(doc: Json, op: Operation): string {
  const { url, others } = servers(doc);
  const args = [
    ...parametersOf(doc, op)
      .filter((p) => p.in === "path" && p.name !== PROJECT.name)
      .map((p) => [p.name, exampleOf(doc, p)] as [string, unknown]),
    ...exampleQuery(doc, op),
  ];
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  const call = args.length ? `{\n${args.map(([k, v]) => `  ${key(k)}: ${JSON.stringify(v)},`).join("\n")}\n}` : "";
  return [
    "// npm install @csbs/client",
    'import { createCsbsClient } from "@csbs/client";',
    "",
    "const csbs = createCsbsClient({",
    ...others.map((o) => `  // or ${o}, the mock (any token)`),
    `  baseUrl: ${JSON.stringify(url)},`,
    `  projectId: process.env.${PROJECT.env} ?? "",`,
    `  auth: { token: process.env.${TOKEN_ENV} ?? "" },`,
    "});",
    "",
    `const result = await csbs.${op.operationId}(${call});`,
    "console.log(result);",
  ].join("\n");
}

/** The generated sample of one kind ("sh": curl, "ts": @csbs/client) for an operation. */
export function sampleSource(ext: string, doc: Json, op: Operation): string {
  return ext === "sh" ? curl(doc, op) : typescript(doc, op);
}
