import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/mock.setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
