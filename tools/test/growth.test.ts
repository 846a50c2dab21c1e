// Spec-first, proven by growth: a COPY of the repository gets a second operation in its spec (CSBS "Querying the
// Number of Backups", `GET <list path>/count` answering `{"count": 3}`), then `pnpm generate` and `pnpm build`
// run there with no other edit. The client must have the method (typed, and working against the copy's mock), the
// mock must serve it, @csbs/query must have its queryOptions and no infiniteQueryOptions (it does not page), the
// reference must show it with both code samples, and the breaking gate must call it additive.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadBundledSpec } from "@csbs/spec/validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRepository, runIn } from "./repo-copy.js";

const copy = mkdtempSync(join(tmpdir(), "csbs-growth-"));
const run = runIn(copy);
const pnpm = (args: string[]) => run("pnpm", args);

// The new operation, written the way a contributor would: one path file beside the existing one, two lines in
// openapi.yaml. Its path is the existing list path plus /count.
const [listPath] = Object.keys(loadBundledSpec().paths);
const countPath = `${listPath}/count`;
const pathFile = `paths/${countPath.slice(1).replaceAll("/", "_")}.yaml`;
const countOperation = `parameters:
  - $ref: ../components/parameters/project_id.yaml
get:
  operationId: countCheckpointItems
  summary: Querying the Number of Backups
  description: This API is used to query the number of backups. Filtering parameters are supported.
  tags:
    - Backups
  parameters:
    - $ref: ../components/parameters/status.yaml
    - $ref: ../components/parameters/name.yaml
  responses:
    "200":
      description: OK. How many backups match the filters.
      content:
        application/json:
          schema:
            type: object
            description: The number of backups.
            additionalProperties: false
            required:
              - count
            properties:
              count:
                type: integer
                format: int32
                minimum: 0
                description: Number of backups.
          example:
            count: 3
    "400":
      $ref: ../components/responses/BadRequest.yaml
    "401":
      $ref: ../components/responses/Unauthorized.yaml
`;

let stopMock: (() => Promise<void>) | undefined;

/** Type-checks one file of the copy as a consumer's project would (strict, nodenext). */
async function tsc(file: string, cwd: string) {
  const args = ["--ignoreConfig", "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext"];
  const bin = join(copy, "node_modules/typescript/bin/tsc");
  await run(process.execPath, [bin, ...args, "--skipLibCheck", file], cwd).catch((error) => {
    throw new Error(`tsc rejected the usage of countCheckpointItems:\n${error.stdout}`);
  });
}

beforeAll(async () => {
  await copyRepository(copy);

  const specDir = join(copy, "spec");
  writeFileSync(join(specDir, pathFile), countOperation);
  const entry = readFileSync(join(specDir, "openapi.yaml"), "utf8");
  const added = `\n  ${countPath}:\n    $ref: ${pathFile}`;
  writeFileSync(join(specDir, "openapi.yaml"), entry.replace(/^paths:$/m, `paths:${added}`));

  await pnpm(["generate"]);
  await pnpm(["build"]);
}, 600_000);

afterAll(async () => {
  await stopMock?.();
  rmSync(copy, { recursive: true, force: true });
});

describe("a second operation added to the spec, with no other edit", () => {
  it("the breaking gate calls it additive", async () => {
    const { stdout } = await pnpm(["check:breaking"]);
    // exec rejects on a non-zero exit: the gate passed. It lists the operation as additive and nothing as breaking.
    expect(stdout).toContain(`additive  GET ${countPath}: new operation`);
    expect(stdout).not.toMatch(/^\s*breaking/m);
  }, 120_000);

  it("the mock serves it, and the client's new method calls it there", async () => {
    const mock = await import(pathToFileURL(join(copy, "packages/mock/dist/index.js")).href);
    const server = await mock.startMock({ port: 0, host: "127.0.0.1" });
    stopMock = () => server.stop();

    const res = await fetch(`${server.url}${countPath.replace("{project_id}", "p1")}`, {
      headers: { "X-Auth-Token": "t" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ count: 3 });

    const { createCsbsClient } = await import(pathToFileURL(join(copy, "packages/client/dist/index.js")).href);
    const csbs = createCsbsClient({ baseUrl: server.url, projectId: "p1", auth: { token: "t" } });
    expect(await csbs.countCheckpointItems({ status: "available" })).toEqual({ count: 3 });
  });

  it("the client's new method is typed from the spec", async () => {
    const file = join(copy, "packages/docs/growth-usage.ts");
    writeFileSync(
      file,
      `import { createCsbsClient } from "@csbs/client";
const csbs = createCsbsClient({ baseUrl: "http://127.0.0.1:1", projectId: "p", auth: { token: "t" } });
export async function use(): Promise<number> {
  // @ts-expect-error status is an enum of the spec
  await csbs.countCheckpointItems({ status: "bogus" });
  // @ts-expect-error limit is not a parameter of this operation
  await csbs.countCheckpointItems({ limit: 1 });
  const { count } = await csbs.countCheckpointItems({ name: "web" });
  return count;
}
`,
    );
    await tsc(file, join(copy, "packages/docs"));
  }, 120_000);

  it("@csbs/query has its entry: queryOptions that fetch it, no infinite query (it does not page), its JSDoc", async () => {
    const generated = readFileSync(join(copy, "packages/query/src/operations.gen.ts"), "utf8");
    expect(generated).toContain(`Querying the Number of Backups — \`GET ${countPath}\``);
    expect(generated).toContain('readonly countCheckpointItems: OperationQueries<"countCheckpointItems">;');

    const mock = await import(pathToFileURL(join(copy, "packages/mock/dist/index.js")).href);
    const server = await mock.startMock({ port: 0, host: "127.0.0.1" });
    try {
      const { createCsbsClient } = await import(pathToFileURL(join(copy, "packages/client/dist/index.js")).href);
      const { createCsbsQueries } = await import(pathToFileURL(join(copy, "packages/query/dist/index.js")).href);
      const { QueryClient } = await import(
        pathToFileURL(join(copy, "packages/query/node_modules/@tanstack/query-core/build/modern/index.js")).href
      );
      const csbsq = createCsbsQueries(createCsbsClient({ baseUrl: server.url, projectId: "p1", auth: { token: "t" } }));
      const options = csbsq.countCheckpointItems.queryOptions({ status: "available" });
      expect(options.queryKey).toEqual(["csbs", "countCheckpointItems", { project_id: "p1", status: "available" }]);
      expect(await new QueryClient().fetchQuery(options)).toEqual({ count: 3 });
      expect(csbsq.countCheckpointItems.infiniteQueryOptions).toBeUndefined();
      expect(typeof csbsq.listCheckpointItems.infiniteQueryOptions).toBe("function");
    } finally {
      await server.stop();
    }

    const file = join(copy, "packages/query/growth-usage.ts");
    writeFileSync(
      file,
      `import { createCsbsClient } from "@csbs/client";
import { createCsbsQueries } from "@csbs/query";
import { QueryClient } from "@tanstack/query-core";
const csbsq = createCsbsQueries(createCsbsClient({ baseUrl: "http://127.0.0.1:1", projectId: "p", auth: { token: "t" } }));
export async function use(): Promise<number> {
  // @ts-expect-error countCheckpointItems does not page: no infinite query
  csbsq.countCheckpointItems.infiniteQueryOptions();
  // @ts-expect-error status is an enum of the spec
  csbsq.countCheckpointItems.queryOptions({ status: "bogus" });
  const { count } = await new QueryClient().fetchQuery(csbsq.countCheckpointItems.queryOptions({ name: "web" }));
  return count;
}
`,
    );
    await tsc(file, join(copy, "packages/query"));
  }, 120_000);

  it("the reference shows it, with its curl and TypeScript samples, errors table and fragment", () => {
    const html = readFileSync(join(copy, "packages/docs/dist/index.html"), "utf8");
    expect(html).toContain("Querying the Number of Backups");
    expect(html).toContain("countCheckpointItems");
    const curl = readFileSync(join(copy, "packages/docs/dist/samples/countCheckpointItems.sh"), "utf8");
    const ts = readFileSync(join(copy, "packages/docs/dist/samples/countCheckpointItems.ts"), "utf8");
    expect(curl).toContain(countPath.replace("{project_id}", "$HW_PROJECT_ID"));
    expect(ts).toContain("csbs.countCheckpointItems(");
    expect(html).toContain(JSON.stringify(ts).slice(1, 40));
    // Its AK/SK samples, its errors table (both statuses it documents, with their error codes) and its stable
    // fragment (#countCheckpointItems), all from the model.
    const aksk = readFileSync(join(copy, "packages/docs/dist/samples/countCheckpointItems.aksk.ts"), "utf8");
    expect(aksk).toContain("accessKey:");
    const additions = JSON.parse(readFileSync(join(copy, "packages/docs/dist/page-additions.json"), "utf8"));
    const count = additions.operations.find((op: { operationId: string }) => op.operationId === "countCheckpointItems");
    expect(count.description).toMatch(/^\| 400 \| `CSBS\.9001` \|/m);
    expect(count.description).toMatch(/^\| 401 \| `APIGW\.0301` \|/m);
    expect(html).toContain(JSON.stringify(count.description).slice(1, 60));
    expect(html).toMatch(/"operationId":"countCheckpointItems","tags":\["Backups"\]/);
  });
});
