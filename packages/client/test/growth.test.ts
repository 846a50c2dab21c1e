// Proof by growth, for the client alone: two operations written into a COPY of the spec (CSBS "Querying the Number of
// Backups", GET .../checkpoint_items/count, and a single backup by ID), the operation table and types regenerated
// into a temp dir by @csbs/types' generator, and this package's unchanged src/ on top of them: the new methods exist,
// are typed (tsc) and work against a loopback server. Nothing in the repository is written.
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultServer, json, startFaultServer } from "./fault-server.js";
import { StepError, step } from "./steps.js";

const clientDir = fileURLToPath(new URL("..", import.meta.url));
const typesDir = fileURLToPath(new URL("../../types", import.meta.url));
const require = createRequire(join(clientDir, "package.json"));
const bin = (name: string) => join(clientDir, "node_modules", ".bin", name);
// TypeScript 7 exports no ./bin/tsc: the bin is found from its package.json.
const tsc = join(dirname(require.resolve("typescript/package.json")), "bin/tsc");
const COUNT_PATH = "/v1/{project_id}/checkpoint_items/count";
const ONE_PATH = "/v1/{project_id}/checkpoint_items/{checkpoint_item_id}";

type Spec = { paths: Record<string, unknown> };

/** The bundled spec with the two new operations, refs pointing at what the spec already has. */
function grow(spec: Spec): Spec {
  const grown = structuredClone(spec);
  const errors = {
    "400": { $ref: "#/components/responses/BadRequest" },
    "401": { $ref: "#/components/responses/Unauthorized" },
  };
  grown.paths[COUNT_PATH] = {
    parameters: [{ $ref: "#/components/parameters/project_id" }],
    get: {
      operationId: "countCheckpointItems",
      summary: "Querying the Number of Backups",
      parameters: [{ $ref: "#/components/parameters/status" }, { $ref: "#/components/parameters/name" }],
      responses: {
        "200": {
          description: "OK",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["count"],
                properties: { count: { type: "integer", minimum: 0 } },
              },
            },
          },
        },
        ...errors,
      },
    },
  };
  grown.paths[ONE_PATH] = {
    parameters: [
      { $ref: "#/components/parameters/project_id" },
      { name: "checkpoint_item_id", in: "path", required: true, schema: { type: "string" } },
    ],
    get: {
      operationId: "showCheckpointItem",
      summary: "Querying a Single Backup",
      responses: {
        "200": {
          description: "OK",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["checkpoint_item"],
                properties: { checkpoint_item: { $ref: "#/components/schemas/CheckpointItem" } },
              },
            },
          },
        },
        ...errors,
        "404": { $ref: "#/components/responses/NotFound" },
      },
    },
  };
  return grown;
}

// Compiles only if the generated methods are there and typed; each @ts-expect-error must be an error.
const typeCheck = `import { createCsbsClient, type CountCheckpointItemsResponse } from "./src/index.js";
const csbs = createCsbsClient({ baseUrl: "http://127.0.0.1:1", projectId: "p", auth: { token: "t" } });
export async function typed() {
  const body: CountCheckpointItemsResponse = await csbs.countCheckpointItems({ status: "available" });
  const count: number = (await csbs.countCheckpointItems()).count;
  const { data, requestId } = await csbs.countCheckpointItems.withResponse({ name: "x" });
  const one = await csbs.showCheckpointItem({ checkpoint_item_id: "abc" });
  const id: string = one.checkpoint_item.id;
  for await (const item of csbs.iterateCheckpointItems({ limit: 10 })) item.id satisfies string;
  return [body, count, data.count, requestId, id];
}
export async function rejected() {
  // @ts-expect-error an unknown query parameter
  await csbs.countCheckpointItems({ limit: 10 });
  // @ts-expect-error status is one of the documented statuses
  await csbs.countCheckpointItems({ status: "bogus" });
  // @ts-expect-error count is a number
  const wrong: string = (await csbs.countCheckpointItems()).count;
  // @ts-expect-error the path parameter is required
  await csbs.showCheckpointItem();
  // @ts-expect-error the path parameter is required
  await csbs.showCheckpointItem({});
  // @ts-expect-error the path parameter is a string
  await csbs.showCheckpointItem({ checkpoint_item_id: 1 });
  // @ts-expect-error project_id is the client's, not a parameter
  await csbs.countCheckpointItems({ project_id: "other" });
  // @ts-expect-error no x-pagination: no iterator
  csbs.iterateCount;
  return wrong;
}
`;

const runScript = `import { createCsbsClient, BadRequestError } from "./src/index.js";
const csbs = createCsbsClient({ baseUrl: process.env.SERVER_URL, projectId: "p1", auth: { token: "t" }, maxRetries: 0 });
const count = await csbs.countCheckpointItems({ status: "available" });
const one = await csbs.showCheckpointItem({ checkpoint_item_id: "b-1" });
const error = await csbs.countCheckpointItems({ name: "bad" }).catch((e) => e);
console.log(JSON.stringify({ count, id: one.checkpoint_item.id, typed: error instanceof BadRequestError, message: error.message }));
`;

describe("a spec that grows by two operations", () => {
  let dir: string;
  let server: FaultServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "csbs-growth-"));
    const spec = JSON.parse(await readFile(require.resolve("@csbs/spec/openapi.json"), "utf8")) as Spec;
    await writeFile(join(dir, "openapi.json"), JSON.stringify(grow(spec)));
    // @csbs/types as it would be published from the grown spec: its package.json and a regenerated src/.
    const types = join(dir, "node_modules", "@csbs", "types");
    await mkdir(types, { recursive: true });
    await cp(join(typesDir, "package.json"), join(types, "package.json"));
    await step(
      bin("tsx"),
      [join(typesDir, "scripts/generate-cli.mts"), "--spec", join(dir, "openapi.json"), "--out", join(types, "src")],
      {
        cwd: dir,
      },
    );
    await symlink(
      dirname(require.resolve("openapi-fetch/package.json")),
      join(dir, "node_modules", "openapi-fetch"),
      "dir",
    );
    // The client's src/, unchanged.
    await cp(join(clientDir, "src"), join(dir, "src"), { recursive: true });
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "grown", private: true, type: "module" }));
    await writeFile(join(dir, "typed.ts"), typeCheck);
    await writeFile(join(dir, "run.ts"), runScript);
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2022", "dom", "dom.iterable"],
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        files: ["typed.ts"],
      }),
    );
    server = await startFaultServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname === "/v1/p1/checkpoint_items/count" && url.searchParams.get("name") === "bad") {
        return json(400, { error_code: "CSBS.9001", error_msg: "Invalid request parameters." })(req, res, 0);
      }
      if (url.pathname === "/v1/p1/checkpoint_items/count") return json(200, { count: 3 })(req, res, 0);
      if (url.pathname === "/v1/p1/checkpoint_items/b-1") {
        return json(200, { checkpoint_item: { id: "b-1", name: "one" } })(req, res, 0);
      }
      return json(404, { error_code: "CSBS.9004", error_msg: "not found" })(req, res, 0);
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("regenerates a table that holds the new operations", async () => {
    const table = (await import(join(dir, "node_modules/@csbs/types/src/index.gen.mjs"))).operationTable as {
      operationId: string;
      path: string;
      parameters: { name: string; in: string; required: boolean }[];
      pagination?: object;
    }[];
    expect(table.map((op) => op.operationId)).toEqual([
      "listCheckpointItems",
      "countCheckpointItems",
      "showCheckpointItem",
    ]);
    const show = table.find((op) => op.operationId === "showCheckpointItem");
    expect(show?.path).toBe(ONE_PATH);
    expect(show?.parameters).toContainEqual({ name: "checkpoint_item_id", in: "path", required: true });
    expect(table.find((op) => op.operationId === "countCheckpointItems")?.pagination).toBeUndefined();
  });

  it("types the new methods: tsc accepts the calls and rejects the wrong ones", async () => {
    const result = await step(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], { cwd: dir }).catch(
      (e: StepError) => e,
    );
    // tsc prints its diagnostics on stdout; anything else that failed shows its message.
    expect(result instanceof StepError ? result.stdout || result.message : result.stdout).toBe("");
  });

  it("calls them against a loopback server", async () => {
    const { stdout } = await step(bin("tsx"), ["run.ts"], {
      cwd: dir,
      env: { ...process.env, SERVER_URL: server.url },
    });
    expect(JSON.parse(stdout)).toEqual({
      count: { count: 3 },
      id: "b-1",
      typed: true,
      message: `Invalid request parameters. (countCheckpointItems: GET ${COUNT_PATH}, attempts: 1)`,
    });
    expect(server.requests.map((r) => r.rawUrl)).toEqual([
      "/v1/p1/checkpoint_items/count?status=available",
      "/v1/p1/checkpoint_items/b-1",
      "/v1/p1/checkpoint_items/count?name=bad",
    ]);
  });
});
