// The real Prism, serving the real bundled spec, on a free loopback port.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { deref, loadBundledSpec, specValidator } from "@csbs/spec/validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type MockServer, scenarios, startMock } from "../src/index.js";

// The OpenAPI document is walked as plain JSON.
// biome-ignore lint/suspicious/noExplicitAny: a JSON tree
type Json = any;

const doc = loadBundledSpec();
const validator = specValidator(doc);
const operation = doc.paths["/v1/{project_id}/checkpoint_items"]?.get;
const resolveRef = (node: Json): Json => deref(doc, node);
const examplesOf = (status: string): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries<Json>(resolveRef(operation.responses[status]).content["application/json"].examples).map(([k, v]) => [
      k,
      resolveRef(v).value,
    ]),
  );

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock?.stop());

const list = (query = "", headers: Record<string, string> = { "X-Auth-Token": "any" }) =>
  fetch(`${mock.url}/v1/0b4ea3bd1e8047b3b7fcbb4bbc8e7e63/checkpoint_items${query}`, { headers });

describe("the mock", () => {
  it("answers 200 with the source document's example", async () => {
    const res = await list("?name=backup&status=error&limit=2");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.checkpoint_items[0].id).toBe("90c1d5fa-1b9f-4aeb-b2f4-81c806e98190");
  });

  it("answers 401 with the gateway's error body when X-Auth-Token is missing", async () => {
    const res = await list("", {});
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error_code: "APIGW.0301", request_id: expect.any(String) });
  });

  it.each([
    "status=bogus",
    "limit=0",
    "limit=abc",
    "offset=-1",
    "sort=created_at:up",
    "sort=colour",
    `sort=name${",id".repeat(84)}`,
    "start_time=yesterday",
    "end_time=2017-04-18T01:21:52Z",
    "all_tenants=maybe",
  ])("answers 400 with the CSBS error body for %s", async (query) => {
    const res = await list(`?${query}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error_code: "CSBS.9001", error_msg: "Invalid request parameters." });
  });
});

describe("scenarios: Prefer: example=NAME", () => {
  const examples = examplesOf("200");

  it("has the scenarios frontend developers need, each valid against the schema", () => {
    expect(Object.keys(examples)).toEqual(
      expect.arrayContaining(["available", "empty", "failed", "replicating", "tagged", "multi"]),
    );
    for (const [name, value] of Object.entries(examples)) {
      expect(validator.errors("#/components/schemas/CheckpointItemList", value), name).toEqual([]);
    }
    expect(scenarios().examples).toEqual(Object.keys(examples));
  });

  it("the scenarios say what their names promise", () => {
    const items = (name: string) => (examples[name] as { checkpoint_items: Json[] }).checkpoint_items;
    expect(items("empty")).toEqual([]);
    expect(items("failed")[0]).toMatchObject({ status: "error", extend_info: { fail_op: expect.stringMatching(/./) } });
    expect(items("failed")[0].extend_info.fail_code).toMatchObject({ Code: expect.any(Number) });
    expect(items("failed")[0].extend_info.fail_reason).not.toBe("");
    expect(items("replicating")[0].extend_info).toMatchObject({ copy_status: "copying" });
    expect(items("replicating")[0].extend_info.progress).toBeLessThan(100);
    expect(items("tagged")[0].tags.length).toBeGreaterThan(0);
    expect(items("tagged")[0].description).toMatch(/./);
    expect(new Set(items("multi").map((i) => i.status)).size).toBeGreaterThan(2);
    expect(new Set(items("multi").map((i) => i.resource_type)).size).toBeGreaterThan(1);
    for (const [name, value] of Object.entries(examples)) {
      const list = (value as { checkpoint_items: Json[] }).checkpoint_items;
      expect(new Set(list.map((i) => i.id)).size, `${name}: unique ids`).toBe(list.length);
      for (const item of list)
        expect(item.created_at <= item.updated_at, `${name} ${item.id}: created <= updated`).toBe(true);
    }
  });

  it.each(Object.keys(examples))("answers the %s example", async (name) => {
    const res = await list("", { "X-Auth-Token": "any", Prefer: `example=${name}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(examples[name]);
  });
});

describe("errors: Prefer: code=NNN", () => {
  const codes = Object.keys(operation.responses).filter((c) => c !== "200");

  it("covers every documented error status", () => {
    expect(codes.sort()).toEqual(["400", "401", "403", "404", "500", "503"]);
  });

  it.each(codes)("answers %s with the CSBS error body of the spec", async (code) => {
    const res = await list("", { "X-Auth-Token": "any", Prefer: `code=${code}` });
    expect(res.status).toBe(Number(code));
    const body = await res.json();
    expect(Object.values(examplesOf(code))).toContainEqual(body);
    expect(validator.errors("#/components/schemas/ErrorBody", body)).toEqual([]);
  });
});

describe("strict queries (what Prism alone lets through)", () => {
  it.each(["limit=", "status=", "name=", "all_tenants", "limit=1e3", "limit=0x10", "offset=01", "limit=+5", "az=%ZZ"])(
    "answers 400 with the CSBS error body and says why in sl-violations for %s",
    async (query) => {
      const res = await list(`?${query}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error_code: "CSBS.9001", error_msg: "Invalid request parameters." });
      expect(JSON.parse(res.headers.get("sl-violations") ?? "[]")).toHaveLength(1);
    },
  );

  it("still answers 401 first when the token is missing, and ignores unknown parameters", async () => {
    expect((await list("?limit=", {})).status).toBe(401);
    expect((await list("?unknown=&limit=10&offset=0")).status).toBe(200);
  });
});

describe("paging: limit, offset and marker page through the answered list", () => {
  const multi = (examplesOf("200").multi as { checkpoint_items: { id: string }[] }).checkpoint_items;
  const ids = async (query: string) => {
    const res = await list(query, { "X-Auth-Token": "any", Prefer: "example=multi" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(validator.errors("#/components/schemas/CheckpointItemList", body)).toEqual([]);
    return (body.checkpoint_items as { id: string }[]).map((i) => i.id);
  };
  const all = multi.map((i) => i.id);

  it("walks the four backups of `multi` two at a time with marker, then ends", async () => {
    expect(all).toHaveLength(4);
    expect(await ids("?limit=2")).toEqual(all.slice(0, 2));
    expect(await ids(`?limit=2&marker=${all[1]}`)).toEqual(all.slice(2, 4));
    expect(await ids(`?limit=2&marker=${all[3]}`)).toEqual([]);
  });

  it("applies offset, and an unknown marker is the end of the list", async () => {
    expect(await ids("?offset=3")).toEqual(all.slice(3));
    expect(await ids("?offset=1&limit=2")).toEqual(all.slice(1, 3));
    expect(await ids("?limit=1000")).toEqual(all);
    expect(await ids("?marker=00000000-0000-4000-8000-000000000000")).toEqual([]);
    expect(await ids("?status=error")).toEqual(all); // filters are not applied: the scenario is the answer
  });
});

describe("dynamic mode (--dynamic --seed)", () => {
  const fetchBody = async (m: MockServer, headers: Record<string, string> = {}) =>
    (await fetch(`${m.url}/v1/p/checkpoint_items?limit=5`, { headers: { "X-Auth-Token": "any", ...headers } })).json();

  it("is repeatable for a seed, different for another, schema-valid and invents no field", async () => {
    const [a, b, c] = await Promise.all([
      startMock({ port: 0, dynamic: true, seed: "alpha", logLevel: "warn" }),
      startMock({ port: 0, dynamic: true, seed: "alpha", logLevel: "warn" }),
      startMock({ port: 0, dynamic: true, seed: "beta", logLevel: "warn" }),
    ]);
    try {
      const [a1, a2, b1, c1] = [await fetchBody(a), await fetchBody(a), await fetchBody(b), await fetchBody(c)];
      expect(a1).toEqual(a2); // same server, same seed
      expect(b1).toEqual(a1); // another run, same seed
      expect(c1).not.toEqual(a1);
      for (const body of [a1, c1]) {
        // additionalProperties: false everywhere in CheckpointItemList: an invented field fails here
        expect(validator.errors("#/components/schemas/CheckpointItemList", body)).toEqual([]);
        expect(body.checkpoint_items.length).toBeGreaterThan(0);
        expect(body.checkpoint_items[0].id).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
      }
      // A named scenario still answers its example in dynamic mode.
      expect(await fetchBody(a, { Prefer: "example=empty" })).toEqual({ checkpoint_items: [] });
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });
});

describe("csbs-mock (the CLI behind `pnpm mock`)", () => {
  const isOpen = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = connect({ host: "127.0.0.1", port }, () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });

  /** PIDs whose parent is `pid` (Linux /proc). */
  const childrenOf = (pid: number) =>
    readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]?.split(" ")[1] === String(pid);
        } catch {
          return false;
        }
      })
      .map(Number);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it.each(["SIGTERM", "SIGINT"] as const)(
    "listens on the --port it is given and leaves nothing running after %s",
    async (signal) => {
      const port = await freePort();
      const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
      const child = spawn(process.execPath, [cli, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (c) => (out += c));
      await expect
        .poll(() => out, { timeout: 30_000, interval: 100 })
        .toContain(`CSBS mock listening on http://127.0.0.1:${port}`);
      expect(await isOpen(port)).toBe(true);
      const prism = childrenOf(child.pid ?? -1);
      expect(prism.length).toBe(1);
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(await isOpen(port)).toBe(false);
      expect(prism.filter(alive)).toEqual([]); // Prism, its child, is gone too
    },
  );

  it("leaves no orphan Prism even when the process that started it is killed with SIGKILL", async () => {
    const index = new URL("../dist/index.js", import.meta.url).href;
    const script = `const m = await (await import(${JSON.stringify(index)})).startMock({ port: 0 });
      console.log(JSON.stringify({ pid: m.pid, port: m.port }));`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    await expect.poll(() => out, { timeout: 30_000, interval: 100 }).toContain("}");
    const { pid } = JSON.parse(out) as { pid: number; port: number };
    expect(alive(pid)).toBe(true);
    child.kill("SIGKILL");
    await expect.poll(() => alive(pid), { timeout: 5_000, interval: 100 }).toBe(false);
  });

  it("rejects a bad --port with a clear message", async () => {
    const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
    const child = spawn(process.execPath, [cli, "--port", "http"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (c) => (err += c));
    const code = await new Promise((r) => child.once("exit", r));
    expect(code).toBe(2);
    expect(err).toContain("--port must be an integer");
  });
});
