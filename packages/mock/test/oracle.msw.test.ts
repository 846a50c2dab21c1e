// The oracle against the MSW handlers (same engine, no process, no port): 320 generated queries, through fetch
// intercepted by msw/node's setupServer.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createHandlers } from "../src/msw.js";
import { path, runOracle } from "./oracle.js";

const server = setupServer(...createHandlers({ seed: "oracle", records: 2500 }));
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

it("answers 320 generated queries exactly as the spec's rules computed over the data set", async () => {
  const get = async (query: string) => {
    const res = await fetch(`https://csbs.example.test${path("p")}?${query}`, { headers: { "X-Auth-Token": "t" } });
    return { status: res.status, body: await res.json() };
  };
  const { checked, rejected } = await runOracle(get, 320, 12);
  console.log(`oracle (msw): ${checked} pages compared, ${rejected} unknown markers rejected`);
  expect(checked + rejected).toBe(320);
  expect(rejected).toBeGreaterThan(5);
}, 120_000);

it("process and MSW answer the same query with the same body (one engine, same seed)", async () => {
  const { startMock } = await import("../src/index.js");
  server.close(); // let fetch reach the loopback process
  const mock = await startMock({ port: 0, seed: "oracle", records: 2500, logLevel: "silent" });
  const q = `${path("p")}?sort=name:asc,created_at&limit=25&offset=3&status=available`;
  try {
    const fromProcess = await (await fetch(`${mock.url}${q}`, { headers: { "X-Auth-Token": "t" } })).text();
    server.listen({ onUnhandledFrame: "error" });
    const fromMsw = await (await fetch(`https://csbs.example.test${q}`, { headers: { "X-Auth-Token": "t" } })).text();
    expect(fromMsw).toBe(fromProcess);
  } finally {
    await mock.stop();
  }
});
