/**
 * Huawei Cloud API Gateway AK/SK signing (SDK-HMAC-SHA256), with WebCrypto only: runs in browsers and Node >= 20.
 */
const ALGORITHM = "SDK-HMAC-SHA256";
const utf8 = new TextEncoder();

const hex = (buffer: ArrayBuffer): string => {
  let out = "";
  for (const byte of new Uint8Array(buffer)) out += byte.toString(16).padStart(2, "0");
  return out;
};

const sha256Hex = async (data: string): Promise<string> =>
  hex(await crypto.subtle.digest("SHA-256", utf8.encode(data)));
/** Hex SHA-256 of the empty body, computed once (cheaper in bytes than the 64-character constant). */
let emptyBodyHash: Promise<string> | undefined;

/** RFC 3986 percent-encoding: everything but A–Z a–z 0–9 - _ . ~ */
export const rfc3986 = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** X-Sdk-Date: UTC `YYYYMMDDTHHMMSSZ`. */
export const sdkDate = (date: Date): string => date.toISOString().replace(/[-:]|\.\d+/g, "");

/** The canonical request: method, URI, query, headers, signed-header list, body hash. */
export function canonicalRequest(
  method: string,
  url: URL,
  headers: Record<string, string>,
  bodyHash: string,
): { canonical: string; signedHeaders: string } {
  let uri = url.pathname
    .split("/")
    .map((segment) => rfc3986(decode(segment)))
    .join("/");
  if (!uri.endsWith("/")) uri += "/";
  const query = [...url.searchParams]
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value.trim();
  lower.host ??= url.host;
  const names = Object.keys(lower).sort();
  const signedHeaders = names.join(";");
  const canonicalHeaders = names.map((name) => `${name}:${lower[name]}\n`).join("");
  return {
    canonical: [method.toUpperCase(), uri, query, canonicalHeaders, signedHeaders, bodyHash].join("\n"),
    signedHeaders,
  };
}

/**
 * A signer for one key pair. The returned function signs a request without a body (this API has only GET) whose
 * headers (any case) include `X-Sdk-Date`, and answers the `Authorization` header value. `host` comes from the URL
 * unless given.
 */
/** Signs a request: its method, URL and the headers to sign (X-Sdk-Date among them) → the Authorization value. */
export type Signer = (method: string, url: string | URL, headers: Record<string, string>) => Promise<string>;

export function createSigner(accessKey: string, secretKey: string): Signer {
  let key: Promise<CryptoKey> | undefined;
  return async (method: string, url: string | URL, headers: Record<string, string>) => {
    emptyBodyHash ??= sha256Hex("");
    key ??= crypto.subtle.importKey("raw", utf8.encode(secretKey), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    // The client always sets X-Sdk-Date: a missing one signs an empty date, which the gateway rejects (401).
    const date = Object.entries(headers).find(([name]) => name.toLowerCase() === "x-sdk-date")?.[1] ?? "";
    const { canonical, signedHeaders } = canonicalRequest(method, new URL(url), headers, await emptyBodyHash);
    const toSign = `${ALGORITHM}\n${date.trim()}\n${await sha256Hex(canonical)}`;
    const signature = hex(await crypto.subtle.sign("HMAC", await key, utf8.encode(toSign)));
    return `${ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  };
}
