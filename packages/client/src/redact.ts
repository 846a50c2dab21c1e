import type { ErrorBody } from "@csbs/types";

/** Replaces the client's secrets in anything that leaves it: error messages and bodies, headers, log lines. */
export interface Redactor {
  text(text: string): string;
  /** An error body, parsed or raw, with every secret replaced; undefined for an empty body. */
  body(body: unknown): ErrorBody | string | undefined;
  headers(headers: Headers): Headers;
}

/** Header names whose values are secrets whatever they hold. */
export const SENSITIVE_HEADER: RegExp = /^(x-auth-token|authorization|x-security-token|proxy-authorization|cookie)$/i;

/**
 * Secrets are replaced by their literal values — only those of 8 characters or more, since shorter ones would mangle
 * ordinary text — and any AK/SK signature is replaced whatever it is.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const literal = secrets.filter((s): s is string => typeof s === "string" && s.length >= 8);
  const text = (value: string): string => {
    for (const secret of literal) value = value.replaceAll(secret, "[redacted]");
    return value.replace(/Signature=[0-9a-f]+/gi, "Signature=[redacted]");
  };
  return {
    text,
    body(body) {
      if (!body) return undefined; // no body, or an empty one
      if (typeof body === "string") return text(body);
      return JSON.parse(text(JSON.stringify(body)));
    },
    headers: (headers) => new Headers([...headers].map(([name, value]): [string, string] => [name, text(value)])),
  };
}
