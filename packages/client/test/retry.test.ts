// The retry schedule: exponential backoff with full jitter (base 0.5 s, cap 8 s) and Retry-After (capped at 60 s).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffMs, RETRYABLE_STATUS, retryAfterMs, sleep } from "../src/retry.js";

describe("backoffMs", () => {
  it("is full jitter over min(8 s, 0.5 s × 2^retry)", () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((retry) => backoffMs(retry, () => 0.999_999))).toEqual([
      499, 999, 1999, 3999, 7999, 7999, 7999,
    ]);
    expect(backoffMs(3, () => 0)).toBe(0);
    expect(backoffMs(1, () => 0.5)).toBe(500);
  });

  it("always lies in [0, cap)", () => {
    fc.assert(
      fc.property(fc.nat(60), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, r) => {
        const ms = backoffMs(retry, () => r);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThan(Math.min(8_000, 500 * 2 ** retry));
      }),
    );
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    [null, undefined],
    ["0", 0],
    ["3", 3_000],
    [" 7 ", 7_000],
    ["120", 60_000],
    ["Thu, 01 Jan 2026 00:00:05 GMT", 5_000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0],
    ["Fri, 02 Jan 2026 00:00:00 GMT", 60_000],
    ["soon", undefined],
    ["-1", undefined],
    ["1.5", undefined],
  ])("Retry-After %j → %j ms", (value, expected) => {
    expect(retryAfterMs(value, now)).toBe(expected);
  });
});

describe("what is retried", () => {
  it("408, 429, 500, 502, 503, 504 and nothing else", () => {
    const retried = Array.from({ length: 500 }, (_, i) => i + 100).filter((s) => RETRYABLE_STATUS.has(s));
    expect(retried).toEqual([408, 429, 500, 502, 503, 504]);
  });
});

describe("sleep", () => {
  it("resolves after the wait", async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
  });
  it("rejects with the signal's reason when aborted", async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    await expect(sleep(60_000, AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
  });
});
