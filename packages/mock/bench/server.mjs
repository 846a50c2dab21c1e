#!/usr/bin/env node
// The mock for bench.mjs's memory figure: startMock in this process (run with --expose-gc); on SIGUSR2 it runs a full
// garbage collection and prints process.memoryUsage() in MiB as one JSON line, so live memory is measured, not the
// garbage the collector has not reached yet.
import { startMock } from "../dist/index.js";

const [port, records] = process.argv.slice(2).map(Number);
const mock = await startMock({ port, records, logLevel: "silent" });
process.on("SIGUSR2", () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const usage = Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 2 ** 20)]);
  console.log(JSON.stringify(Object.fromEntries(usage)));
});
process.on("SIGTERM", () => mock.stop().then(() => process.exit(0)));
console.log("listening");
