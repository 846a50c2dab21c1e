// The real Prism, serving the real bundled spec, on a free loopback port.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type MockServer, startMock } from "../src/index.js";

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

describe("csbs-mock (the CLI behind `pnpm mock`)", () => {
  const isOpen = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = connect({ host: "127.0.0.1", port }, () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });

  it("listens on the --port it is given and leaves nothing running after SIGTERM", async () => {
    const port = await freePort();
    const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
    const child = spawn(process.execPath, [cli, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    await expect.poll(() => out, { timeout: 30_000, interval: 100 }).toContain(`CSBS mock listening on http://127.0.0.1:${port}`);
    expect(await isOpen(port)).toBe(true);
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await isOpen(port)).toBe(false); // Prism, its child, is gone too
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
