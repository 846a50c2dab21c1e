/**
 * What the reference adds to the spec's own text, computed from the spec's model (`@csbs/types/model`) and applied to
 * the document by the docs' Redocly decorator (redocly-plugin.ts) while `redocly build-docs` bundles it:
 *
 * - the intro: under "Authentication", how to get an IAM token and how AK/SK signing works, one subsection per security
 *   scheme of the model; under "Paging", the client's iterators of each paged operation;
 * - each operation: its code samples (samples.ts) and an errors table (status, error code of the example body,
 *   meaning, what to do, whether @csbs/client retries it);
 * - each parameter: the schema's own description (what the value is) under the parameter's, and the mock's rule
 *   (`x-filter`, `x-sort`), labelled as the mock's.
 *
 * Plain data (JSON): the decorator runs in Redocly's process and reads it from the file the build writes.
 */
import type { ApiModel, OperationModel, ParameterModel, ResponseModel } from "@csbs/types/model";
import { envOf, iteratorOf, type SampleKind, sampleKinds } from "./samples.ts";

/** Huawei Cloud's IAM and signing facts, which no spec of one service carries. */
export const HUAWEI = {
  tokenUrl: (region: string) => `https://iam.${region}.myhuaweicloud.com/v3/auth/tokens`,
  signingGuide: "https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-provide.html",
};

export interface PageSample extends SampleKind {
  source: string;
}

export interface PageOperation {
  operationId: string;
  /** Markdown appended to the operation's description. */
  description: string;
  samples: PageSample[];
}

export interface PageAdditions {
  /** Markdown inserted at the end of the intro's "Authentication" and "Paging" sections. */
  intro: { authentication: string; paging: string };
  operations: PageOperation[];
  /** `in:name` → markdown appended to the parameter's description. */
  parameters: Record<string, string>;
}

/** The region of the first server (`csbs.{region}.myhuaweicloud.com`), else the placeholder `{region}`. */
export function regionOf(api: ApiModel): string {
  const host = api.servers[0]?.resolvedUrl.replace(/^\w+:\/\//, "").split("/")[0] ?? "";
  return /^[a-z]+\.([a-z0-9-]+)\.myhuaweicloud\.com$/.exec(host)?.[1] ?? "{region}";
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();
const cell = (text: string) => oneLine(text).replaceAll("|", "\\|");

function tokenSection(api: ApiModel, name: string, header: string, description: string): string {
  const url = HUAWEI.tokenUrl(regionOf(api));
  const project = api.commonPathParameters.find((p) => /project/.test(p));
  const scope = project ? `,\n             scope: {project: {id: $project}}` : "";
  const args = project ? ` \\\n    --arg project "$${envOf(project)}"` : "";
  return [
    "### Getting an IAM token",
    "",
    `\`${name}\`, header \`${header}\`: ${oneLine(description)}`,
    "",
    `Get one from IAM with your IAM user's password: \`POST ${url}\`. The token is the \`X-Subject-Token\` header of ` +
      `the answer; send it as \`${header}\` on every request, as the token samples do (\`$HW_IAM_TOKEN\`).`,
    "",
    "```sh",
    "export HW_IAM_TOKEN=$(",
    `  jq -n --arg user "$HW_USER" --arg password "$HW_PASSWORD" --arg domain "$HW_DOMAIN"${args} \\`,
    `    '{auth: {identity: {methods: ["password"],`,
    `                        password: {user: {name: $user, password: $password, domain: {name: $domain}}}}${scope}}}' |`,
    `  curl -sS --fail-with-body -D - -o /dev/null -X POST -H "Content-Type: application/json" -d @- \\`,
    `    "${url}" |`,
    `  awk 'tolower($1) == "x-subject-token:" { print $2 }' | tr -d '\\r')`,
    "```",
  ].join("\n");
}

function signingSection(name: string, header: string, description: string): string {
  return [
    "### Signing with an access key (AK/SK)",
    "",
    `\`${name}\`, header \`${header}\`: ${oneLine(description)}`,
    "",
    "Every request is signed with the secret key (the secret key itself is never sent):",
    "",
    "1. Add `X-Sdk-Date` with the time in UTC, `YYYYMMDDTHHMMSSZ` (`20240102T030405Z`).",
    "2. Build the canonical request, one part a line: the method; the path, each segment percent-encoded, ending with " +
      "`/`; the query parameters, percent-encoded and sorted; the signed headers as lower-case `name:value` lines " +
      "(at least `host` and `x-sdk-date`); their names joined by `;`; the hex SHA-256 of the body.",
    "3. The string to sign is three lines: `SDK-HMAC-SHA256`, the `X-Sdk-Date` value, and the hex SHA-256 of the " +
      "canonical request.",
    "4. The signature is the hex HMAC-SHA256 of the string to sign, keyed with the secret key.",
    `5. Send \`${header}: SDK-HMAC-SHA256 Access={AK}, SignedHeaders=host;x-sdk-date, Signature={signature}\`. ` +
      "Temporary keys also send `X-Security-Token`, signed like the other headers.",
    "",
    "`@csbs/client` does all of this: `auth: { accessKey, secretKey, securityToken? }` (the AK/SK samples). The " +
      `complete algorithm, with examples in several languages, is Huawei Cloud's [API signing guide](${HUAWEI.signingGuide}).`,
  ].join("\n");
}

/** One subsection per security scheme: the token scheme with how to get a token, the signature one with how to sign. */
export function authenticationSection(api: ApiModel): string {
  return Object.entries(api.securitySchemes)
    .map(([name, scheme]) => {
      const header = scheme.in === "header" ? scheme.name : undefined;
      const description = scheme.description ?? "";
      if (header?.toLowerCase() === "authorization") return signingSection(name, header, description);
      if (header) return tokenSection(api, name, header, description);
      return `### ${name}\n\n${oneLine(description)}`;
    })
    .join("\n\n");
}

/** Per paged operation, the client's calls that page for you. */
export function pagingSection(api: ApiModel): string {
  const paged = api.operations.filter((op) => op.pagination);
  if (paged.length === 0) return "";
  const lines = paged.map((op) => {
    const p = op.pagination as NonNullable<OperationModel["pagination"]>;
    return (
      `- \`${op.operationId}\`: \`csbs.${iteratorOf(p.items)}(query)\` yields every item of every page, ` +
      `\`csbs.${op.operationId}.pages(query)\` every page (its \`items\`, \`nextMarker\` and \`last\`).`
    );
  });
  return [
    "With `@csbs/client` the paging is done for you (the samples named “every page” show it, and the raw loop):",
    "",
    ...lines,
  ].join("\n");
}

/** What a reader does about an error status, from what the model says of it and what the client does. */
function whatToDo(op: OperationModel, error: ResponseModel, retryable: boolean): string {
  const retryAfter = error.headers.some((h) => h.name.toLowerCase() === "retry-after");
  if (retryAfter)
    return "Wait as long as `Retry-After` says (seconds or a date) when it is sent, else back off; then retry.";
  if (retryable) return "Retry later, with backoff.";
  const path = op.parameters.filter((p) => p.in === "path").map((p) => `\`${p.name}\``);
  const credentials = op.authHeaders.map((h) => `\`${h}\``).join(" or ");
  switch (error.status) {
    case 400:
      return "Correct the request: `error_msg` says what is wrong. The same request fails again.";
    case 401:
      return `Send valid credentials (${credentials || "see Authentication"}): a current token or a correct signature.`;
    case 403:
      return "Get the permission the call needs; retrying does not help.";
    case 404:
      return path.length ? `Check the path parameters (${path.join(", ")}).` : "Check the URL.";
    default:
      return error.status >= 500 ? "Retry later." : "Correct the request.";
  }
}

/** The first clause of a response description: its meaning ("Too many requests: API Gateway's…" → the first part). */
const meaningOf = (description: string) => cell(/^[^:.]+/.exec(oneLine(description))?.[0] ?? description);

/** The errors table of an operation: every documented 4xx and 5xx, in one place. */
export function errorsTable(op: OperationModel, retryable: ReadonlySet<number>): string {
  if (op.errors.length === 0) return "";
  const notes: string[] = [];
  const rows = op.errors.map((error) => {
    const code = (error.example as { error_code?: unknown } | undefined)?.error_code;
    let meaning = meaningOf(error.description);
    if (error.ours) {
      notes.push(`${"*".repeat(notes.length + 1)} ${cell(error.ours)} Documented by csbs-api.`);
      meaning += ` ${"\\*".repeat(notes.length)}`;
    }
    const todo = cell(whatToDo(op, error, retryable.has(error.status)));
    const retried = retryable.has(error.status) ? "retried by `@csbs/client`" : "not retried";
    return `| ${error.status} | ${typeof code === "string" ? `\`${code}\`` : "—"} | ${meaning} | ${todo} | ${retried} |`;
  });
  return [
    "**Errors.** Every error answer has a JSON body with `error_code` and `error_msg` (API Gateway's also has " +
      "`request_id`); the responses below show each one.",
    "",
    "| Status | Error code | Meaning | What to do | `@csbs/client` |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    ...(notes.length ? ["", ...notes.map((n) => n.replace(/^\*+/, (stars) => "\\*".repeat(stars.length)))] : []),
  ].join("\n");
}

/** A parameter's filter or sort rule, in words: what the mock does (x-filter, x-sort), labelled as the mock's. */
export function ruleOf(parameter: ParameterModel, op: OperationModel): string | undefined {
  const filter = parameter.filter;
  if (filter) {
    const field = `\`${filter.field}\``;
    const words: Record<string, string> = {
      exact: `an item matches when ${field} equals the value.`,
      "substring-ci": `an item matches when ${field} contains the value, ignoring case.`,
      gte: `an item matches when ${field} is at or after the value.`,
      lte: `an item matches when ${field} is at or before the value.`,
      "all-tenants": `\`true\` lists the backups of every project, not only the one in the path (${field}).`,
    };
    const hidden = filter.hidden ? ` ${field} is kept by the mock's data set but not returned in the response.` : "";
    return `${words[filter.match] ?? `${filter.match} on ${field}.`}${hidden}`;
  }
  const sort = op.sort;
  if (sort && sort.parameter === parameter.name) {
    const keys = Object.keys(sort.keys).map((k) => `\`${k}\``);
    return (
      `sort keys ${keys.join(", ")}; \`${sort.direction}\` when a key has no direction; ` +
      `\`${sort.default}\` when \`${sort.parameter}\` is not sent; ties are broken by \`${sort.tiebreaker}\` ascending.`
    );
  }
  return undefined;
}

/** Markdown added under a parameter: the schema's description, then the mock's rule. */
function parameterText(parameter: ParameterModel, op: OperationModel): string {
  const parts: string[] = [];
  const own = parameter.schemaDescription?.trim();
  const said = oneLine(parameter.description ?? "");
  if (own && !said.includes(oneLine(own))) parts.push(`*Value:* ${oneLine(own)}`);
  const rule = ruleOf(parameter, op);
  if (rule) {
    parts.push(
      `**Mock rule** (how \`@csbs/mock\` answers, from the spec's \`${parameter.filter ? "x-filter" : "x-sort"}\`; ` +
        `of the service, the source document says only what the text above says): ${rule}`,
    );
  }
  return parts.join("\n\n");
}

/** Everything the page adds, for every operation of the model. */
export function pageAdditions(
  api: ApiModel,
  samples: (op: OperationModel, kind: SampleKind) => string,
  retryable: ReadonlySet<number>,
): PageAdditions {
  const parameters: Record<string, string> = {};
  for (const op of api.operations) {
    for (const p of op.parameters) {
      const text = parameterText(p, op);
      const keyOf = `${p.in}:${p.name}`;
      if (parameters[keyOf] !== undefined && parameters[keyOf] !== text) {
        throw new Error(`docs: two operations describe parameter ${keyOf} differently; the page keys them by in:name`);
      }
      parameters[keyOf] = text;
    }
  }
  return {
    intro: { authentication: authenticationSection(api), paging: pagingSection(api) },
    operations: api.operations.map((op) => ({
      operationId: op.operationId,
      description: errorsTable(op, retryable),
      samples: sampleKinds(op).map((kind) => ({ ...kind, source: samples(op, kind) })),
    })),
    parameters,
  };
}
