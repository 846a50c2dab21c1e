/**
 * Prism's request validator, in-process (@stoplight/prism-http, the library under `prism mock`): the same checks
 * `prism mock` makes of a request (parameters against their schemas, security), without its HTTP server, logger or
 * mocker. Node only (Prism is); the MSW handlers rely on the engine's own checks, read from the same spec.
 */
import { createRequire } from "node:module";
import { LRUCache } from "lru-cache";
import type { Violation } from "./types.js";

// biome-ignore lint/suspicious/noExplicitAny: Prism's types are not re-exported in a usable form here
type Any = any;

const silent: Any = new Proxy({}, { get: (_t, key) => (key === "child" ? () => silent : () => {}) });

export type PrismValidate = (
  method: string,
  path: string,
  rawQuery: string,
  headers: Record<string, string | string[] | undefined>,
) => Promise<Violation[]>;

export async function prismValidator(specPath: string): Promise<PrismValidate> {
  const require = createRequire(import.meta.url);
  const prism = require("@stoplight/prism-http") as Any;
  const operations = await prism.getHttpOperationsFromSpec(specPath);
  const instance = prism.createInstance(
    {
      mock: { dynamic: false },
      validateRequest: true,
      validateResponse: false,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
      isProxy: false,
    },
    { logger: silent },
  );
  // Prism checks each query parameter against its own schema, independently of the others; unless a query parameter
  // is required, each (parameter, value) is sent to Prism alone and its verdict remembered (bounded), so a page
  // that differs from the last by its offset costs one small check, not a whole one.
  const required = operations.some((op: Any) => (op.request?.query ?? []).some((q: Any) => q.required));
  const verdicts = new LRUCache<string, Violation[]>({ max: 10_000 });
  const check = async (method: string, path: string, query: Record<string, string | string[]>, key: string) => {
    const known = verdicts.get(key);
    if (known) return known;
    const result = await instance.request(
      { method: method.toLowerCase(), url: { path, query }, headers: {} },
      operations,
    )();
    const input: Any[] = result?.right?.validations?.input ?? [];
    const violations: Violation[] = input
      .filter((v) => v.severity === 0 && v.code !== 401)
      .map((v) => ({
        location: ["request", ...(v.path ?? [])].map(String),
        severity: "Error" as const,
        code: String(v.code),
        message: String(v.message).replace(/^Request (query )?parameter /, ""),
      }));
    verdicts.set(key, violations);
    return violations;
  };
  return async (method, path, rawQuery) => {
    const pairs = [...new URLSearchParams(rawQuery)];
    if (required || pairs.length === 0 || new Set(pairs.map(([k]) => k)).size !== pairs.length) {
      const query: Record<string, string | string[]> = {};
      for (const [k, v] of pairs) {
        const had = query[k];
        query[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
      }
      return check(method, path, query, `${method} ${path}?${rawQuery}`);
    }
    const each = await Promise.all(
      pairs.map(([k, v]) => check(method, path, { [k]: v }, `${method} ${path} ${k}=${v}`)),
    );
    return each.flat();
  };
}
