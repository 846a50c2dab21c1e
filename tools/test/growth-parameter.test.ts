// Spec-first, proven by growth of a parameter: a COPY of the repository gets the change CONTRIBUTING calls a routine
// minor — one optional query parameter with an x-filter rule (`copy_status`, an exact filter on
// `extend_info.copy_status`), in its own component file, referenced from the path file — and nothing else. Then
// `pnpm generate`, `pnpm build`, `pnpm check` and every package's suite run there (all but the source-fidelity test,
// which rightly asks for the source document's row, and tools' own copy-the-repository tests). The types, the
// client, the mock (process and MSW, through their suites' oracles) and the reference must all have it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRepository, runIn } from "./repo-copy.js";

const copy = mkdtempSync(join(tmpdir(), "csbs-growth-parameter-"));
const run = runIn(copy);
const pnpm = (args: string[]) => run("pnpm", args);

const parameter = `name: copy_status
in: query
required: false
description: Filtering based on the replication status of a backup is supported.
schema:
  type: string
  description: A replication status.
  enum:
    - na
    - replica_copy
    - copying
    - success
    - fail
example: success
x-filter:
  field: extend_info.copy_status
  match: exact
`;

beforeAll(async () => {
  await copyRepository(copy);
  writeFileSync(join(copy, "spec/components/parameters/copy_status.yaml"), parameter);
  const pathFile = join(copy, "spec/paths/v1_{project_id}_checkpoint_items.yaml");
  const text = readFileSync(pathFile, "utf8");
  const last = "    - $ref: ../components/parameters/resource_type.yaml\n";
  expect(text).toContain(last);
  writeFileSync(pathFile, text.replace(last, `${last}    - $ref: ../components/parameters/copy_status.yaml\n`));
  await pnpm(["generate"]);
  await pnpm(["build"]);
}, 900_000);

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("an optional filter parameter added to the spec, with no other edit", () => {
  it("pnpm check passes: lint, drift, the breaking gate (additive), typecheck, packaging, size", async () => {
    await pnpm(["check"]); // exec rejects on a non-zero exit
    const gate = await pnpm(["check:breaking"]);
    expect(gate.stdout).toMatch(/additive .*copy_status/);
  }, 600_000);

  it("every package's suite passes on the grown copy (the source-fidelity test aside)", async () => {
    // Two packages at a time: this runs beside the repository's own suites, on as few as two cores.
    const suites = ["exec", "turbo", "run", "test", "--concurrency=2", "--filter=!@csbs/tools", "--filter=!@csbs/spec"];
    await run("pnpm", suites).catch((error: { stdout: string }) => {
      throw new Error(`a suite failed on the grown copy:\n${error.stdout.split("\n").slice(-80).join("\n")}`);
    });
    await run(
      "pnpm",
      ["exec", "vitest", "run", "--exclude", "test/lint.test.ts", "--exclude", "test/source.test.ts"],
      join(copy, "spec"),
    );
  }, 1_200_000);

  it("the types and the model have it, typed from its enum, with its rule", async () => {
    const { model } = await import(pathToFileURL(join(copy, "packages/types/src/model.gen.mjs")).href);
    const p = model.operations[0].parameters.find((q: { name: string }) => q.name === "copy_status");
    expect(p).toMatchObject({
      in: "query",
      required: false,
      filter: { field: "extend_info.copy_status", match: "exact" },
    });
    expect(readFileSync(join(copy, "packages/types/src/openapi.gen.d.ts"), "utf8")).toMatch(
      /copy_status\?: "na" \| "replica_copy" \| "copying" \| "success" \| "fail";/,
    );
  });

  it("the client's methods are typed with it: its enum values compile, others do not", async () => {
    const file = join(copy, "packages/docs/growth-parameter-usage.ts");
    writeFileSync(
      file,
      `import { createCsbsClient } from "@csbs/client";
const csbs = createCsbsClient({ baseUrl: "http://127.0.0.1:1", projectId: "p", auth: { token: "t" } });
export async function use(): Promise<number> {
  // @ts-expect-error copy_status is an enum of the spec
  await csbs.listCheckpointItems({ copy_status: "sideways" });
  const { checkpoint_items } = await csbs.listCheckpointItems({ copy_status: "success", status: "available" });
  return checkpoint_items.length;
}
`,
    );
    const args = ["--ignoreConfig", "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext"];
    await run(
      join(copy, "node_modules/.bin/tsc"),
      [...args, "--skipLibCheck", file],
      join(copy, "packages/docs"),
    ).catch((error) => {
      throw new Error(`tsc rejected the usage of copy_status:\n${error.stdout}`);
    });
  }, 120_000);

  it("the client sends it and the mock filters by it", async () => {
    const mock = await import(pathToFileURL(join(copy, "packages/mock/dist/index.js")).href);
    const server = await mock.startMock({ port: 0, host: "127.0.0.1" });
    try {
      const { createCsbsClient } = await import(pathToFileURL(join(copy, "packages/client/dist/index.js")).href);
      const csbs = createCsbsClient({ baseUrl: server.url, projectId: "p1", auth: { token: "t" } });
      const { checkpoint_items: all } = await csbs.listCheckpointItems({ limit: 1000 });
      const value = all.find((i: { extend_info?: { copy_status?: string } }) => i.extend_info?.copy_status !== "na")
        ?.extend_info.copy_status;
      expect(value).toBeDefined();
      const { checkpoint_items: some } = await csbs.listCheckpointItems({ copy_status: value, limit: 1000 });
      expect(some.length).toBeGreaterThan(0);
      expect(some.length).toBeLessThan(all.length);
      expect(some.every((i: { extend_info: { copy_status: string } }) => i.extend_info.copy_status === value)).toBe(
        true,
      );
      await expect(csbs.listCheckpointItems({ copy_status: "sideways" })).rejects.toMatchObject({ status: 400 });
    } finally {
      await server.stop();
    }
  });

  it("the reference shows it, with its rule", () => {
    const html = readFileSync(join(copy, "packages/docs/dist/index.html"), "utf8");
    expect(html).toContain("copy_status");
    expect(html).toContain("extend_info.copy_status");
  });
});
