// Marker pagination against a loopback server that pages a list of N items the way CSBS does.
import type { IncomingMessage, ServerResponse } from "node:http";
import { operationTable } from "@csbs/types";
import { afterEach, describe, expect, it } from "vitest";
import { CsbsError, createCsbsClient, nextMarker, nextPageQuery, ServiceUnavailableError } from "../src/index.js";
import { type FaultServer, items, json, startFaultServer } from "./fault-server.js";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves `total` items: `limit` (default 1000) per page, after `marker`, skipping `offset`. */
const paged = (total: number) => (req: IncomingMessage, res: ServerResponse, index: number) => {
  const q = new URL(req.url ?? "/", "http://x").searchParams;
  const limit = Number(q.get("limit") ?? 1000);
  const marker = q.get("marker");
  const start = (marker ? Number(marker.slice("item-".length)) + 1 : 0) + Number(q.get("offset") ?? 0);
  json(200, items(Math.max(0, Math.min(limit, total - start)), start))(req, res, index);
};

async function client(behaviour: Parameters<typeof startFaultServer>[0], ...more: Parameters<typeof startFaultServer>) {
  server = await startFaultServer(behaviour, ...more);
  return createCsbsClient({ baseUrl: server.url, projectId: "p", auth: { token: "t" } });
}

describe("iterateCheckpointItems and pages", () => {
  it("walks every item across pages, passing the last id as marker, stopping on a short page", async () => {
    const csbs = await client(paged(25));
    const ids: string[] = [];
    for await (const item of csbs.iterateCheckpointItems({ limit: 10, status: "available" })) ids.push(item.id);
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `item-${i}`));
    expect(server?.requests.map((r) => r.url.search)).toEqual([
      "?limit=10&status=available",
      "?limit=10&status=available&marker=item-9",
      "?limit=10&status=available&marker=item-19",
    ]);
  });

  it("stops on an empty page when the last page was exactly full", async () => {
    const csbs = await client(paged(20));
    const sizes: number[] = [];
    for await (const page of csbs.pages({ limit: 10 })) sizes.push(page.items.length);
    expect(sizes).toEqual([10, 10, 0]);
  });

  it("each page says the marker of the next one, and whether it is the last", async () => {
    const csbs = await client(paged(15));
    const pages: { nextMarker: string | undefined; last: boolean }[] = [];
    for await (const { nextMarker, last } of csbs.pages({ limit: 10 })) pages.push({ nextMarker, last });
    expect(pages).toEqual([
      { nextMarker: "item-9", last: false },
      { nextMarker: undefined, last: true },
    ]);
  });

  it("nextMarker is the paging rule alone: the page size from the query, else the spec's default", () => {
    const paging = operationTable.find((op) => op.operationId === "listCheckpointItems")?.pagination;
    if (!paging) throw new Error("listCheckpointItems pages (x-pagination)");
    const page = (n: number) => ({ checkpoint_items: items(n).checkpoint_items });
    expect(nextMarker(paging, { limit: 2 }, page(2))).toBe("item-1");
    expect(nextMarker(paging, { limit: 3 }, page(2))).toBeUndefined();
    expect(nextMarker(paging, {}, page(999))).toBeUndefined(); // shorter than the default, 1000
    expect(nextMarker(paging, {}, page(0))).toBeUndefined();
    expect(() => nextMarker(paging, {}, {})).toThrow(CsbsError);
    // The page after a marker: the caller's query with that marker, its offset (first page only) dropped.
    expect(nextPageQuery(paging, { status: "error", limit: 5, offset: 2, marker: "m0" }, "m1")).toEqual({
      status: "error",
      limit: 5,
      marker: "m1",
    });
  });

  it("uses the documented default page size (1000) when the query sets no limit", async () => {
    const csbs = await client(paged(1500));
    let count = 0;
    for await (const _ of csbs.iterateCheckpointItems()) count++;
    expect(count).toBe(1500);
    expect(server?.requests.map((r) => r.url.search)).toEqual(["", "?marker=item-999"]);
  });

  it("applies the caller's marker and offset to the first page only", async () => {
    const csbs = await client(paged(30));
    const ids: string[] = [];
    for await (const item of csbs.iterateCheckpointItems({ limit: 10, marker: "item-4", offset: 2 })) ids.push(item.id);
    expect(ids[0]).toBe("item-7");
    expect(ids.at(-1)).toBe("item-29");
    expect(ids).toHaveLength(23);
    expect(server?.requests.map((r) => r.url.search)).toEqual([
      "?limit=10&marker=item-4&offset=2",
      "?limit=10&marker=item-16",
      "?limit=10&marker=item-26",
    ]);
  });

  it("yields pages with the query that fetched them and the request ID", async () => {
    const csbs = await client(paged(3));
    const pages = [];
    for await (const page of csbs.pages({ limit: 2 })) pages.push(page);
    expect(pages.map((p) => [p.query.marker, p.items.length, p.response.status])).toEqual([
      [undefined, 2, 200],
      ["item-1", 1, 200],
    ]);
  });

  it("throws, instead of looping forever, when the server repeats a page", async () => {
    const csbs = await client(json(200, items(5))); // ignores marker: the same full page every time
    const seen: string[] = [];
    const run = async () => {
      for await (const item of csbs.iterateCheckpointItems({ limit: 5 })) seen.push(item.id);
    };
    await expect(run()).rejects.toThrow(CsbsError);
    await expect(run()).rejects.toThrow(/repeated a page/);
    expect(seen.slice(0, 5)).toEqual(["item-0", "item-1", "item-2", "item-3", "item-4"]);
    expect(seen).toHaveLength(10); // each run yielded the first page once, never the repeat
    expect(server?.requests).toHaveLength(4);
  });

  it("detects a cycle of pages (A, B, A)", async () => {
    const csbs = await client(json(200, items(2, 0)), json(200, items(2, 2)), json(200, items(2, 0)));
    const run = async () => {
      for await (const _ of csbs.pages({ limit: 2 })) {
        /* drain */
      }
    };
    await expect(run()).rejects.toThrow(/repeated a page/);
    expect(server?.requests).toHaveLength(3);
  });

  it("throws when a full page's last item has no id", async () => {
    const body = items(2);
    delete (body.checkpoint_items[1] as { id?: string }).id;
    const csbs = await client(json(200, body));
    await expect(csbs.pages({ limit: 2 }).next()).rejects.toThrow(/no id/);
  });

  it("throws a typed error from a page, after the retries", async () => {
    const csbs = await client(
      json(200, items(2)),
      json(503, { error_code: "E", error_msg: "busy" }, { "retry-after": "0" }),
    );
    const ids: string[] = [];
    const run = async () => {
      for await (const item of csbs.iterateCheckpointItems({ limit: 2 })) ids.push(item.id);
    };
    await expect(run()).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(ids).toEqual(["item-0", "item-1"]);
    expect(server?.requests).toHaveLength(4);
  });

  it("stops fetching when the consumer breaks out", async () => {
    const csbs = await client(paged(100));
    for await (const item of csbs.iterateCheckpointItems({ limit: 10 })) if (item.id === "item-3") break;
    expect(server?.requests).toHaveLength(1);
  });
});
