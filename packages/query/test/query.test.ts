// @csbs/query against the real mock (@csbs/mock's process, Prism validating each request) with a real QueryClient of
// @tanstack/query-core: what an app's useQuery / useInfiniteQuery do with these options, without a UI framework.
import {
  AuthenticationError,
  type CsbsClientOptions,
  CsbsConnectionError,
  createCsbsClient,
  InternalServerError,
  RateLimitError,
} from "@csbs/client";
import { hashKey, InfiniteQueryObserver, isCancelledError, QueryClient, QueryObserver } from "@tanstack/query-core";
import { describe, expect, inject, it } from "vitest";
import { createCsbsQueries } from "../src/index.js";

const baseUrl = inject("mockUrl");

interface Sent {
  url: URL;
  outcome: Promise<"answered" | "aborted" | "failed">;
}

/** The real fetch, with each request the client sends recorded, and what became of it. */
function recordingFetch() {
  const sent: Sent[] = [];
  let onSend: (() => void) | undefined;
  const fetchImpl: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    const answer = fetch(request);
    const outcome = answer.then(
      () => "answered" as const,
      () => (request.signal.aborted ? ("aborted" as const) : ("failed" as const)),
    );
    sent.push({ url: new URL(request.url), outcome });
    onSend?.();
    return answer;
  };
  /** Resolves once a request has been sent. */
  const firstSend = () =>
    new Promise<void>((resolve) => {
      if (sent.length) resolve();
      else onSend = resolve;
    });
  return { sent, fetch: fetchImpl, firstSend };
}

function setup(options: Partial<CsbsClientOptions> = {}, queryClient = new QueryClient()) {
  const recorder = recordingFetch();
  const csbs = createCsbsClient({ baseUrl, projectId: "p1", auth: { token: "t" }, fetch: recorder.fetch, ...options });
  return { csbs, csbsq: createCsbsQueries(csbs), queryClient, ...recorder };
}

/** Subscribes an observer (as a mounted component does) until its query settles. */
function settled<R extends { status: string; fetchStatus: string }>(observer: {
  subscribe(listener: (result: R) => void): () => void;
}): Promise<R> {
  return new Promise((resolve) => {
    const unsubscribe = observer.subscribe((result) => {
      if (result.status !== "pending" && result.fetchStatus === "idle") {
        unsubscribe();
        resolve(result);
      }
    });
  });
}

describe("keys", () => {
  const { csbsq } = setup();

  it("are ['csbs', operationId, params], the client's project among the params, sorted, empty values dropped", () => {
    const key = csbsq.listCheckpointItems.queryKey({ status: "available", limit: 20, name: "", marker: undefined });
    expect(key).toStrictEqual(["csbs", "listCheckpointItems", { limit: 20, project_id: "p1", status: "available" }]);
    expect(Object.keys(key[2])).toEqual(["limit", "project_id", "status"]);
    expect(csbsq.listCheckpointItems.queryKey({ limit: 20, status: "available" })).toStrictEqual(key);
    expect(csbsq.listCheckpointItems.queryKey()).toStrictEqual(["csbs", "listCheckpointItems", { project_id: "p1" }]);
  });

  it("an infinite query's key is its query key and 'infinite'; pathKey is a prefix of both", async () => {
    const { csbsq, queryClient } = setup();
    const plain = csbsq.listCheckpointItems.queryKey({ status: "error" });
    const pages = csbsq.listCheckpointItems.infiniteQueryKey({ status: "error" });
    expect(pages).toStrictEqual([...plain, "infinite"]);
    expect(hashKey(pages)).not.toBe(hashKey(plain));
    queryClient.setQueryData(plain, { checkpoint_items: [] });
    queryClient.setQueryData(pages, { pages: [], pageParams: [] });
    expect(queryClient.getQueryCache().findAll({ queryKey: csbsq.listCheckpointItems.pathKey() })).toHaveLength(2);
  });

  it("two clients of two projects in one QueryClient share no key; pathKey invalidates one project's queries", async () => {
    const queryClient = new QueryClient();
    const a = setup({ projectId: "p1" }, queryClient);
    const b = setup({ projectId: "p2" }, queryClient);
    const params = { status: "available", limit: 3 } as const;
    await queryClient.fetchQuery(a.csbsq.listCheckpointItems.queryOptions(params));
    await queryClient.fetchQuery(b.csbsq.listCheckpointItems.queryOptions(params));
    expect(queryClient.getQueryCache().getAll()).toHaveLength(2);
    expect(a.sent.map((s) => s.url.pathname)).toEqual(["/v1/p1/checkpoint_items"]);
    expect(b.sent.map((s) => s.url.pathname)).toEqual(["/v1/p2/checkpoint_items"]);

    await queryClient.invalidateQueries({ queryKey: a.csbsq.listCheckpointItems.pathKey(), refetchType: "none" });
    const state = (q: typeof a) => queryClient.getQueryState(q.csbsq.listCheckpointItems.queryKey(params));
    expect(state(a)?.isInvalidated).toBe(true);
    expect(state(b)?.isInvalidated).toBe(false);
  });
});

describe("queryOptions", () => {
  it("fetches what the client's method answers, sending exactly the params given", async () => {
    const { csbs, csbsq, queryClient, sent } = setup();
    const params = { status: "available", sort: "name:asc", limit: 5 } as const;
    const data = await queryClient.fetchQuery(csbsq.listCheckpointItems.queryOptions(params));
    expect(data).toEqual(await csbs.listCheckpointItems(params));
    expect(data.checkpoint_items).toHaveLength(5);
    expect(Object.fromEntries(sent[0]?.url.searchParams ?? [])).toEqual({
      limit: "5",
      sort: "name:asc",
      status: "available",
    });
    // The key holds the data: what an app reads back from the cache.
    expect(queryClient.getQueryData(csbsq.listCheckpointItems.queryKey(params))).toBe(data);
  });

  it("takes TanStack's options per call: select changes the data, enabled: false fetches nothing", async () => {
    const { csbsq, queryClient, sent } = setup();
    const disabled = new QueryObserver(queryClient, csbsq.listCheckpointItems.queryOptions({}, { enabled: false }));
    const unsubscribe = disabled.subscribe(() => {});
    expect(disabled.getCurrentResult().fetchStatus).toBe("idle");
    unsubscribe();
    expect(sent).toHaveLength(0);

    const options = csbsq.listCheckpointItems.queryOptions(
      { limit: 4 },
      { staleTime: 60_000, select: (body) => body.checkpoint_items.map((item) => item.id) },
    );
    expect(options.staleTime).toBe(60_000);
    const result = await settled(new QueryObserver(queryClient, options));
    expect(result.data).toHaveLength(4);
    expect(typeof result.data?.[0]).toBe("string");
  });
});

describe("infiniteQueryOptions", () => {
  it("walks every page as x-pagination says: the same items as iterateCheckpointItems, in order", async () => {
    const { csbs, csbsq, queryClient, sent } = setup();
    const params = { status: "available", sort: "name:asc", limit: 4, offset: 1 } as const;
    const observer = new InfiniteQueryObserver(queryClient, csbsq.listCheckpointItems.infiniteQueryOptions(params));
    let result = await settled(observer);
    while (result.hasNextPage) result = await observer.fetchNextPage();

    const pages = result.data?.pages ?? [];
    const expected: string[] = [];
    for await (const item of csbs.iterateCheckpointItems(params)) expected.push(item.id);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.flatMap((page) => page.checkpoint_items.map((item) => item.id))).toEqual(expected);

    // First page: no marker, the offset; each next one: the last id before it as marker, no offset.
    const queries = sent.slice(0, pages.length).map((s) => Object.fromEntries(s.url.searchParams));
    expect(queries[0]).toEqual({ status: "available", sort: "name:asc", limit: "4", offset: "1" });
    for (let i = 1; i < pages.length; i++) {
      expect(queries[i]).toEqual({
        status: "available",
        sort: "name:asc",
        limit: "4",
        marker: pages[i - 1]?.checkpoint_items.at(-1)?.id,
      });
    }
    expect(result.data?.pageParams).toEqual([null, ...queries.slice(1).map((q) => q.marker)]);
    // The last page is shorter than the limit (or empty): no next page.
    expect(pages.at(-1)?.checkpoint_items.length).toBeLessThan(4);
  });
});

describe("signal", () => {
  it("cancelling a query aborts its request in flight", async () => {
    const { csbsq, queryClient, sent, firstSend } = setup({ headers: { Prefer: "delay=10000" } });
    const options = csbsq.listCheckpointItems.queryOptions({ limit: 1 });
    const started = Date.now();
    const fetching = queryClient.fetchQuery(options).catch((error: unknown) => error);
    await firstSend();
    await queryClient.cancelQueries({ queryKey: options.queryKey });
    expect(isCancelledError(await fetching)).toBe(true);
    expect(await sent[0]?.outcome).toBe("aborted");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("the last observer unsubscribing during the fetch aborts it too", async () => {
    const { csbsq, queryClient, sent, firstSend } = setup({ headers: { Prefer: "delay=10000" } });
    const observer = new InfiniteQueryObserver(
      queryClient,
      csbsq.listCheckpointItems.infiniteQueryOptions({ limit: 2 }),
    );
    const unsubscribe = observer.subscribe(() => {});
    await firstSend();
    unsubscribe();
    expect(await sent[0]?.outcome).toBe("aborted");
  });
});

describe("retries and errors", () => {
  // TanStack's own default in a browser (3 retries), without its delays: what would stack on the client's.
  const appDefaults = () => new QueryClient({ defaultOptions: { queries: { retry: 3, retryDelay: 0 } } });

  it("a 500 is retried by the client alone: 3 attempts, not 12, then InternalServerError", async () => {
    const { csbsq, queryClient, sent } = setup({ headers: { Prefer: "code=500" } }, appDefaults());
    const result = await settled(new QueryObserver(queryClient, csbsq.listCheckpointItems.queryOptions({ limit: 1 })));
    expect(result.error).toBeInstanceOf(InternalServerError);
    expect(result.failureCount).toBe(1);
    expect(sent).toHaveLength(3); // the client's maxRetries (2) + 1
  });

  it("a call may still ask TanStack for retries of its own (retry: 1 → twice the client's attempts)", async () => {
    const { csbsq, queryClient, sent } = setup({ headers: { Prefer: "code=500" }, maxRetries: 0 }, appDefaults());
    const options = csbsq.listCheckpointItems.queryOptions({ limit: 1 }, { retry: 1 });
    await settled(new QueryObserver(queryClient, options));
    expect(sent).toHaveLength(2);
  });

  it.each([
    ["code=401", AuthenticationError],
    ["fault=429", RateLimitError],
    ["fault=drop", CsbsConnectionError],
  ] as const)("Prefer: %s fails the query with %o, the client's typed error", async (prefer, errorClass) => {
    const { csbsq, queryClient } = setup({ headers: { Prefer: prefer }, maxRetries: 0 }, appDefaults());
    const result = await settled(new QueryObserver(queryClient, csbsq.listCheckpointItems.queryOptions()));
    expect(result.error).toBeInstanceOf(errorClass);
    if (result.error instanceof RateLimitError) expect(result.error.retryAfter).toBe(1);
  });
});
