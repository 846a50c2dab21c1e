// AK/SK signing (SDK-HMAC-SHA256): the published vector, properties, and an independent verifier on the server side.
import { createHash, createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import fc from "fast-check";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createCsbsClient, type ListCheckpointItemsQuery } from "../src/index.js";
import { canonicalRequest, createSigner, rfc3986, sdkDate } from "../src/sign.js";
import { at, type FaultServer, items, json, startFaultServer } from "./fault-server.js";

describe("the published vector (Huawei's own SDK tests)", () => {
  it("GET https://service.endpoint.myhuaweicloud.com/resources?size=1 signs to cfb4171a…cd842", async () => {
    const sign = createSigner("AccessKey", "SecretKey");
    const authorization = await sign("GET", "https://service.endpoint.myhuaweicloud.com/resources?size=1", {
      "X-Sdk-Date": "20200608T023900Z",
    });
    expect(authorization).toBe(
      "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842",
    );
  });

  it("builds the canonical request the gateway expects", () => {
    const { canonical, signedHeaders } = canonicalRequest(
      "get",
      new URL("https://h.example/v1/a%20b/items?z=1&a=x%2Fy&a=b c&m=*"),
      { "X-Sdk-Date": " 20200608T023900Z " },
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(signedHeaders).toBe("host;x-sdk-date");
    expect(canonical).toBe(
      [
        "GET",
        "/v1/a%20b/items/",
        "a=b%20c&a=x%2Fy&m=%2A&z=1",
        "host:h.example\nx-sdk-date:20200608T023900Z\n",
        "host;x-sdk-date",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      ].join("\n"),
    );
  });

  it("formats X-Sdk-Date as UTC YYYYMMDDTHHMMSSZ", () => {
    expect(sdkDate(new Date("2020-06-08T02:39:00.987Z"))).toBe("20200608T023900Z");
  });

  it("rfc3986-encodes everything but unreserved characters", () => {
    expect(rfc3986("aZ09-_.~ !'()*/?&=+é")).toBe("aZ09-_.~%20%21%27%28%29%2A%2F%3F%26%3D%2B%C3%A9");
  });
});

// A string alphabet that exercises encoding: reserved characters, spaces, percent signs, non-ASCII, astral planes.
const tricky = fc.string({
  unit: fc.constantFrom(...Array.from("aZ09-_.~ !'()*/?&=+%#:@,;$[]é中😀\t")),
  maxLength: 12,
});
const queryRecord = fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), tricky, { minKeys: 1, maxKeys: 6 });

describe("signing properties", () => {
  const sign = createSigner("AK", "SK-secret");
  const date = { "X-Sdk-Date": "20260101T000000Z" };
  const urlOf = (entries: [string, string][]) =>
    `https://csbs.example.com/v1/p/checkpoint_items?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`;

  it("does not depend on the order of query keys", async () => {
    await fc.assert(
      fc.asyncProperty(
        queryRecord.chain((query) => {
          const entries = Object.entries(query);
          return fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length }));
        }),
        async ([entries, shuffled]) => {
          expect(await sign("GET", urlOf(shuffled), date)).toBe(await sign("GET", urlOf(entries), date));
        },
      ),
    );
  });

  it("does not depend on the case of header names", async () => {
    const headerName = fc.constantFrom("X-Sdk-Date", "x-sdk-date", "X-SDK-DATE", "x-Sdk-dAte");
    const tokenName = fc.constantFrom("X-Security-Token", "x-security-token", "X-SECURITY-TOKEN");
    await fc.assert(
      fc.asyncProperty(headerName, tokenName, fc.constantFrom("Host", "host", "HOST"), async (d, t, h) => {
        const reference = await sign("GET", urlOf([["a", "1"]]), {
          "x-sdk-date": "20260101T000000Z",
          "x-security-token": "st",
          host: "csbs.example.com",
        });
        const other = await sign("GET", urlOf([["a", "1"]]), {
          [d]: "20260101T000000Z",
          [t]: "st",
          [h]: "csbs.example.com",
        });
        expect(other).toBe(reference);
      }),
    );
  });

  it("changes when a query value, the secret or the date changes", async () => {
    const base = await sign("GET", urlOf([["a", "1"]]), date);
    expect(await sign("GET", urlOf([["a", "2"]]), date)).not.toBe(base);
    expect(await createSigner("AK", "SK-other")("GET", urlOf([["a", "1"]]), date)).not.toBe(base);
    expect(await sign("GET", urlOf([["a", "1"]]), { "X-Sdk-Date": "20260101T000001Z" })).not.toBe(base);
  });
});

/** The gateway's side, written independently with node:crypto: does this request's Authorization verify? */
function verify(method: string, rawUrl: string, headers: IncomingHttpHeaders, secretKey: string): boolean {
  const match = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    String(headers.authorization),
  );
  if (!match) return false;
  const [, , signed, signature] = match as unknown as [string, string, string, string];
  const enc = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const url = new URL(rawUrl, "http://placeholder");
  const path = `${url.pathname
    .split("/")
    .map((s) => enc(decodeURIComponent(s)))
    .join("/")}/`.replace(/\/\/$/, "/");
  const query = [...url.searchParams]
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .sort()
    .join("&");
  const names = signed.split(";");
  const canonical = [
    method,
    path,
    query,
    names.map((n) => `${n}:${String(headers[n]).trim()}\n`).join(""),
    signed,
    createHash("sha256").update("").digest("hex"),
  ].join("\n");
  const toSign = `SDK-HMAC-SHA256\n${headers["x-sdk-date"]}\n${createHash("sha256").update(canonical).digest("hex")}`;
  return createHmac("sha256", secretKey).update(toSign).digest("hex") === signature;
}

describe("AK/SK requests on the wire", () => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("verify() rejects a tampered request (the verifier can fail)", async () => {
    server = await startFaultServer(json(200, items(1)));
    const csbs = createCsbsClient({ baseUrl: server.url, projectId: "p", auth: { accessKey: "AK", secretKey: "SK" } });
    await csbs.listCheckpointItems({ limit: 5 });
    const seen = at(server.requests, 0);
    expect(verify("GET", seen.rawUrl, seen.headers, "SK")).toBe(true);
    expect(verify("GET", seen.rawUrl.replace("limit=5", "limit=6"), seen.headers, "SK")).toBe(false);
    expect(verify("GET", seen.rawUrl, seen.headers, "SK2")).toBe(false);
  });

  it("every query the client sends verifies at the server, with the injected clock and the security token", async () => {
    server = await startFaultServer(json(200, items(1)));
    const csbs = createCsbsClient({
      baseUrl: server.url,
      projectId: "proj/é 1",
      auth: { accessKey: "AK-1", secretKey: "SK-secret-1", securityToken: "security-token-xyz" },
      now: () => new Date("2026-03-04T05:06:07Z"),
    });
    const { requests } = server;
    const query = fc.record(
      {
        name: tricky,
        sort: tricky,
        marker: tricky,
        limit: fc.integer({ min: 1, max: 1000 }),
        all_tenants: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const before = requests.length;
        await csbs.listCheckpointItems(q as ListCheckpointItemsQuery);
        const seen = at(requests, before);
        expect(seen.headers["x-sdk-date"]).toBe("20260304T050607Z");
        expect(seen.headers["x-security-token"]).toBe("security-token-xyz");
        expect(seen.headers["x-auth-token"]).toBeUndefined();
        expect(String(seen.headers.authorization)).toMatch(
          /^SDK-HMAC-SHA256 Access=AK-1, SignedHeaders=host;x-sdk-date;x-security-token, /,
        );
        expect(verify("GET", seen.rawUrl, seen.headers, "SK-secret-1")).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("re-signs each retry with a fresh X-Sdk-Date", async () => {
    server = await startFaultServer(
      json(503, { error_code: "E", error_msg: "busy" }, { "retry-after": "0" }),
      json(200, items(1)),
    );
    let t = Date.parse("2026-03-04T05:06:07Z");
    const csbs = createCsbsClient({
      baseUrl: server.url,
      projectId: "p",
      auth: { accessKey: "AK", secretKey: "SK" },
      now: () => (t += 1_000),
    });
    await csbs.listCheckpointItems();
    const [first, second] = server.requests;
    expect(first?.headers["x-sdk-date"]).not.toBe(second?.headers["x-sdk-date"]);
    expect(verify("GET", at(server.requests, 1).rawUrl, at(server.requests, 1).headers, "SK")).toBe(true);
  });

  it("an AK/SK-signed request gets a 200 from the Prism mock", async () => {
    const csbs = createCsbsClient({
      baseUrl: inject("mockUrl"),
      projectId: "0b4ea3bd1e8047b3b7fcbb4bbc8e7e63",
      auth: { accessKey: "AK", secretKey: "SK" },
    });
    // The source document's example backup, in the mock's seeded data set.
    const body = await csbs.listCheckpointItems({ checkpoint_id: "f672a1bb-6912-446a-816c-72792c5263e0", limit: 1 });
    expect(body.checkpoint_items[0]?.id).toBe("90c1d5fa-1b9f-4aeb-b2f4-81c806e98190");
  });
});
