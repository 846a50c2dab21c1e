/** The engine's vocabulary: what a front hands it (a request) and what it hands back (an answer). */
import type { OperationModel } from "@csbs/types/model";

export interface EngineOptions {
  /** The data set's seed: the same seed gives the same data everywhere. Default "csbs". */
  seed?: string;
  /** How many backups the data set holds: 1 to 100,000. Default 200. */
  records?: number;
  /** Latency of every answer in ms: a number, or [min, max] for a seeded random delay in that range. */
  latency?: number | [number, number];
  /** Share of requests (0 to 1) answered with a random fault (429, 502, 504, drop, truncate); seeded. Default 0. */
  faultRate?: number;
  /** Answer the spec's first named example instead of the data set when no `Prefer: example=` is sent. */
  examples?: boolean;
}

export interface EngineRequest {
  method: string;
  /** The path without query, e.g. /v1/p/items */
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  header(name: string): string | null | undefined;
}

export type Fault = "429" | "502" | "504" | "drop" | "truncate";

export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** JSON text (absent for a dropped connection). */
  body?: string;
  /** Wait this long before answering (latency). */
  delayMs: number;
  /** `drop`: close the connection without an answer; `truncate`: send half of the body, then close. */
  fault?: "drop" | "truncate";
  /** The violations found in the query (for the `sl-violations` header, as Prism names them). */
  violations?: Violation[];
  /** The operation of the model the request matched. */
  operation?: OperationModel;
}

export interface Violation {
  location: string[];
  severity: "Error";
  code: string;
  message: string;
}

/** A query's values, checked and typed (numbers, booleans), by parameter name. */
export type QueryValues = Map<string, unknown>;

/** What `Prefer` asks: `example`, `code`, `delay`, `fault` (lower-case names, unquoted values). */
export type Prefer = Partial<Record<string, string>>;

/** One request being answered: what every stage reads besides the request itself. */
export interface Exchange {
  request: EngineRequest;
  /** The request's X-Request-Id when safe to echo, else a fresh one. */
  id: string;
  prefer: Prefer;
  delayMs: number;
}
