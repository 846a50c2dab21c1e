import { defineConfig } from "vitest/config";

// The browser test starts Chromium: give hooks time on a busy 2-core machine.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });
