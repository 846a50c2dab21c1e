import { defineConfig } from "vitest/config";

// Not vite.config.ts: the tests build the app themselves (per VITE_CSBS_TARGET), they are not part of it.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000 },
});
