#!/usr/bin/env node
/**
 * `pnpm bench` (root) → this: autocannon, 50 connections, one run on one machine, a filtered and sorted page
 * (`?status=available&sort=created_at:desc,name&limit=10`), side by side:
 *   1. Prism alone (`prism mock` on the same spec: validates, answers the example, ignores the filter),
 *   2. the mock in data mode (csbs-mock: the engine filters, sorts and pages 200 records; Prism validates in-process),
 *   3. the mock in data mode with 100,000 records: p50 of the same page, then 100,000 requests, RSS before and after.
 * Each server runs in its own process; autocannon runs here. BENCH_SECONDS (default 10), BENCH_CONNECTIONS (50).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { freePort } from "../dist/index.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const doc = JSON.parse(readFileSync(fileURLToPath(new URL("../dist/openapi.json", import.meta.url)), "utf8"));
// The paged operation, found by its extension: no path is written here.
const template = Object.entries(doc.paths).find(([, item]) => item.get?.["x-pagination"])?.[0];
const path = `${template.replace("{project_id}", "0b4ea3bd1e8047b3b7fcbb4bbc8e7e63")}?status=available&sort=created_at:desc,name&limit=10`;
const headers = { "x-auth-token": "bench" };

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
  return {
    pid: child.pid,
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

const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const load = (url, options) => autocannon({ url: `${url}${path}`, headers, connections, ...options });
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

console.log(`autocannon: ${connections} connections, ${seconds} s each, GET ${path}\n`);
const prism = await measure("Prism alone (prism mock, same spec)", startPrism);
const data = await measure("mock, data mode, 200 records (+ Prism checks)", () => startCli());

// 100,000 records: the same page, then memory over 100,000 requests.
const big = await startCli("--records", "100000", "--log-level", "warn");
let bigRun;
let memory;
try {
  await load(big.url, { duration: 1 });
  bigRun = await load(big.url, { duration: seconds });
  console.log(line("mock, data mode, 100,000 records (log: warn)", bigRun));
  const settle = () => new Promise((r) => setTimeout(r, 2_000));
  await settle();
  const before = rss(big.pid);
  const r = await load(big.url, { amount: 100_000 });
  await settle();
  const after = rss(big.pid);
  memory = { before, after, requests: r.requests.total };
  console.log(
    `memory of the 100,000-record mock: RSS ${before.toFixed(0)} MiB → ${after.toFixed(0)} MiB after ${r.requests.total} more requests (${(after - before).toFixed(0)} MiB)`,
  );
} finally {
  await big.stop();
}

console.log("");
console.log(
  `data mode / Prism alone: ${(data.requests.average / prism.requests.average).toFixed(2)}× the req/s ` +
    `(goal ≥ 1.0×); p50 ${data.latency.p50} vs ${prism.latency.p50} ms, p99 ${data.latency.p99} vs ${prism.latency.p99} ms`,
);
console.log(`100,000 records: p50 ${bigRun.latency.p50} ms (goal < 25 ms)`);
console.log(`memory growth over 100,000 requests: ${(memory.after - memory.before).toFixed(0)} MiB (goal < 50 MiB)`);
