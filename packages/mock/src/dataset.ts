/**
 * One operation's data set: the generated records (data.ts) kept as columns, only those the model's filters, sort keys
 * and paging read (hidden attributes too); an item is built again when a page shows it. Sort orders of the whole set,
 * the positions a filter keeps in an order, and item texts are cached, each in a bounded LRU (lru-cache).
 */
import type { OperationModel, PaginationModel } from "@csbs/types/model";
import { LRUCache } from "lru-cache";
import { generator, type Hidden, type Json } from "./data.js";

export type PagedOperation = OperationModel & { pagination: PaginationModel };

export interface SortTerm {
  field: string;
  desc: boolean;
}

/** A whole data set in one order: `order[n]` is the record at position n, `rank[i]` the position of record i. */
export interface Ordered {
  order: Int32Array;
  rank: Int32Array;
}

/** The fields a data set keeps, each with whether it is hidden (kept by the service, not in the item). */
function keptFields(op: PagedOperation): Map<string, boolean> {
  const fields = new Map<string, boolean>([[op.pagination.id, false]]);
  for (const p of op.parameters) if (p.filter) fields.set(p.filter.field, p.filter.hidden);
  for (const k of Object.values(op.sort?.keys ?? {})) fields.set(k.field, k.hidden);
  return fields;
}

/** Compares two column values; absent values sort first ascending, as a database sorts NULLs low. */
function compareBy(cols: { col: unknown[]; sign: number }[]): (a: number, b: number) => number {
  return (a, b) => {
    for (const { col, sign } of cols) {
      const x = col[a] as string | number | null | undefined;
      const y = col[b] as string | number | null | undefined;
      if (x === y) continue;
      if (x === undefined || x === null) return -sign;
      if (y === undefined || y === null) return sign;
      return x < y ? -sign : sign;
    }
    return 0;
  };
}

export class DataSet {
  readonly size: number;
  private readonly gen: ReturnType<typeof generator>;
  private readonly columns = new Map<string, unknown[]>();
  private readonly indexById = new Map<string, number>();
  private readonly orders = new LRUCache<string, Ordered>({ max: 16 });
  private readonly matches = new LRUCache<string, Int32Array>({ max: 32 });
  private readonly texts = new LRUCache<number, string>({ max: 5_000 });

  constructor(op: PagedOperation, seed: string, records: number, example: Json) {
    this.size = records;
    this.gen = generator(seed, records, example);
    const getters = [...keptFields(op)].map(([field, hidden]) => {
      const column: unknown[] = new Array(records);
      this.columns.set(field, column);
      const path = field.split(".");
      return (item: Json, h: Hidden, i: number) => {
        column[i] = hidden // only the value is kept, not the item it came from
          ? (h as unknown as Record<string, unknown>)[field]
          : path.reduce((o: Json, k) => (o === undefined || o === null ? undefined : o[k]), item);
      };
    });
    for (let i = 0; i < records; i++) {
      const { item, hidden } = this.gen.record(i);
      for (const get of getters) get(item, hidden, i);
    }
    const ids = this.column(op.pagination.id);
    for (let i = 0; i < records; i++) this.indexById.set(String(ids[i]), i);
  }

  column(field: string): unknown[] {
    return this.columns.get(field) ?? [];
  }

  /** The record whose id this is, if any. */
  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  /** An item as JSON text; the most recently shown ones are kept, so a page is mostly a join. */
  itemJson(i: number): string {
    let text = this.texts.get(i);
    if (text === undefined) {
      text = JSON.stringify(this.gen.record(i).item);
      this.texts.set(i, text);
    }
    return text;
  }

  /** The whole data set in one sort order (cached). */
  ordered(terms: SortTerm[]): Ordered {
    const key = terms.map((t) => `${t.field}:${t.desc ? "d" : "a"}`).join(",");
    const cached = this.orders.get(key);
    if (cached) return cached;
    const cols = terms.map((t) => ({ col: this.column(t.field), sign: t.desc ? -1 : 1 }));
    const order = Int32Array.from({ length: this.size }, (_, i) => i);
    order.sort(compareBy(cols));
    const rank = new Int32Array(this.size);
    for (let n = 0; n < this.size; n++) rank[order[n] as number] = n;
    const entry = { order, rank };
    this.orders.set(key, entry);
    return entry;
  }

  /** The kept positions for a filters + order key (cached). */
  matching(key: string, compute: () => Int32Array): Int32Array {
    let hit = this.matches.get(key);
    if (!hit) {
      hit = compute();
      this.matches.set(key, hit);
    }
    return hit;
  }
}
