// Contract fuzzing of spec + mock: fast-check generates queries from the spec's 16 query parameters, valid ones and
// broken ones, and sends them to one real mock (data mode, Prism validating). Valid → 200 with a body that validates
// against the spec (ajv, draft 2020-12); invalid → 400 with the CSBS error body whose error_msg names the broken
// parameter; no token → 401. Nothing else. (`marker` is paged by the oracle test: a random one is an unknown marker.)
// Seeded, so a failure repeats: CSBS_FUZZ_SEED=<n> to explore others, CSBS_FUZZ_RUNS=<n> for more runs.
import { readFileSync } from "node:fs";
import { deref, loadBundledSpec, specValidator } from "@csbs/spec/validator";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../src/index.js";

// The OpenAPI document is walked as plain JSON.
// biome-ignore lint/suspicious/noExplicitAny: a JSON tree
type Json = any;

const doc = loadBundledSpec();
const validator = specValidator(doc);
const validList = validator.compile("#/components/schemas/CheckpointItemList");
const validError = validator.compile("#/components/schemas/ErrorBody");
const operation = doc.paths["/v1/{project_id}/checkpoint_items"]?.get;
const resolveRef = (node: Json): Json => deref(doc, node);
const parameters = operation.parameters.map(resolveRef).filter((p: Json) => p.in === "query");
const param = (name: string) => parameters.find((p: Json) => p.name === name);
const schemaOf = (name: string) => resolveRef(param(name).schema);
const statuses: string[] = schemaOf("status").enum;
const sortKeys: string[] = ["created_at", "updated_at", "name", "status", "protected_at", "id"];
const exampleNames = Object.keys(operation.responses["200"].content["application/json"].examples);
const badRequestBody = resolveRef(operation.responses["400"]).content["application/json"].examples.invalid_parameter
  .value;

const SEED = Number(process.env.CSBS_FUZZ_SEED ?? 20170418);
const RUNS = Number(process.env.CSBS_FUZZ_RUNS ?? 600);
const INT32_MAX = 2 ** 31 - 1;

// ---- valid values, one arbitrary per parameter, straight from the schemas ----
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const timestamp = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    frac: fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
  })
  .map(
    ({ y, mo, d, h, mi, s, frac }) =>
      `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${frac ? `.${frac}` : ""}`,
  );
const sortTerm = fc
  .tuple(fc.constantFrom(...sortKeys), fc.constantFrom("", ":asc", ":desc"))
  .map(([k, d]) => `${k}${d}`);
const sort = fc
  .array(sortTerm, { minLength: 1, maxLength: 20 })
  .map((t) => t.join(","))
  .filter((s) => s.length <= 255);
// Any non-empty text: unicode, spaces, `&`, `=`, `%`, `#` (they arrive percent-encoded).
const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 });
const int32 = (min: number) => fc.integer({ min, max: INT32_MAX }).map(String);

const valid: Record<string, fc.Arbitrary<string>> = {
  status: fc.constantFrom(...statuses),
  limit: int32(1),
  sort,
  all_tenants: fc.constantFrom("true", "false"),
  name: text,
  az: text,
  resource_id: fc.oneof(fc.uuid().map(String), text),
  resource_name: text,
  start_time: timestamp,
  end_time: timestamp,
  image_type: text,
  policy_id: text,
  offset: int32(0),
  checkpoint_id: text,
  resource_type: fc.oneof(fc.constant("OS::Nova::Server"), text),
};

// ---- invalid values: what a sloppy client sends ----
const notInteger = fc.oneof(
  fc.constantFrom("abc", "1.5", "1e3", "0x10", "+5", " 7", "01", "1,000", "NaN", "Infinity", "true", "[1]"),
  fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }).map(String),
);
const invalid: Record<string, fc.Arbitrary<string>> = {
  status: fc.oneof(
    fc.constantFrom("AVAILABLE", "Available", "available ", "bogus", "done", "error,available", "null"),
    fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !statuses.includes(s)),
  ),
  limit: fc.oneof(notInteger, fc.integer({ min: -(2 ** 31), max: 0 }).map(String), fc.constant(String(2 ** 31))),
  offset: fc.oneof(notInteger, fc.integer({ min: -(2 ** 31), max: -1 }).map(String), fc.constant(String(2 ** 32))),
  all_tenants: fc.constantFrom("yes", "no", "1", "0", "TRUE", "False", "t", "on"),
  sort: fc.oneof(
    fc.constantFrom("colour", "name:up", "created_at:ASC", "name,", ",name", "name;id", "name desc", "protected_at:"),
    sortTerm.map((t) => `${t},bogus`),
    // over-long: well-formed terms beyond 255 characters
    fc
      .array(sortTerm, { minLength: 30, maxLength: 60 })
      .map((t) => t.join(","))
      .filter((s) => s.length > 255),
  ),
  start_time: fc.oneof(
    fc.constantFrom("yesterday", "2017-04-18", "2017-04-18 01:21:52", "2017-04-18T01:21:52Z", "2017-13-01T00:00:00"),
    fc.constantFrom("2017-04-18T24:00:00", "2017-04-18T01:21:52.1234567", "2017-04-18T01:21:52+08:00", "1492478512"),
    timestamp.map((t) => `${t}Z`),
  ),
  end_time: fc.constantFrom("tomorrow", "2017-04-32T00:00:00", "17-04-18T01:21:52", "2017-04-18T01:60:00"),
};
// Every parameter may also be sent empty (`name=`), which OpenAPI forbids without allowEmptyValue.
const emptyable = [...Object.keys(valid), "marker"];

type Query = [string, string][];
const encode = (query: Query) => query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");

/** 0 to 16 distinct parameters with valid values, in any order. */
const validQuery: fc.Arbitrary<Query> = fc
  .shuffledSubarray(Object.keys(valid))
  .chain((names) =>
    fc
      .tuple(...names.map((n) => valid[n] as fc.Arbitrary<string>))
      .map((vs) => names.map((n, i) => [n, vs[i]] as [string, string])),
  );

/** A valid query with one parameter broken (replaced or added). */
const invalidQuery: fc.Arbitrary<{ query: Query; broken: string }> = fc
  .tuple(
    validQuery,
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .constantFrom(...Object.keys(invalid))
          .chain((n) => (invalid[n] as fc.Arbitrary<string>).map((v) => [n, v] as [string, string])),
      },
      { weight: 1, arbitrary: fc.constantFrom(...emptyable).map((n) => [n, ""] as [string, string]) },
    ),
  )
  .map(([query, [name, value]]) => ({
    query: [...query.filter(([k]) => k !== name), [name, value] as [string, string]],
    broken: `${name}=${value}`,
  }));

/** How a valid request asks for its body: the data set (the default) or a named scenario. */
const prefer = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constantFrom(...exampleNames).map((n) => `example=${n}`) },
);

const counts = { sent: 0, accepted: 0, rejected: 0, unauthorized: 0, wrong: 0 };
const wrong: string[] = [];
let mock: MockServer;
let rssBefore = 0;

const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
const send = async (query: Query, headers: Record<string, string>) => {
  counts.sent++;
  const res = await fetch(`${mock.url}/v1/0b4ea3bd1e8047b3b7fcbb4bbc8e7e63/checkpoint_items?${encode(query)}`, {
    headers,
  });
  const body: Json = await res.json().catch(() => undefined);
  return { status: res.status, body };
};
const record = (ok: boolean, kind: "accepted" | "rejected" | "unauthorized", what: string) => {
  if (ok) counts[kind]++;
  else {
    counts.wrong++;
    if (wrong.length < 20) wrong.push(what.length > 600 ? `${what.slice(0, 600)}…` : what);
  }
  return ok;
};

beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: "warn" }); // no per-request log lines: the contract is the point
  rssBefore = rssOf(mock.pid);
});
afterAll(async () => {
  console.log(
    `contract fuzzing (seed ${SEED}): sent ${counts.sent}, accepted ${counts.accepted}, rejected ${counts.rejected}, ` +
      `unauthorized ${counts.unauthorized}, wrong ${counts.wrong}` +
      (mock ? `; mock RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssOf(mock.pid) / 2 ** 20).toFixed(0)} MiB` : ""),
  );
  if (wrong.length) console.log(`wrong answers:\n  ${wrong.join("\n  ")}`);
  await mock?.stop();
});

describe("contract fuzzing of spec + mock", () => {
  it(`${RUNS} valid queries → 200, and the body validates against the spec`, async () => {
    await fc.assert(
      fc.asyncProperty(validQuery, prefer, async (query, preference) => {
        const { status, body } = await send(query, {
          "X-Auth-Token": "fuzz",
          ...(preference ? { Prefer: preference } : {}),
        });
        const ok = status === 200 && validList(body);
        const why = status === 200 ? JSON.stringify(validList.errors?.slice(0, 3)) : JSON.stringify(body);
        return record(ok, "accepted", `${status} for valid ?${encode(query)} [${preference ?? "-"}]: ${why}`);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });

  it(`${RUNS} invalid queries → 400 with the CSBS error body`, async () => {
    await fc.assert(
      fc.asyncProperty(invalidQuery, async ({ query, broken }) => {
        const { status, body } = await send(query, { "X-Auth-Token": "fuzz" });
        const name = broken.slice(0, broken.indexOf("="));
        const ok =
          status === 400 &&
          validError(body) &&
          (body as Json).error_code === badRequestBody.error_code &&
          String((body as Json).error_msg).startsWith("Invalid request parameters: ") &&
          String((body as Json).error_msg).includes(name);
        return record(ok, "rejected", `${status} for ${broken} in ?${encode(query)}: ${JSON.stringify(body)}`);
      }),
      { numRuns: RUNS, seed: SEED + 1, endOnFailure: true },
    );
  });

  it("any query without a token → 401 with the API Gateway error body", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          validQuery,
          invalidQuery.map((q) => q.query),
        ),
        async (query) => {
          const { status, body } = await send(query, {});
          const ok = status === 401 && /^APIGW\./.test(body?.error_code) && validError(body);
          return record(ok, "unauthorized", `${status} without token for ?${encode(query)}: ${JSON.stringify(body)}`);
        },
      ),
      { numRuns: 100, seed: SEED + 2, endOnFailure: true },
    );
  });

  it("the mock survived: no 5xx, no wrong answer, still answering, memory bounded", async () => {
    expect(wrong).toEqual([]);
    expect(counts.wrong).toBe(0);
    expect(counts.sent).toBeGreaterThanOrEqual(2 * RUNS + 100);
    const res = await fetch(`${mock.url}/v1/p/checkpoint_items`, { headers: { "X-Auth-Token": "any" } });
    expect(res.status).toBe(200);
    const rss = rssOf(mock.pid);
    expect(rss).toBeLessThan(rssBefore + 200 * 2 ** 20);
    expect(rss).toBeLessThan(600 * 2 ** 20);
  });
});
