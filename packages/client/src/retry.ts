/** Statuses worth another attempt of an idempotent GET. 400, 401, 403 and 404 never are. */
export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

const BASE_MS = 500;
const CAP_MS = 8_000;
const RETRY_AFTER_CAP_MS = 60_000;

/** Exponential backoff with full jitter: uniform in [0, min(8 s, 0.5 s × 2^retry)). `retry` counts from 0. */
export const backoffMs = (retry: number, random: () => number = Math.random): number =>
  Math.floor(random() * Math.min(CAP_MS, BASE_MS * 2 ** retry));

/**
 * The wait a Retry-After header asks for, in ms, capped (at 60 s unless `capMs` says otherwise): delta-seconds or an HTTP date (against `nowMs`).
 * Undefined when the header is absent or unreadable, so the caller falls back to backoff.
 */
export function retryAfterMs(value: string | null, nowMs: number, capMs = RETRY_AFTER_CAP_MS): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1_000;
  else {
    // An HTTP date always names its month; Date.parse alone would read "1.5" or "-1" as dates.
    const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(date)) return undefined;
    ms = Math.max(0, date - nowMs);
  }
  return Math.min(ms, capMs);
}

/** Waits `ms`, or rejects with the signal's reason the moment it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
