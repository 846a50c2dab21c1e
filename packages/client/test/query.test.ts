// Query serialisation: whatever valid query the caller passes, the server sees exactly those values.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  CsbsError,
  createCsbsClient,
  enums,
  type ListCheckpointItemsQuery,
  type ListCheckpointItemsSortKey,
  sortBy,
  sortKeys,
} from "../src/index.js";
import { at, type FaultServer, items, json, startFaultServer } from "./fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer(json(200, items(1)));
});
afterAll(() => server.close());

// Any Unicode text (well-formed: full code points), with the characters that break naive concatenation over-weighted.
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(..."&=?#+% /;,:@$!'()*[]\\\"<>{}|^`\n\t".split("")), maxLength: 10 }),
);
const localDateTime = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 23));
const query: fc.Arbitrary<ListCheckpointItemsQuery> = fc.record(
  {
    status: fc.constantFrom(...enums.CheckpointItemStatus),
    limit: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    marker: text,
    // Sort values are the spec's keys (its type allows nothing else), any number of terms, through sortBy.
    sort: fc
      .array(fc.tuple(fc.constantFrom(...sortKeys.listCheckpointItems), fc.constantFrom("asc", "desc", undefined)), {
        minLength: 1,
        maxLength: 8,
      })
      .map(([first, ...rest]) => sortBy(first as [ListCheckpointItemsSortKey, "asc"], ...rest)),
    all_tenants: fc.boolean(),
    name: text,
    az: text,
    resource_id: text,
    resource_name: text,
    start_time: localDateTime,
    end_time: localDateTime,
    image_type: text,
    policy_id: text,
    offset: fc.nat(),
    checkpoint_id: text,
    resource_type: text,
  },
  { requiredKeys: [] },
);

it("every valid query survives serialisation: the server sees exactly the values sent", async () => {
  const csbs = createCsbsClient({ baseUrl: server.url, projectId: "p", auth: { token: "t" } });
  await fc.assert(
    fc.asyncProperty(query, async (q) => {
      const before = server.requests.length;
      await csbs.listCheckpointItems(q);
      const seen = at(server.requests, before);
      const expected = Object.entries(q).map(([k, v]) => [k, String(v)]);
      expect([...seen.url.searchParams]).toEqual(expected);
      expect(seen.url.pathname).toBe("/v1/p/checkpoint_items");
    }),
    { numRuns: 300 },
  );
});

it("a value that cannot be encoded (a lone surrogate) is a CsbsError, not sent and not retried", async () => {
  const csbs = createCsbsClient({ baseUrl: server.url, projectId: "p", auth: { token: "t" } });
  const before = server.requests.length;
  await expect(csbs.listCheckpointItems({ name: "\uD800" })).rejects.toThrow(CsbsError);
  expect(server.requests.length).toBe(before);
});
