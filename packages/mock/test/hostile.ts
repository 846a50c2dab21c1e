// Hostile requests to the mock, as data: a request is a method, a project_id, query pairs and the three headers a
// client sets (X-Auth-Token, Authorization, Prefer), each part a text and how it goes on the wire (percent-encoded
// UTF-8, raw UTF-8 bytes, raw Latin-1 bytes, or literal bytes such as an invalid escape). `requestBytes` writes one
// as the bytes a raw socket sends; `fetchRequest` is what the same request is as a fetch Request, when it is one.
// The parameter names come from the bundled spec. Shared by hostile.test.ts and hostile.msw.test.ts.
import { deref, loadBundledSpec, specValidator } from "@csbs/spec/validator";
import fc from "fast-check";

// The OpenAPI document is walked as plain JSON.
// biome-ignore lint/suspicious/noExplicitAny: a JSON tree
type Json = any;

export const doc = loadBundledSpec();
const validator = specValidator(doc);
export const validErrorBody = validator.compile("#/components/schemas/ErrorBody");
// The paged operation and its path template, found by the spec's paging extension.
const [template, pathItem] = Object.entries<Json>(doc.paths).find(([, item]) => item.get?.["x-pagination"]) ?? [];
export const TEMPLATE = String(template);
/** Every query parameter of every operation of the spec. */
export const QUERY_NAMES: string[] = [
  ...new Set(
    Object.values<Json>(doc.paths).flatMap((item) =>
      Object.values<Json>(item)
        .filter((op) => op && typeof op === "object" && Array.isArray(op.parameters))
        .flatMap((op) => [...(item.parameters ?? []), ...op.parameters].map((p: Json) => deref(doc, p)))
        .filter((p: Json) => p.in === "query")
        .map((p: Json) => String(p.name)),
    ),
  ),
];
export const PAGED = pathItem.get;

/** How a text goes on the wire. `literal`: the text's characters are the bytes (an escape like %C3%28, as is). */
export type Wire = "percent" | "utf8" | "latin1" | "literal";
export interface Part {
  text: string;
  wire: Wire;
}
export interface HostileRequest {
  method: string;
  project: Part;
  query: [Part, Part][];
  headers: [string, Part][];
}

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
/** A part's bytes. Percent-encoding is of the UTF-8 bytes (a lone surrogate becomes U+FFFD, as fetch does). */
export function wireBytes({ text, wire }: Part): Buffer {
  if (wire === "utf8") return Buffer.from(text, "utf8");
  if (wire === "latin1" || wire === "literal") return Buffer.from(text, "latin1");
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += UNRESERVED.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return Buffer.from(out, "latin1");
}

/** The request target as bytes: `/v1/{project}/checkpoint_items?name=value&…`. */
export function targetBytes(r: HostileRequest): Buffer {
  const [before, after] = TEMPLATE.split("{project_id}");
  const parts: Buffer[] = [Buffer.from(before ?? ""), wireBytes(r.project), Buffer.from(after ?? "")];
  r.query.forEach(([name, value], i) => {
    parts.push(Buffer.from(i === 0 ? "?" : "&"), wireBytes(name), Buffer.from("="), wireBytes(value));
  });
  return Buffer.concat(parts);
}

/** The whole request as a raw socket writes it (Host first, Connection: close last). */
export function requestBytes(r: HostileRequest): Buffer {
  const parts = [Buffer.from(`${r.method} `), targetBytes(r), Buffer.from(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")];
  for (const [name, value] of r.headers) parts.push(Buffer.from(`${name}: `), wireBytes(value), Buffer.from("\r\n"));
  parts.push(Buffer.from("Connection: close\r\n\r\n"));
  return Buffer.concat(parts);
}

/** Bytes Node's parser counts against --max-http-header-size (16 KiB): the target and every header name and value. */
export function countedHeadBytes(r: HostileRequest): number {
  let n = targetBytes(r).length + "Host127.0.0.1ConnectionClose".length;
  for (const [name, value] of r.headers) n += name.length + wireBytes(value).length;
  return n;
}

/** Header bytes llhttp accepts in a value: HTAB, SP to `~`, and 0x80–0xFF (no other control character, no DEL). */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
export const headerAcceptedByNode = (bytes: Buffer): boolean => FIELD_VALUE.test(bytes.toString("latin1"));

/**
 * The same request as a fetch Request, with the bytes Node would read: the target as the URL parser serializes it,
 * header values as Latin-1 (what Node hands the mock). `identical`: the process and the Request carry the same
 * bytes (the URL parser changed nothing, every header reaches both unchanged), so both fronts must answer alike.
 * Undefined when fetch refuses it (a forbidden method such as TRACE, a header value with CR, LF or NUL).
 */
export function fetchRequest(r: HostileRequest, origin: string): { request: Request; identical: boolean } | undefined {
  const target = targetBytes(r).toString("latin1");
  try {
    const url = new URL(target, origin);
    const headers = new Headers();
    let identical = url.pathname + url.search === target && !target.includes("#");
    for (const [name, value] of r.headers) {
      const bytes = wireBytes(value);
      headers.append(name, bytes.toString("latin1"));
      if (!headerAcceptedByNode(bytes)) identical = false;
    }
    return { request: new Request(url, { method: r.method, headers }), identical };
  } catch {
    return undefined;
  }
}

/** The Prefer header's text as Node reads it (Latin-1), or "". */
export const preferOf = (r: HostileRequest): string => {
  const prefer = r.headers.find(([name]) => name.toLowerCase() === "prefer")?.[1];
  return prefer ? wireBytes(prefer).toString("latin1") : "";
};

/** Whether the request asked for this status or fault through Prefer (`code=500`, `fault=502`, `fault=drop`, …). */
export const askedFor = (r: HostileRequest, what: string): boolean =>
  new RegExp(`(^|[,;])\\s*(code|fault)\\s*=\\s*"?${what}"?\\s*($|[,;])`, "i").test(preferOf(r));

/** A 4xx body: the CSBS error body, or API Gateway's (APIGW.*), valid against the spec's ErrorBody. */
export function errorBodyProblem(status: number, text: string): string | undefined {
  let body: Json;
  try {
    body = JSON.parse(text);
  } catch {
    return `${status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 200))}`;
  }
  const code = body?.error_code;
  if (!validErrorBody(body)) return `${status} body is not an ErrorBody: ${text.slice(0, 200)}`;
  if (!/^(CSBS|APIGW)\.\d{4}$/.test(code)) return `${status} with error_code ${code}`;
  return undefined;
}

// ---- arbitraries ----

const SPECIALS = [
  "\x7f",
  "\r\n",
  "\r",
  "\n",
  "\0",
  "\t",
  '"',
  "'",
  "\\",
  "<script>alert(1)</script>",
  "</x><x a='",
  "&",
  "=",
  "#",
  "%",
  "+",
  " ",
  "\ud800",
  "\udfff",
  "\ufeff",
  "\u2028",
  "\uff1a", // full-width colon
  "€",
  "Ā",
  "ÿ",
  "😀",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template-injection text, sent as data
  "${{7*7}}",
  "../..",
  "' OR '1'='1",
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
];
/** Values that are nearly right: a broken one must still be answered 400 naming it. */
const NEARLY = ["10", "0", "-1", "2147483648", "available", "created_at:asc", "name,id", "2024-01-01T00:00:00", "true"];
/** Percent-escapes that decode to nothing valid, or to something unexpected. */
export const BAD_ESCAPES = [
  "%C3%28", // invalid UTF-8 continuation
  "%FF",
  "%ED%A0%80", // an encoded lone surrogate
  "%C0%AF", // overlong "/"
  "%F4%90%80%80", // beyond U+10FFFF
  "%E2%82", // cut short
  "%",
  "%G1",
  "%7F",
  "%00",
  "%0D%0A",
  "%2F",
  "%26",
  "%3D",
  "%23",
  "%25",
];

const control = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 4,
});
const special = fc.constantFrom(...SPECIALS);
const nearly = fc.constantFrom(...NEARLY);
/** Any text: all of Unicode (lone surrogates too), control characters, DEL, quotes and markup, nearly valid values. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 16 }),
  control,
  special,
  fc.tuple(nearly, special, nearly).map((t) => t.join("")),
  fc
    .array(fc.oneof(fc.string({ unit: "binary", maxLength: 4 }), special, nearly, control), { maxLength: 5 })
    .map((t) => t.join("")),
);
const escapes: fc.Arbitrary<Part> = fc
  .tuple(nearly, fc.array(fc.constantFrom(...BAD_ESCAPES), { minLength: 1, maxLength: 3 }))
  .map(([prefix, xs]) => ({ text: prefix + xs.join(""), wire: "literal" as const }));
/** A part of the request target: mostly percent-encoded, sometimes raw bytes or broken escapes. */
export const targetPart: fc.Arbitrary<Part> = fc.oneof(
  { weight: 5, arbitrary: hostileText.map((text) => ({ text, wire: "percent" as const })) },
  { weight: 2, arbitrary: hostileText.map((text) => ({ text, wire: "utf8" as const })) },
  { weight: 1, arbitrary: hostileText.map((text) => ({ text, wire: "latin1" as const })) },
  { weight: 2, arbitrary: escapes },
);
/** A header value: raw UTF-8 or Latin-1 bytes of any text (CR/LF included), or plain ASCII. */
export const headerPart: fc.Arbitrary<Part> = fc.oneof(
  { weight: 3, arbitrary: hostileText.map((text) => ({ text, wire: "utf8" as const })) },
  { weight: 1, arbitrary: hostileText.map((text) => ({ text, wire: "latin1" as const })) },
  { weight: 1, arbitrary: escapes },
);
const plain = (text: string): Part => ({ text, wire: "percent" });
const big = (c: string): Part => ({ text: c.repeat(Math.ceil(65_536 / Buffer.byteLength(c))), wire: "percent" });

/** Prefer: the mock's own directives (valid, invalid, prototype names) mixed with hostile text. */
const preferPart: fc.Arbitrary<Part> = fc.oneof(
  headerPart,
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "code=400",
          "code=404",
          "code=500",
          "code=503",
          "code=200",
          "code=999",
          "code=constructor",
          "code=__proto__",
          "example=available",
          "example=multi",
          "example=nope",
          "example=constructor",
          "example=__proto__",
          "fault=429",
          "fault=502",
          "fault=504",
          "fault=drop",
          "fault=truncate",
          "fault=toString",
          "delay=3",
          "delay=-1",
          'example="empty"',
        ),
        hostileText.map((t) => `example=${t}`),
        hostileText.map((t) => `code=${t}`),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .chain((ds) => fc.constantFrom(", ", ";", ",").map((sep) => ds.join(sep)))
    .map((text) => ({ text, wire: "utf8" as const })),
);

const pair: fc.Arbitrary<[Part, Part]> = fc.tuple(
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...QUERY_NAMES).map(plain) }, { weight: 1, arbitrary: targetPart }),
  targetPart,
);
/** Query pairs: a few hostile ones; one repeated; thousands; a 64 KB value. */
export const hostileQuery: fc.Arbitrary<[Part, Part][]> = fc.oneof(
  { weight: 20, arbitrary: fc.array(pair, { maxLength: 6 }) },
  { weight: 2, arbitrary: fc.tuple(pair, fc.integer({ min: 2, max: 5 })).map(([p, n]) => Array(n).fill(p)) },
  {
    weight: 1,
    arbitrary: fc
      .record({ n: fc.integer({ min: 1_000, max: 5_000 }), same: fc.boolean(), name: fc.constantFrom(...QUERY_NAMES) })
      .map(({ n, same, name }) =>
        Array.from({ length: n }, (_, i): [Part, Part] => [plain(same ? name : `p${i}`), plain(String(i % 10))]),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...QUERY_NAMES), fc.constantFrom("a", "€", "\x7f", "%"))
      .map(([name, c]) => [[plain(name), big(c)] as [Part, Part]]),
  },
);

const METHODS = ["HEAD", "POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "OPTIONS"];
/** A whole hostile request. */
export const hostileRequest: fc.Arbitrary<HostileRequest> = fc
  .record({
    method: fc.oneof(
      { weight: 12, arbitrary: fc.constant("GET") },
      { weight: 3, arbitrary: fc.constantFrom(...METHODS) },
    ),
    project: fc.oneof({ weight: 3, arbitrary: fc.constant(plain("p")) }, { weight: 2, arbitrary: targetPart }),
    query: hostileQuery,
    token: fc.oneof(
      { weight: 4, arbitrary: fc.constant<Part | undefined>({ text: "fuzz", wire: "literal" }) },
      { weight: 2, arbitrary: headerPart },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom("a", "€").map((c) => ({ ...big(c), wire: "utf8" as const })) },
    ),
    authorization: fc.option(headerPart, { freq: 4 }),
    prefer: fc.option(preferPart, { freq: 2 }),
  })
  .map(({ method, project, query, token, authorization, prefer }) => ({
    method,
    project,
    query,
    headers: [
      ...(token ? [["X-Auth-Token", token] as [string, Part]] : []),
      ...(authorization ? [["Authorization", authorization] as [string, Part]] : []),
      ...(prefer ? [["Prefer", prefer] as [string, Part]] : []),
    ],
  }));

/** A request built by hand: `query` as literal bytes of the target (e.g. "limit=%7F"), headers as literal bytes. */
export const literal = (
  query: string,
  headers: Record<string, string> = { "X-Auth-Token": "any" },
  method = "GET",
  project = "p",
): HostileRequest => ({
  method,
  project: { text: project, wire: "literal" },
  query: query
    ? query.split("&").map((pair): [Part, Part] => {
        const eq = pair.indexOf("=");
        return [
          { text: eq < 0 ? pair : pair.slice(0, eq), wire: "literal" },
          { text: eq < 0 ? "" : pair.slice(eq + 1), wire: "literal" },
        ];
      })
    : [],
  headers: Object.entries(headers).map(([name, text]) => [name, { text, wire: "literal" }]),
});

/** A well-formed request that must always be answered 200: proof the process is still serving. */
export const NORMAL = literal("limit=1");

/**
 * The outside probe's one-request kills, kept as regression cases: DEL or a character above U+00FF in a parameter
 * whose 400 repeats the value (the old `sl-violations` header carried it raw; Node refused it at writeHead).
 */
export const KILLER_PARAMETERS = ["limit", "offset", "marker", "sort", "start_time", "end_time", "all_tenants"];
export const KILLER_VALUES: Record<string, string> = {
  "%7F": "\x7f",
  "%C4%80": "Ā",
  "%E2%82%AC": "€",
  "%EF%BC%9A": "\uff1a",
  "%F0%9F%98%80": "😀",
};
