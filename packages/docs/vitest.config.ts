import { defineConfig } from "vitest/config";

// Chromium, Redocly and tsc on a busy 2-core machine (load 8 or more): the browser tests wait up to 60 s for the page
// (WAIT in the tests), so a test may take longer than that before it fails with what it waited for.
export default defineConfig({ test: { testTimeout: 120_000, hookTimeout: 180_000 } });
