/**
 * Sends what the form asks through `@csbs/client` itself: `createCsbsClient` with the reader's credentials (AK/SK is
 * signed by the client's own signer) and `csbs.raw`, openapi-fetch, which gives the status, headers and body of any
 * answer without throwing. "This page" hands the client a fetch answered by the mock's engine in the page
 * (`createEngineFetch` of @csbs/mock/engine); the other targets use the browser's fetch. A recording fetch keeps
 * exactly what went out (after signing) and what came back.
 */
import { type CsbsClientOptions, createCsbsClient } from "@csbs/client";
import { createEngine, createEngineFetch } from "@csbs/mock/engine";
import type { ApiModel, OperationModel } from "@csbs/types/model";
import type { Ask } from "./form.js";

/** The request as it left the client: method, URL, headers (signed ones included). */
export interface Sent {
  method: string;
  url: string;
  headers: [string, string][];
}

export interface Received {
  status: number;
  statusText: string;
  headers: [string, string][];
  body?: string;
}

export interface Outcome {
  op: OperationModel;
  ask: Ask;
  sent?: Sent;
  received?: Received;
  /** From the call to the last byte of the body (or the failure). */
  ms: number;
  /** Why no whole answer came, in words. */
  problem?: { kind: "input" | "network" | "cut" | "timeout" | "stopped"; message: string };
}

/** How long an answer may take before the console gives up on it (the client's own default). */
export const TIMEOUT_MS = 60_000;

const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What a failed fetch means, for the target it went to. */
function networkMessage(ask: Ask, url: string | undefined): string {
  if (ask.target === "page") return "The mock dropped the connection without an answer (Prefer: fault=drop).";
  const origin = url ? new URL(url).origin : ask.baseUrl;
  const here = location.protocol === "file:" ? "a file:// page, origin null" : location.origin;
  const where =
    ask.target === "local"
      ? `Is the mock running there (pnpm mock)? If it is, it refused this page's origin (${here}) for CORS.`
      : `Either the endpoint refused this page's origin (${here}) for CORS, or the network failed (an unreachable ` +
        "host, a refused connection, an untrusted certificate); the browser does not tell a page which.";
  return `The browser got no answer from ${origin}. ${where} The same request with curl, which CORS does not apply to:`;
}

/** One sender per page: it keeps the in-page engine of the last seed and size. */
export function createSender(model: ApiModel) {
  let engine: { key: string; fetch: typeof fetch } | undefined;
  const pageFetch = (seed: string, records: number): typeof fetch => {
    const key = `${records}:${seed}`;
    if (engine?.key !== key) engine = { key, fetch: createEngineFetch(createEngine(model, { seed, records })) };
    return engine.fetch;
  };

  return async function send(op: OperationModel, ask: Ask, stop: AbortSignal): Promise<Outcome> {
    const outcome: Outcome = { op, ask, ms: 0 };
    let body: Promise<string> | undefined;
    const started = performance.now();
    try {
      const inner = ask.target === "page" ? pageFetch(ask.seed, ask.records) : globalThis.fetch.bind(globalThis);
      const recording: typeof fetch = async (input, init) => {
        const request = new Request(input, init);
        outcome.sent = { method: request.method, url: request.url, headers: [...request.headers] };
        const response = await inner(request);
        outcome.received = {
          status: response.status,
          statusText: response.statusText,
          headers: [...response.headers],
        };
        body = response.clone().text();
        body.catch(() => undefined); // read below; a cut body is reported there
        return response;
      };
      const common = Object.fromEntries(
        model.commonPathParameters.map((name) => [camel(name), String(ask.values.path[name] ?? "")]),
      );
      const csbs = createCsbsClient({
        ...(common as Record<string, string>),
        baseUrl: ask.baseUrl,
        auth: ask.credentials,
        fetch: recording,
        maxRetries: 0,
      } as CsbsClientOptions);
      const headers = Object.fromEntries(Object.entries(ask.values.header).map(([k, v]) => [k, String(v)]));
      if (ask.prefer) headers.Prefer = ask.prefer;
      const signal = AbortSignal.any([stop, AbortSignal.timeout(TIMEOUT_MS)]);
      const params = { path: ask.values.path, query: ask.values.query };
      await csbs.raw
        .request(op.method as "get", op.path as never, { params, headers, signal, parseAs: "text" } as never)
        .catch((error: unknown) => {
          if (!outcome.received) throw error;
        });
      if (outcome.received && body) outcome.received.body = await body;
    } catch (error) {
      outcome.problem = problemOf(error, outcome, ask, stop);
    }
    outcome.ms = performance.now() - started;
    return outcome;
  };
}

function problemOf(error: unknown, outcome: Outcome, ask: Ask, stop: AbortSignal): Outcome["problem"] {
  if (stop.aborted) return { kind: "stopped", message: "Stopped: a newer request replaced this one." };
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return { kind: "timeout", message: `No answer within ${TIMEOUT_MS / 1000} s.` };
  }
  if (!outcome.sent) return { kind: "input", message: messageOf(error) };
  if (outcome.received) {
    return { kind: "cut", message: `The connection was cut in the middle of the body: ${messageOf(error)}` };
  }
  return { kind: "network", message: networkMessage(ask, outcome.sent.url) };
}
