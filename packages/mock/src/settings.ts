/**
 * The mock's settings from flags and environment variables, checked once for every front that reads them: the
 * `csbs-mock` CLI and `pnpm dev` (`mockOptionsFromEnv`). A wrong value throws MockConfigError whose message is one
 * line naming the flag or the variable that was wrong.
 */
import { DEFAULT_RECORDS, DEFAULT_SEED, MAX_RECORDS } from "./engine.js";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 4010;

export class MockConfigError extends Error {
  override name = "MockConfigError";
}

/** A setting: its value's type on the command line, its environment variable and its help line. */
export interface Setting {
  readonly type: "string" | "boolean";
  readonly env: string;
  readonly help: string;
}
export type SettingName = "host" | "port" | "records" | "seed" | "latency" | "fault-rate" | "examples" | "log-level";

/** Every setting: its flag (`--name`), its environment variable and its help line. */
export const SETTINGS: { readonly [name in SettingName]: Setting } = {
  host: { type: "string", env: "CSBS_MOCK_HOST", help: `interface to listen on (default ${DEFAULT_HOST})` },
  port: { type: "string", env: "CSBS_MOCK_PORT", help: `port, 0 for any free one (default ${DEFAULT_PORT})` },
  records: {
    type: "string",
    env: "CSBS_MOCK_RECORDS",
    help: `backups in the data set, 1-${MAX_RECORDS} (default ${DEFAULT_RECORDS})`,
  },
  seed: { type: "string", env: "CSBS_MOCK_SEED", help: `seed of the data set (default "${DEFAULT_SEED}")` },
  latency: { type: "string", env: "CSBS_MOCK_LATENCY", help: "delay of every answer in ms: 200, or a range 100-800" },
  "fault-rate": {
    type: "string",
    env: "CSBS_MOCK_FAULT_RATE",
    help: "share of requests answered with a random fault, 0-1",
  },
  examples: {
    type: "boolean",
    env: "CSBS_MOCK_EXAMPLES",
    help: "answer the spec's first example instead of the data set",
  },
  "log-level": {
    type: "string",
    env: "CSBS_MOCK_LOG_LEVEL",
    help: "info (a line per request, default), warn or silent",
  },
};

export interface MockSettings {
  host: string;
  port: number;
  records: number;
  seed: string;
  latency?: number | [number, number];
  faultRate: number;
  examples: boolean;
  logLevel: "info" | "warn" | "silent";
}

/** Reads the settings: a flag wins over its environment variable, which wins over the default. */
export function readSettings(
  flags: Partial<Record<SettingName, string | boolean | undefined>>,
  env: Record<string, string | undefined>,
): MockSettings {
  const fail = (message: string): never => {
    throw new MockConfigError(message);
  };
  const setting = (name: SettingName): { text: string | undefined; from: string } => {
    const flag = flags[name];
    if (typeof flag === "string") return { text: flag, from: `--${name}` };
    const fromEnv = env[SETTINGS[name].env];
    return { text: fromEnv === "" ? undefined : fromEnv, from: SETTINGS[name].env };
  };
  const integer = (name: SettingName, min: number, max: number, fallback: number): number => {
    const { text, from } = setting(name);
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      fail(`${from} must be an integer from ${min} to ${max}, got "${text}"`);
    }
    return Number(text);
  };

  let latency: MockSettings["latency"];
  const lat = setting("latency");
  if (lat.text !== undefined) {
    const m = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(lat.text);
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) {
      fail(`${lat.from} must be milliseconds (200) or a range (100-800), got "${lat.text}"`);
    }
    latency = m?.[2] === undefined ? Number(m?.[1]) : [Number(m[1]), Number(m[2])];
  }
  const rate = setting("fault-rate");
  if (rate.text !== undefined && !/^(0|1|0?\.\d+|1\.0*|0\.0*)$/.test(rate.text)) {
    fail(`${rate.from} must be a number from 0 to 1 (0.1 = one request in ten), got "${rate.text}"`);
  }
  const level = setting("log-level");
  if (level.text !== undefined && !["info", "warn", "silent"].includes(level.text)) {
    fail(`${level.from} must be info, warn or silent, got "${level.text}"`);
  }
  let examples = flags.examples === true;
  const ex = env[SETTINGS.examples.env];
  if (!examples && ex !== undefined && ex !== "" && ex !== "0" && ex !== "false") {
    if (ex !== "1" && ex !== "true") fail(`${SETTINGS.examples.env} must be 1 or 0, got "${ex}"`);
    examples = true;
  }
  return {
    host: setting("host").text ?? DEFAULT_HOST,
    port: integer("port", 0, 65_535, DEFAULT_PORT),
    records: integer("records", 1, MAX_RECORDS, DEFAULT_RECORDS),
    seed: setting("seed").text ?? DEFAULT_SEED,
    ...(latency !== undefined ? { latency } : {}),
    faultRate: rate.text === undefined ? 0 : Number(rate.text),
    examples,
    logLevel: (level.text as MockSettings["logLevel"] | undefined) ?? "info",
  };
}

/** The mock's settings from CSBS_MOCK_* environment variables alone (for `pnpm dev`). Throws MockConfigError. */
export function mockOptionsFromEnv(env: Record<string, string | undefined>): MockSettings {
  return readSettings({}, env);
}
