import { defineConfig } from "vitest/config";

// The drift tests run the generator (tsx, openapi-typescript) as a process: generous limits, for a loaded machine.
export default defineConfig({ test: { include: ["test/**/*.test.mts"], testTimeout: 180_000, hookTimeout: 180_000 } });
