#!/usr/bin/env node
/**
 * `pnpm bench` (root) → this: autocannon, 50 connections, one run on one machine, a filtered and sorted page
 * (`?status=available&sort=created_at:desc,name&limit=10&offset=N`, N varying), side by side:
 *   1. Prism alone (`prism mock` on the same spec: validates, answers the example, ignores the filter),
 *   2. the mock in data mode (csbs-mock: the engine filters, sorts and pages 200 records; Prism validates in-process),
 *   3. the mock in data mode with 100,000 records: p50 of the same page at 50 connections and at one, then its
 *      memory after a full GC (bench/server.mjs) before and after 100,000 more requests.
 * Each server runs in its own process; autocannon runs here. BENCH_SECONDS (default 10), BENCH_CONNECTIONS (50).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { model } from "@csbs/types/model";
import autocannon from "autocannon";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
// The paged operation of the spec's model: no path is written here.
const template = model.operations.find((op) => op.pagination)?.path;
const path = `${template.replace("{project_id}", "0b4ea3bd1e8047b3b7fcbb4bbc8e7e63")}?status=available&sort=created_at:desc,name&limit=10`;
const headers = { "x-auth-token": "bench" };

/** A port the OS calls free on 127.0.0.1 now, for a server process to listen on. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

async function startProcess(args, ready) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let listening = false;
  // Keep draining the server's log (a line per request) but keep only what comes before it is ready.
  const keep = (c) => {
    if (!listening) out += c;
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  while (!ready.test(out)) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  listening = true;
  /** Asks a bench/server.mjs child for its memory after a full GC (it prints one JSON line on SIGUSR2). */
  const memory = () =>
    new Promise((resolve) => {
      const onData = (c) => {
        const text = String(c);
        if (!text.startsWith("{")) return;
        child.stdout.off("data", onData);
        resolve(JSON.parse(text));
      };
      child.stdout.on("data", onData);
      child.kill("SIGUSR2");
    });
  return {
    pid: child.pid,
    memory,
    stop: async () => {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

const prismCli = () => {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("@stoplight/prism-cli/package.json");
  return join(dirname(pkg), require(pkg).bin.prism);
};

async function startPrism() {
  const port = await freePort();
  const spec = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));
  const p = await startProcess([prismCli(), "mock", spec, "--port", String(port)], /Prism is listening/);
  return { ...p, url: `http://127.0.0.1:${port}` };
}

async function startCli(...flags) {
  const port = await freePort();
  const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
  const p = await startProcess([cli, "--port", String(port), ...flags], /CSBS mock listening/);
  return { ...p, url: `http://127.0.0.1:${port}` };
}

// Each request asks another page (offset 0 to pages - 1: 100 with 200 records, whose available ones fill about 12
// pages, so most are real pages; 5,000 with 100,000), so no answer is the last one again.
let counter = 0;
const load = (url, { pages = 100, ...options }) =>
  autocannon({
    url: `${url}${path}`,
    headers,
    connections,
    requests: [{ setupRequest: (req) => ({ ...req, path: `${path}&offset=${counter++ % pages}` }) }],
    ...options,
  });
const line = (label, r) =>
  `${label.padEnd(46)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(3)} ms` +
  `   p99 ${String(r.latency.p99).padStart(4)} ms   (${r.requests.total} requests; ${r.errors} errors, ${r.non2xx} non-2xx)`;

async function measure(label, start) {
  const server = await start();
  try {
    await load(server.url, { duration: 1 }); // warm-up (JIT, keep-alive sockets, the sort order's cache)
    const r = await load(server.url, { duration: seconds });
    console.log(line(label, r));
    return r;
  } finally {
    await server.stop();
  }
}

console.log(
  `autocannon: ${connections} connections, ${seconds} s each, GET ${path}&offset=N (0-99; 0-4999 at 100,000 records)\n`,
);
const prism = await measure("Prism alone (prism mock, same spec)", startPrism);
const data = await measure("mock, data mode, 200 records (+ Prism checks)", () => startCli());

// 100,000 records: the same page at 50 connections and one at a time, then live memory over 100,000 requests.
const bigPort = await freePort();
const big = await startProcess(
  ["--expose-gc", fileURLToPath(new URL("server.mjs", import.meta.url)), String(bigPort), "100000"],
  /listening/,
);
const bigUrl = `http://127.0.0.1:${bigPort}`;
let bigRun;
let single;
let memory;
try {
  await load(bigUrl, { duration: 1, pages: 5_000 });
  bigRun = await load(bigUrl, { duration: seconds, pages: 5_000 });
  console.log(line("mock, data mode, 100,000 records", bigRun));
  single = await load(bigUrl, { duration: Math.max(3, seconds / 2), connections: 1, pages: 5_000 });
  console.log(line("  the same, one connection (one page at a time)", single));
  const before = await big.memory();
  const r = await load(bigUrl, { amount: 100_000, pages: 5_000 });
  const after = await big.memory();
  memory = { before, after, requests: r.requests.total };
  console.log(
    `memory of the 100,000-record mock after a full GC: heap ${before.heapUsed} → ${after.heapUsed} MiB, ` +
      `RSS ${before.rss} → ${after.rss} MiB after ${r.requests.total} more requests`,
  );
} finally {
  await big.stop();
}

console.log("");
console.log(
  `data mode / Prism alone: ${(data.requests.average / prism.requests.average).toFixed(2)}× the req/s ` +
    `(goal ≥ 1.0×); p50 ${data.latency.p50} vs ${prism.latency.p50} ms, p99 ${data.latency.p99} vs ${prism.latency.p99} ms`,
);
console.log(
  `100,000 records: p50 ${bigRun.latency.p50} ms at ${connections} connections, ${single.latency.p50} ms one page at a time (goal < 25 ms)`,
);
console.log(
  `memory growth over 100,000 requests: heap ${memory.after.heapUsed - memory.before.heapUsed} MiB, ` +
    `RSS ${memory.after.rss - memory.before.rss} MiB (goal < 50 MiB)`,
);
