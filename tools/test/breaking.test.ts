// The breaking-change gate, proved case by case on mutated copies of the bundled spec: each breaking change a
// consumer would feel fails the gate and is named, on its side (request or response), with the fix; each additive
// change passes; a breaking change passes only into a new major.
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { loadBundledSpec, repoRoot } from "@csbs/spec/validator";
import { afterAll, describe, expect, it } from "vitest";
import {
  allowsBreaking,
  BASELINE_FILE,
  breakingGate,
  bundleSpec,
  checkBreaking,
  compareSpecs,
  GitError,
  lastRelease,
  lastReleaseTag,
  loadBaseline,
  NoBaselineError,
  nextRelease,
  type OpenApiDoc,
} from "../src/breaking.js";
import { diffSpecs } from "../src/breaking-rules.js";
import { typeIncompatibilities } from "../src/breaking-types.js";

/** The workspace's package folders (pnpm-workspace.yaml), relative to the repository: `spec`, `packages/client`, … */
function workspacePackageDirs(): string[] {
  const stdout = execFileSync("pnpm", ["ls", "-r", "--depth", "-1", "--json"], { cwd: repoRoot, encoding: "utf8" });
  return (JSON.parse(stdout) as { path: string }[]).map((p) => relative(repoRoot, p.path)).filter((p) => p !== "");
}

const require = createRequire(import.meta.url);
const execFileAsync = promisify(execFile);
const base = loadBundledSpec() as unknown as OpenApiDoc;
// The operation and its paging field, read from the spec (tools/ names no path of it).
const PATH = Object.keys(base.paths ?? {})[0] as string;
const OP = `GET ${PATH}`;
const ITEMS = (base.paths as Doc)[PATH].get["x-pagination"].items as string;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** A RegExp of `source` with ITEMS and OP/PATH filled in literally. */
const rx = (source: string) =>
  new RegExp(source.replaceAll("ITEMS", esc(ITEMS)).replaceAll("OP", esc(OP)).replaceAll("PATH", esc(PATH)));

// biome-ignore lint/suspicious/noExplicitAny: mutations reach anywhere into the document
type Doc = any;
const mutate = (fn: (doc: Doc) => void, from: OpenApiDoc = base): OpenApiDoc => {
  const doc = structuredClone(from) as Doc;
  fn(doc);
  return doc;
};
const op = (doc: Doc) => doc.paths[PATH].get;
const param = (doc: Doc, name: string) => doc.components.parameters[name];
const schema = (doc: Doc, name: string) => doc.components.schemas[name];

async function gate(next: OpenApiDoc, release = "0.1.1", old: OpenApiDoc = base) {
  return breakingGate({ doc: old, source: "test baseline" }, next, release);
}

const breakingCases: [string, (doc: Doc) => void, RegExp][] = [
  ["a removed query parameter", (d) => op(d).parameters.splice(0, 1), /query parameter `status` removed/],
  [
    "a renamed query parameter",
    (d) => {
      d.components.parameters.next_marker = { ...param(d, "marker"), name: "next_marker" };
      op(d).parameters[2] = { $ref: "#/components/parameters/next_marker" };
    },
    /query parameter `marker` removed \(renamed to `next_marker`\?\)/,
  ],
  ["a parameter made required", (d) => (param(d, "limit").required = true), /query parameter `limit` made required/],
  [
    "a new required parameter",
    (d) =>
      op(d).parameters.push({
        name: "region",
        in: "query",
        required: true,
        description: "r",
        schema: { type: "string" },
      }),
    /new required query parameter `region`/,
  ],
  [
    "a narrowed enum on a request parameter",
    (d) => {
      param(d, "status").schema = { type: "string", enum: ["available", "error", "deleted"] };
    },
    /query parameter `status`: enum narrowed, no longer accepts "waiting_protect", "protecting"/,
  ],
  [
    "a tighter minimum",
    (d) => (param(d, "limit").schema.minimum = 10),
    /`limit`: tighter bound, minimum raised from 1 to 10/,
  ],
  ["a new maximum", (d) => (param(d, "limit").schema.maximum = 500), /`limit`: tighter bound, maximum added, to 500/],
  [
    "a tighter maxLength",
    (d) => (param(d, "sort").schema.maxLength = 100),
    /`sort`: tighter bound, maxLength lowered from 255 to 100/,
  ],
  ["a new minLength", (d) => (param(d, "name").schema.minLength = 3), /`name`: tighter bound, minLength added, to 3/],
  [
    "a new pattern",
    (d) => (param(d, "marker").schema.pattern = "^[0-9a-f-]{36}$"),
    /`marker`: pattern added, to \/\^\[0-9a-f-\]\{36\}\$\//,
  ],
  [
    "a changed pattern",
    (d) => (param(d, "sort").schema.pattern = "^(created_at|name)(:(asc|desc))?$"),
    /`sort`: pattern changed from/,
  ],
  [
    "a changed type of a request parameter",
    (d) => (param(d, "limit").schema.type = "string"),
    /`limit`: type changed from integer to string/,
  ],
  [
    "a changed format",
    (d) => (param(d, "limit").schema.format = "int64"),
    /`limit`: format changed from int32 to int64/,
  ],
  [
    "a changed type of a response field",
    (d) => (schema(d, "CheckpointItem").properties.name = { type: "integer", description: "n" }),
    rx("response 200 body\\.ITEMS\\[\\]\\.name: type changed from string to integer"),
  ],
  [
    "a changed type deep in a response",
    (d) => (schema(d, "VolumeBackup").properties.size = { type: "string", description: "s" }),
    /extend_info\.volume_backups\[\]\.size: type changed from integer to string/,
  ],
  [
    "a field made nullable (a type change)",
    (d) => (schema(d, "CheckpointItem").properties.checkpoint_id.type = ["string", "null"]),
    /checkpoint_id: type changed from string to null \| string/,
  ],
  [
    "a removed response field",
    (d) => delete schema(d, "CheckpointItem").properties.description,
    rx("response 200 body\\.ITEMS\\[\\]\\.description: response field removed"),
  ],
  [
    "a removed field of an error body",
    (d) => {
      delete schema(d, "ErrorBody").properties.request_id;
    },
    /response 400 body\.request_id: response field removed/,
  ],
  [
    "a response field made optional",
    (d) => {
      const s = schema(d, "CheckpointItem");
      s.required = s.required.filter((r: string) => r !== "name");
    },
    rx("ITEMS\\[\\]\\.name: response field made optional"),
  ],
  ["a removed documented status code", (d) => delete op(d).responses["404"], /documented status code 404 removed/],
  [
    "a removed operation",
    (d) => {
      d.paths[PATH].post = d.paths[PATH].get;
      delete d.paths[PATH].get;
    },
    rx("OP: operation removed"),
  ],
  [
    "a removed path",
    (d) => {
      d.paths[`/v2${PATH}`] = d.paths[PATH];
      delete d.paths[PATH];
    },
    rx("PATH: path removed \\(with GET operations\\)"),
  ],
  [
    "a new value in a response enum",
    (d) => schema(d, "ExtendInfo").properties.copy_status.enum.push("paused"),
    /copy_status: new value\(s\) "paused" in a response enum/,
  ],
  [
    "a new value in an enum shared by a request parameter and a response field",
    (d) => schema(d, "CheckpointItemStatus").enum.push("frozen"),
    rx('ITEMS\\[\\]\\.status: new value\\(s\\) "frozen" in a response enum'),
  ],
  [
    "an authentication method no longer accepted",
    (d) => (d.security = [{ IamToken: [] }]),
    /security requirement \{"AkSkSignature":\[\]\} no longer accepted/,
  ],
  [
    "a renamed operationId",
    (d) => (op(d).operationId = "listBackups"),
    /operationId renamed from listCheckpointItems to listBackups/,
  ],
];

describe("breaking changes fail the gate, each named", () => {
  it.each(breakingCases)("%s", async (_name, fn, expected) => {
    const next = mutate(fn);
    const result = await gate(next);
    expect(result.ok).toBe(false);
    const breaking = result.changes.filter((c) => c.severity === "breaking").map((c) => `${c.where}: ${c.message}`);
    expect(breaking.join("\n")).toMatch(expected);
    expect(result.report).toContain("breaking  ");
    expect(result.fix).toContain("`pnpm changeset` and choose major");
  });
});

const additiveCases: [string, (doc: Doc) => void, RegExp | undefined][] = [
  [
    "a new optional query parameter",
    (d) => op(d).parameters.push({ name: "region", in: "query", description: "r", schema: { type: "string" } }),
    /new optional query parameter `region`/,
  ],
  [
    "a new optional response field",
    (d) => (schema(d, "CheckpointItem").properties.region = { type: "string", description: "The region." }),
    rx("ITEMS\\[\\]\\.region: new optional response field"),
  ],
  [
    "description edits",
    (d) => {
      op(d).description = "Lists backups.";
      param(d, "limit").description = "Page size.";
      schema(d, "CheckpointItem").properties.name.description = "The name of the backup.";
      d.info.description = "Changed.";
    },
    undefined,
  ],
  [
    "example edits",
    (d) => {
      param(d, "limit").example = 25;
      param(d, "status").example = "error";
      for (const ex of Object.values(d.components.examples ?? {}) as Doc[]) ex.summary = "edited";
    },
    undefined,
  ],
  [
    "a looser bound on a request parameter",
    (d) => (param(d, "limit").schema.minimum = 0),
    /`limit`: looser bound, minimum 1 → 0/,
  ],
  [
    "a removed maxLength",
    (d) => delete param(d, "sort").schema.maxLength,
    /`sort`: looser bound, maxLength 255 → \(none\)/,
  ],
  [
    "a widened request-only enum",
    (d) => {
      param(d, "status").schema = { type: "string", enum: [...schema(d, "CheckpointItemStatus").enum] };
    },
    undefined,
  ],
  [
    "a new documented status code",
    (d) => (op(d).responses["409"] = structuredClone(op(d).responses["503"])),
    /new documented status code 409/,
  ],
  [
    "a required parameter made optional",
    (d) => (param(d, "project_id").required = false),
    /path parameter `project_id` made optional/,
  ],
];

describe("additive changes pass the gate", () => {
  it.each(additiveCases)("%s", async (_name, fn, expected) => {
    const result = await gate(mutate(fn));
    expect(result.changes.filter((c) => c.severity === "breaking")).toEqual([]);
    expect(result.ok).toBe(true);
    if (expected) expect(result.report).toMatch(expected);
  });

  it("an enum widened on a request parameter is additive", async () => {
    const narrow = mutate((d) => (param(d, "status").schema = { type: "string", enum: ["available", "error"] }));
    const wide = mutate(
      (d) => (param(d, "status").schema = { type: "string", enum: ["available", "error", "deleted"] }),
    );
    const result = await gate(wide, "0.1.1", narrow);
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/`status`: enum accepts new values "deleted"/);
  });

  it("the spec unchanged: nothing to report", async () => {
    const result = await gate(structuredClone(base));
    expect(result).toMatchObject({ ok: true, changes: [] });
    expect(result.report).toContain("no change a consumer can notice");
  });
});

describe("notices: same shape, changed meaning", () => {
  it("a changed default of a request parameter is reported, not failed", async () => {
    const result = await gate(mutate((d) => (param(d, "limit").schema.default = 100)));
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/notice {4}GET .*: query parameter `limit`: default changed from 1000 to 100/);
  });

  it("deprecations are reported, not failed", async () => {
    const result = await gate(
      mutate((d) => {
        param(d, "offset").deprecated = true;
        schema(d, "ExtendInfo").properties.support_lld.deprecated = true;
      }),
    );
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/notice {4}GET .*: query parameter `offset` deprecated/);
    expect(result.report).toMatch(/notice {4}GET .*extend_info\.support_lld: deprecated/);
  });

  it("an additional accepted authentication method is additive", async () => {
    const result = await gate(mutate((d) => d.security.push({ Basic: [] })));
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/additive .*new security requirement \{"Basic":\[\]\} accepted/);
  });

  it("with no changeset pending, it says to add one", async () => {
    const result = await gate(
      mutate((d) => (schema(d, "CheckpointItem").properties.region = { type: "string" })),
      String(base.info?.version),
    );
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/no changeset is pending: add one with `pnpm changeset`/);
  });
});

describe("a breaking change passes only into a new major version", () => {
  const removed = mutate((d) => op(d).parameters.splice(0, 1));
  it.each([
    ["0.1.0", "0.1.1", false],
    ["0.1.0", "0.2.0", false],
    ["0.1.0", "1.0.0", true],
    ["1.4.2", "1.5.0", false],
    ["1.4.2", "2.0.0", true],
  ])("last release %s, next %s: allowed %s", async (last, next, allowed) => {
    expect(allowsBreaking(last, next)).toBe(allowed);
    const old = mutate((d) => (d.info.version = last));
    const result = await gate(removed, next, old);
    expect(result.ok).toBe(allowed);
    expect(result.report).toMatch(allowed ? /allowed: .* is a new major version/ : /is not a new major version/);
  });
});

describe("the TypeScript judge", () => {
  it("finds no incompatibility between a spec and itself", async () => {
    expect(await typeIncompatibilities(base, structuredClone(base))).toEqual([]);
  });

  it.each([
    "a new required parameter",
    "a parameter made required",
    "a narrowed enum on a request parameter",
    "a changed type of a request parameter",
    "a changed type of a response field",
    "a new value in a response enum",
    "a response field made optional",
    "a field made nullable (a type change)",
  ])("catches %s on its own", async (name) => {
    const fn = breakingCases.find(([n]) => n === name)?.[1];
    expect(fn, name).toBeDefined();
    const found = await typeIncompatibilities(base, mutate(fn as (d: Doc) => void));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.message).toMatch(/^TypeScript: /);
  });

  it.each(additiveCases.map(([name, fn]) => [name, fn] as const))("accepts %s", async (_name, fn) => {
    expect(await typeIncompatibilities(base, mutate(fn))).toEqual([]);
  });

  it("backs the rules up: a break only the compiler sees is still reported", async () => {
    // The rules do not read prefixItems; the generated types do (`[number, ...ResourceTag[]]`).
    const next = mutate((d) => {
      const tags = schema(d, "CheckpointItem").properties.tags;
      tags.prefixItems = [{ type: "integer", description: "x" }];
    });
    expect(diffSpecs(base, next).filter((c) => c.severity === "breaking")).toEqual([]);
    const changes = await compareSpecs(base, next);
    const found = changes.filter((c) => c.severity === "breaking");
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(
      rx("^TypeScript: response 200 \\(application/json\\) can now be something .* at ITEMS"),
    );
    expect((await gate(next)).ok).toBe(false);
  });
});

describe("both judges together", () => {
  it("a request-side break named by the rules does not hide a response-side break only the compiler sees", async () => {
    const next = mutate((d) => {
      op(d).parameters.splice(0, 1);
      schema(d, "CheckpointItem").properties.tags.prefixItems = [{ type: "integer", description: "x" }];
    });
    const breaking = (await compareSpecs(base, next)).filter((c) => c.severity === "breaking").map((c) => c.message);
    expect(breaking).toEqual([
      "query parameter `status` removed",
      expect.stringMatching(rx("^TypeScript: response 200 .* at ITEMS\\.tags")),
    ]);
  });

  it("a break both judges see is reported once, in the rules' words", async () => {
    const next = mutate((d) => schema(d, "ExtendInfo").properties.copy_status.enum.push("paused"));
    const breaking = (await compareSpecs(base, next)).filter((c) => c.severity === "breaking");
    expect(breaking).toHaveLength(1);
    expect(breaking[0]?.message).toMatch(/^response 200 body.*copy_status: new value/);
  });
});

describe("the rules alone", () => {
  it("report every difference of the mutations above with a place", () => {
    for (const [name, fn] of breakingCases) {
      const changes = diffSpecs(base, mutate(fn));
      expect(changes.filter((c) => c.severity === "breaking").length, name).toBeGreaterThan(0);
      for (const c of changes)
        expect(c.where === OP || c.where.startsWith("/") || c.where.includes(" /"), name).toBe(true);
    }
  });
});

describe("structured results", () => {
  it("each change says its side as a field: request for what the consumer sends, response for what it gets", async () => {
    const next = mutate((d) => {
      op(d).parameters.splice(0, 1);
      delete op(d).responses["404"];
      schema(d, "CheckpointItem").properties.region = { type: "string", description: "r" };
    });
    const sides = Object.fromEntries((await compareSpecs(base, next)).map((c) => [c.message, c.side]));
    expect(sides).toMatchObject({
      "query parameter `status` removed": "request",
      "documented status code 404 removed": "response",
    });
    expect(Object.entries(sides).find(([m]) => m.endsWith(".region: new optional response field"))?.[1]).toBe(
      "response",
    );
  });

  it("the fix is a field of a failing result, and a passing result has none", async () => {
    const failing = await gate(mutate((d) => op(d).parameters.splice(0, 1)));
    expect(failing).toMatchObject({ ok: false, last: String(base.info?.version), next: "0.1.1" });
    expect(failing.fix).toMatch(/^make the change compatible .* `pnpm changeset` and choose major/);
    expect(failing.report).not.toContain(failing.fix);
    expect((await gate(structuredClone(base))).fix).toBeUndefined();
  });
});

describe("a new operation is additive", () => {
  const count = (d: Doc) => ({
    operationId: "countThings",
    summary: "Count",
    description: "Counts.",
    responses: structuredClone(op(d).responses),
  });

  it("on a new path", async () => {
    const result = await gate(mutate((d) => (d.paths[`${PATH}/count`] = { get: count(d) })));
    expect(result.ok).toBe(true);
    expect(result.changes).toEqual([
      { severity: "additive", side: "request", where: `GET ${PATH}/count`, message: "new operation" },
    ]);
  });

  it("on an existing path", async () => {
    const result = await gate(mutate((d) => (d.paths[PATH].post = count(d))));
    expect(result.ok).toBe(true);
    expect(result.changes).toEqual([
      { severity: "additive", side: "request", where: `POST ${PATH}`, message: "new operation" },
    ]);
  });
});

describe("the gate on a checkout: last release, pending changesets", () => {
  const scratch = mkdtempSync(join(tmpdir(), "csbs-breaking-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** What the gate reads: the workspace's manifests, .changeset, spec sources, redocly.yaml. */
  function miniRepo(name: string, { clone = true } = {}): string {
    const dir = join(scratch, name);
    for (const f of ["package.json", "pnpm-workspace.yaml", "redocly.yaml", ".changeset/config.json"]) {
      mkdirSync(join(dir, f, ".."), { recursive: true });
      cpSync(join(repoRoot, f), join(dir, f));
    }
    // Every workspace package's manifest: changesets reads the release group from them.
    for (const p of workspacePackageDirs()) {
      mkdirSync(join(dir, p), { recursive: true });
      cpSync(join(repoRoot, p, "package.json"), join(dir, p, "package.json"));
    }
    cpSync(join(repoRoot, "spec"), join(dir, "spec"), {
      recursive: true,
      filter: (src) => !/[/\\](dist|node_modules)$/.test(src),
    });
    symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
    // A clone: its own git repository with one commit and no tag (the gate fails where git does).
    if (clone) {
      git(dir, "init", "-q", "-b", "main");
      writeFileSync(join(dir, ".gitignore"), "node_modules\n");
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", "start");
    }
    return dir;
  }
  function git(dir: string, ...args: string[]): string {
    return execFileSync(
      "git",
      ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...args],
      { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 20_000 },
    );
  }
  const changeset = (dir: string, file: string, bumps: Record<string, string>) =>
    writeFileSync(
      join(dir, ".changeset", file),
      `---\n${Object.entries(bumps)
        .map(([n, b]) => `"${n}": ${b}`)
        .join("\n")}\n---\n\nA change.\n`,
    );
  const V = String(base.info?.version);

  it("the next release is the spec's version bumped by changesets' release plan (the spec is in the fixed group)", async () => {
    const dir = miniRepo("plan");
    expect(await nextRelease(dir)).toEqual({ current: V, next: V });
    changeset(dir, "a.md", { "@csbs/mock": "patch" });
    changeset(dir, "b.md", { "@csbs/client": "minor" });
    const [maj, min] = V.split(".").map(Number) as [number, number];
    expect((await nextRelease(dir)).next).toBe(`${maj}.${min + 1}.0`);
    changeset(dir, "c.md", { "@csbs/types": "major" });
    expect((await nextRelease(dir)).next).toBe(`${maj + 1}.0.0`);
  });

  it("compares with the last release tag's spec, fails a break, and passes it once a major changeset is pending", async () => {
    const dir = miniRepo("tagged");
    git(dir, "tag", `@csbs/spec@${V}`);
    const limit = join(dir, "spec/components/parameters/limit.yaml");
    writeFileSync(limit, readFileSync(limit, "utf8").replace("minimum: 1", "minimum: 5"));
    git(dir, "commit", "-q", "-am", "tighter limit");

    expect(await lastReleaseTag(dir)).toBe(`@csbs/spec@${V}`);
    expect((await loadBaseline(dir)).source).toBe(`git tag @csbs/spec@${V}`);
    const failing = await checkBreaking(dir);
    expect(failing.ok).toBe(false);
    expect(failing.report).toContain(`against the last release ${V} (git tag @csbs/spec@${V})`);
    expect(failing.report).toMatch(/query parameter `limit`: tighter bound, minimum raised from 1 to 5/);
    expect(failing.fix).toMatch(/`pnpm changeset` and choose major/);

    changeset(dir, "limit.md", { "@csbs/client": "minor" });
    expect((await checkBreaking(dir)).ok).toBe(false);
    changeset(dir, "limit.md", { "@csbs/client": "major" });
    const passing = await checkBreaking(dir);
    expect(passing.ok).toBe(true);
    expect(passing.report).toMatch(/allowed: \d+\.0\.0 is a new major version/);
  });

  it("a new operation added to spec/ sources is additive: the gate passes, naming it", async () => {
    const dir = miniRepo("grown");
    // The copy's release is the spec as it is now: the gate reports this test's change, and only it, whatever
    // additive changes the working tree already holds before a release is tagged.
    writeFileSync(join(dir, BASELINE_FILE), `${JSON.stringify(await bundleSpec(dir), null, 2)}\n`);
    const file = join(dir, "spec/openapi.yaml");
    const operation = [
      `  ${PATH}/count:`,
      "    parameters:",
      "      - $ref: ./components/parameters/project_id.yaml",
      "    get:",
      "      operationId: countThings",
      "      summary: Count",
      "      description: Counts.",
      "      responses:",
      '        "200":',
      "          description: OK.",
      "          content:",
      "            application/json:",
      "              schema: { type: object, properties: { count: { type: integer } } }",
    ].join("\n");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^paths:\n/m, `paths:\n${operation}\n`));
    const result = await checkBreaking(dir);
    expect(result.changes).toEqual([
      { severity: "additive", side: "request", where: `GET ${PATH}/count`, message: "new operation" },
    ]);
    expect(result.ok).toBe(true);
    expect(result.report).toContain(`  additive  GET ${PATH}/count: new operation`);
  });

  it("with no tag and no baseline file, a typed error says how to record one", async () => {
    const dir = miniRepo("no-baseline");
    rmSync(join(dir, "spec/baseline"), { recursive: true });
    const error = await loadBaseline(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoBaselineError);
    expect((error as NoBaselineError).fix).toContain("`pnpm check:breaking --update-baseline`");
  });

  it("the repository passes against its last release (the committed baseline until the first tag)", async () => {
    const tag = await lastReleaseTag();
    const result = await checkBreaking();
    expect(result.report).toContain(tag ? `(git tag ${tag})` : "(spec/baseline/openapi.json: no release tag");
    expect(result.changes.filter((c) => c.severity === "breaking")).toEqual([]);
    expect(result.ok).toBe(true);
  });

  describe("why the gate compares with the baseline, and git failures that fail it", () => {
    const tagPatterns = "(`@csbs/spec@*` or `v[0-9]*`)";
    /** Deletes a loose object from a repository: a ref to it is then broken, whatever git's ref storage. */
    const loseObject = (dir: string, sha: string) => rmSync(join(dir, ".git/objects", sha.slice(0, 2), sha.slice(2)));
    const gitError = async (dir: string) => {
      const error = await checkBreaking(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitError);
      return error as GitError;
    };

    it("with no release tag, the report says it compares with the committed baseline because there is none", async () => {
      const result = await checkBreaking(miniRepo("untagged"));
      expect(result.report).toContain(`(spec/baseline/openapi.json: no release tag ${tagPatterns} in this clone)`);
      expect(result.ok).toBe(true);
    });

    it("with release tags that HEAD does not descend from, the report says none is reachable", async () => {
      const dir = miniRepo("unreachable");
      git(dir, "checkout", "-q", "--orphan", "elsewhere");
      git(dir, "commit", "-q", "-m", "elsewhere");
      git(dir, "tag", `@csbs/spec@${V}`);
      git(dir, "checkout", "-q", "main");
      expect(await lastRelease(dir)).toEqual({
        why: `none of the 1 release tag(s) ${tagPatterns} is reachable from HEAD`,
      });
      expect((await loadBaseline(dir)).source).toBe(
        `spec/baseline/openapi.json: none of the 1 release tag(s) ${tagPatterns} is reachable from HEAD`,
      );
    });

    it("not a git repository: the gate fails with git's message instead of using the baseline", async () => {
      const error = await gitError(miniRepo("not-a-clone", { clone: false }));
      expect(error.message).toMatch(/^`git [^`]+` failed: fatal: not a git repository/);
      expect(error.fix).toContain("run the gate in a working git clone");
    });

    it("a release tag whose object is missing fails the gate (git describe alone would skip it)", async () => {
      const dir = miniRepo("broken-tag");
      const blob = git(dir, "hash-object", "-w", "--stdin").trim();
      git(dir, "tag", "v9.0.0", blob);
      loseObject(dir, blob);
      const error = await gitError(dir);
      expect(error.message).toContain(`fatal: missing object ${blob} for refs/tags/v9.0.0`);
      expect(error.command).toMatch(/^git for-each-ref /);
    });

    it("a broken HEAD fails the gate, naming the git command and its message", async () => {
      const dir = miniRepo("broken-head");
      loseObject(dir, git(dir, "rev-parse", "HEAD").trim());
      const error = await gitError(dir);
      expect(error.command).toMatch(/^git describe /);
      expect(error.message).toMatch(/failed: fatal: .*HEAD.*\(exit 128\)$/s);
    });

    it("git missing: the CLI exits 2 saying so, with the fix, and prints no report", async () => {
      // PATH holds only what the gate needs besides git: node and redocly.
      const bin = join(scratch, "bin-without-git");
      mkdirSync(bin);
      symlinkSync(process.execPath, join(bin, "node"));
      const redocly = join(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");
      symlinkSync(redocly, join(bin, "redocly"));
      const run = await execFileAsync(process.execPath, [require.resolve("tsx/cli"), "src/breaking-cli.ts"], {
        cwd: join(repoRoot, "tools"),
        env: { ...process.env, PATH: bin },
      }).then(
        () => ({ code: 0, stdout: "", stderr: "" }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^check:breaking: `git [^`]+` failed: git was not found on PATH$/m);
      expect(run.stderr).toMatch(/^fix: install git/m);
      expect(run.stdout).not.toContain("against the last release");
    });
  });
});
