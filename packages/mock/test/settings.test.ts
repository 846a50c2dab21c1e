// The settings every front reads (csbs-mock's flags, CSBS_MOCK_* for pnpm dev): defaults, precedence, one-line errors.
import { describe, expect, it } from "vitest";
import { MockConfigError, mockOptionsFromEnv, readSettings } from "../src/settings.js";

describe("mock settings", () => {
  it("defaults, environment variables, and flags that win over them", () => {
    expect(mockOptionsFromEnv({})).toEqual({
      host: "127.0.0.1",
      port: 4010,
      records: 200,
      seed: "csbs",
      faultRate: 0,
      examples: false,
      logLevel: "info",
    });
    const env = {
      CSBS_MOCK_PORT: "4011",
      CSBS_MOCK_RECORDS: "5000",
      CSBS_MOCK_LATENCY: "100-800",
      CSBS_MOCK_EXAMPLES: "1",
    };
    expect(mockOptionsFromEnv(env)).toMatchObject({ port: 4011, records: 5000, latency: [100, 800], examples: true });
    expect(readSettings({ port: "0", latency: "200", "fault-rate": "0.1" }, env)).toMatchObject({
      port: 0,
      latency: 200,
      faultRate: 0.1,
    });
  });

  it.each([
    [{ CSBS_MOCK_PORT: "abc" }, /^CSBS_MOCK_PORT must be an integer from 0 to 65535, got "abc"$/],
    [{ CSBS_MOCK_RECORDS: "0" }, /^CSBS_MOCK_RECORDS must be/],
    [{ CSBS_MOCK_LATENCY: "slow" }, /^CSBS_MOCK_LATENCY must be milliseconds/],
    [{ CSBS_MOCK_FAULT_RATE: "1.5" }, /^CSBS_MOCK_FAULT_RATE must be a number from 0 to 1/],
    [{ CSBS_MOCK_LOG_LEVEL: "loud" }, /^CSBS_MOCK_LOG_LEVEL must be info, warn or silent/],
    [{ CSBS_MOCK_EXAMPLES: "yes" }, /^CSBS_MOCK_EXAMPLES must be 1 or 0/],
  ])("%j: one line naming the variable", (env, message) => {
    expect(() => mockOptionsFromEnv(env)).toThrow(MockConfigError);
    expect(() => mockOptionsFromEnv(env)).toThrow(message);
  });

  it("names the flag when the flag was wrong", () => {
    expect(() => readSettings({ port: "http" }, { CSBS_MOCK_PORT: "4011" })).toThrow(/^--port must be/);
  });
});
