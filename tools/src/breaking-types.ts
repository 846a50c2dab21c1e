/**
 * The TypeScript judge of the breaking-change gate: generates the types of both specs with openapi-typescript (the
 * same generator as @csbs/types) and asks the compiler, for every operation both have,
 *   - is every request the old types allowed still allowed (old query/path/header/body assignable to new)?
 *   - is every response the new types allow one the old types allowed (new body assignable to old)?
 * Each failed assignment is a consumer whose code stops compiling. It is the soundness net under the explicit rules
 * of breaking-rules.ts, which name the change precisely and cover what types cannot express.
 */
import { deref } from "@csbs/spec/resolve";
import { astToString, openapiTS, ts } from "@csbs/typescript6";
import { type Change, commonOperations, type OpenApiDoc, type Side } from "./breaking-rules.js";

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
};

/** The default lib files parse once per process: later programs reuse them, so a comparison costs ~0.2 s. */
const libCache = new Map<string, ts.SourceFile>();

async function typesOf(doc: OpenApiDoc): Promise<string> {
  const ast = await openapiTS(structuredClone(doc) as never, { defaultNonNullable: false });
  return astToString(ast);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const prop = (k: string) => (/^[0-9]+$/.test(k) ? `[${k}]` : `[${JSON.stringify(k)}]`);

interface Assertion {
  where: string;
  /** What a failure means, for the message. */
  what: string;
  side: Side;
  /** `from` must be assignable to `to`. */
  from: string;
  to: string;
}

function assertions(oldDoc: OpenApiDoc, newDoc: OpenApiDoc): Assertion[] {
  const out: Assertion[] = [];
  for (const { path, method } of commonOperations(oldDoc, newDoc)) {
    const o = `O${prop(path)}${prop(method)}`;
    const n = `N${prop(path)}${prop(method)}`;
    const where = `${method.toUpperCase()} ${path}`;
    for (const part of ["query", "path", "header", "cookie"]) {
      out.push({
        where,
        what: `the new ${part} parameters reject a request the old ones accepted`,
        side: "request",
        from: `${o}["parameters"]["${part}"]`,
        to: `${n}["parameters"]["${part}"]`,
      });
    }
    const oldOp = ((oldDoc.paths?.[path] ?? {}) as Record<string, Record<string, unknown>>)[method] ?? {};
    const newOp = ((newDoc.paths?.[path] ?? {}) as Record<string, Record<string, unknown>>)[method] ?? {};
    if (oldOp.requestBody && newOp.requestBody) {
      out.push({
        where,
        what: "the new request body rejects a body the old one accepted",
        side: "request",
        from: `${o}["requestBody"]`,
        to: `${n}["requestBody"]`,
      });
    }
    const or = isObj(oldOp.responses) ? oldOp.responses : {};
    const nr = isObj(newOp.responses) ? newOp.responses : {};
    for (const status of Object.keys(or)) {
      if (!(status in nr)) continue;
      const content = (doc: OpenApiDoc, r: unknown): string[] => Object.keys(deref(doc, r)?.content ?? {});
      const newTypes = new Set(content(newDoc, nr[status]));
      for (const type of content(oldDoc, or[status])) {
        if (!newTypes.has(type)) continue;
        out.push({
          where,
          what: `response ${status} (${type}) can now be something the old type did not allow`,
          side: "response",
          from: `${n}["responses"]${prop(status)}["content"]${prop(type)}`,
          to: `${o}["responses"]${prop(status)}["content"]${prop(type)}`,
        });
      }
    }
  }
  return out;
}

/**
 * The checking module: one line per assertion after a fixed header, so the line of a diagnostic names the assertion
 * that failed (`firstLine` is the line of the first one).
 */
function checkModule(checks: Assertion[]): { text: string; firstLine: number } {
  const lines = [
    'import type { paths as O } from "./old";',
    'import type { paths as N } from "./new";',
    "declare function take<T>(): T;",
  ];
  const firstLine = lines.length;
  checks.forEach((c, i) => {
    lines.push(`export const check${i}: ${c.to} = take<${c.from}>();`);
  });
  return { text: `${lines.join("\n")}\n`, firstLine };
}

/** A compiler host that serves the virtual files from memory, and the default lib files from the per-process cache. */
function virtualHost(files: Map<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost(OPTIONS, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError) => {
    const text = files.get(fileName);
    if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
    let sf = libCache.get(fileName);
    if (!sf) {
      sf = getSourceFile(fileName, languageVersion, onError);
      if (sf) libCache.set(fileName, sf);
    }
    return sf;
  };
  host.fileExists = (f) => files.has(f) || ts.sys.fileExists(f);
  host.readFile = (f) => files.get(f) ?? ts.sys.readFile(f);
  host.directoryExists = (d) => d === "/virtual" || ts.sys.directoryExists(d);
  host.realpath = (p) => p;
  host.writeFile = () => {};
  return host;
}

/** Every diagnostic of the check, including any in the generated types themselves (a generator or spec bug). */
function diagnosticsOf(files: Map<string, string>): ts.Diagnostic[] {
  const program = ts.createProgram(["/virtual/check.ts"], OPTIONS, virtualHost(files));
  return [
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(program.getSourceFile("/virtual/check.ts")),
    ...program.getSemanticDiagnostics(program.getSourceFile("/virtual/old.ts")),
    ...program.getSemanticDiagnostics(program.getSourceFile("/virtual/new.ts")),
  ];
}

/**
 * A failed assignment as a breaking change. TypeScript's explanation is a chain from the outer type down: the
 * property names along it say where, its last line says what; the rest is noise in a report.
 */
function toChange(check: Assertion, text: string): Change {
  const chain = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const props = chain.flatMap((l) => /^Types of property '([^']+)' are incompatible/.exec(l)?.[1] ?? []);
  const last = chain.at(-1) ?? "";
  const detail = `${props.length ? `at ${props.join(".")}: ` : ""}${last.length > 240 ? `${last.slice(0, 237)}...` : last}`;
  return {
    severity: "breaking",
    side: check.side,
    where: check.where,
    message: `TypeScript: ${check.what} — ${detail}`,
  };
}

/**
 * Type-level incompatibilities between two specs, as breaking changes. Empty when every consumer that compiled
 * against the old types still compiles against the new ones (for the contracts checked above).
 */
export async function typeIncompatibilities(oldDoc: OpenApiDoc, newDoc: OpenApiDoc): Promise<Change[]> {
  const checks = assertions(oldDoc, newDoc);
  if (!checks.length) return [];
  const files = new Map<string, string>([
    ["/virtual/old.ts", await typesOf(oldDoc)],
    ["/virtual/new.ts", await typesOf(newDoc)],
  ]);
  const { text: checkText, firstLine } = checkModule(checks);
  files.set("/virtual/check.ts", checkText);

  const out: Change[] = [];
  for (const d of diagnosticsOf(files)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    // Only an assertion line may fail: anything else means the types did not compile, and no verdict can be trusted.
    if (d.file?.fileName !== "/virtual/check.ts" || d.start === undefined) {
      throw new Error(`the generated types of a spec do not compile: ${text}`);
    }
    const check = checks[d.file.getLineAndCharacterOfPosition(d.start).line - firstLine];
    if (!check) throw new Error(`unexpected diagnostic in the type check: ${text}`);
    out.push(toChange(check, text));
  }
  return out;
}
