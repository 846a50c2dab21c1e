// The API glue of this screen: everything here exists only to connect CSBS to the UI (counted in README.md).
import {
  AuthenticationError,
  CsbsApiError,
  CsbsConnectionError,
  type CsbsError,
  createCsbsClient,
  RateLimitError,
} from "@csbs/client";
import { createCsbsQueries } from "@csbs/query";

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: CsbsError; // every useQuery's error, not only @csbs/query's (which carry it already)
  }
}

const toMock = import.meta.env.VITE_CSBS_TARGET === "mock";
const prefer = new URLSearchParams(location.search).get("prefer"); // a scenario of the mock: code=401, fault=429, …
export const csbs = createCsbsClient({
  baseUrl: toMock ? (import.meta.env.VITE_CSBS_MOCK_URL ?? "http://127.0.0.1:4010") : location.origin,
  projectId: import.meta.env.VITE_CSBS_PROJECT_ID ?? "demo",
  auth: { token: "demo-token" }, // the mock takes any token; a real app passes the user's IAM token
  headers: prefer ? { Prefer: prefer } : {},
});
export const csbsq = createCsbsQueries(csbs);

/** Starts MSW (the mock's engine in a service worker) unless the app talks to `pnpm mock`; before the first render. */
export async function startMocking(): Promise<void> {
  if (toMock) return;
  const [{ setupWorker }, { createHandlers }] = await Promise.all([import("msw/browser"), import("@csbs/mock/msw")]);
  await setupWorker(...createHandlers()).start({ quiet: true });
}

/** What the user reads for each error class. */
export function errorMessage(error: CsbsError): string {
  if (error instanceof AuthenticationError) return "Your session has expired: sign in again.";
  if (error instanceof RateLimitError) return `Too many requests: try again in ${error.retryAfter ?? 1} s.`;
  if (error instanceof CsbsConnectionError) return "Cannot reach CSBS: check your connection and retry.";
  if (error instanceof CsbsApiError && error.status >= 500) return `CSBS failed (HTTP ${error.status}): retry later.`;
  return error.message;
}
