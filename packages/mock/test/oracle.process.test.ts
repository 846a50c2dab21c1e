// The oracle against the mock process (data mode, Prism validating): 320 generated queries.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type MockServer, startMock } from "../src/index.js";
import { path, runOracle } from "./oracle.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ port: 0, seed: "oracle", records: 2500, logLevel: "silent" });
});
afterAll(() => mock?.stop());

it("answers 320 generated queries exactly as the spec's rules computed over the data set", async () => {
  const get = async (query: string) => {
    const res = await fetch(`${mock.url}${path("p")}?${query}`, { headers: { "X-Auth-Token": "t" } });
    return { status: res.status, body: await res.json() };
  };
  const { checked, rejected } = await runOracle(get, 320, 11);
  console.log(`oracle (process): ${checked} pages compared, ${rejected} unknown markers rejected`);
  expect(checked + rejected).toBe(320);
  expect(rejected).toBeGreaterThan(5);
}, 120_000);
