/**
 * How every answer is written: JSON bodies, request IDs, header-safe values, quoted input, and the one 400 builder
 * (`rejection`) that the engine's stages and the process's Prism step both use. Browser-safe.
 */
import type { OperationModel } from "@csbs/types/model";
import type { Answer, EngineRequest, Exchange, Prefer, Violation } from "./types.js";

/**
 * A value as a header can carry it: JSON with every character outside printable ASCII written as a `\uXXXX` escape,
 * so any text (control characters, DEL, U+0080 and above, lone surrogates) fits, and `JSON.parse` gives it back.
 * Node refuses other characters in a header value (ERR_INVALID_CHAR) and fetch's Headers refuses most of them.
 */
export const headerJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** Printable ASCII, no space at either end, at most `max` characters: safe to echo in a header as it came. */
export const isPrintable = (value: unknown, max: number): value is string =>
  typeof value === "string" && value.length <= max && /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value);

const newRequestId = (): string => {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID
    ? c.randomUUID().replaceAll("-", "")
    : Math.floor(Math.random() * 2 ** 52)
        .toString(16)
        .padStart(32, "0");
};

/** A request's own X-Request-Id when it is safe to echo, else a fresh one. */
export const requestIdFor = (sent: string | null | undefined): string =>
  isPrintable(sent, 128) ? sent : newRequestId();

/** Text quoted in an error message: JSON-quoted (control characters escaped), cut at 100 characters. */
export const quote = (text: string): string =>
  text.length > 100 ? `${JSON.stringify(`${text.slice(0, 100)}…`)} (${text.length} characters)` : JSON.stringify(text);

/** Parses `Prefer: example=x, code=400, delay=500, fault=429` (commas or semicolons). */
export function parsePrefer(header: string | null | undefined): Prefer {
  const out: Prefer = {};
  for (const part of (header ?? "").split(/[,;]/)) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    out[part.slice(0, eq).trim().toLowerCase()] = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
  }
  return out;
}

/** A JSON answer to the exchange (its request ID and delay). */
export const jsonAnswer = (
  ex: Exchange,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): Answer => ({
  status,
  headers: { "content-type": "application/json", "x-request-id": ex.id, ...extra },
  body: JSON.stringify(body),
  delayMs: ex.delayMs,
});

/** The 500 answer, with the spec's internal-error body, when answering a request failed. */
export const failureAnswer = (request: EngineRequest, body: unknown): Answer =>
  jsonAnswer({ request, id: requestIdFor(request.header("x-request-id")), prefer: {}, delayMs: 0 }, 500, body);

/** The 400 of the operation for these violations (see `rejection`). */
export const badRequest = (ex: Exchange, operation: OperationModel, violations: Violation[]): Answer =>
  rejection({ ...jsonAnswer(ex, 400, null), operation }, violations);

/** A violation of what `Prefer` may ask. */
export const preferViolation = (message: string): Violation => ({
  location: ["request", "header", "Prefer"],
  severity: "Error",
  code: "prefer",
  message,
});

/** How many violations a 400 lists (in `error_msg` and `sl-violations`); the rest are counted. */
const SHOWN_VIOLATIONS = 10;

/**
 * The 400 for these violations, in place of `answer` (keeping its request ID, delay and operation): the operation's
 * documented 400 body with an `error_msg` listing them, and `sl-violations` as Prism names them. The engine's stages
 * and the process's Prism step answer every rejection with it.
 */
export function rejection(answer: Answer, violations: Violation[]): Answer {
  const shown = violations.slice(0, SHOWN_VIOLATIONS);
  const more = violations.length - shown.length;
  const messages = shown.map((v) => v.message).join("; ") + (more > 0 ? `; and ${more} more` : "");
  const documented = answer.operation?.errors.find((e) => e.status === 400)?.example;
  const base = documented && typeof documented === "object" ? documented : { error_code: "CSBS.9001" };
  return {
    ...answer,
    status: 400,
    headers: { ...answer.headers, "content-type": "application/json", "sl-violations": headerJson(shown) },
    body: JSON.stringify({ ...base, error_msg: `Invalid request parameters: ${messages}.` }),
    violations,
  };
}
