// `pnpm bench`: per-request cost of raw fetch, bare openapi-fetch and listCheckpointItems on one loopback server
// returning the seed's example, then the peak heap growth of iterating 200,000 items over 200 pages.
// Run with --expose-gc (see package.json). A benchmark, not a test: it prints figures and asserts nothing.
import { fork } from "node:child_process";
import type { paths } from "@csbs/types";
import createClient from "openapi-fetch";
// The source, not dist/: the same code (tsx strips the types), and `tsc` over bench/ never depends on a build
// being present.
import { createCsbsClient } from "../src/index.js";

const child = fork(new URL("./server.mjs", import.meta.url), { stdio: "inherit", execArgv: [] });
const port = await new Promise<number>((resolve) => child.once("message", (m: { port: number }) => resolve(m.port)));
const baseUrl = `http://127.0.0.1:${port}`;
const projectId = "0b4ea3bd1e8047b3b7fcbb4bbc8e7e63";
const token = "bench-token";
const path = "/v1/{project_id}/checkpoint_items";

const bare = createClient<paths>({ baseUrl, headers: { "X-Auth-Token": token } });
const csbs = createCsbsClient({ baseUrl, projectId, auth: { token } });
const signed = createCsbsClient({ baseUrl, projectId, auth: { accessKey: "AK", secretKey: "bench-secret-key" } });
const url = `${baseUrl}/v1/${projectId}/checkpoint_items`;

const variants = [
  { name: "raw fetch", run: async () => (await fetch(url, { headers: { "X-Auth-Token": token } })).json() },
  {
    name: "openapi-fetch",
    run: async () => (await bare.GET(path, { params: { path: { project_id: projectId } } })).data,
  },
  { name: "listCheckpointItems", run: () => csbs.listCheckpointItems() },
  { name: "  the same, AK/SK", run: () => signed.listCheckpointItems() },
].map((variant) => ({ ...variant, samples: [] as number[] }));

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20_000);
const WARMUP = 2_000;
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  // Interleaved, rotating the order each round, so drift (GC, JIT, sockets) hits every variant alike.
  for (let k = 0; k < variants.length; k++) {
    const variant = variants[(round + k) % variants.length] as (typeof variants)[number];
    const start = process.hrtime.bigint();
    await variant.run();
    const elapsed = Number(process.hrtime.bigint() - start) / 1_000;
    if (round >= WARMUP) variant.samples.push(elapsed);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;
const [rawUs, bareUs, clientUs] = variants.map((v) => median(v.samples)) as [number, number, number];
console.log(`median per request over ${ROUNDS} requests each (loopback, seed example, keep-alive):`);
for (const v of variants) console.log(`  ${v.name.padEnd(20)} ${median(v.samples).toFixed(1)} µs`);
console.log(`  openapi-fetch / raw fetch:             ${(bareUs / rawUs).toFixed(3)}×`);
console.log(`  listCheckpointItems / raw fetch:       ${(clientUs / rawUs).toFixed(3)}×`);
console.log(
  `  listCheckpointItems / openapi-fetch:   ${(clientUs / bareUs).toFixed(3)}× (client layer: ${((clientUs / bareUs - 1) * 100).toFixed(1)} %, budget 10 %)`,
);

// Streaming: 200,000 items over 200 pages of 1,000 (plus the empty page that proves the last full one was last);
// the heap is sampled after every 1,000 items.
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const baseline = process.memoryUsage().heapUsed;
let peak = baseline;
let count = 0;
const started = performance.now();
for await (const item of csbs.iterateCheckpointItems({ limit: 1_000 })) {
  if (++count % 1_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  if (item.id !== `item-${count - 1}`) throw new Error(`out of order at ${count}: ${item.id}`);
}
const seconds = (performance.now() - started) / 1_000;
console.log(
  `iterateCheckpointItems: ${count} items over ${count / 1_000} pages in ${seconds.toFixed(1)} s, peak heap growth ${((peak - baseline) / 2 ** 20).toFixed(1)} MB (target < 50 MB)${gc ? "" : " (run with --expose-gc for a clean baseline)"}`,
);
child.disconnect();
child.kill();
