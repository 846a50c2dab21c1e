import { defineConfig } from "vitest/config";

// Two TypeScript compilers per breaking case, and whole copies of the repository built and removed (growth, paths):
// on a busy 2-core machine (load 8 or more) that is several times slower than on a quiet one.
export default defineConfig({ test: { testTimeout: 120_000, hookTimeout: 180_000 } });
