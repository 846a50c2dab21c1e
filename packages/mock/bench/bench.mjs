#!/usr/bin/env node
/**
 * `pnpm bench` (root) → this: autocannon, 50 connections for 10 s each, in one run on one machine, against
 *   1. the mock as users run it (`csbs-mock`: Prism behind the strict proxy),
 *   2. the same with Prism's per-request log off (`--log-level warn`),
 *   3. Prism alone (no strict proxy), to show what the proxy costs,
 *   4. a bare node:http server answering the same example (the ceiling).
 * Each server runs in its own process; autocannon runs here. Prints req/s, p50 and p99 latency, and the ratios.
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=50 to change the load.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { freePort } from "../dist/index.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const path = "/v1/0b4ea3bd1e8047b3b7fcbb4bbc8e7e63/checkpoint_items?status=available&limit=10";
const headers = { "x-auth-token": "bench" };

const doc = JSON.parse(readFileSync(fileURLToPath(new URL("../dist/openapi.json", import.meta.url)), "utf8"));
const example = doc.components.examples.available.value;

/** Each server in its own process, so autocannon (here) does not share an event loop with it. */
async function startProcess(args, ready) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  let listening = false;
  // Keep draining the server's log (Prism logs every request) but keep only what comes before it is ready.
  child.stdout.on("data", (c) => {
    if (!listening) out += c;
  });
  while (!ready.test(out)) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  listening = true;
  const stop = async () => {
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  };
  return stop;
}

/** The mock as users run it: the csbs-mock CLI. */
async function startCli(...flags) {
  const port = await freePort();
  const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
  const stop = await startProcess([cli, "--port", String(port), ...flags], /CSBS mock listening/);
  return { url: `http://127.0.0.1:${port}`, stop };
}

/** The ceiling: node:http, answering the same JSON body Prism answers. */
async function startBare() {
  const port = await freePort();
  const body = JSON.stringify(example);
  const source = `
    const body = ${JSON.stringify(body)};
    require("node:http").createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    }).listen(${port}, "127.0.0.1", () => console.log("ready"));`;
  const stop = await startProcess(["-e", source], /ready/);
  return { url: `http://127.0.0.1:${port}`, stop };
}

async function load(url, duration) {
  const result = await autocannon({ url: `${url}${path}`, headers, connections, duration });
  return result;
}

async function measure(label, start) {
  const server = await start();
  try {
    await load(server.url, 1); // warm-up (JIT, keep-alive sockets)
    const r = await load(server.url, seconds);
    const errors = `${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`;
    const line =
      `${label.padEnd(44)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms` +
      `   p99 ${String(r.latency.p99).padStart(4)} ms   (${r.requests.total} requests; ${errors})`;
    console.log(line);
    return r;
  } finally {
    await server.stop();
  }
}

console.log(`autocannon: ${connections} connections, ${seconds} s each, GET ${path}\n`);
const mock = await measure("mock (csbs-mock: Prism 5.14.2 + strict proxy)", () => startCli());
const quiet = await measure("mock, --log-level warn", () => startCli("--log-level", "warn"));
const prism = await measure("Prism alone (csbs-mock --no-strict)", () => startCli("--no-strict"));
const bare = await measure("bare node:http, same example (ceiling)", startBare);

const pct = (a, b) => `${((100 * a) / b).toFixed(1)}%`;
const times = (a, b) => `${(a / b).toFixed(1)}×`;
console.log("");
const latency = (a, b) => (b > 0 ? times(a, b) : `${a} ms vs <1 ms`);
console.log(
  `mock / bare: ${pct(mock.requests.average, bare.requests.average)} of the ceiling's req/s; ` +
    `p50 ${latency(mock.latency.p50, bare.latency.p50)}, p99 ${latency(mock.latency.p99, bare.latency.p99)}`,
);
console.log(
  `mock --log-level warn / bare: ${pct(quiet.requests.average, bare.requests.average)} of the ceiling's req/s`,
);
console.log(`strict proxy: the mock does ${pct(mock.requests.average, prism.requests.average)} of Prism alone's req/s`);
