// The code samples of the reference cannot rot: every operation of the model gets its samples (first page, every
// page, AK/SK; curl and TypeScript), generated or hand-written in samples/; every TypeScript sample — shown or
// generated — is type-checked against the real @csbs/client; every curl sample is checked against the spec and, with
// the TypeScript ones, RUN against the real mock (bash, curl, jq, tsx): one page, every page (the curl loop and the
// client's iterator find the same items as one big request), AK/SK signing. The page shows exactly the files that
// are checked (dist/samples/), with labels Redoc lists (packages/docs/redocly.yaml).
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startMock } from "@csbs/mock";
import { deref, loadBundledSpec, specValidator } from "@csbs/spec/validator";
import { model } from "@csbs/types/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { additionsFor, overrideFile } from "../scripts/build.ts";
import { HUAWEI, regionOf } from "../scripts/page.ts";
import { type OperationModel, sampleFile, sampleKinds, sampleSource } from "../scripts/samples.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const read = (file: string) => readFileSync(resolve(root, file), "utf8");
const doc = loadBundledSpec();
const validator = specValidator(doc);
const require = createRequire(import.meta.url);
const tsc = resolve(dirname(require.resolve("typescript/package.json")), "bin/tsc");
const run = promisify(execFile);

/** tsc's complaints about a project ("" when it type-checks). */
function typeErrors(project: string): string {
  try {
    execFileSync(process.execPath, [tsc, "-p", project, "--pretty", "false"], { cwd: root, encoding: "utf8" });
    return "";
  } catch (error) {
    return `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
  }
}

/** Shell variables a sample assigns (`LIMIT=100`), to read `--data-urlencode "limit=$LIMIT"` as the value sent. */
const assigned = (source: string) =>
  Object.fromEntries([...source.matchAll(/^\s*([A-Z_]+)=([^\s$]*)$/gm)].map(([, k, v]) => [k, v]));

/** Checks a curl sample against the operation it documents (path, token header, parameter values); the problems. */
function curlProblems(source: string, op: OperationModel): string[] {
  const problems: string[] = [];
  const url = /curl [^"]*"\$ENDPOINT(\/[^"?]+)[^"]*"/.exec(source)?.[1];
  const template = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
  if (!url || !template.test(url)) problems.push(`URL ${url} is not ${op.path}`);
  const header = op.authHeaders.find((h) => h !== "Authorization");
  if (!source.includes(`-H "${header}: `)) problems.push(`no ${header} header`);
  const vars = assigned(source);
  for (const [, name, raw] of source.matchAll(/--data-urlencode "([^=]+)=([^"]*)"/g)) {
    const value = (raw as string).replace(/^\$([A-Z_]+)$/, (_, v: string) => vars[v] ?? `$${v}`);
    const parameter = op.parameters.find((p) => p.name === name && p.in === "query");
    if (!parameter) {
      problems.push(`${name} is no query parameter of ${op.operationId}`);
      continue;
    }
    if (name === op.pagination?.marker && value.startsWith("$")) continue; // the marker of the previous page
    const schema = parameter.schema;
    const typed = schema.type === "integer" ? Number(value) : schema.type === "boolean" ? value === "true" : value;
    const validate = validator.compileSchema(deref(doc, schema));
    if (!validate(typed)) problems.push(`${name}=${value}: ${JSON.stringify(validate.errors)}`);
  }
  return problems;
}

const shown = (op: OperationModel, kind: { id: "first" | "pages" | "aksk"; ext: "sh" | "ts" }) =>
  read(`dist/samples/${sampleFile(op.operationId, kind)}`).trimEnd();

describe("code samples", () => {
  it("every operation has its samples on the page, verbatim as written to dist/samples/, with labels Redoc lists", () => {
    const html = read("dist/index.html");
    const config = read("redocly.yaml");
    const listed = [...config.matchAll(/^\s+label: "([^"]+)"$/gm)].map((m) => m[1]);
    const additions = additionsFor(model);
    expect(model.operations.length).toBeGreaterThan(0);
    for (const op of model.operations) {
      const page = additions.operations.find((o) => o.operationId === op.operationId);
      const kinds = sampleKinds(op);
      const ids = op.pagination ? ["first", "pages", "aksk"] : ["first", "aksk"];
      expect(kinds.map((k) => `${k.ext}:${k.id}`)).toEqual([
        ...ids.map((i) => `sh:${i}`),
        ...ids.map((i) => `ts:${i}`),
      ]);
      for (const kind of kinds) {
        const source = shown(op, { ...kind });
        expect(page?.samples, `${op.operationId} ${kind.label}`).toContainEqual({ ...kind, source });
        expect(listed, `${kind.label} in redocly.yaml codeSamples.languages`).toContain(kind.label);
        // As Redoc embeds the document: JSON, with `<` escaped.
        expect(html.includes(JSON.stringify(source).slice(1, -1).replaceAll("<", "\\u003c")), kind.label).toBe(true);
        expect(html).toContain(JSON.stringify(kind.label));
        expect(read(`dist/samples/generated/${sampleFile(op.operationId, kind)}`).trimEnd()).toBe(
          sampleSource(kind, model, op),
        );
      }
    }
  });

  it("a hand-written samples/<file> overrides the generated one; without a file, the generated is shown", () => {
    for (const op of model.operations) {
      for (const kind of sampleKinds(op)) {
        const file = overrideFile(op.operationId, kind);
        expect(shown(op, kind)).toBe(
          existsSync(file) ? readFileSync(file, "utf8").trimEnd() : sampleSource(kind, model, op),
        );
      }
    }
    // The repository has both cases: a hand-written TypeScript first page, the rest generated.
    expect(existsSync(resolve(root, "samples/listCheckpointItems.ts"))).toBe(true);
    expect(existsSync(resolve(root, "samples/listCheckpointItems.sh"))).toBe(false);
  });

  it("every TypeScript sample, shown and generated, type-checks against @csbs/client (tsc --noEmit, strict)", () => {
    expect(readdirSync(resolve(root, "dist/samples")).filter((f) => f.endsWith(".ts")).length).toBeGreaterThanOrEqual(
      3,
    );
    expect(typeErrors("samples/tsconfig.json")).toBe("");
  });

  it("a sample that calls the client wrongly fails that check, naming the error", () => {
    const dir = resolve(root, "test-output/bad-sample");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const op = model.operations[0] as OperationModel;
    const good = sampleSource({ id: "pages", ext: "ts" }, model, op);
    writeFileSync(resolve(dir, "wrong-method.ts"), good.replace("csbs.iterate", "csbs.iterateNothing"));
    writeFileSync(
      resolve(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../../samples/tsconfig.json", include: ["*.ts"] }),
    );
    expect(typeErrors(resolve(dir, "tsconfig.json"))).toMatch(
      /wrong-method\.ts.*error TS2551: Property 'iterateNothing/,
    );
  });

  it("every curl sample with a token, shown and generated, calls its operation with valid parameters", () => {
    for (const op of model.operations) {
      for (const kind of sampleKinds(op).filter((k) => k.ext === "sh" && k.id !== "aksk")) {
        for (const source of [shown(op, kind), sampleSource(kind, model, op)]) {
          expect(curlProblems(source, op), `${op.operationId} ${kind.label}`).toEqual([]);
          expect(source).toMatch(/--data-urlencode/);
        }
      }
    }
  });

  it("the curl check catches a wrong parameter value, also one set through a shell variable", () => {
    const op = model.operations[0] as OperationModel;
    expect(
      curlProblems(sampleSource({ id: "first", ext: "sh" }, model, op).replace(/"limit=\d+"/, '"limit=0"'), op).join(),
    ).toMatch(/limit=0/);
    expect(
      curlProblems(sampleSource({ id: "pages", ext: "sh" }, model, op).replace(/LIMIT=\d+/, "LIMIT=0"), op).join(),
    ).toMatch(/limit=0/);
  });

  it("the spec itself carries no samples (they are generated, or live in packages/docs/samples/)", () => {
    JSON.stringify(doc, (key, value) => {
      expect(key).not.toBe("x-codeSamples");
      return value;
    });
  });

  it("the docs build and samples read the model, never the OpenAPI document", () => {
    for (const dir of ["scripts", "page"]) {
      // dev.ts is the repository's dev loop, not the docs build (it moves to tools/).
      for (const file of readdirSync(resolve(root, dir)).filter((f) => f !== "dev.ts")) {
        const text = read(`${dir}/${file}`);
        expect(text, `${dir}/${file}`).not.toMatch(
          /paths\[|\.paths\b|\$ref|components\.(schemas|parameters|responses)/,
        );
        // The one JSON the build scripts parse is the decorator's additions file.
        for (const line of text.split("\n").filter((l) => l.includes("JSON.parse"))) {
          expect(line, `${dir}/${file}`).toMatch(/CSBS_DOCS_PAGE|readFileSync\(file, "utf8"\)|csbs-page-data/);
        }
      }
    }
  });
});

describe("the samples, run against the mock (bash, curl, jq; tsx)", () => {
  let mock: Awaited<ReturnType<typeof startMock>>;
  const op = model.operations.find((o) => o.pagination) as OperationModel;
  const pagination = op.pagination as NonNullable<OperationModel["pagination"]>;
  const env = () => ({
    ...process.env,
    ...Object.fromEntries(model.commonPathParameters.map((p) => [`HW_${p.toUpperCase()}`, "docs-test"])),
    HW_IAM_TOKEN: "any-token",
    HW_ACCESS_KEY: "AKTEST",
    HW_SECRET_KEY: "secret",
  });
  /** A sample pointed at the mock: the first server's URL becomes the mock's. */
  const local = (source: string) => source.replaceAll(model.servers[0]?.resolvedUrl as string, mock.url);
  const bash = async (source: string) =>
    (await run("bash", ["-euo", "pipefail", "-c", local(source)], { cwd: root, env: env(), timeout: 60_000 })).stdout;
  const tsx = async (name: string, source: string) => {
    const file = resolve(root, `test-output/run-${name}.ts`);
    writeFileSync(file, local(source));
    const bin = join(root, "node_modules/.bin/tsx");
    return (await run(bin, [file], { cwd: root, env: env(), timeout: 60_000 })).stdout;
  };
  /** Every id the mock answers for the sample's filters, in one request (the mock's default page size holds them). */
  let everyId: string[];

  beforeAll(async () => {
    mkdirSync(resolve(root, "test-output"), { recursive: true });
    mock = await startMock({ port: 0, host: "127.0.0.1", logLevel: "silent" });
    const query = new URLSearchParams([...sampleQuery(op), [pagination.limit ?? "limit", "1000"]]);
    const path = op.path.replace(/\{[^}]+\}/g, "docs-test");
    const res = await fetch(`${mock.url}${path}?${query}`, { headers: { "X-Auth-Token": "t" } });
    everyId = ((await res.json())[pagination.items] as Record<string, string>[]).map(
      (item) => item[pagination.id] as string,
    );
  });
  afterAll(async () => {
    await mock?.stop();
  });

  /** The filters the paging samples send (their query without paging parameters). */
  function sampleQuery(o: OperationModel): [string, string][] {
    const source = sampleSource({ id: "pages", ext: "sh" }, model, o);
    return [...source.matchAll(/--data-urlencode "([^=$]+)=([^"$]*)"/g)].map((m) => [m[1] as string, m[2] as string]);
  }

  it("the filters of the paging samples match enough items for three pages (the runs below page by a third)", () => {
    expect(everyId.length).toBeGreaterThanOrEqual(3);
  });

  it("curl, first page: the answer is one page of the operation", async () => {
    const body = JSON.parse(await bash(shown(op, { id: "first", ext: "sh" })));
    expect(Array.isArray(body[pagination.items])).toBe(true);
  });

  it("curl, every page: the marker loop prints every item exactly once", async () => {
    const source = shown(op, { id: "pages", ext: "sh" }).replace(
      /LIMIT=\d+/,
      `LIMIT=${Math.max(1, Math.ceil(everyId.length / 3))}`,
    );
    const ids = (await bash(source))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line)[pagination.id]);
    expect(ids).toEqual(everyId);
  });

  it("curl, AK/SK: the node one-liner signs with @csbs/client and prints the page", async () => {
    const body = JSON.parse(await bash(shown(op, { id: "aksk", ext: "sh" })));
    expect(Array.isArray(body[pagination.items])).toBe(true);
  });

  it("TypeScript, every page: iterate<Items> walks the same items as the curl loop", async () => {
    const source = shown(op, { id: "pages", ext: "ts" }).replace(
      /limit: \d+/g,
      `limit: ${Math.max(1, Math.ceil(everyId.length / 3))}`,
    );
    const lines = (await tsx("pages", source)).trim().split("\n");
    expect(lines.slice(0, everyId.length)).toEqual(everyId);
    expect(lines.at(-1)).toMatch(/\(last page\)$/);
  });

  it("TypeScript, first page and AK/SK: each prints the page", async () => {
    for (const id of ["first", "aksk"] as const) {
      const out = await tsx(id, shown(op, { id, ext: "ts" }));
      expect(out, id).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    }
  }, 120_000);

  it("the Authentication section's token command sends IAM's password body and keeps the X-Subject-Token header", async () => {
    const block = /```sh\n([\s\S]*?)```/.exec(additionsFor(model).intro.authentication)?.[1] ?? "";
    const url = HUAWEI.tokenUrl(regionOf(model));
    expect(block).toContain(url);
    const bodies: unknown[] = [];
    const iam = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        bodies.push({ method: req.method, type: req.headers["content-type"], body: JSON.parse(body) });
        res.writeHead(201, { "X-Subject-Token": "MIIT0KEN", "Content-Type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((ok) => iam.listen(0, "127.0.0.1", ok));
    try {
      const address = iam.address() as { port: number };
      const script = `${block.replace(url, `http://127.0.0.1:${address.port}/v3/auth/tokens`)}\necho "token=$HW_IAM_TOKEN"`;
      const { stdout } = await run("bash", ["-euo", "pipefail", "-c", script], {
        env: { ...env(), HW_USER: "alice", HW_PASSWORD: "p\"w'd", HW_DOMAIN: "acme" },
        timeout: 60_000,
      });
      expect(stdout.trim()).toBe("token=MIIT0KEN");
      expect(bodies).toEqual([
        {
          method: "POST",
          type: "application/json",
          body: {
            auth: {
              identity: {
                methods: ["password"],
                password: { user: { name: "alice", password: "p\"w'd", domain: { name: "acme" } } },
              },
              scope: { project: { id: "docs-test" } },
            },
          },
        },
      ]);
    } finally {
      await new Promise((done) => iam.close(done));
    }
  });
});
