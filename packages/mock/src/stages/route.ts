/**
 * Stage 1, route: which operation of the model a method and path name. A template's `{name}` matches one path segment
 * and a trailing slash is allowed; HEAD is answered by the GET operation. A path of no operation is 404; a path whose
 * operations have another method is 405 with `Allow`, or for OPTIONS 204 with `Allow`.
 *
 * `pathTemplate` is the one reader of path templates: the router's patterns, the MSW front's paths (`/v1/:project_id`)
 * and the process's path for Prism are all made from it.
 */
import type { OperationModel } from "@csbs/types/model";
import { jsonAnswer, quote } from "../answers.js";
import type { Answer, Exchange } from "../types.js";

export interface PathTemplate {
  /** Matches a request path; its groups are the raw (still percent-encoded) values, in `names` order. */
  pattern: RegExp;
  names: string[];
  /** The template in MSW's (path-to-regexp's) syntax: `/v1/:project_id/checkpoint_items`. */
  colon: string;
  /** The template with each `{name}` replaced by `value(name, index)`. */
  fill(value: (name: string, index: number) => string): string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function pathTemplate(template: string): PathTemplate {
  const parts = template.split(/\{([^}]+)\}/); // odd indexes are the names
  const names = parts.filter((_, i) => i % 2 === 1);
  const join = (literal: (text: string) => string, name: (name: string, index: number) => string) =>
    parts.map((part, i) => (i % 2 === 1 ? name(part, (i - 1) / 2) : literal(part))).join("");
  return {
    pattern: new RegExp(`^${join(escapeRegExp, () => "([^/]+)")}/?$`),
    names,
    colon: join(String, (name) => `:${name}`),
    fill: (value) => join(String, value),
  };
}

/** An operation the router can pick: the model's operation and its path template. */
export interface Routed {
  operation: OperationModel;
  path: PathTemplate;
}

export interface Router<T extends Routed> {
  /** The operation a method and path name, with the path's raw values; undefined when none does. */
  match(method: string, path: string): { endpoint: T; values: string[] } | undefined;
  /** The methods a path answers (GET brings HEAD; OPTIONS always), or [] for a path of no operation. */
  allowed(path: string): string[];
}

export function createRouter<T extends Routed>(endpoints: readonly T[]): Router<T> {
  const methods = endpoints.map((e) => e.operation.method.toUpperCase());
  return {
    match(method, path) {
      const upper = method.toUpperCase();
      for (const [i, endpoint] of endpoints.entries()) {
        if (methods[i] !== upper && !(upper === "HEAD" && methods[i] === "GET")) continue;
        const values = endpoint.path.pattern.exec(path)?.slice(1);
        if (values) return { endpoint, values };
      }
      return undefined;
    },
    allowed(path) {
      const found = methods.filter((_, i) => endpoints[i]?.path.pattern.test(path));
      if (found.length === 0) return [];
      return [...new Set(found.flatMap((m) => (m === "GET" ? ["GET", "HEAD"] : [m])).concat("OPTIONS"))];
    },
  };
}

/** No operation has this method and path: OPTIONS lists the methods, another method is 405, another path 404. */
export function unrouted(ex: Exchange, allowed: string[]): Answer {
  const { method, path } = ex.request;
  if (allowed.length === 0) {
    return jsonAnswer(ex, 404, {
      error_code: "APIGW.0101",
      error_msg: `No operation of the API has the path ${quote(path)}`,
    });
  }
  const headers = { allow: allowed.join(", "), "x-request-id": ex.id };
  if (method.toUpperCase() === "OPTIONS") return { status: 204, headers, delayMs: ex.delayMs };
  const message = `Method ${quote(method)} is not allowed on ${quote(path)}; allowed: ${headers.allow}`;
  return jsonAnswer(ex, 405, { error_code: "APIGW.0101", error_msg: message }, headers);
}
