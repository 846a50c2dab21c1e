// The spec's vocabulary (x-filter, x-sort, x-pagination) is checked: each mistake, written into its own copy of the
// spec, is refused by `redocly lint` (the plugin's rule, its message, at the file:line:col of the offending node) and
// by @csbs/types' generator on the bundle of that copy (the same rule and message, at a JSON pointer into the bundle;
// `pnpm generate` exits 1 with them).
// Scratch copies only: the repository is never touched.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { generate, type Spec, VOCABULARY_FIX } from "../../packages/types/scripts/generate.mts";
import { loadBundledSpec, repoRoot } from "../validator.js";
import { checkBundle, patternKeys, type RuleName, sortPattern, sortValueProblem } from "../vocabulary.js";

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), "csbs-vocabulary-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const bin = (name: string) => join(repoRoot, "spec/node_modules/.bin", name);
const generator = join(repoRoot, "packages/types/scripts/generate-cli.mts");

interface Expected {
  rule: RuleName;
  message: string;
  /** Text that occurs once in the mutated file: lint points at its first character, or at its `⟩` if it has one. */
  at: string;
  /** Where the generator points, in the bundle. */
  pointer: string;
}
interface Mistake {
  name: string;
  /** Under spec/; `from` occurs once in it and becomes `to`. */
  file: string;
  from: string;
  to: string;
  problems: Expected[];
}

const AZ = "components/parameters/az.yaml";
const SORT = "components/parameters/sort.yaml";
const OP = "paths/v1_{project_id}_checkpoint_items.yaml";
const P_AZ = "#/components/parameters/az/x-filter";
const P_SORT = "#/components/parameters/sort";
const P_OP = "#/paths/~1v1~1{project_id}~1checkpoint_items/get/x-pagination";
const KEYS = "created_at, updated_at, name, status, protected_at, id";
const PATTERN_KEYS = "created_at|updated_at|name|status|protected_at|id";
const ITEMS_FIELD = "is not a field of the checkpoint_items items of the 200 response";
const HIDDEN_HINT = "(a field the service keeps but does not return needs hidden: true)";

const mistakes: Mistake[] = [
  {
    name: "an unknown x-filter key",
    file: AZ,
    from: "  match: exact\n",
    to: "  match: exact\n  matches: exact\n",
    problems: [
      {
        rule: "x-filter",
        message: 'x-filter has an unknown key "matches": it allows field, match, hidden',
        at: "matches:",
        pointer: `${P_AZ}/matches`,
      },
    ],
  },
  {
    name: "an unknown x-filter.match",
    file: AZ,
    from: "match: exact",
    to: "match: fuzzy",
    problems: [
      {
        rule: "x-filter",
        message: 'x-filter.match is "fuzzy": it must be one of exact, substring-ci, gte, lte, all-tenants',
        at: "fuzzy",
        pointer: `${P_AZ}/match`,
      },
    ],
  },
  {
    name: "an x-filter key of the wrong type",
    file: "components/parameters/policy_id.yaml",
    from: "hidden: true",
    to: 'hidden: "yes"',
    problems: [
      {
        rule: "x-filter",
        message: "x-filter.hidden must be a boolean, not string",
        at: '"yes"',
        pointer: "#/components/parameters/policy_id/x-filter/hidden",
      },
    ],
  },
  {
    name: "an x-filter without its field",
    file: "components/parameters/checkpoint_id.yaml",
    from: "  field: checkpoint_id\n",
    to: "",
    problems: [
      {
        rule: "x-filter",
        message: 'x-filter lacks "field" (a string)',
        at: "x-filter:",
        pointer: "#/components/parameters/checkpoint_id/x-filter",
      },
    ],
  },
  {
    name: "x-filter on a parameter that is not in the query",
    file: "components/parameters/project_id.yaml",
    from: "example: 0b4ea3bd1e8047b3b7fcbb4bbc8e7e63\n",
    to: "example: 0b4ea3bd1e8047b3b7fcbb4bbc8e7e63\nx-filter: { field: project_id, match: exact, hidden: true }\n",
    problems: [
      {
        rule: "x-filter",
        message: "x-filter is read on query parameters only; project_id is in path",
        at: "x-filter:",
        pointer: "#/components/parameters/project_id/x-filter",
      },
    ],
  },
  {
    name: "an x-filter field that is not a field of the response items",
    file: AZ,
    from: "field: extend_info.resource_az",
    to: "field: extend_info.zone",
    problems: [
      {
        rule: "response-field",
        message: `x-filter.field "extend_info.zone" ${ITEMS_FIELD} ${HIDDEN_HINT}`,
        at: "extend_info.zone",
        pointer: `${P_AZ}/field`,
      },
    ],
  },
  {
    name: "a hidden x-filter field that the response does carry",
    file: "components/parameters/name.yaml",
    from: "  match: substring-ci\n",
    to: "  match: substring-ci\n  hidden: true\n",
    problems: [
      {
        rule: "response-field",
        message:
          'x-filter.field "name" is a field of the checkpoint_items items of the 200 response, but hidden: true says ' +
          "it is not returned",
        at: "name\n  match",
        pointer: "#/components/parameters/name/x-filter/field",
      },
    ],
  },
  {
    name: "an unknown x-sort key",
    file: SORT,
    from: "  tiebreaker: id\n",
    to: "  tiebreaker: id\n  order: asc\n",
    problems: [
      {
        rule: "x-sort",
        message: 'x-sort has an unknown key "order": it allows keys, direction, default, tiebreaker',
        at: "order:",
        pointer: `${P_SORT}/x-sort/order`,
      },
    ],
  },
  {
    name: "an x-sort key entry of the wrong type",
    file: SORT,
    from: "field: protected_at, hidden: true",
    to: 'field: protected_at, hidden: "true"',
    problems: [
      {
        rule: "x-sort",
        message: "x-sort.keys.protected_at.hidden must be a boolean, not string",
        at: '"true"',
        pointer: `${P_SORT}/x-sort/keys/protected_at/hidden`,
      },
    ],
  },
  {
    name: "an x-sort field that is not a field of the response items",
    file: SORT,
    from: "name: { field: name }",
    to: "name: { field: title }",
    problems: [
      {
        rule: "response-field",
        message: `x-sort.keys.name.field "title" ${ITEMS_FIELD} ${HIDDEN_HINT}`,
        at: "title",
        pointer: `${P_SORT}/x-sort/keys/name/field`,
      },
    ],
  },
  {
    name: "an x-sort.direction other than asc or desc",
    file: SORT,
    from: "direction: desc",
    to: "direction: descending",
    problems: [
      {
        rule: "x-sort",
        message: 'x-sort.direction is "descending": it must be one of asc, desc',
        at: "direction: ⟩descending",
        pointer: `${P_SORT}/x-sort/direction`,
      },
    ],
  },
  {
    name: "an x-sort.default that is not a sort value of its keys",
    file: SORT,
    from: "default: created_at:desc",
    to: "default: created:desc",
    problems: [
      {
        rule: "x-sort",
        message: `x-sort.default "created:desc" is not a sort value of x-sort.keys: "created" is not a key (${KEYS})`,
        at: "created:desc",
        pointer: `${P_SORT}/x-sort/default`,
      },
    ],
  },
  {
    name: "an x-sort.tiebreaker that is not a key",
    file: SORT,
    from: "tiebreaker: id",
    to: "tiebreaker: uid",
    problems: [
      {
        rule: "x-sort",
        message: `x-sort.tiebreaker "uid" is not one of x-sort.keys (${KEYS})`,
        at: "uid",
        pointer: `${P_SORT}/x-sort/tiebreaker`,
      },
    ],
  },
  {
    name: "an x-sort key that the pattern does not allow (and the description does not name)",
    file: SORT,
    from: "    id: { field: id }\n",
    to: "    id: { field: id }\n    resource_id: { field: resource_id }\n",
    problems: [
      {
        rule: "sort-pattern",
        message: 'x-sort.keys has "resource_id", which the pattern of sort does not allow',
        at: "resource_id: {",
        pointer: `${P_SORT}/x-sort/keys/resource_id`,
      },
      {
        rule: "sort-description",
        message: 'the description of sort does not name the x-sort key "resource_id" (in backticks)',
        at: "|\n  A group",
        pointer: `${P_SORT}/description`,
      },
    ],
  },
  {
    name: "a key that the pattern allows and x-sort lacks",
    file: SORT,
    from: `pattern: ^(${PATTERN_KEYS})(:(asc|desc))?(,(${PATTERN_KEYS})`,
    to: `pattern: ^(${PATTERN_KEYS}|size)(:(asc|desc))?(,(${PATTERN_KEYS}|size)`,
    problems: [
      {
        rule: "sort-pattern",
        message: 'the pattern of sort allows the key "size", which x-sort.keys lacks',
        at: "^(created_at",
        pointer: `${P_SORT}/schema/pattern`,
      },
    ],
  },
  {
    name: "a sort pattern whose keys cannot be read",
    file: SORT,
    from: `pattern: ^(${PATTERN_KEYS})(:(asc|desc))?(,(${PATTERN_KEYS})(:(asc|desc))?)*$`,
    to: "pattern: ^[a-z_]+(:(asc|desc))?(,[a-z_]+(:(asc|desc))?)*$",
    problems: [
      {
        rule: "sort-pattern",
        message:
          "the pattern of sort is not of the form ^(k|…)(:(asc|desc))?(,(k|…)(:(asc|desc))?)*$, so its keys cannot " +
          `be compared with x-sort.keys; for these keys it is ${sortPattern(KEYS.split(", "))}`,
        at: "^[a-z_]+",
        pointer: `${P_SORT}/schema/pattern`,
      },
    ],
  },
  {
    name: "a sort description that names a key x-sort lacks",
    file: SORT,
    from: "`protected_at`, and `id`.",
    to: "`protected_at`, `id`, and `size`.",
    problems: [
      {
        rule: "sort-description",
        message:
          "the description of sort names `size`, which is not an x-sort key (its backticked words, besides asc and " +
          "desc, are the sort keys)",
        at: "|\n  A group",
        pointer: `${P_SORT}/description`,
      },
    ],
  },
  {
    name: "a sort description that does not name an x-sort key",
    file: SORT,
    from: "`name`, `status`,",
    to: "`name`,",
    problems: [
      {
        rule: "sort-description",
        message: 'the description of sort does not name the x-sort key "status" (in backticks)',
        at: "|\n  A group",
        pointer: `${P_SORT}/description`,
      },
    ],
  },
  {
    name: "an unknown x-pagination key",
    file: OP,
    from: "    offset: offset\n",
    to: "    offset: offset\n    cursor: next\n",
    problems: [
      {
        rule: "x-pagination",
        message: 'x-pagination has an unknown key "cursor": it allows style, items, id, marker, limit, offset',
        at: "cursor:",
        pointer: `${P_OP}/cursor`,
      },
    ],
  },
  {
    name: "an x-pagination.style other than marker",
    file: OP,
    from: "style: marker",
    to: "style: cursor",
    problems: [
      {
        rule: "x-pagination",
        message: 'x-pagination.style is "cursor": it must be one of marker',
        at: "cursor",
        pointer: `${P_OP}/style`,
      },
    ],
  },
  {
    name: "an x-pagination without its id",
    file: OP,
    from: "    id: id\n",
    to: "",
    problems: [
      { rule: "x-pagination", message: 'x-pagination lacks "id" (a string)', at: "x-pagination:", pointer: P_OP },
    ],
  },
  {
    name: "an x-pagination.items that is not an array property of the 200 schema",
    file: OP,
    from: "items: checkpoint_items",
    to: "items: backups",
    problems: [
      {
        rule: "x-pagination",
        message: `x-pagination.items "backups" is not an array property of the 200 response's application/json schema`,
        at: "items: ⟩backups",
        pointer: `${P_OP}/items`,
      },
    ],
  },
  {
    name: "an x-pagination.id that is not a field of the items",
    file: OP,
    from: "    id: id\n",
    to: "    id: uid\n",
    problems: [
      {
        rule: "x-pagination",
        message: 'x-pagination.id "uid" is not a field of the checkpoint_items items',
        at: "uid",
        pointer: `${P_OP}/id`,
      },
    ],
  },
  ...(["marker", "limit", "offset"] as const).map(
    (key): Mistake => ({
      name: `an x-pagination.${key} that names no query parameter`,
      file: OP,
      from: `    ${key}: ${key}\n`,
      to: `    ${key}: page_${key}\n`,
      problems: [
        {
          rule: "x-pagination",
          message: `x-pagination.${key} "page_${key}" names no query parameter of listCheckpointItems`,
          at: `page_${key}`,
          pointer: `${P_OP}/${key}`,
        },
      ],
    }),
  ),
];

/** `text` with its one `from` replaced by `to`; a mistake that no longer applies to the spec fails loudly. */
function mutate(text: string, { file, from, to }: Mistake): string {
  expect(text.split(from).length - 1, `"${from}" occurs once in spec/${file}`).toBe(1);
  return text.replace(from, () => to);
}

/** line:col (1-based) of the one occurrence of `at` in `text` (of its `⟩`, if it has one). */
function position(text: string, at: string): string {
  const context = at.replace("⟩", "");
  expect(text.split(context).length - 1, `"${context}" occurs once in the mutated file`).toBe(1);
  const before = text.slice(0, text.indexOf(context) + Math.max(0, at.indexOf("⟩"))).split("\n");
  return `${before.length}:${(before.at(-1) as string).length + 1}`;
}

/** A copy of spec/ (without its node_modules and bundle) and redocly.yaml, with the mistake written into it. */
function copyWith(mistake: Mistake, name: string): { dir: string; text: string } {
  const dir = join(scratch, name);
  cpSync(join(repoRoot, "spec"), join(dir, "spec"), {
    recursive: true,
    filter: (src) => !/[/\\](dist|node_modules)$/.test(src),
  });
  cpSync(join(repoRoot, "redocly.yaml"), join(dir, "redocly.yaml"));
  const file = join(dir, "spec", mistake.file);
  const text = mutate(readFileSync(file, "utf8"), mistake);
  writeFileSync(file, text);
  return { dir, text };
}

interface LintProblem {
  ruleId: string;
  message: string;
  location: { source: { ref: string }; start: { line: number; col: number } }[];
}

async function lint(dir: string): Promise<string[]> {
  const out = await run(bin("redocly"), ["lint", "--format=json"], { cwd: dir, timeout: 60_000 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }),
  );
  const report = JSON.parse(out.stdout) as { problems: LintProblem[] };
  return report.problems.map(({ ruleId, message, location: [where] }) => {
    return `${where?.source.ref}:${where?.start.line}:${where?.start.col} ${ruleId} ${message}`;
  });
}

/** The copy, bundled as `pnpm build` bundles spec/: what the generator reads. */
async function bundle(dir: string): Promise<string> {
  const out = join(dir, "bundle.json");
  await run(bin("redocly"), ["bundle", "spec/openapi.yaml", "--output", out], { cwd: dir, timeout: 60_000 });
  return out;
}

/** The generator (what `pnpm generate` runs) on a bundle: the problems it refuses it with, one per line. */
async function refusal(file: string, dir: string): Promise<string[]> {
  const spec = JSON.parse(readFileSync(file, "utf8")) as Spec;
  const error = await generate(spec, join(dir, "types")).then(
    () => new Error("generated"),
    (e: unknown) => e as Error,
  );
  const lines = error.message.split("\n");
  expect(lines[0]).toBe("generate: the spec breaks its vocabulary (spec/vocabulary.ts):");
  expect(lines.at(-1)).toBe(VOCABULARY_FIX);
  return lines.slice(1, -1).map((line) => line.trim());
}

describe("the vocabulary, on the spec as it is", () => {
  it("has no problem in the bundle the generator reads (lint.test.ts checks lint)", () => {
    expect(checkBundle(loadBundledSpec())).toEqual([]);
  });

  it("reads a sort pattern back into its keys, and sort values against the keys", () => {
    const keys = ["created_at", "name", "id"];
    expect(patternKeys(sortPattern(keys))).toEqual(keys);
    expect(patternKeys("^(a|b)(:(asc|desc))?(,(a)(:(asc|desc))?)*$")).toBeUndefined();
    expect(sortValueProblem("name,created_at:asc", keys)).toBeUndefined();
    expect(sortValueProblem("name:up", keys)).toBe('"name:up" is not key[:asc|desc]');
    expect(sortValueProblem("", keys)).toBe('"" is not a key (created_at, name, id)');
  });
});

describe("pnpm generate on a bundle that breaks the vocabulary", () => {
  it("exits 1 and names each problem, writing nothing", async () => {
    const [mistake] = mistakes as [Mistake];
    const { dir } = copyWith(mistake, "cli");
    const out = join(dir, "types");
    const result = await run(bin("tsx"), [generator, "--spec", await bundle(dir), "--out", out], {
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? "" }),
    );
    expect(result.code).toBe(1);
    const [problem] = mistake.problems as [Expected];
    expect(result.stderr).toContain(`\n  csbs/${problem.rule} at ${problem.pointer}: ${problem.message}\n`);
    expect(result.stderr).toContain(VOCABULARY_FIX);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

describe.concurrent("each mistake in a copy of the spec", () => {
  mistakes.forEach((mistake, index) => {
    it(`${mistake.name}: lint names it at its file:line:col, the generator refuses it`, async () => {
      const { dir, text } = copyWith(mistake, String(index));
      const [linted, bundled] = await Promise.all([lint(dir), bundle(dir)]);
      const file = `spec/${mistake.file}`;
      expect(linted.sort()).toEqual(
        mistake.problems.map((p) => `${file}:${position(text, p.at)} csbs/${p.rule} ${p.message}`).sort(),
      );
      expect((await refusal(bundled, dir)).sort()).toEqual(
        mistake.problems.map((p) => `csbs/${p.rule} at ${p.pointer}: ${p.message}`).sort(),
      );
    });
  });
});
