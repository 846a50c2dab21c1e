/**
 * The request `pnpm dev` shows next to the mock's URL, read from the spec's model (`@csbs/types/model`), so that it
 * follows the spec: the first operation's method and path, its path parameters (and required query parameters)
 * filled from their examples, a credential in the first header its security accepts.
 */
import type { ApiModel } from "@csbs/types/model";

export function curlOf(model: ApiModel, base: string): string | undefined {
  const operation = model.operations[0];
  if (!operation) return undefined;
  const example = (where: string, name: string) =>
    operation.parameters.find((p) => p.in === where && p.name === name)?.example;
  const path = operation.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = example("path", name);
    return value === undefined ? whole : encodeURIComponent(String(value));
  });
  const query = operation.parameters
    .filter((p) => p.in === "query" && p.required && p.example !== undefined)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(p.example))}`)
    .join("&");
  const method = operation.method === "get" ? "" : `-X ${operation.method.toUpperCase()} `;
  const header = operation.authHeaders[0];
  return `curl ${method}${header ? `-H '${header}: any' ` : ""}'${base}${path}${query ? `?${query}` : ""}'`;
}

/** The model as generated now (imported once the first build has generated it); undefined if it cannot be read. */
export async function currentModel(): Promise<ApiModel | undefined> {
  try {
    return (await import("@csbs/types/model")).model;
  } catch {
    return undefined;
  }
}
