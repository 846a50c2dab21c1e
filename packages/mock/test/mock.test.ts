// The mock process as users run it: startMock / csbs-mock on a free loopback port, validated by Prism in-process.
import { execFile, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { deref, loadBundledSpec, specValidator } from "@csbs/spec/validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, scenarios, startMock } from "../src/index.js";
import { prismValidator } from "../src/prism.js";

// The OpenAPI document is walked as plain JSON.
// biome-ignore lint/suspicious/noExplicitAny: a JSON tree
type Json = any;

const doc = loadBundledSpec();
const validator = specValidator(doc);
// The one operation of today's spec, found by its paging extension rather than by its path.
const [template, pathItem] = Object.entries<Json>(doc.paths).find(([, item]) => item.get?.["x-pagination"]) ?? [];
const operation = pathItem.get;
const ITEMS: string = operation["x-pagination"].items;
const listSchema: string = operation.responses["200"].content["application/json"].schema.$ref;
const resolveRef = (node: Json): Json => deref(doc, node);
const examplesOf = (status: string): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries<Json>(resolveRef(operation.responses[status]).content["application/json"].examples).map(([k, v]) => [
      k,
      resolveRef(v).value,
    ]),
  );
const pathFor = (project: string) => String(template).replace("{project_id}", project);
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: "silent" });
});
afterAll(() => mock?.stop());

const list = (query = "", headers: Record<string, string> = { "X-Auth-Token": "any" }) =>
  fetch(`${mock.url}${pathFor("0b4ea3bd1e8047b3b7fcbb4bbc8e7e63")}${query}`, { headers });
const items = async (query: string, headers: Record<string, string> = {}) => {
  const res = await list(query, { "X-Auth-Token": "any", ...headers });
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(validator.errors(listSchema, body)).toEqual([]);
  return body[ITEMS] as Json[];
};

describe("data mode (the default)", () => {
  it("filters, sorts and pages the seeded data set", async () => {
    const errors = await items("?status=error&limit=1000");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((i) => i.status === "error" && i.extend_info.fail_reason !== "")).toBe(true);
    const byName = await items("?sort=name:asc&limit=50");
    const names = byName.map((i) => i.name);
    expect(names).toEqual([...names].sort());
    const page1 = await items("?limit=7");
    const page2 = await items(`?limit=7&marker=${page1.at(-1).id}`);
    expect(page2).toHaveLength(7);
    expect(page1.map((i) => i.id)).not.toContain(page2[0].id);
    const all = await items("?limit=1000");
    expect(all.length).toBeLessThan(200); // some backups belong to other tenants: only all_tenants=true shows them
    expect((await items("?limit=1000&all_tenants=true")).length).toBe(200);
    expect(all.map((i) => i.created_at)).toEqual(
      all
        .map((i) => i.created_at)
        .sort()
        .reverse(),
    ); // created_at:desc
  });

  it("contains the source document's example item, unchanged", async () => {
    const example = (examplesOf("200").available as Json)[ITEMS][0];
    const found = await items(`?checkpoint_id=${example.checkpoint_id}`);
    expect(found).toEqual([example]);
  });

  it("answers an unknown marker with 400 and the CSBS error body naming it", async () => {
    const res = await list("?marker=00000000-0000-4000-8000-000000000000");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ error_code: "CSBS.9001", error_msg: expect.stringContaining("marker") });
  });

  it("is the same for the same seed in another process, and different for another seed", async () => {
    const [a, b, c] = await Promise.all([
      startMock({ port: 0, seed: "alpha", records: 300 }),
      startMock({ port: 0, seed: "alpha", records: 300 }),
      startMock({ port: 0, seed: "beta", records: 300 }),
    ]);
    try {
      const get = async (m: MockServer) =>
        (
          await fetch(`${m.url}${pathFor("p")}?sort=name:asc,updated_at&limit=40&offset=3&name=a`, {
            headers: { "X-Auth-Token": "t" },
          })
        ).text();
      expect(await get(b)).toBe(await get(a));
      expect(await get(c)).not.toBe(await get(a));
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it("puts X-Request-Id on every answer", async () => {
    for (const res of [await list("?limit=1"), await list("?limit=0"), await list("", {})]) {
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
    }
  });
});

describe("scenarios: Prefer: example=NAME", () => {
  const examples = examplesOf("200");

  it("lists the spec's examples", () => {
    expect(scenarios().examples).toEqual(Object.keys(examples));
  });

  it.each(Object.keys(examples))("answers the %s example", async (name) => {
    const res = await list("", { "X-Auth-Token": "any", Prefer: `example=${name}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(examples[name]);
  });

  it("answers an unknown example with 400 naming the valid ones", async () => {
    const res = await list("", { "X-Auth-Token": "any", Prefer: "example=nope" });
    expect(res.status).toBe(400);
    const { error_msg } = await res.json();
    for (const name of Object.keys(examples)) expect(error_msg).toContain(name);
  });

  it("pages an example's list with limit and marker", async () => {
    const multi = (examples.multi as Json)[ITEMS].map((i: Json) => i.id);
    const ids = async (q: string) => (await items(q, { Prefer: "example=multi" })).map((i) => i.id);
    expect(await ids("?limit=2")).toEqual(multi.slice(0, 2));
    expect(await ids(`?limit=2&marker=${multi[1]}`)).toEqual(multi.slice(2, 4));
    expect(await ids("?offset=1&limit=2")).toEqual(multi.slice(1, 3));
  });

  it("answers a marker that is not in the example's list with 400 naming it, as the data set does", async () => {
    const headers = { "X-Auth-Token": "any", Prefer: "example=multi" };
    const unknown = "00000000-0000-4000-8000-000000000000";
    const fromExample = await list(`?marker=${unknown}`, headers);
    const fromData = await list(`?marker=${unknown}`);
    expect(fromExample.status).toBe(400);
    expect(fromData.status).toBe(400);
    const [example, data] = [await fromExample.json(), await fromData.json()];
    expect(example).toEqual(data);
    expect(example).toMatchObject({ error_code: "CSBS.9001", error_msg: expect.stringContaining(unknown) });
  });
});

describe("errors: Prefer: code=NNN", () => {
  const codes = Object.keys(operation.responses).filter((c) => c !== "200");

  it.each(codes)("answers %s with the CSBS error body of the spec", async (code) => {
    const res = await list("", { "X-Auth-Token": "any", Prefer: `code=${code}` });
    expect(res.status).toBe(Number(code));
    const body = await res.json();
    expect(Object.values(examplesOf(code))).toContainEqual(body);
  });

  it("answers 401 with the gateway's body and a request_id when no token is sent", async () => {
    const res = await list("", {});
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toMatchObject({ error_code: "APIGW.0301", request_id: res.headers.get("x-request-id") });
  });
});

describe("malformed queries: 400 whose error_msg names the parameter and why", () => {
  it.each([
    ["status=bogus", "status", "allowed values"],
    ["limit=0", "limit", ">= 1"],
    ["limit=abc", "limit", "decimal"],
    ["limit=1e3", "limit", "decimal"],
    ["offset=-1", "offset", ">= 0"],
    ["sort=created_at:up", "sort", "format"],
    [`sort=name${",id".repeat(84)}`, "sort", "255"],
    ["start_time=yesterday", "start_time", "format"],
    ["all_tenants=maybe", "all_tenants", "true or false"],
    ["name=", "name", "empty"],
    ["az=%ZZ", "az", "percent-encoding"],
  ])("%s", async (query, name, why) => {
    const res = await list(`?${query}`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error_code).toBe("CSBS.9001");
    expect(body.error_msg).toContain(name);
    expect(body.error_msg).toContain(why);
    expect(JSON.parse(res.headers.get("sl-violations") ?? "[]").length).toBeGreaterThan(0);
  });

  it("Prism's own validator is consulted, and agrees", async () => {
    const validate = await prismValidator(fileURLToPath(new URL("../dist/openapi.json", import.meta.url)));
    const path = pathFor("p");
    expect(await validate("GET", path, "limit=10&status=error", { "x-auth-token": "t" })).toEqual([]);
    const violations = await validate("GET", path, "limit=0", { "x-auth-token": "t" });
    expect(violations.map((v) => v.location.join("."))).toEqual(["request.query.limit"]);
  });
});

describe("latency and faults", () => {
  const timed = async (headers: Record<string, string>) => {
    const t = performance.now();
    const res = await list("?limit=1", { "X-Auth-Token": "any", ...headers });
    await res.arrayBuffer();
    return performance.now() - t;
  };

  it("Prefer: delay=300 waits 300 ms", async () => {
    expect(await timed({ Prefer: "delay=300" })).toBeGreaterThanOrEqual(290);
  });

  it("--latency 100-200 delays every answer within the range", async () => {
    const slow = await startMock({ port: 0, latency: [100, 200] });
    try {
      const t = performance.now();
      await (await fetch(`${slow.url}${pathFor("p")}?limit=1`, { headers: { "X-Auth-Token": "t" } })).text();
      expect(performance.now() - t).toBeGreaterThanOrEqual(95);
    } finally {
      await slow.stop();
    }
  });

  it("429 with Retry-After and the gateway's throttling body; 502 and 504 from the gateway", async () => {
    const r429 = await list("", { "X-Auth-Token": "any", Prefer: "fault=429" });
    expect(r429.status).toBe(429);
    expect(r429.headers.get("retry-after")).toBe("1");
    expect(await r429.json()).toMatchObject({ error_code: "APIGW.0308", request_id: expect.any(String) });
    for (const code of [502, 504]) {
      const res = await list("", { "X-Auth-Token": "any", Prefer: `fault=${code}` });
      expect(res.status).toBe(code);
      expect((await res.json()).error_code).toMatch(/^APIGW\./);
    }
  });

  it("drops the connection, or cuts the body mid-way", async () => {
    await expect(list("", { "X-Auth-Token": "any", Prefer: "fault=drop" })).rejects.toThrow();
    const res = await list("?limit=5", { "X-Auth-Token": "any", Prefer: "fault=truncate" });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });

  it("--fault-rate 0.5 faults about half of the requests, the same ones for the same seed", async () => {
    const run = async () => {
      const m = await startMock({ port: 0, faultRate: 0.5, seed: "faults" });
      const out: string[] = [];
      try {
        for (let i = 0; i < 40; i++) {
          const r = await fetch(`${m.url}${pathFor("p")}?limit=1`, { headers: { "X-Auth-Token": "t" } })
            .then(async (res) => {
              await res.text();
              return String(res.status);
            })
            .catch(() => "failed");
          out.push(r);
        }
      } finally {
        await m.stop();
      }
      return out;
    };
    const a = await run();
    const faults = a.filter((s) => s !== "200").length;
    expect(faults).toBeGreaterThan(8);
    expect(faults).toBeLessThan(32);
    expect(await run()).toEqual(a);
  });
});

// ---- the process: start-up, signals, CLI mistakes ----
/** A port the OS calls free on 127.0.0.1 now, for a child process to listen on. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
const isOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(true));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(false)));
  });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Every PID under `pid` (Linux /proc). */
const descendants = (pid: number): number[] => {
  const parentOf = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      parentOf.set(Number(d), Number(readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]?.split(" ")[1]));
    } catch {}
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
};

describe("csbs-mock (the CLI behind `pnpm mock`)", () => {
  it("never answers 5xx while it starts: a client polling from launch gets refused, then real answers", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [cli, "--port", String(port), "--records", "20000"], { stdio: "ignore" });
    const seen = new Map<string, number>();
    // Generous: a loaded machine (two suites at once on two cores) takes long to build 20,000 records; the property is
    // what a client sees meanwhile, not how soon the port opens.
    const deadline = Date.now() + 150_000;
    let ok = 0;
    try {
      while (ok < 5 && Date.now() < deadline) {
        const outcome = await fetch(`http://127.0.0.1:${port}${pathFor("p")}?limit=1`, {
          headers: { "X-Auth-Token": "t" },
        })
          .then(async (res) => {
            await res.text();
            return String(res.status);
          })
          .catch((e: { cause?: { code?: string } }) => e.cause?.code ?? "error");
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        if (outcome === "200") ok++;
      }
    } finally {
      child.kill("SIGTERM");
    }
    expect([...seen.keys()].sort()).toEqual(["200", "ECONNREFUSED"]);
  }, 180_000);

  it.each(["SIGTERM", "SIGINT"] as const)("%s stops node dist/cli.js within 5 s and frees the port", async (signal) => {
    const port = await freePort();
    const child = spawn(process.execPath, [cli, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    await expect.poll(() => out, { timeout: 90_000, interval: 100 }).toContain(`listening on http://127.0.0.1:${port}`);
    expect(await isOpen(port)).toBe(true);
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    const t = Date.now();
    child.kill(signal);
    expect(await exited).toBe(0);
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(await isOpen(port)).toBe(false);
  });

  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s to the `pnpm mock` process stops everything under it within 5 s, port freed",
    async (signal) => {
      const port = await freePort();
      const root = fileURLToPath(new URL("../../..", import.meta.url));
      const child = spawn("pnpm", ["mock", "--port", String(port)], {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
      });
      let out = "";
      child.stdout.on("data", (c) => (out += c));
      child.stderr.on("data", (c) => (out += c));
      await expect
        .poll(() => out, { timeout: 60_000, interval: 200 })
        .toContain(`listening on http://127.0.0.1:${port}`);
      const tree = descendants(child.pid ?? -1);
      expect(tree.length).toBeGreaterThan(0);
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      const t = Date.now();
      child.kill(signal);
      await exited;
      await expect.poll(() => tree.filter(alive), { timeout: 5_000, interval: 100 }).toEqual([]);
      expect(Date.now() - t).toBeLessThan(5_000);
      expect(await isOpen(port)).toBe(false);
    },
    90_000,
  );

  const run = promisify(execFile);
  const fails = async (args: string[], env: Record<string, string> = {}) => {
    const error = await run(process.execPath, [cli, ...args], { env: { ...process.env, ...env } }).then(
      () => undefined,
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    expect(error, "exits non-zero").toBeDefined();
    const lines = String(error?.stderr).trim().split("\n");
    expect(lines, "one line").toHaveLength(1);
    expect(error?.stderr).not.toMatch(/\n\s+at |Error:/); // no stack trace
    return { code: error?.code, line: lines[0] ?? "" };
  };

  it("an unknown flag: one line listing the valid ones", async () => {
    const { code, line } = await fails(["--prot", "4011"]);
    expect(code).toBe(2);
    expect(line).toMatch(/unknown option --prot.*--port.*--records.*--seed.*--latency.*--fault-rate/);
  });

  it.each([
    [["--port", "http"], {}, "--port"],
    [[], { CSBS_MOCK_PORT: "abc" }, "CSBS_MOCK_PORT"],
    [["--records", "100001"], {}, "--records"],
    [[], { CSBS_MOCK_RECORDS: "many" }, "CSBS_MOCK_RECORDS"],
    [["--latency", "800-100"], {}, "--latency"],
    [["--fault-rate", "2"], {}, "--fault-rate"],
    [[], { CSBS_MOCK_FAULT_RATE: "x" }, "CSBS_MOCK_FAULT_RATE"],
    [["--log-level", "loud"], {}, "--log-level"],
  ] as [string[], Record<string, string>, string][])("an invalid value %j %j names %s", async (args, env, name) => {
    const { code, line } = await fails(args, env);
    expect(code).toBe(2);
    expect(line).toContain(name);
  });

  it("a port in use: says which and how to pick another", async () => {
    const { code, line } = await fails(["--port", String(mock.port)]);
    expect(code).toBe(1);
    expect(line).toContain(String(mock.port));
    expect(line).toContain("--port");
  });
});
