// The one conversion between fetch and the engine (src/fetch.ts): `createEngineFetch` (the docs page's console sends
// "This page" requests through it) and the MSW handlers answer what the engine answers, and act out its latency,
// dropped connections and truncated bodies the way a network would show them to fetch.
import { model, type OperationModel } from "@csbs/types/model";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, createEngineFetch } from "../src/engine.js";
import { createHandlers } from "../src/msw.js";

const op = model.operations.find((o) => o.pagination) as OperationModel;
const path = op.path.replace(/\{[^}]+\}/g, "p");
const base = "http://csbs.test";
const options = { seed: "fetch", records: 60 };
const headers = (prefer?: string): Record<string, string> => ({
  "X-Auth-Token": "t",
  "X-Request-Id": "req-fetch",
  ...(prefer && { Prefer: prefer }),
});

describe("createEngineFetch: a fetch answered by an engine, no network", () => {
  const engine = createEngine(model, options);
  const engineFetch = createEngineFetch(engine);

  it("answers the engine's status, headers and body for the same request", async () => {
    const query = `${op.pagination?.limit}=3`;
    const response = await engineFetch(`${base}${path}?${query}`, { headers: headers() });
    const answer = createEngine(model, options).handle({
      method: "GET",
      path,
      query,
      header: (name) => headers()[name.replace(/(^|-)(\w)/g, (_, d: string, c: string) => d + c.toUpperCase())],
    });
    expect(response.status).toBe(answer.status);
    expect(await response.text()).toBe(answer.body);
    expect(response.headers.get("x-request-id")).toBe("req-fetch");
    expect(Object.fromEntries(response.headers)).toEqual(
      Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v])),
    );
  });

  it("takes a Request object as fetch does (what openapi-fetch passes)", async () => {
    const response = await engineFetch(new Request(`${base}${path}`, { headers: headers("code=401") }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(op.errors.find((e) => e.status === 401)?.example);
  });

  it("rejects a dropped connection with a TypeError, as fetch does", async () => {
    await expect(engineFetch(`${base}${path}`, { headers: headers("fault=drop") })).rejects.toThrow(TypeError);
  });

  it("cuts a truncated body half-way: the status arrives, reading the body fails", async () => {
    const response = await engineFetch(`${base}${path}`, { headers: headers("fault=truncate") });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(/mid-body/);
  });

  it("waits the asked latency, and an abort during it rejects with the signal's reason", async () => {
    const started = performance.now();
    const late = await engineFetch(`${base}${path}?limit=1`, { headers: headers("delay=150") });
    expect(late.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    const controller = new AbortController();
    const pending = engineFetch(`${base}${path}`, { headers: headers("delay=60000"), signal: controller.signal });
    controller.abort(new DOMException("stopped by the reader", "AbortError"));
    await expect(pending).rejects.toThrow("stopped by the reader");
  });
});

describe("the MSW handlers, through the same conversion", () => {
  const server = setupServer(...createHandlers({ ...options, baseUrl: base }));
  beforeAll(() => server.listen());
  afterAll(() => server.close());

  it("answer the same bytes as createEngineFetch", async () => {
    const url = `${base}${path}?${op.pagination?.limit}=4&sort=name`;
    const viaMsw = await fetch(url, { headers: headers() });
    const viaFetch = await createEngineFetch(createEngine(model, options))(url, { headers: headers() });
    expect(viaMsw.status).toBe(200);
    expect(await viaMsw.text()).toBe(await viaFetch.text());
  });

  it("drop the connection (fetch rejects) and cut a body half-way", async () => {
    await expect(fetch(`${base}${path}`, { headers: headers("fault=drop") })).rejects.toThrow(TypeError);
    // Under msw/node the cut reaches undici as a closed socket, before or while the body is read.
    const cut = fetch(`${base}${path}`, { headers: headers("fault=truncate") }).then((r) => r.text());
    await expect(cut).rejects.toThrow();
  });
});
