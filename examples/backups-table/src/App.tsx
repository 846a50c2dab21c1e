import { type CheckpointItemStatus, enums, type ListCheckpointItemsSortKey, sortBy } from "@csbs/client";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useRef, useState } from "react";
import { csbsq, errorMessage } from "./api";

const PAGE_SIZE = 20;
const COLUMNS: { key: ListCheckpointItemsSortKey; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "status", label: "Status" },
  { key: "created_at", label: "Created" },
  { key: "updated_at", label: "Updated" },
];
/** The mock's scenarios (its Prefer header), for trying each error state. */
const SCENARIOS = ["", "code=401", "fault=429", "code=500", "fault=drop", "delay=3000"];

export function App() {
  const [status, setStatus] = useState<CheckpointItemStatus | "">("");
  const [name, setName] = useState("");
  const [sort, setSort] = useState<[ListCheckpointItemsSortKey, "asc" | "desc"]>(["created_at", "desc"]);
  const params = { status: status || undefined, name: useDeferredValue(name), sort: sortBy(sort), limit: PAGE_SIZE };
  const query = useInfiniteQuery(csbsq.listCheckpointItems.infiniteQueryOptions(params));
  const rows = query.data?.pages.flatMap((page) => page.checkpoint_items) ?? [];
  const queryClient = useQueryClient();

  const scroller = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;
  useEffect(() => {
    // Infinite scroll: the next page when the end of the list comes into view (checked again after each page).
    if (!end.current || !hasNextPage || isFetchingNextPage || isError) return;
    const observer = new IntersectionObserver((entries) => entries[0]?.isIntersecting && fetchNextPage(), {
      root: scroller.current,
    });
    observer.observe(end.current);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const sortOn = (key: ListCheckpointItemsSortKey) =>
    setSort(([current, direction]) => [key, current === key && direction === "asc" ? "desc" : "asc"]);
  const state = query.isFetching
    ? "Loading…"
    : query.isPending
      ? "Cancelled."
      : `${rows.length} backups${hasNextPage ? ", scroll for more" : ""}`;

  return (
    <main>
      <header>
        <h1>Backups</h1>
        <label>
          Status{" "}
          <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">any</option>
            {enums.CheckpointItemStatus.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Name <input aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <span role="status">{state}</span>
        {query.isFetching ? (
          <button
            type="button"
            onClick={() => queryClient.cancelQueries({ queryKey: csbsq.listCheckpointItems.pathKey() })}
          >
            Cancel
          </button>
        ) : query.isPending || query.isError ? (
          <button type="button" onClick={() => query.refetch()}>
            Retry
          </button>
        ) : null}
        <label className="dev">
          Scenario{" "}
          <select
            aria-label="Scenario"
            value={new URLSearchParams(location.search).get("prefer") ?? ""}
            onChange={(e) => location.assign(e.target.value ? `?prefer=${encodeURIComponent(e.target.value)}` : "?")}
          >
            {SCENARIOS.map((s) => (
              <option key={s} value={s}>
                {s || "normal"}
              </option>
            ))}
          </select>
        </label>
      </header>
      {query.error && (
        <p role="alert" data-error={query.error.name}>
          {errorMessage(query.error)}
        </p>
      )}
      <div className="scroller" ref={scroller}>
        <table>
          <thead>
            <tr>
              {COLUMNS.map(({ key, label }) => (
                <th key={key} aria-sort={sort[0] === key ? (sort[1] === "asc" ? "ascending" : "descending") : "none"}>
                  <button type="button" onClick={() => sortOn(key)}>
                    {label}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.id} data-id={item.id}>
                <td>{item.name}</td>
                <td>{item.status}</td>
                <td>{item.created_at}</td>
                <td>{item.updated_at}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div ref={end} className="end">
          {isFetchingNextPage ? "Loading more…" : hasNextPage ? "" : rows.length ? "End of list." : ""}
        </div>
      </div>
    </main>
  );
}
