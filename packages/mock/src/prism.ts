/**
 * Prism's request validator, in-process (@stoplight/prism-http, the library under `prism mock`): the same checks
 * `prism mock` makes of a request (parameters against their schemas, security), without its HTTP server, logger or
 * mocker. Node only (Prism is); the MSW handlers rely on the engine's own checks, read from the same spec.
 */
import { createRequire } from "node:module";
import type { Violation } from "./engine.js";

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
  // Prism's verdict on a query does not depend on anything else the mock lets through (security is the engine's
  // check), so the verdicts of recent requests are remembered (bounded).
  const verdicts = new Map<string, Violation[]>();
  return async (method, path, rawQuery, headers) => {
    const key = `${method} ${path}?${rawQuery}`;
    const known = verdicts.get(key);
    if (known) return known;
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(rawQuery)) {
      const had = query[k];
      query[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
    }
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) {
      // Prefer selects the engine's scenarios, not Prism's.
      if (v !== undefined && k !== "prefer") flat[k] = Array.isArray(v) ? v.join(", ") : v;
    }
    const result = await instance.request(
      { method: method.toLowerCase(), url: { path, query }, headers: flat },
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
    if (verdicts.size >= 1_000) verdicts.delete(verdicts.keys().next().value as string);
    verdicts.set(key, violations);
    return violations;
  };
}
