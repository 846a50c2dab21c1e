// The READMEs' mock examples work as printed: every `curl` line and every `fetch("http://127.0.0.1:…")` snippet of
// README.md and packages/*/README.md is read from the Markdown (marked's lexer), sent to a real mock started from the
// built package with the flags of the `pnpm mock …` line the README shows before it (on a free port: the URL's port
// is rewritten), and must answer what the text says: a non-empty page that keeps the query's filters, sort and limit;
// for a `Prefer:` header, the answer the README's `Prefer:` table gives it (status, headers, error code, named example).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { deref, loadBundledSpec, repoRoot, specValidator } from "@csbs/spec/validator";
import { marked, type Tokens } from "marked";
import { parse as parseShell } from "shell-quote";
import { afterAll, describe, expect, it } from "vitest";

// biome-ignore lint/suspicious/noExplicitAny: JSON
type Json = any;
type MockModule = typeof import("../src/index.js");

// The package as users get it: dist/, built by `pnpm build` (turbo runs it before this test).
const built: Promise<MockModule> = import(new URL("../dist/index.js", import.meta.url).href);
const doc = loadBundledSpec();
const validator = specValidator(doc);
const [, pathItem] = Object.entries<Json>(doc.paths).find(([, item]) => item.get?.["x-pagination"]) ?? [];
const op = pathItem.get;
const pg = op["x-pagination"];
const params: Json[] = op.parameters.map((p: Json) => deref(doc, p));
const xsort = params.find((p) => p["x-sort"])?.["x-sort"];
const examples = Object.fromEntries(
  Object.entries<Json>(op.responses["200"].content["application/json"].examples).map(([k, v]) => [
    k,
    deref(doc, v).value,
  ]),
);

/** One example to run: where it is, the request it makes, the mock flags shown before it, what it claims. */
interface Snippet {
  where: string;
  kind: "curl" | "fetch";
  text: string;
  mockArgs: string[];
  claim: string;
}

const MOCK_START = /^(?:(?:node_modules\/\.bin\/)?pnpm (?:run )?mock|npm run mock(?: --)?|csbs-mock)(?:\s|$)/;
const DEV_START = /^(?:(?:node_modules\/\.bin\/)?pnpm (?:run )?(?:dev|serve)|npm (?:start|run dev))(?:\s|$)/;
const MOCK_URL = /http:\/\/(?:127\.0\.0\.1|localhost):\d+/;

/** The shell words of a line, and its `# comment`. */
const shellWords = (line: string) => {
  const parts = parseShell(line);
  const words = parts.filter((p): p is string => typeof p === "string");
  const comment = parts.find((p): p is { comment: string } => typeof p === "object" && "comment" in p);
  return { words, comment: comment?.comment ?? "" };
};

/** Every mock example of one README, in order, each with the flags of the last mock start line before it. */
function snippetsOf(file: string): { snippets: Snippet[]; prefer: Tokens.Table | undefined } {
  const source = readFileSync(file, "utf8");
  const name = file.slice(repoRoot.length + 1);
  const snippets: Snippet[] = [];
  let prefer: Tokens.Table | undefined;
  let mockArgs: string[] = [];
  let cursor = 0;
  /** `file:line` of a text, searched from the last one found (code blocks nested in lists lose their indent). */
  const where = (text: string) => {
    const at = source.indexOf(text, cursor);
    if (at >= 0) cursor = at;
    return `${name}:${at >= 0 ? source.slice(0, at).split("\n").length : "?"}`;
  };
  marked.walkTokens(marked.lexer(source), (token) => {
    if (token.type === "table" && /`Prefer:`/.test(token.header[0]?.text ?? "")) prefer = token as Tokens.Table;
    if (token.type !== "code") return;
    const code = (token as Tokens.Code).text;
    if (/\bfetch\(\s*["'`]http:\/\/(?:127\.0\.0\.1|localhost):/.test(code)) {
      // Its comments (`// ten available backups`), not the `//` of a URL.
      const claim = [...code.matchAll(/(?:^|\s)\/\/\s*(.*)$/gm)].map((m) => m[1]).join(" ");
      snippets.push({ where: where(code.split("\n")[0] ?? code), kind: "fetch", text: code, mockArgs, claim });
      return;
    }
    for (const raw of code.split("\n")) {
      const { words, comment } = shellWords(raw.trim());
      const command = words.join(" ");
      if (MOCK_START.test(command)) mockArgs = words.slice(words.findIndex((w) => /mock$/.test(w)) + 1);
      else if (DEV_START.test(command)) mockArgs = [];
      if (words[0] === "curl")
        snippets.push({ where: where(raw.trim()), kind: "curl", text: raw.trim(), mockArgs, claim: comment });
    }
  });
  return { snippets, prefer };
}

const readmes = [
  join(repoRoot, "README.md"),
  ...readdirSync(join(repoRoot, "packages")).map((p) => join(repoRoot, "packages", p, "README.md")),
].filter((f) => {
  try {
    return readFileSync(f, "utf8").length > 0;
  } catch {
    return false;
  }
});
const parsed = readmes.map(snippetsOf);
const snippets = parsed.flatMap((p) => p.snippets);
const preferTable = parsed.map((p) => p.prefer).find(Boolean);

// ---- the mocks, one per set of flags shown ----

const mocks = new Map<string, Promise<{ url: string; stop: () => Promise<void> }>>();
afterAll(async () => {
  for (const m of mocks.values()) await (await m).stop();
});

/** The mock the README's flags start, as `pnpm mock` reads them (its own flags and settings), on a free port. */
function mockFor(args: string[]) {
  const key = args.join(" ");
  let mock = mocks.get(key);
  if (!mock) {
    mock = built.then(async ({ SETTINGS, mockOptionsFromEnv, startMock }) => {
      const { values }: { values: Record<string, string | boolean | undefined> } = parseArgs({
        args,
        options: {
          ...Object.fromEntries(Object.entries(SETTINGS).map(([n, s]) => [n, { type: s.type }])),
          "no-prism": { type: "boolean" },
        },
        strict: true,
      });
      // Through the environment variables: the one reader of settings that the package exports.
      const env = Object.fromEntries(
        Object.entries(SETTINGS)
          .filter(([n]) => values[n] !== undefined)
          .map(([n, s]) => [s.env, values[n] === true ? "1" : String(values[n])]),
      );
      const settings = mockOptionsFromEnv(env);
      return startMock({ ...settings, port: 0, logLevel: "silent", prism: values["no-prism"] !== true });
    });
    mocks.set(key, mock);
  }
  return mock;
}

// ---- what a README says an answer is ----

/**
 * The README's `Prefer:` table row of one token (`fault=429`, `example=failed`), and its place among the row's keys:
 * the row of that very key, else of its placeholder (`example=NAME`, `code=NNN`), else of its only sample (`delay=500`).
 */
function preferRow(token: string): { keys: string[]; index: number; answer: string } {
  const [name, value] = token.split("=");
  const rows = (preferTable?.rows ?? []).map((row) => ({
    keys: [...(row[0]?.text ?? "").matchAll(/`([^`=]+)=([^`]*)`/g)].map((m) => [m[1], m[2]] as const),
    answer: row[1]?.text ?? "",
  }));
  const samples = rows.flatMap((r) => r.keys).filter(([k]) => k === name);
  const matches = [
    ([, v]: readonly [unknown, unknown]) => v === value,
    ([, v]: readonly [unknown, string | undefined]) => /^[A-Z]+$/.test(v ?? ""),
    ([, v]: readonly [unknown, string | undefined]) => samples.length === 1 && /^\d+$/.test(v ?? ""),
  ];
  for (const match of matches) {
    for (const row of rows) {
      const index = row.keys.findIndex((key) => key[0] === name && match(key));
      if (index >= 0) return { keys: row.keys.map(([k, v]) => `${k}=${v}`), index, answer: row.answer };
    }
  }
  throw new Error(`the README's Prefer table does not document Prefer: ${token}`);
}

interface Expected {
  status: number;
  headers: Record<string, string>;
  bodyFields: Record<string, string | true>;
  body?: Json;
  minMs: number;
  dataPage: boolean;
}

/** What the README says a request with these headers answers. */
function expectedFor(headers: Headers): Expected {
  const expected: Expected = { status: 200, headers: {}, bodyFields: {}, minMs: 0, dataPage: true };
  if (!headers.get("x-auth-token") && !headers.get("authorization")) {
    return { ...expected, status: 401, dataPage: false }; // "without one: 401 with API Gateway's body"
  }
  for (const token of (headers.get("prefer") ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)) {
    const [name, value = ""] = token.split("=");
    const row = preferRow(token);
    const listed = [...row.answer.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    if (name === "delay") expected.minMs = Number(value);
    else if (name === "example") {
      expect(listed, `${token}: a name the README lists`).toContain(value);
      expected.body = examples[value];
      expected.dataPage = false;
    } else if (name === "code") {
      expect(listed, `${token}: a status the README lists`).toContain(value);
      Object.assign(expected, { status: Number(value), dataPage: false });
    } else Object.assign(expected, statedAnswer(row, token), { dataPage: false });
  }
  return expected;
}

/** A row's answer in words: its status, `Header: value`s and body (`{"error_code": "X", …, "request_id"}`). */
function statedAnswer(row: { keys: string[]; index: number; answer: string }, token: string): Partial<Expected> {
  const statuses = [...row.answer.matchAll(/(?<![\w.])([1-5]\d\d)(?![\w.])/g)].map((m) => Number(m[1]));
  const codes = [...row.answer.matchAll(/\b([A-Z]{2,}\.\d{4})\b/g)].map((m) => m[1] as string);
  // A row of several keys states one status (and code) per key, in order.
  const nth = <T>(list: T[]) =>
    list.length === row.keys.length ? list[row.index] : list.length === 1 ? list[0] : undefined;
  const status = nth(statuses);
  if (status === undefined) throw new Error(`the README's Prefer table does not say what status ${token} answers`);
  const headers = Object.fromEntries(
    [...row.answer.matchAll(/`([A-Za-z][\w-]*): ([^`]+)`/g)].map((m) => [String(m[1]).toLowerCase(), String(m[2])]),
  );
  const bodyFields: Record<string, string | true> = {};
  const body = /`(\{[^`]*\})`/.exec(row.answer)?.[1] ?? "";
  for (const m of body.matchAll(/"(\w+)"(?:: "([^"]*)")?/g)) bodyFields[m[1] as string] = m[2] ?? true;
  const code = nth(codes);
  if (code !== undefined) bodyFields.error_code = code;
  return { status, headers, bodyFields };
}

/** "ten available backups": the number of items a comment says a page shows, if it says one. */
function claimedCount(claim: string): number | undefined {
  const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"];
  const m = new RegExp(`\\b(\\d+|${words.join("|")})\\b`, "i").exec(claim);
  if (!m) return undefined;
  const n = words.indexOf(String(m[1]).toLowerCase());
  return n >= 0 ? n : Number(m[1]);
}

// ---- the checks ----

const field = (item: Json, path: string) => path.split(".").reduce((o: Json, k) => o?.[k], item);
const ts = (s: string) => {
  const dot = s.indexOf(".");
  return dot < 0 ? `${s}.000000` : `${s.slice(0, dot + 1)}${s.slice(dot + 1).padEnd(6, "0")}`;
};

/** A data page keeps the query: its filters (the spec's x-filter), its sort (x-sort), its limit; and is not empty. */
function checkDataPage(url: URL, items: Json[], claim: string) {
  expect(items.length, "a page that shows backups").toBeGreaterThan(0);
  const limit = url.searchParams.get(pg.limit);
  if (limit !== null) expect(items.length).toBeLessThanOrEqual(Number(limit));
  const count = claimedCount(claim);
  if (count !== undefined) expect(items.length, `"${claim}"`).toBe(count);
  for (const p of params) {
    const rule = p["x-filter"];
    const value = url.searchParams.get(p.name);
    if (!rule || rule.hidden || value === null) continue;
    for (const item of items) {
      const v = field(item, rule.field);
      if (rule.match === "exact") expect(String(v), p.name).toBe(value);
      if (rule.match === "substring-ci") expect(String(v).toLowerCase(), p.name).toContain(value.toLowerCase());
      if (rule.match === "gte") expect(ts(v) >= ts(value), `${p.name}: ${v}`).toBe(true);
      if (rule.match === "lte") expect(ts(v) <= ts(value), `${p.name}: ${v}`).toBe(true);
    }
  }
  const sort = url.searchParams.get(params.find((p) => p["x-sort"])?.name) ?? xsort.default;
  const terms = String(sort)
    .split(",")
    .map((t) => t.split(":"))
    .map(([key, dir]) => ({ field: xsort.keys[key as string].field, desc: (dir ?? xsort.direction) === "desc" }));
  for (let n = 1; n < items.length; n++) {
    for (const t of terms) {
      const [a, b] = [field(items[n - 1], t.field), field(items[n], t.field)];
      if (a === b) continue;
      expect(t.desc ? a > b : a < b, `sorted by ${sort}: ${a} then ${b}`).toBe(true);
      break;
    }
  }
}

/** Sends one example and checks its answer against what the README says. */
async function check(snippet: Snippet) {
  const mock = await mockFor(snippet.mockArgs);
  const sent: { url: URL; headers: Headers; response: Response; ms: number }[] = [];
  // The example's own request, to this mock: only the origin of the URL is rewritten.
  const send = async (input: string, init: RequestInit = {}) => {
    const url = new URL(input.replace(MOCK_URL, mock.url));
    const started = performance.now();
    const response = await fetch(url, init);
    sent.push({ url, headers: new Headers(init.headers), response: response.clone(), ms: performance.now() - started });
    return response;
  };
  if (snippet.kind === "fetch") {
    const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (f: typeof send) => Promise<void>;
    await new AsyncFunction("fetch", snippet.text)(send);
  } else {
    const { url, headers } = curlRequest(snippet.text);
    await send(url, { headers });
  }
  expect(sent, "the example sends one request").toHaveLength(1);
  const [{ url, headers, response, ms }] = sent as [(typeof sent)[number]];
  const expected = expectedFor(headers);
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(expected.status);
  for (const [k, v] of Object.entries(expected.headers)) expect(response.headers.get(k), k).toBe(v);
  for (const [k, v] of Object.entries(expected.bodyFields)) {
    if (v === true) expect(body, k).toHaveProperty(k);
    else expect(body[k], k).toBe(v);
  }
  expect(ms).toBeGreaterThanOrEqual(expected.minMs);
  if (expected.body !== undefined) expect(body).toEqual(expected.body);
  const schema = op.responses[String(expected.status)] && deref(doc, op.responses[String(expected.status)]);
  const ref = schema?.content?.["application/json"]?.schema?.$ref;
  if (ref && expected.status !== 401) expect(validator.errors(ref, body)).toEqual([]);
  if (expected.dataPage) checkDataPage(url, body[pg.items], snippet.claim);
}

/** A curl line as a request: its URL and `-H` headers. Any other option is a mistake of this test or the README. */
function curlRequest(line: string): { url: string; headers: Headers } {
  const { words } = shellWords(line);
  const headers = new Headers();
  let url: string | undefined;
  for (let n = 1; n < words.length; n++) {
    const w = words[n] as string;
    if (w === "-H" || w === "--header") {
      const h = String(words[++n]);
      headers.append(h.slice(0, h.indexOf(":")).trim(), h.slice(h.indexOf(":") + 1).trim());
    } else if (["-i", "--include", "-s", "--silent", "-v"].includes(w)) continue;
    else if (w.startsWith("http")) url = w;
    else throw new Error(`curl option ${w} is not one this test knows how to send`);
  }
  if (!url) throw new Error(`no URL in ${line}`);
  return { url, headers };
}

describe("the READMEs' mock examples work as printed", () => {
  it("finds them: curl lines and fetch snippets, each after the mock start line it runs against", () => {
    expect(snippets.filter((s) => s.kind === "curl").length).toBeGreaterThan(0);
    expect(snippets.filter((s) => s.kind === "fetch").length).toBeGreaterThan(0);
    expect(preferTable, "the Prefer table").toBeDefined();
  });

  const named = snippets.map((s): [string, Snippet] => {
    const flags = s.mockArgs.length ? ` (mock ${s.mockArgs.join(" ")})` : "";
    return [`${s.where} ${s.text.split("\n")[0]}${flags}`, s];
  });
  it.each(named)("%s", (_, snippet) => check(snippet), 120_000);
});
