// The API glue of this screen: everything in this file exists only to connect CSBS to the UI (README.md counts it).
import { AuthenticationError, CsbsApiError, CsbsConnectionError, createCsbsClient, RateLimitError } from "@csbs/client";
import { createCsbsQueries } from "@csbs/query";

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: import("@csbs/client").CsbsError; // every query's error type, @csbs/query's or not
  }
}

// VITE_CSBS_TARGET (.env): `mock` is the mock process, else MSW in this page (main.tsx). ?prefer=code%3D401: a scenario
const headers = Object.fromEntries(new URLSearchParams(location.search).getAll("prefer").map((v) => ["Prefer", v]));
const baseUrl = import.meta.env.VITE_CSBS_TARGET === "mock" ? import.meta.env.VITE_CSBS_MOCK_URL : location.origin;
const csbs = createCsbsClient({ baseUrl, projectId: "demo", auth: { token: "any" }, headers }); // the mock takes any
export const csbsq = createCsbsQueries(csbs);

/** What the user reads for each error class of the client. */
export function errorMessage(error: Error): string {
  if (error instanceof AuthenticationError) return "Your session has expired: sign in again.";
  if (error instanceof RateLimitError) return `Too many requests: try again in ${error.retryAfter ?? 1} s.`;
  if (error instanceof CsbsConnectionError) return "Cannot reach CSBS: check your connection and retry.";
  if (error instanceof CsbsApiError && error.status >= 500) return `CSBS failed (HTTP ${error.status}): retry later.`;
  return error.message;
}
