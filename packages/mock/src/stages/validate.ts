/**
 * Stage 4, validate: the query against the operation's parameters, each value checked with its schema from the model
 * (ajv, compiled once per engine), plus what OpenAPI says and ajv cannot see in a query string: no empty value unless
 * `allowEmptyValue`, a parameter at most once, integers in decimal digits, booleans `true`/`false`, valid
 * percent-encoding (in the path too). Unknown parameters are ignored, as the service does.
 */
import type { ParameterModel } from "@csbs/types/model";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { quote } from "../answers.js";
import type { QueryValues, Violation } from "../types.js";

export interface QueryParameter {
  name: string;
  type: string | undefined;
  allowEmptyValue: boolean;
  validate: ValidateFunction;
}

/** A compiler of the model's parameter schemas; one per engine. */
export function createSchemaCompiler(): (parameter: ParameterModel) => QueryParameter {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  // OpenAPI's integer formats, as bounds.
  ajv.addFormat("int32", { type: "number", validate: (n: number) => n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  return (p) => ({
    name: p.name,
    type: p.schema?.type,
    allowEmptyValue: p.allowEmptyValue,
    validate: ajv.compile(p.schema ?? {}),
  });
}

const INTEGER = /^-?(0|[1-9][0-9]*)$/;
const violation = (where: "query" | "path", name: string, code: string, message: string): Violation => ({
  location: ["request", where, name],
  severity: "Error",
  code,
  message,
});

/** One pair of the query, decoded; undefined when it is not valid percent-encoding. */
function decodePair(pair: string): { name: string; text: string } | undefined {
  const eq = pair.indexOf("=");
  try {
    return {
      name: decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replaceAll("+", " ")),
      text: eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1).replaceAll("+", " ")),
    };
  } catch {
    return undefined;
  }
}

/** A value's text as its schema's type, then checked by the schema: the typed value or the violation. */
function checkValue(p: QueryParameter, text: string): { value: unknown } | { violation: Violation } {
  const bad = (code: string, message: string) => ({ violation: violation("query", p.name, code, message) });
  if (text === "" && !p.allowEmptyValue) return bad("allowEmptyValue", `${p.name} must not be empty`);
  let value: unknown = text;
  if (p.type === "integer" || p.type === "number") {
    if (!INTEGER.test(text)) return bad("type", `${p.name} must be an integer in decimal digits, got ${quote(text)}`);
    value = Number(text);
  } else if (p.type === "boolean") {
    if (text !== "true" && text !== "false") return bad("type", `${p.name} must be true or false, got ${quote(text)}`);
    value = text === "true";
  }
  if (p.validate(value)) return { value };
  const e = p.validate.errors?.[0];
  const allowed = (e?.params as { allowedValues?: unknown[] })?.allowedValues;
  const why =
    e?.keyword === "pattern"
      ? `is not in the documented format, got ${quote(text)}`
      : `${e?.message ?? "is invalid"}${allowed ? `: ${allowed.join(", ")}` : ""}`;
  return bad(e?.keyword ?? "schema", `${p.name} ${why}`);
}

/** Checks a raw query against the operation's query parameters: the typed values, or the violations. */
export function validateQuery(
  rawQuery: string,
  parameters: ReadonlyMap<string, QueryParameter>,
): { values: QueryValues; violations: Violation[] } {
  const values: QueryValues = new Map();
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const decoded = decodePair(pair);
    if (!decoded) {
      const eq = pair.indexOf("=");
      const name = pair.slice(0, Math.max(eq, 0)) || pair;
      violations.push(violation("query", name, "encoding", `${quote(pair)} is not valid percent-encoding`));
      continue;
    }
    const p = parameters.get(decoded.name);
    if (!p) continue; // unknown parameters are ignored, as the service does
    if (seen.has(p.name)) {
      // Said once per name, however many times it repeats.
      if (!repeated.has(p.name))
        violations.push(violation("query", p.name, "duplicate", `${p.name} is given more than once`));
      repeated.add(p.name);
      continue;
    }
    seen.add(p.name);
    const checked = checkValue(p, decoded.text);
    if ("violation" in checked) violations.push(checked.violation);
    else values.set(p.name, checked.value);
  }
  return { values, violations };
}

/** A path value that is not valid percent-encoding (`/v1/a%G1/…`) cannot be read: 400, like a query's. */
export function validatePath(values: string[], names: string[]): Violation[] {
  return values.flatMap((raw, i) => {
    try {
      decodeURIComponent(raw);
      return [];
    } catch {
      const name = names[i] ?? String(i);
      return [violation("path", name, "encoding", `${name} ${quote(raw)} is not valid percent-encoding`)];
    }
  });
}
