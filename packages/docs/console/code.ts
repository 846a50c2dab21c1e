/**
 * The request that was sent, as a curl line and as `@csbs/client` code. Credentials never appear in the code, and
 * in the curl line only when the reader asks ("Show secret in curl"): by default each is an environment variable.
 */
import type { ApiModel, OperationModel } from "@csbs/types/model";
import type { Ask } from "./form.js";
import type { Sent } from "./send.js";

/** The credential headers and the variable that stands for each in a curl line. */
const SECRET_HEADERS: Record<string, string> = {
  "x-auth-token": "$HW_IAM_TOKEN",
  authorization: "$HW_SDK_AUTHORIZATION",
  "x-security-token": "$HW_SECURITY_TOKEN",
};

/** A header's usual spelling: x-sdk-date → X-Sdk-Date. */
const spelled = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
/** Single-quoted for a POSIX shell. */
const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

export function curlOf(sent: Sent, ask: Ask, secretHeaders: readonly string[]): string {
  const secret = new Set([...Object.keys(SECRET_HEADERS), ...secretHeaders.map((h) => h.toLowerCase())]);
  const lines: string[] = [];
  if (ask.target === "page") {
    const flags = `--seed ${quote(ask.seed)} --records ${ask.records}`;
    lines.push(`# This page's engine answered. The same request to pnpm mock ${flags}:`);
  }
  if ("accessKey" in ask.credentials && !ask.showSecret) {
    lines.push("# AK/SK: curl cannot sign. Tick “Show secret in curl” for the signed headers (valid 15 minutes).");
  }
  const parts = [`curl -sS -i${sent.method === "GET" ? "" : ` -X ${sent.method}`} ${quote(sent.url)}`];
  for (const [name, value] of sent.headers) {
    const hidden = secret.has(name) && !ask.showSecret;
    const shown = hidden
      ? `"${spelled(name)}: ${SECRET_HEADERS[name] ?? `$${name.toUpperCase().replace(/-/g, "_")}`}"`
      : quote(`${spelled(name)}: ${value}`);
    parts.push(`-H ${shown}`);
  }
  return [...lines, parts.join(" \\\n  ")].join("\n");
}

const literal = (value: unknown) => JSON.stringify(value);
const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name));
const object = (values: Record<string, unknown>) =>
  `{ ${Object.entries(values)
    .map(([k, v]) => `${key(k)}: ${literal(v)}`)
    .join(", ")} }`;
const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** The same call with @csbs/client: the client's options, then `csbs.raw`, which the console called. */
export function clientCodeOf(model: ApiModel, op: OperationModel, ask: Ask, baseUrl: string): string {
  const auth =
    "accessKey" in ask.credentials
      ? `{ accessKey: process.env.HW_ACCESS_KEY ?? "", secretKey: process.env.HW_SECRET_KEY ?? ""${ask.credentials.securityToken ? ', securityToken: process.env.HW_SECURITY_TOKEN ?? ""' : ""} }`
      : '{ token: process.env.HW_IAM_TOKEN ?? "" }';
  const common = model.commonPathParameters.map((n) => `  ${camel(n)}: ${literal(String(ask.values.path[n] ?? ""))},`);
  const headers = { ...ask.values.header, ...(ask.prefer && { Prefer: ask.prefer }) };
  const init = [
    `  params: { path: ${object(ask.values.path)}, query: ${object(ask.values.query)} },`,
    ...(Object.keys(headers).length > 0 ? [`  headers: ${object(headers)},`] : []),
  ];
  return [
    'import { createCsbsClient } from "@csbs/client";',
    "",
    "const csbs = createCsbsClient({",
    `  baseUrl: ${literal(baseUrl)},`,
    ...common,
    `  auth: ${auth},`,
    "});",
    `const { data, error, response } = await csbs.raw.${op.method.toUpperCase()}(${literal(op.path)}, {`,
    ...init,
    "});",
    'console.log(response.status, response.headers.get("X-Request-Id"), data ?? error);',
  ].join("\n");
}
